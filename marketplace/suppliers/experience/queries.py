"""Reads for case studies and commitments, always within one organisation.

Every lookup takes the organisation's id, so an id from another organisation finds nothing
(and the page is a 404, which does not reveal that the id exists).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from marketplace.extensions import db
from marketplace.suppliers import reference
from marketplace.suppliers.models import CaseStudy, SocialValueCommitment


@dataclass(frozen=True)
class ThemeGroup:
    slug: str
    name: str
    commitments: list[SocialValueCommitment]


def get_case_study(organisation_id: int, case_study_id: int) -> CaseStudy | None:
    statement = select(CaseStudy).where(CaseStudy.id == case_study_id, CaseStudy.organisation_id == organisation_id)
    return db.session.scalar(statement)


def list_case_studies(organisation_id: int) -> list[CaseStudy]:
    statement = select(CaseStudy).where(CaseStudy.organisation_id == organisation_id).order_by(CaseStudy.id)
    return list(db.session.scalars(statement))


def get_commitment(organisation_id: int, commitment_id: int) -> SocialValueCommitment | None:
    statement = select(SocialValueCommitment).where(
        SocialValueCommitment.id == commitment_id, SocialValueCommitment.organisation_id == organisation_id
    )
    return db.session.scalar(statement)


def list_commitments_by_theme(organisation_id: int) -> list[ThemeGroup]:
    """Themes in the framework's order, each with its commitments; themes with none are left out."""
    statement = (
        select(SocialValueCommitment)
        .where(SocialValueCommitment.organisation_id == organisation_id)
        .order_by(SocialValueCommitment.id)
    )
    commitments = list(db.session.scalars(statement))
    themes = reference.social_value_themes()
    # A theme no longer in the reference data still shows (under its slug), so nothing is hidden.
    order = list(themes) + sorted({c.theme for c in commitments} - set(themes))
    groups = [
        ThemeGroup(slug, themes.get(slug, {}).get("name", slug), [c for c in commitments if c.theme == slug])
        for slug in order
    ]
    return [group for group in groups if group.commitments]
