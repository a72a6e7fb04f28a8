"""Form fields built from question definitions, with GOV.UK widgets and GOV.UK-worded errors.

Each field converts between what the browser sends and the stored answer:
yes/no and single choice → "value"; multiple choice → ["value", …]; text → "text";
number → int; date → "YYYY-MM-DD".
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovCheckboxesInput,
    GovDateInput,
    GovRadioInput,
    GovTextInput,
)
from wtforms import Field, RadioField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional, StopValidation, ValidationError

from marketplace.forms import MaxLength, Required
from marketplace.frameworks.definition import Question

DEFAULT_ERRORS = {
    "yes_no": "Select yes or no",
    "single_choice": "Select an option",
    "multiple_choice": "Select at least one option",
    "short_text": "Enter your answer",
    "long_text": "Enter your answer",
    "number": "Enter a number",
    "date": "Enter a date",
}


def word_count(text: str | None) -> int:
    return len((text or "").split())


class WordLimit:
    def __init__(self, limit: int, message: str):
        self.limit, self.message = limit, message

    def __call__(self, form, field):
        if field.data and word_count(field.data) > self.limit:
            raise ValidationError(self.message)


class WholeNumberField(StringField):
    """Whole numbers typed gently: '1,200', ' 40 ' and '£5000' are all fine."""

    def __init__(
        self,
        *args,
        minimum: int | None = None,
        maximum: int | None = None,
        name_for_errors: str = "the number",
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.minimum, self.maximum, self.name_for_errors = minimum, maximum, name_for_errors
        self.number: int | None = None

    def process_data(self, value):
        self.number = value if isinstance(value, int) and not isinstance(value, bool) else None
        self.data = "" if value is None else str(value)

    def pre_validate(self, form):
        text = re.sub(r"[\s,£]", "", self.data or "")
        self.number = None
        if not text:
            return
        if not re.fullmatch(r"-?\d{1,13}", text):
            raise ValidationError(
                f"{self.name_for_errors[:1].upper()}{self.name_for_errors[1:]} must be a whole number, like 12"
            )
        number = int(text)
        if self.minimum is not None and number < self.minimum:
            raise ValidationError(
                f"{self.name_for_errors[:1].upper()}{self.name_for_errors[1:]} must be {self.minimum:,} or more"
            )
        if self.maximum is not None and number > self.maximum:
            raise ValidationError(
                f"{self.name_for_errors[:1].upper()}{self.name_for_errors[1:]} must be {self.maximum:,} or fewer"
            )
        self.number = number


class GovDateField(Field):
    """Day, month and year boxes (all sent with the field's name), stored as an ISO date."""

    widget = GovDateInput()

    def process_data(self, value):
        self.data = date.fromisoformat(value) if isinstance(value, str) and _iso(value) else None

    def process_formdata(self, valuelist):
        parts = [str(part).strip() for part in valuelist][:3] if valuelist else []
        if not parts:
            self.raw_data = None
            self.data = None
            return
        parts += [""] * (3 - len(parts))
        self.raw_data = parts
        self.data = None

    def pre_validate(self, form):
        if not self.raw_data or not any(self.raw_data):
            return
        day, month, year = self.raw_data
        missing = [name for name, part in (("day", day), ("month", month), ("year", year)) if not part]
        if missing:
            raise ValidationError(f"The date must include a {' and '.join(missing)}")
        if not (day.isdigit() and month.isdigit() and year.isdigit() and len(year) == 4):
            raise ValidationError("The date must be a real date, like 27 3 2027")
        try:
            self.data = date(int(year), int(month), int(day))
        except ValueError:
            raise ValidationError("The date must be a real date, like 27 3 2027") from None

    def _value(self):
        return self.data.isoformat() if self.data else ""


class DateRequired:
    """Required for the three date boxes: a partly filled date gets the specific message instead."""

    field_flags = {"required": True}

    def __init__(self, message: str):
        self.message = message

    def __call__(self, form, field):
        if not field.raw_data or not any(field.raw_data):
            field.errors[:] = []
            raise StopValidation(self.message)


class DateOptional:
    field_flags = {"optional": True}

    def __call__(self, form, field):
        if not field.raw_data or not any(field.raw_data):
            field.errors[:] = []
            raise StopValidation()


def _iso(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


class ExclusiveOptions:
    def __init__(self, exclusive: set[str], labels: dict[str, str]):
        self.exclusive, self.labels = exclusive, labels

    def __call__(self, form, field):
        chosen = set(field.data or [])
        for value in self.exclusive & chosen:
            if len(chosen) > 1:
                raise ValidationError(f"Select ‘{self.labels[value]}’ on its own, or only the options that apply")


def label_for(question: Question) -> str:
    return question.text if question.required else f"{question.text} (optional)"


def field_for(question: Question) -> Field:
    label = label_for(question)
    first = [Required(question.error or DEFAULT_ERRORS[question.type])] if question.required else [Optional()]
    description = question.guidance or ""
    choices = [SelectChoice(option.value, option.label) for option in question.options]
    if question.type in {"yes_no", "single_choice"}:
        return RadioField(label, description=description, choices=choices, widget=GovRadioInput(), validators=first)
    if question.type == "multiple_choice":
        exclusive = {o.value for o in question.options if o.exclusive}
        labels = {o.value: o.label for o in question.options}
        return SelectMultipleField(
            label,
            description=description,
            choices=choices,
            widget=GovCheckboxesInput(),
            validators=[*first, ExclusiveOptions(exclusive, labels)],
        )
    if question.type == "short_text":
        limit = question.max_length or 200
        return StringField(
            label,
            description=description,
            widget=GovTextInput(),
            validators=[*first, MaxLength(limit, f"Your answer must be {limit:,} characters or fewer")],
        )
    if question.type == "long_text":
        words = question.word_limit or 0
        return TextAreaField(
            label,
            description=description,
            widget=GovCharacterCount(),
            validators=[
                *first,
                WordLimit(words, f"Your answer must be {words:,} words or fewer"),
                MaxLength(words * 15, f"Your answer must be {words * 15:,} characters or fewer"),
            ],
        )
    if question.type == "number":
        return WholeNumberField(
            label,
            description=description,
            widget=GovTextInput(),
            validators=first,
            minimum=question.minimum,
            maximum=question.maximum,
            name_for_errors="your answer",
        )
    date_first = [DateRequired(question.error or DEFAULT_ERRORS["date"])] if question.required else [DateOptional()]
    return GovDateField(label, description=description, validators=date_first)


def render_params(question: Question) -> dict:
    """Extra GOV.UK macro parameters for a question's field."""
    legend = {"fieldset": {"legend": {"text": label_for(question), "classes": "govuk-fieldset__legend--s"}}}
    if question.type in {"yes_no", "single_choice"}:
        return {**legend, "classes": "govuk-radios--inline"} if question.type == "yes_no" else legend
    if question.type == "multiple_choice":
        return {**legend, "items": [{"behaviour": "exclusive"} if o.exclusive else {} for o in question.options]}
    if question.type == "long_text":
        return {"maxwords": question.word_limit, "label": {"classes": "govuk-label--s"}, "rows": 8}
    if question.type == "number":
        params: dict = {
            "label": {"classes": "govuk-label--s"},
            "classes": "govuk-input--width-10",
            "inputmode": "numeric",
            "spellcheck": False,
        }
        if question.suffix:
            params["suffix"] = {"text": question.suffix}
        return params
    if question.type == "date":
        return legend
    return {"label": {"classes": "govuk-label--s"}}


def stored_value(question: Question, field: Field) -> Any:
    """The answer to store from a field that validated (None when left blank)."""
    if question.type == "number":
        return field.number
    if question.type == "date":
        return field.data.isoformat() if field.data else None
    if question.type == "multiple_choice":
        chosen = set(field.data or [])
        return [o.value for o in question.options if o.value in chosen] or None
    return field.data or None
