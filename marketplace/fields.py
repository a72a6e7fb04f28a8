"""Form fields every domain uses: GOV.UK date inputs, London times, money, lines of text.

Dates and times are typed in London time and stored as aware UTC datetimes (`combine`, `fill`).
"""

from __future__ import annotations

import calendar
import re
from datetime import UTC, date, datetime, time
from decimal import Decimal, InvalidOperation

from govuk_frontend_wtf.wtforms_widgets import GovDateInput, GovTextInput
from wtforms import Field, StringField
from wtforms.validators import Optional

from marketplace.clock import LONDON, to_london
from marketplace.forms import MaxLength

# People type "mar" or "March" as often as "3" (GOV.UK date input guidance).
_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
_PARTS = ("day", "month", "year")


class DateInputField(Field):
    """Day, month and year boxes. Keeps what was typed; `problem` says what is wrong with it.

    The form decides whether a date is required (it depends on the kind of document), so
    this field never raises on its own.
    """

    widget = GovDateInput()

    def __init__(self, label: str | None = None, *, called: str = "the date", **kwargs):
        super().__init__(label, **kwargs)
        self.called = called  # how error messages refer to it, for example "the expiry date"
        self.problem: str | None = None

    def process_formdata(self, valuelist: list[str]) -> None:
        # The widget unpacks exactly three values, even when none were sent.
        self.raw_data = [(value or "").strip() for value in [*valuelist, "", "", ""][:3]]
        self.data, self.problem = _parse(self.raw_data, self.called)

    def _value(self) -> str:
        return self.data.strftime("%-d %-m %Y") if self.data else ""


def _parse(parts: list[str], name: str) -> tuple[date | None, str | None]:
    if not any(parts):
        return None, None
    missing = [part for part, value in zip(_PARTS, parts) if not value]
    if missing:
        return None, f"{name.capitalize()} must include a {' and '.join(missing)}"
    day, month, year = parts
    if not (year.isdigit() and len(year) == 4):
        return None, "Year must include 4 numbers"
    month_number = int(month) if month.isdigit() else _MONTHS.get(month.lower())
    try:
        return date(int(year), month_number or 0, int(day) if day.isdigit() else 0), None
    except ValueError:
        return None, f"{name.capitalize()} must be a real date"


_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$", re.IGNORECASE)
_WORDS = {"midday": time(12, 0), "noon": time(12, 0), "12 noon": time(12, 0), "midnight": time(0, 0)}


def parse_time(text: str) -> time | None:
    """'5pm', '5:30pm', '17:00', '9.15am', 'midday' → a time; None if it cannot be read."""
    value = " ".join((text or "").lower().split())
    if value in _WORDS:
        return _WORDS[value]
    match = _TIME.match(value)
    if not match:
        return None
    hour, minute, meridiem = int(match.group(1)), int(match.group(2) or 0), (match.group(3) or "").replace(".", "")
    if minute > 59:
        return None
    if meridiem:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    elif hour > 23 or match.group(2) is None:
        return None  # "17" alone is ambiguous; ask for 17:00 or 5pm
    return time(hour, minute)


def show_time(value: datetime | None) -> str:
    if value is None:
        return ""
    local = to_london(value)
    return local.strftime("%-I:%M%p").replace(":00", "").lower()


def london_to_utc(day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=LONDON).astimezone(UTC)


def time_field(label: str, hint: str = "For example, 5pm or 17:00") -> StringField:
    return StringField(
        label,
        description=hint,
        widget=GovTextInput(),
        validators=[Optional(), MaxLength(20, "Enter a time, like 5pm or 17:00")],
    )


def date_field(label: str, called: str, hint: str = "For example, 27 3 2027") -> DateInputField:
    return DateInputField(label, called=called, description=hint)


def combine(
    date_field_: DateInputField, time_field_: StringField, called: str, *, required: bool = False
) -> datetime | None:
    """The aware UTC datetime from a date and a London time, adding errors to the fields."""
    if date_field_.problem:
        date_field_.errors = [*date_field_.errors, date_field_.problem]
        return None
    if date_field_.data is None:
        if required:
            date_field_.errors = [*date_field_.errors, f"Enter {called}"]
        elif time_field_.data:
            date_field_.errors = [*date_field_.errors, f"Enter the date for {called}"]
        return None
    if not time_field_.data:
        time_field_.errors = [*time_field_.errors, f"Enter the time for {called}, like 5pm or 17:00"]
        return None
    at = parse_time(time_field_.data)
    if at is None:
        time_field_.errors = [
            *time_field_.errors,
            f"Enter the time for {called} in the correct format, like 5pm or 17:00",
        ]
        return None
    return london_to_utc(date_field_.data, at)


def fill(date_field_: DateInputField, time_field_: StringField, value: datetime | None) -> None:
    """Show a stored datetime in the date and time boxes (in London time)."""
    if value is None:
        return
    local = to_london(value)
    date_field_.data = local.date()
    time_field_.data = show_time(value)


def parse_money(text: str | None) -> Decimal | None:
    """'£250,000', '250000', '1.5m', '30k' → Decimal; raises ValueError if it is not an amount."""
    value = (text or "").strip().lower().replace(",", "").replace("£", "").replace(" ", "")
    if not value:
        return None
    multiplier = 1
    if value.endswith(("m", "k")):
        multiplier = 1_000_000 if value[-1] == "m" else 1_000
        value = value[:-1]
    try:
        amount = Decimal(value) * multiplier
    except InvalidOperation:
        raise ValueError(text) from None
    if not amount.is_finite() or amount < 0 or amount >= Decimal("1e12"):
        raise ValueError(text)
    return amount.quantize(Decimal("0.01"))


def lines(text: str | None) -> list[str]:
    return [line.strip(" \t-•*") for line in (text or "").splitlines() if line.strip(" \t-•*")]
