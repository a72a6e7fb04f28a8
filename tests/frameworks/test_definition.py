"""Frameworks are data: a definition file is checked thoroughly before anything is stored."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime

import pytest

from marketplace.frameworks.definition import MAX_QUESTIONS, DefinitionError, load_file, parse_text, validate
from tests.frameworks.factories import DEMO_FILE, demo_data


def _errors(data) -> list[str]:
    with pytest.raises(DefinitionError) as caught:
        validate(data)
    return caught.value.errors


def _with_question(**question) -> dict:
    data = demo_data()
    data["sections"][0]["questions"][0] = {"id": "extra", "type": "yes_no", "question": "Is it so?", **question}
    return data


def test_the_demo_application_asks_at_most_twelve_questions_beyond_the_profile():
    definition = load_file(DEMO_FILE)
    declaration = len(definition.questions)
    lot_choice_and_statements = 1 + sum(1 for lot in definition.lots if lot.statement_word_limit)
    assert declaration + lot_choice_and_statements == definition.most_questions_asked() <= 12


def test_the_demo_asks_nothing_the_profile_already_holds():
    profile_words = (
        "organisation name",
        "postcode",
        "address",
        "turnover",
        "how many people",
        "vcse",
        "registration number",
        "categor",
    )
    for question in load_file(DEMO_FILE).questions:
        assert not any(word in question.text.lower() for word in profile_words), question.text


def test_the_demo_framework_has_four_lots():
    assert [lot.slug for lot in load_file(DEMO_FILE).lots] == [
        "repairs",
        "cleaning",
        "resident-engagement",
        "green-spaces",
    ]


def test_a_definition_asking_more_than_twelve_questions_is_refused():
    data = demo_data()
    data["sections"][0]["questions"] += [
        {"id": f"q{n}", "type": "yes_no", "question": f"Question {n}?"} for n in range(6)
    ]
    assert any(f"at most {MAX_QUESTIONS}" in error for error in _errors(data))


def test_london_times_become_utc_instants_in_winter_and_summer():
    definition = load_file(DEMO_FILE)
    assert definition.dates.applications_close_at == datetime(2027, 1, 29, 12, 0, tzinfo=UTC)  # GMT
    assert definition.dates.applications_open_at == datetime(2026, 10, 1, 8, 0, tzinfo=UTC)  # BST


def test_a_time_the_clocks_skip_is_refused():
    data = demo_data()
    data["dates"]["applications_close"] = "2027-03-28 01:30"  # clocks go forward 01:00 → 02:00
    assert any("does not exist in London" in error for error in _errors(data))


def test_a_time_that_happens_twice_is_refused():
    data = demo_data()
    data["dates"]["applications_close"] = "2026-10-25 01:30"  # clocks go back 02:00 → 01:00
    assert any("happens twice in London" in error for error in _errors(data))


def test_dates_must_be_in_order():
    data = demo_data()
    data["dates"]["applications_close"] = "2026-09-01 12:00"
    assert "dates: 'applications_close' must be after 'questions_close'" in _errors(data)


def test_a_date_without_a_time_is_refused():
    data = demo_data()
    data["dates"]["expires"] = "2031-03-28"
    assert any("dates.expires" in error and "like 2026-05-01 12:00" in error for error in _errors(data))


def test_every_problem_is_reported_at_once_with_where_it_is():
    data = demo_data()
    data["lots"][0].pop("name")
    data["sections"][1]["questions"][0]["type"] = "essay"
    errors = _errors(data)
    assert "lots[0]: 'name' is required" in errors
    assert any(
        error.startswith("sections[1].questions[0] (london_living_wage): 'type' must be one of") for error in errors
    )


def test_a_rule_must_name_one_of_the_questions_options():
    errors = _errors(
        _with_question(
            type="single_choice",
            options=[{"value": "a", "label": "A"}, {"value": "b", "label": "B"}],
            rule={"must_be": "c"},
        )
    )
    assert any("'c' is not one of the question's options" in error for error in errors)


def test_text_questions_can_only_have_discretionary_rules():
    errors = _errors(_with_question(type="short_text", rule={"must_be": "yes"}))
    assert any("short text questions can only be discretionary" in error for error in errors)


def test_long_text_needs_a_word_limit():
    assert any("need a 'word_limit'" in error for error in _errors(_with_question(type="long_text")))


def test_a_condition_must_name_real_lots_and_profile_facts():
    errors = _errors(_with_question(applies_if={"lots": ["catering"], "profile": {"favourite_colour": ["green"]}}))
    assert any("'lots' must list lots of this framework" in error for error in errors)
    assert any("'favourite_colour' is not a profile fact" in error for error in errors)


def test_question_ids_must_be_unique():
    data = demo_data()
    data["sections"][1]["questions"][0]["id"] = "insurance"
    assert any("question id 'insurance' appears twice" in error for error in _errors(data))


def test_yaml_read_as_yes_and_no_still_means_yes_and_no():
    definition = load_file(DEMO_FILE)
    assert definition.question("insurance").rule.must_be == ("yes",)


def test_broken_yaml_gets_a_clear_message_with_the_line():
    with pytest.raises(DefinitionError) as caught:
        parse_text("slug: x\nname: [unclosed\n")
    assert caught.value.errors[0].startswith("The definition is not valid YAML (line")


def test_a_json_file_is_loaded_too(tmp_path):
    path = tmp_path / "framework.json"
    path.write_text(json.dumps(demo_data()), encoding="utf-8")
    assert load_file(path).slug == "estates-dps"


def test_what_is_stored_reads_back_as_the_same_definition():
    definition = load_file(DEMO_FILE)
    again = parse_text(definition.to_yaml())
    assert again == definition and again.checksum == definition.checksum


def test_guidance_changes_do_not_change_the_questions():
    definition = load_file(DEMO_FILE)
    data = copy.deepcopy(definition.data)
    data["sections"][0]["questions"][0]["guidance"] = "Clearer guidance."
    assert validate(data).questions_checksum == definition.questions_checksum
    data["sections"][0]["questions"][0]["question"] = "A different question?"
    assert validate(data).questions_checksum != definition.questions_checksum
