"""The migrations build the whole schema from empty, on every supported database, and take it down again."""

from __future__ import annotations

import os
import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, func, inspect, select, text
from sqlalchemy.engine import make_url

from marketplace import clock, create_app
from marketplace.extensions import db
from marketplace.opportunities.bids.models import Bid
from marketplace.search.services import close_index
from tests.events.factories import create_event
from tests.factories import create_organisation
from tests.notices.factories import create_notice
from tests.opportunities.factories import create_opportunity, submit_bid

pytestmark = pytest.mark.slow  # started first, so the slowest tests do not finish the run alone


def test_migrations_have_a_single_head(app):
    script = ScriptDirectory.from_config(app.extensions["migrate"].migrate.get_config())
    assert len(script.get_heads()) == 1


def test_empty_database_upgrades_to_head_matching_the_models(app):
    """`app` was built from an empty database by the migrations; the models must agree with it."""
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, db.metadata)
    assert differences == []


def test_upgrading_twice_is_harmless(app):
    upgrade()


@pytest.fixture
def scratch_database_url(db_backend, tmp_path):
    """An empty database of its own: this test takes the schema down, so it cannot share the run's database."""
    if db_backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'round-trip.sqlite3'}"
        return
    server = make_url(os.environ["TEST_DATABASE_URL"])
    name = f"marketplace_roundtrip_{uuid.uuid4().hex[:10]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield server.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_schema_goes_down_to_base_and_up_again_with_data_in_it(scratch_database_url, tmp_path):
    app = create_app(
        "test",
        SQLALCHEMY_DATABASE_URI=scratch_database_url,
        INSTANCE_PATH=str(tmp_path / "instance"),
        STORAGE_LOCAL_PATH=str(tmp_path / "uploads"),
        SEARCH_INDEX_PATH=str(tmp_path / "search-index"),
    )
    with app.app_context():
        try:
            _round_trip()
        finally:
            db.session.remove()
            db.engine.dispose()
    close_index(app)
    clock.freeze(None)


def _round_trip() -> None:
    upgrade()
    # Rows in most tables: accounts, organisations, notices, events, opportunities, a sealed bid, audit, outbox.
    notice = create_notice()
    create_event(notice=notice)
    opportunity = create_opportunity(notice=notice)
    submit_bid(opportunity, create_organisation(published=True))
    assert db.session.scalar(select(func.count()).select_from(Bid)) == 1
    db.session.remove()

    downgrade(revision="base")
    assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}

    upgrade()
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, db.metadata) == []
