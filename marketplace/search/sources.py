"""Where each document type's documents come from: registered by the domains that own the data.

`texts` is where the engine reads documents' text for highlights and phrase checks (the index
stores none): by default `build_documents`, which loads the rows; a domain may give a lighter one."""

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
    texts: Callable[[list[str]], dict[str, dict[str, Any] | None]] | None = None  # default: build_documents

    def texts_provider(self) -> Callable[[list[str]], dict[str, dict[str, Any] | None]]:
        return self.texts or self.build_documents


SOURCES: dict[str, Source] = {}


def register_source(source: Source) -> None:
    SOURCES[source.doctype.name] = source
