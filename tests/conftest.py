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

pytest_plugins = ["tests.plugins.s3"]

IN_CI = os.environ.get("CI", "").lower() == "true"
POSTGRES_URL = os.environ.get("TEST_DATABASE_URL")


def pytest_configure(config):
    if IN_CI and not POSTGRES_URL:
        raise pytest.UsageError("CI=true but TEST_DATABASE_URL is not set: PostgreSQL tests must run in CI")


def pytest_report_header(config):
    if not POSTGRES_URL:
        return "PostgreSQL: TEST_DATABASE_URL not set, database tests run on SQLite only"
    return f"PostgreSQL: database tests also run on {make_url(POSTGRES_URL).render_as_string(hide_password=True)}"


def pytest_generate_tests(metafunc):
    if "db_backend" in metafunc.fixturenames:
        backends = ["sqlite"] + (["postgresql"] if POSTGRES_URL else [])
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
    engine = create_engine(url)
    tables = [name for name in inspect(engine).get_table_names() if name != "alembic_version"]
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture
def app(database_url, tmp_path):
    app = create_app(
        "test",
        SQLALCHEMY_DATABASE_URI=database_url,
        INSTANCE_PATH=str(tmp_path / "instance"),
        STORAGE_LOCAL_PATH=str(tmp_path / "uploads"),
        SEARCH_INDEX_PATH=str(tmp_path / "search-index"),
    )
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()
    close_index(app)
    clock.freeze(None)


@pytest.fixture
def client(app) -> PageClient:
    return PageClient(app)
