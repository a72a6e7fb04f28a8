"""`flask db backup PATH`: a consistent copy of the SQLite database, taken while the portal runs.

SQLite's online backup API copies the database page by page; if another connection writes meanwhile,
the copy restarts from a consistent point, so the result is always a database as it was at one moment.
PostgreSQL is backed up with its own tools (pg_dump, or the host's snapshots): see the README.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import click
from flask.cli import with_appcontext

PAGES_PER_STEP = 256


class BackupError(Exception):
    pass


def backup_sqlite(
    database_url_path: str, destination: Path, *, progress: Callable[[int, int], None] | None = None
) -> Path:
    """Copy the SQLite database at `database_url_path` to `destination` (a file, or a folder to put one in)."""
    if destination.is_dir():
        destination = destination / f"marketplace-{datetime.now(UTC):%Y%m%d-%H%M%S}.sqlite3"
    if destination.exists():
        raise BackupError(f"{destination} already exists: choose a new name")
    partial = destination.with_name(destination.name + ".partial")
    source = sqlite3.connect(f"file:{database_url_path}?mode=ro", uri=True)
    target = sqlite3.connect(partial)
    try:

        def report(status: int, remaining: int, total: int) -> None:
            if progress:
                progress(total - remaining, total)

        source.backup(target, pages=PAGES_PER_STEP, progress=report)
        (check,) = target.execute("PRAGMA integrity_check").fetchone()
        if check != "ok":
            raise BackupError(f"The copy failed its integrity check: {check}")
    except BaseException:
        target.close()
        partial.unlink(missing_ok=True)
        raise
    finally:
        source.close()
    target.close()
    os.replace(partial, destination)  # a half-written backup never has the final name
    return destination


@click.command("backup")
@click.argument("path", type=click.Path(path_type=Path))
@with_appcontext
def backup_command(path: Path) -> None:
    """Copy the SQLite database to PATH (a new file, or an existing folder) while the portal keeps running."""
    from marketplace.extensions import db

    url = db.engine.url
    if url.get_backend_name() != "sqlite" or not url.database:
        raise click.ClickException(
            f"This database is {url.get_backend_name()}: back it up with pg_dump (see the README's Backups section)"
        )
    with click.progressbar(length=1, label="Copying the database", show_pos=True) as bar:

        def progress(done: int, total: int) -> None:
            bar.length = total
            bar.update(done - bar.pos)

        try:
            written = backup_sqlite(url.database, path, progress=progress)
        except (BackupError, sqlite3.Error, OSError) as error:
            raise click.ClickException(str(error)) from None
    click.echo(f"Backed up to {written} ({written.stat().st_size:,} bytes).")


def register(app) -> None:
    from flask_migrate.cli import db as db_cli

    db_cli.add_command(backup_command)
