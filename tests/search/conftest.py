"""Fixtures: the hand-written corpus indexed in a temporary folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from marketplace.search.engine import SearchIndex, SearchRequest, SearchResult
from marketplace.suppliers.search_documents import SUPPLIER
from tests.search.corpus import corpus, texts_from


@pytest.fixture(scope="module")
def docs() -> list[dict[str, Any]]:
    return corpus()


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory, docs: list[dict[str, Any]]) -> Iterator[SearchIndex]:
    """Read-only tests share one index per module."""
    idx = SearchIndex(tmp_path_factory.mktemp("search") / "index", [SUPPLIER], texts=texts_from(docs))
    idx.upsert("supplier", docs, sequence=1)
    yield idx
    idx.close()


@pytest.fixture
def fresh_index(tmp_path: Path, docs: list[dict[str, Any]]) -> Iterator[SearchIndex]:
    """Tests that write get their own index."""
    idx = SearchIndex(tmp_path / "index", [SUPPLIER], texts=texts_from(docs))
    idx.upsert("supplier", docs, sequence=1)
    yield idx
    idx.close()


def search(index: SearchIndex, text: str = "", **kwargs: Any) -> SearchResult:
    return index.search("supplier", SearchRequest(text=text, **kwargs))


def ids(index: SearchIndex, text: str = "", **kwargs: Any) -> list[str]:
    kwargs.setdefault("page_size", 100)
    return [hit.id for hit in search(index, text, **kwargs).hits]
