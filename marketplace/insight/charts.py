"""Charts drawn on the server as SVG by pygal, readable without JavaScript and allowed by the page's
Content Security Policy.

pygal puts its CSS in a `<style>` element inside the SVG and hides its (JavaScript) tooltips with `style=`
attributes. The policy allows no inline style it has not been told about, so each chart's `<style>` is
allowed by the hash of its text (the Nu HTML Checker refuses a nonce attribute on SVG's `<style>`),
`style=` attributes become presentation attributes (`opacity="0"`), and no script is included.
Rendering is cached by the chart's data.

Colours are GOV.UK palette colours with at least 3:1 contrast against white (WCAG 1.4.11), and never carry
meaning alone: each line has its own dash pattern and marker, the legend names every series, and every chart
comes with a text summary and a table of its numbers.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import pygal
from markupsafe import Markup
from pygal.etree import etree as ElementTree
from pygal.style import Style

from marketplace.security import allow_inline_style

FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
TEXT, SUBTLE = "#0b0c0c", "#505a5f"

# Each supplier group looks the same in every chart: (colour, dash pattern, marker size).
LOOKS = {
    "sme": ("#1d70b8", None, 4),  # blue, solid
    "vcse": ("#4c2c92", "12, 6", 5),  # purple, long dashes
    "local": ("#00703c", "4, 4", 6),  # green, short dashes, large markers
    "total": ("#0b0c0c", "1, 6", 3),  # black, dotted
    "other": ("#505a5f", "8, 4, 2, 4", 3),  # grey, dash-dot
}
BAR_COLOUR = "#1d70b8"


def _style(colours: tuple[str, ...]) -> Style:
    return Style(
        colors=colours,
        background="#ffffff",
        plot_background="#ffffff",
        foreground=TEXT,
        foreground_strong=TEXT,
        foreground_subtle=SUBTLE,
        font_family=FONT,
        label_font_size=14,
        major_label_font_size=14,
        value_font_size=14,
        legend_font_size=16,
        title_font_size=18,
        opacity="1",
        opacity_hover="1",
        stroke_opacity="1",
        stroke_opacity_hover="1",
        stroke_width="3",
        stroke_width_hover="3",
        guide_stroke_color="#b1b4b6",
        major_guide_stroke_color="#b1b4b6",
        value_colors=(TEXT,),
        transition="0s",
    )


BAR_STYLE = _style((BAR_COLOUR,))

# SVG presentation attributes a `style=` declaration may become (the rest are dropped).
PRESENTATION = {
    "opacity",
    "fill",
    "fill-opacity",
    "stroke",
    "stroke-opacity",
    "stroke-width",
    "stroke-dasharray",
    "stroke-linecap",
    "stroke-linejoin",
    "display",
}


@dataclass(frozen=True)
class Line:
    name: str
    values: tuple[float | None, ...]
    look: str  # a key of LOOKS


def _csp_safe(root):
    """pygal's xml_filter: no style attributes, no script, no comments, every rect sized."""
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.endswith("rect"):
            # pygal leaves out a zero-sized bar's width or height, which SVG requires (the HTML checker says so)
            element.set("width", element.get("width") or "0")
            element.set("height", element.get("height") or "0")
        declarations = element.attrib.pop("style", None)
        for declaration in (declarations or "").split(";"):
            name, _, value = declaration.partition(":")
            if name.strip() in PRESENTATION and value.strip():
                element.set(name.strip(), value.strip())
    for parent in list(root.iter()):
        for child in list(parent):
            if not isinstance(child.tag, str) or child.tag.endswith("script"):
                parent.remove(child)
    root.set("role", "img")
    root.set("focusable", "false")
    return root


def _config(**options) -> dict:
    return {
        "js": [],
        "disable_xml_declaration": True,
        "show_title": False,
        "legend_at_bottom": True,
        "legend_at_bottom_columns": 4,
        "truncate_legend": -1,
        "truncate_label": -1,
        "margin": 12,
        "margin_bottom": 24,
        **options,
    }


@lru_cache(maxsize=256)
def _line_svg(labels: tuple[str, ...], lines: tuple[Line, ...], percent: bool, label_every: int) -> str:
    chart = pygal.Line(
        **_config(
            width=800,
            height=420,
            range=(0, 100) if percent else None,
            include_x_axis=True,
            x_labels_major_every=label_every,
            show_minor_x_labels=False,
            value_formatter=(lambda value: f"{value:.0f}%") if percent else (lambda value: f"{value:,.0f}"),
            dots_size=4,
            margin_right=80,  # room for each line's name at its end
            style=_style(tuple(LOOKS[line.look][0] for line in lines)),
        )
    )
    chart.add_xml_filter(_csp_safe)
    chart.add_xml_filter(_names_at_line_ends(lines))
    chart.x_labels = list(labels)
    for line in lines:
        _, dashes, dot = LOOKS[line.look]
        stroke = {"width": 3, "dasharray": dashes} if dashes else {"width": 3}
        chart.add(line.name, list(line.values), stroke_style=stroke, dots_size=dot)
    return chart.render(is_unicode=True)


def _names_at_line_ends(lines: tuple[Line, ...]):
    """Write each line's name beside its last point, in its colour (all GOV.UK text colours here pass 4.5:1),
    so no one has to match colours with the legend."""

    def name_lines(root):
        svg = root.tag[: -len("svg")]
        ends = []  # (y, x, group element, line)
        for element in root.iter():
            classes = (element.get("class") or "").split() if isinstance(element.tag, str) else []
            serie = next((c for c in classes if c.startswith("serie-")), None)
            if "series" not in classes or serie is None or int(serie[len("serie-") :]) >= len(lines):
                continue
            dots = [child for child in element.iter() if isinstance(child.tag, str) and child.tag.endswith("circle")]
            if dots:
                last = dots[-1]
                y, x = float(last.get("cy", "0")), float(last.get("cx", "0"))
                ends.append([y, x, element, lines[int(serie[len("serie-") :])]])
        ends.sort(key=lambda end: end[0])
        for before, after in zip(ends, ends[1:]):  # keep names at least a line apart
            after[0] = max(after[0], before[0] + 17)
        for y, x, element, line in ends:
            label = ElementTree.SubElement(
                element,
                f"{svg}text",
                {
                    "x": f"{x + 10:.1f}",
                    "y": f"{y + 5:.1f}",
                    "fill": LOOKS[line.look][0],
                    "class": "app-line-name",
                    "font-size": "15",
                    "font-weight": "700",
                },
            )
            label.text = line.name
        return root

    return name_lines


def _values_beside_bars(root):
    """pygal centres each bar's value on the bar's end, half over the bar: start it just after the end."""
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.endswith("text") and element.get("class") == "value":
            element.set("text-anchor", "start")
            element.set("x", f"{float(element.get('x', '0')) + 6:.1f}")
    return root


@lru_cache(maxsize=256)
def _bar_svg(labels: tuple[str, ...], values: tuple[float | None, ...], name: str, percent: bool) -> str:
    # pygal draws the first label at the bottom: reverse, so the chart reads top-down like its table.
    labels, values = labels[::-1], values[::-1]
    largest = max((value for value in values if value is not None), default=0) or 1
    chart = pygal.HorizontalBar(
        **_config(
            width=800,
            height=max(160, 40 + 34 * len(labels)),
            show_legend=False,
            range=(0, largest * 1.12),  # room for the value printed after the longest bar
            print_values=True,
            print_values_position="top",
            value_formatter=(lambda value: f"{value:.1f}%") if percent else (lambda value: f"{value:,.0f}"),
            style=BAR_STYLE,
        )
    )
    chart.add_xml_filter(_csp_safe)
    chart.add_xml_filter(_values_beside_bars)
    chart.x_labels = list(labels)
    chart.add(name, list(values))
    return chart.render(is_unicode=True)


def _with_nonce(svg: str, labelled_by: str) -> Markup:
    """The chart for this page: its <style> allowed by hash, its legend ids unique on a page of several charts."""

    def plain_css(match: re.Match) -> str:
        # Child selectors come escaped (`&gt;`); a bare `>` is valid here and makes the text the same whoever
        # parses it, so the hash matches what the browser computes.
        css = html.unescape(match.group(2))
        allow_inline_style(css)
        return f"{match.group(1)}{css}</style>"

    svg = re.sub(r"(<style[^>]*>)(.*?)</style>", plain_css, svg, flags=re.S)
    chart_id = re.search(r'<svg[^>]* id="([^"]+)"', svg)
    if chart_id:
        svg = svg.replace('id="activate-serie-', f'id="{chart_id.group(1)}-activate-serie-')
    svg = svg.replace("<svg ", f'<svg aria-labelledby="{labelled_by}" ', 1)
    return Markup(svg)


def line_chart(
    labels: Sequence[str], lines: Sequence[Line], *, labelled_by: str, percent: bool = True, label_every: int = 3
) -> Markup | None:
    """None when there is nothing to draw (every value missing or suppressed)."""
    if all(value is None for line in lines for value in line.values):
        return None
    return _with_nonce(_line_svg(tuple(labels), tuple(lines), percent, label_every), labelled_by)


def bar_chart(
    labels: Sequence[str], values: Sequence[float | None], *, name: str, labelled_by: str, percent: bool = False
) -> Markup | None:
    """None when there is nothing to draw (every value missing or suppressed)."""
    if all(value is None for value in values):
        return None
    return _with_nonce(_bar_svg(tuple(labels), tuple(values), name, percent), labelled_by)
