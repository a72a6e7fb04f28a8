"""Supplier search parameters from the URL: all state lives there, so searches can be shared.

Filters repeat (`?wards=kilburn&wards=belsize`): values of one filter are ORed, filters ANDed.
The page is lenient (unknown values are dropped); the API is strict (`strict=True` raises).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from urllib.parse import urlencode

from werkzeug.datastructures import MultiDict

from marketplace import api_params, slots
from marketplace.search.engine import SearchRequest
from marketplace.suppliers import choices, reference, sizing

MAX_QUERY = 500
MAX_PAGE = 500
SORTS = {"relevance": "Relevance", "name": "Name (A to Z)", "updated": "Recently updated"}
PAGE_SIZE = 20
LOT_LABELS = "suppliers.search.lot_labels"  # providers: () -> {lot id: label}, the framework lots to filter on


BadParameter = api_params.BadParameter  # the API's one parameter reader answers 400 with its message


def lot_labels() -> dict[str, str]:
    """Framework lots buyers can filter on (from the frameworks domain; empty until frameworks exist)."""
    return {lot: label for found in slots.collect(LOT_LABELS) for lot, label in found.items()}


def filter_labels() -> dict[str, dict[str, str]]:
    """Every supplier filter with the values a buyer can choose and their labels (a new dict each call,
    over labels worked out once a process: the values' own dicts are shared, not to be changed)."""
    return dict(_filter_labels())


@cache
def _filter_labels() -> dict[str, dict[str, str]]:
    # Reference data only (files read once a process), so the same for every request.
    return {
        "categories": {code: c.label for code, c in reference.categories().items() if c.level == "division"},
        "size_band": dict(sizing.SIZE_LABELS),
        "is_sme": {"true": "SME", "false": "Not an SME"},
        "declarations": {
            "vcse": "VCSE",
            "supported_employment": "Supported employment provider",
            "public_service_mutual": "Public service mutual",
        },
        "wards": choices.areas(),
        "based_in_borough": {"true": "Based in the borough", "false": "Based outside the borough"},
        "social_value_themes": {slug: theme["name"] for slug, theme in reference.social_value_themes().items()},
    }


FILTER_TITLES = {
    "categories": "Category",
    "size_band": "Size",
    "is_sme": "SME",
    "declarations": "Organisation type",
    "wards": "Where they work",
    "based_in_borough": "Location",
    "social_value_themes": "Social value",
    "framework_lots": "Framework lot",
}


def facet_filters(
    facets: dict[str, dict[str, int]], chosen: dict[str, list[str]], labels: dict[str, dict[str, str]]
) -> list[dict]:
    """The filter panel: each filter with values to offer (those with results, and those chosen), in
    FILTER_TITLES order, each value labelled with its count. Built here, not in the template: the template's
    loop over every possible value (~120) was a tenth of the search page's CPU."""
    panels = []
    for name, title in FILTER_TITLES.items():
        counts = facets.get(name, {})
        picked = chosen.get(name, [])
        items = [
            {"value": value, "text": f"{label} ({counts.get(value, 0)})", "checked": value in picked}
            for value, label in labels.get(name, {}).items()
            if counts.get(value) or value in picked
        ]
        if items:
            panels.append({"name": name, "title": title, "items": items, "chosen": picked})
    return panels


@dataclass
class SupplierSearch:
    text: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1

    def request(self) -> SearchRequest:
        return SearchRequest(
            text=self.text,
            filters=self.filters,
            facets=list(FILTER_TITLES),
            sort=self.sort,
            page=self.page,
            page_size=PAGE_SIZE,
        )

    def query_string(self, **changes) -> str:
        """This search's URL query, with `changes` (e.g. page=2, or remove=(name, value))."""
        filters = {name: list(values) for name, values in self.filters.items()}
        remove = changes.pop("remove", None)
        if remove:
            name, value = remove
            filters[name] = [v for v in filters.get(name, []) if v != value]
        text = changes.get("q", self.text)
        pairs = [("q", text)] if text else []
        pairs += [(name, value) for name, values in filters.items() for value in values]
        sort = changes.get("sort", self.sort)
        if sort != "relevance":
            pairs.append(("sort", sort))
        page = changes.get("page", 1 if remove else self.page)
        if page > 1:
            pairs.append(("page", str(page)))
        return urlencode(pairs)


def api_rules(lot_ids: set[str] | None = None) -> dict[str, api_params.Rule]:
    """What the API accepts (marketplace.api_params checks it; the OpenAPI document describes the same rules)."""
    allowed = filter_labels()
    rules: dict[str, api_params.Rule] = {
        "q": api_params.Text(MAX_QUERY, 'Words (all must match), "phrases", OR, -exclusions'),
        "sort": api_params.OneOf(list(SORTS), repeat=False, description="Result order"),
        "page": api_params.Integer(1, MAX_PAGE, 1),
    }
    for name, title in FILTER_TITLES.items():
        values = sorted(lot_ids or ()) if name == "framework_lots" else list(allowed[name])
        rules[name] = api_params.OneOf(values, description=f"{title}: repeat to match any of several values")
    return rules


def parse(args: MultiDict, *, strict: bool = False, lot_ids: set[str] | None = None) -> SupplierSearch:
    if strict:
        api_params.check(args, api_rules(lot_ids))
    text = (args.get("q") or "").strip()
    if len(text) > MAX_QUERY:
        if strict:
            raise BadParameter(f"q must be {MAX_QUERY} characters or fewer")
        text = text[:MAX_QUERY]
    allowed = filter_labels()
    if lot_ids is not None:
        allowed["framework_lots"] = {lot: lot for lot in lot_ids}
    filters: dict[str, list[str]] = {}
    for name in FILTER_TITLES:
        values = [value for value in args.getlist(name) if value]
        if name != "framework_lots" or lot_ids is not None:
            unknown = [value for value in values if value not in allowed.get(name, {})]
            if unknown and strict:
                raise BadParameter(f"unknown {name}: {', '.join(unknown[:5])}")
            values = [value for value in values if value not in unknown]
        if values:
            filters[name] = list(dict.fromkeys(values))
    for name in args:
        if strict and name not in {"q", "sort", "page", *FILTER_TITLES}:
            raise BadParameter(f"unknown parameter {name}")
    sort = args.get("sort", "relevance")
    if sort not in SORTS:
        if strict:
            raise BadParameter(f"sort must be one of {', '.join(SORTS)}")
        sort = "relevance"
    return SupplierSearch(text=text, filters=filters, sort=sort, page=_page(args.get("page"), strict))


def _page(raw: str | None, strict: bool) -> int:
    if raw in (None, ""):
        return 1
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE:
        if strict:
            raise BadParameter(f"page must be a whole number from 1 to {MAX_PAGE}")
        return 1
    return int(raw)


def pagination(search: SupplierSearch, pages: int, base: str) -> dict:
    """govukPagination parameters: first, last and the pages either side of this one."""
    page = min(search.page, pages)
    numbers = sorted({1, pages, *range(max(1, page - 1), min(pages, page + 1) + 1)})
    items: list[dict[str, object]] = []
    previous = 0
    for number in numbers:
        if number - previous > 1:
            items.append({"ellipsis": True})
        items.append(
            {"number": number, "href": f"{base}?{search.query_string(page=number)}", "current": number == page}
        )
        previous = number
    return {
        "previous": {"href": f"{base}?{search.query_string(page=page - 1)}"} if page > 1 else None,
        "next": {"href": f"{base}?{search.query_string(page=page + 1)}"} if page < pages else None,
        "items": items,
    }
