"""The migrations build the whole schema from empty, on every supported database."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import upgrade

from marketplace.extensions import db


def test_migrations_have_a_single_head(app):
    script = ScriptDirectory.from_config(app.extensions["migrate"].migrate.get_config())
    assert len(script.get_heads()) == 1


def test_empty_database_upgrades_to_head_matching_the_models(app):
    """`app` was built from an empty database by the migrations; the models must agree with it."""
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": False})
        differences = compare_metadata(context, db.metadata)
    assert differences == []


def test_upgrading_twice_is_harmless(app):
    upgrade()
