"""`flask insight snapshot`: store the figures of every month that has ended and has no snapshot yet.

`flask worker` runs it daily at 02:15 (the job `insight.snapshot`, `insight/jobs.py`); running it more often,
or on several nodes, is harmless: a month's snapshot is taken once and never changed. `flask demo load` takes
the demo history's snapshots as it goes.
"""

from __future__ import annotations

import click

from marketplace.insight import bp


@bp.cli.command("snapshot")
@click.option("--month", "month_text", default=None, help="Only this month (YYYY-MM); it must have ended.")
def snapshot(month_text: str | None) -> None:
    """Store each ended month's figures (once; past months never change)."""
    from marketplace.insight import services
    from marketplace.insight.periods import Month

    if month_text is not None:
        month = Month.parse(month_text)
        if month is None:
            raise click.BadParameter("Enter a month like 2026-10", param_hint="--month")
        try:
            _, created = services.take_snapshot(month)
        except services.SnapshotError as error:
            raise click.ClickException(error.message) from None
        click.echo(f"{month.label}: {'snapshot taken' if created else 'already had a snapshot (unchanged)'}.")
        return
    due = services.months_due()
    if not due:
        click.echo("Every ended month already has a snapshot.")
        return
    with click.progressbar(length=len(due), label="Taking monthly snapshots", show_pos=True) as bar:
        taken = services.take_due_snapshots(progress=lambda month: bar.update(1))
    click.echo(f"Took {len(taken)} snapshot(s): {', '.join(month.key for month in taken) or 'none'}.")
