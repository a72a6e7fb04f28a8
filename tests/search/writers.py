"""Process entry points for the multi-process tests (importable by spawn)."""

from __future__ import annotations

from pathlib import Path

from marketplace.search.engine import SearchIndex
from marketplace.suppliers.search_documents import SUPPLIER
from tests.search.corpus import profile


def upsert_many(path: str, worker: int, count: int) -> None:
    """One 'gunicorn worker': upserts its own suppliers, one commit each."""
    index = SearchIndex(Path(path), [SUPPLIER], lock_timeout=60)
    for n in range(count):
        doc = profile(
            f"w{worker}-{n}", f"Worker {worker} Supplier {n}", summary=f"Concurrent cleaning supplier number {n}."
        )
        index.upsert("supplier", [doc], sequence=worker * 1000 + n)
    index.close()
