"""Fixtures: an app per test with its own database, built by the real migrations.

SQLite always; PostgreSQL too when TEST_DATABASE_URL is set (required under CI=true).
SQLite tests copy a database migrated once per run; PostgreSQL tests share one database
per run (and per xdist worker), emptied after every test.
"""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

os.environ.setdefault("MARKETPLACE_FAST_HASHING", "1")
os.environ.setdefault("MARKETPLACE_SEARCH_STRICT", "1")  # the search engine's Whoosh fallbacks raise

from marketplace import (
    clock,
    create_app,
)
from marketplace.extensions import db
from marketplace.search.services import close_index
from tests.helpers import PageClient

pytest_plugins = ["tests.plugins.s3", "tests.plugins.routes"]

IN_CI = os.environ.get("CI", "").lower() == "true"
POSTGRES_URL = os.environ.get("TEST_DATABASE_URL")


def pytest_configure(config):
    if IN_CI and not POSTGRES_URL:
        raise pytest.UsageError("CI=true but TEST_DATABASE_URL is not set: PostgreSQL tests must run in CI")


def pytest_report_header(config):
    if not POSTGRES_URL:
        return "PostgreSQL: TEST_DATABASE_URL not set, database tests run on SQLite only"
    return f"PostgreSQL: database tests also run on {make_url(POSTGRES_URL).render_as_string(hide_password=True)}"


def pytest_collection_modifyitems(config, items):
    # The longest tests first: with xdist, a crawl started last would leave one worker running it alone.
    items.sort(key=lambda item: 0 if item.get_closest_marker("slow") or item.get_closest_marker("e2e") else 1)


def pytest_generate_tests(metafunc):
    if "db_backend" in metafunc.fixturenames:
        backends = ["sqlite"] + (["postgresql"] if POSTGRES_URL else [])
        if metafunc.definition.get_closest_marker("postgres_only"):
            backends = backends[-1:]
        metafunc.parametrize("db_backend", backends, scope="session")


def migrate_to_head(app) -> None:
    from flask_migrate import upgrade

    with app.app_context():
        upgrade()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    migrate_to_head(create_app("test", SQLALCHEMY_DATABASE_URI=f"sqlite:///{path}"))
    return path


@pytest.fixture(scope="session")
def postgres_database():
    """A fresh PostgreSQL database for this run (and xdist worker), migrated to head."""
    if not POSTGRES_URL:
        pytest.skip("TEST_DATABASE_URL not set")
    server = make_url(POSTGRES_URL)
    name = f"marketplace_test_{uuid.uuid4().hex[:10]}"
    admin_engine = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin_engine.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = server.set(database=name).render_as_string(hide_password=False)
    migrate_to_head(create_app("test", SQLALCHEMY_DATABASE_URI=url))
    yield url
    with admin_engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin_engine.dispose()


@pytest.fixture
def database_url(request, db_backend, tmp_path):
    if db_backend == "sqlite":
        template = request.getfixturevalue("sqlite_template")
        path = tmp_path / "marketplace.sqlite3"
        shutil.copyfile(template, path)
        yield f"sqlite:///{path}"
        return
    url = request.getfixturevalue("postgres_database")
    yield url
    _empty_postgres(url)


def _empty_postgres(url: str) -> None:
    """Delete what the test wrote and restart every sequence. Only the tables holding rows are touched:
    a TRUNCATE of all ~70 tables rewrites ~70 files and took 1.5-2.5 s a test on a busy machine."""
    engine = create_engine(url)
    with engine.begin() as connection:
        tables = [name for name in inspect(connection).get_table_names() if name != "alembic_version"]
        holding = " UNION ALL ".join(f"SELECT '{name}' WHERE EXISTS (SELECT 1 FROM \"{name}\")" for name in tables)
        dirty = [row[0] for row in connection.execute(text(holding))]
        connection.execute(text("SET LOCAL session_replication_role = replica"))  # no FK triggers: any order
        for name in dirty:
            connection.execute(text(f'DELETE FROM "{name}"'))
        connection.execute(text("SELECT setval(c.oid, 1, false) FROM pg_class c WHERE c.relkind = 'S'"))
    engine.dispose()


def _test_app(database_url: str, folder: Path):
    extra = {}
    if database_url.startswith("postgresql"):
        # A test's commits need not survive a power cut: don't wait for each WAL flush.
        extra["SQLALCHEMY_ENGINE_OPTIONS"] = {
            "pool_pre_ping": True,
            "connect_args": {"options": "-c synchronous_commit=off"},
        }
    return create_app(
        "test",
        **extra,
        SQLALCHEMY_DATABASE_URI=database_url,
        INSTANCE_PATH=str(folder / "instance"),
        STORAGE_LOCAL_PATH=str(folder / "uploads"),
        SEARCH_INDEX_PATH=str(folder / "search-index"),
    )


@pytest.fixture
def app(database_url, tmp_path):
    app = _test_app(database_url, tmp_path)
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()
    close_index(app)
    clock.freeze(None)


# The demo data (`flask demo load`) takes ~10 s to build, and the crawls need it for every kind of user:
# it is loaded once per run, xdist worker and backend, and each test gets its own copy (a file copy on
# SQLite, `CREATE DATABASE ... TEMPLATE` on PostgreSQL) with the uploads and search index made beside it.
@pytest.fixture(scope="session")
def _demo_sources(tmp_path_factory):
    sources: dict[str, tuple[str, Path]] = {}
    yield sources
    if "postgresql" in sources:
        _drop_postgres(sources["postgresql"][0])


def _load_demo(database_url: str, folder: Path) -> None:
    from marketplace.demo.services import load_demo_data

    app = _test_app(database_url, folder)
    with app.app_context():
        with app.test_request_context():
            load_demo_data()
        db.session.remove()
        db.engine.dispose()
    close_index(app)
    clock.freeze(None)


def _new_postgres_database(*, template: str | None = None) -> str:
    server = make_url(POSTGRES_URL)
    name = f"marketplace_test_{uuid.uuid4().hex[:10]}"
    admin_engine = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin_engine.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")))
    admin_engine.dispose()
    return server.set(database=name).render_as_string(hide_password=False)


def _drop_postgres(url: str) -> None:
    admin_engine = create_engine(
        make_url(url).set(database=make_url(POSTGRES_URL).database), isolation_level="AUTOCOMMIT"
    )
    with admin_engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))
    admin_engine.dispose()


@pytest.fixture
def demo_app(request, db_backend, tmp_path, tmp_path_factory, _demo_sources):
    """An app whose database already holds the demo data, as after `make run`."""
    if db_backend not in _demo_sources:
        folder = tmp_path_factory.mktemp(f"demo-{db_backend}")
        if db_backend == "sqlite":
            url = f"sqlite:///{folder / 'demo.sqlite3'}"
            shutil.copyfile(request.getfixturevalue("sqlite_template"), folder / "demo.sqlite3")
        else:
            url = _new_postgres_database()
            migrator = _test_app(url, folder)
            migrate_to_head(migrator)
            with migrator.app_context():
                db.engine.dispose()  # a template database must have no connections
        _load_demo(url, folder)
        _demo_sources[db_backend] = (url, folder)
    source_url, source = _demo_sources[db_backend]
    for part in ("instance", "uploads", "search-index"):
        if (source / part).exists():
            shutil.copytree(source / part, tmp_path / part)
    if db_backend == "sqlite":
        shutil.copyfile(source / "demo.sqlite3", tmp_path / "marketplace.sqlite3")
        url = f"sqlite:///{tmp_path / 'marketplace.sqlite3'}"
    else:
        url = _new_postgres_database(template=make_url(source_url).database)
    app = _test_app(url, tmp_path)
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()
    close_index(app)
    clock.freeze(None)
    if db_backend == "postgresql":
        _drop_postgres(url)


@pytest.fixture
def client(app) -> PageClient:
    return PageClient(app)
