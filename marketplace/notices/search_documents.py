"""Notices in the shared search engine: the "notice" document type, where its documents come
from, and which rows feed it (as `marketplace/suppliers/search_documents.py` does for profiles).

Registered with `marketplace.search` by the app factory (see `register`): changes to notices,
their outcomes, categories and wards are tracked in the writer's transaction and applied by the
search services; `flask search reindex --doctype notice` rebuilds. Only public notices are
documents. The index supplies word matching, relevance order, highlights and spelling
suggestions; the filters run in SQL (whether a notice is open depends on the clock).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import func, select

from marketplace.extensions import db
from marketplace.notices.choices import VALUE_BANDS
from marketplace.notices.models import PUBLIC_STATUSES, Notice, NoticeCategory, NoticeOutcome, NoticeWard
from marketplace.search.engine import SearchRequest, highlight_documents
from marketplace.search.schema import DocType, FacetField, SortField, TextField
from marketplace.search.sources import Source, register_source
from marketplace.search.tracking import track
from marketplace.suppliers import reference

DOCTYPE = "notice"
BATCH = 500
MAX_TEXT_MATCHES = 1_000

NOTICE = DocType(
    name=DOCTYPE,
    text_fields=(
        TextField("title", ("title",), boost=6.0, b=0.3),
        TextField("summary", ("summary", "outcomes"), boost=3.0, b=0.5),
        TextField("taxonomy", ("categories.label", "mission"), boost=2.0, b=0.4),
        TextField("body", ("description",), boost=1.2, b=0.75),
    ),
    facet_fields=(
        FacetField("kind", "kind"),
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
    """Tell the search services about notices (idempotent: a dict entry and tracked models)."""
    track(Notice, DOCTYPE, lambda row: row.id)
    for model in (NoticeOutcome, NoticeCategory, NoticeWard):
        track(model, DOCTYPE, lambda row: row.notice_id)
    register_source(Source(NOTICE, build_documents, all_documents, count_documents))


def to_document(notice: Notice) -> dict[str, Any]:
    return {
        "id": str(notice.id),
        "title": notice.title,
        "summary": notice.summary or "",
        "outcomes": [outcome.text for outcome in notice.outcomes],
        "description": notice.description or "",
        "mission": notice.mission.name if notice.mission else None,
        "mission_id": str(notice.mission_id) if notice.mission_id else None,
        "kind": notice.kind,
        "categories": [{"code": code, "label": reference.category_label(code)} for code in notice.category_codes],
        "wards": notice.ward_slugs,
        "value_bands": value_bands_of(notice),
        "suitable": [key for key in ("sme", "vcse") if getattr(notice, f"suitable_{key}")],
        "status": notice.status,
        "published_at": notice.published_at,
    }


def value_bands_of(notice: Notice) -> list[str]:
    low = notice.value_low if notice.value_low is not None else notice.value_high
    high = notice.value_high if notice.value_high is not None else notice.value_low
    if low is None or high is None:
        return []
    return [
        key
        for key, (_, band_low, band_high) in VALUE_BANDS.items()
        if high >= band_low and (band_high is None or low < band_high)
    ]


def build_documents(ids: Iterable[str]) -> dict[str, dict[str, Any] | None]:
    """Each id's document, or None where the notice is not public (or gone)."""
    wanted = [int(i) for i in ids if str(i).isdigit()]
    found: dict[str, dict[str, Any] | None] = {str(i): None for i in wanted}
    for start in range(0, len(wanted), BATCH):
        for notice in db.session.scalars(select(Notice).where(Notice.id.in_(wanted[start : start + BATCH]))):
            if notice.is_public:
                found[str(notice.id)] = to_document(notice)
    return found


def all_documents() -> Iterator[dict[str, Any]]:
    last_id = 0
    while True:
        statement = (
            select(Notice)
            .where(Notice.status.in_(PUBLIC_STATUSES), Notice.id > last_id)
            .order_by(Notice.id)
            .limit(BATCH)
        )
        notices = db.session.scalars(statement).all()
        if not notices:
            return
        for notice in notices:
            yield to_document(notice)
        last_id = notices[-1].id


def count_documents() -> int:
    return db.session.scalar(select(func.count()).select_from(Notice).where(Notice.status.in_(PUBLIC_STATUSES))) or 0


def matching_ids(text: str) -> tuple[list[int], str | None]:
    """Ids of public notices matching the words, best first (at most 1,000), and a suggestion.
    Without highlights: the list highlights only the page it shows (`highlights_for`)."""
    from marketplace.search.services import ensure_caught_up, get_index

    ensure_caught_up()
    result = get_index().search(DOCTYPE, SearchRequest(text=text, page_size=MAX_TEXT_MATCHES, highlight=False))
    return [int(hit.id) for hit in result.hits], result.suggestion


def highlights_for(text: str, notices: Iterable[Notice]) -> dict[int, dict[str, str]]:
    """The search's highlights for these notices, from their rows (outcomes and categories loaded)."""
    documents = {
        notice.id: {
            "title": notice.title,
            "summary": notice.summary or "",
            "outcomes": [outcome.text for outcome in notice.outcomes],
            "description": notice.description or "",
            "categories": [{"label": reference.category_label(code)} for code in notice.category_codes],
        }
        for notice in notices
    }
    return highlight_documents(NOTICE, text, documents)
