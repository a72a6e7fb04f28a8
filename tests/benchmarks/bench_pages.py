"""CPU per request of the hot pages, in-process, production config, demo data on SQLite.

    .venv/bin/python -m tests.benchmarks.bench_pages                      # this checkout
    .venv/bin/python -m tests.benchmarks.bench_pages --against /tmp/main  # this checkout and another, alternately

Builds the demo data once (`flask db upgrade` and `flask demo load` into a scratch folder, kept with --dir), then
for each round runs one process per checkout: 3 warm-up requests a page, then --requests timed requests, CPU time
of the request's thread (`time.thread_time`). Prints each round's median and the median over rounds.
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


def measure(requests: int) -> dict[str, list[float]]:
    """Runs in the child process (the checkout's own code)."""
    from marketplace import create_app

    client = create_app("production").test_client()
    times: dict[str, list[float]] = {}
    for name, url in PAGES.items():
        for _ in range(3):
            assert client.get(url).status_code == 200, url
        times[name] = []
        for _ in range(requests):
            started = time.thread_time()
            client.get(url)
            times[name].append((time.thread_time() - started) * 1000)
    return times


def run_checkout(root: Path, folder: Path, requests: int) -> dict[str, float]:
    # This file runs as a script in the other checkout's folder, so `marketplace` is that checkout's code.
    command = [sys.executable, str(Path(__file__).resolve()), "--measure", str(requests)]
    env = dict(_env(folder), PYTHONPATH=str(root))
    done = subprocess.run(command, cwd=root, env=env, check=True, capture_output=True, text=True)
    times = json.loads(done.stdout.strip().splitlines()[-1])
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", type=Path, help="another checkout (e.g. main) to run alternately with this one")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--dir", type=Path, help="scratch folder for the demo data (kept and reused)")
    parser.add_argument("--measure", type=int, help=argparse.SUPPRESS)  # the child process: time N requests a page
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return
    folder = args.dir or Path(tempfile.mkdtemp(prefix="bench-pages-"))
    folder.mkdir(parents=True, exist_ok=True)
    build(folder)
    checkouts = {"this": ROOT} | ({"against": args.against.resolve()} if args.against else {})
    results: dict[str, list[dict[str, float]]] = {side: [] for side in checkouts}
    print(f"load average before: {os.getloadavg()[0]:.1f}", flush=True)
    for round_number in range(args.rounds):
        order = list(checkouts.items())
        for side, root in order if round_number % 2 == 0 else reversed(order):
            results[side].append(run_checkout(root, folder, args.requests))
            medians = ", ".join(f"{page} {ms:.1f}" for page, ms in results[side][-1].items())
            print(f"round {round_number} {side}: {medians} ms", flush=True)
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    for page in PAGES:
        line = " | ".join(
            f"{side} {statistics.median(r[page] for r in rounds):.1f} ms" for side, rounds in results.items()
        )
        print(f"{page}: {line}")


if __name__ == "__main__":
    main()
