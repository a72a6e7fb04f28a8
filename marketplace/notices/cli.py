"""`flask notices send-alerts` (schedule it, e.g. hourly). The search index: `flask search reindex --doctype notice`."""

from __future__ import annotations

import click

from marketplace.notices import bp


@bp.cli.command("send-alerts")
def send_alerts() -> None:
    """Queue the daily digest for every subscriber who is due one (at most one a day each)."""
    from marketplace.cli import service_request_context
    from marketplace.notices.alerts.services import send_due_digests

    with service_request_context():
        run = send_due_digests()
    click.echo(f"Queued {run.sent} digest(s); {run.skipped} subscriber(s) had nothing new.")
