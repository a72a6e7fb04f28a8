"""`flask opportunities remind`: buyers with no outcome 28 days after close (the worker runs it daily)."""

from __future__ import annotations

import click

from marketplace.opportunities.cli import opportunities_cli


@click.command("remind")
def remind() -> None:
    """Remind each buyer whose opportunity closed 28 or more days ago without an outcome (once each)."""
    from marketplace.cli import service_request_context
    from marketplace.evaluation.reminders import remind_buyers

    with service_request_context():
        count = remind_buyers()
    click.echo(f"Reminded {count} buyer(s).")


def register_commands() -> None:
    if "remind" not in opportunities_cli.commands:
        opportunities_cli.add_command(remind)
