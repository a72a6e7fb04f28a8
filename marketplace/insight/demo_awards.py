"""Demo history of tendering (part of `flask demo load`'s market history, `marketplace.insight.demo`): each
month, through the opportunities' and evaluation's own services with the clock moved, the buyer turns last
month's notices into opportunities, suppliers bid (most of them suppliers who registered interest in the
notice), bidding closes, a panel scores the bids, the award is approved and, after standstill, the contract
is entered early the next month. After the Estates Mission launches, more of the bidders and winners are
local and VCSE organisations.

The panel (an evaluator and a moderator) and the approver are the evaluation demo's people; without them
there is no tendering history. Deterministic: every choice comes from the history's seeded generator.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, time, timedelta
from decimal import Decimal
from typing import Protocol

from sqlalchemy import select

from marketplace import clock
from marketplace.accounts import queries as account_queries
from marketplace.accounts.models import User
from marketplace.evaluation import queries as evaluation_queries
from marketplace.evaluation import rules as evaluation_rules
from marketplace.evaluation import services as evaluation_services
from marketplace.evaluation.models import EVALUATOR, MODERATOR
from marketplace.extensions import db
from marketplace.fields import london_to_utc
from marketplace.insight.periods import Month
from marketplace.notices.models import Notice
from marketplace.opportunities import audience
from marketplace.opportunities import rules as opportunity_rules
from marketplace.opportunities import services as opportunity_services
from marketplace.opportunities.bids import opening
from marketplace.opportunities.bids import services as bid_services
from marketplace.opportunities.commands import AboutAnswers, RequirementsAnswers, TimetableAnswers, ValueAnswers
from marketplace.opportunities.models import ANYONE, Opportunity
from marketplace.suppliers.models import Organisation
from marketplace.working_days import london_date

EVALUATOR_EMAIL = "evaluator@camden.gov.uk"
MODERATOR_EMAIL = "moderator@camden.gov.uk"
ANSWER = (
    "{name} will run the work with a named local team, meet residents in the first fortnight and report "
    "monthly on what changed; we have done similar work for two housing providers."
)


class Supplier(Protocol):
    """A supplier of the history (`marketplace.insight.demo.Joined`)."""

    @property
    def organisation_id(self) -> int: ...
    @property
    def user_id(self) -> int: ...
    @property
    def divisions(self) -> frozenset[str]: ...
    @property
    def local_or_vcse(self) -> bool: ...


@dataclass(frozen=True)
class Tender:
    """A notice published this month that the buyer will turn into an opportunity next month."""

    notice_id: int
    divisions: tuple[str, ...]
    interested: tuple[Supplier, ...]
    favour_local: bool


@dataclass
class Tendering:
    rng: random.Random  # its own, so that the rest of the history is the same with or without tendering
    buyer: User
    approver: User
    evaluator: User
    moderator: User
    limit: int | None = None  # at most this many opportunities (a shortened history: fewer pages to crawl)
    waiting: list[Tender] = field(default_factory=list)  # this month's notices, tendered next month
    awarded: list[tuple[int, int]] = field(default_factory=list)  # (opportunity, winning price): contract due


def start(buyer: User, *, admin_email: str, limit: int | None = None) -> Tendering | None:
    approver = account_queries.get_user_by_email(admin_email)
    evaluator = account_queries.get_user_by_email(EVALUATOR_EMAIL)
    moderator = account_queries.get_user_by_email(MODERATOR_EMAIL)
    if approver is None or evaluator is None or moderator is None:
        return None
    return Tendering(random.Random(1613), buyer, approver, evaluator, moderator, limit)


def _at(month: Month, day: int, hour: int = 10) -> datetime:
    return month.start + timedelta(days=day - 1, hours=hour)


def month(tendering: Tendering, month: Month, established: Sequence[Supplier]) -> None:
    """This month's tendering: last month's awards contracted, last month's notices tendered (at most two:
    the first Estates Mission notice and, every other month, another), bids, evaluation and award."""
    rng = tendering.rng
    pool = [supplier for supplier in established if supplier.user_id != tendering.approver.id]  # own accounts
    _enter_contracts(tendering, month)
    tenders, tendering.waiting = tendering.waiting, []
    chosen = [tender for tender in tenders if tender.favour_local][:1]
    chosen += [tender for tender in tenders if not tender.favour_local][:1]
    for number, tender in enumerate(chosen):
        if tendering.limit is not None and tendering.limit <= 0:
            return
        bidders = _bidders(rng, tender, pool)
        if len(bidders) < 2:
            continue  # too few suppliers to compete yet (the first months): the notice leads nowhere
        if tendering.limit is not None:
            tendering.limit -= 1
        _tender(tendering, rng, month, tender, bidders, number)


def _enter_contracts(tendering: Tendering, month: Month | None) -> None:
    """Contracts for last month's awards, on the first day standstill allows (`month` None: up to today, for
    the awards of the history's last month)."""
    due = []
    for opportunity_id, price in tendering.awarded:
        award = evaluation_queries.current_award(opportunity_id)
        earliest = evaluation_rules.earliest_contract_date(award) if award is not None else None
        if earliest is None:
            continue
        moment = london_to_utc(earliest, time(10))
        if month is not None:
            moment = max(moment, month.start + timedelta(hours=8))
        elif moment >= clock.now():
            continue
        due.append((moment, opportunity_id, price, earliest))
    for moment, opportunity_id, price, earliest in sorted(due):
        clock.freeze(moment)
        evaluation_services.record_contract(
            db.session.get_one(Opportunity, opportunity_id),
            tendering.buyer,
            value=Decimal(price),
            start_date=earliest + timedelta(days=14),
            end_date=earliest + timedelta(days=14 + 365),
        )
    tendering.awarded = []


def finish(tendering: Tendering) -> None:
    """After the last month: the contracts whose standstill is over by now (the clock released)."""
    _enter_contracts(tendering, None)


def _tender(
    tendering: Tendering, rng: random.Random, month: Month, tender: Tender, bidders: list[Supplier], number: int
) -> None:
    buyer = tendering.buyer
    notice = db.session.get_one(Notice, tender.notice_id)
    clock.freeze(_at(month, 4 + number))
    closes_at = london_to_utc(london_date(_at(month, 22 + number)), time(12))
    opportunity = opportunity_services.create(buyer, title=f"{notice.title}: the contract", notice=notice)
    opportunity_services.save(
        opportunity,
        buyer,
        replace(
            AboutAnswers.of(opportunity), summary="The work we asked suppliers about in our notice, now out to bid."
        ),
        RequirementsAnswers(essential=["You hold public liability insurance of at least £5 million"], nice=[]),
        replace(
            ValueAnswers.of(opportunity),
            contract_start_date=london_date(closes_at) + timedelta(days=60),
            contract_months=12,
        ),
        TimetableAnswers(
            closes_at=closes_at,
            questions_close_at=london_to_utc(opportunity_rules.latest_questions_close(closes_at), time(17)),
            answers_by_at=london_to_utc(opportunity_rules.latest_answers_by(closes_at), time(17)),
            expected_award_date=london_date(closes_at) + timedelta(days=21),
        ),
    )
    audience.save(
        opportunity, buyer, who_may_bid=ANYONE, lot_id=None, suitable_sme=True, suitable_vcse=True, reserved=None
    )
    opportunity_services.publish(opportunity, buyer)
    winner = _winner(rng, bidders, favour_local=tender.favour_local)
    base = rng.choice([30_000, 45_000, 60_000, 80_000])
    for index, supplier in enumerate(bidders):
        clock.freeze(_at(month, 8 + index % 10, hour=11))
        organisation = db.session.get_one(Organisation, supplier.organisation_id)
        user = db.session.get_one(User, supplier.user_id)
        submit = supplier is winner or rng.random() < 0.85
        price = base if supplier is winner else base + 1_000 * (2 + index)
        _bid(opportunity, organisation, user, price=price, submit=submit)
    if _evaluate(tendering, opportunity, closes_at, winner):
        tendering.awarded.append((opportunity.id, base))


def _bidders(rng: random.Random, tender: Tender, pool: list[Supplier]) -> list[Supplier]:
    """Most of those who registered interest in the notice, and a few others who offer its categories."""
    bidding = set(pool)  # suppliers with an account of their own
    interested = [supplier for supplier in tender.interested if supplier in bidding and rng.random() < 0.6]
    others = [s for s in pool if s.divisions & set(tender.divisions) and s not in tender.interested]
    if tender.favour_local:
        others.sort(key=lambda s: -int(s.local_or_vcse))
        others = others[:12]
    extra = rng.sample(others, k=min(len(others), rng.randint(1, 2)))
    if len(interested) + len(extra) < 2:  # early on few suppliers offer the categories: others bid too
        rest = [s for s in pool if s not in interested and s not in extra]
        extra += rng.sample(rest, k=min(len(rest), 2))
    return list(dict.fromkeys([*interested, *extra]))[:5]  # five at most: each bid is a dozen service calls


def _winner(rng: random.Random, bidders: list[Supplier], *, favour_local: bool) -> Supplier:
    """After the Estates Mission launched, its contracts mostly go to local or VCSE bidders (they bid with
    local teams and social value), VCSEs most; otherwise any bidder may win."""
    local = [supplier for supplier in bidders if supplier.local_or_vcse]
    if favour_local and local and rng.random() < 0.85:
        vcse = set(
            db.session.scalars(
                select(Organisation.id).where(
                    Organisation.id.in_([supplier.organisation_id for supplier in local]),
                    Organisation.is_vcse.is_(True),
                )
            )
        )
        weights = [3.0 if supplier.organisation_id in vcse else 1.0 for supplier in local]
        return rng.choices(local, weights=weights)[0]
    return rng.choice(bidders)


def _bid(opportunity: Opportunity, organisation: Organisation, user: User, *, price: int, submit: bool) -> None:
    bid = bid_services.start(opportunity, organisation, user, {r.id: True for r in opportunity.essential})
    for criterion in opportunity.question_criteria:
        bid_services.save_answer(bid, user, criterion_id=criterion.id, text=ANSWER.format(name=organisation.name))
    bid_services.save_price(bid, user, amount=Decimal(price))
    bid_services.save_declaration(bid, user, agreed=True)
    if submit:
        bid_services.submit(opportunity, organisation, user)


def _evaluate(tendering: Tendering, opportunity: Opportunity, closes_at: datetime, winner: Supplier) -> bool:
    """Open, score, moderate, propose and approve (the winner's bid is ranked first). True once approved."""
    buyer, evaluator, moderator = tendering.buyer, tendering.evaluator, tendering.moderator
    clock.freeze(closes_at + timedelta(hours=2))
    if not opening.open_bids(opportunity, buyer):
        return False
    evaluation_services.add_to_panel(opportunity, buyer, user=evaluator, role=EVALUATOR)
    evaluation_services.add_to_panel(opportunity, buyer, user=moderator, role=MODERATOR)
    clock.freeze(closes_at + timedelta(days=1))
    answers = {organisation_id: (False, None) for organisation_id, _ in evaluation_queries.to_declare(opportunity.id)}
    evaluation_services.declare(opportunity, evaluator, answers=answers)

    def score(bid) -> int:
        return 4 if bid.organisation_id == winner.organisation_id else 2

    for bid in evaluation_services.scorable_bids(opportunity, evaluator):
        for criterion in opportunity.question_criteria:
            evaluation_services.save_score(
                opportunity,
                evaluator,
                bid_id=bid.id,
                criterion_id=criterion.id,
                score=score(bid),
                justification="Scored against the published criteria.",
            )
    evaluation_services.submit_scores(opportunity, evaluator)
    clock.freeze(closes_at + timedelta(days=2))
    for bid in evaluation_queries.bids_for(opportunity, moderator):
        for criterion in opportunity.question_criteria:
            evaluation_services.save_consensus(
                opportunity,
                moderator,
                bid_id=bid.id,
                criterion_id=criterion.id,
                score=score(bid),
                justification="The panel agreed this score.",
                note=None,
            )
    clock.freeze(closes_at + timedelta(days=3))
    standings = evaluation_queries.standings(opportunity, buyer)
    if not standings or standings[0].organisation_id != winner.organisation_id:
        return False  # left in evaluation: the demo never proposes a bid that is not ranked first
    award = evaluation_services.propose_award(opportunity, buyer, bid_id=standings[0].bid_id)
    clock.freeze(closes_at + timedelta(days=4))
    evaluation_services.approve_award(award, tendering.approver)
    return True
