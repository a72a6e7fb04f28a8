"""An opportunity carried through evaluation by the real services, step by step."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import current_app

from marketplace.evaluation import queries, services
from marketplace.evaluation.models import EVALUATOR, MODERATOR
from marketplace.opportunities.bids import opening
from tests.factories import create_buyer, create_organisation
from tests.opportunities.factories import close, create_opportunity, submit_bid

JUSTIFICATION = "Clear plan with named staff and resident involvement."


@dataclass
class World:
    opportunity: object
    owner: object
    evaluators: list
    moderator: object
    organisations: list
    bids: dict = field(default_factory=dict)  # organisation name → bid id


def evaluation_world(prices=("100000", "90000"), *, evaluators: int = 1, notice=None) -> World:
    owner = notice.owner if notice is not None else create_buyer()
    opportunity = create_opportunity(owner, notice=notice)
    organisations = [create_organisation(published=True, name=f"Bidder {i}") for i in range(len(prices))]
    bids = {}
    for organisation, price in zip(organisations, prices):
        bids[organisation.name] = submit_bid(opportunity, organisation, price=price).id
    close(opportunity)
    with current_app.test_request_context():
        opening.open_bids(opportunity, owner)
        panel = [create_buyer(full_name=f"Eve {i}") for i in range(evaluators)]
        moderator = create_buyer(full_name="Mo")
        for user in panel:
            services.add_to_panel(opportunity, owner, user=user, role=EVALUATOR)
        services.add_to_panel(opportunity, owner, user=moderator, role=MODERATOR)
    return World(opportunity, owner, panel, moderator, organisations, bids)


def declare_none(world: World, user) -> None:
    with current_app.test_request_context():
        answers = {organisation_id: (False, None) for organisation_id, _ in queries.to_declare(world.opportunity.id)}
        services.declare(world.opportunity, user, answers=answers)


def score_all(world: World, user, score: int = 3) -> None:
    with current_app.test_request_context():
        for bid in services.scorable_bids(world.opportunity, user):
            for criterion in world.opportunity.question_criteria:
                services.save_score(
                    world.opportunity,
                    user,
                    bid_id=bid.id,
                    criterion_id=criterion.id,
                    score=score,
                    justification=JUSTIFICATION,
                )
        services.submit_scores(world.opportunity, user)


def agree(world: World, scores: dict[str, int]) -> None:
    """Consensus for every question of each named bidder's bid."""
    with current_app.test_request_context():
        for name, score in scores.items():
            for criterion in world.opportunity.question_criteria:
                services.save_consensus(
                    world.opportunity,
                    world.moderator,
                    bid_id=world.bids[name],
                    criterion_id=criterion.id,
                    score=score,
                    justification=f"Agreed {score}: {JUSTIFICATION}",
                )


def through_moderation(world: World, scores: dict[str, int] | None = None) -> None:
    for user in world.evaluators:
        declare_none(world, user)
        score_all(world, user)
    agree(world, scores or dict.fromkeys(world.bids, 3))


def approved_award(world: World, approver=None, name: str | None = None, reason: str | None = None):
    with current_app.test_request_context():
        standings = queries.standings(world.opportunity, world.owner)
        bid_id = world.bids[name] if name else standings[0].bid_id
        award = services.propose_award(world.opportunity, world.owner, bid_id=bid_id, reason=reason)
        services.approve_award(award, approver or create_buyer(full_name="Second Pair"))
    return award
