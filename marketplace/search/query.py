"""Buyer query syntax: a small, forgiving parser that never raises.

    estate cleaning            both words (AND)
    "estate cleaning"          the phrase
    cleaning OR gardening      either (also `cleaning | gardening`)
    cleaning -window           exclude a word (also -"a phrase", NOT word)

There is deliberately no field syntax, wildcards or grouping: `name:foo`,
`foo*` and `(a)` are just words, because buyers type punctuation by accident
far more often than on purpose.  Problems become a friendly `notes` message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from marketplace.search.analysis import MAX_WORD, analyze

MAX_CHARS = 500
MAX_UNITS = 12

MSG_TOO_LONG = "Your search was very long, so only the first part of it was used."
MSG_TOO_MANY = f"Your search had a lot of words, so only the first {MAX_UNITS} were used."
MSG_QUOTE = "A quotation mark was not closed, so the rest of your search was treated as a phrase."
MSG_COMMON = (
    "Your search only had very common words (such as ‘the’ or ‘and’), "
    "so all results are shown. Try a more specific word."
)
MSG_JUNK = "Some words were too long to search for, so they were ignored."
MSG_NO_WORDS = "Your search did not contain any words we could search for. Search for a word, for example ‘cleaning’."

_TOKEN_RE = re.compile(r'-*"[^"]*"?|\||[^\s"|]+')
_HYPHENATED = re.compile(r"^[^\W_]+(?:-[^\W_]+)+$")


@dataclass(frozen=True)
class Unit:
    """A word (one term) or a phrase (several terms, matched by position)."""

    terms: tuple[str, ...]
    surface: str  # as typed, for "did you mean"

    @property
    def is_phrase(self) -> bool:
        return len(self.terms) > 1


@dataclass
class ParsedQuery:
    clauses: list[list[Unit]] = field(default_factory=list)  # AND of OR-groups
    excluded: list[Unit] = field(default_factory=list)
    proximity: list[tuple[str, str]] = field(default_factory=list)  # adjacent words, for a bonus
    notes: list[str] = field(default_factory=list)
    # Something was typed but none of it can be searched for (emoji, punctuation, one junk "word"):
    # the search finds nothing and says why, rather than showing everything as if nothing was typed.
    nothing_searchable: bool = False

    @property
    def match_all(self) -> bool:
        return not self.clauses

    def positive_terms(self) -> set[str]:
        return {t for clause in self.clauses for unit in clause for t in unit.terms}


def _units_for(token: str) -> list[Unit]:
    """Units for one bare token; "re-use" stays a phrase, "name:foo" two words."""
    terms = analyze(token)
    if len(terms) > 1 and _HYPHENATED.match(token.strip("-+")):
        return [Unit(tuple(terms), token)]
    words = re.findall(r"[^\W_]+(?:'[^\W_]+)*", token)
    if len(words) == len(terms):
        return [Unit((t,), w) for t, w in zip(terms, words)]
    return [Unit((t,), t) for t in terms]


def parse(text: str) -> ParsedQuery:
    query = ParsedQuery()
    text = "".join(ch if ch.isprintable() else " " for ch in (text or ""))
    if not text.strip():
        return query
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS]
        query.notes.append(MSG_TOO_LONG)
    had_words = False
    stop_only = False
    pending_or = False
    negate_next = False
    previous_word: Unit | None = None
    for token in _TOKEN_RE.findall(text):
        if token in ("|", "OR"):
            pending_or = bool(query.clauses)
            previous_word = None
            continue
        if token == "AND":
            continue
        if token == "NOT":
            negate_next = True
            continue
        negate = negate_next or (token.startswith("-") and len(token.lstrip("-")) > 0)
        negate_next = False
        body = token.lstrip("-") if token.startswith("-") else token
        if body.startswith('"'):
            if not body.endswith('"') or len(body) == 1:
                query.notes.append(MSG_QUOTE)
            terms = analyze(body.strip('"'))
            units = [Unit(tuple(terms), body.strip('"'))] if terms else []
            is_phrase = True
        else:
            units = _units_for(body)
            is_phrase = False
        if re.search(r"[^\W_]", body):
            had_words = True
            if not units and any(len(w) > MAX_WORD for w in body.split()):
                if MSG_JUNK not in query.notes:
                    query.notes.append(MSG_JUNK)
            elif not units:
                stop_only = True
        if not units:
            continue
        if negate:
            query.excluded.extend(units)
            pending_or = False
            previous_word = None
            continue
        for unit in units:
            if _unit_count(query) >= MAX_UNITS:
                if MSG_TOO_MANY not in query.notes:
                    query.notes.append(MSG_TOO_MANY)
                break
            if pending_or and query.clauses:
                query.clauses[-1].append(unit)
                pending_or = False
                previous_word = None
                continue
            query.clauses.append([unit])
            if previous_word is not None and not unit.is_phrase and not is_phrase:
                query.proximity.append((previous_word.terms[0], unit.terms[0]))
            previous_word = None if (unit.is_phrase or is_phrase) else unit
    _explain_empty(query, had_words, stop_only)
    return query


def _unit_count(query: ParsedQuery) -> int:
    return sum(len(c) for c in query.clauses) + len(query.excluded)


def _explain_empty(query: ParsedQuery, had_words: bool, stop_only: bool) -> None:
    if query.clauses or query.excluded:
        return
    if stop_only:
        query.notes.append(MSG_COMMON)
        return
    query.nothing_searchable = True
    query.notes[:] = [MSG_NO_WORDS]
