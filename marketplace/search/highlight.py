"""HTML-safe snippets with <mark> around the words that matched.

Whoosh's highlighter re-analyses every field of every hit and returns ""
when the match was in a different field; at 20 hits a page that was a large
share of the query time.  Here each text field is scanned once with the
same analysis as the index, so "cleaners" marks "cleaning".  Everything that
is not a <mark> tag is escaped: profile text is user content and may contain
markup.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape
from typing import Any

from marketplace.search.analysis import iter_word_spans, stem_word
from marketplace.search.schema import DocType

SNIPPET_CHARS = 220
MAX_LIST_ITEMS = 4
MAX_SNIPPETS = 3  # besides the title fields (name, trading name)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


def _mark(text: str, spans: list[tuple[int, int]]) -> str:
    if "\x00" in text or "\x01" in text:
        out = []
        pos = 0
        for start, end in spans:
            out.append(escape(text[pos:start]))
            out.append(f"<mark>{escape(text[start:end])}</mark>")
            pos = end
        out.append(escape(text[pos:]))
        return "".join(out)
    # The same, escaped in one call (escaping is per character): the tags go in as two characters escaping
    # leaves alone, which the text lacks, and replace them afterwards.
    out = []
    pos = 0
    for start, end in spans:
        out += (text[pos:start], "\x00", text[start:end], "\x01")
        pos = end
    out.append(text[pos:])
    return escape("".join(out)).replace("\x00", "<mark>").replace("\x01", "</mark>")


@lru_cache(maxsize=256)
def _candidates(terms: frozenset[str]) -> re.Pattern[str]:
    """Words that could stem to one of `terms`.  A stem shares all but its
    last two letters with its word ("communiti" <- "community", "care" <-
    "carer"), so only words starting that way are stemmed.  Rare irregular
    stems ("die" <- "dying") merely lose their highlight."""
    probes = sorted({t[: max(2, len(t) - 2)] for t in terms}, key=len, reverse=True)
    alternatives = "|".join(re.escape(p) for p in probes)
    return re.compile(rf"(?<![^\W_])(?<!')(?:{alternatives})[^\W_]*(?:'[^\W_]+)*", re.IGNORECASE)


def _matches(text: str, terms: frozenset[str]) -> list[tuple[int, int]]:
    if not text.isascii():  # accents may hide a prefix: analyse every word
        return [(s, e) for s, e, term in iter_word_spans(text) if term in terms]
    return [m.span() for m in _candidates(terms).finditer(text) if stem_word(m.group().lower()) in terms]


def _window(text: str, spans: list[tuple[int, int]]) -> tuple[int, int]:
    """The SNIPPET_CHARS-long window holding the most matches, widened to
    word boundaries."""
    if len(text) <= SNIPPET_CHARS:
        return 0, len(text)
    best_start, best_count = spans[0][0], 0
    for i, (start, _) in enumerate(spans):
        count = sum(1 for s, e in spans[i:] if e <= start + SNIPPET_CHARS)
        if count > best_count:
            best_start, best_count = start, count
    begin = max(0, best_start - 40)
    if begin:
        space = text.rfind(" ", 0, begin + 1)
        begin = space + 1 if space >= 0 else begin
    end = min(len(text), begin + SNIPPET_CHARS)
    if end < len(text):
        space = text.rfind(" ", begin, end)
        end = space if space > best_start else end
    return begin, end


def text_snippet(text: str, terms: frozenset[str]) -> str | None:
    spans = _matches(text, terms)
    if not spans:
        return None
    begin, end = _window(text, spans)
    inside = [(s - begin, e - begin) for s, e in spans if s >= begin and e <= end]
    body = _mark(text[begin:end], inside)
    return ("…" if begin else "") + body + ("…" if end < len(text) else "")


def list_snippet(items: list[str], terms: frozenset[str]) -> str | None:
    marked = []
    for item in items:
        spans = _matches(item, terms)
        if spans:
            marked.append(_mark(item, spans))
    if not marked:
        return None
    more = "…" if len(marked) > MAX_LIST_ITEMS else ""
    return ", ".join(marked[:MAX_LIST_ITEMS]) + more


def first_sentence(text: str) -> str:
    return _SENTENCE_END.split(text.strip(), maxsplit=1)[0] if text else ""


def highlights(
    texts: dict[str, Any], doctype: DocType, terms: frozenset[str], absent: frozenset[str] = frozenset()
) -> dict[str, str] | None:
    """Snippets keyed by document field ("categories.label" -> "categories"); None if a path in
    `absent` (texts the caller has not loaded) would be read."""
    out: dict[str, str] = {}
    if terms:
        for path in doctype.highlight_fields:
            if path in absent:
                return None
            value = texts.get(path)
            if not value:
                continue
            if isinstance(value, list):
                snippet = list_snippet([str(v) for v in value], terms)
            else:
                snippet = text_snippet(str(value), terms)
            if snippet:
                out[path.partition(".")[0]] = snippet
                if len(set(out) - set(doctype.title_fields)) >= MAX_SNIPPETS:
                    break
    if not set(out) - set(doctype.title_fields):
        if doctype.fallback_field in absent:
            return None
        fallback = first_sentence(str(texts.get(doctype.fallback_field) or ""))
        if fallback:
            out[doctype.fallback_field] = escape(fallback)
    return out
