"""Supplier profiles as search documents (the contract in marketplace/search/documents.py).

Only published profiles are searchable: a draft or unpublished profile builds to None, which
the index treats as a deletion.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from marketplace.extensions import db
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


def register_tracking() -> None:
    track(Organisation, DOCTYPE, lambda row: row.id)
    for model in (CaseStudy, OrganisationCategory, OrganisationWard, SocialValueCommitment):
        track(model, DOCTYPE, lambda row: row.organisation_id)


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
    try:
        from marketplace.frameworks.queries import list_framework_lots_for_organisations
    except ImportError:  # frameworks are optional to search
        return {}
    return list_framework_lots_for_organisations(organisation_ids)


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
    case_studies = " ".join(
        " ".join(filter(None, [s.title, s.client, s.problem, s.approach, s.outcome, s.resident_engagement]))
        for s in organisation.case_studies
    )
    return {
        "id": str(organisation.id),
        "name": organisation.name,
        "trading_name": organisation.trading_name,
        "summary": organisation.summary or "",
        "description": organisation.description or "",
        "services": [line.strip() for line in (organisation.services or "").splitlines() if line.strip()],
        "categories": [{"code": c.code, "label": reference.category_label(c.code)} for c in organisation.categories],
        "case_studies": case_studies,
        "framework_lots": framework_lots,
        "size_band": organisation.size_band or "",
        "is_sme": bool(organisation.is_sme),
        "declarations": declarations,
        "wards": areas + [w.ward for w in organisation.wards],
        "based_in_borough": bool(organisation.based_in_borough),
        "social_value_themes": sorted({c.theme for c in organisation.commitments}),
        "updated_at": organisation.updated_at,
    }
