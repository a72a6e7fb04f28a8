"""`flask users create-admin EMAIL` and `flask seed` (first-start data every installation needs)."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

users_cli = AppGroup("users", help="Manage user accounts.")


@users_cli.command("create-admin")
@click.argument("email")
@click.password_option(help="The admin's password (prompted for if not given).")
def create_admin(email: str, password: str) -> None:
    """Make EMAIL an admin (creating the account if needed)."""
    from marketplace.accounts.services import AccountError
    from marketplace.accounts.services import create_admin as make_admin

    try:
        user = make_admin(email, password)
    except AccountError as error:
        raise click.ClickException(error.message) from None
    click.echo(f"{user.email} is an admin.")


@click.command("seed")
def seed() -> None:
    """First-start data every installation needs (the buyer email domain allow list)."""
    from marketplace.accounts.services import seed_buyer_domains

    added = seed_buyer_domains(current_app.config["BUYER_EMAIL_DOMAINS_SEED"])
    click.echo(f"Seeded {added} buyer email domain(s)." if added else "Buyer email domains already set.")
