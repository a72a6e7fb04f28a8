"""Opportunities under load on PostgreSQL: the list page and bid submits at 16 concurrent clients.

    python -m tests.benchmarks.bench_opportunities                 # 10,000 opportunities, 100,000 bids
    python -m tests.benchmarks.bench_opportunities --opportunities 1000 --bids 10000   # quicker
    python -m tests.benchmarks.bench_opportunities --cpu --requests 25   # CPU ms per request, in one process

1. Creates a scratch PostgreSQL database (from TEST_DATABASE_URL or --database-url), upgrades it with
   the real migrations and bulk-inserts N opportunities (criteria, requirements, categories, wards; a
   mix of open, closed and cancelled) and M submitted bids with their snapshots, from 2,000 bidding
   organisations; then 16 client suppliers, each with a complete draft bid on S open opportunities.
   The opportunity search index is rebuilt from the database.
2. Starts gunicorn (gthread, the production config) on 127.0.0.1 against that database.
3. 16 threads, one keep-alive connection each: first the list (GET /opportunities with a seeded mix
   of filters, pages and words), then each signs in and submits its S bids (POST .../bid/review, the
   real service: lock, content, SHA-256 receipt, outbox email, audit).
4. Prints p50/p95/p99 for each, requests/s, and the load; drops the database and stops gunicorn.
With --cpu, steps 2-3 are replaced by one process serving each list shape (--requests times) and every
client's submits through Flask's test client: CPU time of the serving thread and statements per request,
which a loaded machine distorts far less than latency.
Targets (issue "Opportunities and sealed bids"): list p95 <= 100 ms, submit p95 <= 150 ms at 16 clients.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import shutil
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from tests.benchmarks.bench_http import HOST, Gunicorn, cpu_jiffies, cpu_seconds, loadavg, say
from tests.benchmarks.bench_search import machine, percentiles

PASSWORD = "bench opportunities password"
CATEGORIES = ["45", "50", "71", "77", "79", "85", "90", "92"]
WARDS = ["gospel-oak", "haverstock", "kentish-town-north", "camden-town", "kilburn", "whole-borough"]
WORDS = ["repairs", "cleaning", "estate", "youth", "gardening", "lighting", "surveys", "engagement"]
LIST_SHAPES = [
    ({}, "no filter"),
    ({"status": "open"}, "open"),
    ({"category": "50"}, "category"),
    ({"ward": "gospel-oak", "status": "open"}, "ward + open"),
    ({"value": "30k-100k"}, "value band"),
    ({"closing": "7d"}, "closing soon"),
    ({"page": "5"}, "page 5"),
    ({"q": "repairs"}, "words"),
]


def _rows_for_opportunity(number: int, now: datetime, rng: random.Random) -> dict[str, Any]:
    kind = rng.random()
    status, closes = "published", now + timedelta(days=rng.randint(1, 40), hours=rng.randint(0, 23))
    if kind < 0.4:
        closes = now - timedelta(days=rng.randint(1, 300))
    elif kind < 0.5:
        status = "cancelled"
    published = closes - timedelta(days=rng.randint(10, 30))
    word = WORDS[number % len(WORDS)]
    return {
        "id": number,
        "owner_id": 1,
        "status": status,
        "title": f"Estate {word} contract {number}",
        "summary": f"We want {word} for our estates, done with residents, in lot {number % 17}.",
        "description": f"Residents asked for better {word}. " * 5,
        "value_low": rng.choice([20_000, 50_000, 150_000]),
        "value_high": rng.choice([90_000, 250_000, 600_000]),
        "contract_months": 24,
        "who_may_bid": "anyone",
        "suitable_sme": rng.random() < 0.7,
        "suitable_vcse": rng.random() < 0.4,
        "scoring_scale": "0-4",
        "tie_break": "quality",
        "contact_email": "bench@camden.gov.uk",
        "questions_close_at": closes - timedelta(days=4),
        "answers_by_at": closes - timedelta(days=2),
        "closes_at": closes,
        "published_at": published,
        "cancelled_at": published + timedelta(days=2) if status == "cancelled" else None,
        "created_at": published - timedelta(days=3),
        "updated_at": published,
    }


def build_database(url: str, *, opportunities: int, bids: int, clients: int, submits: int, seed: int) -> dict:
    """Migrate and fill the scratch database; returns the clients' sign-ins and opportunities."""
    from sqlalchemy import create_engine, insert, text

    from marketplace import create_app
    from marketplace.accounts.passwords import hash_password
    from marketplace.db import Base
    from marketplace.extensions import db

    rng = random.Random(seed)
    now = datetime.now(UTC)
    app = create_app(
        "test",
        SQLALCHEMY_DATABASE_URI=url,
        SEARCH_INDEX_PATH=str(Path(tempfile.gettempdir()) / f"bench-opp-index-{uuid.uuid4().hex[:6]}"),
    )
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
    engine = create_engine(url)
    table = Base.metadata.tables
    started = time.perf_counter()
    password_hash = hash_password(PASSWORD)
    organisation_count = 2_000 + clients
    with engine.begin() as connection:
        connection.execute(
            insert(table["users"]),
            [
                {
                    "id": 1,
                    "email": "buyer@camden.gov.uk",
                    "password_hash": password_hash,
                    "role": "buyer",
                    "session_version": 1,
                    "email_verified_at": now,
                    "created_at": now,
                }
            ]
            + [
                {
                    "id": 2 + i,
                    "email": f"client{i}@bench.example",
                    "password_hash": password_hash,
                    "role": "supplier",
                    "session_version": 1,
                    "email_verified_at": now,
                    "created_at": now,
                }
                for i in range(clients)
            ],
        )
        connection.execute(
            insert(table["organisations"]),
            [
                {
                    "id": i + 1,
                    "name": f"Bench supplier {i + 1}",
                    "status": "published",
                    "size_band": "micro",
                    "is_sme": True,
                    "is_vcse": i % 5 == 0,
                    "serves_whole_borough": False,
                    "serves_neighbouring": False,
                    "serves_london": False,
                    "serves_national": False,
                    "created_at": now,
                    "updated_at": now,
                    "address_line_1": "1 High Street",
                    "town": "London",
                    "postcode": "NW5 1TL",
                }
                for i in range(organisation_count)
            ],
        )
        connection.execute(
            insert(table["memberships"]),
            [
                {"organisation_id": 2_000 + i + 1, "user_id": 2 + i, "role": "owner", "created_at": now}
                for i in range(clients)
            ],
        )
        rows = [_rows_for_opportunity(n, now, rng) for n in range(1, opportunities + clients * submits + 1)]
        client_opportunities = list(range(opportunities + 1, opportunities + clients * submits + 1))
        for number in client_opportunities:  # the ones the clients bid on: open for a while yet
            rows[number - 1].update(
                status="published", closes_at=now + timedelta(days=20), published_at=now - timedelta(days=1)
            )
        for start in range(0, len(rows), 5_000):
            connection.execute(insert(table["opportunities"]), rows[start : start + 5_000])
        criteria, requirements, categories, wards = [], [], [], []
        for row in rows:
            n = row["id"]
            criteria += [
                {
                    "id": 3 * n - 2,
                    "opportunity_id": n,
                    "kind": "quality",
                    "position": 0,
                    "title": "Your approach",
                    "weight": 50,
                    "word_limit": 500,
                    "price_kind": None,
                },
                {
                    "id": 3 * n - 1,
                    "opportunity_id": n,
                    "kind": "social-value",
                    "position": 1,
                    "title": "Social value",
                    "weight": 10,
                    "word_limit": 500,
                    "price_kind": None,
                },
                {
                    "id": 3 * n,
                    "opportunity_id": n,
                    "kind": "price",
                    "position": 2,
                    "title": "Price",
                    "weight": 40,
                    "word_limit": None,
                    "price_kind": "lump-sum",
                },
            ]
            requirements += [
                {"id": 2 * n - 1, "opportunity_id": n, "kind": "essential", "position": 0, "text": "You hold insurance"}
            ]
            requirements += [
                {"id": 2 * n, "opportunity_id": n, "kind": "essential", "position": 1, "text": "You can start soon"}
            ]
            categories.append({"opportunity_id": n, "code": CATEGORIES[n % len(CATEGORIES)]})
            wards.append({"opportunity_id": n, "ward": WARDS[n % len(WARDS)]})
        for name, batch in (
            ("opportunity_criteria", criteria),
            ("opportunity_requirements", requirements),
            ("opportunity_categories", categories),
            ("opportunity_wards", wards),
        ):
            for start in range(0, len(batch), 10_000):
                connection.execute(insert(table[name]), batch[start : start + 10_000])
        per_opportunity = max(1, bids // opportunities)
        bid_rows, made = [], 0
        for n in range(1, opportunities + 1):
            for j in range(per_opportunity):
                if made >= bids:
                    break
                made += 1
                snapshot = {
                    "format": 1,
                    "opportunity": n,
                    "answers": [{"criterion": 3 * n - 2, "text": "Our approach " * 20}],
                    "price": {"kind": "lump-sum", "total": "50000.00"},
                }
                bid_rows.append(
                    {
                        "opportunity_id": n,
                        "organisation_id": (j * 200 + n % 200) % 2_000 + 1,
                        "status": "submitted",
                        "declaration_agreed": True,
                        "submission": snapshot,
                        "receipt_code": uuid.uuid4().hex * 2,
                        "submitted_at": now - timedelta(days=1),
                        "submission_count": 1,
                        "created_at": now,
                        "updated_at": now,
                    }
                )
            if len(bid_rows) >= 10_000:
                connection.execute(insert(table["bids"]), bid_rows)
                bid_rows = []
        if bid_rows:
            connection.execute(insert(table["bids"]), bid_rows)
        # Each client supplier's complete drafts, ready to submit.
        drafts = []
        for i in range(clients):
            for k in range(submits):
                n = client_opportunities[i * submits + k]
                drafts.append(
                    {
                        "opportunity_id": n,
                        "organisation_id": 2_000 + i + 1,
                        "status": "draft",
                        "price_amount": 45_000 + k,
                        "declaration_agreed": True,
                        "submission_count": 0,
                        "created_at": now,
                        "updated_at": now,
                    }
                )
        connection.execute(insert(table["bids"]), drafts)
        draft_ids = connection.execute(
            text("SELECT id, opportunity_id FROM bids WHERE status = 'draft' ORDER BY id")
        ).all()
        answers, eligibility = [], []
        for bid_id, n in draft_ids:
            answers += [
                {
                    "bid_id": bid_id,
                    "criterion_id": 3 * n - c,
                    "text": "We will work with residents. " * 30,
                    "updated_at": now,
                }
                for c in (2, 1)
            ]
            eligibility += [
                {"bid_id": bid_id, "requirement_id": 2 * n - r, "meets": True, "answered_at": now} for r in (1, 0)
            ]
        connection.execute(insert(table["bid_answers"]), answers)
        connection.execute(insert(table["bid_eligibility"]), eligibility)
        for name in (
            "users",
            "organisations",
            "memberships",
            "opportunities",
            "opportunity_criteria",
            "opportunity_requirements",
            "bids",
        ):
            connection.execute(
                text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), (SELECT MAX(id) FROM {name}))")
            )
    inserted = time.perf_counter() - started
    started = time.perf_counter()
    with app.app_context():
        from marketplace.search.services import reindex

        indexed = reindex("opportunity")
        db.session.remove()
        db.engine.dispose()
    engine.dispose()
    vacuum_analyze(url)
    return {
        "insert_s": inserted,
        "reindex_s": time.perf_counter() - started,
        "indexed": indexed,
        "clients": [
            {
                "email": f"client{i}@bench.example",
                "opportunities": client_opportunities[i * submits : (i + 1) * submits],
            }
            for i in range(clients)
        ],
        "index_path": app.config["SEARCH_INDEX_PATH"],
    }


class Client:
    """One keep-alive connection with its own cookies."""

    def __init__(self, port: int) -> None:
        self.connection = http.client.HTTPConnection(HOST, port, timeout=120)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: dict | None = None) -> tuple[int, str, float]:
        """(status, page, seconds). A connection the server closed while idle is reopened once."""
        for attempt in (1, 2):
            try:
                return self._request(method, path, body)
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.connection.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def _request(self, method: str, path: str, body: dict | None) -> tuple[int, str, float]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        data = urlencode(body) if body is not None else None
        if data is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        self.connection.request(method, path, body=data, headers=headers)
        response = self.connection.getresponse()
        text = response.read().decode(errors="replace")
        elapsed = time.perf_counter() - started
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie(header)
            self.cookies.update({key: morsel.value for key, morsel in cookie.items()})
        return response.status, text, elapsed

    def csrf(self, path: str) -> str:
        status, page, _ = self.request("GET", path)
        match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"', page)
        if match is None:
            match = re.search(r'value="([^"]+)"[^>]*name="csrf_token"', page)
        if match is None:
            raise RuntimeError(f"no CSRF token on {path} ({status})")
        return next(group for group in match.groups() if group)


def run_list(port: int, requests: int, seed: int, results: list, errors: list, label_times: dict) -> None:
    rng = random.Random(seed)
    client = Client(port)
    try:
        for _ in range(requests):
            args, label = rng.choice(LIST_SHAPES)
            status, page, ms = client.request("GET", "/opportunities" + ("?" + urlencode(args) if args else ""))
            if status != 200 or "opportunit" not in page:
                errors.append(f"list {args}: {status}")
            results.append(ms)
            label_times.setdefault(label, []).append(ms)
    except Exception as error:
        errors.append(repr(error))


def run_submits(port: int, client_info: dict, results: list, errors: list, barrier: threading.Barrier) -> None:
    client = Client(port)
    try:
        token = client.csrf("/sign-in")
        status, _, _ = client.request(
            "POST", "/sign-in", {"csrf_token": token, "email": client_info["email"], "password": PASSWORD}
        )
        if status != 302:
            raise RuntimeError(f"sign-in {status}")
        first = client_info["opportunities"][0]
        token = client.csrf(f"/opportunities/{first}/bid/review")
        barrier.wait(timeout=120)
        for opportunity_id in client_info["opportunities"]:
            status, page, ms = client.request(
                "POST", f"/opportunities/{opportunity_id}/bid/review", {"csrf_token": token}
            )
            if status != 302:
                errors.append(f"submit {opportunity_id}: {status} {page[:200]!r}")
            results.append(ms)
    except Exception as error:
        errors.append(repr(error))
        barrier.abort()


def measure_cpu(url: str, index_path: str, clients: list[dict], *, requests: int, warm: int = 3) -> dict[str, Any]:
    """In one process, through Flask's test client (no gunicorn, no network): the CPU time of the serving thread
    (`time.thread_time`: not PostgreSQL's, not waits for a core) and the statements of each list shape and each
    client submit. The production config against the benchmark's database."""
    from marketplace import create_app

    saved = {name: os.environ.get(name) for name in ("SECRET_KEY", "MARKETPLACE_FAST_HASHING")}
    os.environ.update(SECRET_KEY=saved["SECRET_KEY"] or uuid.uuid4().hex * 2, MARKETPLACE_FAST_HASHING="1")
    try:
        app = create_app(
            "production",
            SQLALCHEMY_DATABASE_URI=url,
            SEARCH_INDEX_PATH=index_path,
            SEARCH_APPLIER=False,
            RATELIMIT_ENABLED=False,
            SESSION_COOKIE_SECURE=False,
            SERVICE_URL=f"http://{HOST}",
        )
        return _measure_cpu(app, clients, requests=requests, warm=warm)
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _measure_cpu(app, clients: list[dict], *, requests: int, warm: int) -> dict[str, Any]:
    import statistics

    from sqlalchemy import event

    from marketplace.extensions import db

    statements = [0]
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", lambda *_: statements.__setitem__(0, statements[0] + 1))
    client = app.test_client()
    base = f"http://{HOST}"

    def timed(method: str, path: str, expect: int, data: dict | None = None) -> tuple[float, int]:
        statements[0] = 0
        started = time.thread_time()
        response = client.open(path, method=method, data=data, base_url=base)
        cpu = (time.thread_time() - started) * 1000
        if response.status_code != expect:
            raise RuntimeError(f"{method} {path}: {response.status_code}")
        return cpu, statements[0]

    def token(path: str) -> str:
        page = client.get(path, base_url=base).get_data(as_text=True)
        match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
        if match is None:
            raise RuntimeError(f"no CSRF token on {path}")
        return match.group(1)

    def summary(samples: list[tuple[float, int]]) -> dict[str, float]:
        cpu = sorted(ms for ms, _ in samples)
        return {
            "median_ms": statistics.median(cpu),
            "p90_ms": cpu[min(len(cpu) - 1, round(0.9 * (len(cpu) - 1)))],
            "statements": statistics.median(n for _, n in samples),
        }

    figures: dict[str, Any] = {"list": {}}
    for args, label in LIST_SHAPES:
        path = "/opportunities" + ("?" + urlencode(args) if args else "")
        for _ in range(warm):
            timed("GET", path, 200)
        figures["list"][label] = summary([timed("GET", path, 200) for _ in range(requests)])
    submits = []
    for info in clients:
        sign_in = {"csrf_token": token("/sign-in"), "email": info["email"], "password": PASSWORD}
        client.post("/sign-in", data=sign_in, base_url=base)
        csrf = token(f"/opportunities/{info['opportunities'][0]}/bid/review")
        for opportunity_id in info["opportunities"]:
            submits.append(timed("POST", f"/opportunities/{opportunity_id}/bid/review", 302, {"csrf_token": csrf}))
        client.post("/sign-out", data={"csrf_token": csrf}, base_url=base)
    figures["submit"] = summary(submits[warm:] or submits)
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    return figures


def vacuum_analyze(url: str) -> None:
    """Statistics and visibility maps for the bulk-inserted rows before anything is timed, as a database that has
    been running has them: otherwise autovacuum works through 100,000 new bids during the timed requests (its CPU
    counted as PostgreSQL's) and the first plans are made without statistics."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text("VACUUM ANALYZE"))
    engine.dispose()


def _threads(targets: list) -> float:
    started = time.perf_counter()
    threads = [threading.Thread(target=target, args=args) for target, args in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=900)
    return time.perf_counter() - started


def _report_cpu(figures: dict[str, Any], url: str, index_path: str, clients: list[dict], args) -> int:
    load_before = loadavg()
    figures["cpu"] = measure_cpu(url, index_path, clients, requests=args.requests)
    figures["load"] = {"before": load_before, "after": loadavg()}
    say(f"CPU ms per request (serving thread), {args.requests} requests a shape: median / p90, statements")
    for label, cpu in [*figures["cpu"]["list"].items(), ("bid submit", figures["cpu"]["submit"])]:
        say(f"  {label:14} {cpu['median_ms']:6.1f} / {cpu['p90_ms']:6.1f} ms  {cpu['statements']:4.0f} statements")
    say(f"load average before/after: {load_before} / {figures['load']['after']}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, default=str))
    return 0


def _postgres_pids() -> list[int]:
    """The PostgreSQL server's processes on this machine (backends and helpers), from /proc."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() in ("postgres", "postmaster"):
                    pids.append(int(entry.name))
            except OSError:
                continue
    return pids


class CpuSplit:
    """Where the machine's CPU went during a phase, per request: gunicorn's workers, PostgreSQL's processes,
    this process (the 16 clients) and the rest; from /proc, so it holds on a shared machine too."""

    def __init__(self, worker_pids: list[int]) -> None:
        self.workers = worker_pids
        self.postgres = {pid: cpu_seconds(pid) for pid in _postgres_pids()}
        self.gunicorn = sum(cpu_seconds(pid) for pid in worker_pids)
        self.clients = sum(os.times()[:2])
        self.machine = cpu_jiffies()

    def per_request(self, requests: int) -> dict[str, float]:
        postgres = sum(cpu_seconds(pid) - self.postgres.get(pid, 0.0) for pid in _postgres_pids())
        gunicorn = sum(cpu_seconds(pid) for pid in self.workers) - self.gunicorn
        clients = sum(os.times()[:2]) - self.clients
        busy, total, steal = (after - before for after, before in zip(cpu_jiffies(), self.machine))
        tick = os.sysconf("SC_CLK_TCK")
        n = max(1, requests)
        split = {
            "gunicorn_ms": gunicorn * 1000 / n,
            "postgres_ms": postgres * 1000 / n,
            "clients_ms": clients * 1000 / n,
            "machine_busy_ms": (busy - steal) / tick * 1000 / n,  # steal: the hypervisor's, not ours
            "steal_ms": steal / tick * 1000 / n,
            "machine_busy_share": busy / total if total else 0.0,
        }
        split["other_ms"] = split["machine_busy_ms"] - split["gunicorn_ms"] - split["postgres_ms"] - split["clients_ms"]
        return split


def _say_split(split: dict[str, float]) -> None:
    say(
        f"  CPU a request: gunicorn {split['gunicorn_ms']:.1f} ms, PostgreSQL {split['postgres_ms']:.1f} ms, "
        f"clients {split['clients_ms']:.1f} ms, other {split['other_ms']:.1f} ms, stolen by the host "
        f"{split['steal_ms']:.1f} ms "
        f"(the machine's CPUs {split['machine_busy_share']:.0%} busy)"
    )


def _fmt(p: dict[str, float]) -> str:
    return f"p50 {p['p50']:.1f} / p95 {p['p95']:.1f} / p99 {p['p99']:.1f} ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--opportunities", type=int, default=10_000)
    parser.add_argument("--bids", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=40, help="list requests per client")
    parser.add_argument("--submits", type=int, default=20, help="bids each client submits")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"),
    )
    parser.add_argument("--json", type=Path)
    parser.add_argument(
        "--cpu",
        action="store_true",
        help="instead of gunicorn and 16 clients: CPU ms and statements per request in one process (thread time)",
    )
    args = parser.parse_args(argv)

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    figures: dict[str, Any] = {"machine": machine(), "args": {k: str(v) for k, v in vars(args).items()}}
    say(f"machine: {figures['machine']}")
    server_url = make_url(args.database_url)
    name = f"bench_opportunities_{uuid.uuid4().hex[:8]}"
    figures["database"] = name
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = server_url.set(database=name).render_as_string(hide_password=False)
    root = Path(tempfile.mkdtemp(prefix="bench-opportunities-"))
    server = None
    try:
        say(f"building: {args.opportunities:,} opportunities, {args.bids:,} bids on PostgreSQL ({name})")
        built = build_database(
            url,
            opportunities=args.opportunities,
            bids=args.bids,
            clients=args.clients,
            submits=args.submits,
            seed=args.seed,
        )
        figures["build"] = {k: built[k] for k in ("insert_s", "reindex_s", "indexed")}
        say(
            f"inserted in {built['insert_s']:.1f} s; reindex from the database {built['reindex_s']:.1f} s "
            f"({built['indexed']:,} documents)"
        )
        shutil.move(built["index_path"], root / "index")
        if args.cpu:
            return _report_cpu(figures, url, str(root / "index"), built["clients"], args)
        server = Gunicorn(
            root,
            args.workers,
            args.threads,
            env={
                "DATABASE_URL": url,
                "SEARCH_INDEX_PATH": str(root / "index"),
                "MARKETPLACE_FAST_HASHING": "1",
                "RATELIMIT_ENABLED": "false",
            },
        )
        server.start()
        say(
            f"/healthz answered after {server.wait_ready(120):.1f} s "
            f"(gunicorn {args.workers} x {args.threads}, pid {server.proc.pid if server.proc else 0})"
        )
        warm: list[float] = []
        _threads([(run_list, (server.port, 5, args.seed + 99 + i, warm, [], {})) for i in range(args.workers * 2)])

        list_times: list[float] = []
        errors: list[str] = []
        shapes: dict[str, list[float]] = {}
        load_before = loadavg()
        split = CpuSplit(server.worker_pids)
        elapsed = _threads(
            [
                (run_list, (server.port, args.requests, args.seed + i, list_times, errors, shapes))
                for i in range(args.clients)
            ]
        )
        figures["list_ms"] = percentiles(list_times)
        figures["list_requests_per_s"] = len(list_times) / elapsed
        figures["list_by_shape_p95"] = {label: percentiles(times)["p95"] for label, times in shapes.items()}
        say(
            f"list, {args.clients} clients, {len(list_times)} requests: {_fmt(figures['list_ms'])}; "
            f"{figures['list_requests_per_s']:.1f} requests/s"
        )
        say("  p95 by shape: " + ", ".join(f"{k} {v:.0f}" for k, v in figures["list_by_shape_p95"].items()) + " ms")
        figures["list_cpu"] = split.per_request(len(list_times))
        _say_split(figures["list_cpu"])

        submit_times: list[float] = []
        barrier = threading.Barrier(args.clients)
        split = CpuSplit(server.worker_pids)
        elapsed = _threads(
            [(run_submits, (server.port, info, submit_times, errors, barrier)) for info in built["clients"]]
        )
        figures["submit_ms"] = percentiles(submit_times)
        figures["submits_per_s"] = len(submit_times) / elapsed
        say(
            f"submit, {args.clients} clients, {len(submit_times)} submits: {_fmt(figures['submit_ms'])}; "
            f"{figures['submits_per_s']:.1f} submits/s"
        )
        # The phase also signs each client in and reads one review page (two requests a client, not counted).
        figures["submit_cpu"] = split.per_request(len(submit_times))
        _say_split(figures["submit_cpu"])
        figures["load"] = {"before": load_before, "after": loadavg()}
        say(f"load average before/after: {load_before} / {loadavg()}")
        with create_engine(url).connect() as connection:
            recorded = connection.execute(
                text("SELECT count(*) FROM bids WHERE status = 'submitted' AND submission_count = 1")
            ).scalar()
        figures["submitted_total"] = recorded
        say(f"submitted bids in the database: {recorded:,}")
        if errors:
            say(f"{len(errors)} errors, first: {errors[:3]}")
            figures["errors"] = errors[:20]
        else:
            say("all 200 (list) and 302 (submit)")
        figures["pids"] = {"master": server.proc.pid if server.proc else 0, "workers": server.worker_pids}
        if args.json:
            args.json.write_text(json.dumps(figures, indent=2, default=str))
        return 1 if errors else 0
    finally:
        if server is not None:
            server.stop()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
