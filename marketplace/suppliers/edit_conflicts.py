"""When two team members save the same page at once: what the second one is told and shown."""

from __future__ import annotations

from wtforms import Form
from wtforms.fields import SelectField, SelectMultipleField

CONFLICT = (
    "Someone else in your organisation saved this page while you were editing it. "
    "Check their answers, then save yours again"
)
_NOT_ANSWERS = {"csrf_token", "version", "submit", "find", "category_search"}


def current_answers(saved: Form) -> list[dict]:
    """Summary list rows of what is saved now, from a form filled from the organisation (not the request)."""
    rows = []
    for field in saved:
        if field.name in _NOT_ANSWERS:
            continue
        rows.append({"key": {"text": field.label.text}, "value": {"text": _shown(field) or "Not answered"}})
    return rows


def _shown(field) -> str:
    if isinstance(field, (SelectField, SelectMultipleField)):
        return ", ".join(str(choice.label) for choice in field.iter_choices() if choice.selected)
    value = field.data
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return "" if value is None else str(value)
