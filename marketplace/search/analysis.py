"""Text analysis shared by indexing, querying, highlighting and spelling.

One function turns text into index terms (`analyze`), so the bulk builder,
Whoosh's incremental writer and the query parser can never disagree.

Why not Whoosh's StemmingAnalyzer: it is ~5x slower (a Token object and a
generator per filter per word), and neither Porter stemmer maps agent nouns to
their work ("cleaner" stays "cleaner" while "cleaning" becomes "clean"), which
buyers expect.  On top of Porter2 (Snowball English) an explicit list of
trade nouns meets their work (`AGENT_NOUNS`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from whoosh.analysis import STOP_WORDS, Token, Tokenizer
from whoosh.lang.porter2 import stem as _porter2

# Words are runs of letters/digits, optionally joined by apostrophes
# ("king's"); underscores and all other punctuation separate words, so user
# syntax such as "name:foo", "foo*" or "(a)" is just words.
WORD_RE = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
STOP = frozenset(STOP_WORDS)
MAX_WORD = 40  # longer "words" are junk (hashes, base64) and bloat the lexicon

# Agent nouns that should meet the work they name ("cleaners" finds "cleaning"), as
# (noun, a word for the work). Porter2 leaves most "-er" nouns whole. This used to be a
# general rule (strip "-er" unless listed as an exception), which also sent "posters" to
# "post", "boilers" to "boil", "mother" to "moth" and about 950 of the 40,000 commonest
# English words somewhere unrelated; an explicit list is predictable, and its misses only
# cost recall for that one noun (tests/search/test_search_stemming.py measures both).
AGENT_NOUNS = (
    ("assessor", "assessing"),
    ("auditor", "auditing"),
    ("builder", "building"),
    ("carer", "caring"),
    ("cleaner", "cleaning"),
    ("counsellor", "counselling"),
    ("farmer", "farming"),
    ("gardener", "gardening"),
    ("glazier", "glazing"),
    ("gritter", "gritting"),
    ("inspector", "inspecting"),
    ("painter", "painting"),
    ("photographer", "photography"),
    ("planner", "planning"),
    ("plumber", "plumbing"),
    ("printer", "printing"),
    ("programmer", "programming"),
    ("roofer", "roofing"),
    ("teacher", "teaching"),
    ("tester", "testing"),
    ("tiler", "tiling"),
    ("trader", "trading"),
    ("trainer", "training"),
    ("upholsterer", "upholstery"),
    ("welder", "welding"),
    ("worker", "work"),
    ("writer", "writing"),
)
_AGENT_STEMS = {_porter2(noun): _porter2(work) for noun, work in AGENT_NOUNS if _porter2(noun) != _porter2(work)}

_stem_cache: dict[str, str] = {}
_CACHE_LIMIT = 300_000


def normalize(text: str) -> str:
    """Lower-case, unify apostrophes and fold accents ("café" -> "cafe")."""
    text = text.lower()
    if not text.isascii():
        text = text.replace("\u2019", "'").replace("\u2018", "'")
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text


def stem_word(word: str) -> str:
    """Index term for one normalized word, or "" for stop words and junk."""
    term = _stem_cache.get(word)
    if term is None:
        if word in STOP or len(word) < 2 or len(word) > MAX_WORD:
            term = ""
        else:
            term = _porter2(word)
            term = _AGENT_STEMS.get(term, term)
        if len(_stem_cache) > _CACHE_LIMIT:
            _stem_cache.clear()
        _stem_cache[word] = term
    return term


def analyze(text: str) -> list[str]:
    """Index terms of `text` in order (stop words removed)."""
    out: list[str] = []
    append = out.append
    cache = _stem_cache
    for word in WORD_RE.findall(normalize(text)):
        term = cache.get(word)
        if term is None:
            term = stem_word(word)
        if term:
            append(term)
    return out


def iter_word_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, term) for each word of the original text (for highlights).

    Accent folding can change string length, so spans come from the raw text
    and each word is normalized on its own.
    """
    for match in WORD_RE.finditer(text.replace("\u2019", "'")):
        yield match.start(), match.end(), stem_word(normalize(match.group()))


class EngineAnalyzer(Tokenizer):
    """Whoosh-compatible wrapper around `analyze` (kept in the schema so that
    Whoosh tools such as its query parser analyse text the same way)."""

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: object,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for offset, term in enumerate(analyze(value)):
            token.text = term
            token.boost = 1.0
            token.stopped = False
            if positions:
                token.pos = start_pos + offset
            yield token

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    __hash__ = Tokenizer.__hash__
