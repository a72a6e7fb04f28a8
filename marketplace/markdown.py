"""Markdown that people type, rendered safely: no raw HTML in, a sanitised allow-list out."""

from __future__ import annotations

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
