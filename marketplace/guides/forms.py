"""Forms for editors (a guide, a change for review, links, archiving, editors) and readers (feedback)."""

from __future__ import annotations

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
from wtforms.validators import Optional

from marketplace.forms import BaseForm, DocumentUploadForm, EmailAddress, MaxLength, Required
from marketplace.guides import places, rules
from marketplace.guides.models import MAJOR, MINOR


def _choices(labels: dict[str, str]) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in labels.items()]


class GuideForm(BaseForm):
    title = StringField(
        "Title",
        widget=GovTextInput(),
        validators=[Required("Enter a title"), MaxLength(200, "Title must be 200 characters or fewer")],
    )
    slug = StringField(
        "Address",
        widget=GovTextInput(),
        description="The end of the guide's web address, for example first-bid gives /guides/first-bid",
        validators=[Required("Enter an address"), MaxLength(100, "Address must be 100 characters or fewer")],
    )
    summary = TextAreaField(
        "Summary",
        widget=GovCharacterCount(),
        description=f"What the guide helps with, in {rules.SUMMARY_WORD_LIMIT} words or fewer",
        validators=[Required("Enter a summary")],
    )
    body = TextAreaField(
        "Guide",
        widget=GovTextArea(),
        description=(
            "Markdown: ## for a section heading, - for a list, [text](https://…) for a link, tables, and "
            "![what it shows](attachment:file-name.png) for an image you have attached"
        ),
        validators=[Required("Enter the guide"), MaxLength(100_000, "Guide must be 100,000 characters or fewer")],
    )
    topics = SelectMultipleField(
        "Topics",
        widget=GovCheckboxesInput(),
        choices=_choices(rules.TOPICS),
        validators=[Required("Select at least one topic")],
    )
    audience = RadioField(
        "Who is it for?",
        widget=GovRadioInput(),
        choices=_choices(rules.AUDIENCES),
        validators=[Required("Select who the guide is for")],
    )
    owner_id = SelectField("Owner", widget=GovSelect(), choices=[], validate_choice=False)
    review_months = StringField(
        "Review every (months)",
        widget=GovTextInput(),
        description=f"Between {rules.MIN_REVIEW_MONTHS} and {rules.MAX_REVIEW_MONTHS} months",
        validators=[Required("Enter how often the guide is reviewed, in months")],
    )
    submit = SubmitField("Save draft", widget=GovSubmitInput())

    def __init__(self, *args, editors=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.owner_id.choices = [SelectChoice(str(u.id), u.full_name or u.email) for u in editors]

    def values(self) -> dict:
        months = (self.review_months.data or "").strip()
        owner = self.owner_id.data or ""
        return {
            "title": self.title.data or "",
            "slug": (self.slug.data or "").strip().lower(),
            "summary": self.summary.data or "",
            "body": self.body.data or "",
            "topics": list(self.topics.data or []),
            "audience": self.audience.data,
            "owner_id": int(owner) if owner.isdigit() else None,
            "review_months": int(months) if months.isdigit() else None,
        }

    def add_errors(self, errors: dict[str, str]) -> None:
        for name, message in errors.items():
            field = getattr(self, name)
            if message not in field.errors:
                field.errors = [*field.errors, message]


class ChangeForm(BaseForm):
    kind = RadioField(
        "What kind of change is this?",
        widget=GovRadioInput(),
        choices=_choices(
            {
                MAJOR: "Major: readers should know (it updates ‘Last updated’ and needs a change note)",
                MINOR: "Minor: a typo or a broken link (readers are not told)",
            }
        ),
        validators=[Required("Select whether this is a major or a minor change")],
    )
    note = TextAreaField(
        "Change note",
        widget=GovTextArea(),
        description="Readers see this in the guide's history, for example ‘Added a section on safeguarding’",
        validators=[Optional(), MaxLength(500, "Change note must be 500 characters or fewer")],
    )
    submit = SubmitField("Send for review", widget=GovSubmitInput())


class PlacementForm(BaseForm):
    kind = SelectField("Where", widget=GovSelect(), choices=_choices(places.KINDS))
    reference = StringField(
        "Reference",
        widget=GovTextInput(),
        description=(
            "A profile section (for example social_value), a framework and question (estates-dps:q-insurance), "
            "or the number of the opportunity criterion, notice or event"
        ),
        validators=[Required("Enter what to link the guide from"), MaxLength(120, "Reference is too long")],
    )
    submit = SubmitField("Link the guide", widget=GovSubmitInput())


class ArchiveForm(BaseForm):
    replacement = SelectField("Link to this guide instead", widget=GovSelect(), choices=[], validate_choice=False)
    submit = SubmitField("Archive the guide", widget=GovSubmitInput(), render_kw={"classes": "govuk-button--warning"})


class EditorForm(BaseForm):
    email = StringField(
        "Email address of a council buyer",
        widget=GovTextInput(),
        validators=[Required("Enter an email address"), EmailAddress()],
    )
    submit = SubmitField("Give content editor permission", widget=GovSubmitInput())


class FeedbackForm(BaseForm):
    useful = RadioField(
        "Was this guide useful?",
        widget=GovRadioInput(),
        choices=_choices({"yes": "Yes", "no": "No"}),
        validators=[Required("Select yes if the guide was useful")],
    )
    comment = TextAreaField(
        "How could we make it better? (optional)",
        widget=GovTextArea(),
        description="Do not include personal information",
        validators=[Optional(), MaxLength(2_000, "Comment must be 2,000 characters or fewer")],
    )
    submit = SubmitField("Send feedback", widget=GovSubmitInput())


class ConfirmForm(BaseForm):
    submit = SubmitField("Confirm", widget=GovSubmitInput())


AttachmentForm = DocumentUploadForm
