"""The insight pages on a large market: admin page p95 <= 300 ms, public page p95 <= 100 ms.

    python -m tests.benchmarks.bench_insight                                  # PostgreSQL, 10,000 suppliers
    python -m tests.benchmarks.bench_insight --database sqlite --suppliers 2000

1. Makes a scratch database (PostgreSQL: a new database on TEST_DATABASE_URL's server, dropped at the end;
   SQLite: a temporary file), upgrades it with the real migrations and bulk-inserts, with SQLAlchemy Core:
   N published suppliers spread over 24 months (SME, VCSE and local mixes, local ones with a base ward,
   1-4 wards served, 1-3 CPV codes),
   --notices notices (4 missions), --interests registrations of interest (unique supplier x notice),
   events with registrations and attendance, and clarification questions; --opportunities opportunities
   (half grown from notices; categories and missions), --bids bids (unique supplier x opportunity: 85%
   submitted, 10% never sent, 5% withdrawn) and, for a fifth of the closed opportunities, an approved award
   and its contract.
2. Takes the snapshots of every ended month (`insight.services.take_due_snapshots`, timed), as the monthly
   job would, so past months read from snapshots as in production.
3. Requests each page in-process through Flask's test client (the whole request: queries, charts, template),
   signed in as an admin for the admin page: a first request (charts not yet cached), then --requests more,
   and prints p50/p95/p99/max, the SQL statements per request and this process's CPU per request. The public
   page is timed twice: counting for every request, and as in production, where each process keeps the
   public figures for 5 minutes (`INSIGHT_PUBLIC_CACHE_SECONDS`); the admin page likewise, counting for
   every request and with each choice's figures kept a minute (`INSIGHT_ADMIN_CACHE_SECONDS`).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, insert, text
from sqlalchemy.engine import make_url

from tests.benchmarks.bench_search import machine, percentiles

os.environ.setdefault("MARKETPLACE_FAST_HASHING", "1")

DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
WARDS = [
    "belsize", "bloomsbury", "camden-square", "camden-town", "fortune-green", "frognal", "gospel-oak",
    "hampstead-town", "haverstock", "highgate", "holborn-and-covent-garden", "kentish-town-north",
    "kentish-town-south", "kilburn", "kings-cross", "primrose-hill", "regents-park", "south-hampstead",
    "st-pancras-and-somers-town", "west-hampstead",
]  # fmt: skip
CODES = ["45", "451", "453", "50", "71", "72", "77", "79", "80", "85", "90", "905", "92", "55", "60", "98"]
PASSWORD = "benchmark password 2026"


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", choices=["postgresql", "sqlite"], default="postgresql")
    parser.add_argument("--suppliers", type=int, default=10_000)
    parser.add_argument("--notices", type=int, default=1_000)
    parser.add_argument("--interests", type=int, default=100_000)
    parser.add_argument("--opportunities", type=int, default=1_000)
    parser.add_argument("--bids", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=60, help="timed requests per page (after the first)")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--json", type=Path, default=None, help="also write every figure here")
    parser.add_argument(
        "--keep", action="store_true", help="keep the scratch PostgreSQL database (its URL is printed) for --reuse"
    )
    parser.add_argument(
        "--reuse",
        default=None,
        metavar="URL",
        help="time the pages on a database a --keep run made (no generating, no snapshots; it is not dropped)",
    )
    parser.add_argument(
        "--parallel",
        type=int,
        default=None,
        metavar="N",
        help="INSIGHT_PARALLEL_QUERIES for the timed pages (default: the configuration's, 3; 1 = one at a time)",
    )
    parser.add_argument(
        "--pages",
        default="all",
        choices=["all", "admin"],
        help="admin: only the admin page (afresh, filtered, kept a minute), e.g. when iterating on it",
    )
    return parser.parse_args(argv)


def _scratch_database(kind: str, folder: Path) -> tuple[str, Any]:
    if kind == "sqlite":
        return f"sqlite:///{folder / 'insight.sqlite3'}", None
    server = make_url(os.environ.get("TEST_DATABASE_URL", DEFAULT_POSTGRES))
    name = f"bench_insight_{uuid.uuid4().hex[:10]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return server.set(database=name).render_as_string(hide_password=False), drop


def _spread(rng: random.Random, start: datetime, end: datetime) -> datetime:
    return start + (end - start) * rng.random()


def generate(connection, args: argparse.Namespace, now: datetime) -> dict[str, int]:
    """Bulk rows straight into the tables (Core executemany): only what the figures read."""
    from marketplace.events.models import Event, Registration
    from marketplace.notices.models import Interest, Mission, Notice, NoticeCategory
    from marketplace.questions.models import ClarificationQuestion
    from marketplace.suppliers.models import Organisation, OrganisationCategory, OrganisationWard

    rng = random.Random(args.seed)
    launch = now - timedelta(days=730)
    organisations, wards, categories = [], [], []
    for number in range(1, args.suppliers + 1):
        local = rng.random() < 0.55
        organisations.append(
            {
                "id": number,
                "name": f"Supplier {number}",
                "status": "published",
                "published_at": _spread(rng, launch, now),
                "is_sme": rng.random() < 0.92,
                "is_vcse": rng.random() < 0.3,
                "based_in_borough": local,
                "base_ward": WARDS[number % len(WARDS)] if local else None,  # no draw: the rest stays as it was
                "serves_whole_borough": rng.random() < 0.2,
                "postcode": "NW5 1TL" if local else "E8 3RL",
            }
        )
        wards += [{"organisation_id": number, "ward": ward} for ward in rng.sample(WARDS, rng.randint(1, 4))]
        codes = rng.sample(CODES, rng.randint(1, 3))
        categories += [{"organisation_id": number, "code": code} for code in codes]
    connection.execute(insert(Organisation), organisations)
    connection.execute(insert(OrganisationWard), wards)
    connection.execute(insert(OrganisationCategory), categories)
    missions = [{"id": i, "name": name} for i, name in enumerate(["Estates", "Climate", "Food", "Young People"], 1)]
    connection.execute(insert(Mission), missions)
    notices, notice_categories, published = [], [], {}
    for number in range(1, args.notices + 1):
        at = _spread(rng, launch, now - timedelta(days=1))
        published[number] = at
        notices.append(
            {
                "id": number,
                "kind": "engagement",
                "status": "published",
                "title": f"Notice {number}",
                "mission_id": rng.choice([None, 1, 1, 2, 3, 4]),
                "published_at": at,
                "engagement_closes_at": at + timedelta(days=30),
            }
        )
        notice_categories += [{"notice_id": number, "code": code} for code in rng.sample(CODES, rng.randint(1, 2))]
    connection.execute(insert(Notice), notices)
    connection.execute(insert(NoticeCategory), notice_categories)
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < min(args.interests, args.notices * args.suppliers):
        pairs.add((rng.randint(1, args.notices), rng.randint(1, args.suppliers)))
    interests = [
        {"notice_id": notice, "organisation_id": organisation, "created_at": published[notice] + timedelta(days=2)}
        for notice, organisation in sorted(pairs)
    ]
    for start in range(0, len(interests), 20_000):
        connection.execute(insert(Interest), interests[start : start + 20_000])
    events, registrations, questions = [], [], []
    by_notice: dict[int, list[int]] = {}
    for notice, organisation in pairs:
        by_notice.setdefault(notice, []).append(organisation)
    for number, notice in enumerate(sorted(by_notice)[: max(1, args.notices // 3)], 1):
        starts = published[notice] + timedelta(days=10)
        events.append(
            {
                "id": number,
                "notice_id": notice,
                "status": "published",
                "title": f"Event {number}",
                "starts_at": starts,
                "ends_at": starts + timedelta(hours=2),
                "registration_closes_at": starts,
                "capacity": 200,
                "places_taken": 0,
            }
        )
        for organisation in by_notice[notice][:30]:
            registrations.append(
                {
                    "event_id": number,
                    "organisation_id": organisation,
                    "status": "registered",
                    "attended": rng.random() < 0.7,
                }
            )
    for notice, organisations_interested in by_notice.items():
        for organisation in organisations_interested[:5]:
            questions.append(
                {
                    "subject_type": "notice",
                    "subject_id": notice,
                    "organisation_id": organisation,
                    "question": "Can small firms bid?",
                    "asked_at": published[notice] + timedelta(days=5),
                }
            )
    connection.execute(insert(Event), events)
    connection.execute(insert(Registration), registrations)
    connection.execute(insert(ClarificationQuestion), questions)
    tendered = _tendering(connection, rng, args, now, published, notices, launch)
    return {
        **tendered,
        "suppliers": len(organisations),
        "notices": len(notices),
        "interests": len(interests),
        "events": len(events),
        "registrations": len(registrations),
        "questions": len(questions),
    }


def _tendering(connection, rng, args, now: datetime, published: dict[int, datetime], notices, launch) -> dict[str, int]:
    """Opportunities (half from notices), bids on them and, for a fifth of the closed ones, the award and contract."""
    from decimal import Decimal

    from marketplace.evaluation.models import AwardDecision, Contract
    from marketplace.opportunities.bids.models import Bid
    from marketplace.opportunities.models import Opportunity, OpportunityCategory

    opportunities, opportunity_categories, closes = [], [], {}
    for number in range(1, args.opportunities + 1):
        notice = rng.randint(1, args.notices) if args.notices and rng.random() < 0.5 else None
        at = (
            published[notice] + timedelta(days=35)
            if notice is not None
            else _spread(rng, launch, now - timedelta(days=20))
        )
        at = min(at, now - timedelta(days=1))
        closes[number] = at + timedelta(days=21)
        opportunities.append(
            {
                "id": number,
                "notice_id": notice,
                "status": "published",
                "title": f"Opportunity {number}",
                "mission_id": notices[notice - 1]["mission_id"] if notice is not None else rng.choice([None, 1, 2]),
                "published_at": at,
                "closes_at": closes[number],
            }
        )
        opportunity_categories += [
            {"opportunity_id": number, "code": code} for code in rng.sample(CODES, rng.randint(1, 2))
        ]
    connection.execute(insert(Opportunity), opportunities)
    connection.execute(insert(OpportunityCategory), opportunity_categories)
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < min(args.bids, args.opportunities * args.suppliers):
        pairs.add((rng.randint(1, args.opportunities), rng.randint(1, args.suppliers)))
    bids, submitted = [], {}
    for number, (opportunity, organisation) in enumerate(sorted(pairs), 1):
        roll = rng.random()
        status = "submitted" if roll < 0.85 else "draft" if roll < 0.95 else "withdrawn"
        at = closes[opportunity] - timedelta(days=2)
        bids.append(
            {
                "id": number,
                "opportunity_id": opportunity,
                "organisation_id": organisation,
                "status": status,
                "submitted_at": at if status != "draft" else None,
                "created_at": at - timedelta(days=3),
                "updated_at": at,
            }
        )
        if status == "submitted":
            submitted.setdefault(opportunity, []).append((number, organisation))
    for start in range(0, len(bids), 20_000):
        connection.execute(insert(Bid), bids[start : start + 20_000])
    awards, contracts = [], []
    closed = [number for number in sorted(submitted) if closes[number] + timedelta(days=30) < now]
    for number, opportunity in enumerate(closed[: len(closed) // 5], 1):
        bid, organisation = rng.choice(submitted[opportunity])
        decided = closes[opportunity] + timedelta(days=14)
        awards.append(
            {
                "id": number,
                "opportunity_id": opportunity,
                "outcome": "award",
                "status": "approved",
                "bid_id": bid,
                "organisation_id": organisation,
                "ranking": [],
                "proposed_at": decided - timedelta(days=1),
                "decided_at": decided,
                "standstill_starts": decided.date(),
                "standstill_ends": (decided + timedelta(days=12)).date(),
            }
        )
        contracts.append(
            {
                "opportunity_id": opportunity,
                "award_id": number,
                "organisation_id": organisation,
                "value": Decimal(rng.choice([25_000, 60_000, 120_000, 400_000])),
                "start_date": (decided + timedelta(days=30)).date(),
                "end_date": (decided + timedelta(days=400)).date(),
                "entered_at": decided + timedelta(days=14),
            }
        )
    if awards:
        connection.execute(insert(AwardDecision), awards)
        connection.execute(insert(Contract), contracts)
        awarded = [award["opportunity_id"] for award in awards]
        connection.execute(Opportunity.__table__.update().where(Opportunity.id.in_(awarded)).values(status="awarded"))
    return {"opportunities": len(opportunities), "bids": len(bids), "contracts": len(contracts)}


TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


class DatabaseCpu:
    """CPU seconds used by the PostgreSQL server processes serving this database (read from /proc: the
    benchmark runs on the database's machine). On a busy machine, wall time is CPU time plus the wait for a
    core; CPU time is the stable figure."""

    def __init__(self, url: str):
        self.engine = create_engine(url) if url.startswith("postgresql") and Path("/proc").exists() else None

    def seconds(self) -> float:
        if self.engine is None:
            return 0.0
        with self.engine.connect() as connection:
            own = connection.execute(text("SELECT pg_backend_pid()")).scalar()
            pids = connection.execute(
                text("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> :own"),
                {"own": own},
            ).scalars()
            total = 0
            for pid in pids:
                try:
                    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                total += int(fields[11]) + int(fields[12])  # utime, stime
        return total / TICK


def _time_page(client, path: str, requests: int, statements: list[int], database: DatabaseCpu) -> dict[str, Any]:
    before = len(statements)
    start = time.perf_counter()
    first = client.get(path)
    first_ms = (time.perf_counter() - start) * 1000
    assert first.status_code == 200, (path, first.status_code)
    first_statements = len(statements) - before
    samples, cpu = [], []
    database_start = database.seconds()
    for _ in range(requests):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(path)
        samples.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        assert response.status_code == 200
    database_ms = 1000 * (database.seconds() - database_start) / requests
    return {
        "first_ms": round(first_ms, 1),
        "statements_per_request": first_statements,
        **{key: round(value, 1) for key, value in percentiles(samples).items()},
        # This process's CPU (Python: building queries, charts, the page), without the database server's.
        "python_cpu_ms_mean": round(1000 * sum(cpu) / len(cpu), 1),
        # The database server's CPU for the same requests (PostgreSQL only; 10 ms resolution, averaged).
        "database_cpu_ms_mean": round(database_ms, 1),
    }


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    from flask_migrate import upgrade

    from marketplace import clock, create_app
    from marketplace.extensions import db
    from marketplace.insight import services

    report: dict[str, Any] = {"machine": machine(), "database": args.database}
    with tempfile.TemporaryDirectory(prefix="bench-insight-") as folder:
        if args.reuse:
            url, drop = args.reuse, None
        else:
            url, drop = _scratch_database(args.database, Path(folder))
            if args.keep and drop is not None:
                print(f"Keeping the scratch database (--reuse {url})", flush=True)
                drop = None
        try:
            app = create_app(
                "test",
                SQLALCHEMY_DATABASE_URI=url,
                INSTANCE_PATH=str(Path(folder) / "instance"),
                SEARCH_INDEX_PATH=str(Path(folder) / "index"),
                STORAGE_LOCAL_PATH=str(Path(folder) / "uploads"),
            )
            if not args.reuse:
                with app.app_context():
                    upgrade()
                    now = clock.now()
                    start = time.perf_counter()
                    with db.engine.begin() as connection:
                        report["rows"] = generate(connection, args, now)
                    if args.database == "postgresql":
                        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                            connection.execute(text("ANALYZE"))
                    report["generate_s"] = round(time.perf_counter() - start, 1)
                    print(f"Generated {report['rows']} in {report['generate_s']} s", flush=True)
                    start = time.perf_counter()
                    taken = services.take_due_snapshots()
                    report["snapshots"] = {"months": len(taken), "seconds": round(time.perf_counter() - start, 1)}
                    print(f"Took {len(taken)} monthly snapshots in {report['snapshots']['seconds']} s", flush=True)
                    from marketplace.accounts.services import create_admin

                    create_admin("bench-admin@camden.gov.uk", PASSWORD)
                    db.session.remove()
            if args.parallel is not None:
                app.config["INSIGHT_PARALLEL_QUERIES"] = args.parallel
            report["parallel_queries"] = app.config.get("INSIGHT_PARALLEL_QUERIES", 1)
            statements: list[int] = []
            with app.app_context():
                event.listen(db.engine, "before_cursor_execute", lambda *a, **k: statements.append(1))
            client = app.test_client()
            database = DatabaseCpu(url)
            if args.pages == "all":
                _time_public(app, client, args, report, statements, database)
            _time_admin(app, client, args, report, statements, database)
            with app.app_context():
                db.session.remove()
                db.engine.dispose()
            if database.engine is not None:
                database.engine.dispose()
        finally:
            if drop is not None:
                drop()
    report["targets"] = {"admin_p95_ms": 300, "public_p95_ms": 100}
    if args.json is not None:
        args.json.write_text(json.dumps(report, indent=2, default=str))
    return 0


def _time_public(app, client, args, report, statements, database) -> None:
    app.config["INSIGHT_PUBLIC_CACHE_SECONDS"] = 0
    report["public_uncached"] = _time_page(client, "/insight", args.requests, statements, database)
    print(f"Public /insight, counted for every request: {report['public_uncached']}", flush=True)
    app.config["INSIGHT_PUBLIC_CACHE_SECONDS"] = 300
    report["public"] = _time_page(client, "/insight", args.requests, statements, database)
    print(f"Public /insight, figures kept 5 minutes (as in production): {report['public']}", flush=True)


def _time_admin(app, client, args, report, statements, database) -> None:
    sign_in = client.get("/sign-in")
    token = sign_in.get_data(as_text=True).split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    client.post("/sign-in", data={"email": "bench-admin@camden.gov.uk", "password": PASSWORD, "csrf_token": token})
    app.config["INSIGHT_ADMIN_CACHE_SECONDS"] = 0
    report["admin"] = _time_page(client, "/admin/insight", args.requests, statements, database)
    print(f"Admin /admin/insight, counted for every request: {report['admin']}", flush=True)
    filtered = "/admin/insight?mission=1&category=45"
    report["admin_filtered"] = _time_page(client, filtered, max(1, args.requests // 3), statements, database)
    print(f"Admin, mission and category filters: {report['admin_filtered']}", flush=True)
    app.config["INSIGHT_ADMIN_CACHE_SECONDS"] = 60
    report["admin_kept"] = _time_page(client, "/admin/insight", args.requests, statements, database)
    print(f"Admin /admin/insight, figures kept a minute (as in production): {report['admin_kept']}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
