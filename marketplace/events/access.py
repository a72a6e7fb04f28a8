"""Who may see and run an event; who may see its joining link."""

from __future__ import annotations

from functools import wraps

from flask import abort
from flask_login import current_user

from marketplace.accounts.access import role_required
from marketplace.accounts.models import ADMIN, BUYER
from marketplace.events import queries
from marketplace.events.models import REGISTERED


def can_manage(event, user=None) -> bool:
    user = user if user is not None else current_user
    if not getattr(user, "is_authenticated", False) or not user.is_verified:
        return False
    return user.is_admin or (user.is_buyer and event.owner_id == user.id)


def visible_event_or_404(event_id: int):
    event = queries.get_event(event_id)
    if event is None or not (event.is_public or can_manage(event)):
        abort(404)
    return event


def may_see_joining_details(event, registration) -> bool:
    """Only organisations holding places (not the waiting list), and the buyer running it."""
    return can_manage(event) or (registration is not None and registration.status == REGISTERED)


def managed_event(view):
    @wraps(view)
    @role_required(BUYER, ADMIN)
    def wrapped(*args, event_id: int, **kwargs):
        event = queries.get_event(event_id)
        if event is None or not can_manage(event):
            abort(404)
        return view(*args, event=event, **kwargs)

    return wrapped
