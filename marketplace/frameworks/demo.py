"""Demo data: the Estates Services DPS, open for applications today, with some suppliers already on it.

A DPS admits suppliers throughout its life; the demo suppliers "on it" applied a week ago through the
services (as their owners) and were admitted in an earlier round. Idempotent: does nothing if the
framework is already loaded.
"""

from __future__ import annotations

from contextlib import nullcontext
from datetime import time, timedelta
from pathlib import Path

import yaml
from flask import current_app, has_request_context
from sqlalchemy import select

from marketplace import clock
from marketplace.accounts.models import User
from marketplace.audit.services import record
from marketplace.extensions import db
from marketplace.frameworks import progress, queries, rules, services
from marketplace.frameworks.definition import validate
from marketplace.frameworks.models import AnswerEvaluation
from marketplace.suppliers import queries as supplier_queries
from marketplace.suppliers.models import OWNER, PUBLISHED, Organisation

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
    # The services email the applicants: a request context on SERVICE_URL gives the links its address.
    context = (
        nullcontext()
        if has_request_context()
        else current_app.test_request_context(base_url=current_app.config["SERVICE_URL"])
    )
    with context:
        for organisation, owner, lots in _suppliers_for_lots():
            _admit(framework, organisation, owner, lots)
    return True


def _suppliers_for_lots() -> list[tuple[Organisation, User, list[str]]]:
    statement = (
        select(Organisation)
        .where(Organisation.status == PUBLISHED)
        .order_by(Organisation.id)
        .offset(SKIP_FIRST)
        .limit(60)
    )
    chosen: dict[int, tuple[Organisation, User, list[str]]] = {}
    counts = dict.fromkeys(LOT_CATEGORIES, 0)
    for organisation in db.session.scalars(statement):
        owner = next((m.user for m in supplier_queries.list_members(organisation.id) if m.role == OWNER), None)
        codes = {c.code for c in organisation.categories}
        for lot, divisions in LOT_CATEGORIES.items():
            if owner is not None and counts[lot] < PER_LOT and codes & divisions:
                chosen.setdefault(organisation.id, (organisation, owner, []))[2].append(lot)
                counts[lot] += 1
    return list(chosen.values())


def _admit(framework, organisation: Organisation, owner: User, lots: list[str]) -> None:
    """The owner applies a week ago through the services; then the application is admitted as in an earlier
    round of the DPS (no service admits one application while the DPS is open, so that part is set here)."""
    definition = framework.definition
    moment = clock.now() - timedelta(days=7)
    clock.freeze(moment)
    try:
        application = services.start_application(framework, organisation, owner)
        statements: dict[str, str | None] = {
            lot: f"We have delivered {definition.lot(lot).name.lower()} work for councils and housing associations "
            "across north London for several years."
            for lot in lots
        }
        services.save_lots(application, owner, lots, statements)
        facts = progress.profile_facts(organisation)
        answers = {q.id: _good_answer(q) for q in progress.applicable_questions(definition, application, facts)}
        services.save_answers(application, owner, {k: v for k, v in answers.items() if v is not None})
        services.submit(application, owner)
    finally:
        clock.freeze(None)
    submission = application.submission or {}
    outcomes = rules.evaluate_submission(definition, submission)
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
        submission,
        {qid: rules.PASS if o == rules.DISCRETIONARY else o for qid, o in outcomes.items()},
    )
    application.result = rules.overall(application.lot_results)
    application.evaluated_at = application.result_released_at = moment
    record("framework_application.demo_admitted", application, source="demo", lots=lots)
    db.session.commit()
    clock.freeze(moment)
    try:
        services.accept_agreement(application, owner, name=organisation.contact_name or "Demo contact", role="Director")
    finally:
        clock.freeze(None)


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
