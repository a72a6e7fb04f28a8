"""`flask demo load`: council staff, demo sign-ins and 240 believable supplier organisations.

Deterministic (seeded) and idempotent: it does nothing to a database that already has the demo admin.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

import click
from flask import current_app

from marketplace import clock
from marketplace.accounts import passwords
from marketplace.accounts import queries as account_queries
from marketplace.accounts.models import ADMIN, BUYER, SUPPLIER, User
from marketplace.accounts.services import seed_buyer_domains
from marketplace.audit.services import record
from marketplace.demo import names
from marketplace.extensions import db
from marketplace.insight.demo import load_demo_history
from marketplace.suppliers import reference, sizing
from marketplace.suppliers.models import (
    OWNER,
    PUBLISHED,
    CaseStudy,
    Membership,
    Organisation,
    OrganisationCategory,
    OrganisationWard,
    SocialValueCommitment,
)

DEMO_PASSWORD = "demo marketplace 2026"
ORGANISATION_COUNT = 240
LOGINS = [
    ("admin", "admin@camden.gov.uk", ADMIN, "Alex Admin"),
    ("buyer", "buyer@camden.gov.uk", BUYER, "Priya Shah"),
    ("supplier (a community interest company)", "sam@kentishtowncleaning.example", SUPPLIER, "Sam Okafor"),
    ("supplier (a small building firm)", "jo@fleetroadrepairs.example", SUPPLIER, "Jo Murphy"),
]

CONTACT_FIRST_NAMES = ["Sam", "Jo", "Amina", "Tomasz", "Grace", "Dev", "Ruth", "Kwame"]


@dataclass
class DemoSummary:
    created: bool
    organisations: int

    def describe(self) -> str:
        head = "Demo data loaded." if self.created else "Demo data already present: nothing changed."
        return f"{head} {self.organisations} supplier organisations. Sign-ins: flask demo logins"


def describe_logins() -> str:
    lines = [f"Demo sign-ins (password for all: {DEMO_PASSWORD!r}):"]
    lines += [f"  {label:<42} {email}" for label, email, _, _ in LOGINS]
    return "\n".join(lines)


def load_demo_data(progress: bool = False) -> DemoSummary:
    seed_buyer_domains(current_app.config["BUYER_EMAIL_DOMAINS_SEED"])
    if account_queries.get_user_by_email(LOGINS[0][1]) is not None:
        _load_demo_framework()
        _load_demo_notices()
        _load_demo_events()
        _load_demo_opportunities()
        _load_demo_evaluations()
        _load_demo_guides()
        load_demo_history(progress=progress)
        return DemoSummary(False, db.session.query(Organisation).count())
    rng = random.Random(2026)
    users = _create_users()
    organisations = [_build_organisation(rng, index) for index in range(ORGANISATION_COUNT)]
    for user, organisation in zip(users[2:], organisations):
        db.session.add(Membership(organisation=organisation, user_id=user.id, role=OWNER))
    iterator = (
        click.progressbar(organisations, label="Supplier organisations", show_pos=True)
        if progress
        else _null(organisations)
    )
    with iterator as bar:
        for organisation in bar:
            db.session.add(organisation)
            db.session.flush()
            record("organisation.created", organisation, source="demo")
    record("demo.loaded", ("demo", "v1"), organisations=len(organisations))
    db.session.commit()
    _load_demo_framework()
    _load_demo_notices()
    _load_demo_events()
    _load_demo_opportunities()
    _load_demo_evaluations()
    _load_demo_guides()
    load_demo_history(progress=progress)  # two years of suppliers joining and engaging, for the insight pages
    return DemoSummary(True, len(organisations))


def _load_demo_framework() -> None:
    from marketplace.frameworks.demo import load_demo_framework

    load_demo_framework()  # idempotent: the Estates Services DPS, open today, some demo suppliers on it


def _load_demo_notices() -> None:
    from marketplace.notices.demo import load_demo_notices

    load_demo_notices()  # idempotent: missions, notices, interest and Q&A


def _load_demo_events() -> None:
    from marketplace.events.demo import load_demo_events

    load_demo_events()  # idempotent: events for the notices (and standalone), with registrations


def _load_demo_guides() -> None:
    from marketplace.guides.demo import load_demo_guides

    load_demo_guides(owner_email=LOGINS[0][1])  # idempotent: the starter guides, linked from demo questions


def _load_demo_opportunities() -> None:
    from marketplace.opportunities.demo import load_demo_opportunities

    load_demo_opportunities(
        password=DEMO_PASSWORD
    )  # idempotent: from a notice, a mini-competition, a closed one with a dozen bids


def _load_demo_evaluations() -> None:
    from marketplace.evaluation.demo import load_demo_evaluations

    load_demo_evaluations(password=DEMO_PASSWORD)  # idempotent: awarded with a contract, in standstill, in moderation


class _null:
    def __init__(self, items):
        self.items = items

    def __enter__(self):
        return self.items

    def __exit__(self, *exc):
        return False


def _create_users() -> list[User]:
    password_hash = passwords.hash_password(DEMO_PASSWORD)
    users = []
    for _, email, role, full_name in LOGINS:
        user = User(
            email=email, password_hash=password_hash, role=role, full_name=full_name, email_verified_at=clock.now()
        )
        db.session.add(user)
        users.append(user)
    db.session.flush()
    for user in users:
        record("user.registered", user, actor_id=user.id, role=user.role, source="demo")
    return users


def _build_organisation(rng: random.Random, index: int) -> Organisation:
    # The two demo sign-ins' organisations are a cleaning CIC and a repairs firm.
    trade, divisions, services, vcse_friendly = names.TRADES[{0: 2, 1: 0}.get(index, index % len(names.TRADES))]
    is_vcse = index == 0 or (index != 1 and (vcse_friendly and rng.random() < 0.6 or rng.random() < 0.08))
    legal_form = _first_two_demo_forms(index) or rng.choice(names.LEGAL_FORMS[is_vcse])
    place = rng.choice(names.PLACES) if index > 1 else ("Kentish Town" if index == 0 else "Fleet Road")
    in_borough = rng.random() < 0.65 or index < 2
    staff, turnover = _size_bands(rng, is_vcse)
    name = _organisation_name(rng, place, trade, legal_form, index)
    ward_slugs = rng.sample(list(reference.wards()), k=rng.randint(1, 6))
    organisation = Organisation(
        name=name,
        trading_name=f"{place} {trade}" if rng.random() < 0.2 else None,
        legal_form=legal_form,
        identifier_scheme=_scheme(legal_form),
        identifier_number=_identifier(rng, legal_form),
        address_line_1=f"{rng.randint(1, 240)} {rng.choice(names.STREETS)}",
        town="London",
        postcode=rng.choice(names.POSTCODES_IN_BOROUGH if in_borough else names.POSTCODES_ELSEWHERE),
        website=f"https://www.{name.lower().replace(' ', '').replace('&', 'and').replace(chr(39), '')[:40]}.example",
        contact_name=f"{rng.choice(CONTACT_FIRST_NAMES)} {rng.choice(names.FOUNDERS)}",
        contact_email=f"hello@{name.lower().replace(' ', '').replace('&', 'and').replace(chr(39), '')[:30]}.example",
        staff_band=staff,
        turnover_band=turnover,
        size_band=sizing.size_band(staff, turnover),
        is_sme=sizing.is_sme(staff, turnover),
        is_vcse=is_vcse,
        vcse_type=legal_form if is_vcse else None,
        supported_employment=is_vcse and rng.random() < 0.15,
        public_service_mutual=rng.random() < 0.03,
        serves_whole_borough=rng.random() < 0.3,
        serves_neighbouring=rng.random() < 0.3,
        serves_london=rng.random() < 0.25,
        serves_national=rng.random() < 0.05,
        based_in_borough=in_borough,
        summary=_summary(rng, trade, services, place, is_vcse),
        description=_description(rng, name, services, is_vcse),
        services="\n".join(rng.sample(services, k=min(len(services), rng.randint(2, 4)))),
        status=PUBLISHED,
        published_at=clock.now(),
    )
    organisation.wards = [OrganisationWard(ward=slug) for slug in ward_slugs]
    organisation.categories = [OrganisationCategory(code=code) for code in divisions if code in reference.categories()]
    organisation.case_studies = [_case_study(rng, services) for _ in range(rng.randint(0, 2))]
    organisation.commitments = [_commitment(rng) for _ in range(rng.randint(0, 3))]
    return organisation


def _first_two_demo_forms(index: int) -> str | None:
    return {0: "cic", 1: "ltd"}.get(index)


def _organisation_name(rng: random.Random, place: str, trade: str, legal_form: str, index: int) -> str:
    if index == 0:
        return "Kentish Town Cleaning CIC"
    if index == 1:
        return "Fleet Road Repairs Ltd"
    style = rng.random()
    base = f"{rng.choice(names.FOUNDERS)} {trade}" if style < 0.35 else f"{place} {trade}"
    suffix = (
        names.VCSE_SUFFIX.get(legal_form)
        if legal_form in names.VCSE_SUFFIX
        else names.COMMERCIAL_SUFFIX.get(legal_form, "")
    )
    return f"{base}{suffix}"


def _size_bands(rng: random.Random, is_vcse: bool) -> tuple[str, str]:
    roll = rng.random()
    if roll < 0.55:
        return "1-10", "up-to-1m"
    if roll < 0.85:
        return "11-50", rng.choice(["up-to-1m", "1m-15m"])
    if roll < 0.96 or is_vcse:
        return "51-249", rng.choice(["1m-15m", "15m-44m"])
    return "250+", rng.choice(["44m-54m", "over-54m"])


def _scheme(legal_form: str) -> str:
    return {
        "cio": "GB-CHC",
        "charitable-company": "GB-COH",
        "co-operative": "GB-MPR",
        "sole-trader": "none",
        "partnership": "none",
        "unincorporated-association": "none",
    }.get(legal_form, "GB-COH")


def _identifier(rng: random.Random, legal_form: str) -> str | None:
    scheme = _scheme(legal_form)
    if scheme == "GB-COH":
        return f"{rng.randint(0, 99999999):08d}" if rng.random() < 0.8 else f"SC{rng.randint(0, 999999):06d}"
    if scheme == "GB-CHC":
        return str(rng.randint(1000000, 1199999))
    if scheme == "GB-MPR":
        return str(rng.randint(10000, 39999))
    return None


def _summary(rng: random.Random, trade: str, services: list[str], place: str, is_vcse: bool) -> str:
    who = "A not-for-profit" if is_vcse else "An independent"
    return (
        f"{who} {trade.lower()} organisation from {place} offering {services[0]} and {services[-1]} "
        "for councils, housing estates and community groups."
    )


def _description(rng: random.Random, name: str, services: list[str], is_vcse: bool) -> str:
    reinvest = " We reinvest our surplus in training and jobs for local residents." if is_vcse else ""
    return (
        f"{name} works with residents and public bodies across north London. "
        f"Our team provides {', '.join(services)}. We employ local people and pay the London Living Wage.{reinvest}"
    )


def _case_study(rng: random.Random, services: list[str]) -> CaseStudy:
    service = rng.choice(services)
    return CaseStudy(
        title=f"{service.capitalize()} for {rng.choice(names.PLACES)} estate",
        client=rng.choice(names.CLIENTS),
        problem=f"Residents reported that {service} was slow and did not reflect what mattered to them.",
        approach=f"We ran drop-in sessions with residents, then delivered {service} with a local team.",
        outcome=f"Satisfaction rose from {rng.randint(40, 60)}% to {rng.randint(75, 95)}% within a year.",
        resident_engagement="Monthly walkabouts with the tenants' and residents' association."
        if rng.random() < 0.6
        else None,
    )


def _commitment(rng: random.Random) -> SocialValueCommitment:
    theme = rng.choice(list(reference.social_value_themes().values()))
    measure = rng.choice(theme["measures"])
    return SocialValueCommitment(
        theme=theme["slug"],
        measure=measure["name"],
        quantity=Decimal(rng.choice([2, 5, 10, 20, 40, 100])),
        unit=measure["unit"],
        period="per year",
    )
