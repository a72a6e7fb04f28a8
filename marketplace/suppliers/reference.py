"""Reference data shipped in marketplace/data: wards, CPV categories, social value themes."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True)
class Category:
    code: str
    label: str
    level: str
    parent: str | None


@lru_cache(maxsize=1)
def wards() -> dict[str, str]:
    """Ward slug → name, in the council's order."""
    data = json.loads((DATA / "wards.json").read_text())
    return {ward["slug"]: ward["name"] for ward in data["wards"]}


@lru_cache(maxsize=64)
def wards_in_district(district: str) -> tuple[str, ...]:
    """The slugs of the wards a postcode district (outward code, like NW5) reaches into."""
    data = json.loads((DATA / "wards.json").read_text())
    return tuple(ward["slug"] for ward in data["wards"] if district in ward.get("outward_codes", ()))


@lru_cache(maxsize=1)
def borough_outward_codes() -> tuple[frozenset[str], frozenset[str]]:
    codes = json.loads((DATA / "wards.json").read_text())["borough_outward_codes"]
    return frozenset(codes["wholly_or_largely"]), frozenset(codes["partial"])


@lru_cache(maxsize=1)
def categories() -> dict[str, Category]:
    with (DATA / "cpv_divisions_groups.csv").open(newline="") as handle:
        return {
            row["code"]: Category(row["code"], row["label"], row["level"], row["parent"] or None)
            for row in csv.DictReader(handle)
        }


def category_label(code: str) -> str:
    category = categories().get(code)
    return category.label if category else code


@lru_cache(maxsize=1)
def social_value_themes() -> dict[str, dict]:
    data = json.loads((DATA / "social_value_themes.json").read_text())
    return {theme["slug"]: theme for theme in data["themes"]}


# Words people search categories with that the CPV labels don't use (the hints' examples must work):
# each maps to the divisions and groups that cover that kind of work.
CATEGORY_SYNONYMS: dict[str, tuple[str, ...]] = {
    "youth": ("853", "80", "92"),
    "youth work": ("853", "80", "92"),
    "young people": ("853", "80", "92"),
    "children": ("853", "801", "80"),
    "child": ("853", "801", "80"),
    "childcare": ("853",),
    "families": ("853", "98"),
    "older people": ("853", "851"),
    "elderly": ("853", "851"),
    "care": ("85", "853", "851"),
    "social care": ("853",),
    "mental health": ("85", "851", "853"),
    "wellbeing": ("85", "92", "98"),
    "community": ("98", "853", "92"),
    "volunteering": ("98", "853"),
    "food": ("15", "55", "555"),
    "cooking": ("555", "55"),
    "gardening": ("77", "773"),
    "landscaping": ("77", "773"),
    "parks": ("77", "773", "90"),
    "building": ("45", "71"),
    "decorating": ("45",),
    "plumbing": ("45", "50"),
    "it": ("72", "48"),
    "software": ("72", "48"),
    "digital": ("72",),
    "website": ("72",),
    "legal": ("79",),
    "marketing": ("79",),
    "consultancy": ("79", "72"),
    "recruitment": ("79",),
    "printing": ("79",),
    "security": ("79",),
    "transport": ("60", "63"),
    "waste": ("90",),
    "recycling": ("90",),
    "sport": ("92", "926"),
    "arts": ("92",),
    "culture": ("92", "925"),
    "events": ("79", "92"),
}


def matching_categories(query: str) -> set[str]:
    """Codes whose label or code matches what was typed, plus the categories its common words name."""
    query = " ".join(query.strip().lower().split())
    if not query:
        return set()
    everything = categories()
    found = {code for code, c in everything.items() if query in c.label.lower() or code.startswith(query)}
    words = [query, *query.split()]  # "youth work" → the phrase, then "youth" and "work"
    for word in words:
        found.update(code for code in CATEGORY_SYNONYMS.get(word, ()) if code in everything)
        singular = word.removesuffix("s")
        if not found and len(singular) >= 4:
            found.update(code for code, c in everything.items() if singular in c.label.lower())
    return found


def category_search_hint(query: str | None, matches: int) -> str:
    """The hint above a category list: what is shown, or that nothing matched what was typed."""
    if not query:
        return "Showing the main divisions. Search to find more specific groups. Your choices stay selected."
    if not matches:
        return (
            f"No categories match “{query}”. Try another word, for example cleaning, repair, catering or youth. "
            "Your choices stay selected."
        )
    return f"Showing categories matching “{query}” and the ones you have chosen"
