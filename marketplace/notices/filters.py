"""Reading the notice filters from a query string (the page, the feed and the API share them).

Unknown values are ignored rather than refused, so no address can make the page fail.
"""

from __future__ import annotations

from werkzeug.datastructures import MultiDict

from marketplace.api_params import Integer, OneOf, Rule, Text
from marketplace.converters import MAX_ID
from marketplace.notices import choices, queries
from marketplace.notices.models import Mission
from marketplace.notices.queries import NoticeCriteria
from marketplace.suppliers import reference

STATUSES = {"open": "Open", "closed": "Closed", "withdrawn": "Withdrawn"}
PARAMETERS = ("q", "mission", "category", "ward", "value", "status", "suitable", "kind", "page")


MAX_PAGE = 10_000
MAX_TEXT = 200

# What the API accepts (checked by marketplace.api_params, described in the OpenAPI document from the same rules).
API_RULES: dict[str, Rule] = {
    "q": Text(MAX_TEXT, "Words to search for in the title, summary, outcomes, categories and description"),
    "mission": Integer(1, MAX_ID, description="Council mission id (repeat for any of several)", repeat=True),
    "category": OneOf(
        list(reference.categories()),
        description="CPV division or group code, for example 45 or 451; a division includes its groups",
    ),
    "ward": OneOf(list(choices.locations()), description="Ward slug; notices for the whole borough match every ward"),
    "value": OneOf(
        list(choices.VALUE_BANDS),
        description="Estimated value band (excluding VAT); a notice matches every band its range overlaps",
    ),
    "status": OneOf(list(STATUSES), description="open, closed or withdrawn"),
    "suitable": OneOf(list(choices.SUITABILITY), description="Suitable for SMEs and/or VCSEs (all given must hold)"),
    "kind": OneOf(list(choices.KINDS), description="Kind of notice"),
    "page": Integer(1, MAX_PAGE, 1),
    "page_size": Integer(1, queries.MAX_PAGE_SIZE, queries.PAGE_SIZE),
}


def _int(value: str | None, default: int, *, lowest: int = 1, highest: int = 10_000) -> int:
    try:
        return min(max(int(value or default), lowest), highest)
    except (TypeError, ValueError):
        return default


def criteria_from_args(
    args: MultiDict, *, page_size: int = queries.PAGE_SIZE, strict: bool = False, missions: list[Mission] | None = None
) -> NoticeCriteria:
    """Lenient for pages and feeds; `strict` (the API) keeps an unknown mission id, so it finds nothing.
    `missions`: every mission, if the caller has them already (the list page shows them too)."""
    mission_ids = {str(m.id) for m in (queries.list_missions() if missions is None else missions)}
    if strict:
        mission_ids |= set(args.getlist("mission"))
    categories = reference.categories()
    locations = choices.locations()
    return NoticeCriteria(
        text=(args.get("q") or "")[:MAX_TEXT].strip(),
        missions=[int(v) for v in dict.fromkeys(args.getlist("mission")) if v in mission_ids],
        categories=[v for v in dict.fromkeys(args.getlist("category")) if v in categories],
        wards=[v for v in dict.fromkeys(args.getlist("ward")) if v in locations],
        value_bands=[v for v in dict.fromkeys(args.getlist("value")) if v in choices.VALUE_BANDS],
        statuses=[v for v in dict.fromkeys(args.getlist("status")) if v in STATUSES],
        suitable=[v for v in dict.fromkeys(args.getlist("suitable")) if v in choices.SUITABILITY],
        kinds=[v for v in dict.fromkeys(args.getlist("kind")) if v in choices.KINDS],
        page=_int(args.get("page"), 1, highest=MAX_PAGE),
        page_size=_int(args.get("page_size"), page_size, highest=queries.MAX_PAGE_SIZE),
    )


def as_args(criteria: NoticeCriteria, **changes) -> dict[str, list[str] | str]:
    """The query string for these criteria (for links: pages, the feed, removing a filter)."""
    args: dict[str, list[str] | str] = {
        "q": criteria.text,
        "mission": [str(m) for m in criteria.missions],
        "category": criteria.categories,
        "ward": criteria.wards,
        "value": criteria.value_bands,
        "status": criteria.statuses,
        "suitable": criteria.suitable,
        "kind": criteria.kinds,
    }
    args.update(changes)
    return {key: value for key, value in args.items() if value}


def is_filtered(criteria: NoticeCriteria) -> bool:
    return bool(
        criteria.text
        or criteria.missions
        or criteria.categories
        or criteria.wards
        or criteria.value_bands
        or criteria.statuses
        or criteria.suitable
        or criteria.kinds
    )


def filter_options(criteria: NoticeCriteria, missions: list[Mission]) -> dict:
    """What the filter panel offers, with the current choices marked (`missions`: every mission, by name)."""

    def items(options: dict[str, str], chosen: list) -> list[dict]:
        chosen = [str(value) for value in chosen]
        return [{"value": value, "text": text, "checked": value in chosen} for value, text in options.items()]

    categories = [("", "Any category")] + [
        (code, f"{c.label} ({code})") for code, c in reference.categories().items() if c.level == "division"
    ]
    chosen_category = criteria.categories[0] if criteria.categories else ""
    if chosen_category and chosen_category not in dict(categories):
        categories.append((chosen_category, f"{reference.category_label(chosen_category)} ({chosen_category})"))
    wards = [("", "Anywhere in the borough")] + list(reference.wards().items())
    chosen_ward = criteria.wards[0] if criteria.wards else ""
    return {
        "status": items(STATUSES, criteria.statuses),
        "kind": items(choices.KINDS, criteria.kinds),
        "mission": items({str(m.id): m.name for m in missions}, criteria.missions),
        "value": items(choices.value_bands(), criteria.value_bands),
        "suitable": items(choices.SUITABILITY, criteria.suitable),
        "category": [{"value": v, "text": t, "selected": v == chosen_category} for v, t in categories],
        "ward": [{"value": v, "text": t, "selected": v == chosen_ward} for v, t in wards],
    }
