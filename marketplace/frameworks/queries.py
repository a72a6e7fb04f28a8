"""Every read about frameworks, applications and evaluations. No commits here."""

from __future__ import annotations

from sqlalchemy import and_, bindparam, func, select
from sqlalchemy.orm import joinedload, lazyload, load_only

from marketplace import clock
from marketplace.accounts.models import User
from marketplace.extensions import db
from marketplace.frameworks import definition as definitions
from marketplace.frameworks import rules
from marketplace.frameworks.models import (
    SUBMITTED,
    AnswerEvaluation,
    Framework,
    FrameworkApplication,
    FrameworkVersion,
)
from marketplace.suppliers.models import Membership, Organisation


def get_framework(slug: str) -> Framework | None:
    return db.session.scalar(select(Framework).where(Framework.slug == slug))


def list_frameworks() -> list[Framework]:
    return list(
        db.session.scalars(select(Framework).order_by(Framework.applications_close_at.desc(), Framework.id)).unique()
    )


def list_current_frameworks() -> list[Framework]:
    """Frameworks suppliers can see: not yet expired, soonest closing first."""
    statement = (
        select(Framework)
        .where(Framework.expires_at > clock.now())
        .order_by(Framework.applications_close_at, Framework.id)
    )
    return list(db.session.scalars(statement).unique())


def get_application(framework_id: int, organisation_id: int) -> FrameworkApplication | None:
    statement = select(FrameworkApplication).where(
        FrameworkApplication.framework_id == framework_id, FrameworkApplication.organisation_id == organisation_id
    )
    return db.session.scalar(statement)


def get_application_by_id(framework_id: int, application_id: int) -> FrameworkApplication | None:
    """An application, only if it belongs to this framework (admin pages)."""
    application = db.session.get(FrameworkApplication, application_id)
    return application if application is not None and application.framework_id == framework_id else None


def list_applications_for_organisation(organisation_id: int) -> list[FrameworkApplication]:
    statement = (
        select(FrameworkApplication)
        .where(FrameworkApplication.organisation_id == organisation_id)
        .order_by(FrameworkApplication.id)
    )
    return list(db.session.scalars(statement).unique())


def list_applications(framework_id: int, *, submitted_only: bool = False) -> list[FrameworkApplication]:
    statement = (
        select(FrameworkApplication)
        .join(Organisation, FrameworkApplication.organisation_id == Organisation.id)
        .where(FrameworkApplication.framework_id == framework_id)
        .order_by(Organisation.name, FrameworkApplication.id)
    )
    if submitted_only:
        statement = statement.where(FrameworkApplication.status == SUBMITTED)
    return list(db.session.scalars(statement).unique())


def count_applications(framework_id: int) -> int:
    statement = (
        select(func.count()).select_from(FrameworkApplication).where(FrameworkApplication.framework_id == framework_id)
    )
    return db.session.scalar(statement) or 0


def count_applications_by_status(framework_id: int) -> dict[str, int]:
    statement = (
        select(FrameworkApplication.status, func.count())
        .where(FrameworkApplication.framework_id == framework_id)
        .group_by(FrameworkApplication.status)
    )
    return dict(db.session.execute(statement).all())


def list_discretionary_queue(framework_id: int) -> list[AnswerEvaluation]:
    """Answers waiting for a person's decision (where it can change a result), oldest application first."""
    statement = (
        select(AnswerEvaluation)
        .join(FrameworkApplication, AnswerEvaluation.application_id == FrameworkApplication.id)
        .where(
            FrameworkApplication.framework_id == framework_id,
            FrameworkApplication.result
            == rules.PENDING,  # an application already failed on every lot needs no decision
            AnswerEvaluation.automatic == rules.DISCRETIONARY,
            AnswerEvaluation.decision.is_(None),
        )
        .options(joinedload(AnswerEvaluation.application))
        .order_by(FrameworkApplication.submitted_at, AnswerEvaluation.id)
    )
    return list(db.session.scalars(statement).unique())


def count_undecided(framework_id: int) -> int:
    statement = (
        select(func.count())
        .select_from(AnswerEvaluation)
        .join(FrameworkApplication, AnswerEvaluation.application_id == FrameworkApplication.id)
        .where(
            FrameworkApplication.framework_id == framework_id,
            FrameworkApplication.result == rules.PENDING,
            AnswerEvaluation.automatic == rules.DISCRETIONARY,
            AnswerEvaluation.decision.is_(None),
        )
    )
    return db.session.scalar(statement) or 0


def get_evaluation(framework_id: int, evaluation_id: int) -> AnswerEvaluation | None:
    evaluation = db.session.get(AnswerEvaluation, evaluation_id)
    if evaluation is None or evaluation.application.framework_id != framework_id:
        return None
    return evaluation


def member_emails(organisation_ids: list[int]) -> dict[int, list[str]]:
    """Everyone in each organisation, for telling them about results (one query)."""
    if not organisation_ids:
        return {}
    statement = (
        select(Membership.organisation_id, User.email)
        .join(User, Membership.user_id == User.id)
        .where(Membership.organisation_id.in_(organisation_ids))
        .order_by(Membership.organisation_id, Membership.id)
    )
    emails: dict[int, list[str]] = {}
    for organisation_id, email in db.session.execute(statement):
        emails.setdefault(organisation_id, []).append(email)
    return emails


def _memberships(organisation_ids: list[int]) -> list[FrameworkApplication]:
    """The accepted, unexpired applications with their framework's definition, and only what the callers read
    (the lots awarded): not the answers, submission, organisation or evaluations. A public profile asks this
    on every view, and the full rows cost ~0.6 ms of CPU even when there are none."""
    statement = (
        select(FrameworkApplication)
        .join(Framework, FrameworkApplication.framework_id == Framework.id)
        .where(
            FrameworkApplication.organisation_id.in_(organisation_ids),
            FrameworkApplication.agreement_accepted_at.is_not(None),
            Framework.expires_at > clock.now(),
        )
        .order_by(Framework.name, FrameworkApplication.id)
        .options(
            load_only(
                FrameworkApplication.framework_id,
                FrameworkApplication.organisation_id,
                FrameworkApplication.lot_results,
                FrameworkApplication.agreement_accepted_at,
            ),
            lazyload(FrameworkApplication.organisation),
            lazyload(FrameworkApplication.evaluations),
        )
    )
    return list(db.session.scalars(statement).unique())


def list_framework_lots_for_organisations(organisation_ids: list[int]) -> dict[int, list[dict]]:
    """The framework lots each organisation is on (agreement accepted, framework not expired).

    For search documents:
    {organisation_id: [{"id": "estates-dps/cleaning", "label": "Estates Services DPS: Cleaning"}]}.
    Organisations on none are left out.
    """
    ids = list(dict.fromkeys(organisation_ids))
    if not ids:
        return {}
    lots: dict[int, list[dict]] = {}
    for application in _memberships(ids):
        definition = application.framework.definition
        for lot in definition.lots:
            if lot.slug in application.awarded_lots:
                lots.setdefault(application.organisation_id, []).append(
                    {"id": definition.lot_id(lot.slug), "label": definition.lot_label(lot.slug)}
                )
    return lots


def list_framework_memberships(organisation_id: int) -> list[dict]:
    """For the profile badges: each framework the organisation is on, with its lots' names."""
    memberships = []
    for application in _memberships([organisation_id]):
        definition = application.framework.definition
        memberships.append(
            {
                "framework": application.framework,
                "name": definition.short_name,
                "lots": [lot.name for lot in definition.lots if lot.slug in application.awarded_lots],
            }
        )
    return [membership for membership in memberships if membership["lots"]]


def list_lot_labels() -> dict[str, str]:
    """Every lot of every framework not yet expired, for search filters.

    {"estates-dps/cleaning": "Estates Services DPS: Cleaning"}
    """
    # Every search page asks: read the current versions' checksums, and a definition (~7 KB of JSON) only
    # when this process has not parsed that version yet (`definitions.from_stored` keeps them by checksum).
    labels: dict[str, str] = {}
    for version_id, checksum in db.session.execute(_CURRENT_VERSIONS, {"now": clock.now()}).all():
        if checksum not in _lot_labels:
            definition = definitions.parsed(checksum) or definitions.from_stored(
                db.session.execute(
                    select(FrameworkVersion.definition).where(FrameworkVersion.id == version_id)
                ).scalar_one(),
                key=checksum,
            )
            _lot_labels[checksum] = {
                definition.lot_id(lot.slug): definition.lot_label(lot.slug) for lot in definition.lots
            }
        labels.update(_lot_labels[checksum])
    return labels


_CURRENT_VERSIONS = (  # list_current_frameworks' versions (built once: the statement is a third of the read)
    select(FrameworkVersion.id, FrameworkVersion.checksum)
    .join(
        Framework,
        and_(Framework.id == FrameworkVersion.framework_id, Framework.version == FrameworkVersion.number),
    )
    .where(Framework.expires_at > bindparam("now"))
    .order_by(Framework.applications_close_at, Framework.id)
)
_lot_labels: dict[str, dict[str, str]] = {}  # a version's lot labels by its checksum (versions never change)
