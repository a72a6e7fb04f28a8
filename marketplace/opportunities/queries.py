"""Reads about opportunities (never bid content: that is `bids/sealing.py`)."""

from __future__ import annotations

import functools
import logging
import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, false, func, or_, select
from sqlalchemy.orm import joinedload, lazyload, load_only, raiseload

from marketplace import clock
from marketplace.db import among
from marketplace.extensions import db
from marketplace.notices.choices import VALUE_BANDS, WHOLE_BOROUGH
from marketplace.opportunities.models import (
    ANYONE,
    AWARDED,
    CANCELLED,
    INVITED,
    LOT,
    PUBLIC_STATUSES,
    PUBLISHED,
    Opportunity,
    OpportunityCategory,
    OpportunityDocument,
    OpportunityInvitation,
    OpportunityWard,
)

log = logging.getLogger(__name__)
PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
CLOSING_SOON = timedelta(days=7)


def get_opportunity(opportunity_id: int) -> Opportunity | None:
    if not 0 < opportunity_id < 2**31:
        return None
    return db.session.get(Opportunity, opportunity_id)


def get_for_bid(opportunity_id: int) -> Opportunity | None:
    """For the bid pages: the opportunity's row and its award criteria, which every bid page reads (the
    requirements, documents and the rest are read if a page uses them, not joined or selected in)."""
    if not 0 < opportunity_id < 2**31:
        return None
    return db.session.get(Opportunity, opportunity_id, options=[lazyload("*"), joinedload(Opportunity.criteria)])


def member_emails(organisation_id: int) -> list[str]:
    """Everyone in an organisation, by when they joined (who a bid's emails go to)."""
    from marketplace.accounts.models import User
    from marketplace.suppliers.models import Membership

    statement = (
        select(User.email)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.organisation_id == organisation_id)
        .order_by(Membership.created_at, Membership.id)
    )
    return list(db.session.scalars(statement))


def get_public_opportunity(opportunity_id: int) -> Opportunity | None:
    opportunity = get_opportunity(opportunity_id)
    return opportunity if opportunity is not None and opportunity.status in PUBLIC_STATUSES else None


def get_document(opportunity_id: int, document_id: int) -> OpportunityDocument | None:
    if not 0 < document_id < 2**31:
        return None
    document = db.session.get(OpportunityDocument, document_id)
    return document if document is not None and document.opportunity_id == opportunity_id else None


def storage_key_in_use(key: str) -> bool:
    return db.session.scalar(select(exists().where(OpportunityDocument.storage_key == key))) or False


def list_managed(user) -> list[Opportunity]:
    """A buyer's own opportunities (every one for an admin), newest change first."""
    statement = select(Opportunity).order_by(Opportunity.updated_at.desc(), Opportunity.id.desc())
    if not user.is_admin:
        statement = statement.where(Opportunity.owner_id == user.id)
    return list(db.session.scalars(statement))


def for_notice(notice_id: int) -> list[Opportunity]:
    statement = (
        select(Opportunity).where(Opportunity.notice_id == notice_id).order_by(Opportunity.created_at, Opportunity.id)
    )
    return list(db.session.scalars(statement))


def is_invited(opportunity_id: int, organisation_id: int) -> bool:
    statement = select(
        exists().where(
            OpportunityInvitation.opportunity_id == opportunity_id,
            OpportunityInvitation.organisation_id == organisation_id,
        )
    )
    return bool(db.session.scalar(statement))


def list_public_for_export() -> list[Opportunity]:
    statement = (
        select(Opportunity)
        .where(Opportunity.status.in_(PUBLIC_STATUSES))
        .order_by(Opportunity.published_at.desc(), Opportunity.id.desc())
    )
    return list(db.session.scalars(statement))


def published_between(start: datetime, end: datetime) -> list[Opportunity]:
    statement = (
        select(Opportunity)
        .where(Opportunity.status == PUBLISHED, Opportunity.published_at > start, Opportunity.published_at <= end)
        .order_by(Opportunity.published_at, Opportunity.id)
    )
    return list(db.session.scalars(statement))


# --- the public list: filters in SQL, words through the search index -------------------------


@dataclass
class OpportunityCriteria:
    text: str = ""
    missions: list[int] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    wards: list[str] = field(default_factory=list)
    value_bands: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)  # open, closed, awarded, cancelled
    suitable: list[str] = field(default_factory=list)  # sme, vcse
    closing_soon: bool = False
    # "Open to me": the organisation's id and the framework lots it is on (set by the view).
    open_to_organisation: int | None = None
    open_to_lots: list[str] = field(default_factory=list)
    open_to_me: bool = False
    page: int = 1
    page_size: int = PAGE_SIZE


@dataclass
class OpportunityResults:
    opportunities: list[Opportunity]
    total: int
    page: int
    page_size: int
    suggestion: str | None = None
    highlights: dict[int, dict[str, str]] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(math.ceil(self.total / self.page_size), 1)


def search(criteria: OpportunityCriteria, *, at: datetime | None = None, list_page: bool = False) -> OpportunityResults:
    """Public opportunities matching the words and filters, best match (or newest) first.

    `list_page`: load only what the list page shows (the mission; not the owner, outcomes, requirements,
    categories, wards or criteria, which the feed and the API read: five statements a page)."""
    at = at or clock.now()
    page_size = min(max(criteria.page_size, 1), MAX_PAGE_SIZE)
    page = max(criteria.page, 1)
    conditions = [Opportunity.status.in_(PUBLIC_STATUSES), *_filter_conditions(criteria, at)]
    loading = _list_page_loading() if list_page else ()
    if criteria.text.strip():
        matched = _text_matches(criteria.text)
        if matched is not None:
            ids, suggestion = matched
            return _search_matches(criteria.text, ids, suggestion, conditions, page, page_size, list_page)
        conditions.append(_words_condition(criteria.text))
    total = db.session.scalar(select(func.count()).select_from(Opportunity).where(*conditions)) or 0
    order: list[Any] = [Opportunity.published_at.desc(), Opportunity.id.desc()]
    statement = select(Opportunity).where(*conditions).order_by(*order).limit(page_size).offset((page - 1) * page_size)
    return OpportunityResults(list(db.session.scalars(statement.options(*loading))), total, page, page_size)


def _search_matches(
    text: str, ids: list[int], suggestion: str | None, conditions: list, page: int, page_size: int, list_page: bool
) -> OpportunityResults:
    """The index's matches (best first) that pass the filters: which pass is one statement of ids; only
    the page's rows are loaded and highlighted."""
    passing = (
        set(db.session.scalars(select(Opportunity.id).where(among(Opportunity.id, ids), *conditions))) if ids else set()
    )
    ranked = [i for i in ids if i in passing]
    page_ids = ranked[(page - 1) * page_size : page * page_size]
    opportunities: list[Opportunity] = []
    highlights: dict[int, dict[str, str]] = {}
    if page_ids:
        # The list page loads its columns and the description; the highlights read the outcomes and categories
        # as plain rows (`search_documents.highlights_for`). The feed and the API load them with the rows.
        statement = select(Opportunity).where(Opportunity.id.in_(page_ids))
        statement = statement.options(*_list_page_loading(but=("description",)) if list_page else ())
        by_id = {opportunity.id: opportunity for opportunity in db.session.scalars(statement)}
        opportunities = [by_id[i] for i in page_ids if i in by_id]
        from marketplace.opportunities import search_documents

        highlights = search_documents.highlights_for(text, opportunities, children_loaded=not list_page)
    return OpportunityResults(opportunities, len(ranked), page, page_size, suggestion, highlights)


_NOT_ON_THE_LIST = ("owner", "outcomes", "requirements", "categories", "wards", "criteria")


@functools.cache
def _list_page_loading(*, but: tuple[str, ...] = ()) -> tuple:
    """The list page's columns (`listing.LIST_COLUMNS`) and its mission; anything else raises if read, so a
    page that starts reading more fails its tests rather than adding a statement for each row. Built once:
    the options are the same for every request."""
    from marketplace.opportunities.listing import LIST_COLUMNS

    columns = [*LIST_COLUMNS, *(("description",) if "description" in but else ())]
    return (
        load_only(*[getattr(Opportunity, name) for name in columns], raiseload=True),
        *[raiseload(getattr(Opportunity, name)) for name in _NOT_ON_THE_LIST if name not in but],
    )


def _filter_conditions(criteria: OpportunityCriteria, at: datetime) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if criteria.missions:
        conditions.append(Opportunity.mission_id.in_(criteria.missions))
    if criteria.categories:
        prefixes = [OpportunityCategory.code.startswith(code, autoescape=True) for code in criteria.categories]
        conditions.append(exists().where(OpportunityCategory.opportunity_id == Opportunity.id, or_(*prefixes)))
    if criteria.wards:
        conditions.append(
            exists().where(
                OpportunityWard.opportunity_id == Opportunity.id,
                OpportunityWard.ward.in_([*criteria.wards, WHOLE_BOROUGH]),
            )
        )
    if criteria.value_bands:
        conditions.append(or_(*[_in_band(band) for band in criteria.value_bands if band in VALUE_BANDS] or [false()]))
    if criteria.statuses:
        conditions.append(or_(*[status_condition(status, at) for status in criteria.statuses]))
    if "sme" in criteria.suitable:
        conditions.append(Opportunity.suitable_sme.is_(True))
    if "vcse" in criteria.suitable:
        conditions.append(Opportunity.suitable_vcse.is_(True))
    if criteria.closing_soon:
        conditions.append(and_(status_condition("open", at), Opportunity.closes_at <= at + CLOSING_SOON))
    if criteria.open_to_me:
        conditions.append(and_(status_condition("open", at), _open_to(criteria)))
    return conditions


def _open_to(criteria: OpportunityCriteria):
    if criteria.open_to_organisation is None:
        return false()
    invited = exists().where(
        OpportunityInvitation.opportunity_id == Opportunity.id,
        OpportunityInvitation.organisation_id == criteria.open_to_organisation,
    )
    options = [Opportunity.who_may_bid == ANYONE, and_(Opportunity.who_may_bid == INVITED, invited)]
    if criteria.open_to_lots:
        options.append(and_(Opportunity.who_may_bid == LOT, Opportunity.lot_id.in_(criteria.open_to_lots)))
    return or_(*options)


def _in_band(band: str):
    _, band_low, band_high = VALUE_BANDS[band]
    low = func.coalesce(Opportunity.value_low, Opportunity.value_high)
    high = func.coalesce(Opportunity.value_high, Opportunity.value_low)
    condition = and_(low.is_not(None), high >= band_low)
    return and_(condition, low < band_high) if band_high is not None else condition


def status_condition(status: str, at: datetime):
    if status == "open":
        return and_(Opportunity.status == PUBLISHED, Opportunity.closes_at > at)
    if status == "closed":
        return and_(Opportunity.status == PUBLISHED, Opportunity.closes_at <= at)
    if status == AWARDED:
        return Opportunity.status == AWARDED
    if status == CANCELLED:
        return Opportunity.status == CANCELLED
    return false()


def _words_condition(text: str):
    words = [word for word in text.lower().split() if word][:10]
    searchable = func.lower(
        func.coalesce(Opportunity.title, "")
        + " "
        + func.coalesce(Opportunity.summary, "")
        + " "
        + func.coalesce(Opportunity.description, "")
    )
    return and_(*[searchable.contains(word, autoescape=True) for word in words])


def _text_matches(text: str):
    from marketplace.opportunities import search_documents

    try:
        return search_documents.matching_ids(text)
    except Exception:
        log.exception("Opportunity search index unavailable; using plain matching")
        return None
