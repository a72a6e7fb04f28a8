"""Reads through the index: supplier search results joined to the database rows they show."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import lazyload, selectinload

from marketplace.extensions import db
from marketplace.search.engine import Hit, SearchResult
from marketplace.search.services import search
from marketplace.suppliers.models import PUBLISHED, Organisation
from marketplace.suppliers.search.params import MAX_PAGE, PAGE_SIZE, SupplierSearch


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
    result: SearchResult = search("supplier", criteria.request())
    organisations = _published_by_id([int(hit.id) for hit in result.hits], full_rows)
    results = [SupplierResult(organisations[int(hit.id)], hit) for hit in result.hits if int(hit.id) in organisations]
    return SupplierResults(criteria, result.total, results, result.facets, result.suggestion, result.query_error)


def _published_by_id(ids: list[int], full_rows: bool = False) -> dict[int, Organisation]:
    if not ids:
        return {}
    related = (Organisation.categories, Organisation.wards, Organisation.case_studies, Organisation.commitments)
    # The models load categories and wards eagerly by default; the results page shows neither.
    options = (
        [selectinload(r) for r in related]
        if full_rows
        else [lazyload(Organisation.categories), lazyload(Organisation.wards)]
    )
    statement = select(Organisation).where(Organisation.id.in_(ids), Organisation.status == PUBLISHED).options(*options)
    return {organisation.id: organisation for organisation in db.session.scalars(statement)}
