"""Who may see and change a notice: checked on the server for every request."""

from __future__ import annotations

from functools import wraps

from flask import abort
from flask_login import current_user

from marketplace.accounts.access import role_required
from marketplace.accounts.models import ADMIN, BUYER
from marketplace.notices import queries


def can_manage(notice, user=None) -> bool:
    """The buyer who owns the notice, or an admin."""
    user = user if user is not None else current_user
    if not getattr(user, "is_authenticated", False) or not user.is_verified:
        return False
    return user.is_admin or (user.is_buyer and notice.owner_id == user.id)


def can_view(notice, user=None) -> bool:
    """Published, closed and withdrawn notices are public; drafts only to those who manage them."""
    return notice.is_public or can_manage(notice, user)


def visible_notice_or_404(notice_id: int):
    notice = queries.get_notice(notice_id)
    if notice is None or not can_view(notice):
        abort(404)  # a draft is not found, not forbidden: its existence is not revealed
    return notice


def managed_notice(view):
    """A buyer (or admin) route for one notice they manage; passes `notice` to the view."""

    @wraps(view)
    @role_required(BUYER, ADMIN)
    def wrapped(*args, notice_id: int, **kwargs):
        notice = queries.get_notice(notice_id)
        if notice is None or not can_manage(notice):
            abort(404)
        return view(*args, notice=notice, **kwargs)

    return wrapped
