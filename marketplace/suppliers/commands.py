"""What a supplier asks the profile services to save, as typed commands.

A section of the profile is saved answer by answer: the answers that passed validation are kept and the
others are left as they were, so the person can put the rest right. An answer left as it was is given
as `KEEP`, said out loud, rather than by leaving a key out of a dict: a misspelt answer then fails where
the command is built, and mypy checks every value against its column.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Final, Literal


class _Keep(enum.Enum):
    KEEP = "keep"

    def __repr__(self) -> str:
        return "KEEP"


KEEP: Final = _Keep.KEEP
Keep = Literal[_Keep.KEEP]


class _Answers:
    def given(self) -> dict[str, object]:
        """The answers to save, by column name: every field but those left as `KEEP`."""
        return {name: value for name, value in vars(self).items() if value is not KEEP}


@dataclass(frozen=True)
class AboutAnswers(_Answers):
    """'About your organisation': each field is an Organisation column."""

    name: str | Keep = KEEP
    trading_name: str | None | Keep = KEEP
    legal_form: str | None | Keep = KEEP
    identifier_scheme: str | None | Keep = KEEP
    identifier_number: str | None | Keep = KEEP
    address_line_1: str | None | Keep = KEEP
    address_line_2: str | None | Keep = KEEP
    town: str | None | Keep = KEEP
    postcode: str | None | Keep = KEEP
    website: str | None | Keep = KEEP
    contact_name: str | None | Keep = KEEP
    contact_email: str | None | Keep = KEEP
    contact_phone: str | None | Keep = KEEP
    staff_band: str | None | Keep = KEEP
    turnover_band: str | None | Keep = KEEP
    is_vcse: bool | None | Keep = KEEP
    supported_employment: bool | None | Keep = KEEP
    public_service_mutual: bool | None | Keep = KEEP
    vcse_type: str | None | Keep = KEEP


@dataclass(frozen=True)
class WorkAnswers(_Answers):
    """'What you do' and 'where you work'. `categories` are CPV division codes; `areas` are ward slugs
    and the area flags (whole-borough, neighbouring, london, national) together, as the form asks them.
    `base_ward` is the ward slug of the main base (None: not based in the borough, or not said)."""

    summary: str | None | Keep = KEEP
    description: str | None | Keep = KEEP
    services: str | None | Keep = KEEP
    based_in_borough: bool | None | Keep = KEEP
    base_ward: str | None | Keep = KEEP
    categories: list[str] | Keep = KEEP
    areas: list[str] | Keep = KEEP
