"""Reads through the index: supplier search results joined to the database rows they show.

The index stores no text: the hits' highlights come from the rows the page loads
(`search_documents.highlights_for`)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import lazyload, load_only, selectinload

from marketplace.extensions import db
from marketplace.search.engine import Hit, SearchResult
from marketplace.search.services import search
from marketplace.suppliers.models import PUBLISHED, Organisation
from marketplace.suppliers.search.params import MAX_PAGE, PAGE_SIZE, SupplierSearch
from marketplace.suppliers.search_documents import highlights_for


@dataclass
class SupplierResult:
    organisation: Organisation
    hit: Hit


@dataclass
class SupplierResults:
    search: SupplierSearch
    total: int
    results: list[SupplierResult]
    facets: dict[str, dict[str, int]]
    suggestion: str | None
    query_error: str | None

    @property
    def pages(self) -> int:
        return min(MAX_PAGE, max(1, -(-self.total // PAGE_SIZE)))


def search_suppliers(criteria: SupplierSearch, *, full_rows: bool = False) -> SupplierResults:
    """`full_rows` loads what the API shows (case studies, commitments); the page needs less."""
    result: SearchResult = search("supplier", replace(criteria.request(), highlight=False))
    organisations = _published_by_id([int(hit.id) for hit in result.hits], full_rows)
    shown = [(organisations[int(hit.id)], hit) for hit in result.hits if int(hit.id) in organisations]
    found = highlights_for(
        criteria.text, [organisation for organisation, _ in shown], {o.id: hit.stored for o, hit in shown}
    )
    results = [
        SupplierResult(organisation, replace(hit, highlights=found[organisation.id])) for organisation, hit in shown
    ]
    return SupplierResults(criteria, result.total, results, result.facets, result.suggestion, result.query_error)


_PAGE_COLUMNS = (
    Organisation.name,
    Organisation.trading_name,
    Organisation.summary,
    Organisation.description,
    Organisation.services,
    Organisation.size_band,
    Organisation.is_vcse,
    Organisation.based_in_borough,
)


def _published_statement(full_rows: bool) -> Select:
    related = (Organisation.categories, Organisation.wards, Organisation.case_studies, Organisation.commitments)
    # The models load categories and wards eagerly by default; the results page shows neither, and of the row
    # only the texts it highlights (search_documents.row_texts) and the tags it shows.
    options = (
        [selectinload(r) for r in related]
        if full_rows
        else [lazyload(Organisation.categories), lazyload(Organisation.wards), load_only(*_PAGE_COLUMNS)]
    )
    ids = Organisation.id.in_(bindparam("ids", expanding=True))
    return select(Organisation).where(ids, Organisation.status == PUBLISHED).options(*options)


# Built once (for the page and for the API): building the statement and its loader options was a fifth of the read.
_PUBLISHED = {full_rows: _published_statement(full_rows) for full_rows in (False, True)}


def _published_by_id(ids: list[int], full_rows: bool = False) -> dict[int, Organisation]:
    if not ids:
        return {}
    rows = db.session.scalars(_PUBLISHED[full_rows], {"ids": ids})
    return {organisation.id: organisation for organisation in rows}
