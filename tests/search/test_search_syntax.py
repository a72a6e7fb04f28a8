"""Quoted phrases, OR, exclusions, and queries buyers type by accident."""

from __future__ import annotations

import time

import pytest

from marketplace.search import query as q
from tests.search.conftest import ids, search


def test_words_are_all_required(index):
    assert ids(index, "window gutter") == ["windows"]
    assert ids(index, "window youth") == []


def test_a_quoted_phrase_must_appear_in_that_order(index):
    assert set(ids(index, '"estate cleaning"')) == {"northside", "evergreen"}
    assert ids(index, '"cleaning estate"') == []


def test_a_phrase_ignores_common_words_between_its_words(index):
    assert "dampsolutions" in ids(index, '"damp and mould"')


def test_or_finds_either_word(index):
    assert set(ids(index, "youth OR catering")) == {"brightside", "kilburnkitchen", "meals"}


def test_a_vertical_bar_means_or(index):
    assert set(ids(index, "youth | catering")) == set(ids(index, "youth OR catering"))


def test_lower_case_or_is_an_ordinary_common_word(index):
    assert ids(index, "youth or catering") == []


def test_a_minus_excludes_a_word(index):
    found = ids(index, "estate -cleaning")
    assert "artsestate" in found
    assert "northside" not in found


def test_a_minus_excludes_a_phrase(index):
    assert "northside" not in ids(index, 'estate -"estate cleaning"')


def test_not_excludes_the_next_word(index):
    assert set(ids(index, "estate NOT cleaning")) == set(ids(index, "estate -cleaning"))


def test_only_exclusions_returns_everything_else(index, docs):
    assert len(ids(index, "-cleaning")) == len(docs) - len(ids(index, "cleaning"))


def test_empty_search_returns_every_supplier(index, docs):
    result = search(index, "")
    assert result.total == len(docs)
    assert result.query_error is None


MALFORMED = [
    '"unbalanced phrase',
    '"',
    '""',
    "OR",
    "OR OR AND NOT",
    "-",
    "--",
    "|||",
    "*",
    "***",
    "name:cleaning",
    "clean*",
    "(cleaning",
    "cleaning)",
    ":",
    "\\",
    "%",
    "'",
    "?",
    "~1",
    "cleaning^3",
    "x" * 10_000,
    "cleaning " * 2_000,
    "café",
    "日本語",
    "🧹 cleaning",
    "\x00\x01",
    "<script>alert(1)</script>",
    "\u202eevil",
    "𝔠𝔩𝔢𝔞𝔫𝔦𝔫𝔤",
    "NOT",
    '-"estate cleaning',
    "estate AND AND cleaning",
    "a b c d e f g h i j k l m n o p q r s t u v w x y z",
]


@pytest.mark.parametrize("text", MALFORMED, ids=[repr(t[:20]) for t in MALFORMED])
def test_malformed_searches_never_fail(index, text):
    started = time.perf_counter()
    result = search(index, text)
    assert result.total >= 0
    assert time.perf_counter() - started < 1.0


def test_field_syntax_is_treated_as_words(index):
    assert ids(index, "name:cleaning") == ids(index, "name cleaning")


def test_an_unclosed_quote_searches_the_rest_as_a_phrase_and_says_so(index):
    result = search(index, '"estate cleaning')
    assert {h.id for h in result.hits} == {"northside", "evergreen"}
    assert result.query_error == q.MSG_QUOTE


def test_only_common_words_shows_everything_with_a_message(index, docs):
    result = search(index, "the and of")
    assert result.total == len(docs)
    assert result.query_error == q.MSG_COMMON


@pytest.mark.parametrize("text", ["*** | OR", "😀", "OR", "-", "*", "x" * 3000])
def test_nothing_searchable_finds_nothing_and_says_so(index, text):
    result = search(index, text)
    assert result.total == 0 and not result.hits
    assert result.query_error == q.MSG_NO_WORDS


def test_a_very_long_search_uses_its_beginning_and_says_so(index):
    result = search(index, "estate cleaning " + "x" * 10_000)
    assert result.hits[0].id == "northside"
    assert q.MSG_TOO_LONG in result.query_error


def test_fancy_unicode_letters_are_read_as_plain_letters(index):
    assert ids(index, "𝔠𝔩𝔢𝔞𝔫𝔦𝔫𝔤") == ids(index, "cleaning")


def test_did_you_mean_corrects_a_misspelt_word(index):
    result = search(index, "estate cleening")
    assert result.total == 0
    assert result.suggestion == "estate cleaning"


def test_did_you_mean_is_silent_when_the_spelling_is_right(index):
    assert search(index, "estate cleaning").suggestion is None


def test_did_you_mean_only_suggests_searches_that_have_results(index):
    # "cleening" -> "cleaning" exists, but no cleaner is based in Frognal.
    result = search(index, "cleening", filters={"wards": ["frognal"]})
    assert result.suggestion is None


def test_did_you_mean_fixes_a_missing_letter(index):
    assert search(index, "plumbng").suggestion == "plumbing"
