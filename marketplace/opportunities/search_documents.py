"""Opportunities in the shared search engine: the "opportunity" document type, where its documents
come from and which rows feed it (as `marketplace/notices/search_documents.py` does for notices).

Only public opportunities are documents, and only what the opportunity itself says: bids are never
indexed. The index supplies word matching, relevance order, highlights and spelling suggestions;
filters run in SQL (whether an opportunity is open depends on the clock).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import func, select

from marketplace.extensions import db
from marketplace.notices.search_documents import value_bands_of
from marketplace.opportunities.models import (
    PUBLIC_STATUSES,
    Opportunity,
    OpportunityCategory,
    OpportunityOutcome,
    OpportunityWard,
    Requirement,
)
from marketplace.search.engine import SearchRequest, highlight_documents
from marketplace.search.schema import DocType, FacetField, SortField, TextField
from marketplace.suppliers import reference

DOCTYPE = "opportunity"
BATCH = 500
MAX_TEXT_MATCHES = 1_000

OPPORTUNITY = DocType(
    name=DOCTYPE,
    text_fields=(
        TextField("title", ("title",), boost=6.0, b=0.3),
        TextField("summary", ("summary", "outcomes"), boost=3.0, b=0.5),
        TextField("taxonomy", ("categories.label", "mission"), boost=2.0, b=0.4),
        TextField("body", ("description", "requirements"), boost=1.2, b=0.75),
    ),
    facet_fields=(
        FacetField("mission", "mission_id"),
        FacetField("categories", "categories.code", hierarchical=True),
        FacetField("wards", "wards"),
        FacetField("value_bands", "value_bands"),
        FacetField("suitable", "suitable"),
        FacetField("status", "status"),
    ),
    sort_fields=(SortField("published", "published_at", kind="datetime", descending=True),),
    text_paths=("title", "summary", "outcomes", "description", "categories.label"),
    highlight_fields=("title", "summary", "outcomes", "description", "categories.label"),
    fallback_field="summary",
    title_fields=("title",),
)


def register() -> None:
    """Tell the search services about opportunities (idempotent)."""
    from marketplace.search.sources import SOURCES, Source, register_source
    from marketplace.search.tracking import track

    if DOCTYPE in SOURCES:
        return
    track(Opportunity, DOCTYPE, lambda row: row.id)
    for model in (OpportunityOutcome, OpportunityCategory, OpportunityWard, Requirement):
        track(model, DOCTYPE, lambda row: row.opportunity_id)
    register_source(Source(OPPORTUNITY, build_documents, all_documents, count_documents))


def to_document(opportunity: Opportunity) -> dict[str, Any]:
    return {
        "id": str(opportunity.id),
        "title": opportunity.title,
        "summary": opportunity.summary or "",
        "outcomes": [outcome.text for outcome in opportunity.outcomes],
        "description": opportunity.description or "",
        "requirements": [requirement.text for requirement in opportunity.requirements],
        "mission": opportunity.mission.name if opportunity.mission else None,
        "mission_id": str(opportunity.mission_id) if opportunity.mission_id else None,
        "categories": [{"code": code, "label": reference.category_label(code)} for code in opportunity.category_codes],
        "wards": opportunity.ward_slugs,
        "value_bands": value_bands_of(opportunity),  # type: ignore[arg-type]
        "suitable": [key for key in ("sme", "vcse") if getattr(opportunity, f"suitable_{key}")],
        "status": opportunity.status,
        "published_at": opportunity.published_at,
    }


def build_documents(ids: Iterable[str]) -> dict[str, dict[str, Any] | None]:
    wanted = [int(i) for i in ids if str(i).isdigit()]
    found: dict[str, dict[str, Any] | None] = {str(i): None for i in wanted}
    for start in range(0, len(wanted), BATCH):
        batch = wanted[start : start + BATCH]
        for opportunity in db.session.scalars(select(Opportunity).where(Opportunity.id.in_(batch))):
            if opportunity.status in PUBLIC_STATUSES:
                found[str(opportunity.id)] = to_document(opportunity)
    return found


def all_documents() -> Iterator[dict[str, Any]]:
    last_id = 0
    while True:
        statement = (
            select(Opportunity)
            .where(Opportunity.status.in_(PUBLIC_STATUSES), Opportunity.id > last_id)
            .order_by(Opportunity.id)
            .limit(BATCH)
        )
        opportunities = db.session.scalars(statement).all()
        if not opportunities:
            return
        for opportunity in opportunities:
            yield to_document(opportunity)
        last_id = opportunities[-1].id


def count_documents() -> int:
    statement = select(func.count()).select_from(Opportunity).where(Opportunity.status.in_(PUBLIC_STATUSES))
    return db.session.scalar(statement) or 0


def matching_ids(text: str) -> tuple[list[int], str | None]:
    """Ids of public opportunities matching the words, best first (at most 1,000), and a suggestion.
    Without highlights: the list highlights only the page it shows (`highlights_for`)."""
    from marketplace.search.services import ensure_caught_up, get_index

    ensure_caught_up()
    index = get_index()
    result = index.search(DOCTYPE, SearchRequest(text=text, page_size=MAX_TEXT_MATCHES, highlight=False))
    return [int(hit.id) for hit in result.hits], result.suggestion


def highlights_for(
    text: str, opportunities: Iterable[Opportunity], *, children_loaded: bool = True
) -> dict[int, dict[str, str]]:
    """The search's highlights for these opportunities, from their rows. With `children_loaded` the rows carry
    their outcomes and categories; otherwise those are read as plain rows (one statement each), only for the
    rows whose snippets reach them."""
    documents: dict[int, dict[str, Any]] = {
        opportunity.id: {
            "title": opportunity.title,
            "summary": opportunity.summary or "",
            "description": opportunity.description or "",
        }
        for opportunity in opportunities
    }
    if children_loaded:
        for opportunity in opportunities:
            documents[opportunity.id] |= _children(
                [outcome.text for outcome in opportunity.outcomes], opportunity.category_codes
            )
        return highlight_documents(OPPORTUNITY, text, documents)
    return highlight_documents(OPPORTUNITY, text, documents, rest=(_read_children,))


def _children(outcomes: list[str], category_codes: list[str]) -> dict[str, Any]:
    return {"outcomes": outcomes, "categories": [{"label": reference.category_label(c)} for c in category_codes]}


def _read_children(ids: list[int]) -> dict[int, dict[str, Any]]:
    """The outcomes (in order) and category codes of these opportunities, as plain rows."""
    outcomes = _texts_by_opportunity(ids, OpportunityOutcome.text, OpportunityOutcome.position)
    codes = _texts_by_opportunity(ids, OpportunityCategory.code, OpportunityCategory.code)
    return {i: _children(outcomes[i], codes[i]) for i in ids}


def _texts_by_opportunity(ids: list[int], column: Any, order: Any) -> dict[int, list[str]]:
    """One column of a child table for these opportunities, each opportunity's values in `order`."""
    owner = column.class_.opportunity_id
    texts: dict[int, list[str]] = {i: [] for i in ids}
    statement = select(owner, column).where(owner.in_(ids)).order_by(owner, order)
    for opportunity_id, text in db.session.execute(statement):
        texts[opportunity_id].append(text)
    return texts
