"""Every question type becomes a GOV.UK field that keeps what was typed and stores a clean answer."""

from __future__ import annotations

import copy

from werkzeug.datastructures import MultiDict

from marketplace.frameworks.definition import validate
from marketplace.frameworks.forms import section_form
from tests.frameworks.factories import demo_data

OPTIONS = [
    {"value": "chas", "label": "CHAS"},
    {"value": "iso-14001", "label": "ISO 14001"},
    {"value": "none", "label": "None of these", "exclusive": True},
]
QUESTIONS = [
    {"id": "accreditations", "type": "multiple_choice", "question": "Which do you hold?", "options": OPTIONS},
    {
        "id": "staff",
        "type": "number",
        "question": "How many staff could work on estates?",
        "min": 1,
        "max": 5000,
        "suffix": "people",
        "required": False,
    },
    {
        "id": "contact_role",
        "type": "short_text",
        "question": "Who would manage the contract?",
        "max_length": 20,
        "required": False,
    },
]


def _form(app, data: dict):
    raw = demo_data()
    raw["sections"] = [{"slug": "extra", "title": "About your work", "questions": QUESTIONS}]
    definition = validate(copy.deepcopy(raw))
    with app.test_request_context(method="POST", data=data):
        form = section_form(definition.section("extra").questions, {}, formdata=MultiDict(data))
        form.meta.csrf = False
        form.validate()
        return form


def test_numbers_are_typed_gently(app):
    form = _form(app, {"accreditations": "chas", "staff": " 120 "})
    assert form.valid_answers()["staff"] == 120


def test_commas_in_numbers_are_fine(app):
    assert _form(app, {"accreditations": "chas", "staff": "1,200"}).valid_answers()["staff"] == 1200


def test_words_are_not_numbers(app):
    form = _form(app, {"accreditations": "chas", "staff": "lots"})
    assert form.staff.errors == ["Your answer must be a whole number, like 12"]


def test_numbers_outside_the_range_are_refused(app):
    assert _form(app, {"accreditations": "chas", "staff": "5001"}).staff.errors == [
        "Your answer must be 5,000 or fewer"
    ]


def test_an_exclusive_option_must_be_chosen_on_its_own(app):
    form = _form(app, MultiDict([("accreditations", "chas"), ("accreditations", "none")]))
    assert form.accreditations.errors == ["Select ‘None of these’ on its own, or only the options that apply"]


def test_several_options_are_stored_in_the_questions_order(app):
    form = _form(app, MultiDict([("accreditations", "iso-14001"), ("accreditations", "chas")]))
    assert form.valid_answers()["accreditations"] == ["chas", "iso-14001"]


def test_short_text_has_a_length_limit(app):
    form = _form(app, {"accreditations": "chas", "contact_role": "x" * 21})
    assert form.contact_role.errors == ["Your answer must be 20 characters or fewer"]


def test_optional_answers_left_blank_are_cleared(app):
    answers = _form(app, {"accreditations": "chas", "staff": "", "contact_role": ""}).valid_answers()
    assert answers == {"accreditations": ["chas"], "staff": None, "contact_role": None}
