"""`flask worker`: the second process beside the web server (see the README's "What the worker does")."""

from __future__ import annotations

import click
from flask import current_app


@click.command("worker")
@click.option("--threads", default=2, show_default=True, help="Tasks run at the same time.")
@click.option("--once", is_flag=True, help="Run the jobs due now and whatever is queued, then exit.")
def worker_command(threads: int, once: bool) -> None:
    """Send email and run the scheduled jobs until stopped (Ctrl-C or SIGTERM finish the running task first)."""
    from marketplace.worker import drain, get_worker, run_due

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    worker = get_worker(app)
    store = type(worker.huey.storage).__name__
    click.echo(f"Worker using {store}; jobs:")
    for job in worker.periodic.values():
        click.echo(f"  {job.name}")
    if once:
        click.echo(f"Ran {run_due(app) + drain(app)} task(s).")
        return
    # Poll the queue at least every second (Huey backs off to 10 s by default): emails go out promptly.
    consumer = worker.huey.create_consumer(
        workers=threads, worker_type="thread", periodic=True, max_delay=1.0, graceful_signal="TERM"
    )
    consumer.run()
