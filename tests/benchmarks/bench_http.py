"""The search page over HTTP under gunicorn: latency from one client, and worker memory.

    python -m tests.benchmarks.bench_http                      # 10,000 profiles (quick)
    python -m tests.benchmarks.bench_http --profiles 100000    # the issue's figure

1. Makes a scratch SQLite database (temporary folder), upgrades it with the real
   migrations and bulk-inserts N published organisations (categories, wards, case
   studies, social value commitments) from `generate_profiles.py`, then builds the
   index from the database with `marketplace.search.services.reindex("supplier")`
   (what `flask search reindex` does; its time is printed).
2. Starts gunicorn (gthread, 2 workers x 4 threads) on 127.0.0.1, waits for
   /healthz, warms every worker, then sends the in-process benchmark's query mix
   (free text + 2 filters, sorted and paged the same way; the page itself asks for
   every facet and highlights 20 hits) to `GET /suppliers` from ONE keep-alive
   client, and prints p50/p95/p99, requests/s and each worker's RSS.
Targets (issue "Buyers search suppliers"): p95 <= 100 ms, worker RSS <= 400 MB at 100k.
gunicorn is always stopped and the temporary folder removed (unless --keep/--dir).
"""

from __future__ import annotations

import argparse
import atexit
import ctypes
import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from tests.benchmarks.bench_search import machine, make_tagged_queries, percentiles
from tests.benchmarks.generate_profiles import CLIENTS, CPV, generate_profiles

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
# The generator's theme names -> the app's social value theme slugs (reference data).
THEME_SLUGS = {
    "local-skills-and-employment": "jobs",
    "responsible-regional-business": "growth",
    "healthier-safer-communities": "social",
    "environment": "environment",
    "social-innovation": "innovation",
}
SIZE_BANDS = {
    "micro": ("1-10", "up-to-1m"),
    "small": ("11-50", "1m-15m"),
    "medium": ("51-249", "15m-44m"),
    "large": ("250+", "over-54m"),
}
AREA_COLUMNS = {
    "whole-borough": "serves_whole_borough",
    "neighbouring": "serves_neighbouring",
    "london": "serves_london",
    "national": "serves_national",
}
BUILT_MARKER = "built.json"
ACCESS_FORMAT = '%(p)s %(s)s %(D)s "%(r)s"'
ACCESS_LINE = re.compile(r'^<(\d+)> (\d{3}) (\d+) "GET /suppliers[?/ ]')  # search requests only


def say(message: str) -> None:
    print(message, flush=True)


def cpu_jiffies() -> tuple[int, int, int]:
    """(busy, total, steal) jiffies of the whole machine, from /proc/stat."""
    try:
        values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return 0, 0, 0
    idle = values[3] + (values[4] if len(values) > 4 else 0)
    steal = values[7] if len(values) > 7 else 0
    return sum(values[:8]) - idle, sum(values[:8]), steal


def runnable() -> int:
    """Tasks running or ready to run on the machine right now (procs_running)."""
    try:
        for line in Path("/proc/stat").read_text().splitlines():
            if line.startswith("procs_running"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


# -- 1. the database ---------------------------------------------------------------------------


def _case_rows(org_id: int, profile: dict[str, Any]) -> list[dict[str, Any]]:
    """The generator's case study paragraphs as CaseStudy rows (text kept word for word)."""
    rows = []
    for text in profile["case_studies"].split("\n\n"):
        sentences = [s if s.endswith(".") else s + "." for s in text.split(". ") if s]
        client = next((c for c in CLIENTS if c in text), "a local client")
        service = next((s for s in profile["services"] if s in text), profile["services"][0])
        rows.append(
            {
                "organisation_id": org_id,
                "title": service[:1].upper() + service[1:],
                "client": client,
                "problem": sentences[0],
                "approach": " ".join(sentences[1:-1]),
                "outcome": sentences[-1] if len(sentences) > 1 else "",
                "resident_engagement": None,
                "created_at": profile["updated_at"],
            }
        )
    return rows


def profile_rows(
    org_id: int, profile: dict[str, Any], rng: random.Random, measures: dict[str, list[dict]]
) -> dict[str, list[dict[str, Any]]]:
    """One generated profile as rows of organisations and its child tables."""
    size = profile["size_band"]
    staff, turnover = SIZE_BANDS[size]
    declarations = set(profile["declarations"])
    wards = profile["wards"]
    updated = profile["updated_at"]
    slug = re.sub(r"[^a-z0-9]+", "-", profile["name"].lower()).strip("-")[:40]
    organisation = {
        "id": org_id,
        "name": profile["name"],
        "trading_name": profile["trading_name"],
        "legal_form": ("cio" if org_id % 2 else "cic")
        if "vcse" in declarations
        else ("plc" if size == "large" else "ltd"),
        "identifier_scheme": None,
        "identifier_number": None,
        "address_line_1": f"{org_id % 300 + 1} High Street",
        "address_line_2": None,
        "town": "London",
        "postcode": "NW1 0NE",
        "website": f"https://{slug}.example.org.uk",
        "contact_name": "Alex Morgan",
        "contact_email": f"hello@{slug}.example.org.uk",
        "contact_phone": "020 7946 0000",
        "staff_band": staff,
        "turnover_band": turnover,
        "size_band": size,
        "is_sme": profile["is_sme"],
        "is_vcse": "vcse" in declarations,
        "vcse_type": None,
        "supported_employment": "supported_employment" in declarations,
        "public_service_mutual": "public_service_mutual" in declarations,
        **{column: area in wards for area, column in AREA_COLUMNS.items()},
        "based_in_borough": profile["based_in_borough"],
        "summary": profile["summary"],
        "description": profile["description"],
        "services": "\n".join(profile["services"]),
        "status": "published",
        "published_at": updated,
        "created_at": updated - timedelta(days=rng.randint(1, 400)),
        "updated_at": updated,
    }
    commitments = []
    for theme in profile["social_value_themes"]:
        slug = THEME_SLUGS[theme]
        measure = rng.choice(measures[slug]) if measures.get(slug) else {"name": theme, "unit": "people"}
        commitments.append(
            {
                "organisation_id": org_id,
                "theme": slug,
                "measure": measure["name"][:200],
                "quantity": Decimal(rng.randint(1, 40)),
                "unit": str(measure.get("unit") or "people")[:40],
                "period": "per year",
                "evidence_url": None,
                "created_at": updated,
            }
        )
    return {
        "organisations": [organisation],
        "organisation_categories": [{"organisation_id": org_id, "code": c["code"]} for c in profile["categories"]],
        "organisation_wards": [{"organisation_id": org_id, "ward": w} for w in wards if w not in AREA_COLUMNS],
        "case_studies": _case_rows(org_id, profile),
        "social_value_commitments": commitments,
    }


def insert_profiles(
    engine, profiles: Iterable[dict[str, Any]], total: int, seed: int, chunk: int = 2000, first_id: int = 1
) -> int:
    """Bulk-insert with SQLAlchemy Core executemany, a transaction per chunk, ids from `first_id`."""
    from marketplace.suppliers import reference
    from marketplace.suppliers.models import (
        CaseStudy,
        Organisation,
        OrganisationCategory,
        OrganisationWard,
        SocialValueCommitment,
    )

    tables = {
        model.__tablename__: model.__table__
        for model in (Organisation, OrganisationCategory, OrganisationWard, CaseStudy, SocialValueCommitment)
    }
    measures = {slug: theme.get("measures", []) for slug, theme in reference.social_value_themes().items()}
    rng = random.Random(seed + 1)
    step = max(1000, total // 10)
    start, done, next_report = time.perf_counter(), 0, step
    batch: dict[str, list[dict[str, Any]]] = {name: [] for name in tables}

    def flush() -> None:
        with engine.begin() as connection:
            if connection.dialect.name == "sqlite":  # bench_load fills PostgreSQL with the same rows
                connection.exec_driver_sql("PRAGMA synchronous=OFF")
            for name, table in tables.items():  # parents first
                if batch[name]:
                    connection.execute(table.insert(), batch[name])
                    batch[name].clear()

    for index, profile in enumerate(profiles):
        for name, rows in profile_rows(first_id + index, profile, rng, measures).items():
            batch[name].extend(rows)
        done += 1
        if done % chunk == 0:
            flush()
        if done >= next_report:
            say(f"  inserted {done:,} / {total:,} profiles ({time.perf_counter() - start:.1f} s)")
            next_report += step
    flush()
    return done


def build_database(root: Path, count: int, seed: int) -> dict[str, Any]:
    """Migrate a scratch SQLite database, fill it, build the index from it. Returns figures."""
    from flask_migrate import upgrade
    from sqlalchemy import func, select

    from marketplace import create_app
    from marketplace.extensions import db
    from marketplace.search import services
    from marketplace.suppliers.models import CaseStudy, Organisation, SocialValueCommitment

    figures: dict[str, Any] = {}
    app = create_app(
        "test",
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{root / 'bench.sqlite3'}",
        SEARCH_INDEX_PATH=str(root / "index"),
        INSTANCE_PATH=str(root / "instance"),
        STORAGE_LOCAL_PATH=str(root / "instance" / "uploads"),
    )
    with app.app_context():
        start = time.perf_counter()
        upgrade(directory=str(ROOT / "migrations"))
        figures["migrate_s"] = time.perf_counter() - start
        say(f"migrated a scratch SQLite database in {figures['migrate_s']:.1f} s")

        start = time.perf_counter()
        insert_profiles(db.engine, generate_profiles(count, seed), count, seed)
        figures["insert_s"] = time.perf_counter() - start
        counts = {
            model.__tablename__: db.session.scalar(select(func.count()).select_from(model))
            for model in (Organisation, CaseStudy, SocialValueCommitment)
        }
        figures["rows"] = counts
        say(
            f"generated + inserted {count:,} profiles in {figures['insert_s']:.1f} s ("
            + ", ".join(f"{n:,} {table}" for table, n in counts.items())
            + ")"
        )

        reported = [0]

        def progress(done: int, total: int | None) -> None:
            step = max(1000, (total or count) // 5)
            if done - reported[0] >= step or (total and done == total and reported[0] != done):
                reported[0] = done
                say(f"  reindexed {done:,} / {total or count:,} ({time.perf_counter() - start:.1f} s)")

        start = time.perf_counter()
        indexed = services.reindex("supplier", progress)
        figures["reindex_s"] = time.perf_counter() - start
        services.get_index().close()
        db.session.remove()
        db.engine.dispose()
    index_mb = sum(f.stat().st_size for f in (root / "index").rglob("*") if f.is_file()) / 1e6
    figures.update(indexed=indexed, index_mb=index_mb, db_mb=(root / "bench.sqlite3").stat().st_size / 1e6)
    say(
        f"reindex from the database (services.reindex, as `flask search reindex`): {figures['reindex_s']:.1f} s "
        f"for {indexed:,} documents ({index_mb:.0f} MB index, {figures['db_mb']:.0f} MB database)"
    )
    return figures


# -- 2. gunicorn -------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _die_with_parent() -> None:  # runs in the child before exec: SIGTERM if the benchmark dies
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGTERM))  # PR_SET_PDEATHSIG
    except Exception:
        pass


def read_status(pid: int) -> dict[str, float]:
    """VmRSS and VmHWM of a process in MB."""
    values = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(("VmRSS", "VmHWM")):
                key, value = line.split(":")
                values[key] = int(value.split()[0]) / 1024
    except OSError:
        pass
    return values


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


class Gunicorn:
    """gunicorn serving the app on 127.0.0.1; stop() is idempotent and also runs at exit."""

    def __init__(
        self,
        root: Path,
        workers: int,
        threads: int,
        app: str = "marketplace:create_app()",
        env: dict[str, str] | None = None,
    ) -> None:
        self.root, self.workers, self.threads, self.app, self.extra_env = root, workers, threads, app, env or {}
        self.port = free_port()
        self.proc: subprocess.Popen | None = None
        self.worker_pids: list[int] = []
        self.access_log = root / "access.log"
        self.error_log = root / "gunicorn.log"
        self._access_offset = 0

    def start(self) -> None:
        env = dict(
            os.environ,
            MARKETPLACE_ENV="production",
            SECRET_KEY="bench",
            DATABASE_URL=f"sqlite:///{self.root / 'bench.sqlite3'}",
            SEARCH_INDEX_PATH=str(self.root / "index"),
            INSTANCE_PATH=str(self.root / "instance"),
            STORAGE_LOCAL_PATH=str(self.root / "instance" / "uploads"),
            SESSION_COOKIE_SECURE="false",
            STORAGE_BACKEND="local",
            PYTHONUNBUFFERED="1",
            # The benchmarks measure the app, not the limiter (production requires shared Redis storage for it).
            RATELIMIT_ENABLED="false",
        )
        env.update(self.extra_env)
        self.access_log.write_text("")
        # The production config (its worker warm-up and gc.freeze) with this run's sizes and paths.
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "--config",
            str(ROOT / "gunicorn.conf.py"),
            "-k",
            "gthread",
            "--workers",
            str(self.workers),
            "--threads",
            str(self.threads),
            "--bind",
            f"{HOST}:{self.port}",
            "--access-logfile",
            str(self.access_log),
            "--access-logformat",
            ACCESS_FORMAT,
            "--error-logfile",
            str(self.error_log),
            self.app,
        ]
        with open(self.root / "gunicorn.out", "wb") as out:
            self.proc = subprocess.Popen(
                command,
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
                preexec_fn=_die_with_parent,
            )
        atexit.register(self.stop)

    def children(self) -> list[int]:
        assert self.proc is not None
        try:
            found = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children").read_text().split()
            return sorted(int(pid) for pid in found)
        except OSError:
            return []

    def wait_ready(self, timeout: float) -> float:
        """Seconds until /healthz answers 200 and every worker has booted."""
        assert self.proc is not None
        start = time.perf_counter()
        last = "no answer"
        while time.perf_counter() - start < timeout:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.proc.returncode}:\n{self.log_tail()}")
            try:
                status, body = get(self.port, "/healthz", timeout=30)
                if status == 200 and len(self.children()) >= self.workers:
                    self.worker_pids = self.children()
                    return time.perf_counter() - start
                last = f"{status} {body[:300]!r}"
            except OSError as error:
                last = repr(error)
            time.sleep(0.1)
        raise TimeoutError(f"gunicorn not ready after {timeout:.0f} s ({last}):\n{self.log_tail()}")

    def log_tail(self, lines: int = 30) -> str:
        text = ""
        for path in (self.root / "gunicorn.out", self.error_log):
            if path.exists():
                text += "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) + "\n"
        return text

    def access_lines(self, expect: int, timeout: float = 5.0) -> list[tuple[int, int, float]]:
        """The next `expect` search lines of the access log as (worker pid, status, server ms)."""
        deadline = time.perf_counter() + timeout
        while True:
            with open(self.access_log, "rb") as f:
                f.seek(self._access_offset)
                data = f.read()
            complete = data[: data.rfind(b"\n") + 1]
            parsed = [m for line in complete.decode(errors="replace").splitlines() if (m := ACCESS_LINE.match(line))]
            if len(parsed) >= expect or time.perf_counter() > deadline:
                self._access_offset += len(complete)
                return [(int(m[1]), int(m[2]), int(m[3]) / 1000) for m in parsed]
            time.sleep(0.01)

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is None:
            return
        pids = set(self.worker_pids) | set(self.children_of(proc.pid))
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)  # graceful: the master stops its workers
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)
        for pid in pids:  # only our own workers, by pid, if any outlived the master
            if alive(pid):
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass

    @staticmethod
    def children_of(pid: int) -> list[int]:
        try:
            return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
        except OSError:
            return []


def get(port: int, path: str, timeout: float = 60) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Connection": "close"})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


# -- 3. the queries ----------------------------------------------------------------------------


def http_queries(count: int, seed: int) -> list[tuple[str, str]]:
    """bench_search's seeded query mix as page URLs: (shape, "/suppliers?...").

    Same text, sort and page; filters use the page's parameter names and values the app
    accepts. The scratch database has no frameworks, so a framework lot filter becomes a
    category (every query keeps 2 filters); theme names become the app's theme slugs.
    """
    rng = random.Random(seed + 7)
    divisions = sorted(c for c in CPV if len(c) == 2)
    out = []
    for shape, request in make_tagged_queries(count, seed):
        filters = dict(request.filters)
        if "framework_lots" in filters:
            del filters["framework_lots"]
            name = "categories" if "categories" not in filters else "declarations"
            filters[name] = [rng.choice(divisions)] if name == "categories" else ["vcse"]
        pairs = [("q", request.text)] if request.text else []
        for name, values in filters.items():
            for value in values:
                pairs.append((name, THEME_SLUGS.get(value, value) if name == "social_value_themes" else value))
        if request.sort != "relevance":
            pairs.append(("sort", request.sort))
        if request.page > 1:
            pairs.append(("page", str(request.page)))
        out.append((shape, "/suppliers?" + urlencode(pairs)))
    return out


def warm_workers(server: Gunicorn, urls: list[str], per_worker: int, deadline: float) -> dict[int, dict[str, Any]]:
    """New connections until every worker has served `per_worker` searches (bounded)."""
    served: dict[int, list[float]] = {pid: [] for pid in server.worker_pids}
    attempts, limit = 0, per_worker * len(served) * 20
    while min(len(v) for v in served.values()) < per_worker and attempts < limit:
        if time.perf_counter() > deadline:
            raise TimeoutError("time limit reached while warming the workers")
        url = urls[attempts % len(urls)]
        attempts += 1
        start = time.perf_counter()
        status, _body = get(server.port, url)
        elapsed = time.perf_counter() - start
        if status != 200:
            raise AssertionError(f"warm-up {url} answered {status}")
        for pid, _status, _ms in server.access_lines(1):
            served.setdefault(pid, []).append(elapsed)
    return {
        pid: {"requests": len(times), "first_ms": times[0] * 1000 if times else None} for pid, times in served.items()
    }


def run_client(
    port: int, urls: list[str], deadline: float, timeout: float = 60, marker: bytes | None = b'id="result-count"'
) -> tuple[list[float], list[int], int, float, list[int]]:
    """ONE keep-alive connection, requests in sequence.

    Returns (seconds each, statuses, reconnects, wall seconds, runnable tasks before each)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    times, statuses, reconnects, running = [], [], 0, []
    wall = time.perf_counter()
    try:
        for url in urls:
            if time.perf_counter() > deadline:
                raise TimeoutError(f"time limit reached after {len(times)} requests")
            running.append(runnable())  # contention: tasks wanting a CPU, sampled before each request
            for attempt in (1, 2):
                start = time.perf_counter()
                try:
                    connection.request("GET", url)
                    response = connection.getresponse()
                    body = response.read()
                    break
                except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                    if attempt == 2:
                        raise
                    reconnects += 1
                    connection.close()
                    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
            times.append(time.perf_counter() - start)
            statuses.append(response.status)
            if response.status == 200 and marker is not None and marker not in body:
                statuses[-1] = -200  # a 200 without the results: count as a failure
            if response.will_close:
                connection.close()
                connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
                reconnects += 1
    finally:
        connection.close()
    return times, statuses, reconnects, time.perf_counter() - wall, running


# -- main --------------------------------------------------------------------------------------


def page_urls(count: int, seed: int, profiles: int, search: list[str]) -> dict[str, list[str]]:
    """The other hot pages, `count` requests each: a public profile (random published
    organisation), the notices list (plain and with words), the home page, and searches."""
    rng = random.Random(seed + 11)
    words = ["cleaning", "youth", "repairs", "community", "training", "gardens"]
    return {
        "home": ["/"] * count,
        "public profile": [f"/suppliers/{rng.randint(1, profiles)}" for _ in range(count)],
        "notices": ["/notices" if i % 2 else f"/notices?q={rng.choice(words)}" for i in range(count)],
        "search": [search[i % len(search)] for i in range(count)],
    }


def measure_pages(server: Gunicorn, pages: dict[str, list[str]], deadline: float) -> dict[str, Any]:
    """Each page kind from one keep-alive client: latency, and the workers' CPU per request."""
    out: dict[str, Any] = {}
    for kind, urls in pages.items():
        before = {pid: cpu_seconds(pid) for pid in server.worker_pids}
        times, statuses, _reconnects, _wall, _running = run_client(server.port, urls, deadline, marker=None)
        cpu = sum(cpu_seconds(pid) - before[pid] for pid in server.worker_pids)
        out[kind] = {
            "requests": len(times),
            "not_200": sum(1 for status in statuses if status != 200),
            "http_ms": percentiles(times),
            "cpu_ms_per_request": cpu * 1000 / max(len(times), 1),
        }
    return out


def _fmt(p: dict[str, float]) -> str:
    return f"p50 {p['p50']:.1f} ms, p95 {p['p95']:.1f} ms, p99 {p['p99']:.1f} ms, max {p['max']:.1f} ms"


def _prepare(root: Path, args: argparse.Namespace, figures: dict[str, Any]) -> None:
    marker = root / BUILT_MARKER
    wanted = {"profiles": args.profiles, "seed": args.seed}
    if marker.exists() and {k: v for k, v in json.loads(marker.read_text()).items() if k in wanted} == wanted:
        figures["build"] = json.loads(marker.read_text())
        say(f"reusing the database and index in {root} ({args.profiles:,} profiles)")
        return
    for name in ("bench.sqlite3", "index", "instance", BUILT_MARKER):
        path = root / name
        shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)
    figures["build"] = build_database(root, args.profiles, args.seed)
    marker.write_text(json.dumps({**wanted, **figures["build"]}, default=str))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Search page over HTTP under gunicorn")
    parser.add_argument("--profiles", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=300, help="distinct queries (>= 200 for the figure)")
    parser.add_argument("--passes", type=int, default=2, help="times the query list is sent")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--warm", type=int, default=10, help="warm-up searches per worker")
    parser.add_argument("--time-limit", type=float, default=900, help="seconds for the HTTP part")
    parser.add_argument(
        "--page-requests", type=int, default=200, help="requests to each other hot page (profile, notices, home)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument(
        "--dir",
        type=Path,
        default=None,
        help="work (and keep) here; reuses its database and index if built with the same --profiles/--seed",
    )
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args(argv)

    info = machine()
    say(
        f"machine: {info['cores']} cores, {info['cpu']}, Python {info['python']}, {info['platform']}; "
        f"load average {loadavg()}"
    )
    root = args.dir.resolve() if args.dir else Path(tempfile.mkdtemp(prefix="bench-http-"))
    root.mkdir(parents=True, exist_ok=True)
    figures: dict[str, Any] = {"machine": info, "profiles": args.profiles, "load_before": loadavg()}
    server: Gunicorn | None = None
    try:
        _prepare(root, args, figures)

        server = Gunicorn(root, args.workers, args.threads)
        server.start()
        figures["gunicorn_ready_s"] = server.wait_ready(timeout=min(120, args.time_limit))
        deadline = time.perf_counter() + args.time_limit
        figures["pids"] = {"master": server.proc.pid if server.proc else None, "workers": server.worker_pids}
        say(
            f"gunicorn -k gthread --workers {args.workers} --threads {args.threads} on {HOST}:{server.port}: "
            f"/healthz answered after {figures['gunicorn_ready_s']:.1f} s (workers {server.worker_pids})"
        )

        warm_urls = [url for _shape, url in http_queries(max(4, args.warm * 2), args.seed + 1)]
        figures["warm_up"] = warm_workers(server, warm_urls, args.warm, deadline)
        rss_warm = {pid: read_status(pid) for pid in server.worker_pids}
        say(
            "warmed workers (new connection each): "
            + "; ".join(
                f"pid {pid}: {w['requests']} searches, first {w['first_ms']:.0f} ms, "
                f"RSS {rss_warm.get(pid, {}).get('VmRSS', 0):.0f} MB"
                for pid, w in figures["warm_up"].items()
                if w["first_ms"] is not None
            )
        )
        if any(w["requests"] < args.warm for w in figures["warm_up"].values()):
            say("  (warning: not every worker was reached; connections kept landing on another one)")

        tagged = http_queries(args.queries, args.seed)
        urls = [url for _shape, url in tagged] * args.passes
        cpu_before = {pid: cpu_seconds(pid) for pid in server.worker_pids}
        machine_before = cpu_jiffies()
        times, statuses, reconnects, wall, running = run_client(server.port, urls, deadline)
        machine_after = cpu_jiffies()
        server_side = server.access_lines(len(urls))
        rss_after = {pid: read_status(pid) for pid in server.worker_pids}
        cpu_used = {pid: cpu_seconds(pid) - cpu_before[pid] for pid in server.worker_pids}
        bad = [(url, status) for url, status in zip(urls, statuses) if status != 200]
        assert not bad, f"{len(bad)} responses were not 200 (with results): {bad[:5]}"
        assert len(times) == len(urls)

        n = len(tagged)
        figures["queries"] = n
        figures["passes"] = args.passes
        figures["http_ms"] = percentiles(times)
        figures["http_first_pass_ms"] = percentiles(times[:n])
        if args.passes > 1:
            figures["http_later_passes_ms"] = percentiles(times[n:])
        figures["requests_per_s"] = len(times) / wall
        figures["reconnects"] = reconnects
        if len(server_side) == len(urls):
            figures["server_ms"] = percentiles([ms / 1000 for _pid, _status, ms in server_side])
            figures["served_by"] = sorted({pid for pid, _s, _ms in server_side})
        figures["by_shape_ms"] = {
            shape: {"count": len(ts), **percentiles(ts)}
            for shape in dict.fromkeys(s for s, _ in tagged)
            if (ts := [t for (s, _), t in zip(tagged * args.passes, times) if s == shape])
        }
        figures["worker_cpu_s"] = cpu_used
        figures["worker_cpu_ms_per_request"] = sum(cpu_used.values()) * 1000 / len(times)
        busy, total, steal = (after - before for after, before in zip(machine_after, machine_before))
        figures["machine_busy_pct"] = 100 * busy / total if total else None
        figures["machine_steal_pct"] = 100 * steal / total if total else None
        figures["runnable_tasks_mean"] = sum(running) / len(running) if running else None
        figures["rss_after_warm_mb"] = {pid: v.get("VmRSS") for pid, v in rss_warm.items()}
        figures["rss_mb"] = {pid: v.get("VmRSS") for pid, v in rss_after.items()}
        figures["peak_rss_mb"] = {pid: v.get("VmHWM") for pid, v in rss_after.items()}
        figures["master_rss_mb"] = read_status(server.proc.pid).get("VmRSS") if server.proc else None
        figures["load_after"] = loadavg()

        say(
            f"{len(times)} requests ({n} queries x {args.passes}) from one keep-alive client in {wall:.1f} s: "
            f"{figures['requests_per_s']:.1f} requests/s, all 200, {reconnects} reconnects"
        )
        say(f"latency (client): {_fmt(figures['http_ms'])}")
        say(f"  first pass: {_fmt(figures['http_first_pass_ms'])}")
        if args.passes > 1:
            say(f"  later passes: {_fmt(figures['http_later_passes_ms'])}")
        if "server_ms" in figures:
            say(
                f"  gunicorn's own request time (access log): {_fmt(figures['server_ms'])}; "
                f"served by worker(s) {figures['served_by']}"
            )
        say(
            "by query shape: "
            + "; ".join(
                f"{shape} ({p['count']}) p50 {p['p50']:.0f} / p95 {p['p95']:.0f} ms"
                for shape, p in figures["by_shape_ms"].items()
            )
        )
        say(
            "worker RSS after the run: "
            + "; ".join(
                f"pid {pid}: {figures['rss_mb'][pid]:.0f} MB (after warm-up {figures['rss_after_warm_mb'][pid]:.0f}, "
                f"peak {figures['peak_rss_mb'][pid]:.0f}; {cpu_used[pid]:.1f} s CPU in the run)"
                for pid in server.worker_pids
            )
            + f"; master {figures['master_rss_mb'] or 0:.0f} MB"
        )
        say(
            f"gunicorn worker CPU per request: {figures['worker_cpu_ms_per_request']:.1f} ms (mean); during the run "
            f"the machine's CPUs were {figures['machine_busy_pct'] or 0:.0f}% busy "
            f"(steal {figures['machine_steal_pct'] or 0:.0f}%), "
            f"{figures['runnable_tasks_mean'] or 0:.1f} tasks runnable on average (for {info['cores']} cores); "
            f"load average before / after: {figures['load_before']} / {figures['load_after']}"
        )
        if args.page_requests:
            pages = page_urls(args.page_requests, args.seed, args.profiles, [url for _shape, url in tagged])
            figures["pages"] = measure_pages(server, pages, deadline)
            say(f"hot pages, {args.page_requests} requests each from one keep-alive client:")
            for kind, page in figures["pages"].items():
                say(
                    f"  {kind:<15} worker CPU {page['cpu_ms_per_request']:.1f} ms/request; {_fmt(page['http_ms'])}"
                    + (f"; {page['not_200']} not 200" if page["not_200"] else "")
                )
        if args.json:
            args.json.write_text(json.dumps(figures, indent=2, default=str))
    finally:
        if server is not None:
            start = time.perf_counter()
            server.stop()
            say(f"stopped gunicorn in {time.perf_counter() - start:.1f} s")
        if args.keep or args.dir:
            say(f"kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # run the finally blocks on kill
    sys.exit(main())
