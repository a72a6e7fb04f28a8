"""The upload form. Each field gets its own GOV.UK error message; the file is checked by its content."""

from __future__ import annotations

from flask import current_app
from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import GovFileInput, GovRadioInput, GovSubmitInput, GovTextInput
from wtforms import RadioField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from marketplace.fields import DateInputField
from marketplace.forms import BaseForm, MaxLength, Required
from marketplace.storage import CheckedUpload, UploadRefused, check_upload
from marketplace.suppliers.documents import kinds

SELECT_AGAIN = "Select the file again"


class UploadDocumentForm(BaseForm):
    kind = RadioField(
        "What kind of document is it?",
        widget=GovRadioInput(),
        choices=[SelectChoice(value, text) for value, text in kinds.KINDS.items()],
        validators=[Required("Select what kind of document it is")],
    )
    title = StringField(
        "Title",
        widget=GovTextInput(),
        description="Buyers see this, for example ‘Public liability insurance’",
        validators=[
            Required("Enter a title for the document"),
            MaxLength(200, "Title must be 200 characters or fewer"),
        ],
    )
    expires_on = DateInputField(
        "Expiry date",
        called="the expiry date",
        # The error summary links to the field's id: GOV.UK wants the first box, not the group.
        # The template gives the group itself the id "expires_on" (and so "expires_on-error").
        id="expires_on-day",
        description="Needed for insurance certificates. For other documents, leave it blank if it does not expire. "
        "For example, 31 3 2027",
    )
    file = FileField("Upload a file", widget=GovFileInput(), description="PDF, ODT, ODS, DOCX, XLSX, PNG or JPEG")
    submit = SubmitField("Upload document", widget=GovSubmitInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.checked: CheckedUpload | None = None  # set when the file passes its checks
        self.file.description = (
            f"{self.file.description}, smaller than {_megabytes(current_app.config['MAX_UPLOAD_BYTES'])}"
        )

    def validate_expires_on(self, field: DateInputField) -> None:
        if field.problem:
            raise ValidationError(field.problem)
        if field.data is None and self.kind.data == kinds.INSURANCE:
            raise ValidationError("Enter the expiry date of the insurance certificate")
        if field.data is not None and field.data < kinds.today():
            raise ValidationError("The expiry date must be today or in the future")

    def validate_file(self, field: FileField) -> None:
        # Flask-WTF gives None when no file was chosen; check_upload then says "Select a file".
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

    def ask_for_file_again(self) -> None:
        """Browsers never refill a file input, so a good file sent with other errors must be chosen again."""
        if self.errors and self.checked is not None and not self.file.errors:
            self.file.errors = [SELECT_AGAIN]


def _megabytes(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{round(size / (1024 * 1024), 1):g}MB"
    return f"{round(size / 1024, 1):g}KB"
