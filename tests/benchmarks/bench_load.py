"""A bounded load run: the portal on PostgreSQL under gunicorn with many clients doing different things at once.

    python -m tests.benchmarks.bench_load                       # 24 clients for 2 minutes (the issue's run)
    python -m tests.benchmarks.bench_load --seconds 20 --clients 6 --profiles 500   # a quick look

1. Makes a scratch PostgreSQL database (`--database-url`, default the machine's server at 127.0.0.1:5432)
   and upgrades it with the real migrations; bulk-inserts N published profiles (as bench_http does), loads
   the demo data (`flask demo load`: notices, events, frameworks, 240 organisations, the demo buyer), adds
   one supplier account with its own published organisation per editing client, and builds the index.
2. Starts gunicorn (gthread, 2 workers x 4 threads, `MARKETPLACE_ENV=production`, the production
   `gunicorn.conf.py`) and `flask worker` beside it, waits for /healthz, warms both gunicorn workers.
3. Runs `--clients` threads for `--seconds`, each with its own keep-alive connection and cookies:
   half browse anonymously (home, notices, supplier search, public profiles), a quarter are suppliers
   saving their "what you do" page (GET the form, POST a new summary and categories), a quarter are
   buyers searching suppliers with filters. Every request is timed and its status kept.
4. Prints (and with --json writes) requests, requests/s, the 5xx count (target 0) and other failures,
   p50/p95/p99 per kind, and each gunicorn worker's and the `flask worker`'s RSS before and after.
Everything is stopped and the scratch database dropped in a `finally` (unless `--keep` or `--dir`).

`--dir PATH` works in (and keeps) that folder and its database: a later run with the same `--dir`, `--profiles`,
`--seed` and number of editing clients reuses them instead of rebuilding (100,000 profiles take minutes). The
reused index carries the earlier runs' edits as small segments; the database their saved summaries.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.benchmarks.bench_http import (
    HOST,
    ROOT,
    Gunicorn,
    _die_with_parent,
    alive,
    cpu_jiffies,
    cpu_seconds,
    get,
    http_queries,
    insert_profiles,
    loadavg,
    read_status,
    say,
)
from tests.benchmarks.bench_search import machine, percentiles
from tests.benchmarks.generate_profiles import generate_profiles

DEFAULT_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
PASSWORD = "load test password 2026"
DEMO_PASSWORD = "demo marketplace 2026"
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')
VERSION = re.compile(r'name="version" value="(\d*)"')
CATEGORY_SETS = [["90"], ["77", "90"], ["45"], ["79", "85"], ["90", "45", "77"]]
BUILT_MARKER = "built.json"
WORDS = ["cleaning", "gardening", "repairs", "catering", "youth", "training", "estate", "community", "care"]


# -- 1. the database ---------------------------------------------------------------------------


def create_database(server_url: str) -> str:
    server = make_url(server_url)
    name = f"bench_load_{uuid.uuid4().hex[:8]}"
    engine = create_engine(server, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return server.set(database=name).render_as_string(hide_password=False)


def database_exists(server_url: str, url: str) -> bool:
    engine = create_engine(make_url(server_url), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        found = connection.scalar(
            text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": make_url(url).database}
        )
    engine.dispose()
    return found is not None


def prepare(root: Path, server_url: str, wanted: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The scratch database and index in `root`: reused when built there for the same figures, else built."""
    marker = root / BUILT_MARKER
    if marker.exists():
        kept = json.loads(marker.read_text())
        if {k: kept.get(k) for k in wanted} == wanted and database_exists(server_url, kept["url"]):
            say(f"reusing the database {make_url(kept['url']).database} and the index in {root}")
            return kept["url"], kept["build"]
        if database_exists(server_url, kept.get("url", "")):
            drop_database(server_url, kept["url"])
        marker.unlink()
    for name in ("index", "instance"):
        shutil.rmtree(root / name, ignore_errors=True)
    url = create_database(server_url)
    built = build(url, root, wanted["profiles"], wanted["editors"], wanted["seed"])
    marker.write_text(json.dumps({**wanted, "url": url, "build": built}, default=str))
    return url, built


def drop_database(server_url: str, url: str) -> None:
    engine = create_engine(make_url(server_url), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))
    engine.dispose()


def build(url: str, root: Path, profiles: int, editors: int, seed: int) -> dict[str, Any]:
    """Migrate, fill and index the scratch database; returns the editors' emails and figures."""
    from flask_migrate import upgrade

    from marketplace import create_app
    from marketplace.extensions import db
    from marketplace.search import services as search_services

    app = create_app(
        "test",
        # Building the scratch database (~2,000 single-action commits for the demo) need not wait for each WAL
        # flush; gunicorn, whose requests are measured, connects with the server's defaults.
        SQLALCHEMY_ENGINE_OPTIONS={"connect_args": {"options": "-c synchronous_commit=off"}},
        SQLALCHEMY_DATABASE_URI=url,
        INSTANCE_PATH=str(root / "instance"),
        SEARCH_INDEX_PATH=str(root / "index"),
        STORAGE_LOCAL_PATH=str(root / "instance" / "uploads"),
    )
    figures: dict[str, Any] = {}
    with app.app_context():
        start = time.perf_counter()
        upgrade(directory=str(ROOT / "migrations"))
        # The demo first: its market history re-dates every published supplier it finds, through the services
        # (two actions each), which for 100,000 bulk profiles would take the best part of an hour.
        with app.test_request_context(base_url=app.config["SERVICE_URL"]):
            from marketplace.demo.services import load_demo_data

            load_demo_data()
            figures["editors"] = [_editor(n) for n in range(editors)]
        figures["demo_s"] = time.perf_counter() - start
        say(f"migrated, loaded the demo data and {editors} editing suppliers in {figures['demo_s']:.1f} s")

        start = time.perf_counter()
        if profiles:
            first_id = figures["first_profile_id"] = (
                db.session.scalar(text("SELECT MAX(id) FROM organisations")) or 0
            ) + 1
            db.session.remove()
            insert_profiles(db.engine, generate_profiles(profiles, seed), profiles, seed, first_id=first_id)
            with db.engine.begin() as connection:  # the bulk insert chose ids: move the sequence past them
                connection.execute(
                    text("SELECT setval(pg_get_serial_sequence('organisations', 'id'), MAX(id)) FROM organisations")
                )
            # Statistics for the new rows before anything is timed (autovacuum would otherwise do it mid-run).
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.execute(text("VACUUM ANALYZE"))
        figures["insert_s"] = time.perf_counter() - start
        say(f"inserted {profiles:,} profiles into PostgreSQL in {figures['insert_s']:.1f} s")

        start = time.perf_counter()
        figures["indexed"] = search_services.reindex("supplier")
        figures["reindex_s"] = time.perf_counter() - start
        search_services.get_index().close()
        say(f"indexed {figures['indexed']:,} suppliers in {figures['reindex_s']:.1f} s")
        db.session.remove()
        db.engine.dispose()
    return figures


def _editor(n: int) -> str:
    from marketplace.accounts import services as accounts
    from marketplace.accounts import tokens
    from marketplace.suppliers import services as suppliers
    from marketplace.suppliers.commands import AboutAnswers, WorkAnswers

    email = f"editor{n}@load.example"
    user = accounts.register(email, PASSWORD)
    accounts.verify_email(tokens.make_token(accounts.VERIFY, {"user": user.id, "email": user.email}))
    organisation = suppliers.create_organisation(
        user,
        AboutAnswers(
            name=f"Load Test Editors {n} Ltd",
            legal_form="ltd",
            postcode="NW5 1TL",
            staff_band="1-10",
            turnover_band="up-to-1m",
            is_vcse=False,
            supported_employment=False,
            public_service_mutual=False,
        ),
    )
    suppliers.update_work(
        organisation,
        user,
        WorkAnswers(
            summary="Estate cleaning and repairs.", categories=["90"], areas=["whole-borough"], base_ward="gospel-oak"
        ),
    )
    suppliers.publish(organisation, user)
    return email


# -- 2. the processes --------------------------------------------------------------------------


class Worker:
    """`flask worker` beside gunicorn, as in production."""

    def __init__(self, root: Path, env: dict[str, str]) -> None:
        self.root, self.env = root, env
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        with open(self.root / "worker.log", "wb") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "flask", "worker"],
                cwd=ROOT,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
                preexec_fn=_die_with_parent,
            )

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is not None and proc.poll() is None:
            proc.send_signal(signal.SIGTERM)  # graceful: the running task finishes
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)


# -- 3. the clients ----------------------------------------------------------------------------


class Client:
    """One person: a keep-alive connection and a cookie jar (enough for this app's one session cookie)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self.connection = http.client.HTTPConnection(HOST, port, timeout=60)

    def request(self, method: str, path: str, form: list[tuple[str, str]] | None = None) -> tuple[int, str]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                data = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.connection.close()
                self.connection = http.client.HTTPConnection(HOST, self.port, timeout=60)
                if attempt == 2:
                    raise
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        if response.will_close:
            self.connection.close()
            self.connection = http.client.HTTPConnection(HOST, self.port, timeout=60)
        return response.status, data.decode("utf-8", "replace")

    def sign_in(self, email: str, password: str) -> None:
        status, page = self.request("GET", "/sign-in")
        status, _ = self.request(
            "POST", "/sign-in", [("csrf_token", csrf(page)), ("email", email), ("password", password)]
        )
        if status != 302:
            raise RuntimeError(f"sign-in as {email} answered {status}")


def csrf(page: str) -> str:
    match = CSRF.search(page)
    if not match:
        raise RuntimeError("no CSRF token on the page")
    return match.group(1) or match.group(2)


class Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = defaultdict(list)
        self.statuses: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        self.errors: list[str] = []

    def timed(self, kind: str, client: Client, method: str, path: str, form=None, ok=(200,)) -> tuple[int, str]:
        start = time.perf_counter()
        try:
            status, body = client.request(method, path, form)
        except Exception as error:  # a dropped connection counts, and the client carries on
            with self.lock:
                self.errors.append(f"{kind} {path}: {error!r}")
                self.statuses[kind][0] += 1
            return 0, ""
        elapsed = time.perf_counter() - start
        with self.lock:
            self.times[kind].append(elapsed)
            self.statuses[kind][status] += 1
            if status not in ok and len(self.errors) < 50:
                self.errors.append(f"{kind} {method} {path}: {status}")
        return status, body


def browse(client: Client, rng: random.Random, record: Recorder, profile_ids: list[int], stop: threading.Event):
    while not stop.is_set():
        roll = rng.random()
        if roll < 0.45:
            record.timed("browse profile", client, "GET", f"/suppliers/{rng.choice(profile_ids)}")
        elif roll < 0.75:
            record.timed("browse search", client, "GET", "/suppliers?" + urlencode({"q": rng.choice(WORDS)}))
        elif roll < 0.9:
            record.timed("browse notices", client, "GET", "/notices")
        else:
            record.timed("browse home", client, "GET", "/")


def edit(client: Client, rng: random.Random, record: Recorder, number: int, stop: threading.Event):
    saves = 0
    while not stop.is_set():
        status, page = record.timed("edit form", client, "GET", "/supplier/profile/work")
        if status != 200:
            continue
        saves += 1
        version = VERSION.search(page)
        form = [
            ("csrf_token", csrf(page)),
            ("version", version.group(1) if version else ""),
            ("summary", f"Estate cleaning and repairs, save {saves} by editor {number}."),
            ("services", "estate cleaning\nrepairs"),
            ("description", ""),
            ("areas", "whole-borough"),
            ("base_ward", "gospel-oak"),  # based in the borough (NW5): the ward of its main base is asked
            ("submit", "Save and continue"),
            *[("categories", code) for code in rng.choice(CATEGORY_SETS)],
        ]
        record.timed("edit save", client, "POST", "/supplier/profile/work", form, ok=(302,))


def search(client: Client, rng: random.Random, record: Recorder, urls: list[str], stop: threading.Event):
    while not stop.is_set():
        record.timed("buyer search", client, "GET", rng.choice(urls))


# -- main --------------------------------------------------------------------------------------


def worker_rss(server: Gunicorn, worker: Worker) -> dict[str, float]:
    rss = {f"gunicorn worker {pid}": read_status(pid).get("VmRSS", 0.0) for pid in server.worker_pids}
    if worker.proc is not None:
        rss["flask worker"] = read_status(worker.proc.pid).get("VmRSS", 0.0)
    return rss


def _logged_errors(root: Path, limit: int = 3) -> str:
    """The app's logged tracebacks (the error handler logs every 500), so a 5xx can be explained."""
    text = (root / "gunicorn.out").read_text(errors="replace") if (root / "gunicorn.out").exists() else ""
    text += (root / "gunicorn.log").read_text(errors="replace") if (root / "gunicorn.log").exists() else ""
    blocks = text.split("ERROR marketplace.errors")[1 : limit + 1]
    return "\n".join("ERROR marketplace.errors" + block[:4000] for block in blocks) or "(nothing logged)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Mixed load on PostgreSQL under gunicorn")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_SERVER))
    parser.add_argument("--profiles", type=int, default=10_000, help="bulk-inserted profiles besides the demo's")
    parser.add_argument("--clients", type=int, default=24)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder (logs) and database")
    parser.add_argument(
        "--dir",
        type=Path,
        default=None,
        help="work in (and keep) this folder and its database; reused if built with the same profiles/seed/editors",
    )
    args = parser.parse_args(argv)

    info = machine()
    say(f"machine: {info['cores']} cores, {info['cpu']}, Python {info['python']}; load average {loadavg()}")
    editors = max(1, args.clients // 4)
    buyers = max(1, args.clients // 4)
    browsers = max(1, args.clients - editors - buyers)
    if args.dir:
        root = args.dir.resolve()
        root.mkdir(parents=True, exist_ok=True)
    else:
        root = Path(tempfile.mkdtemp(prefix="bench-load-"))
    url: str | None = None
    figures: dict[str, Any] = {
        "machine": info,
        "clients": {"browse": browsers, "edit": editors, "search": buyers},
        "load_before": loadavg(),
    }
    server: Gunicorn | None = None
    worker: Worker | None = None
    try:
        if args.dir:
            wanted = {"profiles": args.profiles, "seed": args.seed, "editors": editors}
            url, figures["build"] = prepare(root, args.database_url, wanted)
        else:
            url = create_database(args.database_url)
            figures["build"] = build(url, root, args.profiles, editors, args.seed)
        env = {"DATABASE_URL": url, "RATELIMIT_ENABLED": "false", "FLASK_APP": "marketplace:create_app"}
        server = Gunicorn(root, args.workers, args.threads, env=env)
        server.start()
        ready = server.wait_ready(timeout=180)
        worker_env = dict(
            os.environ,
            MARKETPLACE_ENV="production",
            SECRET_KEY="bench",
            INSTANCE_PATH=str(root / "instance"),
            SEARCH_INDEX_PATH=str(root / "index"),
            STORAGE_LOCAL_PATH=str(root / "instance" / "uploads"),
            **env,
        )
        worker = Worker(root, worker_env)
        worker.start()
        say(f"gunicorn ({args.workers} workers x {args.threads} threads) ready in {ready:.1f} s; flask worker started")

        warm = Client(server.port)  # every gunicorn worker opens its index before the clock starts
        for _ in range(args.workers * 6):
            get(server.port, "/suppliers?q=cleaning")
            warm.request("GET", f"/suppliers/{figures['build'].get('first_profile_id', 1)}")
        time.sleep(2)
        figures["rss_before_mb"] = worker_rss(server, worker)

        record, stop = Recorder(), threading.Event()
        first = figures["build"].get("first_profile_id", 1)  # the bulk profiles (all published) follow the demo's
        profile_ids = list(range(first, first + min(args.profiles, 5000))) or [1]
        search_urls = [url for _shape, url in http_queries(200, args.seed)]
        threads = []
        for n in range(args.clients):
            client, rng = Client(server.port), random.Random(args.seed + n)
            if n < editors:
                client.sign_in(f"editor{n}@load.example", PASSWORD)
                target, extra = edit, (n,)
            elif n < editors + buyers:
                client.sign_in("buyer@camden.gov.uk", DEMO_PASSWORD)
                target, extra = search, (search_urls,)
            else:
                target, extra = browse, (profile_ids,)
            threads.append(threading.Thread(target=target, args=(client, rng, record, *extra, stop), daemon=True))
        say(
            f"{args.clients} clients ({browsers} browsing, {editors} editing, {buyers} searching) "
            f"for {args.seconds:.0f} s"
        )
        cpu_before = {pid: cpu_seconds(pid) for pid in server.worker_pids}
        machine_before = cpu_jiffies()
        start = time.perf_counter()
        for thread in threads:
            thread.start()
        time.sleep(args.seconds)
        stop.set()
        for thread in threads:
            thread.join(timeout=90)
        wall = time.perf_counter() - start
        busy, all_jiffies, _steal = (after - before for after, before in zip(cpu_jiffies(), machine_before))
        cpu_used = sum(cpu_seconds(pid) - cpu_before[pid] for pid in server.worker_pids)
        time.sleep(1)
        figures["rss_after_mb"] = worker_rss(server, worker)

        total = sum(len(t) for t in record.times.values())
        server_errors = sum(n for s in record.statuses.values() for code, n in s.items() if code >= 500)
        figures.update(
            seconds=wall,
            requests=total,
            requests_per_s=total / wall,
            server_errors=server_errors,
            statuses={kind: dict(codes) for kind, codes in record.statuses.items()},
            by_kind_ms={kind: {"count": len(t), **percentiles(t)} for kind, t in record.times.items() if t},
            errors=record.errors[:20],
            gunicorn_cpu_ms_per_request=cpu_used * 1000 / max(1, sum(len(t) for t in record.times.values())),
            machine_busy_pct=100 * busy / all_jiffies if all_jiffies else None,
            load_after=loadavg(),
        )
        say(f"{total:,} requests in {wall:.0f} s ({figures['requests_per_s']:.1f}/s); 5xx: {server_errors}")
        for kind, p in figures["by_kind_ms"].items():
            codes = ", ".join(f"{code}: {n}" for code, n in sorted(figures["statuses"][kind].items()))
            say(
                f"  {kind:<13} {p['count']:>6} requests  p50 {p['p50']:.0f} ms  p95 {p['p95']:.0f} ms  "
                f"p99 {p['p99']:.0f} ms  ({codes})"
            )
        say(
            "memory (RSS, MB) before -> after: "
            + "; ".join(
                f"{name} {figures['rss_before_mb'].get(name, 0):.0f} -> {mb:.0f}"
                for name, mb in figures["rss_after_mb"].items()
            )
        )
        if record.errors:
            say("first failures: " + "; ".join(record.errors[:5]))
        if server_errors:
            say("server errors logged by gunicorn:\n" + _logged_errors(root))
        say(
            f"gunicorn CPU per request {figures['gunicorn_cpu_ms_per_request']:.0f} ms (mean); the machine's CPUs "
            f"were {figures['machine_busy_pct'] or 0:.0f}% busy; load average after: {figures['load_after']}"
        )
        if args.json:
            args.json.write_text(json.dumps(figures, indent=2, default=str))
        return 0 if server_errors == 0 else 1
    finally:
        pids = [] if server is None else list(server.worker_pids)
        if worker is not None:
            worker.stop()
        if server is not None:
            server.stop()
        for pid in pids:
            if alive(pid):
                say(f"warning: gunicorn worker {pid} still running")
        if args.keep or args.dir:
            say(f"kept {root} and the database {url}")
        else:
            if url is not None:
                drop_database(args.database_url, url)
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
