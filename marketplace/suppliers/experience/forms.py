"""Forms for case studies and social value commitments. Each error message names its field."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any, TypedDict
from urllib.parse import urlsplit

from govuk_frontend_wtf.wtforms_widgets import GovCharacterCount, GovRadioInput, GovSubmitInput, GovTextInput
from wtforms import RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional, ValidationError

from marketplace.forms import BaseForm, MaxLength, Required
from marketplace.suppliers import reference
from marketplace.suppliers.models import CaseStudy, SocialValueCommitment
from marketplace.suppliers.profile import word_count

WORD_LIMIT = 150
# A word limit alone lets one 'word' run to megabytes; this cap is generous for 150 real words.
CHARACTER_LIMIT = 2000
MAX_QUANTITY = Decimal("9999999999.99")  # what Numeric(12, 2) can hold
PERIODS = {"per year": "Per year", "per month": "Per month", "over the contract": "Over the length of a contract"}


# Case studies -----------------------------------------------------------------------------------


class WordLimit:
    def __init__(self, name: str):
        self.name = name

    def __call__(self, form, field) -> None:
        if not field.data:
            return
        if word_count(field.data) > WORD_LIMIT:
            raise ValidationError(f"{self.name} must be {WORD_LIMIT} words or fewer")
        if len(field.data) > CHARACTER_LIMIT:
            raise ValidationError(f"{self.name} must be {CHARACTER_LIMIT:,} characters or fewer")


def _line(label: str, required: str, hint: str) -> StringField:
    validators = [Required(required), MaxLength(200, f"{label} must be 200 characters or fewer")]
    return StringField(label, description=hint, widget=GovTextInput(), validators=validators)


def _answer(label: str, name: str, hint: str, required: str | None = None) -> TextAreaField:
    first = Required(required) if required else Optional()
    return TextAreaField(label, description=hint, widget=GovCharacterCount(), validators=[first, WordLimit(name)])


CASE_STUDY_FIELDS = ("title", "client", "problem", "approach", "outcome", "resident_engagement")


class CaseStudyDetails(TypedDict):
    title: str
    client: str
    problem: str
    approach: str
    outcome: str
    resident_engagement: str | None


class CaseStudyForm(BaseForm):
    title = _line(
        "Title", "Enter a title for the case study", "A short name for the work, like ‘Estate cleaning in Gospel Oak’"
    )
    client = _line(
        "Client", "Enter who the work was for", "For example a council, housing association, school or residents’ group"
    )
    problem = _answer(
        "The problem",
        "The problem",
        "What the client needed, or what was going wrong",
        "Enter the problem the client had",
    )
    approach = _answer(
        "What you did", "What you did", "How you went about it and who was involved", "Enter what you did"
    )
    outcome = _answer(
        "The outcome",
        "The outcome",
        "What changed as a result. Use numbers if you can, like ‘repairs done in 5 days instead of 20’",
        "Enter the outcome of the work",
    )
    resident_engagement = _answer(
        "How residents were engaged (optional)",
        "How residents were engaged",
        "How you involved the people who live with the service, like drop-in sessions or walkabouts with a tenants’ "
        "association",
    )
    submit = SubmitField("Save case study", widget=GovSubmitInput())

    @classmethod
    def for_case_study(cls, case_study: CaseStudy) -> CaseStudyForm:
        return cls(data={name: getattr(case_study, name) for name in CASE_STUDY_FIELDS})

    def details(self) -> CaseStudyDetails:
        """Call only after validating: the answers, ready for the service (an empty optional answer is None)."""
        return CaseStudyDetails(
            title=self.title.data,
            client=self.client.data,
            problem=self.problem.data,
            approach=self.approach.data,
            outcome=self.outcome.data,
            resident_engagement=self.resident_engagement.data or None,
        )


# Social value commitments -----------------------------------------------------------------------


@dataclass(frozen=True)
class Measure:
    key: str  # "theme/measure", the form's value; the database keeps the theme slug and the measure's words
    theme: str
    theme_name: str
    name: str
    unit: str


@lru_cache(maxsize=1)
def measures() -> dict[str, Measure]:
    """Every measure in the reference data, keyed by "theme/measure", in the framework's order."""
    found = [
        Measure(f"{theme['slug']}/{measure['slug']}", theme["slug"], theme["name"], measure["name"], measure["unit"])
        for theme in reference.social_value_themes().values()
        for measure in theme["measures"]
    ]
    return {measure.key: measure for measure in found}


def measure_key(theme: str, name: str) -> str | None:
    return next((m.key for m in measures().values() if m.theme == theme and m.name == name), None)


_NUMBER = re.compile(r"^-?(\d+(\.\d*)?|\.\d+)$")
_HOST = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)+$", re.IGNORECASE)


def parse_quantity(text: str) -> Decimal:
    """'1,250.5' → Decimal('1250.5'). Raises ValueError with the message to show."""
    cleaned = re.sub(r"[\s,£]", "", text)
    if not _NUMBER.match(cleaned):
        raise ValueError("Amount must be a number, like 10 or 2.5")
    value = Decimal(cleaned)
    if value <= 0:
        raise ValueError("Amount must be more than 0")
    if value > MAX_QUANTITY:
        raise ValueError("Amount must be less than 10,000,000,000")
    if len(cleaned.partition(".")[2].rstrip("0")) > 2:
        raise ValueError("Amount can have up to 2 decimal places, like 12.75")
    return value


def normalise_link(text: str) -> str | None:
    """An http(s) address, adding https:// if it was left off; None if it cannot be a web link.

    Only http and https are allowed: the link is shown to buyers, so 'javascript:' must never get through.
    """
    candidate = text if re.match(r"^[a-z][a-z0-9+.-]*://", text, re.IGNORECASE) else f"https://{text}"
    parts = urlsplit(candidate)
    if parts.scheme.lower() not in ("http", "https") or re.search(r"\s", candidate):
        return None
    return candidate if _HOST.match(parts.hostname or "") else None


def _quantity(form, field) -> None:
    try:
        parse_quantity(field.data or "")
    except ValueError as error:
        raise ValidationError(str(error)) from None


def _link(form, field) -> None:
    if not field.data:
        return
    link = normalise_link(field.data)
    if link is None:
        raise ValidationError("Enter a link in the correct format, like https://www.example.org/social-value-report")
    if len(link) > 300:  # adding https:// can push a link that fitted over the column's size
        raise ValidationError("Link must be 300 characters or fewer")


def _format_quantity(amount: Decimal) -> str:
    return f"{amount.normalize():f}"


class CommitmentForm(BaseForm):
    measure = SelectField(
        "What will you commit to?",
        choices=[],
        validate_choice=True,
        invalid_choice_message="Select what you will commit to",
        description="Choose the closest measure. They are grouped by the council’s 5 social value themes.",
        validators=[Required("Select what you will commit to")],
    )
    quantity = StringField(
        "Amount",
        widget=GovTextInput(),
        description="A number, like 10 or 2.5",
        validators=[Required("Enter the amount you will commit to, like 10"), _quantity],
    )
    unit = StringField(
        "Unit (optional)",
        widget=GovTextInput(),
        validators=[Optional(), MaxLength(40, "Unit must be 40 characters or fewer")],
        description="Like hours, people or GBP. Leave it blank to use the usual unit for what you chose.",
    )
    period = RadioField(
        "Over what period?",
        widget=GovRadioInput(),
        description="The time the amount covers",
        choices=[SelectChoice(value, label) for value, label in PERIODS.items()],
        validators=[Required("Select the period the amount covers")],
    )
    evidence_url = StringField(
        "Link to evidence (optional)",
        widget=GovTextInput(),
        validators=[Optional(), _link],
        description="For example a social value report on your website",
    )
    submit = SubmitField("Save commitment", widget=GovSubmitInput())

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.measure.choices = [SelectChoice("", "Choose a commitment")] + [
            SelectChoice(m.key, m.name, optgroup=m.theme_name) for m in measures().values()
        ]

    @classmethod
    def for_commitment(cls, commitment: SocialValueCommitment) -> CommitmentForm:
        return cls(
            data={
                "measure": measure_key(commitment.theme, commitment.measure),
                "quantity": _format_quantity(commitment.quantity),
                "unit": commitment.unit,
                "period": commitment.period,
                "evidence_url": commitment.evidence_url,
            }
        )

    def chosen_measure(self) -> Measure | None:
        return measures().get(self.measure.data or "")

    def fill_in_unit(self) -> None:
        """Show the measure's usual unit when it was left blank, so a corrected form has it ready."""
        measure = self.chosen_measure()
        if measure is not None and not self.unit.data:
            self.unit.data = measure.unit

    def details(self) -> dict[str, Any]:
        """Call only after validating: the answers, ready for the service."""
        measure = self.chosen_measure()
        assert measure is not None
        return {
            "theme": measure.theme,
            "measure": measure.name,
            "quantity": parse_quantity(self.quantity.data),
            "unit": self.unit.data or measure.unit,
            "period": self.period.data,
            "evidence_url": normalise_link(self.evidence_url.data) if self.evidence_url.data else None,
        }


class DeleteForm(BaseForm):
    submit = SubmitField("Yes, delete it", widget=GovSubmitInput())
