"""`flask opportunities …`: scheduled jobs for opportunities and bids."""

from __future__ import annotations

import click
from flask.cli import AppGroup

opportunities_cli = AppGroup("opportunities", help="Opportunities and bids.")


@opportunities_cli.command("remind-bidders")
def remind_bidders() -> None:
    """Email organisations with an unsubmitted bid on an opportunity closing within 24 hours (once each)."""
    from marketplace.cli import service_request_context
    from marketplace.opportunities.reminders import remind_bidders as remind

    with service_request_context():
        count = remind()
    click.echo(f"Reminded {count} organisation(s).")
