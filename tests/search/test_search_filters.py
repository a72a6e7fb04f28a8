"""Filters (OR within a filter, AND across filters) and facet counts."""

from __future__ import annotations

from typing import Any

from tests.search.conftest import ids, search


def _values(doc: dict[str, Any], name: str) -> set[str]:
    """Oracle: a document's values for a filter, computed from the corpus."""
    if name == "categories":
        codes = {c["code"] for c in doc["categories"]}
        return codes | {c[:n] for c in codes for n in range(2, len(c))}
    if name == "framework_lots":
        return {lot["id"] for lot in doc["framework_lots"]}
    value = doc[name]
    if isinstance(value, bool):
        return {"true" if value else "false"}
    return set(value) if isinstance(value, list) else {value}


def _matching(docs: list[dict[str, Any]], filters: dict[str, list[str]]) -> list[dict[str, Any]]:
    return [d for d in docs if all(_values(d, k) & set(v) for k, v in filters.items())]


def _expected_counts(docs, filters, facet):
    others = {k: v for k, v in filters.items() if k != facet}
    counts: dict[str, int] = {}
    for doc in _matching(docs, others):
        for value in _values(doc, facet):
            counts[value] = counts.get(value, 0) + 1
    return counts


def test_values_of_one_filter_are_alternatives(index, docs):
    filters = {"wards": ["kilburn", "belsize"]}
    assert set(ids(index, filters=filters)) == {d["id"] for d in _matching(docs, filters)}
    assert {"northside", "plumbers"} <= set(ids(index, filters=filters))


def test_different_filters_must_all_match(index, docs):
    filters = {"wards": ["kilburn", "gospel-oak"], "declarations": ["vcse"]}
    assert set(ids(index, filters=filters)) == {"kilburnkitchen", "voice", "artsestate"}


def test_filters_combine_with_search_words(index):
    # Pest Pros matches through its category label "...refuse, cleaning and...".
    assert set(ids(index, "cleaning", filters={"wards": ["kilburn"]})) == {"northside", "pestpros"}


def test_a_filter_value_nobody_has_returns_nothing(index):
    assert search(index, filters={"wards": ["atlantis"]}).total == 0


def test_a_category_division_includes_suppliers_listed_under_its_groups(index):
    # Decorating Direct only lists group 451; division 45 must still find it.
    assert "decorators" in ids(index, filters={"categories": ["45"]})


def test_yes_no_filters_use_true_and_false(index, docs):
    assert set(ids(index, filters={"is_sme": ["false"]})) == {"harbour", "evergreen"}
    assert set(ids(index, filters={"is_sme": [True]})) == {d["id"] for d in docs if d["is_sme"]}


def test_facet_counts_cover_every_value_with_the_other_filters_applied(index, docs):
    filters = {"wards": ["kilburn"], "size_band": ["micro", "small"]}
    result = search(index, filters=filters, facets=["wards", "size_band", "declarations"])
    for facet in ("wards", "size_band", "declarations"):
        expected = _expected_counts(docs, filters, facet)
        got = {k: v for k, v in result.facets[facet].items() if v}
        assert got == expected, facet


def test_a_ticked_ward_still_shows_counts_for_the_other_wards(index, docs):
    result = search(index, filters={"wards": ["kilburn"]}, facets=["wards"])
    assert result.facets["wards"]["belsize"] == sum("belsize" in d["wards"] for d in docs)
    assert result.total == sum("kilburn" in d["wards"] for d in docs)


def test_facet_counts_follow_the_search_words(index):
    result = search(index, "cleaning", facets=["declarations", "size_band"])
    assert sum(result.facets["size_band"].values()) == result.total
    assert result.facets["declarations"].get("vcse", 0) == 0


def test_a_selected_value_with_no_results_is_listed_with_zero(index):
    result = search(index, filters={"wards": ["atlantis"]}, facets=["wards"])
    assert result.facets["wards"]["atlantis"] == 0


def test_facet_values_are_listed_most_common_first(index):
    counts = list(search(index, facets=["wards"]).facets["wards"].values())
    assert counts == sorted(counts, reverse=True)


def test_an_unknown_filter_is_ignored_with_a_message(index, docs):
    result = search(index, filters={"colour": ["blue"]})
    assert result.total == len(docs)
    assert "colour" in result.query_error


def test_only_requested_facets_are_counted(index):
    assert set(search(index, facets=["wards"]).facets) == {"wards"}
