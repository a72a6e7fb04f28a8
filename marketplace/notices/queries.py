"""Every read about notices and missions (interest and alerts have their own queries)."""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, false, func, or_, select
from sqlalchemy.orm import lazyload, load_only, selectinload

from marketplace import clock
from marketplace.db import among
from marketplace.extensions import db
from marketplace.notices.choices import VALUE_BANDS, WHOLE_BOROUGH
from marketplace.notices.models import (
    CLOSED,
    PUBLIC_STATUSES,
    PUBLISHED,
    WITHDRAWN,
    Interest,
    Mission,
    Notice,
    NoticeCategory,
    NoticeDocument,
    NoticeWard,
)

log = logging.getLogger(__name__)
PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


def get_notice(notice_id: int) -> Notice | None:
    return db.session.get(Notice, notice_id)


def get_public_notice(notice_id: int) -> Notice | None:
    notice = get_notice(notice_id)
    return notice if notice is not None and notice.is_public else None


def get_document(document_id: int) -> NoticeDocument | None:
    return db.session.get(NoticeDocument, document_id)


def storage_key_in_use(key: str) -> bool:
    return db.session.scalar(select(exists().where(NoticeDocument.storage_key == key))) or False


def list_missions(*, active_only: bool = False) -> list[Mission]:
    statement = select(Mission).order_by(Mission.name)
    if active_only:
        statement = statement.where(Mission.active.is_(True))
    return list(db.session.scalars(statement))


def get_mission(mission_id: int) -> Mission | None:
    return db.session.get(Mission, mission_id)


def find_mission_by_name(name: str) -> Mission | None:
    return db.session.scalar(select(Mission).where(func.lower(Mission.name) == name.strip().lower()))


def notice_ids_for_mission(mission_id: int) -> list[int]:
    return list(db.session.scalars(select(Notice.id).where(Notice.mission_id == mission_id)))


def count_notices_for_mission(mission_id: int) -> int:
    return db.session.scalar(select(func.count()).select_from(Notice).where(Notice.mission_id == mission_id)) or 0


def list_managed_notices(user) -> list[Notice]:
    """A buyer's own notices (every notice for an admin), newest first."""
    statement = select(Notice).order_by(Notice.updated_at.desc(), Notice.id.desc())
    if not user.is_admin:
        statement = statement.where(Notice.owner_id == user.id)
    return list(db.session.scalars(statement))


def interest_counts(notice_ids: list[int]) -> dict[int, int]:
    if not notice_ids:
        return {}
    statement = (
        select(Interest.notice_id, func.count()).where(Interest.notice_id.in_(notice_ids)).group_by(Interest.notice_id)
    )
    return dict(db.session.execute(statement).all())


def list_public_notices_for_export(*, since: datetime | None = None) -> list[Notice]:
    statement = (
        select(Notice).where(Notice.status.in_(PUBLIC_STATUSES)).order_by(Notice.published_at.desc(), Notice.id.desc())
    )
    if since is not None:
        statement = statement.where(Notice.published_at > since)
    return list(db.session.scalars(statement))


# --- the public list: filters in SQL, words through the search index -------------------------


@dataclass
class NoticeCriteria:
    text: str = ""
    missions: list[int] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    wards: list[str] = field(default_factory=list)
    value_bands: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)  # open, closed, withdrawn
    suitable: list[str] = field(default_factory=list)  # sme, vcse
    kinds: list[str] = field(default_factory=list)
    page: int = 1
    page_size: int = PAGE_SIZE


@dataclass
class NoticeResults:
    notices: list[Notice]
    total: int
    page: int
    page_size: int
    suggestion: str | None = None
    highlights: dict[int, dict[str, str]] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(math.ceil(self.total / self.page_size), 1)


def search_notices(criteria: NoticeCriteria, *, at: datetime | None = None, list_page: bool = False) -> NoticeResults:
    """Public notices matching the words and filters, best match (or newest) first.

    `list_page`: load only what the list page shows (not outcomes, categories, wards or owner: four statements
    and most of the row loading the feed and API need; nor the columns a row does not show)."""
    at = at or clock.now()
    page_size = min(max(criteria.page_size, 1), MAX_PAGE_SIZE)
    page = max(criteria.page, 1)
    conditions = [Notice.status.in_(PUBLIC_STATUSES), *_filter_conditions(criteria, at)]
    if criteria.text.strip():
        matched = _text_matches(criteria.text)
        if matched is not None:
            ids, suggestion = matched
            return _search_matches(criteria.text, ids, suggestion, conditions, page, page_size, list_page)
        conditions.append(_words_condition(criteria.text))  # the index is unavailable: plain matching
    order: list[Any] = [Notice.published_at.desc(), Notice.id.desc()]
    offset = (page - 1) * page_size
    statement = select(Notice).where(*conditions).order_by(*order).limit(page_size).offset(offset)
    notices = list(db.session.scalars(statement.options(*_list_page_loading() if list_page else [])))
    if 0 < len(notices) < page_size or (offset == 0 and not notices):
        total = offset + len(notices)  # the last page: no need to count
    else:
        total = db.session.scalar(select(func.count()).select_from(Notice).where(*conditions)) or 0
    return NoticeResults(notices, total, page, page_size)


# What a row of the list page shows (and its status needs); the rest (the description, contacts, dates the list
# does not show) is left unread: about a third of the list's row loading.
_LIST_PAGE_COLUMNS = (
    Notice.kind,
    Notice.status,
    Notice.title,
    Notice.summary,
    Notice.mission_id,
    Notice.value_low,
    Notice.value_high,
    Notice.engagement_closes_at,
    Notice.suitable_sme,
    Notice.suitable_vcse,
    Notice.published_at,
)


def _list_page_loading(*, but: tuple[str, ...] = (), columns: tuple = ()) -> list:
    related = ("outcomes", "categories", "wards", "owner")
    return [
        load_only(*_LIST_PAGE_COLUMNS, *columns),
        *[lazyload(getattr(Notice, name)) for name in related if name not in but],
    ]


def _search_matches(
    text: str, ids: list[int], suggestion: str | None, conditions: list, page: int, page_size: int, list_page: bool
) -> NoticeResults:
    """The index's matches (best first) that pass the filters: which pass is one statement of ids; only
    the page's rows are loaded and highlighted."""
    passing = set(db.session.scalars(select(Notice.id).where(among(Notice.id, ids), *conditions))) if ids else set()
    ranked = [i for i in ids if i in passing]
    page_ids = ranked[(page - 1) * page_size : page * page_size]
    notices: list[Notice] = []
    highlights: dict[int, dict[str, str]] = {}
    if page_ids:
        # The highlights need the outcomes and categories (the list page otherwise leaves them).
        statement = select(Notice).where(Notice.id.in_(page_ids))
        statement = statement.options(
            *_list_page_loading(but=("outcomes", "categories"), columns=(Notice.description,)) if list_page else [],
            selectinload(Notice.outcomes),
            selectinload(Notice.categories),
        )
        by_id = {notice.id: notice for notice in db.session.scalars(statement)}
        notices = [by_id[i] for i in page_ids if i in by_id]
        from marketplace.notices import search_documents

        highlights = search_documents.highlights_for(text, notices)
    return NoticeResults(notices, len(ranked), page, page_size, suggestion, highlights)


def _filter_conditions(criteria: NoticeCriteria, at: datetime) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if criteria.missions:
        conditions.append(Notice.mission_id.in_(criteria.missions))
    if criteria.kinds:
        conditions.append(Notice.kind.in_(criteria.kinds))
    if criteria.categories:
        # Hierarchical: choosing division 45 finds notices tagged with its groups (451 …) too.
        prefixes = [NoticeCategory.code.startswith(code, autoescape=True) for code in criteria.categories]
        conditions.append(exists().where(NoticeCategory.notice_id == Notice.id, or_(*prefixes)))
    if criteria.wards:
        # A notice for the whole borough is in every ward.
        conditions.append(
            exists().where(NoticeWard.notice_id == Notice.id, NoticeWard.ward.in_([*criteria.wards, WHOLE_BOROUGH]))
        )
    if criteria.value_bands:
        conditions.append(or_(*[_in_band(band) for band in criteria.value_bands if band in VALUE_BANDS] or [false()]))
    if criteria.statuses:
        conditions.append(or_(*[_has_status(status, at) for status in criteria.statuses]))
    if "sme" in criteria.suitable:
        conditions.append(Notice.suitable_sme.is_(True))
    if "vcse" in criteria.suitable:
        conditions.append(Notice.suitable_vcse.is_(True))
    return conditions


def _in_band(band: str):
    _, band_low, band_high = VALUE_BANDS[band]
    low = func.coalesce(Notice.value_low, Notice.value_high)
    high = func.coalesce(Notice.value_high, Notice.value_low)
    condition = and_(low.is_not(None), high >= band_low)
    return and_(condition, low < band_high) if band_high is not None else condition


def _has_status(status: str, at: datetime):
    still_open = or_(Notice.engagement_closes_at.is_(None), Notice.engagement_closes_at > at)
    if status == "open":
        return and_(Notice.status == PUBLISHED, still_open)
    if status == CLOSED:
        return or_(Notice.status == CLOSED, and_(Notice.status == PUBLISHED, ~still_open))
    if status == WITHDRAWN:
        return Notice.status == WITHDRAWN
    return false()


def _words_condition(text: str):
    words = [word for word in text.lower().split() if word][:10]
    searchable = func.lower(
        func.coalesce(Notice.title, "")
        + " "
        + func.coalesce(Notice.summary, "")
        + " "
        + func.coalesce(Notice.description, "")
    )
    return and_(*[searchable.contains(word, autoescape=True) for word in words])


def _text_matches(text: str):
    from marketplace.notices import search_documents

    try:
        return search_documents.matching_ids(text)
    except Exception:
        log.exception("Notice search index unavailable; using plain matching")
        return None
