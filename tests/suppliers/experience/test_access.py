"""Another organisation's case studies and commitments are invisible: 404, never 403, and never changed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from marketplace.audit.models import AuditEvent
from marketplace.extensions import db
from marketplace.suppliers.models import CaseStudy, SocialValueCommitment
from tests.factories import create_user, sign_in
from tests.suppliers.experience.factories import create_case_study, create_commitment, csrf_token

CASE_STUDY_CHANGE = {"title": "Hijacked", "client": "Someone else", "problem": "p", "approach": "a", "outcome": "o"}
COMMITMENT_CHANGE = {"measure": "jobs/apprenticeship-weeks", "quantity": "1", "unit": "weeks", "period": "per year"}


@pytest.mark.parametrize("endpoint", ["suppliers.edit_case_study", "suppliers.delete_case_study"])
def test_i_cannot_see_another_organisations_case_study(client, supplier, other_organisation, endpoint):
    theirs = create_case_study(other_organisation)
    client.get(endpoint, case_study_id=theirs.id, expected=404)


@pytest.mark.parametrize("endpoint", ["suppliers.edit_commitment", "suppliers.delete_commitment"])
def test_i_cannot_see_another_organisations_commitment(client, supplier, other_organisation, endpoint):
    theirs = create_commitment(other_organisation)
    client.get(endpoint, commitment_id=theirs.id, expected=404)


def test_i_cannot_change_another_organisations_case_study(client, supplier, other_organisation):
    theirs = create_case_study(other_organisation, title="Their work")
    token = csrf_token(client.get("suppliers.add_case_study"))
    client.post(
        "suppliers.edit_case_study", {**CASE_STUDY_CHANGE, "csrf_token": token}, expected=404, case_study_id=theirs.id
    )
    assert db.session.get(CaseStudy, theirs.id).title == "Their work"


def test_i_cannot_delete_another_organisations_case_study(client, supplier, other_organisation):
    theirs = create_case_study(other_organisation)
    token = csrf_token(client.get("suppliers.add_case_study"))
    client.post("suppliers.delete_case_study", {"csrf_token": token}, expected=404, case_study_id=theirs.id)
    assert db.session.get(CaseStudy, theirs.id) is not None
    assert db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "case_study.deleted")) is None


def test_i_cannot_change_another_organisations_commitment(client, supplier, other_organisation):
    theirs = create_commitment(other_organisation, quantity=Decimal("200"))
    token = csrf_token(client.get("suppliers.add_commitment"))
    client.post(
        "suppliers.edit_commitment", {**COMMITMENT_CHANGE, "csrf_token": token}, expected=404, commitment_id=theirs.id
    )
    assert db.session.get(SocialValueCommitment, theirs.id).quantity == Decimal("200")


def test_i_cannot_delete_another_organisations_commitment(client, supplier, other_organisation):
    theirs = create_commitment(other_organisation)
    token = csrf_token(client.get("suppliers.add_commitment"))
    client.post("suppliers.delete_commitment", {"csrf_token": token}, expected=404, commitment_id=theirs.id)
    assert db.session.get(SocialValueCommitment, theirs.id) is not None


def test_a_case_study_that_does_not_exist_is_not_found(client, supplier):
    client.get("suppliers.edit_case_study", case_study_id=999_999, expected=404)


def test_another_organisations_case_studies_are_not_in_my_list(client, supplier, other_organisation):
    create_case_study(other_organisation, title="Their secret project")
    assert "Their secret project" not in client.get("suppliers.case_studies").text


def test_another_organisations_commitments_are_not_in_my_list(client, supplier, other_organisation):
    create_commitment(other_organisation, unit="secret units")
    assert "secret units" not in client.get("suppliers.social_value").text


@pytest.mark.parametrize(
    "endpoint",
    ["suppliers.case_studies", "suppliers.social_value", "suppliers.add_case_study", "suppliers.add_commitment"],
)
def test_signed_out_visitors_are_asked_to_sign_in(client, endpoint):
    assert "sign-in" in client.get(endpoint, expected=302).location


def test_a_supplier_without_an_organisation_is_sent_to_set_one_up(client):
    sign_in(client, create_user())
    assert client.get("suppliers.case_studies", expected=302).location == client.url("suppliers.start")
