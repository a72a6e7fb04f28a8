"""`flask demo load` and `flask demo logins`."""

from __future__ import annotations

import click
from flask.cli import AppGroup

demo_cli = AppGroup("demo", help="Realistic demonstration data.")


@demo_cli.command("load")
def load_demo() -> None:
    """Load demo data (does nothing to a database that already has it)."""
    from marketplace.demo.services import load_demo_data

    summary = load_demo_data(progress=True)
    click.echo(summary.describe())


@demo_cli.command("logins")
def demo_logins() -> None:
    """Print the demo sign-ins."""
    from marketplace.demo.services import describe_logins

    click.echo(describe_logins())
