"""Whose organisation is this? Checked on the server for every supplier page."""

from __future__ import annotations

from functools import wraps

from flask import abort, g, redirect, url_for
from flask_login import current_user

from marketplace.accounts.access import role_required
from marketplace.accounts.models import SUPPLIER
from marketplace.suppliers import queries
from marketplace.suppliers.models import OWNER


def current_membership():
    if "membership" not in g:
        g.membership = queries.get_membership_for_user(current_user.id) if current_user.is_authenticated else None
    return g.membership


def organisation_member_required(view):
    """A verified supplier with an organisation; `organisation` is passed to the view."""

    @wraps(view)
    @role_required(SUPPLIER)
    def wrapped(*args, **kwargs):
        membership = current_membership()
        if membership is None:
            return redirect(url_for("suppliers.start"))
        return view(*args, organisation=membership.organisation, **kwargs)

    return wrapped


def organisation_owner_required(view):
    @wraps(view)
    @organisation_member_required
    def wrapped(*args, organisation, **kwargs):
        if current_membership().role != OWNER:
            abort(403)
        return view(*args, organisation=organisation, **kwargs)

    return wrapped
