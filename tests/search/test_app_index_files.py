"""The index's files are closed deterministically (tests/platform/test_crawl.py used to warn
"unclosed file ... search-index/.../MAIN_*.col" whenever the garbage collector got to them)."""

from __future__ import annotations

import gc
import warnings

from marketplace import create_app
from marketplace.extensions import db
from tests.factories import create_organisation
from tests.helpers import PageClient


def _unclosed_index_files(caught) -> list[str]:
    return [
        str(w.message) for w in caught if issubclass(w.category, ResourceWarning) and "search-index" in str(w.message)
    ]


def test_an_apps_index_files_are_closed_when_the_app_is_dropped(app, database_url, tmp_path):
    create_organisation(published=True, name="Tufnell Park Clockmakers")
    node = create_app(
        "test",
        SQLALCHEMY_DATABASE_URI=database_url,
        INSTANCE_PATH=str(tmp_path / "node"),
        SEARCH_INDEX_PATH=str(tmp_path / "node" / "search-index"),
    )
    PageClient(node).get("/suppliers?q=clockmakers")
    with node.app_context():
        db.session.remove()
        db.engine.dispose()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        del node
        gc.collect()
    assert _unclosed_index_files(caught) == []
