"""'Did you mean': one-edit corrections for words the index does not contain.

The index stores stems, which are not words ("communiti"), so candidates are
real spellings made from what the buyer typed (Norvig-style single edits:
delete, swap, replace, insert) and a candidate is accepted when its stem is
in the index.  Among accepted candidates the most frequent stem wins; for
the same stem, same-length edits (a mistyped letter) beat inserted letters,
which beat deleted ones ("servics" -> "services", not "servic").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from marketplace.search.analysis import normalize, stem_word

_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_PLAIN_WORD = re.compile(r"^[a-z]{3,24}$")


def _edits(word: str) -> dict[str, int]:
    """Candidate -> edit kind (0 replace/swap, 1 insert, 2 delete)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out: dict[str, int] = {}
    for left, right in splits:
        if right:
            out.setdefault(left + right[1:], 2)
        if len(right) > 1:
            out[left + right[1] + right[0] + right[2:]] = 0
        for c in _LETTERS:
            if right:
                out[left + c + right[1:]] = 0
            out.setdefault(left + c + right, 1)
    out.pop(word, None)
    return out


def correct_word(word: str, has_stem: Callable[[str], bool], doc_freq: Callable[[str], int]) -> str | None:
    """Best one-edit correction of `word` whose stem is indexed, if any."""
    word = normalize(word)
    if not _PLAIN_WORD.match(word):
        return None
    found: dict[str, tuple[int, str]] = {}  # stem -> (edit kind, candidate)
    for candidate, kind in _edits(word).items():
        stem = stem_word(candidate)
        if not stem or not has_stem(stem):
            continue
        if stem not in found or (kind, candidate) < found[stem]:
            found[stem] = (kind, candidate)
    if not found:
        return None
    best = max(found, key=lambda s: (doc_freq(s), -found[s][0]))
    return found[best][1]


def replace_word(text: str, wrong: str, right: str) -> str:
    pattern = re.compile(rf"(?<![^\W_]){re.escape(wrong)}(?![^\W_])", re.IGNORECASE)
    return pattern.sub(right, text, count=1)


def misspelt_words(surfaces: list[str], unknown_terms: set[str]) -> list[str]:
    """Words the buyer typed whose terms are not in the index."""
    out = []
    for surface in surfaces:
        for word in re.findall(r"[^\W_]+(?:'[^\W_]+)*", surface):
            if stem_word(normalize(word)) in unknown_terms and word not in out:
                out.append(word)
    return out
