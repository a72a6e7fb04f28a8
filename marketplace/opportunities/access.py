"""Who may see and change an opportunity: checked on the server for every request."""

from __future__ import annotations

from functools import wraps

from flask import abort
from flask_login import current_user

from marketplace.accounts.access import role_required
from marketplace.accounts.models import ADMIN, BUYER
from marketplace.opportunities import queries, rules


def can_manage(opportunity, user=None) -> bool:
    """The buyer who owns it, or an admin (who can never read bids: see bids/sealing.py)."""
    user = user if user is not None else current_user
    if not getattr(user, "is_authenticated", False) or not user.is_verified:
        return False
    return user.is_admin or (user.is_buyer and opportunity.owner_id == user.id)


def is_owner(opportunity, user=None) -> bool:
    user = user if user is not None else current_user
    return bool(getattr(user, "is_authenticated", False) and user.is_buyer and opportunity.owner_id == user.id)


def visible_or_404(opportunity_id: int, *, get=queries.get_opportunity):
    opportunity = get(opportunity_id)
    if opportunity is None or not (rules.is_public(opportunity) or can_manage(opportunity)):
        abort(404)  # a draft is not found, not forbidden
    return opportunity


def managed(view):
    """A buyer (or admin) route for one opportunity they manage; passes `opportunity` to the view."""

    @wraps(view)
    @role_required(BUYER, ADMIN)
    def wrapped(*args, opportunity_id: int, **kwargs):
        opportunity = queries.get_opportunity(opportunity_id)
        if opportunity is None or not can_manage(opportunity):
            abort(404)
        return view(*args, opportunity=opportunity, **kwargs)

    return wrapped


def managed_draft(view):
    """A task-list page: only while the opportunity is a draft (404 afterwards, nothing to change)."""

    @wraps(view)
    @managed
    def wrapped(*args, opportunity, **kwargs):
        if not rules.is_draft(opportunity):
            abort(404)
        return view(*args, opportunity=opportunity, **kwargs)

    return wrapped
