"""Markdown that people type, rendered safely: no raw HTML in, a sanitised allow-list out."""

from __future__ import annotations

import re
from collections.abc import Callable

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

_parser = MarkdownIt("commonmark", {"html": False, "linkify": False}).disable(["image"])
_TAGS = {"p", "ul", "ol", "li", "strong", "em", "a", "h3", "h4", "blockquote", "code", "pre", "br"}
_ATTRIBUTES = {"a": {"href"}}


def _govuk_classes(html: str) -> str:
    # Style the allowed elements like the rest of the page.
    return (
        html.replace("<p>", '<p class="govuk-body">')
        .replace("<ul>", '<ul class="govuk-list govuk-list--bullet">')
        .replace("<ol>", '<ol class="govuk-list govuk-list--number">')
        .replace("<a href", '<a class="govuk-link" href')
        .replace("<h3>", '<h3 class="govuk-heading-s">')
        .replace("<h4>", '<h4 class="govuk-heading-s">')
    )


def render_markdown(text: str | None) -> Markup:
    if not text:
        return Markup("")
    html = _parser.render(text)
    clean = nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return Markup(_govuk_classes(clean))


# Long-form content (guides): headings from level 2 (the page's h1 is the title), tables and images whose
# source the caller resolves (an image must be one the service stores: anything else is left out).
_rich_parser = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
_RICH_TAGS = _TAGS | {"h2", "table", "thead", "tbody", "tr", "th", "td", "img"}
_RICH_ATTRIBUTES = {"a": {"href"}, "img": {"src", "alt"}, "h2": {"id"}, "h3": {"id"}}
_SLUG = re.compile(r"[^a-z0-9]+")


def heading_id(text: str) -> str:
    return _SLUG.sub("-", text.lower()).strip("-") or "section"


def _rich_tokens(text: str, image_src: Callable[[str], str | None]):
    tokens = _rich_parser.parse(text)
    used: dict[str, int] = {}
    for index, token in enumerate(tokens):
        if token.type in ("heading_open", "heading_close"):
            level = min(max(int(token.tag[1]) + (1 if token.tag == "h1" else 0), 2), 4)
            token.tag = f"h{level}"
            if token.type == "heading_open" and level <= 3:
                base = heading_id(tokens[index + 1].content)
                used[base] = used.get(base, 0) + 1
                token.attrSet("id", base if used[base] == 1 else f"{base}-{used[base]}")
        for child in token.children or []:
            if child.type == "image":
                source = image_src(str(child.attrGet("src") or ""))
                if source is None:
                    child.type, child.tag, child.content = "text", "", child.content
                    child.children = None
                else:
                    child.attrSet("src", source)
    return tokens


def image_sources(text: str | None) -> list[str]:
    """Every image source the Markdown names (to check each is one the service stores)."""
    found: list[str] = []
    for token in _rich_parser.parse(text or ""):
        found += [str(c.attrGet("src") or "") for c in token.children or [] if c.type == "image"]
    return found


def headings(text: str | None) -> list[tuple[str, str]]:
    """(id, text) of each level-2 heading as rendered, for a contents list."""
    tokens = _rich_tokens(text or "", lambda src: None)
    return [
        (str(token.attrGet("id")), tokens[index + 1].content)
        for index, token in enumerate(tokens)
        if token.type == "heading_open" and token.tag == "h2"
    ]


def render_rich_markdown(text: str | None, *, image_src: Callable[[str], str | None]) -> Markup:
    if not text:
        return Markup("")
    html = _rich_parser.renderer.render(_rich_tokens(text, image_src), _rich_parser.options, {})
    clean = nh3.clean(
        html,
        tags=_RICH_TAGS,
        attributes=_RICH_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return Markup(
        _govuk_classes(clean)
        .replace("<h2", '<h2 class="govuk-heading-m"')
        .replace("<h3 id", '<h3 class="govuk-heading-s" id')
        .replace("<table>", '<table class="govuk-table">')
        .replace("<tr>", '<tr class="govuk-table__row">')
        .replace("<th>", '<th scope="col" class="govuk-table__header">')
        .replace("<td>", '<td class="govuk-table__cell">')
        .replace("<thead>", '<thead class="govuk-table__head">')
        .replace("<tbody>", '<tbody class="govuk-table__body">')
        .replace("<img ", '<img class="app-guide-image" ')
    )
