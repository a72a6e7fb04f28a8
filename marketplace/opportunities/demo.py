"""`flask demo load`: opportunities built through the services, so the demo is what the service makes.

* an open opportunity created from the Estates Mission's "Safer estates" engagement notice;
* an open mini-competition on the Estates Services DPS cleaning lot;
* a closed opportunity with a dozen submitted bids (some joint), ready to open and evaluate
  (history made by moving the service clock with `clock.freeze`, then releasing it).

Idempotent: does nothing if the demo opportunities already exist.
"""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import replace
from datetime import datetime, time, timedelta
from decimal import Decimal

from flask import current_app, has_request_context
from sqlalchemy import select

from marketplace import clock
from marketplace.accounts.models import BUYER, User
from marketplace.extensions import db
from marketplace.fields import london_to_utc
from marketplace.notices.models import Notice
from marketplace.opportunities import audience, criteria, rules, services
from marketplace.opportunities.bids import joint
from marketplace.opportunities.bids import services as bids
from marketplace.opportunities.commands import (
    AboutAnswers,
    ContactAnswers,
    RequirementsAnswers,
    TimetableAnswers,
    ValueAnswers,
    WhereAnswers,
)
from marketplace.opportunities.models import ANYONE, LOT, Opportunity
from marketplace.suppliers.models import OWNER, PUBLISHED, Membership, Organisation
from marketplace.working_days import london_date

SAFER_NOTICE = "Safer estates: lighting, doors and the spaces between blocks"
MINI_COMPETITION = "Deep cleaning of estate bin stores (mini-competition)"
CLOSED = "Resident engagement for the Gospel Oak estate plan"
CLEANING_LOT = "estates-dps/cleaning"


def _closing(days: int, *, at: datetime | None = None) -> datetime:
    return london_to_utc(london_date((at or clock.now()) + timedelta(days=days)), time(12))


def _timetable(closes_at: datetime) -> TimetableAnswers:
    return TimetableAnswers(
        closes_at=closes_at,
        questions_close_at=london_to_utc(rules.latest_questions_close(closes_at), time(17)),
        answers_by_at=london_to_utc(rules.latest_answers_by(closes_at), time(17)),
        expected_award_date=london_date(closes_at) + timedelta(days=35),
    )


def load_demo_opportunities(*, password: str) -> bool:
    """`password` is the demo sign-ins' (the bidders' owners get it too): the orchestrator passes it."""
    buyer = db.session.scalar(select(User).where(User.role == BUYER, User.email == "buyer@camden.gov.uk"))
    if buyer is None or db.session.scalar(select(Opportunity.id).where(Opportunity.title == CLOSED)):
        return False
    context = nullcontext() if has_request_context() else _service_context()
    with context:
        _from_notice(buyer)
        _mini_competition(buyer)
        _closed_with_bids(buyer, password)
    return True


def _service_context():
    return current_app.test_request_context(base_url=current_app.config["SERVICE_URL"])


def _draft(
    buyer: User,
    title: str,
    *,
    summary: str,
    outcomes: list[str],
    requirements: RequirementsAnswers,
    value: ValueAnswers,
    where: WhereAnswers,
    contact_email: str,
    closes_at: datetime,
) -> Opportunity:
    """A new draft with every task answered (no description, mission or contact name)."""
    opportunity = services.create(buyer, title=title)
    services.save(
        opportunity,
        buyer,
        AboutAnswers(title=title, summary=summary, description=None, outcomes=outcomes, mission_id=None),
        requirements,
        value,
        where,
        ContactAnswers(contact_name=None, contact_email=contact_email),
        _timetable(closes_at),
    )
    return opportunity


def _publish(buyer: User, opportunity: Opportunity, *, who=ANYONE, lot=None, reserved=None) -> Opportunity:
    audience.save(
        opportunity,
        buyer,
        who_may_bid=who,
        lot_id=lot,
        suitable_sme=True,
        suitable_vcse=True,
        reserved=reserved,
    )
    services.publish(opportunity, buyer)
    return opportunity


def _from_notice(buyer: User) -> None:
    notice = db.session.scalar(select(Notice).where(Notice.title == SAFER_NOTICE))
    if notice is None:
        return
    # The title, outcomes, categories, locations, mission, value and contact are the notice's, copied on creation.
    opportunity = services.create(buyer, title="Safer estates: lighting and door entry works", notice=notice)
    services.save(
        opportunity,
        buyer,
        replace(
            AboutAnswers.of(opportunity),
            summary="Better lighting, working door entry and safer paths on three estates, designed with residents.",
        ),
        RequirementsAnswers(
            essential=[
                "You hold public liability insurance of at least £5 million",
                "Your electricians are registered with a competent person scheme",
            ],
            nice=["You have worked with tenants' and residents' associations"],
        ),
        replace(
            ValueAnswers.of(opportunity),
            contract_start_date=london_date(clock.now()) + timedelta(days=120),
            contract_months=36,
            extension_months=12,
        ),
        _timetable(_closing(24)),
    )
    _publish(buyer, opportunity)


def _mini_competition(buyer: User) -> None:
    if CLEANING_LOT not in audience.lot_options():
        return
    opportunity = _draft(
        buyer,
        MINI_COMPETITION,
        summary="Quarterly deep cleaning of bin stores on 40 estates, for suppliers on the cleaning lot.",
        outcomes=["Bin stores are clean and free of pests", "Residents report fewer smells and spills"],
        requirements=RequirementsAnswers(
            essential=["You can clean 40 bin stores each quarter", "Your staff are paid the London Living Wage"],
            nice=[],
        ),
        value=ValueAnswers(
            value_low=Decimal(60_000),
            value_high=Decimal(90_000),
            contract_start_date=london_date(clock.now()) + timedelta(days=60),
            contract_months=24,
            extension_months=None,
        ),
        where=WhereAnswers(categories=["90"], wards=["whole-borough"]),
        contact_email="cleaning@camden.gov.uk",
        closes_at=_closing(14),
    )
    criteria.save_price(
        opportunity, buyer, price_kind="day-rate", weight=40, roles=[{"role": "Cleaning operative", "days": 160}]
    )
    audience.save(
        opportunity, buyer, who_may_bid=LOT, lot_id=CLEANING_LOT, suitable_sme=True, suitable_vcse=True, reserved=None
    )
    services.publish(opportunity, buyer)


def _bidders(count: int, password: str) -> list[tuple[Organisation, User]]:
    """Published demo organisations (not the demo sign-ins'), each given an owner who can bid."""
    from marketplace.accounts import passwords
    from marketplace.accounts.models import SUPPLIER

    statement = (
        select(Organisation)
        .where(Organisation.status == PUBLISHED)
        .order_by(Organisation.id)
        .offset(2)  # the demo sign-ins' organisations keep their own dashboards
        .limit(count)
    )
    password_hash = passwords.hash_password(password)
    people = []
    for number, organisation in enumerate(db.session.scalars(statement)):
        owner = db.session.scalar(
            select(User)
            .join(Membership, Membership.user_id == User.id)
            .where(Membership.organisation_id == organisation.id)
        )
        if owner is None:
            owner = User(
                email=f"bids{number + 1}@demo-bidder.example",
                password_hash=password_hash,
                role=SUPPLIER,
                full_name=organisation.contact_name,
                email_verified_at=clock.now(),
            )
            db.session.add(owner)
            db.session.flush()
            db.session.add(Membership(organisation_id=organisation.id, user_id=owner.id, role=OWNER))
        people.append((organisation, owner))
    db.session.commit()
    return people


def _closed_with_bids(buyer: User, password: str) -> None:
    """Published 30 days ago, closed 3 days ago, with 12 submitted bids of which 3 are joint."""
    now = clock.now()
    try:
        clock.freeze(now - timedelta(days=30))
        draft = _draft(
            buyer,
            CLOSED,
            summary="Help residents shape the Gospel Oak estate plan: workshops, door knocking and a youth panel.",
            outcomes=["Residents from every block take part", "Young people shape the plan"],
            requirements=RequirementsAnswers(
                essential=["You have run resident engagement for a council or housing association"],
                nice=["You can work in Bengali and Somali"],
            ),
            value=ValueAnswers(
                value_low=Decimal(40_000),
                value_high=Decimal(75_000),
                contract_start_date=london_date(now) + timedelta(days=45),
                contract_months=12,
                extension_months=None,
            ),
            where=WhereAnswers(categories=["79"], wards=["gospel-oak"]),
            contact_email="estateplans@camden.gov.uk",
            closes_at=_closing(27),
        )
        opportunity = _publish(buyer, draft, reserved="sme-vcse")
        people = _bidders(15, password)
        leads, partners = people[:12], people[12:]
        clock.freeze(now - timedelta(days=5))
        for number, (organisation, user) in enumerate(leads):
            _bid(opportunity, organisation, user, number, partners[number] if number < len(partners) else None)
    finally:
        clock.freeze(None)


def _bid(opportunity, organisation, user, number: int, partner) -> None:
    bid = bids.start(opportunity, organisation, user, {r.id: True for r in opportunity.essential})
    for criterion in opportunity.question_criteria:
        text = (
            f"{organisation.display_name} will run {3 + number % 4} workshops in each block, knock on every door "
            "twice and pay a youth panel of 8 local young people. We have done this on two estates in the borough."
        )
        bids.save_answer(bid, user, criterion_id=criterion.id, text=text)
    bids.save_price(bid, user, amount=Decimal(48_000 + number * 2_150))
    bids.save_declaration(bid, user, agreed=True)
    if partner is not None:
        partner_organisation, partner_user = partner
        member = joint.add_partner(bid, user, partner_organisation, role="Runs the youth panel")
        token = joint.tokens.make_token(joint.PURPOSE, {"member": member.id, "organisation": partner_organisation.id})
        joint.decide(token, partner_user, partner_organisation, accept=True)
    bids.submit(opportunity, organisation, user)
