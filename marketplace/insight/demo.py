"""`flask demo load`: two years of market history, so the insight pages show trends.

Each month of the 23 before this one, with the clock moved (`marketplace.clock.freeze`) and through the
domains' own services: suppliers join and publish their profiles, buyers publish notices and hold events,
suppliers register interest, attend and ask questions; the buyer turns the previous month's notices into
opportunities, suppliers bid and the awards are made (`demo_awards`); at each month's end the month's snapshot is
taken, as the monthly job would have. The demo's other suppliers (all published today by the supplier
demo) are published again, month by month, so they join over the two years too. After the Estates Mission
launches (month 8) more of the suppliers who join, and who engage, are local and VCSE organisations.

Deterministic (seeded) and idempotent: does nothing if its first supplier's account exists. The accounts
are made like the demo's other accounts (one shared password hash): hashing a password for each of ~280
suppliers would make `flask demo load` slow, and accounts are not what this history is about.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

import click
from flask import current_app
from sqlalchemy import select, text

from marketplace import clock
from marketplace.accounts import passwords, tokens
from marketplace.accounts import queries as account_queries
from marketplace.accounts import services as account_services
from marketplace.accounts.models import BUYER, User
from marketplace.events import queries as event_queries
from marketplace.events import registrations as event_registrations
from marketplace.events import services as event_services
from marketplace.events.models import ONLINE
from marketplace.extensions import db
from marketplace.insight import demo_awards
from marketplace.insight import services as insight_services
from marketplace.insight.periods import Month
from marketplace.notices import queries as notice_queries
from marketplace.notices import services as notice_services
from marketplace.notices.clarifications import services as question_services
from marketplace.notices.interest import services as interest_services
from marketplace.notices.models import ENGAGEMENT
from marketplace.suppliers import reference
from marketplace.suppliers import services as supplier_services
from marketplace.suppliers.commands import AboutAnswers, WorkAnswers
from marketplace.suppliers.models import OWNER, PUBLISHED, Membership, Organisation, OrganisationCategory

MONTHS = 23  # `DEMO_HISTORY_MONTHS` in the config shortens it (the tests' crawls visit every page it makes)
ESTATES = "Estates Mission"
EMAIL = "history{index}@suppliers.example"
BUYER_EMAIL = "buyer@camden.gov.uk"
ADMIN_EMAIL = "admin@camden.gov.uk"
PASSWORD = "demo marketplace 2026"

TRADES = [  # (trade, CPV divisions, tends to be a VCSE)
    ("Repairs", ["50", "45"], False),
    ("Building", ["45"], False),
    ("Cleaning", ["90"], True),
    ("Gardening", ["77"], True),
    ("Community Meals", ["55"], True),
    ("Youth Work", ["85", "92"], True),
    ("Surveying", ["71"], False),
    ("Digital", ["72"], False),
    ("Training", ["80"], True),
    ("Consulting", ["79"], False),
]
PLACES = ["Kentish Town", "Gospel Oak", "Somers Town", "Kilburn", "Camden", "Belsize", "Holborn", "Highgate"]
IN_BOROUGH = ["NW5 2AA", "NW5 4LN", "NW1 9NR", "NW1 8QL", "NW3 2QG", "WC1H 9SE", "NW1 1DB"]
ELSEWHERE = ["E8 3RL", "SE1 7PB", "NW10 4XY", "E1 6AN", "CR0 2RH", "M1 1AE", "BS1 4DJ", "SW9 8HJ"]
ESTATES_NOTICES = [
    ("Estate lighting and door entry", ["45", "50"]),
    ("Resident-led estate cleaning", ["90"]),
    ("Community gardens on estates", ["77"]),
    ("Finding damp and mould early", ["71", "50"]),
    ("Youth activities on estates", ["85", "92"]),
    ("Estate repairs: small works", ["45"]),
]
OTHER_NOTICES = [
    ("Climate Mission", "Home energy advice", ["71", "79"]),
    ("Food Mission", "Community food hubs", ["55"]),
    ("Young People Mission", "Holiday activities", ["92", "85"]),
    (None, "Office furniture reuse", ["39"]),
    (None, "Website accessibility audit", ["72"]),
]


@dataclass(frozen=True)
class Joined:
    """What the history needs to know of a supplier, kept as plain values: the ORM objects expire at every
    commit, and reloading 160 of them to choose who engages with each notice made the load slow."""

    organisation_id: int
    user_id: int
    divisions: frozenset[str]
    local_or_vcse: bool

    def objects(self) -> tuple[Organisation, User]:
        return db.session.get_one(Organisation, self.organisation_id), db.session.get_one(User, self.user_id)


@dataclass
class History:
    rng: random.Random
    buyer: User
    missions: dict[str, int]
    password_hash: str
    suppliers: list[Joined] = field(default_factory=list)  # in joining order
    existing: list[list[Joined]] = field(default_factory=list)  # the demo's own suppliers, by month they join
    launch: int = 8  # the month (0-based) the Estates Mission's first notices were published
    index: int = 0
    established: int = 0  # how many had joined before this month (they engage with its notices)
    tendering: demo_awards.Tendering | None = None  # opportunities, bids and awards (`demo_awards`)


def load_demo_history(*, progress: bool = False) -> bool:
    """Load the history (returns False if it was already there, or the demo buyer is missing)."""
    if account_queries.get_user_by_email(EMAIL.format(index=0)) is not None:
        return False
    buyer = account_queries.get_user_by_email(BUYER_EMAIL)
    if buyer is None or buyer.role != BUYER:
        return False
    history = History(
        rng=random.Random(16),
        buyer=buyer,
        missions={mission.name: mission.id for mission in notice_queries.list_missions()},
        password_hash=passwords.hash_password(PASSWORD),
    )
    count = int(current_app.config.get("DEMO_HISTORY_MONTHS", MONTHS))
    # A shortened history (the tests') tenders one opportunity: the crawl tests visit every page it makes.
    history.tendering = demo_awards.start(buyer, admin_email=ADMIN_EMAIL, limit=None if count >= MONTHS else 1)
    history.launch = max(1, count * 8 // MONTHS)
    first = Month.current().minus(count)
    months = [first.minus(-offset) for offset in range(count)]
    history.existing = _spread_existing(history.rng, admin_id=_admin_id(), months=count, launch=history.launch)
    with (
        current_app.test_request_context(base_url=current_app.config["SERVICE_URL"]),
        _moving_clock(),
        quick_sqlite_commits(),
    ):
        if progress:
            with click.progressbar(months, label="Market history (months)", show_pos=True) as bar:
                for index, month in enumerate(bar):
                    _month(history, index, month)
        else:
            for index, month in enumerate(months):
                _month(history, index, month)
        if history.tendering is not None:
            clock.freeze(None)
            demo_awards.finish(history.tendering)
    return True


@contextmanager
def _moving_clock() -> Iterator[None]:
    try:
        yield
    finally:
        clock.freeze(None)


@contextmanager
def quick_sqlite_commits() -> Iterator[None]:
    """Thousands of commits (one per action, as the services make them): on SQLite each waits for the disk,
    which demo data (reloadable at will) does not need. `flask demo load` uses it for its suppliers too."""
    sqlite = db.engine.dialect.name == "sqlite"
    if sqlite:
        db.session.execute(text("PRAGMA synchronous = OFF"))
    try:
        yield
    finally:
        if sqlite:
            db.session.execute(text("PRAGMA synchronous = FULL"))


def _admin_id() -> int | None:
    admin = account_queries.get_user_by_email(ADMIN_EMAIL)
    return admin.id if admin is not None else None


def _spread_existing(rng: random.Random, *, admin_id: int | None, months: int, launch: int) -> list[list[Joined]]:
    """The demo's other suppliers are all published today. In the history they joined over the two years:
    before the Estates Mission a mix weighted away from local and VCSE organisations, after it more of them
    each month. A few keep today's date (this month's joiners). Returns, for each month, who joins then."""
    owners = {
        row.organisation_id: row.user_id
        for row in db.session.execute(
            select(Membership.organisation_id, Membership.user_id).where(Membership.role == OWNER)
        )
    }
    divisions: dict[int, set[str]] = {}
    for row in db.session.execute(select(OrganisationCategory.organisation_id, OrganisationCategory.code)):
        divisions.setdefault(row.organisation_id, set()).add(row.code[:2])
    rows = db.session.execute(
        select(Organisation.id, Organisation.based_in_borough, Organisation.is_vcse)
        .where(Organisation.status == PUBLISHED)
        .order_by(Organisation.id)
    ).all()
    suppliers = [
        Joined(
            row.id,
            owners.get(row.id) or admin_id or 0,
            frozenset(divisions.get(row.id, ())),
            bool(row.based_in_borough or row.is_vcse),
        )
        for row in rows
        if owners.get(row.id) or admin_id
    ]
    ranked = sorted(suppliers, key=lambda s: int(s.local_or_vcse) + rng.uniform(0, 0.9))
    staying = len(ranked) // 30  # join this month (keep today's date)
    movable = ranked[: len(ranked) - staying]
    before = movable[: len(movable) * launch // months]
    rng.shuffle(before)  # before the mission: no trend
    after = movable[len(before) :]
    joining: list[list[Joined]] = []
    for chunk, count in ((before, launch), (after, months - launch)):
        bounds = [len(chunk) * i // count for i in range(count + 1)]
        joining += [chunk[bounds[i] : bounds[i + 1]] for i in range(count)]
    return joining


def _republish(supplier: Joined) -> None:
    """Published again at the (moved) clock's time, through the suppliers' own services."""
    organisation, actor = supplier.objects()
    supplier_services.unpublish(organisation, actor)
    supplier_services.publish(organisation, actor)


def _at(month: Month, day: int, hour: int = 10) -> datetime:
    return month.start + timedelta(days=day - 1, hours=hour)


def _month(history: History, index: int, month: Month) -> None:
    rng = history.rng
    estates = index >= history.launch
    # Shares of joiners: before the mission, about a third local and one in eight VCSE; rising after it.
    lift = max(0, index - history.launch)
    history.established = len(history.suppliers)
    local, vcse = 0.33 + 0.035 * lift, 0.12 + 0.025 * lift
    joining = 3 + index // 4
    for number in range(joining):
        clock.freeze(_at(month, 1 + (number * 27) // joining, hour=9 + number % 8))
        _join(history, local=local, vcse=vcse)
    existing = history.existing[index] if index < len(history.existing) else []
    for number, supplier in enumerate(existing):
        clock.freeze(_at(month, 1 + (number * 27) // len(existing), hour=15))
        _republish(supplier)
        history.suppliers.append(supplier)
    if history.tendering is not None:
        demo_awards.month(history.tendering, month, history.suppliers[: history.established])
    for notice_number, (mission, title, divisions) in enumerate(_notices_for(index, history.launch, rng)):
        clock.freeze(_at(month, 3 + notice_number))
        notice = _publish_notice(history, mission, f"{title} ({month.label})", divisions)
        interested = _engage(history, month, notice, divisions, favour_local=estates and mission == ESTATES)
        if history.tendering is not None:
            history.tendering.waiting.append(
                demo_awards.Tender(notice.id, tuple(divisions), tuple(interested), estates and mission == ESTATES)
            )
    clock.freeze(month.end + timedelta(hours=2))
    insight_services.take_snapshot(month)


def _notices_for(index: int, launch: int, rng: random.Random) -> list[tuple[str | None, str, list[str]]]:
    chosen: list[tuple[str | None, str, list[str]]] = []
    if index >= launch:
        for _ in range(2):
            title, divisions = ESTATES_NOTICES[rng.randrange(len(ESTATES_NOTICES))]
            chosen.append((ESTATES, title, divisions))
    if index % 2 == 0:
        chosen.append(OTHER_NOTICES[(index // 2) % len(OTHER_NOTICES)])
    return chosen


def _join(history: History, *, local: float, vcse: float) -> None:
    rng = history.rng
    index = history.index
    history.index += 1
    trade, divisions, vcse_friendly = TRADES[rng.randrange(len(TRADES))]
    is_vcse = rng.random() < (vcse * (1.6 if vcse_friendly else 0.5))
    in_borough = rng.random() < local
    place = rng.choice(PLACES) if in_borough else rng.choice(["Hackney", "Southwark", "Brent", "Croydon"])
    staff, turnover = rng.choice(
        [("1-10", "up-to-1m")] * 5 + [("11-50", "1m-15m")] * 3 + [("51-249", "15m-44m"), ("250+", "over-54m")]
    )
    # Registered and verified as a person does it (one shared hash: see `register(password_hash=)`).
    user = account_services.register(
        EMAIL.format(index=index), PASSWORD, full_name=f"{place} {trade} owner", password_hash=history.password_hash
    )
    user, _ = account_services.verify_email(
        tokens.make_token(account_services.VERIFY, {"user": user.id, "email": user.email})
    )
    legal_form = rng.choice(["cic", "cio", "charitable-company"]) if is_vcse else rng.choice(["ltd", "sole-trader"])
    suffix = {"cic": " CIC", "ltd": " Ltd"}.get(legal_form, "")
    postcode = rng.choice(IN_BOROUGH if in_borough else ELSEWHERE)
    organisation = supplier_services.create_organisation(
        user,
        AboutAnswers(
            name=f"{place} {trade} {index + 1}{suffix}",
            legal_form=legal_form,
            postcode=postcode,
            staff_band=staff,
            turnover_band=turnover,
            is_vcse=is_vcse,
            vcse_type=legal_form if is_vcse else None,
            supported_employment=False,
            public_service_mutual=False,
        ),
    )
    wards = rng.sample(list(reference.wards()), k=rng.randint(1, 4)) if in_borough else []
    areas = wards + (["whole-borough"] if rng.random() < 0.3 or not in_borough else [])
    supplier_services.update_work(
        organisation,
        user,
        WorkAnswers(
            summary=f"{trade} for councils, estates and community groups, from {place}.",
            categories=divisions,
            areas=areas,
            base_ward=_base_ward(postcode, index) if in_borough else None,
        ),
    )
    supplier_services.publish(organisation, user)
    history.suppliers.append(
        Joined(organisation.id, user.id, frozenset(divisions), bool(organisation.based_in_borough or is_vcse))
    )


def _base_ward(postcode: str, index: int) -> str:
    """A ward the postcode's district reaches into, varied by supplier (no random draw: the rest of the
    history stays as it was)."""
    wards = reference.wards_in_district(postcode.split(" ")[0]) or tuple(reference.wards())
    return wards[index % len(wards)]


def _publish_notice(history: History, mission: str | None, title: str, divisions: list[str]):
    rng = history.rng
    details = notice_services.NoticeDetails(
        kind=ENGAGEMENT,
        title=title,
        summary="We want to hear from suppliers, large and small, before we decide what to buy.",
        description="Tell us what works, and how we could split the work so that small firms can bid.",
        outcomes=["Residents see the difference", "Local people get good jobs"],
        categories=divisions,
        wards=["whole-borough"],
        mission_id=history.missions.get(mission) if mission else None,
        value_low=Decimal(rng.choice([50_000, 100_000, 250_000])),
        value_high=Decimal(rng.choice([300_000, 600_000, 900_000])),
        engagement_closes_at=clock.now() + timedelta(days=28),
        expected_tender_date=(clock.now() + timedelta(days=90)).date(),
        contact_email="procurement@camden.gov.uk",
        suitable_sme=True,
        suitable_vcse=mission is not None,
    )
    notice = notice_services.create_notice(history.buyer, details)
    notice_services.publish(notice, history.buyer)
    return notice


def _engage(history: History, month: Month, notice, divisions: list[str], *, favour_local: bool) -> list[Joined]:
    """Suppliers register interest, attend the notice's event and ask questions; returns those interested."""
    rng = history.rng

    def weight(supplier: Joined) -> float:
        fit = 3.0 if supplier.divisions & set(divisions) else 0.6
        return fit * 2.5 if favour_local and supplier.local_or_vcse else fit

    pool = history.suppliers[: history.established][-160:]
    if not pool:
        return []
    count = min(len(pool), rng.randint(5, 14))
    chosen = list(dict.fromkeys(rng.choices(pool, weights=[weight(supplier) for supplier in pool], k=count * 2)))
    interested = chosen[:count]
    start = clock.now()
    event = _event(history, notice, start) if notice.mission_id is not None and rng.random() < 0.8 else None
    for number, supplier in enumerate(interested):
        clock.freeze(start + timedelta(days=1 + number % 5, hours=number))
        organisation, user = supplier.objects()
        interest_services.register_interest(
            notice, organisation, user, open_to_partnering=rng.random() < 0.3, offer=None, listed=True
        )
    if event is not None:
        _attend(history, event, interested, start)
    for number, supplier in enumerate(interested):
        if rng.random() < 0.3:
            clock.freeze(start + timedelta(days=12, hours=number))
            organisation, user = supplier.objects()
            question_services.ask(notice, organisation, user, "Could the work be split into smaller lots?")
    return interested


def _event(history: History, notice, start: datetime):
    clock.freeze(start + timedelta(hours=1))
    begins = start + timedelta(days=14)
    event = event_services.create_event(
        history.buyer,
        event_services.EventDetails(
            notice_id=notice.id,
            title=f"Meet the buyer: {notice.title}"[:200],
            description="An open briefing for suppliers.",
            format=ONLINE,
            joining_instructions="Join on the link sent to you.",
            starts_at=begins,
            ends_at=begins + timedelta(hours=2),
            registration_closes_at=begins - timedelta(days=1),
            capacity=40,
            max_party_size=2,
        ),
    )
    event_services.publish_event(event, history.buyer)
    return event


def _attend(history: History, event, interested: list[Joined], start: datetime) -> None:
    rng = history.rng
    attendees = [pair for pair in interested if rng.random() < 0.6]
    for number, supplier in enumerate(attendees):
        clock.freeze(start + timedelta(days=6 + number % 5, hours=2))
        organisation, user = supplier.objects()  # loaded: register() reads user.id after adding its row
        event_registrations.register(event, organisation, user, attendees=1, names=["Attendee"], access_needs=None)
    clock.freeze(event.ends_at + timedelta(hours=1))
    registered = {registration.id for registration in event_queries.list_registrations(event.id)}
    came = {registration_id for registration_id in registered if rng.random() < 0.75}
    event_registrations.mark_attendance(event, history.buyer, came)
