"""`flask frameworks …`: load a definition file, list frameworks, run evaluation and results when due."""

from __future__ import annotations

import os

import click
from flask.cli import AppGroup

frameworks_cli = AppGroup("frameworks", help="Frameworks and dynamic purchasing systems.")


@frameworks_cli.command("load")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
def load(file: str) -> None:
    """Validate FILE (YAML or JSON) and load it: a new framework, or a new version of one."""
    from marketplace.frameworks import services
    from marketplace.frameworks.definition import DefinitionError, load_file

    try:
        definition = load_file(file)
        framework, outcome = services.load_definition(definition, source=os.path.basename(file))
    except DefinitionError as error:
        click.echo(f"{file} is not a valid framework definition:", err=True)
        for problem in error.errors:
            click.echo(f"  - {problem}", err=True)
        raise SystemExit(1) from None
    except services.FrameworkError as error:
        raise click.ClickException(error.message) from None
    words = {"created": "Created", "updated": "Loaded a new version of", "unchanged": "No changes to"}
    click.echo(
        f"{words[outcome]} {framework.name} ({framework.slug}), "
        f"version {framework.version}: {framework.status_label.lower()}."
    )


@frameworks_cli.command("list")
def list_frameworks() -> None:
    """Every framework with its status and version."""
    from marketplace.frameworks import queries

    for framework in queries.list_frameworks():
        click.echo(f"{framework.slug:<30} v{framework.version:<3} {framework.status_label}")


@frameworks_cli.command("tick")
def tick() -> None:
    """Evaluate frameworks that have closed and publish results that are due (run it from a scheduler).
    Links in the emails use SERVICE_URL."""
    from marketplace.cli import service_request_context
    from marketplace.frameworks.evaluation import tick as run

    with service_request_context():
        for message in run() or ["Nothing to do."]:
            click.echo(message)
