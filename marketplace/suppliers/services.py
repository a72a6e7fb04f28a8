"""Every write to a supplier organisation's profile: one commit per action, each audited."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm.attributes import set_committed_value

from marketplace import clock
from marketplace.accounts.models import User
from marketplace.audit.services import record
from marketplace.extensions import db
from marketplace.suppliers import profile, queries, reference, sizing, validation
from marketplace.suppliers.commands import KEEP, AboutAnswers, WorkAnswers
from marketplace.suppliers.models import (
    DRAFT,
    OWNER,
    PUBLISHED,
    JoinRequest,
    Membership,
    Organisation,
    OrganisationCategory,
    OrganisationWard,
)

AREA_FLAGS = {
    "whole-borough": "serves_whole_borough",
    "neighbouring": "serves_neighbouring",
    "london": "serves_london",
    "national": "serves_national",
}


class ProfileError(Exception):
    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message, self.field = message, field


class EditConflict(Exception):
    """Someone saved the organisation after this person loaded the page: nothing of this save was kept."""


class AlreadyRegistered(Exception):
    """An organisation with this register number exists: offer to join it instead."""

    def __init__(self, organisation: Organisation):
        super().__init__(organisation.name)
        self.organisation = organisation


def create_organisation(user: User, about: AboutAnswers) -> Organisation:
    """The user's new organisation, with them as its owner. Saves the answers given (the rest are `KEEP`)."""
    if queries.get_membership_for_user(user.id) is not None:
        raise ProfileError("You already belong to an organisation")
    _refuse_duplicate(about)
    organisation = Organisation(name="", status=DRAFT, contact_email=user.email)
    db.session.add(organisation)
    _apply_about(organisation, about)
    db.session.add(Membership(organisation=organisation, user_id=user.id, role=OWNER))
    db.session.flush()
    record("organisation.created", organisation, actor_id=user.id, fields=sorted(about.given()))
    db.session.commit()
    return organisation


def _refuse_duplicate(about: AboutAnswers, *, except_id: int | None = None) -> None:
    scheme, number = about.identifier_scheme, about.identifier_number
    if isinstance(scheme, str) and scheme in validation.SHARED_IDENTITY_SCHEMES and isinstance(number, str) and number:
        existing = queries.find_by_identifier(scheme, number)
        if existing is not None and existing.id != except_id:
            raise AlreadyRegistered(existing)


def update_about(
    organisation: Organisation, actor: User, about: AboutAnswers, *, expected_version: int | None = None
) -> None:
    """Save the 'about your organisation' answers given; those left as `KEEP` stay as they were.

    `expected_version` is the version the person's page showed: EditConflict if someone saved since.
    """
    _refuse_duplicate(about, except_id=organisation.id)
    if _differences(organisation, about.given()):
        _take_version(organisation, expected_version)
    changed = _apply_about(organisation, about)
    _audit_changes(organisation, actor, "organisation.about_updated", changed)
    db.session.commit()


def _differences(organisation: Organisation, values: dict[str, object]) -> list[str]:
    return [name for name, value in values.items() if getattr(organisation, name) != value]


def _take_version(organisation: Organisation, expected_version: int | None) -> None:
    """Compare-and-set the version before writing anything, or raise EditConflict (rolled back).

    The UPDATE is the save's first write, so it also takes the organisation's row lock: a second save
    at the same moment waits for this one to commit, then finds the version moved and writes nothing.
    That makes each save all-or-nothing, child rows (categories, wards) included.
    """
    expected = organisation.version if expected_version is None else expected_version
    result = db.session.execute(
        update(Organisation)
        .where(Organisation.id == organisation.id, Organisation.version == expected)
        .values(version=expected + 1)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        db.session.rollback()
        raise EditConflict()
    set_committed_value(organisation, "version", expected + 1)


def _apply_about(organisation: Organisation, about: AboutAnswers) -> list[str]:
    values = about.given()
    changed = _differences(organisation, values)
    for name in changed:
        setattr(organisation, name, values[name])
    if about.identifier_scheme == "none":
        organisation.identifier_number = None
    organisation.size_band = sizing.size_band(organisation.staff_band, organisation.turnover_band)
    organisation.is_sme = sizing.is_sme(organisation.staff_band, organisation.turnover_band)
    if "postcode" in changed:
        derived = validation.based_in_borough(organisation.postcode)
        organisation.based_in_borough = derived if derived is not None else organisation.based_in_borough
        if organisation.based_in_borough is False and organisation.base_ward is not None:
            organisation.base_ward = None  # moved out of the borough: no ward of the borough is its base
            changed.append("base_ward")
    if organisation.name == "":
        organisation.name = organisation.trading_name or ""
    return changed


def update_work(
    organisation: Organisation, actor: User, work: WorkAnswers, *, expected_version: int | None = None
) -> None:
    """Save 'what you do' and 'where you work'; answers left as `KEEP` stay as they were.

    `expected_version` as for `update_about`: EditConflict if someone saved since the page was loaded.
    """
    categories = None if work.categories is KEEP else work.categories
    areas = None if work.areas is KEEP else work.areas
    texts = _base_ward_rule(organisation, {k: v for k, v in work.given().items() if k not in ("categories", "areas")})
    changed = _differences(organisation, texts)
    if changed or _lists_differ(organisation, categories, areas):
        _take_version(organisation, expected_version)
    for name in changed:
        setattr(organisation, name, texts[name])
    if categories is not None and sorted(categories) != sorted(c.code for c in organisation.categories):
        organisation.categories = [OrganisationCategory(code=code) for code in dict.fromkeys(categories)]
        changed.append("categories")
    if areas is not None:
        changed += _apply_areas(organisation, areas)
    _audit_changes(organisation, actor, "organisation.work_updated", changed)
    db.session.commit()


def _base_ward_rule(organisation: Organisation, answers: dict[str, object]) -> dict[str, object]:
    """The base ward is one of the borough's wards, and only a supplier based in the borough has one: answering
    'not based in the borough' (or leaving it open) clears it."""
    ward = answers.get("base_ward")
    if ward is not None and ward not in reference.wards():
        raise ProfileError("Select the ward your organisation’s main base is in", field="base_ward")
    if answers.get("based_in_borough", organisation.based_in_borough) is not True:
        return {**answers, "base_ward": None} if organisation.base_ward or "base_ward" in answers else answers
    return answers


def _lists_differ(organisation: Organisation, categories: list[str] | None, areas: list[str] | None) -> bool:
    if categories is not None and sorted(set(categories)) != sorted(c.code for c in organisation.categories):
        return True
    if areas is None:
        return False
    flags = [area for area, attribute in AREA_FLAGS.items() if getattr(organisation, attribute)]
    return sorted(set(areas)) != sorted(flags + [w.ward for w in organisation.wards])


def _apply_areas(organisation: Organisation, areas: list[str]) -> list[str]:
    wards = [area for area in areas if area not in AREA_FLAGS]
    changed = []
    if sorted(wards) != sorted(w.ward for w in organisation.wards):
        organisation.wards = [OrganisationWard(ward=ward) for ward in dict.fromkeys(wards)]
        changed.append("wards")
    for area, attribute in AREA_FLAGS.items():
        if getattr(organisation, attribute) != (area in areas):
            setattr(organisation, attribute, area in areas)
            changed.append(attribute)
    return changed


def _audit_changes(organisation: Organisation, actor: User, action: str, changed: list[str]) -> None:
    if changed:
        organisation.updated_at = clock.now()
        record(action, organisation, actor_id=actor.id, fields=sorted(set(changed)))


def publish(organisation: Organisation, actor: User) -> None:
    missing = profile.missing_for_publish(organisation)
    if missing:
        raise ProfileError("Complete these before you publish: " + ", ".join(missing))
    if organisation.status != PUBLISHED:
        organisation.status = PUBLISHED
        organisation.published_at = clock.now()
        organisation.updated_at = clock.now()
        record("organisation.published", organisation, actor_id=actor.id)
        db.session.commit()


def unpublish(organisation: Organisation, actor: User) -> None:
    if organisation.status == PUBLISHED:
        organisation.status = DRAFT
        organisation.updated_at = clock.now()
        record("organisation.unpublished", organisation, actor_id=actor.id)
        db.session.commit()


def request_to_join(user: User, organisation: Organisation) -> JoinRequest:
    existing = queries.get_pending_join_request_for_user(user.id)
    if existing is not None:
        return existing
    join_request = JoinRequest(organisation_id=organisation.id, user_id=user.id)
    db.session.add(join_request)
    db.session.flush()
    record("organisation.join_requested", organisation, actor_id=user.id, request=join_request.id)
    _notify_owners(organisation, "Someone has asked to join your organisation", "join_requested", requester=user.email)
    db.session.commit()
    return join_request


def _notify_owners(organisation: Organisation, subject: str, template: str, **context) -> None:
    from marketplace.mail.services import queue_email

    for membership in queries.list_members(organisation.id):
        if membership.role == OWNER:
            queue_email(membership.user.email, subject, template, organisation=organisation.display_name, **context)
