"""Compliance, price scores and the ranking, computed from opened bids (read through sealing by the caller)
and the moderator's consensus scores. Consensus, not averages, is what counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from marketplace.evaluation import rules
from marketplace.opportunities import choices
from marketplace.opportunities import rules as opportunity_rules
from marketplace.opportunities.bids.sealing import OpenedBid
from marketplace.opportunities.models import PRICE, Opportunity


def price_of(bid: OpenedBid) -> Decimal | None:
    try:
        total = bid.price.get("total")
        return Decimal(str(total)) if total not in (None, "") else None
    except (InvalidOperation, ValueError):
        return None


def compliance_problems(opportunity: Opportunity, bid: OpenedBid) -> list[str]:
    """Checked automatically: eligibility, every essential requirement met, every answer there and within
    its word limit, a price."""
    problems = []
    eligibility = bid.content.get("eligibility", [])
    met = {item["requirement"] for item in eligibility if item.get("meets")}
    if any(requirement.id not in met for requirement in opportunity.essential):
        problems.append("Does not meet every essential requirement")
    answers = bid.answers
    for criterion in opportunity.question_criteria:
        text = answers.get(criterion.id, "")
        if not text.strip():
            problems.append(f"No answer to ‘{criterion.title}’")
        elif criterion.word_limit and opportunity_rules.word_count(text) > criterion.word_limit:
            problems.append(f"The answer to ‘{criterion.title}’ is over its word limit")
    if price_of(bid) is None:
        problems.append("No price")
    return problems


def top_of_scale(opportunity: Opportunity) -> int:
    return max(score for score, _ in choices.scale(opportunity))


@dataclass
class Standing:
    bid_id: int
    organisation_id: int
    name: str
    sme: bool
    vcse: bool
    price: Decimal | None
    problems: list[str]
    excluded: str | None
    abnormally_low: bool = False
    price_score: Decimal = Decimal(0)
    quality_score: Decimal = Decimal(0)
    scores: dict[int, dict[str, Any]] = field(default_factory=dict)  # criterion id → score, justification
    complete: bool = False  # a consensus score for every question
    rank: int | None = None

    @property
    def compliant(self) -> bool:
        return not self.problems and self.excluded is None

    @property
    def total(self) -> Decimal:
        return self.price_score + self.quality_score

    def as_json(self) -> dict[str, Any]:
        return {
            "bid_id": self.bid_id,
            "organisation_id": self.organisation_id,
            "name": self.name,
            "sme": self.sme,
            "vcse": self.vcse,
            "price": str(self.price) if self.price is not None else None,
            "problems": self.problems,
            "excluded": self.excluded,
            "abnormally_low": self.abnormally_low,
            "price_score": str(self.price_score),
            "quality_score": str(self.quality_score),
            "total": str(self.total),
            "scores": {str(k): v for k, v in self.scores.items()},
            "rank": self.rank,
        }


def rank(
    opportunity: Opportunity,
    bids: list[OpenedBid],
    *,
    consensus: dict[tuple[int, int], Any],
    exclusions: dict[int, str],
) -> list[Standing]:
    """Every opened bid with its scores; compliant ones ranked by weighted total, ties broken by the
    opportunity's stated rule (default: the higher quality score), then by who submitted first."""
    top = top_of_scale(opportunity)
    standings = []
    for bid in bids:
        lead = bid.members[0] if bid.members else {}
        standing = Standing(
            bid_id=bid.id,
            organisation_id=bid.organisation_id,
            name=bid.lead_name,
            sme=bool(lead.get("sme")),
            vcse=bool(lead.get("vcse")),
            price=price_of(bid),
            problems=compliance_problems(opportunity, bid),
            excluded=exclusions.get(bid.id),
        )
        complete = True
        for criterion in opportunity.question_criteria:
            agreed = consensus.get((bid.id, criterion.id))
            if agreed is None:
                complete = False
                continue
            weighted = rules.question_score(score=agreed.score, top=top, weight=criterion.weight or 0)
            standing.quality_score += weighted
            standing.scores[criterion.id] = {
                "score": agreed.score,
                "weighted": str(weighted),
                "justification": agreed.justification,
            }
        standing.complete = complete
        standings.append(standing)
    compliant_prices = [s.price for s in standings if s.compliant and s.price is not None]
    price = opportunity.price_criterion
    if compliant_prices and price is not None:
        lowest = min(compliant_prices)
        for standing in standings:
            if standing.compliant and standing.price is not None:
                standing.price_score = rules.price_score(lowest=lowest, price=standing.price, weight=price.weight or 0)
                standing.abnormally_low = rules.abnormally_low(standing.price, compliant_prices)
    submitted = {bid.id: (bid.submitted_at, bid.id) for bid in bids}

    def order(standing: Standing):
        tie = -standing.quality_score if opportunity.tie_break != PRICE else (standing.price or Decimal(0))
        return (-standing.total, tie, submitted[standing.bid_id])

    ranked = sorted((s for s in standings if s.compliant), key=order)
    for position, standing in enumerate(ranked, start=1):
        standing.rank = position
    return ranked + [s for s in standings if not s.compliant]


def ranking_complete(standings: list[Standing]) -> bool:
    compliant = [s for s in standings if s.compliant]
    return bool(compliant) and all(s.complete for s in compliant)
