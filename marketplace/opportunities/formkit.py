"""Small builders for the opportunity and bid forms (GOV.UK widgets, messages in the council's words)."""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovCharacterCount, GovTextArea, GovTextInput
from wtforms import StringField, TextAreaField
from wtforms.validators import Optional, ValidationError

from marketplace.forms import MaxLength, Required
from marketplace.opportunities.rules import word_count


def _name(label: str) -> str:
    return label.removesuffix(" (optional)")


def text(label: str, limit: int = 200, *, hint: str | None = None, required: str | None = None) -> StringField:
    return StringField(
        label,
        description=hint,
        widget=GovTextInput(),
        validators=[
            Required(required) if required else Optional(),
            MaxLength(limit, f"{_name(label)} must be {limit:,} characters or fewer"),
        ],
    )


def area(label: str, limit: int, *, hint: str | None = None, required: str | None = None, rows: int = 5):
    return TextAreaField(
        label,
        description=hint,
        widget=GovTextArea(),
        render_kw={"params": {"rows": rows}},
        validators=[
            Required(required) if required else Optional(),
            MaxLength(limit, f"{_name(label)} must be {limit:,} characters or fewer"),
        ],
    )


class MaxWords:
    """Refuses (never truncates) text over the limit, counting words as the character count component does."""

    def __init__(self, limit: int, message: str):
        self.limit, self.message = limit, message

    def __call__(self, form, field):
        if field.data and word_count(field.data) > self.limit:
            raise ValidationError(self.message)


def words(label: str, limit: int, *, hint: str | None = None, required: str | None = None, rows: int = 5):
    """A textarea with the GOV.UK character count component counting words (enforced on the server)."""
    return TextAreaField(
        label,
        description=hint,
        widget=GovCharacterCount(),
        render_kw={"params": {"maxwords": limit, "rows": rows}},
        validators=[
            Required(required) if required else Optional(),
            MaxWords(limit, f"{_name(label)} must be {limit:,} words or fewer"),
            MaxLength(limit * 40, f"{_name(label)} is too long"),
        ],
    )


def whole_number(value: str | None) -> int | None:
    """'20', ' 20 ', '20%' → 20; None if it is not a whole number."""
    cleaned = (value or "").strip().removesuffix("%").strip().replace(",", "")
    if not cleaned or not (cleaned.isdigit() or (cleaned.startswith("-") and cleaned[1:].isdigit())):
        return None
    number = int(cleaned)
    return number if -1_000_000 < number < 1_000_000 else None
