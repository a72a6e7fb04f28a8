from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovCheckboxesInput, GovSubmitInput
from wtforms import SelectMultipleField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional

from marketplace.forms import BaseForm

CATEGORIES = "categories"
WARDS = "wards"


class AlertPreferencesForm(BaseForm):
    send_for = SelectMultipleField(  # not "matches": a form control of that name hides form.matches() from scripts
        "Email me about new notices",
        widget=GovCheckboxesInput(),
        description="We send at most one email a day. Untick both to stop the emails.",
        choices=[
            SelectChoice(CATEGORIES, "In my organisation’s categories of work"),
            SelectChoice(WARDS, "In the areas where my organisation works"),
        ],
        validators=[Optional()],
        validate_choice=True,
    )
    submit = SubmitField("Save preferences", widget=GovSubmitInput())
