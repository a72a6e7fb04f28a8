"""Frameworks and applications for tests, made through the real services.

The Estates Services DPS (the demo definition) is open from 1 October 2026 09:00 to
29 January 2027 12:00 London time (GMT then); results from 26 February 2027 10:00.
"""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta
from pathlib import Path

import yaml
from flask import current_app

from marketplace import clock
from marketplace.frameworks import evaluation, queries, services
from marketplace.frameworks.definition import validate
from tests.factories import create_organisation, owner_of

DEMO_FILE = Path(__file__).resolve().parents[2] / "marketplace" / "data" / "frameworks" / "estates-dps.yaml"
SLUG = "estates-dps"
WHILE_OPEN = datetime(2027, 1, 20, 10, 0, tzinfo=UTC)
WHILE_QUESTIONS_OPEN = datetime(2027, 1, 10, 10, 0, tzinfo=UTC)  # questions close 15 January 17:00
CLOSES_AT = datetime(2027, 1, 29, 12, 0, tzinfo=UTC)  # 12:00 GMT is 12:00 London
AFTER_CLOSE = CLOSES_AT + timedelta(days=1)
RESULTS_DAY = datetime(2027, 2, 26, 10, 0, tzinfo=UTC)
GOOD_ANSWERS = {
    "insurance": "yes",
    "health_and_safety": "yes",
    "london_living_wage": "yes",
    "social_value": "We employ local residents and train two apprentices a year.",
}
STATEMENT = "We clean communal areas on twelve estates every week."


def demo_data() -> dict:
    return yaml.safe_load(DEMO_FILE.read_text(encoding="utf-8"))


def create_framework(data: dict | None = None, *, at: datetime = WHILE_OPEN):
    """The demo framework (or `data`), with the clock frozen at `at` (open for applications by default)."""
    clock.freeze(at)
    framework, _ = services.load_definition(validate(copy.deepcopy(data or demo_data())), source="tests")
    return framework


def with_request(function, *args, **kwargs):
    """Services that email links need a request context, as they have in a real request."""
    with current_app.test_request_context():
        return function(*args, **kwargs)


def create_application(
    framework,
    organisation=None,
    *,
    answers: dict | None = None,
    lots: tuple[str, ...] = ("cleaning",),
    submit: bool = True,
):
    organisation = organisation or create_organisation(published=True)
    user = owner_of(organisation)
    application = services.start_application(framework, organisation, user)
    services.save_lots(application, user, list(lots), dict.fromkeys(lots, STATEMENT))
    services.save_answers(application, user, GOOD_ANSWERS if answers is None else answers)
    if submit:
        with_request(services.submit, application, user)
    return queries.get_application(framework.id, organisation.id)


def evaluated(framework, *applications):
    """Close the framework and run the rules."""
    clock.freeze(AFTER_CLOSE)
    evaluation.evaluate_framework(framework)
    return [queries.get_application(framework.id, application.organisation_id) for application in applications]


def released(framework):
    clock.freeze(RESULTS_DAY)
    with_request(evaluation.release_results, framework)
