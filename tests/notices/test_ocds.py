"""Published notices as OCDS 1.1 releases and a release package, validated against the standard's
schemas in ../shared/data/ocds-1.1 (Draft 4, no network: the package schema's reference to the
release schema is resolved to the local file)."""

from __future__ import annotations

import json
import os
from datetime import timedelta
from pathlib import Path

import pytest

from marketplace import clock
from tests.events.factories import create_event
from tests.factories import create_organisation, owner_of
from tests.notices.factories import create_notice

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
OCDS = SHARED / "ocds-1.1"
UK_EXTENSION = SHARED / "ocds-uk-extension" / "release-schema.json"


@pytest.fixture(scope="module")
def validators():
    if not (OCDS / "release-schema.json").exists():
        message = f"OCDS schemas not found at {OCDS.resolve()}: see ../shared/data/README.md"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    from jsonschema import Draft4Validator, FormatChecker
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4

    release_schema = json.loads((OCDS / "release-schema.json").read_text())
    package_schema = json.loads((OCDS / "release-package-schema.json").read_text())
    registry = Registry().with_resource(
        release_schema["id"], Resource.from_contents(release_schema, default_specification=DRAFT4)
    )
    uk_schema = _merge_patch(json.loads(json.dumps(release_schema)), json.loads(UK_EXTENSION.read_text()))
    return {
        "release": Draft4Validator(release_schema, format_checker=FormatChecker()),
        "package": Draft4Validator(package_schema, registry=registry, format_checker=FormatChecker()),
        "uk": Draft4Validator(uk_schema, format_checker=FormatChecker()),
    }


def _merge_patch(target, patch):
    """RFC 7386, as OCDS extensions are applied."""
    if not isinstance(patch, dict):
        return patch
    target = target if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            target.pop(key, None)
        else:
            target[key] = _merge_patch(target.get(key), value)
    return target


def _errors(validator, data) -> list[str]:
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in validator.iter_errors(data)]


def _get(client, path: str, status: int = 200):
    return json.loads(client.get(path, expected=status).html)


def _rich_notice(client):
    from marketplace.notices.clarifications import services as clarifications

    notice = create_notice(
        reserved="sme-vcse",
        suitable_vcse=True,
        contract_months=36,
        expected_tender_date=clock.now().date() + timedelta(days=120),
        contract_start_date=clock.now().date() + timedelta(days=200),
        wards=["gospel-oak", "whole-borough"],
        categories=["50", "451"],
    )
    create_event(notice=notice)
    with client.app.test_request_context():
        item = clarifications.ask(
            notice,
            create_organisation(published=True, name="Secret Asker Ltd"),
            owner_of(create_organisation()),
            "Will there be lots?",
        )
        clarifications.answer(notice, item, notice.owner, public_question=None, answer_text="Yes, three.")
    return notice


def test_a_notice_is_a_valid_ocds_release(client, validators):
    notice = _rich_notice(client)
    release = _get(client, f"/notices/{notice.id}.ocds.json")
    assert _errors(validators["release"], release) == []
    assert _errors(validators["uk"], release) == []
    assert release["tender"]["status"] == "planning" and release["tag"] == ["planning"]
    engagement = next(m for m in release["planning"]["milestones"] if m["id"] == "engagement")
    assert engagement["type"] == "engagement" and engagement["dueDate"].endswith("Z")
    assert any(m["id"].startswith("event-") for m in release["planning"]["milestones"])
    assert release["planning"]["documents"][0]["documentType"] == "marketEngagementNotice"
    assert release["tender"]["enquiries"][0]["answer"] == "Yes, three."
    assert "Secret Asker" not in json.dumps(release)
    item = release["tender"]["items"][0]
    assert [item["classification"]["id"]] + [c["id"] for c in item["additionalClassifications"]] == [
        "45100000-8",
        "50000000-5",
    ]
    assert release["tender"]["otherRequirements"] == {"reservedParticipation": ["smeVcse"]}
    assert release["tender"]["suitability"] == {"sme": True, "vcse": True}


def test_a_pipeline_notice_is_planning_with_a_future_notice_date(client, validators):
    notice = create_notice(
        kind="pipeline",
        engagement_closes_at=None,
        expected_tender_date=clock.now().date() + timedelta(days=60),
        reserved="local",
    )
    release = _get(client, f"/notices/{notice.id}.ocds.json")
    assert _errors(validators["release"], release) == []
    assert release["tender"]["status"] == "planning"
    assert release["tender"]["communication"]["futureNoticeDate"]
    assert release["planning"]["documents"][0]["documentType"] == "plannedProcurementNotice"


def test_all_notices_as_a_valid_release_package(client, validators):
    _rich_notice(client)
    create_notice(
        kind="pipeline", engagement_closes_at=None, expected_tender_date=clock.now().date() + timedelta(days=60)
    )
    withdrawn = create_notice()
    create_notice(published=False, title="Secret draft")
    from marketplace.notices import services

    with client.app.test_request_context():
        services.withdraw(withdrawn, withdrawn.owner, "Budget cut")
    package = _get(client, "/notices.ocds.json")
    assert _errors(validators["package"], package) == []
    assert len(package["releases"]) == 3 and "Secret draft" not in json.dumps(package)
    assert {r["tender"]["status"] for r in package["releases"]} == {"planning", "withdrawn"}
    assert package["license"].startswith("https://www.nationalarchives.gov.uk/doc/open-government-licence")


def test_the_validator_catches_a_broken_release(client, validators):
    """Guards the guard: a release missing required fields fails, so the checks above mean something."""
    notice = create_notice()
    release = _get(client, f"/notices/{notice.id}.ocds.json")
    del release["ocid"]
    release["tender"]["status"] = "thinking"
    assert len(_errors(validators["release"], release)) == 2
    assert _errors(validators["package"], {"releases": [release]})


def test_drafts_are_not_published_as_open_data(client):
    draft = create_notice(published=False)
    client.get(f"/notices/{draft.id}.ocds.json", expected=404)
