"""Supplier profiles whose free text is sampled from real English word frequencies.

The template generator (`generate_profiles.py`) writes from phrase banks, so its vocabulary and
its word pairs are few (about 20,000 distinct pairs in 4,000 profiles). Real writing is not like
that: nearly every pair of words is new. Here each profile keeps the template profile's shape
(name, services, categories, wards, filters, field lengths), but its summary, description and
case studies are words drawn from a Zipf distribution over the 5,000 most common English words
(frequencies from the `wordfreq` package), in sentences of 6-22 words.

    python -m tests.benchmarks.realistic_profiles --profiles 2
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import numpy as np

from tests.benchmarks.generate_profiles import generate_profiles

VOCABULARY = 5_000
CORPORA = ("template", "realistic")


@lru_cache(maxsize=1)
def vocabulary() -> tuple[np.ndarray, np.ndarray]:
    """(words, cumulative probabilities) of the most common English words."""
    from wordfreq import top_n_list, word_frequency

    words = [w for w in top_n_list("en", VOCABULARY * 2) if w.isalpha()][:VOCABULARY]
    freqs = np.array([word_frequency(w, "en") for w in words], dtype=np.float64)
    return np.array(words, dtype=object), np.cumsum(freqs / freqs.sum())


def sample_text(rng: np.random.Generator, words: int) -> str:
    """`words` words in sentences, sampled by real frequency."""
    vocab, cumulative = vocabulary()
    if words <= 0:
        return ""
    picks = vocab[np.searchsorted(cumulative, rng.random(words) * cumulative[-1])]
    sentences, start = [], 0
    while start < words:
        end = min(words, start + int(rng.integers(6, 23)))
        sentence = " ".join(picks[start:end])
        sentences.append(sentence[:1].upper() + sentence[1:] + ".")
        start = end
    return " ".join(sentences)


def realistic(profile: dict[str, Any], rng: np.random.Generator) -> dict[str, Any]:
    out = dict(profile)
    out["summary"] = sample_text(rng, len(profile["summary"].split()))
    out["description"] = sample_text(rng, len(profile["description"].split()))
    out["case_studies"] = "\n\n".join(
        sample_text(rng, len(case.split())) for case in profile["case_studies"].split("\n\n")
    )
    return out


def generate(count: int, seed: int = 2024, corpus: str = "template") -> Iterator[dict[str, Any]]:
    """`count` profiles of either corpus; the same arguments always give the same data."""
    if corpus not in CORPORA:
        raise ValueError(f"corpus must be one of {', '.join(CORPORA)}")
    profiles = generate_profiles(count, seed)
    if corpus == "template":
        yield from profiles
        return
    rng = np.random.default_rng(seed)
    for profile in profiles:
        yield realistic(profile, rng)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, default=2)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    for doc in generate(args.profiles, args.seed, "realistic"):
        print(json.dumps(doc, default=str, indent=2))


if __name__ == "__main__":
    main()
