"""Who may download or delete a supplier's documents; checked on the server for every request.

Everyone refused gets a 404 from the views, so document ids reveal nothing about what exists.
"""

from __future__ import annotations

from flask_login import current_user

from marketplace.suppliers.access import current_membership
from marketplace.suppliers.models import Organisation


def is_member(organisation: Organisation) -> bool:
    # Verified, like organisation_member_required: an unconfirmed account is not yet trusted.
    if not (current_user.is_authenticated and current_user.is_verified):
        return False
    membership = current_membership()
    return membership is not None and membership.organisation_id == organisation.id


def may_download(organisation: Organisation) -> bool:
    """Members always; verified buyers and admins only once the profile is published."""
    if is_member(organisation):
        return True
    if not (organisation.is_published and current_user.is_authenticated and current_user.is_verified):
        return False
    return bool(current_user.is_buyer or current_user.is_admin)
