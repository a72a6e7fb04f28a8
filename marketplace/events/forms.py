"""Event forms: times are typed in London time and stored in UTC."""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import (
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
from marketplace.events import choices
from marketplace.events.models import HYBRID, IN_PERSON, ONLINE
from marketplace.events.services import EventDetails
from marketplace.forms import BaseForm, DocumentUploadForm, MaxLength, Required


def _text(label: str, limit: int = 200, required: str | None = None, hint: str | None = None) -> StringField:
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


def _area(label: str, limit: int, hint: str | None = None) -> TextAreaField:
    return TextAreaField(
        label,
        description=hint,
        widget=GovTextArea(),
        validators=[
            Optional(),
            MaxLength(limit, f"{label.removesuffix(' (optional)')} must be {limit:,} characters or fewer"),
        ],
    )


def _whole_number(field, low: int, high: int, message: str) -> int | None:
    if field.data and not (field.data.isdigit() and low <= int(field.data) <= high):
        field.errors = [*field.errors, message]
        return None
    return int(field.data) if field.data else None


class EventForm(BaseForm):
    notice = SelectField(
        "Which notice is this event for?",
        widget=GovSelect(),
        choices=[],
        validators=[Optional()],
        validate_choice=True,
        description="Or none, for a standalone event such as ‘Meet the buyer’",
    )
    title = _text("Title", required="Enter a title", hint="For example, ‘Meet the buyer: estates repairs’")
    description = _area(
        "Description", 10_000, "Who it is for, what will happen and what to bring. You can use Markdown."
    )
    format = RadioField(
        "How will people attend?",
        widget=GovRadioInput(),
        choices=[SelectChoice(k, v) for k, v in choices.FORMATS.items()],
        validators=[Required("Select how people will attend")],
    )
    venue_name = _text("Venue (optional for online events)", hint="For example, ‘Crowndale Centre’")
    venue_address = _area("Venue address", 500)
    joining_instructions = _area(
        "Joining link and instructions",
        2_000,
        "Only organisations with a place see this, for example a video call link",
    )
    starts_on = fields.date_field("Date", "the date of the event")
    starts_time = fields.time_field("Start time")
    ends_time = fields.time_field("End time")
    registration_closes_on = fields.date_field(
        "Registration closes (optional)",
        "the date registration closes",
        "If you leave this blank, registration closes when the event starts",
    )
    registration_closes_time = fields.time_field("Time registration closes")
    capacity = _text("How many people can attend?", 5, required="Enter how many people can attend")
    max_party_size = _text(
        "How many people can each organisation bring?", 2, required="Enter how many people each organisation can bring"
    )
    accessibility = _area(
        "Accessibility", 2_000, "Step-free access, hearing loops, captions, quiet rooms, how to ask for adjustments"
    )
    submit = SubmitField("Save and preview", widget=GovSubmitInput())

    def __init__(self, *args, notices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.notice.choices = [
            SelectChoice("", "None (a standalone event)"),
            *[SelectChoice(str(n.id), n.title) for n in notices],
        ]

    def fill_from(self, event) -> None:
        self.notice.data = str(event.notice_id) if event.notice_id else ""
        self.capacity.data, self.max_party_size.data = str(event.capacity), str(event.max_party_size)
        fields.fill(self.starts_on, self.starts_time, event.starts_at)
        self.ends_time.data = fields.show_time(event.ends_at)
        fields.fill(self.registration_closes_on, self.registration_closes_time, event.registration_closes_at)

    def cleaned(self) -> EventDetails | None:
        self.validate()
        capacity = _whole_number(
            self.capacity, 1, choices.MAX_CAPACITY, f"Enter a number of people from 1 to {choices.MAX_CAPACITY:,}"
        )
        party = _whole_number(
            self.max_party_size, 1, choices.MAX_PARTY_SIZE, f"Enter a number from 1 to {choices.MAX_PARTY_SIZE}"
        )
        starts = fields.combine(self.starts_on, self.starts_time, "the date of the event", required=True)
        ends = None
        if starts is not None:
            ends = fields.combine(self.starts_on, self.ends_time, "the end time") if self.ends_time.data else None
            if ends is None and not self.ends_time.errors:
                self.ends_time.errors = [*self.ends_time.errors, "Enter the end time, like 4pm or 16:00"]
            elif ends is not None and ends <= starts:
                self.ends_time.errors = [*self.ends_time.errors, "The end time must be after the start time"]
        closes = fields.combine(self.registration_closes_on, self.registration_closes_time, "registration closing")
        if closes is not None and starts is not None and closes > starts:
            self.registration_closes_on.errors = [
                *self.registration_closes_on.errors,
                "Registration must close before the event starts",
            ]
        if capacity and party and party > capacity:
            self.max_party_size.errors = [
                *self.max_party_size.errors,
                "Each organisation cannot bring more people than can attend",
            ]
        self._check_format()
        # Each None below has put an error on its field already.
        if self.errors or starts is None or ends is None or capacity is None or party is None:
            return None
        return EventDetails(
            notice_id=int(self.notice.data) if self.notice.data else None,
            title=self.title.data,
            description=self.description.data or None,
            format=self.format.data,
            venue_name=self.venue_name.data or None,
            venue_address=self.venue_address.data or None,
            joining_instructions=self.joining_instructions.data or None,
            starts_at=starts,
            ends_at=ends,
            registration_closes_at=closes or starts,
            capacity=capacity,
            max_party_size=party,
            accessibility=self.accessibility.data or None,
        )

    def _check_format(self) -> None:
        if self.format.data in (IN_PERSON, HYBRID) and not self.venue_address.data:
            self.venue_address.errors = [*self.venue_address.errors, "Enter the venue address"]
        if self.format.data in (ONLINE, HYBRID) and not self.joining_instructions.data:
            self.joining_instructions.errors = [
                *self.joining_instructions.errors,
                "Enter the joining link and instructions",
            ]


class RegistrationForm(BaseForm):
    attendees = StringField(
        "How many people from your organisation will come?",
        widget=GovTextInput(),
        validators=[Required("Enter how many people will come"), MaxLength(2, "Enter a number, like 2")],
    )
    names = TextAreaField(
        "Their names",
        widget=GovTextArea(),
        description="One name per line",
        validators=[
            Required("Enter the names of the people coming"),
            MaxLength(2_000, "Names must be 2,000 characters or fewer"),
        ],
    )
    access_needs = TextAreaField(
        "Access needs (optional)",
        widget=GovTextArea(),
        description="For example, step-free access, a British Sign Language interpreter, or a quiet room. Only the "
        "council team running the event sees this.",
        validators=[Optional(), MaxLength(2_000, "Access needs must be 2,000 characters or fewer")],
    )
    submit = SubmitField("Register", widget=GovSubmitInput())

    def __init__(self, *args, max_party_size: int = 1, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_party_size = max_party_size
        self.attendees.description = f"Up to {max_party_size}"

    def validate_attendees(self, field):
        if not (field.data.isdigit() and 1 <= int(field.data) <= self.max_party_size):
            raise ValidationError(f"Enter a number from 1 to {self.max_party_size}")

    def validate_names(self, field):
        names = fields.lines(field.data)
        if self.attendees.data and self.attendees.data.isdigit() and len(names) != int(self.attendees.data):
            raise ValidationError(
                f"Enter {self.attendees.data} name{'s' if self.attendees.data != '1' else ''}, one per line"
            )
        if any(len(name) > 200 for name in names):
            raise ValidationError("Each name must be 200 characters or fewer")

    @property
    def name_list(self) -> list[str]:
        return fields.lines(self.names.data)


class DetailsForm(RegistrationForm):
    """Change names and access needs; the number of places stays."""

    submit = SubmitField("Save changes", widget=GovSubmitInput())


class AttendanceForm(BaseForm):
    attended = SelectMultipleField(
        "Who attended?", widget=GovCheckboxesInput(), choices=[], validators=[Optional()], validate_choice=True
    )
    submit = SubmitField("Save attendance", widget=GovSubmitInput())


class FollowUpForm(BaseForm):
    qa_summary = TextAreaField(
        "Questions and answers from the event",
        widget=GovTextArea(),
        description="Everyone interested sees this, whether or not they attended. Do not name the people who asked. "
        "You can use Markdown.",
        validators=[Optional(), MaxLength(20_000, "The summary must be 20,000 characters or fewer")],
    )
    publish = SubmitField("Publish to everyone interested", widget=GovSubmitInput())


class MaterialForm(DocumentUploadForm):
    submit = None  # two forms share the page: each has its own button name
    upload = SubmitField("Upload file", widget=GovSubmitInput())


class ReasonForm(BaseForm):
    reason = TextAreaField(
        "Why are you cancelling the event?",
        widget=GovTextArea(),
        description="Everyone registered gets an email with this reason",
        validators=[Required("Enter the reason"), MaxLength(2_000, "Reason must be 2,000 characters or fewer")],
    )
    submit = SubmitField("Cancel the event", widget=GovSubmitInput())


class ConfirmForm(BaseForm):
    submit = SubmitField("Confirm", widget=GovSubmitInput())
