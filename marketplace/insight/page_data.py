"""What the pages show, built from a month's figures and the monthly series: headline cards, tables and
charts (each with a text summary and the table of its numbers), for admins or for the public."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from marketplace.insight import charts
from marketplace.insight.definitions import BREAKDOWNS, FIGURES
from marketplace.insight.drilldown import BASE_NOT_GIVEN
from marketplace.insight.tables import FEWER, NOTHING, Cell, Formatter, Table, label

GROUP_HEADINGS = {"total": "All", "sme": "SME", "vcse": "VCSE", "local": "Local", "other": "Other"}
SHARE_GROUPS = ("sme", "vcse", "local")
HEADLINE_ROWS = (
    ("new_profiles", "Supplier profiles published"),
    ("notices", "Notices published"),
    ("interest", "Registrations of interest"),
    ("events", "Events held"),
    ("event_places", "Suppliers with a place at an event"),
    ("attended", "Suppliers who attended an event"),
    ("questions", "Questions asked about notices"),
    ("framework_applications", "Framework applications submitted"),
    ("framework_agreements", "Suppliers joining a framework"),
    ("opportunities", "Opportunities published"),
    ("bids", "Bids submitted (counted when bidding closes)"),
    ("contracts", "Contracts awarded"),
    ("contract_value", "Contracted value (£, excluding VAT)"),
)
CHART_CATEGORIES = 15
Drill = Callable[..., str | None]


def no_drill(*_: Any, **__: Any) -> str | None:
    return None


@dataclass
class Chart:
    key: str
    title: str
    summary: str
    svg: Markup | None
    table: Table
    # A chart drawn in parts, each with its heading (the wards: based in, serving), instead of `svg`.
    parts: list[tuple[str, Markup | None]] = field(default_factory=list)


def _total(value: int | dict[str, int]) -> int:
    return value if isinstance(value, int) else value["total"]


def headline_cards(figures: dict[str, Any], fmt: Formatter) -> list[dict[str, str]]:
    published = figures["headline"]["published"]
    new = _total(figures["headline"]["by_window"]["month"]["new_profiles"])
    cards = [
        {
            "label": "Published supplier profiles",
            "value": fmt.describe_count(published["total"]),
            "hint": f"{fmt.describe_count(new)} new in {figures['month_label']}",
        }
    ]
    for group in SHARE_GROUPS:
        cards.append(
            {
                "label": f"{GROUP_HEADINGS[group]} share",
                "value": fmt.describe_share(published[group], published["total"]),
                "hint": "of published profiles",
            }
        )
    return cards


def headline_table(figures: dict[str, Any], fmt: Formatter, drill: Drill = no_drill) -> Table:
    windows = figures["windows"]
    table = Table("headline", "Headline figures", ["Figure", *[window["label"] for window in windows]])
    for key, text in HEADLINE_ROWS:
        if key not in figures["headline"]["by_window"][windows[0]["key"]]:
            continue  # a snapshot taken before the figure existed
        row = [label(text)]
        for window in windows:
            count = _total(figures["headline"]["by_window"][window["key"]][key])
            row.append(fmt.count(count, drill(key, window=window["key"])))
        table.rows.append(row)
    return table


def groups_table(figures: dict[str, Any], fmt: Formatter, drill: Drill = no_drill) -> Table:
    """Admins: each figure split by supplier group, for the breakdown window (since launch or the range)."""
    window = figures["breakdown_window"]
    by_window = figures["headline"]["by_window"][window["key"]]
    table = Table("groups", f"By supplier group: {window['label']}", ["Figure", *GROUP_HEADINGS.values()])
    rows: list[tuple[str, str, dict[str, int]]] = [
        ("published", "Published supplier profiles (at the end)", figures["headline"]["published"])
    ]
    rows += [(key, text, by_window[key]) for key, text in HEADLINE_ROWS if isinstance(by_window.get(key), dict)]
    for key, text, counts in rows:
        row = [label(text)]
        for group in GROUP_HEADINGS:
            href = drill(key, window=window["key"], group=None if group == "total" else group)
            row.append(
                fmt.count(counts[group], href)
                if group == "total"
                else fmt.count_with_share(counts[group], counts["total"], href)
            )
        table.rows.append(row)
    return table


def trend_chart(series: list[dict[str, Any]], fmt: Formatter) -> Chart:
    head = ["Month", "Published profiles", "SME share", "VCSE share", "Local share"]
    table = Table("trend", "SME, VCSE and local shares of published supplier profiles, by month", head)
    lines: dict[str, list[float | None]] = {group: [] for group in SHARE_GROUPS}
    for point in series:
        published = point["published"]
        row = [label(point["label"]), fmt.count(published["total"])]
        for group in SHARE_GROUPS:
            row.append(fmt.share(published[group], published["total"]))
            lines[group].append(fmt.share_value(published[group], published["total"]))
        table.rows.append(row)
    table.definition = BREAKDOWNS["series"]
    svg = charts.line_chart(
        [point["label"] for point in series],
        [charts.Line(GROUP_HEADINGS[group], tuple(values), group) for group, values in lines.items()],
        labelled_by="chart-trend-title",
    )
    return Chart("trend", table.caption, _trend_summary(series, fmt), svg, table)


def _shares_text(published: dict[str, int], fmt: Formatter) -> str:
    return ", ".join(
        f"{GROUP_HEADINGS[group]} {fmt.describe_share(published[group], published['total'])}" for group in SHARE_GROUPS
    )


def _trend_summary(series: list[dict[str, Any]], fmt: Formatter) -> str:
    last = series[-1]
    started = [point for point in series if point["published"]["total"]]
    if not started:
        return "No supplier profiles were published in these months."
    shown = [
        point
        for point in started
        if all(fmt.share_value(point["published"][g], point["published"]["total"]) is not None for g in SHARE_GROUPS)
    ]
    started = shown or started  # compare with the first month whose shares can all be shown
    text = (
        f"At the end of {last['label']}, of {fmt.describe_count(last['published']['total'])} published supplier "
        f"profiles: {_shares_text(last['published'], fmt)}."
    )
    first = started[0]
    if first is not last:
        text += f" At the end of {first['label']}: {_shares_text(first['published'], fmt)}."
    return text


def new_profiles_chart(series: list[dict[str, Any]], fmt: Formatter) -> Chart:
    groups = ("total", "sme", "vcse", "local")
    head = ["Month", *[GROUP_HEADINGS[group] for group in (*groups, "other")]]
    table = Table("new-profiles", "Supplier profiles published each month, by group", head)
    for point in series:
        table.rows.append([label(point["label"]), *[fmt.count(point["new"][group]) for group in (*groups, "other")]])
    svg = charts.line_chart(
        [point["label"] for point in series],
        [
            charts.Line(GROUP_HEADINGS[group], tuple(fmt.count_value(point["new"][group]) for point in series), group)
            for group in groups
        ],
        labelled_by="chart-new-profiles-title",
        percent=False,
    )
    total = sum(point["new"]["total"] for point in series)
    busiest = max(series, key=lambda point: point["new"]["total"])
    summary = f"{fmt.describe_count(total)} supplier profiles were published in these {len(series)} months"
    summary += f"; the most in {busiest['label']} ({fmt.describe_count(busiest['new']['total'])})." if total else "."
    return Chart("new-profiles", table.caption, summary, svg, table)


WARD_HEAD = [
    "Ward",
    "Suppliers based here",
    "SME share (based here)",
    "VCSE share (based here)",
    "Suppliers serving",
    "SME share (serving)",
    "VCSE share (serving)",
    "Local share (serving)",
]
NOT_COUNTED = "not counted then"  # a month snapshotted before suppliers said which ward they are based in


def _ward_cells(counts: dict[str, int] | None, groups: tuple[str, ...], fmt: Formatter, href: str | None) -> list:
    if counts is None:
        return [Cell(NOTHING) for _ in range(1 + len(groups))]
    return [fmt.count(counts["total"], href), *[fmt.share(counts[group], counts["total"]) for group in groups]]


def wards_chart(figures: dict[str, Any], fmt: Formatter, drill: Drill = no_drill) -> Chart:
    """Suppliers based in and serving each ward; suppliers serving the whole borough, and those based in the
    borough who have not said in which ward, have rows of their own."""
    window = figures["breakdown_window"]["key"]
    wards = figures["wards"]
    counted = "based_in_ward_not_given" in wards
    table = Table("wards", "Suppliers based in and serving each ward", WARD_HEAD, definition=BREAKDOWNS["wards"])
    based_groups, serving_groups = ("sme", "vcse"), SHARE_GROUPS
    for row in wards["rows"]:
        based = (
            _ward_cells(row["based_in"], based_groups, fmt, drill("profiles", window=window, base_ward=row["slug"]))
            if counted
            else [Cell(NOT_COUNTED) for _ in range(1 + len(based_groups))]
        )
        serving = _ward_cells(row["serving"], serving_groups, fmt, drill("profiles", window=window, ward=row["slug"]))
        table.rows.append([label(row["name"]), *based, *serving])
    whole = drill("profiles", window=window, ward="whole-borough")
    table.rows.append(
        [
            label("Whole borough"),
            *_ward_cells(None, based_groups, fmt, None),
            *_ward_cells(wards["whole_borough"], serving_groups, fmt, whole),
        ]
    )
    if counted:
        not_given = drill("profiles", window=window, base_ward=BASE_NOT_GIVEN)
        table.rows.append(
            [
                label("Based in the borough, ward not given"),
                *_ward_cells(wards["based_in_ward_not_given"], based_groups, fmt, not_given),
                *_ward_cells(None, serving_groups, fmt, None),
            ]
        )
    names = [row["name"] for row in wards["rows"]]
    parts = [
        ("Suppliers serving each ward", [fmt.count_value(row["serving"]["total"]) for row in wards["rows"]]),
    ]
    if counted:
        parts.insert(
            0, ("Suppliers based in each ward", [fmt.count_value(row["based_in"]["total"]) for row in wards["rows"]])
        )
    svgs = [
        (heading, charts.bar_chart(names, values, name=heading, labelled_by=f"chart-wards-part-{index}"))
        for index, (heading, values) in enumerate(parts)
    ]
    return Chart("wards", table.caption, _wards_summary(wards, fmt), None, table, parts=svgs)


def _most_and_fewest(rows: list[dict[str, Any]], key: str, fmt: Formatter) -> tuple[str, str]:
    ranked = sorted(rows, key=lambda row: -row[key]["total"])
    top = ", ".join(f"{row['name']} ({fmt.describe_count(row[key]['total'])})" for row in ranked[:3])
    return top, f"{ranked[-1]['name']} ({fmt.describe_count(ranked[-1][key]['total'])})"


def _wards_summary(wards: dict[str, Any], fmt: Formatter) -> str:
    rows = wards["rows"]
    sentences = []
    if "based_in_ward_not_given" in wards:
        if any(row["based_in"]["total"] for row in rows):
            top, low = _most_and_fewest(rows, "based_in", fmt)
            sentences.append(f"Most suppliers are based in {top}; fewest in {low}.")
        else:
            sentences.append("No published supplier has said which ward it is based in yet.")
    if any(row["serving"]["total"] for row in rows):
        top, low = _most_and_fewest(rows, "serving", fmt)
        sentences.append(f"Most suppliers serve {top}; fewest serve {low}.")
    else:
        sentences.append("No published supplier has named a ward it works in yet.")
    sentences.append(f"{fmt.describe_count(wards['whole_borough']['total'])} suppliers serve the whole borough.")
    return " ".join(sentences)


def _short(text: str, limit: int = 38) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def categories_chart(figures: dict[str, Any], fmt: Formatter, drill: Drill = no_drill) -> Chart:
    window = figures["breakdown_window"]
    head = ["CPV division", "Suppliers", "SME share", "VCSE share", "Local share", "Notices", "Interest"]
    table = Table("categories", "Suppliers and notices by category (CPV division)", head)
    table.definition = BREAKDOWNS["categories"]
    for row in figures["categories"]:
        counts = row["suppliers"]
        table.rows.append(
            [
                label(f"{row['code']} {row['label']}"),
                fmt.count(counts["total"], drill("profiles", window=window["key"], division=row["code"])),
                *[fmt.share(counts[group], counts["total"]) for group in SHARE_GROUPS],
                fmt.count(row["notices"], drill("notices", window=window["key"], division=row["code"])),
                fmt.count(row["interest"], drill("interest", window=window["key"], division=row["code"])),
            ]
        )
    ranked = sorted(figures["categories"], key=lambda row: -row["suppliers"]["total"])
    shown = [row for row in ranked if row["suppliers"]["total"]][:CHART_CATEGORIES]
    svg = charts.bar_chart(
        [_short(f"{row['code']} {row['label']}") for row in shown],
        [fmt.count_value(row["suppliers"]["total"]) for row in shown],
        name="Suppliers",
        labelled_by="chart-categories-title",
    )
    if not shown:
        summary = "No published supplier has chosen a category yet."
    else:
        top = ", ".join(f"{row['label']} ({fmt.describe_count(row['suppliers']['total'])})" for row in shown[:3])
        summary = f"Most suppliers offer {top}."
        if len(ranked) > len(shown):
            summary += f" The chart shows the {len(shown)} divisions with most suppliers; the table has them all."
        asked = max(figures["categories"], key=lambda row: row["notices"])
        if asked["notices"]:
            summary += (
                f" Most notices ({window['label'].lower()}) were in {asked['label']} "
                f"({fmt.describe_count(asked['notices'])})."
            )
    return Chart("categories", table.caption, summary, svg, table)


def _bids_per_opportunity(bids: int, closed: int, fmt: Formatter) -> Cell:
    """Submitted bids per opportunity whose deadline fell in the period; for the public, not shown when either
    number is below 5 (it would tell how many suppliers bid for one or two opportunities)."""
    if not closed:
        return Cell(NOTHING)
    if fmt.hidden(bids) or fmt.hidden(closed):
        return Cell(FEWER)
    value = round(bids / closed, 1)
    return Cell(f"{value:.1f}", value)


def _award_cells(awards: dict[str, int], fmt: Formatter) -> list[Cell]:
    if fmt.public:
        return [fmt.count(awards["total"]), *[fmt.share(awards[group], awards["total"]) for group in SHARE_GROUPS]]
    return [
        fmt.count(awards["total"]),
        *[fmt.count_with_share(awards[group], awards["total"]) for group in SHARE_GROUPS],
    ]


OPPORTUNITY_HEAD = [
    "Opportunities published",
    "Bids submitted",
    "Bids per opportunity",
    "Contracts awarded",
    "To SMEs",
    "To VCSEs",
    "To local suppliers",
]
_OPPORTUNITY_KEYS = ("opportunities", "closed", "bids", "awards")


def _has_opportunity_figures(row: dict[str, Any]) -> bool:
    """Rows counted before these figures existed (an old snapshot) have none of them."""
    return all(key in row for key in _OPPORTUNITY_KEYS)


def _opportunity_cells(row: dict[str, Any], fmt: Formatter, drill: Drill, **where: Any) -> list[Cell]:
    return [
        fmt.count(row["opportunities"], drill("opportunities", **where)),
        fmt.count(row["bids"], drill("bids", **where)),
        _bids_per_opportunity(row["bids"], row["closed"], fmt),
        *_award_cells(row["awards"], fmt),
    ]


def _active(row: dict[str, Any]) -> bool:
    return bool(row["opportunities"] or row["closed"] or row["bids"] or row["awards"]["total"])


def category_opportunities_table(figures: dict[str, Any], fmt: Formatter, drill: Drill = no_drill) -> Table | None:
    """Opportunities, bids and awards per CPV division (only divisions with any); None for an old snapshot."""
    rows = [row for row in figures["categories"] if _has_opportunity_figures(row)]
    if len(rows) != len(figures["categories"]):
        return None
    window = figures["breakdown_window"]
    head = ["CPV division", *OPPORTUNITY_HEAD]
    table = Table("category-opportunities", "Opportunities, bids and awards per category (CPV division)", head)
    table.definition = BREAKDOWNS["opportunities"]
    for row in rows:
        if not _active(row):
            continue
        where = {"window": window["key"], "division": row["code"]}
        table.rows.append([label(f"{row['code']} {row['label']}"), *_opportunity_cells(row, fmt, drill, **where)])
    return table


def mission_opportunities_table(figures: dict[str, Any], fmt: Formatter, drill: Drill = no_drill) -> Table | None:
    rows = figures["missions"]
    if not all(_has_opportunity_figures(row) for row in rows):
        return None
    window = figures["breakdown_window"]
    table = Table(
        "mission-opportunities", "Opportunities, bids and awards per council mission", ["Mission", *OPPORTUNITY_HEAD]
    )
    table.definition = BREAKDOWNS["opportunities"]
    for row in rows:
        where = {"window": window["key"], "mission": row["id"] if row["id"] is not None else "none"}
        table.rows.append([label(row["name"]), *_opportunity_cells(row, fmt, drill, **where)])
    return table


def _tables(**tables: Table | None) -> dict[str, Table]:
    return {key: table for key, table in tables.items() if table is not None}


def funnel_chart(figures: dict[str, Any], fmt: Formatter, drill: Drill = no_drill) -> Chart:
    window = figures["breakdown_window"]
    head = ["Step", *GROUP_HEADINGS.values(), "Conversion"]
    table = Table("funnel", "Engagement funnel", head, definition=BREAKDOWNS["funnel"])
    steps = figures["funnel"]
    for index, step in enumerate(steps):
        counts = step["counts"]
        if step["unit"] in ("notices", "opportunities"):
            cells = [fmt.count(counts["total"], drill(step["unit"], window=window["key"]))]
            cells += [Cell("–") for _ in list(GROUP_HEADINGS)[1:]]
        else:
            cells = [
                fmt.count(counts[group], drill("step", window=window["key"], step=step["key"], group=group))
                if group == "total"
                else fmt.count_with_share(
                    counts[group],
                    counts["total"],
                    drill("step", window=window["key"], step=step["key"], group=group),
                )
                for group in GROUP_HEADINGS
            ]
        table.rows.append([label(step["label"]), *cells, _conversion(step, steps[index - 1] if index else None)])
    svg = charts.bar_chart(
        [step["label"] for step in steps],
        [step["counts"]["total"] for step in steps],
        name="Count",
        labelled_by="chart-funnel-title",
    )
    return Chart("funnel", table.caption, _funnel_summary(steps, window), svg, table)


def _conversion(step: dict[str, Any], previous: dict[str, Any] | None) -> Cell:
    rate = step["conversion"]["total"]
    if previous is None or rate is None:
        return Cell("–")
    if previous["unit"] in ("notices", "opportunities"):
        return Cell(f"{rate:.2f} per {previous['unit'][:-1]}", rate)
    return Cell(f"{rate:.1f}% of previous step", rate)


def _funnel_summary(steps: list[dict[str, Any]], window: dict[str, Any]) -> str:
    notices = steps[0]["counts"]["total"]
    unit = steps[0]["unit"]
    if not notices:
        return f"No {unit} were published ({window['label'].lower()})."
    parts = []
    for step in steps[1:]:
        counts = step["counts"]
        text = f"{step['label'].lower()}: {counts['total']:,}"
        if counts["total"]:
            text += (
                " ("
                + ", ".join(
                    f"{GROUP_HEADINGS[group]} {100 * counts[group] / counts['total']:.0f}%" for group in SHARE_GROUPS
                )
                + ")"
            )
        parts.append(text)
    return f"{notices:,} {unit} published ({window['label'].lower()}). For those {unit}, " + "; ".join(parts) + "."


def missions_table(figures: dict[str, Any], fmt: Formatter, drill: Drill = no_drill) -> Table:
    window = figures["breakdown_window"]
    head = ["Mission", "Notices", "Registrations of interest", "Suppliers who attended events", "Questions"]
    table = Table("missions", "By council mission", head, definition=BREAKDOWNS["missions"])
    for row in figures["missions"]:
        mission = row["id"] if row["id"] is not None else "none"
        table.rows.append(
            [
                label(row["name"]),
                fmt.count(row["notices"], drill("notices", window=window["key"], mission=mission)),
                fmt.count(row["interest"], drill("interest", window=window["key"], mission=mission)),
                fmt.count(row["attended"], drill("attended", window=window["key"], mission=mission)),
                fmt.count(row["questions"], drill("questions", window=window["key"], mission=mission)),
            ]
        )
    return table


def public_page(figures: dict[str, Any], series: list[dict[str, Any]]) -> dict[str, Any]:
    fmt = Formatter(public=True)
    return {
        "cards": headline_cards(figures, fmt),
        "tables": _tables(
            headline=headline_table(figures, fmt),
            category_opportunities=category_opportunities_table(figures, fmt),
        ),
        "charts": [trend_chart(series, fmt), wards_chart(figures, fmt), categories_chart(figures, fmt)],
        "figure_definitions": FIGURES,
    }


def admin_page(figures: dict[str, Any], series: list[dict[str, Any]], drill: Drill) -> dict[str, Any]:
    fmt = Formatter(public=False)
    return {
        "cards": headline_cards(figures, fmt),
        "tables": _tables(
            headline=headline_table(figures, fmt, drill),
            groups=groups_table(figures, fmt, drill),
            missions=missions_table(figures, fmt, drill),
            category_opportunities=category_opportunities_table(figures, fmt, drill),
            mission_opportunities=mission_opportunities_table(figures, fmt, drill),
        ),
        "charts": [
            trend_chart(series, fmt),
            new_profiles_chart(series, fmt),
            funnel_chart(figures, fmt, drill),
            wards_chart(figures, fmt, drill),
            categories_chart(figures, fmt, drill),
        ],
        "figure_definitions": FIGURES,
    }


def find_table(page: dict[str, Any], key: str) -> Table | None:
    for chart in page["charts"]:
        if chart.key == key:
            return chart.table
    return next((table for table in page["tables"].values() if table.key == key), None)
