from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from marketplace.extensions import db
from marketplace.shortlists.models import SavedSearch, Shortlist, ShortlistEntry


def list_shortlists(owner_id: int) -> list[tuple[Shortlist, int]]:
    """The buyer's shortlists with how many suppliers each holds (one query)."""
    statement = (
        select(Shortlist, func.count(ShortlistEntry.id))
        .outerjoin(ShortlistEntry)
        .where(Shortlist.owner_id == owner_id)
        .group_by(Shortlist.id)
        .order_by(Shortlist.updated_at.desc(), Shortlist.id.desc())
    )
    return [(shortlist, count) for shortlist, count in db.session.execute(statement)]


def get_own_shortlist(shortlist_id: int, owner_id: int) -> Shortlist | None:
    """None unless it exists AND belongs to this buyer (callers answer 404 either way)."""
    statement = (
        select(Shortlist)
        .where(Shortlist.id == shortlist_id, Shortlist.owner_id == owner_id)
        .options(selectinload(Shortlist.entries).joinedload(ShortlistEntry.organisation))
    )
    return db.session.scalar(statement)


def get_own_entry(entry_id: int, owner_id: int) -> ShortlistEntry | None:
    statement = (
        select(ShortlistEntry).join(Shortlist).where(ShortlistEntry.id == entry_id, Shortlist.owner_id == owner_id)
    )
    return db.session.scalar(statement)


def list_saved_searches(owner_id: int) -> list[SavedSearch]:
    statement = (
        select(SavedSearch)
        .where(SavedSearch.owner_id == owner_id)
        .order_by(SavedSearch.created_at.desc(), SavedSearch.id.desc())
    )
    return list(db.session.scalars(statement))


def get_own_saved_search(saved_id: int, owner_id: int) -> SavedSearch | None:
    return db.session.scalar(select(SavedSearch).where(SavedSearch.id == saved_id, SavedSearch.owner_id == owner_id))
