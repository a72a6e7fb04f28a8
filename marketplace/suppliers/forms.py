"""Profile forms. Each validates its own fields; views save the valid ones even when others fail."""

from __future__ import annotations

import re
from typing import Any

from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovCheckboxesInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional, ValidationError

from marketplace.forms import BaseForm, EmailAddress, MaxLength, Required
from marketplace.suppliers import choices, reference, validation
from marketplace.suppliers.commands import AboutAnswers, WorkAnswers
from marketplace.suppliers.profile import SUMMARY_WORD_LIMIT, word_count


def _choices(mapping: dict[str, str]) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in mapping.items()]


def _postcode(form, field):
    if field.data and validation.normalise_postcode(field.data) is None:
        raise ValidationError("Enter a real UK postcode, like NW5 1TL")


def _website(form, field):
    if field.data and not re.match(r"^(https?://)?[\w.-]+\.[a-z]{2,}(/\S*)?$", field.data, re.IGNORECASE):
        raise ValidationError("Enter a website address in the correct format, like www.example.org")


def _phone(form, field):
    if field.data and not re.fullmatch(r"[\d\s()+-]{7,20}", field.data):
        raise ValidationError("Enter a telephone number, like 020 7974 4444 or +44 20 7974 4444")


def _version_field() -> HiddenField:
    """The organisation's version when the page was loaded. Its errors link to the current answers."""
    return HiddenField(id="current-answers")


def saved_version(field: HiddenField) -> int:
    """The version the page showed; -1 (always a conflict) when missing or not a number."""
    value = field.data or ""
    return int(value) if value.isdigit() and len(value) < 10 else -1


def _text(label: str, limit: int = 200, required: str | None = None, hint: str | None = None) -> StringField:
    # No Optional() here: it would stop inline validate_<field> checks that depend on other answers.
    validators = [Required(required)] if required else []
    return StringField(
        label,
        description=hint,
        widget=GovTextInput(),
        validators=[*validators, MaxLength(limit, f"{label} must be {limit} characters or fewer")],
    )


class AboutOrganisationForm(BaseForm):
    # Organisation details
    name = _text(
        "Organisation name",
        required="Enter your organisation’s name",
        hint="As registered, or your own name if you are a sole trader",
    )
    trading_name = _text("Trading name (optional)", hint="If you trade under a different name")
    legal_form = RadioField(
        "Legal form",
        widget=GovRadioInput(),
        choices=_choices(choices.LEGAL_FORMS),
        validators=[Required("Select your organisation’s legal form")],
    )
    identifier_scheme = RadioField(
        "Registration number (optional)",
        widget=GovRadioInput(),
        choices=_choices(choices.IDENTIFIER_SCHEMES),
        validators=[Optional()],
        description="Which register is your organisation on?",
    )
    identifier_number = _text("Number", limit=20)
    address_line_1 = _text("Address line 1 (optional)")
    address_line_2 = _text("Address line 2 (optional)")
    town = _text("Town or city (optional)", limit=100)
    postcode = _text("Postcode", limit=10, required="Enter your postcode", hint="Where your organisation is based")
    website = _text("Website (optional)", limit=300)
    contact_name = _text("Contact name (optional)")
    contact_email = StringField(
        "Contact email address (optional)",
        widget=GovTextInput(),
        validators=[Optional(), MaxLength(320, "Email address must be 320 characters or fewer"), EmailAddress()],
    )
    contact_phone = _text("Contact telephone (optional)", limit=40)
    # Size
    staff_band = RadioField(
        "How many people work for your organisation?",
        widget=GovRadioInput(),
        choices=[],
        validators=[Required("Select how many people work for your organisation")],
        description="Include paid staff, part-time and full-time. Do not include volunteers.",
    )
    turnover_band = RadioField(
        "What is your organisation’s annual turnover or income?",
        widget=GovRadioInput(),
        choices=[],
        validators=[Required("Select your annual turnover or income")],
    )
    # Declarations
    declarations = SelectMultipleField(
        "Do any of these describe your organisation?",
        widget=GovCheckboxesInput(),
        choices=[],
        validators=[Required("Select which of these describe your organisation, or ‘None of these’")],
        description="Select all that apply",
    )
    version = _version_field()
    submit = SubmitField("Save and continue", widget=GovSubmitInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.staff_band.choices = _choices(choices.staff_bands())
        self.turnover_band.choices = _choices(choices.turnover_bands())
        self.declarations.choices = _choices({**choices.DECLARATIONS, choices.NONE_OF_THESE: "None of these"})
        self.postcode.validators = [*self.postcode.validators, _postcode]
        self.website.validators = [*self.website.validators, _website]
        self.contact_phone.validators = [*self.contact_phone.validators, _phone]

    def validate_identifier_number(self, field):
        scheme = self.identifier_scheme.data
        if scheme not in choices.IDENTIFIER_SCHEMES:
            return  # the register question shows its own error
        if scheme != "none":
            if not field.data:
                raise ValidationError(f"Enter your {choices.IDENTIFIER_SCHEMES[scheme]} number")
            if validation.normalise_identifier(scheme, field.data) is None:
                raise ValidationError(
                    f"Enter a {choices.IDENTIFIER_SCHEMES[scheme]} number in the correct format: "
                    f"{validation.identifier_hint(scheme)}"
                )

    def validate_declarations(self, field):
        if choices.NONE_OF_THESE in field.data and len(field.data) > 1:
            raise ValidationError("Select ‘None of these’ on its own, or only the ones that apply")

    def valid_answers(self) -> AboutAnswers:
        """The answers that passed validation, normalised for saving; the others are left as they were."""
        answers: dict[str, Any] = {}
        for name in (
            "name",
            "trading_name",
            "legal_form",
            "address_line_1",
            "address_line_2",
            "town",
            "website",
            "contact_name",
            "contact_email",
            "contact_phone",
            "staff_band",
            "turnover_band",
        ):
            field = getattr(self, name)
            if not field.errors:
                answers[name] = field.data or None
        if not self.postcode.errors and self.postcode.data:
            answers["postcode"] = validation.normalise_postcode(self.postcode.data)
        if not self.identifier_scheme.errors and not self.identifier_number.errors and self.identifier_scheme.data:
            scheme = self.identifier_scheme.data
            answers["identifier_scheme"] = scheme
            answers["identifier_number"] = (
                None if scheme == "none" else validation.normalise_identifier(scheme, self.identifier_number.data)
            )
        if not self.declarations.errors and self.declarations.data:
            chosen = set(self.declarations.data)
            answers["is_vcse"] = "vcse" in chosen
            answers["supported_employment"] = "supported_employment" in chosen
            answers["public_service_mutual"] = "public_service_mutual" in chosen
        if answers.get("name") is None:
            answers.pop("name", None)  # an organisation always has a name: a blank one is not saved
        return AboutAnswers(**answers)

    @classmethod
    def declarations_of(cls, organisation) -> list[str]:
        answered = [organisation.is_vcse, organisation.supported_employment, organisation.public_service_mutual]
        if any(value is None for value in answered):
            return []
        chosen = [key for key in choices.DECLARATIONS if getattr(organisation, "is_vcse" if key == "vcse" else key)]
        return chosen or [choices.NONE_OF_THESE]


class OurWorkForm(BaseForm):
    category_search = StringField(
        "Search categories",
        widget=GovTextInput(),
        validators=[Optional(), MaxLength(100, "Search must be 100 characters or fewer")],
        description="For example cleaning, repair, catering or youth",
    )
    categories = SelectMultipleField(
        "Categories of work",
        widget=GovCheckboxesInput(),
        choices=[],
        validators=[Required("Select at least one category of work")],
        validate_choice=True,
    )
    services = TextAreaField(
        "Services you offer (optional)",
        widget=GovTextArea(),
        description="One per line, for example ‘estate cleaning’ or ‘community gardening’",
        validators=[Optional(), MaxLength(4000, "Services must be 4,000 characters or fewer")],
    )
    summary = TextAreaField(
        "Summary",
        widget=GovCharacterCount(),
        description=f"What you do, in {SUMMARY_WORD_LIMIT} words or fewer. Buyers see this in search results.",
        validators=[
            Required("Enter a summary of what your organisation does"),
            MaxLength(600, "Summary must be 600 characters or fewer"),
        ],
    )
    description = TextAreaField(
        "Description (optional)",
        widget=GovTextArea(),
        description="Tell buyers more: your approach, who you work with, what makes you different. You can use "
        "Markdown for lists and links.",
        validators=[Optional(), MaxLength(10000, "Description must be 10,000 characters or fewer")],
    )
    areas = SelectMultipleField(
        "Where do you work?",
        widget=GovCheckboxesInput(),
        choices=[],
        validators=[Required("Select where your organisation works")],
        description="Select all that apply",
    )
    based_in_borough = RadioField(
        "Is your organisation based in the borough?",
        widget=GovRadioInput(),
        choices=[SelectChoice("yes", "Yes"), SelectChoice("no", "No")],
        validators=[Optional()],
        description="Your postcode district crosses the borough boundary, so we cannot tell",
    )
    # No Optional(): it would stop `validate_base_ward`, which needs the answer above.
    base_ward = SelectField(
        "Which ward is your organisation’s main base in?",
        widget=GovSelect(),
        choices=[],
        validate_choice=False,
        description="If you have more than one site in the borough, choose the one where most of your staff work",
    )
    version = _version_field()
    find = SubmitField("Search", widget=GovSubmitInput())
    submit = SubmitField("Save and continue", widget=GovSubmitInput())

    def __init__(self, *args, postcode: str | None = None, **kwargs):
        """`postcode` is the organisation's: it settles whether the organisation is based in the borough, or
        leaves it open (a district across the boundary) for the question on this page."""
        super().__init__(*args, **kwargs)
        self.categories.choices = [
            SelectChoice(code, f"{category.label} ({code})") for code, category in reference.categories().items()
        ]
        self.areas.choices = _choices(choices.areas())
        self.base_ward.choices = [SelectChoice("", "Select a ward"), *_choices(reference.wards())]
        self.postcode_says = validation.based_in_borough(postcode)
        self.asks_based_in_borough = bool(postcode) and self.postcode_says is None
        self.asks_base_ward = self.asks_based_in_borough or self.postcode_says is True

    def based_in(self) -> bool | None:
        """Based in the borough? The answer given on this page where the postcode leaves it open, else what
        the postcode settled (None: not known)."""
        if self.asks_based_in_borough:
            return {"yes": True, "no": False}.get(self.based_in_borough.data or "")
        return self.postcode_says

    def validate_base_ward(self, field):
        if not self.asks_base_ward or self.based_in() is not True:
            return  # not asked, or not based in the borough: whatever was sent is cleared on saving
        if not field.data:
            raise ValidationError("Select the ward your organisation’s main base is in")
        if field.data not in reference.wards():
            raise ValidationError("Select a ward in the borough from the list")

    def validate_summary(self, field):
        if field.data and word_count(field.data) > SUMMARY_WORD_LIMIT:
            raise ValidationError(f"Summary must be {SUMMARY_WORD_LIMIT} words or fewer")

    @property
    def category_hint(self) -> str:
        query = (self.category_search.data or "").strip()
        return reference.category_search_hint(query, len(reference.matching_categories(query)))

    def show_only_visible_categories(self) -> None:
        """Call after validating: the page lists only what the search shows (chosen ones always stay)."""
        visible = set(self.visible_categories())
        self.categories.choices = [choice for choice in self.categories.choices if choice.value in visible]

    def visible_categories(self) -> list[str]:
        """Divisions by default; matching divisions and groups when searching; chosen ones always."""
        query = (self.category_search.data or "").strip().lower()
        chosen = set(self.categories.data or [])
        all_categories = reference.categories()
        if query:
            shown = list(reference.matching_categories(query))
        else:
            shown = [code for code, c in all_categories.items() if c.level == "division"]
        return [code for code in all_categories if code in chosen or code in shown]

    def valid_answers(self) -> WorkAnswers:
        """The answers that passed validation; the others are left as they were."""
        answers: dict[str, Any] = {}
        for name in ("services", "summary", "description"):
            field = getattr(self, name)
            if not field.errors:
                answers[name] = field.data or None  # kept as typed; escaped or sanitised on output
        if not self.based_in_borough.errors and self.based_in_borough.data in ("yes", "no"):
            answers["based_in_borough"] = self.based_in_borough.data == "yes"
        if self.asks_base_ward and not self.base_ward.errors and self.based_in() is not None:
            answers["base_ward"] = self.base_ward.data if self.based_in() else None
        if not self.categories.errors:
            answers["categories"] = list(self.categories.data or [])
        if not self.areas.errors:
            answers["areas"] = list(self.areas.data or [])
        return WorkAnswers(**answers)


class PublishForm(BaseForm):
    submit = SubmitField("Publish profile", widget=GovSubmitInput())


class UnpublishForm(BaseForm):
    submit = SubmitField("Unpublish profile", widget=GovSubmitInput())


class JoinOrganisationForm(BaseForm):
    submit = SubmitField("Ask to join", widget=GovSubmitInput())


class InviteColleagueForm(BaseForm):
    email = StringField(
        "Colleague’s email address",
        widget=GovTextInput(),
        validators=[
            Required("Enter your colleague’s email address"),
            MaxLength(320, "Email address must be 320 characters or fewer"),
            EmailAddress(),
        ],
    )
    submit = SubmitField("Send invitation", widget=GovSubmitInput())


class ConfirmForm(BaseForm):
    """A button-only form: its CSRF token is the point."""

    submit = SubmitField("Confirm", widget=GovSubmitInput())
