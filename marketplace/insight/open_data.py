"""The public figures as open data (GET /api/v1/insight): what the public page shows, with the same
suppression (null where a count, or the group or remainder behind a share, is below 5)."""

from __future__ import annotations

from typing import Any

from marketplace.insight import definitions
from marketplace.insight.page_data import HEADLINE_ROWS, SHARE_GROUPS
from marketplace.insight.tables import Formatter

_PUBLIC = Formatter(public=True)


def _shares(counts: dict[str, int]) -> dict[str, float | None]:
    return {group: _PUBLIC.share_value(counts[group], counts["total"]) for group in SHARE_GROUPS}


def _count(value: int | dict[str, int]) -> int | None:
    return _PUBLIC.count_value(value if isinstance(value, int) else value["total"])


def _opportunity_figures(row: dict[str, Any]) -> dict[str, Any]:
    """Opportunities, bids and contracts in a division (absent from months counted before they existed)."""
    if "awards" not in row:
        return {}
    bids_per_opportunity = None
    if row["closed"] and not _PUBLIC.hidden(row["bids"]) and not _PUBLIC.hidden(row["closed"]):
        bids_per_opportunity = round(row["bids"] / row["closed"], 1)
    return {
        "opportunities": _count(row["opportunities"]),
        "bids": _count(row["bids"]),
        "bids_per_opportunity": bids_per_opportunity,
        "contracts": _count(row["awards"]),
        "contract_shares": _shares(row["awards"]),
    }


def _based_in(counts: dict[str, int] | None) -> dict[str, Any]:
    """Suppliers based in a ward (null throughout for a month counted before suppliers were asked)."""
    if counts is None:
        return {"suppliers_based_in": None, "based_in_shares": dict.fromkeys(SHARE_GROUPS)}
    return {"suppliers_based_in": _count(counts), "based_in_shares": _shares(counts)}


def document(figures: dict[str, Any], series: list[dict[str, Any]], *, page_url: str) -> dict[str, Any]:
    by_window = figures["headline"]["by_window"]
    published = figures["headline"]["published"]
    return {
        "licence": {"name": definitions.LICENCE_NAME, "url": definitions.LICENCE_URL},
        "month": figures["month"],
        "as_at": figures["as_at"],
        "suppressed_below": definitions.SUPPRESSION_THRESHOLD,
        "suppression": definitions.SUPPRESSION + " Suppressed values are null.",
        "definitions": {
            **definitions.GROUPS,
            **definitions.FIGURES,
            **definitions.BREAKDOWNS,
            "windows": definitions.WINDOWS,
        },
        "published_profiles": {"total": _count(published), "shares": _shares(published)},
        "windows": [
            {
                "key": window["key"],
                "label": window["label"],
                "start": window["start"],
                "end": window["end"],
                "figures": {
                    key: _count(by_window[window["key"]][key])
                    for key, _ in HEADLINE_ROWS
                    if key in by_window[window["key"]]  # a month counted before the figure existed
                },
            }
            for window in figures["windows"]
        ],
        "wards": [
            {
                "slug": row["slug"],
                "name": row["name"],
                **_based_in(row.get("based_in")),
                "suppliers_serving": _count(row["serving"]),
                "shares": _shares(row["serving"]),
            }
            for row in figures["wards"]["rows"]
        ],
        "whole_borough": {
            "suppliers_serving": _count(figures["wards"]["whole_borough"]),
            "shares": _shares(figures["wards"]["whole_borough"]),
        },
        "based_in_ward_not_given": _based_in(figures["wards"].get("based_in_ward_not_given")),
        "categories": [
            {
                "code": row["code"],
                "label": row["label"],
                "suppliers": _count(row["suppliers"]),
                "shares": _shares(row["suppliers"]),
                "notices": _count(row["notices"]),
                "interest": _count(row["interest"]),
                **_opportunity_figures(row),
            }
            for row in figures["categories"]
        ],
        "series": [
            {
                "month": point["month"],
                "published_profiles": _count(point["published"]),
                "shares": _shares(point["published"]),
            }
            for point in series
        ],
        "url": page_url,
    }
