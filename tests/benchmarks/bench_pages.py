"""CPU per request of the hot pages, in-process, production config, demo data on SQLite.

    .venv/bin/python -m tests.benchmarks.bench_pages                      # this checkout
    .venv/bin/python -m tests.benchmarks.bench_pages --against /tmp/main  # this checkout and another, alternately

Builds the demo data once (`flask db upgrade` and `flask demo load` into a scratch folder, kept with --dir), then
for each round runs one process per checkout: 3 warm-up requests a page, then --requests timed requests, CPU time
of the request's thread (`time.thread_time`) and the SQL statements it ran. Prints each round's median and p90,
and over the rounds the median of the round medians and of the round p90s.

    .venv/bin/python -m tests.benchmarks.bench_pages --dir /tmp/pages --profile notices   # where a page's CPU goes

`--profile PAGE` runs cProfile (on the thread's CPU clock) over --requests requests of one page after the warm-up
and prints the top functions by own and cumulative time.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGES = {
    "home": "/",
    "notices": "/notices",
    "search": "/suppliers?q=cleaning",
    "profile": "/suppliers/1",
    "opportunity": "/opportunities/2",
    "sign_in": "/sign-in",
}


def _env(folder: Path) -> dict[str, str]:
    return dict(
        os.environ,
        MARKETPLACE_ENV="production",
        SECRET_KEY="bench",
        SERVICE_URL="http://localhost",
        SESSION_COOKIE_SECURE="false",
        # The benchmark measures the pages, not the limiter (production requires shared Redis storage for it).
        RATELIMIT_ENABLED="false",
        SEARCH_APPLIER="false",
        DATABASE_URL=f"sqlite:///{folder / 'demo.sqlite3'}",
        SEARCH_INDEX_PATH=str(folder / "index"),
        INSTANCE_PATH=str(folder / "instance"),
        STORAGE_LOCAL_PATH=str(folder / "instance" / "uploads"),
    )


def build(folder: Path) -> None:
    if (folder / "demo.sqlite3").exists():
        return
    for command in (["db", "upgrade"], ["demo", "load"]):
        flask = [sys.executable, "-m", "flask", "--app", "marketplace:create_app", *command]
        subprocess.run(flask, cwd=ROOT, env=_env(folder), check=True, capture_output=True)


def _statement_counter(app) -> list[int]:
    from sqlalchemy import event

    from marketplace.extensions import db

    count = [0]
    with app.app_context():
        engine = db.engine

    @event.listens_for(engine, "before_cursor_execute")
    def _count(*_args) -> None:
        count[0] += 1

    return count


def measure(requests: int) -> dict[str, dict[str, list[float] | float]]:
    """Runs in the child process (the checkout's own code)."""
    from marketplace import create_app

    app = create_app("production")
    client = app.test_client()
    statements = _statement_counter(app)
    results: dict[str, dict[str, list[float] | float]] = {}
    for name, url in PAGES.items():
        for _ in range(3):
            assert client.get(url).status_code == 200, url
        times = []
        statements[0] = 0
        for _ in range(requests):
            started = time.thread_time()
            client.get(url)
            times.append((time.thread_time() - started) * 1000)
        results[name] = {"times": times, "statements": statements[0] / requests}
    return results


def profile(page: str, requests: int) -> None:
    """Runs in this process: where one page's CPU goes."""
    import cProfile
    import pstats

    from marketplace import create_app

    client = create_app("production").test_client()
    url = PAGES.get(page, page)
    for _ in range(3):
        assert client.get(url).status_code == 200, url
    profiler = cProfile.Profile(time.thread_time)
    profiler.enable()
    for _ in range(requests):
        client.get(url)
    profiler.disable()
    stats = pstats.Stats(profiler).strip_dirs()
    print(f"{url}: {requests} requests, {stats.total_tt * 1000 / requests:.2f} ms CPU a request under cProfile")
    stats.sort_stats("tottime").print_stats(35)
    stats.sort_stats("cumulative").print_stats(60)


def _p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10)[-1]


def run_checkout(root: Path, folder: Path, requests: int) -> dict[str, tuple[float, float, float]]:
    """Each page's (median, p90, statements per request) in one fresh process of the checkout."""
    # This file runs as a script in the other checkout's folder, so `marketplace` is that checkout's code.
    command = [sys.executable, str(Path(__file__).resolve()), "--measure", str(requests)]
    env = dict(_env(folder), PYTHONPATH=str(root))
    done = subprocess.run(command, cwd=root, env=env, check=True, capture_output=True, text=True)
    measured = json.loads(done.stdout.strip().splitlines()[-1])
    return {
        name: (statistics.median(page["times"]), _p90(page["times"]), page["statements"])
        for name, page in measured.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", type=Path, help="another checkout (e.g. main) to run alternately with this one")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--dir", type=Path, help="scratch folder for the demo data (kept and reused)")
    parser.add_argument("--profile", metavar="PAGE", help=f"profile one page ({', '.join(PAGES)}, or a path)")
    parser.add_argument("--measure", type=int, help=argparse.SUPPRESS)  # the child process: time N requests a page
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return
    folder = args.dir or Path(tempfile.mkdtemp(prefix="bench-pages-"))
    folder.mkdir(parents=True, exist_ok=True)
    build(folder)
    if args.profile:
        os.environ.update(_env(folder))
        profile(args.profile, args.requests)
        return
    checkouts = {"this": ROOT} | ({"against": args.against.resolve()} if args.against else {})
    results: dict[str, list[dict[str, tuple[float, float, float]]]] = {side: [] for side in checkouts}
    print(f"load average before: {' '.join(f'{load:.1f}' for load in os.getloadavg())}", flush=True)
    for round_number in range(args.rounds):
        order = list(checkouts.items())
        for side, root in order if round_number % 2 == 0 else reversed(order):
            results[side].append(run_checkout(root, folder, args.requests))
            medians = ", ".join(f"{page} {m:.1f}/{p90:.1f}" for page, (m, p90, _) in results[side][-1].items())
            print(f"round {round_number} {side} (median/p90): {medians} ms", flush=True)
    print(f"load average after: {' '.join(f'{load:.1f}' for load in os.getloadavg())}")
    print("page: median of round medians / of round p90s, statements a request")
    for page in PAGES:
        line = " | ".join(
            f"{side} {statistics.median(r[page][0] for r in rounds):.1f} / "
            f"{statistics.median(r[page][1] for r in rounds):.1f} ms, {rounds[0][page][2]:g} statements"
            for side, rounds in results.items()
        )
        print(f"{page}: {line}")


if __name__ == "__main__":
    main()
