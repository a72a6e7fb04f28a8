"""Command-line tasks of the core: `flask mail …`, `flask search …`. Domains add their own groups
(`accounts/cli.py`, `demo/cli.py`, `frameworks/cli.py`, …), registered by the app factory."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup


def service_request_context():
    """For commands that write emails: links in them need the service's public address."""
    return current_app.test_request_context(base_url=current_app.config["SERVICE_URL"])


mail_cli = AppGroup("mail", help="The email outbox.")


@mail_cli.command("send-pending")
def send_pending() -> None:
    """Send every email that is due now (the worker does this every minute; this is for a one-off push)."""
    from marketplace.mail.services import send_pending as deliver

    sent, failed = deliver(limit=10_000)
    click.echo(f"Sent {sent} email(s); {failed} failed (retried later, or given up: see /admin/emails).")
    if failed:
        raise SystemExit(1)


def register_commands(app) -> None:
    for command in (mail_cli,):
        app.cli.add_command(command)
    register_search_commands(app)


search_cli = AppGroup("search", help="The search index (derived from the database).")


@search_cli.command("reindex")
@click.option("--doctype", default=None, help="Only this document type (default: all).")
def reindex(doctype: str | None) -> None:
    """Rebuild the index aside and swap it in; searching keeps working meanwhile."""
    from marketplace.search.services import reindex as rebuild
    from marketplace.search.sources import SOURCES

    for name in [doctype] if doctype else list(SOURCES):
        with click.progressbar(
            length=SOURCES[name].count_documents() or 1, label=f"Indexing {name} documents", show_pos=True
        ) as bar:
            progress = _progress_updater(bar)

            count = rebuild(name, progress=progress)
        click.echo(f"{name}: {count} documents indexed.")


@search_cli.command("catch-up")
def catch_up() -> None:
    """Apply database changes this node's index has not seen (also happens on every search)."""
    from marketplace.search.services import catch_up as apply_changes

    click.echo(f"Applied {apply_changes(heal_wait=None)} change(s).")


def _progress_updater(bar):
    done = [0]

    def progress(count: int, total: int | None) -> None:
        bar.update(count - done[0])
        done[0] = count

    return progress


def register_search_commands(app) -> None:
    app.cli.add_command(search_cli)
