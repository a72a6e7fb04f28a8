"""Deterministic generator of realistic supplier profiles for search benchmarks.

The profiles follow the supplier document contract of the search engine
(`marketplace.suppliers.search_documents`): a council's local SMEs, VCSEs and a few
large firms, described in the everyday language of council buyers.  Text is
built from sector-specific phrase banks so word frequencies look like a real
marketplace: a handful of very common words ("services", "community",
"local"), a long tail of trade vocabulary, and realistic field lengths
(summary 10-25 words, description 55-180, one to three case studies of
20-90 words; about 210 words a profile with services and category labels).

Usage:
    python -m tests.benchmarks.generate_profiles --profiles 5 --seed 7
"""

from __future__ import annotations

import argparse
import json
import random
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from tests.benchmarks.profile_data import (
    AREAS,
    CASES,
    CLIENTS,
    CPV,
    DESC,
    FRAMEWORK_LOTS,
    LEGAL,
    NAME_STARTS,
    PLACES,
    SECTOR_WEIGHTS,
    SECTORS,
    SUMMARIES,
    THEMES,
    WARDS,
)


def _fill(rng: random.Random, template: str, ctx: dict[str, str]) -> str:
    return template.format(**ctx)


def _size(rng: random.Random) -> str:
    return rng.choices(["micro", "small", "medium", "large"], [48, 32, 15, 5])[0]


def make_profile(rng: random.Random, index: int, base_time: datetime) -> dict[str, Any]:
    """One realistic supplier document (see marketplace.suppliers.search_documents)."""
    sector = rng.choices(SECTORS, SECTOR_WEIGHTS)[0]
    second = rng.choices(SECTORS, SECTOR_WEIGHTS)[0] if rng.random() < 0.35 else None
    size = _size(rng)
    vcse = rng.random() < (0.35 if sector["key"] in {"youth", "care", "training"} else 0.08)
    kind = "charity" if vcse and rng.random() < 0.5 else ("social enterprise" if vcse else "business")
    services = rng.sample(sector["services"], k=min(len(sector["services"]), rng.randint(3, 7)))
    if second is not None and second is not sector:
        services += rng.sample(second["services"], k=rng.randint(1, 3))
    nouns = sector["nouns"]
    start = rng.choice(NAME_STARTS)
    place = rng.choice(PLACES)
    name = f"{start} {rng.choice(sector['names'])} {rng.choice(LEGAL[size])}".strip()
    if rng.random() < 0.2:
        name = f"{place} {name}"
    trading = f"{start} {rng.choice(sector['names'])}" if rng.random() < 0.3 else None
    ctx = {
        "Org": trading or name,
        "place": place,
        "size": size,
        "kind": kind,
        "s1": services[0],
        "s2": services[1],
        "s3": services[2],
        "s1_cap": services[0][:1].upper() + services[0][1:],
        "n1": rng.choice(nouns),
        "n2": rng.choice(nouns),
        "v": rng.choice(sector["verbs"]),
        "year": str(rng.randint(1985, 2022)),
        "pct": str(rng.randint(40, 98)),
        "staff": str(rng.randint(2, 400)),
        "hours": str(rng.choice([2, 4, 24, 48])),
    }
    summary = " ".join(_fill(rng, SUMMARIES[rng.randrange(len(SUMMARIES))], ctx).split()[:40])
    desc = " ".join(_fill(rng, t, ctx) for t in rng.sample(DESC, k=rng.randint(5, 12)))
    cases = []
    for _ in range(rng.randint(1, 3)):
        cctx = dict(
            ctx,
            client=rng.choice(CLIENTS),
            num=str(rng.randint(3, 120)),
            months=str(rng.randint(3, 36)),
            jobs=str(rng.randint(2, 40)),
            apps=str(rng.randint(1, 12)),
            s1=rng.choice(services),
            v=rng.choice(sector["verbs"]).split()[0],
        )
        cases.append(_fill(rng, rng.choice(CASES), cctx))
    cat_codes = sorted(set(rng.sample(sector["cats"], k=rng.randint(1, min(3, len(sector["cats"]))))))
    if second is not None:
        cat_codes = sorted(set(cat_codes) | {rng.choice(second["cats"])})
    lots = sorted(set(rng.sample(sector["lots"], k=rng.randint(0, len(sector["lots"])))))
    if rng.random() < 0.2:
        lots = []
    in_borough = rng.random() < 0.6
    if in_borough:
        wards = sorted(set(rng.sample(WARDS, k=rng.randint(1, 6))))
        if rng.random() < 0.4:
            wards.append("whole-borough")
    else:
        wards = [rng.choice(AREAS[1:])]
    declarations = []
    if vcse:
        declarations.append("vcse")
        if rng.random() < 0.15:
            declarations.append("supported_employment")
        if rng.random() < 0.08:
            declarations.append("public_service_mutual")
    themes = sorted(set(rng.sample(THEMES, k=rng.randint(0, 3))))
    seed_id = uuid.UUID(int=rng.getrandbits(128), version=4)
    return {
        "id": str(seed_id),
        "name": name,
        "trading_name": trading,
        "summary": summary,
        "description": desc,
        "services": services,
        "categories": [{"code": c, "label": CPV.get(c, f"CPV division {c}")} for c in cat_codes],
        "case_studies": "\n\n".join(cases),
        "framework_lots": [{"id": lot, "label": FRAMEWORK_LOTS[lot]} for lot in lots],
        "size_band": size,
        "is_sme": size != "large",
        "declarations": declarations,
        "wards": wards,
        "based_in_borough": in_borough,
        "social_value_themes": themes,
        "updated_at": base_time - timedelta(seconds=rng.randint(0, 3 * 365 * 86400)),
    }


def generate_profiles(count: int, seed: int = 2024) -> Iterator[dict[str, Any]]:
    """Yield `count` profiles; the same (count, seed) always gives the same data."""
    rng = random.Random(seed)
    base_time = datetime(2025, 6, 1, tzinfo=UTC)
    for index in range(count):
        yield make_profile(rng, index, base_time)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    for doc in generate_profiles(args.profiles, args.seed):
        print(json.dumps(doc, default=str, indent=2))


if __name__ == "__main__":
    main()
