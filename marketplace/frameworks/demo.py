"""Demo data: the Estates Services DPS, open for applications today, with some suppliers already on it.

A DPS admits suppliers throughout its life; the demo suppliers "on it" were admitted in an
earlier round. Idempotent: does nothing if the framework is already loaded.
"""

from __future__ import annotations

from datetime import time, timedelta
from pathlib import Path

import yaml
from sqlalchemy import select

from marketplace import clock
from marketplace.audit.services import record
from marketplace.extensions import db
from marketplace.frameworks import progress, queries, rules, services
from marketplace.frameworks.definition import validate
from marketplace.frameworks.models import SUBMITTED, AnswerEvaluation, FrameworkApplication
from marketplace.suppliers.models import PUBLISHED, Organisation

DEMO_FILE = Path(__file__).resolve().parents[1] / "data" / "frameworks" / "estates-dps.yaml"
# Which demo organisations' categories (CPV divisions) suit which lot.
LOT_CATEGORIES = {
    "repairs": {"45", "50"},
    "cleaning": {"90"},
    "green-spaces": {"77"},
    "resident-engagement": {"79", "92", "85"},
}
PER_LOT = 3
SKIP_FIRST = 2  # the demo sign-ins' organisations apply themselves


def _london(day_offset: int, at: time) -> str:
    today = clock.to_london(clock.now()).date()
    return f"{today + timedelta(days=day_offset):%Y-%m-%d} {at:%H:%M}"


def demo_definition():
    raw = yaml.safe_load(DEMO_FILE.read_text(encoding="utf-8"))
    raw["dates"] = {
        "applications_open": _london(-21, time(9)),
        "questions_close": _london(14, time(17)),
        "applications_close": _london(28, time(12)),
        "results_published": _london(56, time(10)),
        "live_from": _london(63, time(9)),
        "expires": _london(4 * 365, time(17)),
    }
    return validate(raw)


def load_demo_framework() -> bool:
    """Load the demo framework and admit a few demo suppliers. Returns False if it was already there."""
    definition = demo_definition()
    if queries.get_framework(definition.slug) is not None:
        return False
    framework, _ = services.load_definition(definition, source="demo")
    for organisation, lots in _suppliers_for_lots():
        _admit(framework, organisation, lots)
    db.session.commit()
    return True


def _suppliers_for_lots() -> list[tuple[Organisation, list[str]]]:
    statement = (
        select(Organisation)
        .where(Organisation.status == PUBLISHED)
        .order_by(Organisation.id)
        .offset(SKIP_FIRST)
        .limit(60)
    )
    chosen: dict[int, tuple[Organisation, list[str]]] = {}
    counts = dict.fromkeys(LOT_CATEGORIES, 0)
    for organisation in db.session.scalars(statement):
        codes = {c.code for c in organisation.categories}
        for lot, divisions in LOT_CATEGORIES.items():
            if counts[lot] < PER_LOT and codes & divisions:
                chosen.setdefault(organisation.id, (organisation, []))[1].append(lot)
                counts[lot] += 1
    return list(chosen.values())


def _admit(framework, organisation: Organisation, lots: list[str]) -> None:
    definition = framework.definition
    moment = clock.now() - timedelta(days=7)
    application = FrameworkApplication(
        framework_id=framework.id,
        organisation_id=organisation.id,
        status=SUBMITTED,
        lots=lots,
        lot_results={},
        evaluations=[],
        statements={
            lot: f"We have delivered {definition.lot(lot).name.lower()} work for councils and housing associations "
            "across north London for several years."
            for lot in lots
        },
        answers={},
    )
    application.framework = framework
    application.organisation = organisation
    facts = progress.profile_facts(organisation)
    answers = {}
    for question in progress.applicable_questions(definition, application, facts):
        answers[question.id] = _good_answer(question)
    application.answers = {k: v for k, v in answers.items() if v is not None}
    application.submission = progress.snapshot(definition, framework.version, application, facts)
    outcomes = rules.evaluate_submission(definition, application.submission)
    application.evaluations = [
        AnswerEvaluation(
            question_id=qid,
            automatic=outcome,
            decision=rules.PASS if outcome == rules.DISCRETIONARY else None,
            reason="Demo: admitted in an earlier round" if outcome == rules.DISCRETIONARY else None,
            decided_at=moment if outcome == rules.DISCRETIONARY else None,
        )
        for qid, outcome in outcomes.items()
    ]
    application.lot_results = rules.lot_results(
        definition,
        application.submission,
        {qid: rules.PASS if o == rules.DISCRETIONARY else o for qid, o in outcomes.items()},
    )
    application.result = rules.overall(application.lot_results)
    application.submitted_at = application.evaluated_at = application.result_released_at = moment
    application.submission_count = 1
    contact = organisation.contact_name or "Demo contact"
    application.agreement_name, application.agreement_role, application.agreement_accepted_at = (
        contact,
        "Director",
        moment,
    )
    db.session.add(application)
    db.session.flush()
    record("framework_application.demo_admitted", application, source="demo", lots=lots)


def _good_answer(question):
    if question.type == "yes_no":
        return "yes"
    if question.type in {"single_choice", "multiple_choice"}:
        value = question.rule.must_be[0] if question.rule and question.rule.must_be else question.options[0].value
        return [value] if question.type == "multiple_choice" else value
    if question.type == "long_text":
        return (
            "We employ and train local residents, pay the London Living Wage and volunteer with tenants' and "
            "residents' associations."
        )
    if question.type == "date":
        return None
    return None
