"""Assessment summaries (Procurement Act 2023 s.50, reg. 31): written once, when the award is approved,
from the ranking the decision was made on, for every assessed bidder. Each holds every criterion's title,
weight and scale; the bidder's consensus score and justification for each; the same for the winning bid;
the bidder's total and rank out of N; the winner's name; and, for an unsuccessful bidder, the reasons."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from marketplace.evaluation.models import AssessmentSummary, AwardDecision
from marketplace.opportunities import choices
from marketplace.opportunities.models import Opportunity


def _criteria(opportunity: Opportunity) -> list[dict[str, Any]]:
    scale = choices.SCALE_NAMES.get(opportunity.scoring_scale, opportunity.scoring_scale)
    return [
        {
            "id": c.id,
            "title": c.title,
            "kind": choices.CRITERION_KINDS.get(c.kind, c.kind),
            "weight": c.weight,
            "how": f"Scored by formula: {choices.PRICE_FORMULA}"
            if c.kind == "price"
            else f"Scored {scale} by the evaluation panel, agreed at moderation",
        }
        for c in opportunity.criteria
    ]


def _scores(opportunity: Opportunity, standing: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for c in opportunity.criteria:
        if c.kind == "price":
            rows.append(
                {
                    "criterion": c.id,
                    "score": None,
                    "weighted": standing["price_score"],
                    "justification": f"Price £{Decimal(standing['price']):,.2f}" if standing.get("price") else "",
                }
            )
        else:
            found = standing["scores"].get(str(c.id), {})
            rows.append(
                {
                    "criterion": c.id,
                    "score": found.get("score"),
                    "weighted": found.get("weighted"),
                    "justification": found.get("justification", ""),
                }
            )
    return rows


def _reasons(opportunity: Opportunity, own: dict[str, Any], winner: dict[str, Any]) -> list[str]:
    if own.get("excluded"):
        return [f"Your bid was excluded: {own['excluded']}"]
    if own.get("problems"):
        return ["Your bid did not comply: " + "; ".join(own["problems"])]
    reasons = [f"Your total score was {own['total']} out of 100; the winning bid scored {winner['total']}."]
    for c in opportunity.criteria:
        if c.kind == "price":
            mine, theirs = Decimal(own["price_score"]), Decimal(winner["price_score"])
        else:
            mine = Decimal(own["scores"].get(str(c.id), {}).get("weighted") or 0)
            theirs = Decimal(winner["scores"].get(str(c.id), {}).get("weighted") or 0)
        if mine < theirs:
            reasons.append(f"‘{c.title}’: you scored {mine} of {c.weight}; the winning bid scored {theirs}.")
    return reasons


def write(opportunity: Opportunity, award: AwardDecision) -> list[AssessmentSummary]:
    standings = award.ranking or []
    winner = next(s for s in standings if s["bid_id"] == award.bid_id)
    ranked = sum(1 for s in standings if s.get("rank"))
    criteria = _criteria(opportunity)
    summaries = []
    for own in standings:
        won = own["bid_id"] == award.bid_id
        content = {
            "opportunity": {"id": opportunity.id, "title": opportunity.title},
            "published_on": award.standstill_starts.isoformat() if award.standstill_starts else None,
            "scale": [{"score": s, "descriptor": d} for s, d in choices.scale(opportunity)],
            "criteria": criteria,
            "bidder": {
                "name": own["name"],
                "scores": _scores(opportunity, own),
                "total": own["total"],
                "rank": own.get("rank"),
                "excluded": own.get("excluded"),
                "problems": own.get("problems", []),
            },
            "winner": {"name": winner["name"], "scores": _scores(opportunity, winner), "total": winner["total"]},
            "out_of": ranked,
            "successful": won,
            "reasons": [] if won else _reasons(opportunity, own, winner),
        }
        summaries.append(
            AssessmentSummary(
                award_id=award.id,
                opportunity_id=opportunity.id,
                bid_id=own["bid_id"],
                organisation_id=own["organisation_id"],
                content=content,
            )
        )
    return summaries
