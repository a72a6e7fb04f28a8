"""Shared form pieces: a base form that strips whitespace, and GOV.UK-worded validators."""
from __future__ import annotations

from email_validator import EmailNotValidError, validate_email
from flask_wtf import FlaskForm
from wtforms.validators import StopValidation, ValidationError


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class BaseForm(FlaskForm):
    class Meta:
        def bind_field(self, form, unbound_field, options):
            filters = unbound_field.kwargs.get("filters", [])
            if _strip not in filters and unbound_field.kwargs.get("strip", True):
                unbound_field.kwargs["filters"] = [_strip, *filters]
            unbound_field.kwargs.pop("strip", None)
            return unbound_field.bind(form=form, **options)


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
