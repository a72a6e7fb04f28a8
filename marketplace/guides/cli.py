"""`flask guides …`: review reminders and loading the starter guides."""

from __future__ import annotations

import click
from flask.cli import AppGroup

guides_cli = AppGroup("guides", help="Help and guidance for suppliers.")


@guides_cli.command("remind")
def remind() -> None:
    """Email owners of guides due for review within 14 days, or overdue."""
    from marketplace.cli import service_request_context
    from marketplace.guides.reminders import remind_owners

    with service_request_context():
        count = remind_owners()
    click.echo(f"Reminded the owners of {count} guide(s).")


@guides_cli.command("load")
@click.option("--owner", "owner_email", help="Email of the admin who owns them (default: the first admin).")
def load(owner_email: str | None) -> None:
    """Load the starter guides from marketplace/guides/content (guides already there are left alone)."""
    from marketplace.cli import service_request_context
    from marketplace.guides.content import load_starter_guides

    with service_request_context():
        created = load_starter_guides(owner_email=owner_email)
    click.echo(f"Loaded {created} guide(s).")
