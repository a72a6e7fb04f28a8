from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovCheckboxInput, GovSubmitInput, GovTextArea, GovTextInput
from wtforms import BooleanField, StringField, SubmitField, TextAreaField
from wtforms.validators import Optional

from marketplace.forms import BaseForm, MaxLength, Required


class MissionForm(BaseForm):
    name = StringField(
        "Name",
        widget=GovTextInput(),
        description="For example, ‘Estates Mission’",
        validators=[Required("Enter the mission’s name"), MaxLength(120, "Name must be 120 characters or fewer")],
    )
    description = TextAreaField(
        "Description (optional)",
        widget=GovTextArea(),
        validators=[Optional(), MaxLength(2_000, "Description must be 2,000 characters or fewer")],
    )
    active = BooleanField("Buyers can tag new notices with this mission", widget=GovCheckboxInput(), default=True)
    submit = SubmitField("Save mission", widget=GovSubmitInput())
