"""`flask db backup` copies the SQLite database while the portal runs; a restored copy rebuilds its index."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from sqlalchemy.engine import make_url

from marketplace import create_app
from marketplace.extensions import db
from tests.factories import create_organisation
from tests.helpers import PageClient


@pytest.fixture
def sqlite_only(db_backend):
    if db_backend != "sqlite":
        pytest.skip("PostgreSQL is backed up with pg_dump")


def backup(app, path):
    return app.test_cli_runner().invoke(args=["db", "backup", str(path)])


def test_backup_then_restore_into_a_fresh_instance_finds_everything(app, sqlite_only, tmp_path):
    create_organisation(published=True, name="Kentish Town Cleaning CIC", summary="Estate cleaning by locals.")
    result = backup(app, tmp_path / "backup.sqlite3")
    assert result.exit_code == 0, result.output
    assert "Backed up to" in result.output

    restored = create_app(  # a new machine: the backup as its database, no index, no uploads
        "test",
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'backup.sqlite3'}",
        INSTANCE_PATH=str(tmp_path / "new-instance"),
        SEARCH_INDEX_PATH=str(tmp_path / "new-instance" / "search-index"),
    )
    with restored.app_context():
        page = PageClient(restored).get("search.suppliers", q="estate cleaning")
        assert "Kentish Town Cleaning CIC" in page.text
        db.session.remove()
        db.engine.dispose()


def test_the_copy_is_consistent_while_the_portal_writes(app, sqlite_only, tmp_path):
    database = make_url(app.config["SQLALCHEMY_DATABASE_URI"]).database
    stop = threading.Event()

    def keep_writing():
        connection = sqlite3.connect(database, timeout=10)
        while not stop.is_set():  # pairs of rows, written in one transaction each
            with connection:
                connection.execute(
                    "INSERT INTO worker_leases (name) VALUES (?)",
                    (f"a{threading.get_ident()}{id(connection)}{len(seen)}",),
                )
                connection.execute(
                    "INSERT INTO worker_leases (name) VALUES (?)",
                    (f"b{threading.get_ident()}{id(connection)}{len(seen)}",),
                )
            seen.append(1)
        connection.close()

    seen: list[int] = []
    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        result = backup(app, tmp_path)
    finally:
        stop.set()
        writer.join()
    assert result.exit_code == 0, result.output
    (copy,) = tmp_path.glob("marketplace-*.sqlite3")
    with sqlite3.connect(copy) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        (rows,) = connection.execute("SELECT count(*) FROM worker_leases").fetchone()
    assert rows % 2 == 0  # never half a transaction


def test_backup_never_overwrites(app, sqlite_only, tmp_path):
    (tmp_path / "taken.sqlite3").write_text("keep me")
    result = backup(app, tmp_path / "taken.sqlite3")
    assert result.exit_code != 0 and "already exists" in result.output
    assert (tmp_path / "taken.sqlite3").read_text() == "keep me"


def test_postgresql_is_pointed_at_pg_dump(app, db_backend, tmp_path):
    if db_backend != "postgresql":
        pytest.skip("only for PostgreSQL")
    result = backup(app, tmp_path / "x.sqlite3")
    assert result.exit_code != 0 and "pg_dump" in result.output
