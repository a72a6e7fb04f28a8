"""Supplier profiles in the search engine: the "supplier" document type, where its documents come from,
and which rows feed it. `register()` is called by the app factory.

Only published profiles are searchable: a draft or unpublished profile builds to None, which
the index treats as a deletion. The framework lots a supplier is on come from the frameworks domain
(the slot "suppliers.search_document.framework_lots"), which marks profiles changed when they change.

Supplier document contract (a plain dict built by the application):

    id: str                      name: str               trading_name: str | None
    summary: str (<= 40 words)   description: str        services: list[str]
    categories: list[{"code", "label"}]   CPV division/group codes ("45", "451")
    case_studies: str            framework_lots: list[{"id", "label"}]
    size_band: "micro" | "small" | "medium" | "large"    is_sme: bool
    declarations: list[str] (vcse, supported_employment, public_service_mutual)
    wards: list[str] (ward slugs, "whole-borough", "neighbouring", "london", "national")
    based_in_borough: bool       social_value_themes: list[str]
    updated_at: datetime (UTC)

Category and lot *labels* are searchable text as well as their codes being
filters: the UK Digital Marketplace lost two-thirds of its results for lot
names because it only indexed lot ids.

The index stores none of the profiles' writing: only the category and framework lot labels (short,
and otherwise in related rows). The search page highlights its hits from the rows it loads anyway
(`highlights_for`: name, summary, description and services) and those labels, loading case studies
only for the hits whose snippets reach them; the engine reads whole documents (`build_documents`)
only for the rare phrase check term positions cannot settle.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import selectinload

from marketplace import slots
from marketplace.extensions import db
from marketplace.search.engine import highlight_documents
from marketplace.search.schema import DocType, FacetField, SortField, TextField, nest
from marketplace.search.sources import Source, register_source
from marketplace.search.tracking import track
from marketplace.suppliers import reference
from marketplace.suppliers.models import (
    PUBLISHED,
    CaseStudy,
    Organisation,
    OrganisationCategory,
    OrganisationWard,
    SocialValueCommitment,
)
from marketplace.suppliers.services import AREA_FLAGS

DOCTYPE = "supplier"
BATCH = 500
FRAMEWORK_LOTS = "suppliers.search_document.framework_lots"  # providers: (organisation_ids) -> {id: [lot, ...]}

SUPPLIER = DocType(
    name=DOCTYPE,
    # Boosts: name > summary > categories/lots > description/services > case
    # studies.  Short fields get less length normalisation (b) so a one-word
    # name is not over-rewarded against a four-word one.
    text_fields=(
        TextField("name", ("name", "trading_name"), boost=6.0, b=0.3),
        TextField("summary", ("summary",), boost=3.5, b=0.5),
        TextField("taxonomy", ("categories.label", "framework_lots.label"), boost=2.5, b=0.4),
        TextField("body", ("description", "services"), boost=1.5, b=0.75),
        TextField("case_studies", ("case_studies",), boost=1.0, b=0.75),
    ),
    facet_fields=(
        FacetField("categories", "categories.code", hierarchical=True),
        FacetField("framework_lots", "framework_lots.id"),
        FacetField("size_band", "size_band"),
        FacetField("is_sme", "is_sme"),
        FacetField("declarations", "declarations"),
        FacetField("wards", "wards"),
        FacetField("based_in_borough", "based_in_borough"),
        FacetField("social_value_themes", "social_value_themes"),
    ),
    sort_fields=(
        SortField("name", "name", kind="text"),
        SortField("updated", "updated_at", kind="datetime", descending=True),
    ),
    text_paths=(
        "name",
        "trading_name",
        "summary",
        "description",
        "services",
        "case_studies",
        "categories.label",
        "framework_lots.label",
    ),
    highlight_fields=(
        "name",
        "trading_name",
        "summary",
        "services",
        "description",
        "categories.label",
        "framework_lots.label",
        "case_studies",
    ),
    fallback_field="summary",
    title_fields=("name", "trading_name"),
    stored_paths=("categories.label", "framework_lots.label"),
)


def register() -> None:
    """Tell the search services about supplier profiles (idempotent: a dict entry and tracked models)."""
    track(Organisation, DOCTYPE, lambda row: row.id)
    for model in (CaseStudy, OrganisationCategory, OrganisationWard, SocialValueCommitment):
        track(model, DOCTYPE, lambda row: row.organisation_id)
    register_source(Source(SUPPLIER, build_documents, all_documents, count_documents))


def build_documents(ids: Iterable[str]) -> dict[str, dict[str, Any] | None]:
    """Each id's document, or None where it should not be searchable."""
    wanted = [int(i) for i in ids if str(i).isdigit()]
    found: dict[str, dict[str, Any] | None] = {str(i): None for i in wanted}
    for start in range(0, len(wanted), BATCH):
        chunk = wanted[start : start + BATCH]
        organisations = db.session.scalars(_loaded(select(Organisation).where(Organisation.id.in_(chunk)))).all()
        lots = _framework_lots([o.id for o in organisations])
        for organisation in organisations:
            if organisation.status == PUBLISHED:
                found[str(organisation.id)] = to_document(organisation, lots.get(organisation.id, []))
    return found


def all_documents() -> Iterator[dict[str, Any]]:
    """Every published profile, in batches (for a full reindex)."""
    last_id = 0
    while True:
        statement = _loaded(
            select(Organisation)
            .where(Organisation.status == PUBLISHED, Organisation.id > last_id)
            .order_by(Organisation.id)
            .limit(BATCH)
        )
        organisations = db.session.scalars(statement).all()
        if not organisations:
            return
        lots = _framework_lots([o.id for o in organisations])
        for organisation in organisations:
            yield to_document(organisation, lots.get(organisation.id, []))
        last_id = organisations[-1].id
        db.session.expunge_all()  # keep memory flat over 100,000 profiles


def count_documents() -> int:
    from sqlalchemy import func

    return (
        db.session.scalar(select(func.count()).select_from(Organisation).where(Organisation.status == PUBLISHED)) or 0
    )


def _loaded(statement):
    return statement.options(
        selectinload(Organisation.categories),
        selectinload(Organisation.wards),
        selectinload(Organisation.case_studies),
        selectinload(Organisation.commitments),
    )


def _framework_lots(organisation_ids: list[int]) -> dict[int, list[dict]]:
    lots: dict[int, list[dict]] = {}
    for found in slots.collect(FRAMEWORK_LOTS, organisation_ids=organisation_ids):
        for organisation_id, more in found.items():
            lots.setdefault(organisation_id, []).extend(more)
    return lots


def to_document(organisation: Organisation, framework_lots: list[dict]) -> dict[str, Any]:
    areas = [area for area, attribute in AREA_FLAGS.items() if getattr(organisation, attribute)]
    declarations = [
        name
        for name, value in (
            ("vcse", organisation.is_vcse),
            ("supported_employment", organisation.supported_employment),
            ("public_service_mutual", organisation.public_service_mutual),
        )
        if value
    ]
    return {
        "id": str(organisation.id),
        **row_texts(organisation),
        "categories": [{"code": c.code, "label": reference.category_label(c.code)} for c in organisation.categories],
        "case_studies": case_studies_text(
            (s.title, s.client, s.problem, s.approach, s.outcome, s.resident_engagement)
            for s in organisation.case_studies
        ),
        "framework_lots": framework_lots,
        "size_band": organisation.size_band or "",
        "is_sme": bool(organisation.is_sme),
        "declarations": declarations,
        "wards": areas + [w.ward for w in organisation.wards],
        "based_in_borough": bool(organisation.based_in_borough),
        "social_value_themes": sorted({c.theme for c in organisation.commitments}),
        "updated_at": organisation.updated_at,
    }


def row_texts(organisation: Organisation) -> dict[str, Any]:
    """The texts of a profile that its row carries (no related rows)."""
    return {
        "name": organisation.name,
        "trading_name": organisation.trading_name,
        "summary": organisation.summary or "",
        "description": organisation.description or "",
        "services": [line.strip() for line in (organisation.services or "").splitlines() if line.strip()],
    }


def case_studies_text(studies: Iterable[Iterable[str | None]]) -> str:
    return " ".join(" ".join(filter(None, study)) for study in studies)


_CASE_STUDIES = (  # built once: a search page highlights from it, and building it cost a third of the read
    select(
        CaseStudy.organisation_id,
        CaseStudy.title,
        CaseStudy.client,
        CaseStudy.problem,
        CaseStudy.approach,
        CaseStudy.outcome,
        CaseStudy.resident_engagement,
    )
    .where(CaseStudy.organisation_id.in_(bindparam("ids", expanding=True)))
    .order_by(CaseStudy.id)
)


def _case_study_texts(organisation_ids: list[int]) -> dict[int, dict[str, Any]]:
    studies: dict[int, list[tuple]] = {i: [] for i in organisation_ids}
    for organisation_id, *study in db.session.execute(_CASE_STUDIES, {"ids": organisation_ids}):
        studies[organisation_id].append(tuple(study))
    return {i: {"case_studies": case_studies_text(found)} for i, found in studies.items()}


def highlights_for(
    text: str, organisations: Iterable[Organisation], stored: dict[int, dict[str, Any]]
) -> dict[int, dict[str, str]]:
    """The search's highlights for these profiles, as the index would give them: from their rows, the
    labels the index keeps (`stored`: each hit's `Hit.stored`) and, for the hits whose snippets reach
    them (highlights read case studies last), their case studies."""
    documents = {o.id: {**row_texts(o), **nest(stored.get(o.id, {}))} for o in organisations}
    return highlight_documents(SUPPLIER, text, documents, (_case_study_texts,))
