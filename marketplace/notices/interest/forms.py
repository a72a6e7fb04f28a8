from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSubmitInput, GovTextArea
from wtforms import RadioField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from marketplace.forms import BaseForm, MaxLength, Required

NOT_PARTNERING = "no"
LISTED = "listed"
UNLISTED = "unlisted"


class InterestForm(BaseForm):
    partnering = RadioField(
        "Are you open to partnering with other suppliers?",
        widget=GovRadioInput(),
        description="Small organisations can bid together as a consortium or as subcontractors",
        choices=[
            SelectChoice(NOT_PARTNERING, "No"),
            SelectChoice(LISTED, "Yes, and list us so other interested suppliers can contact us"),
            SelectChoice(UNLISTED, "Yes, but only tell the council (do not list us)"),
        ],
        validators=[Required("Select whether you are open to partnering")],
    )
    offer = TextAreaField(
        "What would you bring to a partnership?",
        widget=GovTextArea(),
        description="For example, ‘Local cleaning team of 12, DBS-checked, used to working with tenants’ groups’",
        validators=[
            MaxLength(1_000, "What you would bring must be 1,000 characters or fewer")
        ],  # no Optional(): it would skip validate_offer
    )
    submit = SubmitField("Register interest", widget=GovSubmitInput())

    def validate_offer(self, field):
        if self.partnering.data in (LISTED, UNLISTED) and not field.data:
            raise ValidationError("Enter what you would bring to a partnership")

    @property
    def open_to_partnering(self) -> bool:
        return self.partnering.data in (LISTED, UNLISTED)

    @property
    def listed(self) -> bool:
        return self.partnering.data == LISTED

    def fill_from(self, interest) -> None:
        self.partnering.data = (
            (LISTED if interest.listed else UNLISTED) if interest.open_to_partnering else NOT_PARTNERING
        )
        self.offer.data = interest.partnering_offer or ""
        self.submit.label.text = "Save changes"


class WithdrawInterestForm(BaseForm):
    submit = SubmitField("Withdraw interest", widget=GovSubmitInput())
