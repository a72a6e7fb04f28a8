"""Highlighted snippets are safe HTML with the matched words marked."""

from __future__ import annotations

from marketplace.search.highlight import SNIPPET_CHARS, text_snippet
from tests.search.conftest import search


def _hit(index, text, supplier_id):
    return next(h for h in search(index, text, page_size=100).hits if h.id == supplier_id)


def test_matched_words_are_marked_in_the_summary(index):
    hit = _hit(index, "estate cleaning", "northside")
    assert hit.highlights["summary"].startswith("<mark>Estate</mark> <mark>cleaning</mark> and")


def test_marks_follow_stemming(index):
    hit = _hit(index, "cleaner", "sparkle")
    assert "<mark>cleaners</mark>" in hit.highlights["summary"]
    assert "<mark>cleaning</mark>" in hit.highlights["services"]


def test_user_content_is_escaped(index):
    hit = _hit(index, "websites", "scripty")
    html = "".join(hit.highlights.values())
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html
    assert "<mark>websites</mark>" in html


def test_a_supplier_name_with_markup_is_escaped(index):
    hit = _hit(index, "kiddies", "scripty")
    assert hit.highlights["name"] == "Script &lt;<mark>Kiddies</mark>&gt; &amp; Co"


def test_a_match_only_in_another_field_falls_back_to_the_first_sentence_of_the_summary(index):
    # Evergreen matches "retrofit" only through its framework lot.
    hit = _hit(index, "retrofit", "evergreen")
    assert "<mark>retrofit</mark>" in hit.highlights["framework_lots"]
    hit = _hit(index, "", "northside")
    assert hit.highlights == {"summary": "Estate cleaning and caretaking for council housing estates in north London."}


def test_a_name_only_match_still_shows_the_summary(index):
    hit = _hit(index, "harbour", "harbour")
    assert "<mark>Harbour</mark>" in hit.highlights["name"]
    assert hit.highlights["summary"] == "Manned guarding, concierge and CCTV monitoring."


def test_long_text_is_cut_around_the_matches():
    text = ("Filler words here. " * 30) + "We do estate cleaning daily. " + ("More filler. " * 30)
    snippet = text_snippet(text, frozenset({"estat", "clean"}))
    assert "<mark>estate</mark> <mark>cleaning</mark>" in snippet
    assert snippet.startswith("…") and snippet.endswith("…")
    assert len(snippet) < SNIPPET_CHARS + 80


def test_excluded_words_are_not_marked(index):
    hit = _hit(index, "arts -cleaning", "artsestate")
    html = "".join(hit.highlights.values())
    assert "<mark>arts</mark>" in html.lower()
    assert "<mark>clean" not in html.lower()


def test_without_highlights_a_search_returns_the_same_hits_in_one_long_page(index):
    highlighted = search(index, "cleaning", page_size=100)
    bare = search(index, "cleaning", page_size=1_000, highlight=False)
    assert [h.id for h in bare.hits] == [h.id for h in highlighted.hits]
    assert all(h.highlights == {} for h in bare.hits)


def test_highlights_from_documents_match_the_hits(index, docs):
    from marketplace.search.engine import highlight_documents
    from marketplace.suppliers.search_documents import SUPPLIER

    for text in ("estate cleaning", "retrofit", "websites"):
        hits = search(index, text, page_size=100).hits
        by_id = {doc["id"]: doc for doc in docs}
        assert highlight_documents(SUPPLIER, text, {h.id: by_id[h.id] for h in hits}) == {
            h.id: h.highlights for h in hits
        }
