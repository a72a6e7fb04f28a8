"""Where each document type's documents come from: registered by the domains that own the data."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from marketplace.search.schema import DocType


@dataclass(frozen=True)
class Source:
    doctype: DocType
    build_documents: Callable[[Iterable[str]], dict[str, dict[str, Any] | None]]  # id -> doc, or None to remove
    all_documents: Callable[[], Iterator[dict[str, Any]]]
    count_documents: Callable[[], int]


SOURCES: dict[str, Source] = {}


def register_source(source: Source) -> None:
    SOURCES[source.doctype.name] = source
