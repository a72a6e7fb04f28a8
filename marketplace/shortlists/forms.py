from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSubmitInput, GovTextArea, GovTextInput
from wtforms import HiddenField, RadioField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional, ValidationError

from marketplace.forms import BaseForm, MaxLength, Required

NEW = "new"


class AddToShortlistForm(BaseForm):
    shortlist = RadioField(
        "Which shortlist?",
        widget=GovRadioInput(),
        choices=[],
        validators=[Required("Choose a shortlist, or start a new one")],
    )
    new_name = StringField(
        "Name of the new shortlist",
        widget=GovTextInput(),
        validators=[MaxLength(120, "Name must be 120 characters or fewer")],
        description="For example ‘Estate cleaning, spring 2027’",
    )
    note = TextAreaField(
        "Note (optional)",
        widget=GovTextArea(),
        validators=[Optional(), MaxLength(2000, "Note must be 2,000 characters or fewer")],
        description="Why this supplier? Only you can see it.",
    )
    submit = SubmitField("Add to shortlist", widget=GovSubmitInput())

    def set_shortlists(self, shortlists) -> None:
        self.shortlist.choices = [SelectChoice(str(s.id), s.name) for s, _ in shortlists] + [
            SelectChoice(NEW, "A new shortlist")
        ]
        if not shortlists and not self.shortlist.data:
            self.shortlist.data = NEW

    def validate_new_name(self, field):
        if self.shortlist.data == NEW and not field.data:
            raise ValidationError("Enter a name for the new shortlist")


class NewShortlistForm(BaseForm):
    name = StringField(
        "Name",
        widget=GovTextInput(),
        validators=[Required("Enter a name for the shortlist"), MaxLength(120, "Name must be 120 characters or fewer")],
    )
    submit = SubmitField("Create shortlist", widget=GovSubmitInput())


class NoteForm(BaseForm):
    note = TextAreaField(
        "Note", widget=GovTextArea(), validators=[Optional(), MaxLength(2000, "Note must be 2,000 characters or fewer")]
    )
    submit = SubmitField("Save note", widget=GovSubmitInput())


class SaveSearchForm(BaseForm):
    name = HiddenField(
        validators=[Required("The search needs a name"), MaxLength(120, "Name must be 120 characters or fewer")]
    )
    query_string = HiddenField(validators=[Optional(), MaxLength(2000, "That search is too long to save")])


class ConfirmForm(BaseForm):
    submit = SubmitField("Confirm", widget=GovSubmitInput())
