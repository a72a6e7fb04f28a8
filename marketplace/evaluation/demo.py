"""`flask demo load`: three opportunities carried through evaluation by the services, so `make run` shows
every stage: one awarded with its contract entered (standstill over), one in standstill, one in moderation.
History is made by moving the service clock (`clock.freeze`), then releasing it.

Evaluators and the moderator are demo buyers (same password as every demo sign-in); the admin approves.
Idempotent: does nothing if the demo evaluations already exist.
"""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal

from flask import has_request_context
from sqlalchemy import select

from marketplace import clock
from marketplace.accounts.models import ADMIN, BUYER, User
from marketplace.evaluation import queries, rules, services
from marketplace.evaluation.models import EVALUATOR, MODERATOR
from marketplace.extensions import db
from marketplace.fields import london_to_utc
from marketplace.opportunities import demo as opportunity_demo
from marketplace.opportunities.bids import opening
from marketplace.opportunities.commands import RequirementsAnswers, ValueAnswers, WhereAnswers
from marketplace.opportunities.models import Opportunity

AWARDED = "Community garden maintenance on the Maiden Lane estate"
STANDSTILL = "Youth football sessions in Kentish Town"
MODERATION = "Welcome packs for new tenants"
PANEL = [
    ("evaluator@camden.gov.uk", "Erin Evaluator", EVALUATOR),
    ("evaluator2@camden.gov.uk", "Omar Okoye", EVALUATOR),
    ("moderator@camden.gov.uk", "Maya Moderator", MODERATOR),
]


@dataclass(frozen=True)
class Stage:
    title: str
    summary: str
    published_days_ago: int
    category: str
    ward: str
    scored: bool = True
    agreed: bool = True
    decided_days_after_close: int | None = None
    contract: bool = False


STAGES = [
    Stage(
        AWARDED,
        "Weekly care of the estate's community garden, with resident volunteer days.",
        75,
        "77",
        "camden-town",
        decided_days_after_close=10,
        contract=True,
    ),
    Stage(
        STANDSTILL,
        "Free weekly football sessions for 11 to 16 year olds, with coaching qualifications.",
        26,
        "92",
        "kentish-town-north",
        decided_days_after_close=12,
    ),
    Stage(
        MODERATION,
        "Welcome packs and a first-week visit for every new tenant, in their own language.",
        20,
        "85",
        "gospel-oak",
        agreed=False,
    ),
]


def load_demo_evaluations(*, password: str) -> bool:
    buyer = db.session.scalar(select(User).where(User.role == BUYER, User.email == "buyer@camden.gov.uk"))
    admin = db.session.scalar(select(User).where(User.role == ADMIN).order_by(User.id))
    if buyer is None or admin is None or db.session.scalar(select(Opportunity.id).where(Opportunity.title == AWARDED)):
        return False
    context = nullcontext() if has_request_context() else opportunity_demo._service_context()
    with context:
        panel = _panel(password)
        people = opportunity_demo._bidders(3, password)
        now = clock.now()
        try:
            for stage in STAGES:
                _carry(stage, buyer, admin, panel, people, now)
        finally:
            clock.freeze(None)
    return True


def _panel(password: str) -> list[tuple[User, str]]:
    from marketplace.accounts import passwords

    password_hash = passwords.hash_password(password)
    members = []
    for email, name, role in PANEL:
        user = db.session.scalar(select(User).where(User.email == email))
        if user is None:
            user = User(
                email=email, password_hash=password_hash, role=BUYER, full_name=name, email_verified_at=clock.now()
            )
            db.session.add(user)
            db.session.flush()
        members.append((user, role))
    db.session.commit()
    return members


def _at(moment: datetime) -> None:
    clock.freeze(moment)


def _carry(stage: Stage, buyer, admin, panel, people, now: datetime) -> None:
    published = now - timedelta(days=stage.published_days_ago)
    _at(published)
    closes_at = london_to_utc((published + timedelta(days=12)).date(), time(12))
    draft = opportunity_demo._draft(
        buyer,
        stage.title,
        summary=stage.summary,
        outcomes=["Residents see the difference within three months", "Local people are employed"],
        requirements=RequirementsAnswers(
            essential=["You hold public liability insurance of at least £5 million"],
            nice=["You are based in the borough"],
        ),
        value=ValueAnswers(
            value_low=Decimal(25_000),
            value_high=Decimal(60_000),
            contract_start_date=(now + timedelta(days=30)).date(),
            contract_months=12,
            extension_months=None,
        ),
        where=WhereAnswers(categories=[stage.category], wards=[stage.ward]),
        contact_email="communities@camden.gov.uk",
        closes_at=closes_at,
    )
    opportunity = opportunity_demo._publish(buyer, draft)
    _at(published + timedelta(days=4))
    for number, (organisation, user) in enumerate(people[:3]):
        opportunity_demo._bid(opportunity, organisation, user, number * 3, None)
    _at(closes_at + timedelta(hours=2))
    opening.open_bids(opportunity, buyer)
    for user, role in panel:
        services.add_to_panel(opportunity, buyer, user=user, role=role)
    _at(closes_at + timedelta(days=2))
    evaluators = [user for user, role in panel if role == EVALUATOR]
    moderator = next(user for user, role in panel if role == MODERATOR)
    for index, evaluator in enumerate(evaluators):
        answers = {organisation_id: (False, None) for organisation_id, _ in queries.to_declare(opportunity.id)}
        services.declare(opportunity, evaluator, answers=answers)
        for number, bid in enumerate(services.scorable_bids(opportunity, evaluator)):
            for criterion in opportunity.question_criteria:
                services.save_score(
                    opportunity,
                    evaluator,
                    bid_id=bid.id,
                    criterion_id=criterion.id,
                    score=max(0, 4 - number - (index if number == 1 else 0) * 2),
                    justification=f"{bid.lead_name} sets out a clear weekly plan; evidence from two similar contracts.",
                )
        services.submit_scores(opportunity, evaluator)
    if not stage.agreed:
        return
    _at(closes_at + timedelta(days=4))
    for number, bid in enumerate(queries.bids_for(opportunity, moderator)):
        for criterion in opportunity.question_criteria:
            services.save_consensus(
                opportunity,
                moderator,
                bid_id=bid.id,
                criterion_id=criterion.id,
                score=max(0, 4 - number),
                justification=f"The panel agreed: {bid.lead_name}'s answer "
                + ("is detailed and evidenced." if number == 0 else "has gaps in staffing and resident involvement."),
                note="Agreed at the moderation meeting.",
            )
    if stage.decided_days_after_close is None:
        return
    _at(closes_at + timedelta(days=stage.decided_days_after_close - 1))
    standings = queries.standings(opportunity, buyer)
    award = services.propose_award(opportunity, buyer, bid_id=standings[0].bid_id)
    _at(closes_at + timedelta(days=stage.decided_days_after_close))
    services.approve_award(award, admin)
    if stage.contract:
        earliest = rules.earliest_contract_date(award)
        assert earliest is not None
        _at(london_to_utc(earliest, time(10)))
        services.record_contract(
            opportunity,
            buyer,
            value=Decimal(standings[0].price or 40_000),
            start_date=earliest + timedelta(days=7),
            end_date=earliest + timedelta(days=7 + 365),
        )
