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
