"""Data for the framework partials other domains include (the supplier dashboard, the profile badges).

Views call these and pass the result; templates never run queries."""

from __future__ import annotations

from marketplace.frameworks import queries
from marketplace.frameworks import status as statuses


def framework_badges(organisation) -> list[dict]:
    """The frameworks (and lots) an organisation is on, for `frameworks/_profile_badges.html`."""
    if organisation is None or organisation.id is None:
        return []
    return queries.list_framework_memberships(organisation.id)


def supplier_frameworks(organisation) -> list[dict]:
    """Frameworks open (or soon open) to apply to, and every framework the organisation has applied to."""
    if organisation is None:
        return []
    applications = {a.framework_id: a for a in queries.list_applications_for_organisation(organisation.id)}
    rows = []
    for framework in queries.list_current_frameworks():
        application = applications.get(framework.id)
        if application is not None or framework.status in (statuses.OPEN, statuses.COMING):
            rows.append({"framework": framework, "application": application})
    return rows
