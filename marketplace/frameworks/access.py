"""Whose application is this? A supplier only ever reaches their own organisation's (by framework, never by id)."""

from __future__ import annotations

from functools import wraps

from flask import abort

from marketplace.frameworks import queries
from marketplace.suppliers.access import organisation_member_required


def framework_or_404(slug: str):
    return queries.get_framework(slug) or abort(404)


def own_application_required(view):
    """The signed-in supplier's organisation's application to the framework in the URL, or 404."""

    @wraps(view)
    @organisation_member_required
    def wrapped(slug: str, organisation, **kwargs):
        framework = framework_or_404(slug)
        application = queries.get_application(framework.id, organisation.id) or abort(404)
        return view(framework=framework, application=application, organisation=organisation, **kwargs)

    return wrapped
