"""Application forms, built from the framework's definition; and the few fixed forms around them."""

from __future__ import annotations

from typing import Any

from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovCheckboxesInput,
    GovCheckboxInput,
    GovRadioInput,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import BooleanField, RadioField, SelectMultipleField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional, ValidationError

from marketplace.forms import BaseForm, MaxLength, Required
from marketplace.frameworks import fields
from marketplace.frameworks.definition import Definition, Lot, Question
from marketplace.frameworks.evaluation import DECISIONS


def statement_field(lot_slug: str) -> str:
    return "statement_" + lot_slug.replace("-", "_")


class SectionForm(BaseForm):
    """One declaration section; its fields are added per question by `section_form`."""

    submit = SubmitField("Save and continue", widget=GovSubmitInput())
    questions: list[Question] = []
    params: dict[str, dict] = {}

    def question_fields(self):
        return [(question, self[question.id]) for question in self.questions]

    def valid_answers(self) -> dict[str, Any]:
        """The answers that passed validation (None for ones left blank), ready to store."""
        return {
            question.id: fields.stored_value(question, field)
            for question, field in self.question_fields()
            if not field.errors
        }


def section_form(questions: list[Question], answers: dict[str, Any] | None = None, formdata=None) -> SectionForm:
    attributes = {question.id: fields.field_for(question) for question in questions}
    form_class = type("DeclarationSectionForm", (SectionForm,), attributes)
    data = {question.id: (answers or {}).get(question.id) for question in questions}
    form = form_class(formdata=formdata, data=data) if formdata is not None else form_class(data=data)
    form.questions = questions
    form.params = {question.id: fields.render_params(question) for question in questions}
    return form


class LotsForm(BaseForm):
    lots = SelectMultipleField(
        "Which lots are you applying for?",
        widget=GovCheckboxesInput(),
        choices=[],
        validators=[Required("Select at least one lot")],
        description="Select all that apply. You can apply for as many as you can deliver.",
    )
    submit = SubmitField("Save and continue", widget=GovSubmitInput())
    definition: Definition | None = None
    params: dict[str, dict] = {}

    def statement(self, lot_slug: str):
        return self._fields.get(statement_field(lot_slug))

    def _lots(self) -> tuple[Lot, ...]:
        if self.definition is None:
            raise RuntimeError("build the form with its framework's definition")
        return self.definition.lots

    def check_statements(self) -> None:
        """Chosen lots need their statement (checked after validate, so lots themselves still save)."""
        for lot in self._lots():
            field = self.statement(lot.slug)
            if field is not None and lot.slug in (self.lots.data or []) and not field.data and not field.errors:
                field.errors.append(f"Write your statement for the {lot.name.lower()} lot")

    def valid_choice(self) -> tuple[list[str] | None, dict[str, str | None]]:
        lots = None if self.lots.errors else list(self.lots.data or [])
        statements = {
            lot.slug: (field.data or None)
            for lot in self._lots()
            if (field := self.statement(lot.slug)) is not None and not field.errors
        }
        return lots, statements


def lots_form(definition: Definition, lots: list[str], statements: dict[str, str], formdata=None) -> LotsForm:
    attributes = {}
    for lot in definition.lots:
        if lot.statement_word_limit:
            limit = lot.statement_word_limit
            attributes[statement_field(lot.slug)] = TextAreaField(
                f"Your statement for the {lot.name.lower()} lot",
                description=lot.statement_guidance or "",
                widget=GovCharacterCount(),
                validators=[
                    Optional(),
                    fields.WordLimit(limit, f"Your statement must be {limit:,} words or fewer"),
                    MaxLength(limit * 15, f"Your statement must be {limit * 15:,} characters or fewer"),
                ],
            )
    form_class = type("ChooseLotsForm", (LotsForm,), attributes)
    data = {"lots": lots, **{statement_field(slug): text for slug, text in statements.items()}}
    form = form_class(formdata=formdata, data=data) if formdata is not None else form_class(data=data)
    form.definition = definition
    form.lots.choices = [SelectChoice(lot.slug, lot.name) for lot in definition.lots]
    form.params = {
        statement_field(lot.slug): {"maxwords": lot.statement_word_limit, "rows": 5}
        for lot in definition.lots
        if lot.statement_word_limit
    }
    return form


class StartApplicationForm(BaseForm):
    submit = SubmitField("Start your application", widget=GovSubmitInput())


class SubmitApplicationForm(BaseForm):
    submit = SubmitField("Submit application", widget=GovSubmitInput())


class WithdrawApplicationForm(BaseForm):
    submit = SubmitField("Withdraw application", widget=GovSubmitInput())


class Checked:
    field_flags = {"required": True}

    def __init__(self, message: str):
        self.message = message

    def __call__(self, form, field):
        if not field.data:
            raise ValidationError(self.message)


class AcceptAgreementForm(BaseForm):
    full_name = StringField(
        "Your full name",
        widget=GovTextInput(),
        validators=[Required("Enter your full name"), MaxLength(200, "Your name must be 200 characters or fewer")],
    )
    role = StringField(
        "Your role",
        description="For example director, owner or chief executive",
        widget=GovTextInput(),
        validators=[
            Required("Enter your role in your organisation"),
            MaxLength(200, "Your role must be 200 characters or fewer"),
        ],
    )
    authorised = BooleanField(
        "I am authorised to accept this agreement for my organisation",
        widget=GovCheckboxInput(),
        validators=[Checked("Confirm that you are authorised to accept the agreement")],
    )
    submit = SubmitField("Accept agreement", widget=GovSubmitInput())


# Admin ------------------------------------------------------------------------------------------


class DefinitionForm(BaseForm):
    definition = TextAreaField(
        "Framework definition (YAML)",
        description="Dates are London times, like 2027-01-29 12:00. Once anyone has applied, lots and questions "
        "cannot change.",
        widget=GovTextArea(),
        validators=[
            Required("Enter the framework definition"),
            MaxLength(200_000, "The definition must be 200,000 characters or fewer"),
        ],
        strip=False,
    )
    submit = SubmitField("Check and save", widget=GovSubmitInput())


class DecisionForm(BaseForm):
    decision = RadioField(
        "Your decision",
        widget=GovRadioInput(),
        choices=[SelectChoice(k, v) for k, v in DECISIONS.items()],
        validators=[Required("Select pass or fail")],
    )
    reason = TextAreaField(
        "Reason",
        widget=GovCharacterCount(),
        description="Recorded for audit. If you fail the answer, the supplier sees this reason.",
        validators=[
            Required("Enter the reason for your decision"),
            MaxLength(2000, "The reason must be 2,000 characters or fewer"),
        ],
    )
    submit = SubmitField("Save decision", widget=GovSubmitInput())


class EvaluateForm(BaseForm):
    submit = SubmitField("Run automatic evaluation", widget=GovSubmitInput())


class ReleaseResultsForm(BaseForm):
    submit = SubmitField("Publish results and email applicants", widget=GovSubmitInput())
