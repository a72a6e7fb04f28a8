"""Notice forms. Formats are checked on every save; completeness when publishing (see rules.py)."""

from __future__ import annotations

import re
from dataclasses import asdict

from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovCheckboxesInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import RadioField, SelectField, SelectMultipleField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional, ValidationError

from marketplace import fields
from marketplace.forms import BaseForm, EmailAddress, MaxLength, Required
from marketplace.notices import choices, rules
from marketplace.notices.services import NoticeDetails
from marketplace.suppliers import reference

MAX_OUTCOMES = 10


def _phone(form, field):
    if field.data and not re.fullmatch(r"[\d\s()+-]{7,20}", field.data):
        raise ValidationError("Enter a telephone number, like 020 7974 4444 or +44 20 7974 4444")


def _text(label: str, limit: int = 200, hint: str | None = None, required: str | None = None) -> StringField:
    validators = [Required(required)] if required else [Optional()]
    return StringField(
        label,
        description=hint,
        widget=GovTextInput(),
        validators=[
            *validators,
            MaxLength(limit, f"{label.removesuffix(' (optional)')} must be {limit:,} characters or fewer"),
        ],
    )


def _area(label: str, limit: int, hint: str | None = None, widget=None) -> TextAreaField:
    return TextAreaField(
        label,
        description=hint,
        widget=widget or GovTextArea(),
        validators=[
            Optional(),
            MaxLength(limit, f"{label.removesuffix(' (optional)')} must be {limit:,} characters or fewer"),
        ],
    )


class NoticeForm(BaseForm):
    kind = RadioField(
        "What kind of notice is it?",
        widget=GovRadioInput(),
        choices=[SelectChoice(k, v) for k, v in choices.KINDS.items()],
        validators=[Required("Select what kind of notice it is")],
    )
    title = _text(
        "Title", hint="Say what the work is about, for example ‘Estate repairs in Gospel Oak’", required="Enter a title"
    )
    summary = _area("Summary", 600, "One or two sentences suppliers see in the list of notices", GovCharacterCount())
    description = _area(
        "Description (optional)",
        20_000,
        "The problem, the people it affects and what you know so far. You can use Markdown for lists and links.",
    )
    outcomes = _area(
        "Outcomes you are looking for",
        3_000,
        "One per line. Describe results for residents, not the things to be delivered, for example ‘Residents feel "
        "safer on their estate’",
    )
    mission = SelectField(
        "Council mission (optional)", widget=GovSelect(), choices=[], validators=[Optional()], validate_choice=True
    )
    category_search = StringField(
        "Search categories",
        widget=GovTextInput(),
        validators=[Optional(), MaxLength(100, "Search must be 100 characters or fewer")],
        description="For example repair, cleaning or youth",
    )
    find = SubmitField("Search", widget=GovSubmitInput())
    categories = SelectMultipleField(
        "Categories", widget=GovCheckboxesInput(), choices=[], validators=[Optional()], validate_choice=True
    )
    wards = SelectMultipleField(
        "Where will the work happen?",
        widget=GovCheckboxesInput(),
        choices=[],
        validators=[Optional()],
        validate_choice=True,
        description="Select all that apply",
    )
    value_low = _text("Lowest estimate (optional)", 20, "In pounds, excluding VAT, for example 100,000")
    value_high = _text("Highest estimate (optional)", 20, "In pounds, excluding VAT, for example 250,000")
    engagement_closes_on = fields.date_field("When does engagement close?", "the date engagement closes")
    engagement_closes_time = fields.time_field("Time engagement closes")
    questions_close_on = fields.date_field(
        "Deadline for questions (optional)",
        "the deadline for questions",
        "If you leave this blank, suppliers can ask questions until engagement closes",
    )
    questions_close_time = fields.time_field("Time questions close")
    expected_tender_date = fields.date_field(
        "Expected tender date",
        "the expected tender date",
        "When you expect to publish the tender, for example 1 6 2027",
    )
    contract_start_date = fields.date_field("Expected contract start (optional)", "the expected contract start")
    contract_months = _text("Expected contract length in months (optional)", 4, "For example, 36")
    suitable = SelectMultipleField(
        "Who is the work suitable for? (optional)",
        widget=GovCheckboxesInput(),
        choices=[
            SelectChoice("sme", "Small and medium-sized enterprises (SMEs)"),
            SelectChoice("vcse", "Voluntary, community and social enterprises (VCSEs)"),
        ],
        validators=[Optional()],
        validate_choice=True,
    )
    reserved = RadioField(
        "Might the contract be reserved?",
        widget=GovRadioInput(),
        choices=[SelectChoice(k or "no", v) for k, v in choices.RESERVATIONS.items()],
        validators=[Optional()],
    )
    contact_name = _text("Contact name (optional)")
    contact_email = StringField(
        "Contact email address",
        widget=GovTextInput(),
        validators=[Optional(), MaxLength(320, "Email address must be 320 characters or fewer"), EmailAddress()],
    )
    contact_phone = _text("Contact telephone (optional)", 40)
    change_note = _area(
        "What has changed, and why? (optional)", 1_000, "Suppliers see this in the notice’s change history"
    )
    submit = SubmitField("Save and preview", widget=GovSubmitInput())

    def __init__(self, *args, missions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.mission.choices = [SelectChoice("", "None"), *[SelectChoice(str(m.id), m.name) for m in missions]]
        self.categories.choices = [
            SelectChoice(code, f"{c.label} ({code})") for code, c in reference.categories().items()
        ]
        self.wards.choices = [SelectChoice(k, v) for k, v in choices.locations().items()]
        self.contact_phone.validators = [*self.contact_phone.validators, _phone]

    def fill_from(self, notice) -> None:
        self.outcomes.data = "\n".join(o.text for o in notice.outcomes)
        self.mission.data = str(notice.mission_id) if notice.mission_id else ""
        self.categories.data = notice.category_codes
        self.wards.data = notice.ward_slugs
        self.value_low.data = _plain(notice.value_low)
        self.value_high.data = _plain(notice.value_high)
        self.contract_months.data = str(notice.contract_months) if notice.contract_months else ""
        self.suitable.data = [k for k in ("sme", "vcse") if getattr(notice, f"suitable_{k}")]
        self.reserved.data = notice.reserved or "no"
        fields.fill(self.engagement_closes_on, self.engagement_closes_time, notice.engagement_closes_at)
        fields.fill(self.questions_close_on, self.questions_close_time, notice.questions_close_at)

    def validate_outcomes(self, field):
        outcomes = fields.lines(field.data)
        if len(outcomes) > MAX_OUTCOMES:
            raise ValidationError(f"Enter {MAX_OUTCOMES} outcomes or fewer")
        if any(len(outcome) > 300 for outcome in outcomes):
            raise ValidationError("Each outcome must be 300 characters or fewer")

    def validate_contract_months(self, field):
        if field.data and not (field.data.isdigit() and 1 <= int(field.data) <= 600):
            raise ValidationError("Enter the contract length as a whole number of months, like 36")

    def cleaned(self, *, require_complete: bool) -> NoticeDetails | None:
        """The answers ready for the service, or None (with errors on the fields)."""
        self.validate()
        details = NoticeDetails(
            kind=self.kind.data,
            title=self.title.data,
            summary=self.summary.data or None,
            description=self.description.data or None,
            outcomes=fields.lines(self.outcomes.data),
            mission_id=int(self.mission.data)
            if self.mission.data and self.mission.data.isdigit() and not self.mission.errors
            else None,
            categories=list(dict.fromkeys(self.categories.data or [])),
            wards=list(dict.fromkeys(self.wards.data or [])),
            contract_months=int(self.contract_months.data)
            if self.contract_months.data and not self.contract_months.errors
            else None,
            suitable_sme="sme" in (self.suitable.data or []),
            suitable_vcse="vcse" in (self.suitable.data or []),
            reserved=None if self.reserved.data in (None, "", "no") else self.reserved.data,
            contact_name=self.contact_name.data or None,
            contact_email=(self.contact_email.data or "").lower() or None,
            contact_phone=self.contact_phone.data or None,
            value_low=self._money(self.value_low),
            value_high=self._money(self.value_high),
            engagement_closes_at=fields.combine(
                self.engagement_closes_on, self.engagement_closes_time, "the date engagement closes"
            ),
            questions_close_at=fields.combine(
                self.questions_close_on, self.questions_close_time, "the deadline for questions"
            ),
            expected_tender_date=self._date(self.expected_tender_date),
            contract_start_date=self._date(self.contract_start_date),
        )
        self._check_together(details)
        if require_complete:
            self._check_complete(details)
        return None if self.errors else details

    def _money(self, field):
        try:
            return fields.parse_money(field.data)
        except ValueError:
            field.errors = [
                *field.errors,
                f"Enter the {field.label.text.split(' (')[0].lower()} as an amount in pounds, like 250,000",
            ]
            return None

    @staticmethod
    def _date(field):
        if field.problem:
            field.errors = [*field.errors, field.problem]
        return field.data

    def _check_together(self, details: NoticeDetails) -> None:
        low, high = details.value_low, details.value_high
        if low is not None and high is not None and low > high:
            self.value_high.errors = [
                *self.value_high.errors,
                "The highest estimate must be the same as or more than the lowest",
            ]
        closes, questions = details.engagement_closes_at, details.questions_close_at
        if closes and questions and questions > closes:
            self.questions_close_on.errors = [
                *self.questions_close_on.errors,
                "The deadline for questions must be on or before the date engagement closes",
            ]
        tender, start = details.expected_tender_date, details.contract_start_date
        if tender and start and start < tender:
            self.contract_start_date.errors = [
                *self.contract_start_date.errors,
                "The expected contract start must be after the expected tender date",
            ]

    def _check_complete(self, details: NoticeDetails) -> None:
        present = {**asdict(details), "engagement_closes_on": details.engagement_closes_at}
        required = {**rules.REQUIRED, **rules.REQUIRED_FOR_KIND.get(details.kind, {})}
        for name, message in required.items():
            field = getattr(self, name)
            if not present.get(name) and not field.errors:
                field.errors = [*field.errors, message]

    @property
    def category_hint(self) -> str:
        query = (self.category_search.data or "").strip()
        return reference.category_search_hint(query, len(reference.matching_categories(query)))

    def show_only_visible_categories(self) -> None:
        query = (self.category_search.data or "").strip().lower()
        chosen = set(self.categories.data or [])
        everything = reference.categories()
        if query:
            shown = reference.matching_categories(query)
        else:
            shown = {code for code, c in everything.items() if c.level == "division"}
        self.categories.choices = [choice for choice in self.categories.choices if choice.value in shown | chosen]


def _plain(amount) -> str:
    return "" if amount is None else f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"


class ReasonForm(BaseForm):
    reason = TextAreaField(
        "Reason",
        widget=GovTextArea(),
        validators=[Required("Enter the reason"), MaxLength(2_000, "Reason must be 2,000 characters or fewer")],
        description="Suppliers see this on the notice",
    )
    submit = SubmitField("Confirm", widget=GovSubmitInput())


class PublishForm(BaseForm):
    submit = SubmitField("Publish notice", widget=GovSubmitInput())


class ConfirmForm(BaseForm):
    submit = SubmitField("Confirm", widget=GovSubmitInput())
