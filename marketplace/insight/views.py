"""The insight pages: the public market insight, the admins' insight with filters and drill-down, and the
CSV of every table. Thin: parse the choice, read the figures, build the page."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from flask import Response, abort, g, render_template, request, url_for

from marketplace.accounts.access import role_required
from marketplace.accounts.models import ADMIN
from marketplace.downloads import csv_download
from marketplace.insight import bp, definitions, drilldown, filters, page_data, snapshots
from marketplace.insight.periods import Month, windows_for
from marketplace.insight.tables import Table
from marketplace.notices import queries as notice_queries
from marketplace.suppliers import reference
from marketplace.template_helpers import london_date, london_datetime

MAX_PAGE = 10_000
QUERY_SAFE = "!$'()*,/:;?@"  # what url_for leaves unquoted in a query string (werkzeug)


def _month_label(key: str | None) -> str | None:
    month = Month.parse(key)
    return month.label if month is not None else None


def _london_date(iso: str | None) -> str:
    return london_date(datetime.fromisoformat(iso)) if iso else ""


def _public_data() -> tuple[dict[str, Any], dict[str, Any]]:
    figures, series = snapshots.public_figures()
    return figures, page_data.public_page(figures, series)


@bp.get("/insight")
def public():
    figures, page = _public_data()
    return render_template(
        "insight/public.html",
        figures=figures,
        page=page,
        definitions=definitions,
        groups=definitions.GROUPS,
        headline_rows=page_data.HEADLINE_ROWS,
        counted_at=london_datetime(datetime.fromisoformat(figures["counted_at"])),
    )


def _csv(table: Table, filename: str) -> Response:
    return csv_download(table.to_csv(), filename)


@bp.get("/insight/data/<key>.csv")
def public_csv(key: str):
    figures, page = _public_data()
    table = page_data.find_table(page, key) or abort(404)
    return _csv(table, f"market-insight-{table.key}-{figures['month']}.csv")


# Admins ---------------------------------------------------------------------------------------------


def _launch_month() -> Month | None:
    """The launch month, read once a request (the filters and the month options both need it)."""
    if "insight_launch_month" not in g:
        g.insight_launch_month = snapshots.launch_month()
    return g.insight_launch_month


def _choice() -> filters.Choice:
    return filters.choice_from_args(request.args, current=Month.current(), earliest=_launch_month())


def _admin_data(choice: filters.Choice) -> tuple[dict[str, Any], dict[str, Any]]:
    figures, series = snapshots.admin_figures(choice.month, choice.scope, first=choice.first)

    # A page has some 250 counts, each linked to its list: the route is built once per figure and the
    # query string added as url_for would (building each link whole was ~15% of the page's Python time).
    routes: dict[str, str] = {}

    def drill(figure: str, **params: Any) -> str:
        if figure not in routes:
            routes[figure] = url_for("insight.figure_list", figure=figure)
        return f"{routes[figure]}?{urlencode(choice.query_args(**params), safe=QUERY_SAFE)}"

    return figures, page_data.admin_page(figures, series, drill)


def _options(choice: filters.Choice) -> dict[str, list[dict[str, Any]]]:
    current = Month.current()
    first = _launch_month() or current
    months: list[Month] = []
    month = current
    while month >= first.minus(1) and len(months) < 240:
        months.append(month)
        month = month.previous()

    def month_items(selected: Month | None, blank: str | None = None) -> list[dict[str, Any]]:
        items = [{"value": "", "text": blank}] if blank else []
        return items + [{"value": m.key, "text": m.label, "selected": m == selected} for m in months]

    missions = notice_queries.list_missions()
    return {
        "month": month_items(choice.month if choice.first is None else None),
        "from": month_items(choice.first, "Since launch"),
        "to": month_items(choice.last, "This month"),
        "mission": [{"value": "", "text": "All missions"}]
        + [{"value": str(m.id), "text": m.name, "selected": m.id == choice.scope.mission_id} for m in missions],
        "category": [{"value": "", "text": "All categories"}]
        + [
            {"value": code, "text": f"{code} {text}", "selected": code == choice.scope.division}
            for code, text in filters.divisions().items()
        ],
    }


@bp.get("/admin/insight")
@role_required(ADMIN)
def admin():
    choice = _choice()
    figures, page = _admin_data(choice)
    notice = notice_queries.get_notice(choice.scope.notice_id) if choice.scope.notice_id else None
    opportunity = filters.public_opportunity(choice.scope.opportunity_id)
    return render_template(
        "insight/admin.html",
        figures=figures,
        page=page,
        choice=choice,
        options=_options(choice),
        notice=notice,
        opportunity=opportunity,
        definitions=definitions,
        groups=definitions.GROUPS,
        headline_rows=page_data.HEADLINE_ROWS,
        csv_args=choice.query_args(),
        current_month=Month.current(),
        snapshot_taken=_london_date(figures.get("snapshot_taken_at")),
        counted_at=london_datetime(datetime.fromisoformat(figures["counted_at"])),
        carried_from=_month_label(figures.get("carried_from")),
    )


@bp.get("/admin/insight/data/<key>.csv")
@role_required(ADMIN)
def admin_csv(key: str):
    choice = _choice()
    figures, page = _admin_data(choice)
    table = page_data.find_table(page, key) or abort(404)
    suffix = "" if not choice.is_filtered else "-filtered"
    return _csv(table, f"supply-base-insight-{table.key}-{figures['month']}{suffix}.csv")


def _page_number() -> int:
    value = request.args.get("page", "1")
    return min(int(value), MAX_PAGE) if value.isdigit() and int(value) > 0 else 1


@bp.get("/admin/insight/list/<figure>")
@role_required(ADMIN)
def figure_list(figure: str):
    choice = _choice()
    windows, breakdown = windows_for(choice.month, choice.first)
    window = next((w for w in windows if w.key == request.args.get("window")), breakdown)
    group = request.args.get("group")
    ward = request.args.get("ward")
    base_ward = request.args.get("base_ward")
    division = request.args.get("division")
    mission = request.args.get("mission")
    query = drilldown.Request(
        figure=figure,
        window=window,
        scope=choice.scope,
        group=group if group in ("sme", "vcse", "local", "other") else None,
        ward=ward if ward in reference.wards() or ward == "whole-borough" else None,
        base_ward=base_ward if base_ward in reference.wards() or base_ward == drilldown.BASE_NOT_GIVEN else None,
        division=division if division in filters.divisions() else None,
        mission=mission if mission and (mission == drilldown.NO_MISSION or mission.isdigit()) else None,
        step=request.args.get("step"),
    )
    page = _page_number()
    listing = drilldown.listing(query, page=page) or abort(404)
    return render_template(
        "insight/drilldown.html",
        listing=listing,
        query=query,
        choice=choice,
        page=page,
        pages=max(1, -(-listing.total // drilldown.PAGE_SIZE)),
        back=url_for("insight.admin", **dict[str, Any](choice.query_args())),
        page_args={key: value for key, value in request.args.items() if key != "page"},
        group_label=page_data.GROUP_HEADINGS.get(query.group or "total"),
        ward_label=reference.wards().get(query.ward or "", "the whole borough" if query.ward else None),
        base_ward_label=reference.wards().get(
            query.base_ward or "", "the borough, ward not given" if query.base_ward else None
        ),
        division_label=filters.divisions().get(query.division or ""),
    )
