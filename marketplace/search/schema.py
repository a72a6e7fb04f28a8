"""Document types described as data, and their translation into Whoosh fields.

A `DocType` says which document keys are searched as text (with boosts),
which are filters/facets, which can be sorted on and which texts highlights
read.  The index stores no text: only each document's id (the rest are
postings and columns).  Highlights and the rare phrase check that positions
cannot settle read the documents' text from the application (a texts
provider, see `engine.SearchIndex`), which has the rows anyway.

`extract()` turns an application document (a plain dict) into the keyword
arguments Whoosh's writer takes, with text already analysed, so every indexing
path produces identical terms.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from whoosh import columns, fields

from marketplace.search.analysis import EngineAnalyzer, analyze, normalize
from marketplace.search.codec import SEPARATOR, TermPositions

# Bump when the way documents are indexed changes; stored with each index so
# the application can tell that a rebuild is needed.
FORMAT_VERSION = 3  # 2: term positions replace the bigram field; 3: no stored text (ids, `stored_paths`)

ID = "id"
STORED = "doc"  # a dict of the document's `stored_paths` values
TIEBREAK = "tiebreak"


@dataclass(frozen=True)
class TextField:
    """A searchable text field fed by one or more document paths."""

    name: str
    sources: tuple[str, ...]
    boost: float
    b: float = 0.75  # BM25 length normalisation: lower for short fields


@dataclass(frozen=True)
class FacetField:
    """A keyword, multi-valued filter with counts ("facet")."""

    name: str
    source: str
    hierarchical: bool = False  # also index code prefixes: "451" counts under "45"


@dataclass(frozen=True)
class SortField:
    name: str
    source: str
    kind: Literal["text", "datetime"]
    descending: bool = False


@dataclass(frozen=True)
class DocType:
    name: str
    text_fields: tuple[TextField, ...]
    facet_fields: tuple[FacetField, ...]
    sort_fields: tuple[SortField, ...]
    text_paths: tuple[str, ...]  # document paths highlights read (from the texts provider; not stored)
    highlight_fields: tuple[str, ...]  # snippet order (subset of text_paths)
    fallback_field: str  # first sentence shown when nothing matched
    title_fields: tuple[str, ...] = ()  # shown anyway; a match there still gets the fallback
    # Short values kept in the index and returned with each hit (`Hit.stored`): texts a page would otherwise
    # load from related rows to highlight (labels), never the documents' own writing.
    stored_paths: tuple[str, ...] = ()

    def facet(self, name: str) -> FacetField | None:
        return next((f for f in self.facet_fields if f.name == name), None)

    def sort(self, name: str) -> SortField | None:
        return next((f for f in self.sort_fields if f.name == name), None)

    def fingerprint(self) -> str:
        """Changes when what is indexed changes (boosts are query-time only).

        Worked out once a process for each engine format: the document type is frozen, and every search
        compares it with the index's."""
        known: dict[int, str] = self.__dict__.setdefault("_fingerprints", {})
        if FORMAT_VERSION not in known:
            indexed = (
                [(t.name, t.sources) for t in self.text_fields],
                self.facet_fields,
                self.sort_fields,
                self.stored_paths,
            )
            known[FORMAT_VERSION] = hashlib.sha1(f"{FORMAT_VERSION}:{indexed!r}".encode()).hexdigest()[:16]
        return known[FORMAT_VERSION]


def text_field_name(field: TextField) -> str:
    return "t_" + field.name


def facet_field_name(field: FacetField | str) -> str:
    return "f_" + (field if isinstance(field, str) else field.name)


def sort_field_name(field: SortField) -> str:
    return "s_" + field.name


def build_schema(doctype: DocType) -> fields.Schema:
    schema = fields.Schema()
    schema.add(ID, fields.ID(stored=True, unique=True))
    for text in doctype.text_fields:
        schema.add(text_field_name(text), _text_field())
    for facet in doctype.facet_fields:
        schema.add(facet_field_name(facet), fields.KEYWORD(scorable=False))
    for sort in doctype.sort_fields:
        column = columns.VarBytesColumn() if sort.kind == "text" else columns.NumericColumn("q")
        schema.add(sort_field_name(sort), fields.COLUMN(column))
    schema.add(TIEBREAK, fields.COLUMN(columns.NumericColumn("I")))
    if doctype.stored_paths:
        schema.add(STORED, fields.STORED())
    return schema


def _text_field() -> fields.FieldType:
    field = fields.TEXT(analyzer=EngineAnalyzer(), phrase=False)
    field.format = TermPositions()
    field.scorable = True
    return field


def id_hash(doc_id: str) -> int:
    """Stable 32-bit hash of an id: the relevance tie-break."""
    return int.from_bytes(hashlib.blake2b(doc_id.encode(), digest_size=4).digest(), "big")


def values_at(doc: dict[str, Any], path: str) -> Iterator[Any]:
    """Values at "key" or "key.subkey" (lists are flattened, None skipped)."""
    head, _, rest = path.partition(".")
    value = doc.get(head)
    items = value if isinstance(value, (list, tuple)) else [value]
    for item in items:
        if rest:
            item = item.get(rest) if isinstance(item, dict) else None
        if item is not None and item != "":
            yield item


def facet_values(field: FacetField, doc: dict[str, Any]) -> list[str]:
    out: set[str] = set()
    for value in values_at(doc, field.source):
        text = ("true" if value else "false") if isinstance(value, bool) else str(value).strip()
        if field.hierarchical:
            out.update(text[:n] for n in range(2, len(text)))
        out.add(text)
    return sorted(out)


def epoch_seconds(value: Any) -> int:
    if not isinstance(value, datetime):
        return 0
    if value.tzinfo is None:  # the contract says UTC; treat naive as UTC
        value = value.replace(tzinfo=UTC)
    return int(value.timestamp())


def extract(doctype: DocType, doc: dict[str, Any]) -> dict[str, Any]:
    """Whoosh `add_document` keyword arguments for one application document."""
    doc_id = doc.get("id")
    if not isinstance(doc_id, str) or not doc_id:
        raise ValueError(f"{doctype.name} document without a string id: {doc_id!r}")
    out: dict[str, Any] = {ID: doc_id, TIEBREAK: id_hash(doc_id)}
    for text in doctype.text_fields:
        terms: list[str] = []
        for source in text.sources:
            for value in values_at(doc, source):
                analysed = analyze(str(value))
                if analysed:
                    if terms:  # a phrase never runs from one value into the next
                        terms.append(SEPARATOR)
                    terms.extend(analysed)
        out[text_field_name(text)] = terms
    for facet in doctype.facet_fields:
        out[facet_field_name(facet)] = facet_values(facet, doc)
    for sort in doctype.sort_fields:
        value = doc.get(sort.source)
        if sort.kind == "text":
            out[sort_field_name(sort)] = normalize(str(value or "")).strip().encode()[:200]
        else:
            out[sort_field_name(sort)] = epoch_seconds(value)
    if doctype.stored_paths:
        out[STORED] = {path: _text_value(doc, path) for path in doctype.stored_paths}
    return out


def text_values(doctype: DocType, doc: dict[str, Any]) -> dict[str, Any]:
    """The texts highlights read from a document (a provider's, or one built from rows a page has loaded)."""
    return {path: _text_value(doc, path) for path in doctype.text_paths}


def nest(values: dict[str, Any]) -> dict[str, Any]:
    """A document from values keyed by path (`Hit.stored`): {"categories.label": ["A"]} ->
    {"categories": [{"label": "A"}]}, so it reads like the document it came from."""
    out: dict[str, Any] = {}
    for path, value in values.items():
        head, _, rest = path.partition(".")
        if not rest:
            out[head] = value
            continue
        items = out.setdefault(head, [])
        for i, item in enumerate(value if isinstance(value, list) else [value]):
            if i == len(items):
                items.append({})
            items[i][rest] = item
    return out


def _text_value(doc: dict[str, Any], path: str) -> Any:
    values = [str(v) for v in values_at(doc, path)]
    head = path.partition(".")[0]
    if "." in path or isinstance(doc.get(head), (list, tuple)):
        return values
    return values[0] if values else ""
