"""`flask demo load`: council staff, demo sign-ins and 240 believable supplier organisations.

Everything is made through the domains' services, as people make it: accounts registered and verified,
organisations written and published by their owners, each action with its audit row.
Deterministic (seeded) and idempotent: it does nothing to a database that already has the demo admin.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

import click
from flask import current_app

from marketplace.accounts import passwords, tokens
from marketplace.accounts import queries as account_queries
from marketplace.accounts import services as account_services
from marketplace.accounts.models import ADMIN, BUYER, SUPPLIER, User
from marketplace.accounts.services import seed_buyer_domains
from marketplace.audit.services import record
from marketplace.demo import names
from marketplace.extensions import db
from marketplace.insight.demo import load_demo_history, quick_sqlite_commits
from marketplace.suppliers import queries as supplier_queries
from marketplace.suppliers import reference
from marketplace.suppliers import services as supplier_services
from marketplace.suppliers.commands import AboutAnswers, WorkAnswers
from marketplace.suppliers.experience import services as experience
from marketplace.suppliers.models import Organisation

DEMO_PASSWORD = "demo marketplace 2026"
ORGANISATION_COUNT = 240
LOGINS = [
    ("admin", "admin@camden.gov.uk", ADMIN, "Alex Admin"),
    ("buyer", "buyer@camden.gov.uk", BUYER, "Priya Shah"),
    ("supplier (a community interest company)", "sam@kentishtowncleaning.example", SUPPLIER, "Sam Okafor"),
    ("supplier (a small building firm)", "jo@fleetroadrepairs.example", SUPPLIER, "Jo Murphy"),
]

CONTACT_FIRST_NAMES = ["Sam", "Jo", "Amina", "Tomasz", "Grace", "Dev", "Ruth", "Kwame"]
# The areas beyond wards an organisation serves, and how likely each is.
AREA_CHANCES = [("whole-borough", 0.3), ("neighbouring", 0.3), ("london", 0.25), ("national", 0.05)]


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
        _load_the_rest(progress)
        return DemoSummary(False, db.session.query(Organisation).count())
    with current_app.test_request_context(base_url=current_app.config["SERVICE_URL"]), quick_sqlite_commits():
        _load_suppliers(progress)  # (the request context gives emailed links the service's address)
    _load_the_rest(progress)
    return DemoSummary(True, ORGANISATION_COUNT)


def _load_suppliers(progress: bool) -> None:
    """The demo sign-ins and 240 organisations, each registered, written and published by its owner through
    the services a person uses. The admin comes last: until it exists, a load that stopped half way is redone,
    skipping the accounts and organisations already made."""
    password_hash = passwords.hash_password(DEMO_PASSWORD)  # once for all: see `register(password_hash=)`
    logins = {email: _registered(email, password_hash, role, full_name) for _, email, role, full_name in LOGINS[1:]}
    owners = [logins[LOGINS[2][1]], logins[LOGINS[3][1]]]
    rng = random.Random(2026)
    indexes = range(ORGANISATION_COUNT)
    iterator = click.progressbar(indexes, label="Supplier organisations", show_pos=True) if progress else _null(indexes)
    with iterator as bar:
        for index in bar:
            demo = _demo_organisation(rng, index)
            owner = owners[index] if index < len(owners) else None
            _create_organisation(demo, owner or _registered(_owner_email(index), password_hash, SUPPLIER, demo.contact))
    _, email, _, full_name = LOGINS[0]
    admin = account_services.create_admin(email, DEMO_PASSWORD, full_name=full_name)
    record("demo.loaded", ("demo", "v1"), actor_id=admin.id, organisations=ORGANISATION_COUNT)
    db.session.commit()


def _load_the_rest(progress: bool) -> None:
    _load_demo_framework()
    _load_demo_notices()
    _load_demo_events()
    _load_demo_opportunities()
    _load_demo_evaluations()
    _load_demo_guides()
    load_demo_history(progress=progress)  # two years of suppliers joining and engaging, for the insight pages


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


def _owner_email(index: int) -> str:
    return f"owner{index + 1}@demo-supplier.example"


def _registered(email: str, password_hash: str, role: str, full_name: str | None) -> User:
    """A verified account, made as a person makes one (registering, then following the emailed link)."""
    user = account_queries.get_user_by_email(email)
    if user is None:
        user = account_services.register(
            email, DEMO_PASSWORD, role=role, full_name=full_name, password_hash=password_hash
        )
    if not user.is_verified:
        account_services.verify_email(
            tokens.make_token(account_services.VERIFY, {"user": user.id, "email": user.email})
        )
    return user


@dataclass(frozen=True)
class DemoOrganisation:
    about: AboutAnswers
    work: WorkAnswers
    case_studies: list[dict[str, str | None]]
    commitments: list[dict[str, str | Decimal]]
    contact: str


def _create_organisation(demo: DemoOrganisation, owner: User) -> None:
    if supplier_queries.get_membership_for_user(owner.id) is not None:
        return  # made by a load that stopped before the end
    organisation = supplier_services.create_organisation(owner, demo.about)
    supplier_services.update_work(organisation, owner, demo.work)
    for case_study in demo.case_studies:
        experience.add_case_study(organisation, owner, **case_study)  # type: ignore[arg-type]
    for commitment in demo.commitments:
        experience.add_commitment(organisation, owner, evidence_url=None, **commitment)  # type: ignore[arg-type]
    supplier_services.publish(organisation, owner)


def _demo_organisation(rng: random.Random, index: int) -> DemoOrganisation:
    """One organisation's answers. The random draws are made in a fixed order, so the demo is the same each time."""
    # The two demo sign-ins' organisations are a cleaning CIC and a repairs firm.
    trade, divisions, services, vcse_friendly = names.TRADES[{0: 2, 1: 0}.get(index, index % len(names.TRADES))]
    is_vcse = index == 0 or (index != 1 and (vcse_friendly and rng.random() < 0.6 or rng.random() < 0.08))
    legal_form = _first_two_demo_forms(index) or rng.choice(names.LEGAL_FORMS[is_vcse])
    place = rng.choice(names.PLACES) if index > 1 else ("Kentish Town" if index == 0 else "Fleet Road")
    in_borough = rng.random() < 0.65 or index < 2
    staff, turnover = _size_bands(rng, is_vcse)
    name = _organisation_name(rng, place, trade, legal_form, index)
    ward_slugs = rng.sample(list(reference.wards()), k=rng.randint(1, 6))
    about = AboutAnswers(
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
        is_vcse=is_vcse,
        vcse_type=legal_form if is_vcse else None,
        supported_employment=is_vcse and rng.random() < 0.15,
        public_service_mutual=rng.random() < 0.03,
    )
    flags = [area for area, chance in AREA_CHANCES if rng.random() < chance]
    work = WorkAnswers(
        based_in_borough=in_borough,
        base_ward=_base_ward(str(about.postcode), index) if in_borough else None,
        summary=_summary(rng, trade, services, place, is_vcse),
        description=_description(rng, name, services, is_vcse),
        services="\n".join(rng.sample(services, k=min(len(services), rng.randint(2, 4)))),
        categories=[code for code in divisions if code in reference.categories()],
        areas=ward_slugs + flags,
    )
    case_studies = [_case_study(rng, services) for _ in range(rng.randint(0, 2))]
    commitments = [_commitment(rng) for _ in range(rng.randint(0, 3))]
    return DemoOrganisation(about, work, case_studies, commitments, contact=str(about.contact_name))


def _base_ward(postcode: str, index: int) -> str:
    """A ward the postcode's district reaches into, varied by organisation (no random draw, so the rest of the
    demo stays the same)."""
    wards = reference.wards_in_district(postcode.split(" ")[0]) or tuple(reference.wards())
    return wards[index % len(wards)]


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


def _case_study(rng: random.Random, services: list[str]) -> dict[str, str | None]:
    service = rng.choice(services)
    return dict(
        title=f"{service.capitalize()} for {rng.choice(names.PLACES)} estate",
        client=rng.choice(names.CLIENTS),
        problem=f"Residents reported that {service} was slow and did not reflect what mattered to them.",
        approach=f"We ran drop-in sessions with residents, then delivered {service} with a local team.",
        outcome=f"Satisfaction rose from {rng.randint(40, 60)}% to {rng.randint(75, 95)}% within a year.",
        resident_engagement="Monthly walkabouts with the tenants' and residents' association."
        if rng.random() < 0.6
        else None,
    )


def _commitment(rng: random.Random) -> dict[str, str | Decimal]:
    theme = rng.choice(list(reference.social_value_themes().values()))
    measure = rng.choice(theme["measures"])
    return dict(
        theme=theme["slug"],
        measure=measure["name"],
        quantity=Decimal(rng.choice([2, 5, 10, 20, 40, 100])),
        unit=measure["unit"],
        period="per year",
    )
