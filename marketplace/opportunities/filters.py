"""Reading the opportunity filters from a query string (the page, the feed and the API share them).
Unknown values are ignored rather than refused, so no address can make the page fail."""

from __future__ import annotations

from functools import cache

from werkzeug.datastructures import MultiDict

from marketplace.api_params import Integer, OneOf, Rule, Text
from marketplace.converters import MAX_ID
from marketplace.notices import choices as notice_choices
from marketplace.notices import queries as notice_queries
from marketplace.opportunities import choices, queries
from marketplace.opportunities.queries import OpportunityCriteria
from marketplace.suppliers import reference

STATUSES = choices.PUBLIC_FILTER_STATUSES
CLOSING = {"7d": "Closing within 7 days"}
OPEN_TO_ME = {"me": "Open to my organisation"}


MAX_PAGE = 10_000
MAX_TEXT = 200

# What the API accepts (checked by marketplace.api_params, described in the OpenAPI document from the same rules).
API_RULES: dict[str, Rule] = {
    "q": Text(MAX_TEXT, "Words to search for in the title, summary, outcomes, requirements and description"),
    "mission": Integer(1, MAX_ID, description="Council mission id (repeat for any of several)", repeat=True),
    "category": OneOf(
        list(reference.categories()), description="CPV division or group code; a division includes its groups"
    ),
    "ward": OneOf(
        list(notice_choices.locations()), description="Ward slug; opportunities for the whole borough match every ward"
    ),
    "value": OneOf(list(notice_choices.VALUE_BANDS), description="Estimated value band (excluding VAT)"),
    "status": OneOf(list(STATUSES), description="open, closed, awarded or cancelled"),
    "suitable": OneOf(
        list(notice_choices.SUITABILITY), description="Suitable for SMEs and/or VCSEs (all given must hold)"
    ),
    "closing": OneOf(list(CLOSING), repeat=False, description="7d: open and closing within 7 days"),
    "page": Integer(1, MAX_PAGE, 1),
    "page_size": Integer(1, queries.MAX_PAGE_SIZE, queries.PAGE_SIZE),
}


def _int(value: str | None, default: int, *, lowest: int = 1, highest: int = 10_000) -> int:
    try:
        return min(max(int(value or default), lowest), highest)
    except (TypeError, ValueError):
        return default


def criteria_from_args(
    args: MultiDict, *, page_size: int = queries.PAGE_SIZE, strict: bool = False, missions: list | None = None
) -> OpportunityCriteria:
    """Lenient for pages and feeds; `strict` (the API) keeps an unknown mission id, so it finds nothing.
    `missions`: the missions, if the caller has them already (the page reads them once for both uses)."""
    mission_ids = {str(m.id) for m in (notice_queries.list_missions() if missions is None else missions)}
    if strict:
        mission_ids |= set(args.getlist("mission"))
    categories = reference.categories()
    locations = notice_choices.locations()
    return OpportunityCriteria(
        text=(args.get("q") or "")[:MAX_TEXT].strip(),
        missions=[int(v) for v in dict.fromkeys(args.getlist("mission")) if v in mission_ids],
        categories=[v for v in dict.fromkeys(args.getlist("category")) if v in categories],
        wards=[v for v in dict.fromkeys(args.getlist("ward")) if v in locations],
        value_bands=[v for v in dict.fromkeys(args.getlist("value")) if v in notice_choices.VALUE_BANDS],
        statuses=[v for v in dict.fromkeys(args.getlist("status")) if v in STATUSES],
        suitable=[v for v in dict.fromkeys(args.getlist("suitable")) if v in notice_choices.SUITABILITY],
        closing_soon=args.get("closing") == "7d",
        open_to_me=args.get("open_to") == "me",
        page=_int(args.get("page"), 1, highest=MAX_PAGE),
        page_size=_int(args.get("page_size"), page_size, highest=queries.MAX_PAGE_SIZE),
    )


def as_args(criteria: OpportunityCriteria, **changes) -> dict[str, list[str] | str]:
    args: dict[str, list[str] | str] = {
        "q": criteria.text,
        "mission": [str(m) for m in criteria.missions],
        "category": criteria.categories,
        "ward": criteria.wards,
        "value": criteria.value_bands,
        "status": criteria.statuses,
        "suitable": criteria.suitable,
        "closing": "7d" if criteria.closing_soon else "",
        "open_to": "me" if criteria.open_to_me else "",
    }
    args.update(changes)
    return {key: value for key, value in args.items() if value}


def is_filtered(criteria: OpportunityCriteria) -> bool:
    return bool(as_args(criteria))


@cache
def _category_choices() -> dict[str, str]:
    """The category select's options: reference data, the same for every request of the process."""
    divisions = {code: f"{c.label} ({code})" for code, c in reference.categories().items() if c.level == "division"}
    return {"": "Any category", **divisions}


@cache
def _ward_choices() -> dict[str, str]:
    return {"": "Anywhere in the borough", **reference.wards()}


def filter_options(criteria: OpportunityCriteria, *, can_be_open_to_me: bool, missions: list | None = None) -> dict:
    def items(options: dict[str, str], chosen: list) -> list[dict]:
        chosen = [str(value) for value in chosen]
        return [{"value": value, "text": text, "checked": value in chosen} for value, text in options.items()]

    categories = list(_category_choices().items())
    chosen_category = criteria.categories[0] if criteria.categories else ""
    if chosen_category and chosen_category not in _category_choices():
        categories.append((chosen_category, f"{reference.category_label(chosen_category)} ({chosen_category})"))
    wards = _ward_choices().items()
    chosen_ward = criteria.wards[0] if criteria.wards else ""
    missions = notice_queries.list_missions() if missions is None else missions
    return {
        "status": items(STATUSES, criteria.statuses),
        "mission": items({str(m.id): m.name for m in missions}, criteria.missions),
        "value": items(notice_choices.value_bands(), criteria.value_bands),
        "suitable": items(notice_choices.SUITABILITY, criteria.suitable),
        "closing": items(CLOSING, ["7d"] if criteria.closing_soon else []),
        "open_to": items(OPEN_TO_ME, ["me"] if criteria.open_to_me else []) if can_be_open_to_me else [],
        "category": [{"value": v, "text": t, "selected": v == chosen_category} for v, t in categories],
        "ward": [{"value": v, "text": t, "selected": v == chosen_ward} for v, t in wards],
    }
