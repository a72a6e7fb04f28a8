"""Writes for case studies and commitments: one commit per action, each audited.

Each change also bumps the organisation's `updated_at`, because buyers' "recently updated"
ordering should notice new evidence, not only edits to the organisation's own row.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from marketplace import clock
from marketplace.accounts.models import User
from marketplace.audit.services import record
from marketplace.extensions import db
from marketplace.suppliers.models import CaseStudy, Organisation, SocialValueCommitment


class NotThisOrganisation(Exception):
    """A record from another organisation reached a service: a bug upstream, never a user error."""


def _check_owner(organisation: Organisation, item: CaseStudy | SocialValueCommitment) -> None:
    # Views already look records up within the organisation; this guards against a future caller that doesn't.
    if item.organisation_id != organisation.id:
        raise NotThisOrganisation(f"{item.__tablename__} {item.id} is not in organisation {organisation.id}")


def _changed(item: CaseStudy | SocialValueCommitment, values: Mapping[str, object]) -> list[str]:
    changed = [name for name, value in values.items() if getattr(item, name) != value]
    for name in changed:
        setattr(item, name, values[name])
    return changed


def add_case_study(
    organisation: Organisation,
    actor: User,
    *,
    title: str,
    client: str,
    problem: str,
    approach: str,
    outcome: str,
    resident_engagement: str | None,
) -> CaseStudy:
    case_study = CaseStudy(
        title=title,
        client=client,
        problem=problem,
        approach=approach,
        outcome=outcome,
        resident_engagement=resident_engagement,
    )
    organisation.case_studies.append(case_study)
    organisation.updated_at = clock.now()
    db.session.flush()
    record("case_study.added", organisation, actor_id=actor.id, case_study=case_study.id)
    db.session.commit()
    return case_study


def update_case_study(
    organisation: Organisation,
    actor: User,
    case_study: CaseStudy,
    *,
    title: str,
    client: str,
    problem: str,
    approach: str,
    outcome: str,
    resident_engagement: str | None,
) -> None:
    _check_owner(organisation, case_study)
    values = dict(
        title=title,
        client=client,
        problem=problem,
        approach=approach,
        outcome=outcome,
        resident_engagement=resident_engagement,
    )
    changed = _changed(case_study, values)
    if changed:
        organisation.updated_at = clock.now()
        record("case_study.changed", organisation, actor_id=actor.id, case_study=case_study.id, fields=changed)
        db.session.commit()


def delete_case_study(organisation: Organisation, actor: User, case_study: CaseStudy) -> None:
    _check_owner(organisation, case_study)
    record("case_study.deleted", organisation, actor_id=actor.id, case_study=case_study.id, title=case_study.title)
    db.session.delete(case_study)
    organisation.updated_at = clock.now()
    db.session.commit()


def add_commitment(
    organisation: Organisation,
    actor: User,
    *,
    theme: str,
    measure: str,
    quantity: Decimal,
    unit: str,
    period: str,
    evidence_url: str | None,
) -> SocialValueCommitment:
    commitment = SocialValueCommitment(
        theme=theme, measure=measure, quantity=quantity, unit=unit, period=period, evidence_url=evidence_url
    )
    organisation.commitments.append(commitment)
    organisation.updated_at = clock.now()
    db.session.flush()
    record("commitment.added", organisation, actor_id=actor.id, commitment=commitment.id)
    db.session.commit()
    return commitment


def update_commitment(
    organisation: Organisation,
    actor: User,
    commitment: SocialValueCommitment,
    *,
    theme: str,
    measure: str,
    quantity: Decimal,
    unit: str,
    period: str,
    evidence_url: str | None,
) -> None:
    _check_owner(organisation, commitment)
    values = dict(theme=theme, measure=measure, quantity=quantity, unit=unit, period=period, evidence_url=evidence_url)
    changed = _changed(commitment, values)
    if changed:
        organisation.updated_at = clock.now()
        record("commitment.changed", organisation, actor_id=actor.id, commitment=commitment.id, fields=changed)
        db.session.commit()


def delete_commitment(organisation: Organisation, actor: User, commitment: SocialValueCommitment) -> None:
    _check_owner(organisation, commitment)
    record("commitment.deleted", organisation, actor_id=actor.id, commitment=commitment.id, measure=commitment.measure)
    db.session.delete(commitment)
    organisation.updated_at = clock.now()
    db.session.commit()
