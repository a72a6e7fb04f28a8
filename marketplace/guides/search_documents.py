"""Guides in the shared search engine: the "guide" document type, with topic and audience facets.

Registered by the app factory (`register`). Only live guides are documents, as readers see them (their
published version, not the working copy); changes to guides and versions are tracked in the writer's transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import func, select

from marketplace.extensions import db
from marketplace.guides.models import ARCHIVED, Guide, GuideVersion
from marketplace.search.engine import MAX_PAGE_SIZE, SearchRequest
from marketplace.search.schema import DocType, FacetField, SortField, TextField
from marketplace.search.sources import Source, register_source
from marketplace.search.tracking import track

DOCTYPE = "guide"

GUIDE = DocType(
    name=DOCTYPE,
    text_fields=(
        TextField("title", ("title",), boost=6.0, b=0.3),
        TextField("summary", ("summary",), boost=3.0, b=0.5),
        TextField("body", ("body",), boost=1.0, b=0.75),
    ),
    facet_fields=(FacetField("topics", "topics"), FacetField("audience", "audience")),
    sort_fields=(SortField("updated", "last_updated_at", kind="datetime", descending=True),),
    text_paths=("title", "summary", "body"),
    highlight_fields=("title", "summary", "body"),
    fallback_field="summary",
    title_fields=("title",),
)


def register() -> None:
    track(Guide, DOCTYPE, lambda row: row.id)
    track(GuideVersion, DOCTYPE, lambda row: row.guide_id)
    register_source(Source(GUIDE, build_documents, all_documents, count_documents))


def to_document(guide: Guide) -> dict[str, Any] | None:
    version = guide.live_version
    if version is None or not guide.is_live:
        return None
    audience = ["suppliers", "buyers"] if version.audience == "both" else [version.audience]
    return {
        "id": str(guide.id),
        "title": version.title,
        "summary": version.summary,
        "body": version.body,
        "topics": list(version.topics),
        "audience": audience,
        "last_updated_at": guide.last_updated_at,
    }


def _live():
    return select(Guide).where(Guide.live_number.is_not(None), Guide.status != ARCHIVED)


def build_documents(ids: Iterable[str]) -> dict[str, dict[str, Any] | None]:
    wanted = [int(i) for i in ids if str(i).isdigit()]
    found: dict[str, dict[str, Any] | None] = {str(i): None for i in wanted}
    for guide in db.session.scalars(select(Guide).where(Guide.id.in_(wanted))):
        found[str(guide.id)] = to_document(guide)
    return found


def all_documents() -> Iterator[dict[str, Any]]:
    for guide in db.session.scalars(_live().order_by(Guide.id)):
        document = to_document(guide)
        if document is not None:
            yield document


def count_documents() -> int:
    return db.session.scalar(select(func.count()).select_from(_live().subquery())) or 0


def search(text: str, *, topics: list[str], audience: list[str]):
    """Live guides matching the words (and chosen facets), best first: (ids, highlights, facets, suggestion)."""
    from marketplace.search import services

    filters = {name: values for name, values in (("topics", topics), ("audience", audience)) if values}
    request = SearchRequest(text=text, filters=filters, facets=["topics", "audience"], page=1, page_size=MAX_PAGE_SIZE)
    result = services.search(DOCTYPE, request)
    ids = [int(hit.id) for hit in result.hits]
    return ids, {int(hit.id): hit.highlights for hit in result.hits}, result.facets, result.suggestion
