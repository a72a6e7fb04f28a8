"""Shared form pieces: a base form that strips whitespace, GOV.UK-worded validators, the document upload form."""

from __future__ import annotations

import re

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import GovFileInput, GovSubmitInput, GovTextInput
from wtforms import StringField, SubmitField, TextAreaField
from wtforms.validators import StopValidation, ValidationError

from marketplace.storage import CheckedUpload, UploadRefused, check_upload

# Control characters (NUL above all: PostgreSQL refuses it in text) never belong in what people type.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


# A line break in a one-line answer would end an email header it is copied into (names, titles).
_LINE_BREAKS = re.compile(r"[ \t]*[\r\n]+[ \t]*")
_MULTI_LINE_WIDGETS = {"TextArea", "GovTextArea", "GovCharacterCount"}


def _one_line(value):
    return _LINE_BREAKS.sub(" ", value) if isinstance(value, str) else value


def _is_multi_line(unbound_field) -> bool:
    widget = unbound_field.kwargs.get("widget") or getattr(unbound_field.field_class, "widget", None)
    return issubclass(unbound_field.field_class, TextAreaField) or type(widget).__name__ in _MULTI_LINE_WIDGETS


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _without_control_characters(value):
    return _CONTROL.sub("", value) if isinstance(value, str) else value


class BaseForm(FlaskForm):
    """Strips surrounding whitespace (unless a field says strip=False), control characters, and line breaks
    from every field but text areas."""

    class Meta:
        def bind_field(self, form, unbound_field, options):
            # Class-level unbound fields are shared by every instance: read their settings, never change them
            # (other than moving our own `strip` flag off the field's keyword arguments, once).
            if "strip" in unbound_field.kwargs:
                unbound_field.marketplace_strip = unbound_field.kwargs.pop("strip")
            own = (_strip, _without_control_characters, _one_line)
            filters = [f for f in unbound_field.kwargs.get("filters", ()) if f not in own]
            if getattr(unbound_field, "marketplace_strip", True):
                filters.insert(0, _strip)
            if not _is_multi_line(unbound_field):
                filters.insert(0, _one_line)
            if options.get("name") == "csrf_token":
                # Pages with several forms (one per table row) would repeat id="csrf_token"; the hidden
                # field needs no id at all.
                options = {**options, "render_kw": {"id": False}}
            return unbound_field.bind(form=form, filters=[_without_control_characters, *filters], **options)


class Required:
    """Like DataRequired, with the GOV.UK message given per field."""

    field_flags = {"required": True}

    def __init__(self, message: str):
        self.message = message

    def __call__(self, form, field):
        if field.data is None or (isinstance(field.data, str) and not field.data.strip()) or field.data == []:
            field.errors[:] = []
            raise StopValidation(self.message)


class MaxLength:
    def __init__(self, limit: int, message: str):
        self.limit, self.message = limit, message

    def __call__(self, form, field):
        if field.data and len(field.data) > self.limit:
            raise ValidationError(self.message)


class EmailAddress:
    """Checks the format only (no DNS lookups: the service must work offline)."""

    def __init__(self, message: str = "Enter an email address in the correct format, like name@example.com"):
        self.message = message

    def __call__(self, form, field):
        if not field.data:
            return
        try:
            validate_email(field.data, check_deliverability=False)
        except EmailNotValidError:
            raise ValidationError(self.message) from None


class DocumentUploadForm(BaseForm):
    """A titled document a buyer publishes for suppliers (notice documents, event materials).

    The file is checked by its content (`marketplace.storage.check_upload`); `checked` holds it once it passes.
    """

    title = StringField(
        "Title",
        widget=GovTextInput(),
        description="Suppliers see this, for example ‘Draft specification’",
        validators=[
            Required("Enter a title for the document"),
            MaxLength(200, "Title must be 200 characters or fewer"),
        ],
    )
    file = FileField("Upload a file", widget=GovFileInput(), description="PDF, ODT, ODS, DOCX, XLSX, PNG or JPEG")
    submit = SubmitField("Upload document", widget=GovSubmitInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.checked: CheckedUpload | None = None

    def validate_file(self, field) -> None:
        upload, filename = (field.data, field.data.filename or "") if field.data is not None else (b"", "")
        try:
            self.checked = check_upload(upload, filename=filename, max_bytes=current_app.config["MAX_UPLOAD_BYTES"])
        except UploadRefused as refused:
            raise ValidationError(refused.message) from None

    def valid_upload(self) -> CheckedUpload:
        """Call only after validating: the file that passed its checks."""
        if self.checked is None:
            raise RuntimeError("the upload form was not validated")
        return self.checked
