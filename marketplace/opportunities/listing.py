"""The public list's rows, worked out once in Python: what each row prints (its link, status tag, who may bid,
value, deadline), so the template prints values instead of calling an include, `url_for` and the label helpers
for each of its 20 rows. The tag and the pagination are the GOV.UK components' parameters (`component()` renders
them through their macros)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import url_for
from markupsafe import Markup

from marketplace.notices import choices as notice_choices
from marketplace.opportunities import choices, rules
from marketplace.opportunities.queries import OpportunityResults
from marketplace.template_helpers import london_datetime, page_window

# What the list page reads of an opportunity (`queries.search(..., list_page=True)` loads only these).
LIST_COLUMNS = (
    "id",
    "status",
    "title",
    "summary",
    "mission_id",
    "value_low",
    "value_high",
    "who_may_bid",
    "suitable_sme",
    "suitable_vcse",
    "closes_at",
)


@dataclass(frozen=True)
class Row:
    href: str
    title: str
    tag: dict[str, str]  # govukTag's parameters: the status as suppliers see it
    who_may_bid: str
    mission: str | None
    summary: str  # a highlighted snippet (Markup) or the plain summary
    value: str
    closes: str
    suitability: str | None  # only when suitable for SMEs or VCSEs


def rows(results: OpportunityResults, *, now: datetime) -> list[Row]:
    href = _href_for_id("opportunities.show", "opportunity_id")
    made = []
    for opportunity in results.opportunities:
        status = rules.public_status(opportunity, now)
        snippet = results.highlights.get(opportunity.id, {}).get("summary")
        made.append(
            Row(
                href=href(opportunity.id),
                title=opportunity.title,
                tag={
                    "text": choices.STATUS_LABELS.get(status, status),
                    "classes": choices.STATUS_TAG_CLASSES.get(status, ""),
                },
                who_may_bid=choices.WHO_MAY_BID.get(opportunity.who_may_bid, ""),
                mission=opportunity.mission.name if opportunity.mission is not None else None,
                summary=Markup(snippet) if snippet else opportunity.summary or "",
                value=notice_choices.value_range(opportunity),
                closes=london_datetime(opportunity.closes_at),
                suitability=notice_choices.suitability(opportunity)
                if opportunity.suitable_sme or opportunity.suitable_vcse
                else None,
            )
        )
    return made


def pagination(results: OpportunityResults, args: dict[str, Any]) -> dict[str, Any] | None:
    """govukPagination's parameters, its links made with one `url_for`."""
    if results.pages <= 1:
        return None
    href = _href_for_id("opportunities.index", "page", **args)
    page = results.page
    return {
        "previous": {"href": href(page - 1)} if page > 1 else None,
        "next": {"href": href(page + 1)} if page < results.pages else None,
        "items": [
            {"number": number, "href": href(number), "current": number == page} if number else {"ellipsis": True}
            for number in page_window(page, results.pages)
        ],
    }


def _href_for_id(endpoint: str, name: str, **args: Any) -> Callable[[int], str]:
    """`url_for` once for the page: the address with each row's (or page's) number where a marker was built."""
    marker = 2**31 - 1
    # Any: url_for types its own keywords (_anchor, …) as str, and mypy checks every unpacked value against them.
    values: dict[str, Any] = {name: marker, **args}
    head, _, tail = url_for(endpoint, **values).rpartition(str(marker))
    return lambda value: f"{head}{int(value)}{tail}"
