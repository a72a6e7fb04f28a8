"""Opportunities and bids for tests, made through the real services (one way to build data)."""

from __future__ import annotations

import itertools
from dataclasses import fields, replace
from datetime import datetime, time, timedelta
from decimal import Decimal

from flask import current_app

from marketplace import clock
from marketplace.fields import london_to_utc
from marketplace.opportunities import audience, criteria, rules, services
from marketplace.opportunities.bids import joint, sealing
from marketplace.opportunities.bids import services as bid_services
from marketplace.opportunities.commands import (
    AboutAnswers,
    ContactAnswers,
    RequirementsAnswers,
    TaskAnswers,
    TimetableAnswers,
    ValueAnswers,
    WhereAnswers,
)
from marketplace.opportunities.models import ANYONE, ESSENTIAL, INVITED, LOT, NICE
from marketplace.working_days import london_date
from tests.factories import create_buyer, owner_of

_sequence = itertools.count(1)
ANSWER = "We will work with residents from the first week, with a local team and monthly walkabouts."


def _request_context():
    return current_app.test_request_context()


def timetable(closes_at: datetime) -> dict:
    """Questions and answers as late as the rules allow (5pm London on the last allowed days)."""
    return {
        "closes_at": closes_at,
        "questions_close_at": london_to_utc(rules.latest_questions_close(closes_at), time(9)),
        "answers_by_at": london_to_utc(rules.latest_answers_by(closes_at), time(17)),
        "expected_award_date": london_date(closes_at) + timedelta(days=30),
    }


def task_answers(opportunity, values: dict) -> list[TaskAnswers]:
    """Every task's command: the answers in `values` (by name), the rest kept as the opportunity has them."""
    tasks = (AboutAnswers, RequirementsAnswers, ValueAnswers, WhereAnswers, ContactAnswers, TimetableAnswers)
    unknown = set(values) - {field.name for task in tasks for field in fields(task)}
    if unknown:
        raise TypeError(f"No task asks for {sorted(unknown)}")
    return [
        replace(task.of(opportunity), **{f.name: values[f.name] for f in fields(task) if f.name in values})
        for task in tasks
    ]


def details(**overrides) -> dict:
    values = {
        "title": f"Estate door entry repairs {next(_sequence)}",
        "summary": "Repair and maintain door entry systems on our estates so residents can get in safely.",
        "description": "Residents tell us door entry is often broken.",
        "outcomes": ["Door entry works first time", "Residents feel safe"],
        ESSENTIAL: ["You hold public liability insurance of at least £5 million", "You can start within 4 weeks"],
        NICE: ["You employ people from the borough"],
        "value_low": Decimal("50000"),
        "value_high": Decimal("120000"),
        "contract_start_date": clock.now().date() + timedelta(days=90),
        "contract_months": 24,
        "categories": ["50"],
        "wards": ["gospel-oak"],
        "contact_email": "estates@camden.gov.uk",
    }
    values.update(overrides)
    return values


def create_opportunity(
    owner=None,
    *,
    published: bool = True,
    notice=None,
    closes_at: datetime | None = None,
    who: str = ANYONE,
    lot_id: str | None = None,
    invited=(),
    reserved: str | None = None,
    price_kind: str = "lump-sum",
    roles: list[dict] | None = None,
    **overrides,
):
    owner = owner or create_buyer()
    closes_at = closes_at or london_to_utc(london_date(clock.now() + timedelta(days=21)), time(12))
    with _request_context():
        opportunity = services.create(owner, title=overrides.pop("title", None) or details()["title"], notice=notice)
        values = details(**overrides)
        values.pop("title")
        if notice is not None:
            for copied in ("summary", "outcomes", "categories", "wards", "contact_email", "value_low", "value_high"):
                overrides.get(copied) is None and values.pop(copied, None)
        services.save(opportunity, owner, *task_answers(opportunity, {**values, **timetable(closes_at)}))
        audience.save(
            opportunity,
            owner,
            who_may_bid=INVITED if invited else who,
            lot_id=lot_id if who == LOT else None,
            suitable_sme=True,
            suitable_vcse=False,
            reserved=reserved,
        )
        if invited:
            audience.invite(opportunity, owner, [organisation.id for organisation in invited])
        if price_kind != "lump-sum":
            criteria.save_price(opportunity, owner, price_kind=price_kind, weight=40, roles=roles or [])
        if published:
            services.publish(opportunity, owner)
    return opportunity


def start_bid(opportunity, organisation, user=None):
    user = user or owner_of(organisation)
    with _request_context():
        return bid_services.start(opportunity, organisation, user, {r.id: True for r in opportunity.essential})


def complete_bid(opportunity, organisation, user=None, *, answer: str = ANSWER, price: str = "99500"):
    user = user or owner_of(organisation)
    bid = start_bid(opportunity, organisation, user)
    with _request_context():
        for criterion in opportunity.question_criteria:
            bid_services.save_answer(bid, user, criterion_id=criterion.id, text=answer)
        if rules.price_is_day_rates(opportunity):
            roles = opportunity.price_criterion.day_rate_roles
            bid_services.save_price(bid, user, rates=[Decimal(price)] * len(roles))
        else:
            bid_services.save_price(bid, user, amount=Decimal(price))
        bid_services.save_declaration(bid, user, agreed=True)
    return bid


def submit_bid(opportunity, organisation, user=None, **kwargs):
    user = user or owner_of(organisation)
    complete_bid(opportunity, organisation, user, **kwargs)
    with _request_context():
        return bid_services.submit(opportunity, organisation, user)


def add_partner(bid, partner_organisation, *, confirm: bool = True):
    lead_user = owner_of(bid.organisation)
    with _request_context():
        member = joint.add_partner(bid, lead_user, partner_organisation, role="Runs the resident sessions")
        if confirm:
            token = joint.tokens.make_token(
                joint.PURPOSE, {"member": member.id, "organisation": partner_organisation.id}
            )
            joint.decide(token, owner_of(partner_organisation), partner_organisation, accept=True)
    return member


def own_bid(opportunity, organisation):
    return sealing.own_bid(sealing.Viewer(None, organisation.id, "supplier"), opportunity.id)


def close(opportunity, after: timedelta = timedelta(seconds=1)) -> None:
    """Move the clock past the closing instant."""
    clock.freeze(opportunity.closes_at + after)
