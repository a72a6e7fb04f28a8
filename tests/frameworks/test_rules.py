"""Evaluation rules: pass, fail or a person decides; each lot judged on the questions that apply to it."""

from __future__ import annotations

import copy

from marketplace.frameworks import rules
from marketplace.frameworks.definition import validate
from tests.frameworks.factories import demo_data


def _definition(extra_questions: list[dict] | None = None):
    data = demo_data()
    if extra_questions:
        data["sections"][2]["questions"] = [data["sections"][2]["questions"][0], *extra_questions]
    return validate(copy.deepcopy(data))


def _submission(definition, answers: dict, lots: list[str]) -> dict:
    questions = [q.id for q in definition.applicable_questions(lots, {"turnover_band": "up-to-1m"})]
    return {"questions": questions, "answers": answers, "lots": lots}


def test_must_be_yes_passes_yes():
    question = _definition().question("insurance")
    assert rules.evaluate_answer(question, "yes") == rules.PASS


def test_must_be_yes_fails_no():
    question = _definition().question("insurance")
    assert rules.evaluate_answer(question, "no") == rules.FAIL


def test_otherwise_discretionary_sends_a_no_to_a_person():
    question = _definition().question("london_living_wage")
    assert rules.evaluate_answer(question, "no") == rules.DISCRETIONARY
    assert rules.evaluate_answer(question, "yes") == rules.PASS


def test_a_discretionary_question_always_goes_to_a_person():
    assert rules.evaluate_answer(_definition().question("social_value"), "Anything at all") == rules.DISCRETIONARY


def test_a_question_without_a_rule_is_not_evaluated():
    assert rules.evaluate_answer(_definition().question("start_date"), "2027-03-01") is None


def test_one_of_several_accepted_values_passes():
    question = _definition().question("modern_slavery")
    assert rules.evaluate_answer(question, "not-required") == rules.PASS
    assert rules.evaluate_answer(question, "not-published") == rules.FAIL


def test_a_number_must_be_in_range():
    definition = _definition(
        [{"id": "staff", "type": "number", "question": "How many staff?", "rule": {"must_be": {"at_least": 2}}}]
    )
    question = definition.question("staff")
    assert [rules.evaluate_answer(question, value) for value in (1, 2, 50)] == [rules.FAIL, rules.PASS, rules.PASS]


def test_multiple_choice_must_include_every_required_option():
    options = [{"value": v, "label": v} for v in ("chas", "iso-14001", "none")]
    definition = _definition(
        [
            {
                "id": "accreditations",
                "type": "multiple_choice",
                "question": "Which?",
                "options": options,
                "rule": {"must_be": ["chas"]},
            }
        ]
    )
    question = definition.question("accreditations")
    assert rules.evaluate_answer(question, ["chas", "iso-14001"]) == rules.PASS
    assert rules.evaluate_answer(question, ["iso-14001"]) == rules.FAIL


def test_a_missing_answer_never_passes_a_must_be_rule():
    assert rules.evaluate_answer(_definition().question("insurance"), None) == rules.FAIL


def test_failing_a_lot_specific_question_fails_only_those_lots():
    definition = _definition()
    answers = {
        "insurance": "yes",
        "health_and_safety": "yes",
        "safeguarding": "no",
        "london_living_wage": "yes",
        "social_value": "x",
    }
    submission = _submission(definition, answers, ["cleaning", "resident-engagement"])
    outcomes = rules.evaluate_submission(definition, submission)
    outcomes["social_value"] = rules.PASS  # decided by a person
    assert rules.lot_results(definition, submission, outcomes) == {
        "cleaning": rules.PASS,
        "resident-engagement": rules.FAIL,
    }


def test_an_undecided_answer_leaves_the_lots_pending():
    definition = _definition()
    submission = _submission(
        definition,
        {"insurance": "yes", "health_and_safety": "yes", "london_living_wage": "yes", "social_value": "x"},
        ["cleaning"],
    )
    results = rules.lot_results(definition, submission, rules.evaluate_submission(definition, submission))
    assert results == {"cleaning": rules.PENDING} and rules.overall(results) == rules.PENDING


def test_an_application_succeeds_if_any_lot_passes():
    assert rules.overall({"cleaning": rules.PASS, "resident-engagement": rules.FAIL}) == rules.PASS
    assert rules.overall({"cleaning": rules.FAIL}) == rules.FAIL


def test_only_questions_that_applied_when_submitted_are_evaluated():
    definition = _definition()
    submission = _submission(definition, {"insurance": "yes", "safeguarding": "no"}, ["cleaning"])
    assert "safeguarding" not in rules.evaluate_submission(definition, submission)
