"""Evaluation rules through the real services: conflict gating, blind scoring, price and abnormally low,
moderation, ranking and tie-break, four-eyes approval, ending without award, summaries, contract after
standstill."""

from __future__ import annotations

from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from flask import current_app

from marketplace import clock
from marketplace.audit.models import AuditEvent
from marketplace.evaluation import queries, rules, services
from marketplace.evaluation.models import AssessmentSummary
from marketplace.evaluation.panels import bidder_status
from marketplace.extensions import db
from marketplace.fields import london_to_utc
from marketplace.mail.models import OutboxEmail
from marketplace.opportunities.bids import sealing
from tests.evaluation.factories import (
    JUSTIFICATION,
    agree,
    approved_award,
    declare_none,
    evaluation_world,
    score_all,
    through_moderation,
)
from tests.factories import create_admin, owner_of
from tests.opportunities.factories import create_opportunity


def _ctx():
    return current_app.test_request_context()


def test_no_bid_is_read_before_declaring_and_none_after_a_declared_conflict(app):
    world = evaluation_world()
    evaluator = world.evaluators[0]
    conflicted = world.organisations[0]
    assert queries.bids_for(world.opportunity, evaluator) == []
    with _ctx(), pytest.raises(services.EvaluationError, match="Declare"):
        services.save_score(
            world.opportunity,
            evaluator,
            bid_id=world.bids["Bidder 1"],
            criterion_id=world.opportunity.question_criteria[0].id,
            score=3,
            justification=JUSTIFICATION,
        )
    with _ctx():
        answers = {
            o: (o == conflicted.id, "My sister runs it" if o == conflicted.id else None)
            for o, _ in queries.to_declare(world.opportunity.id)
        }
        services.declare(world.opportunity, evaluator, answers=answers)
    readable = {bid.id for bid in queries.bids_for(world.opportunity, evaluator)}
    assert world.bids["Bidder 0"] not in readable and world.bids["Bidder 1"] in readable
    assert sealing.opened_bid(sealing.viewer_for(evaluator), world.opportunity.id, world.bids["Bidder 0"]) is None
    declared = queries.declared_conflicts(world.opportunity.id)
    with _ctx():
        services.record_handling(
            world.opportunity, world.moderator, declaration=declared[0], handling="Removed from that bid"
        )
    assert declared[0].handled_by_id == world.moderator.id and declared[0].handling == "Removed from that bid"
    with _ctx(), pytest.raises(services.EvaluationError, match="cannot score"):
        services.save_score(
            world.opportunity,
            evaluator,
            bid_id=world.bids["Bidder 0"],
            criterion_id=world.opportunity.question_criteria[0].id,
            score=3,
            justification=JUSTIFICATION,
        )
    score_all(world, evaluator)  # only the other bid is required


def test_a_conflict_needs_a_description_and_declarations_cannot_be_withdrawn_after_scoring(app):
    world = evaluation_world()
    evaluator = world.evaluators[0]
    organisations = [o for o, _ in queries.to_declare(world.opportunity.id)]
    with _ctx(), pytest.raises(services.EvaluationError, match="Describe"):
        services.declare(world.opportunity, evaluator, answers=dict.fromkeys(organisations, (True, "")))
    declare_none(world, evaluator)
    with _ctx():
        services.save_score(
            world.opportunity,
            evaluator,
            bid_id=world.bids["Bidder 1"],
            criterion_id=world.opportunity.question_criteria[0].id,
            score=2,
            justification=JUSTIFICATION,
        )
        answers = {o: (o == world.organisations[1].id, "Former employer") for o in organisations}
        services.declare(world.opportunity, evaluator, answers=answers)
    kept = queries.declarations(world.opportunity.id, evaluator.id)
    assert len(kept) == 4  # the first declaration stays; the new one is added
    assert world.bids["Bidder 1"] not in {b.id for b in queries.bids_for(world.opportunity, evaluator)}
    view = queries.for_bidder(sealing.Viewer(None, world.organisations[1].id, "supplier"), world.opportunity.id)
    status, next_step = bidder_status(world.opportunity, view, None)
    assert status == "Under evaluation" and next_step.startswith("Expected award decision")


def test_scoring_is_blind_until_an_evaluator_submits_all_their_own(app):
    world = evaluation_world(evaluators=2)
    first, second = world.evaluators
    declare_none(world, first)
    score_all(world, first, score=4)
    declare_none(world, second)
    assert queries.visible_scores(world.opportunity, second) is None
    score_all(world, second, score=1)
    visible = queries.visible_scores(world.opportunity, second)
    assert visible is not None and {s.score for s in visible} == {1, 4}
    assert queries.visible_scores(world.opportunity, world.moderator) is not None


def test_a_score_needs_a_justification_on_the_published_scale(app):
    world = evaluation_world()
    evaluator = world.evaluators[0]
    declare_none(world, evaluator)
    criterion = world.opportunity.question_criteria[0].id
    with _ctx():
        for score, justification, message in ((9, JUSTIFICATION, "scale"), (3, "ok", "Explain")):
            with pytest.raises(services.EvaluationError, match=message):
                services.save_score(
                    world.opportunity,
                    evaluator,
                    bid_id=world.bids["Bidder 0"],
                    criterion_id=criterion,
                    score=score,
                    justification=justification,
                )
        with pytest.raises(services.EvaluationError, match="Score every question"):
            services.submit_scores(world.opportunity, evaluator)


@pytest.mark.parametrize(
    "lowest, price, weight, expected",
    [
        (Decimal(80000), Decimal(80000), 40, Decimal("40.00")),
        (Decimal(80000), Decimal(100000), 40, Decimal("32.00")),
        (Decimal(90000), Decimal(120000), 30, Decimal("22.50")),
        (Decimal(1), Decimal(3), 40, Decimal("13.33")),
    ],
)
def test_the_price_formula(lowest, price, weight, expected):
    assert rules.price_score(lowest=lowest, price=price, weight=weight) == expected


@pytest.mark.parametrize(
    "price, prices, flagged",
    [
        (Decimal(60000), [Decimal(60000), Decimal(100000), Decimal(110000)], True),  # mean 90000: limit 63000
        (Decimal(70000), [Decimal(70000), Decimal(130000)], False),  # exactly 30% below is not more than 30%
        (Decimal(69999), [Decimal(69999), Decimal(130001)], True),
        (Decimal(70000), [Decimal(70000), Decimal(100000)], False),
        (Decimal(50000), [], False),
    ],
)
def test_abnormally_low_is_more_than_30_percent_below_the_mean_of_compliant_bids(price, prices, flagged):
    assert rules.abnormally_low(price, prices) is flagged


def test_an_abnormally_low_price_is_flagged_and_needs_a_recorded_investigation(app):
    world = evaluation_world(prices=("100000", "110000", "40000"))
    through_moderation(world)
    standings = queries.standings(world.opportunity, world.owner)
    low = next(s for s in standings if s.name == "Bidder 2")
    assert low.abnormally_low and low.rank == 1
    with _ctx(), pytest.raises(services.EvaluationError, match="abnormally low"):
        services.propose_award(world.opportunity, world.owner, bid_id=low.bid_id)
    with _ctx():
        services.propose_award(world.opportunity, world.owner, bid_id=low.bid_id, reason="Checked: they own the kit")


def test_moderation_flags_two_point_differences_and_audits_consensus(app):
    world = evaluation_world(evaluators=2)
    first, second = world.evaluators
    declare_none(world, first)
    declare_none(world, second)
    with _ctx(), pytest.raises(services.EvaluationError, match="Every evaluator"):
        agree(world, {"Bidder 0": 3})
    score_all(world, first, score=1)
    score_all(world, second, score=3)
    assert rules.disagree([1, 3]) and not rules.disagree([2, 3])
    agree(world, {"Bidder 0": 2})
    agree(world, {"Bidder 0": 3})
    events = db.session.scalars(
        db.select(AuditEvent).where(AuditEvent.action == "evaluation.consensus_saved").order_by(AuditEvent.id)
    ).all()
    assert events[-1].actor_id == world.moderator.id and events[-1].details["previous"] == 2
    with _ctx(), pytest.raises(services.EvaluationError, match="moderator"):
        services.save_consensus(
            world.opportunity,
            first,
            bid_id=world.bids["Bidder 0"],
            criterion_id=world.opportunity.question_criteria[0].id,
            score=4,
            justification=JUSTIFICATION,
        )


def test_ranking_uses_consensus_and_breaks_ties_on_quality(app):
    # Bidder 0: 3s at 100000; Bidder 1: 4s at 120000. Weights 50/10/40 on a 0-4 scale.
    world = evaluation_world(prices=("100000", "120000"))
    through_moderation(world, {"Bidder 0": 3, "Bidder 1": 4})
    standings = queries.standings(world.opportunity, world.owner)
    by_name = {s.name: s for s in standings}
    assert by_name["Bidder 0"].total == Decimal("45.00") + Decimal("40.00")
    assert by_name["Bidder 1"].total == Decimal("60.00") + Decimal("33.33")
    assert [s.name for s in standings] == ["Bidder 1", "Bidder 0"]


def test_a_tie_goes_to_the_higher_quality_score(app):
    # Bidder 0: quality 45 + price 40 = 85; Bidder 1: quality 60 + price 25 (100000 ÷ 160000 × 40) = 85.
    world = evaluation_world(prices=("100000", "160000"))
    through_moderation(world, {"Bidder 0": 3, "Bidder 1": 4})
    standings = queries.standings(world.opportunity, world.owner)
    assert standings[0].total == standings[1].total == Decimal("85.00")
    assert [s.name for s in standings] == ["Bidder 1", "Bidder 0"]  # though Bidder 0 submitted first


def test_an_award_is_approved_by_a_second_person_never_the_proposer(app):
    world = evaluation_world()
    through_moderation(world)
    with _ctx():
        standings = queries.standings(world.opportunity, world.owner)
        with pytest.raises(services.EvaluationError, match="not ranked first"):
            services.propose_award(world.opportunity, world.owner, bid_id=standings[1].bid_id)
        award = services.propose_award(world.opportunity, world.owner, bid_id=standings[0].bid_id)
        with pytest.raises(services.EvaluationError, match="never the proposer"):
            services.approve_award(award, world.owner)
        services.reject_award(award, create_admin(), reason="Check the social value scores again")
        assert award.status == "rejected" and queries.current_award(world.opportunity.id) is None
        award = services.propose_award(world.opportunity, world.owner, bid_id=standings[0].bid_id)
        services.approve_award(award, create_admin())
    assert award.status == "approved" and world.opportunity.status == "awarded"
    assert award.standstill_ends == rules.standstill_end(award.standstill_starts)


def test_an_excluded_bid_is_not_ranked_and_its_bidder_sees_the_reason(app):
    world = evaluation_world()
    with _ctx():
        services.exclude(world.opportunity, world.owner, bid_id=world.bids["Bidder 1"], reason="Insurance lapsed")
    through_moderation(world, {"Bidder 0": 3})
    standings = queries.standings(world.opportunity, world.owner)
    assert [s.rank for s in standings] == [1, None]
    viewer = sealing.Viewer(None, world.organisations[1].id, "supplier")
    assert queries.for_bidder(viewer, world.opportunity.id).exclusion == "Insurance lapsed"


def test_summaries_for_the_winner_and_a_loser_then_standstill_extended_and_a_question(app):
    world = evaluation_world(prices=("100000", "90000"))
    through_moderation(world, {"Bidder 0": 4, "Bidder 1": 2})
    award = approved_award(world)
    summaries = {s.content["bidder"]["name"]: s.content for s in db.session.scalars(db.select(AssessmentSummary))}
    winner, loser = summaries["Bidder 0"], summaries["Bidder 1"]
    assert winner["successful"] and winner["reasons"] == [] and winner["bidder"]["rank"] == 1
    assert not loser["successful"] and loser["winner"]["name"] == "Bidder 0"
    assert loser["bidder"]["rank"] == 2 and loser["out_of"] == 2
    assert [c["weight"] for c in loser["criteria"]] == [50, 10, 40]
    assert loser["bidder"]["scores"][0]["score"] == 2 and "Agreed 2" in loser["bidder"]["scores"][0]["justification"]
    assert loser["winner"]["scores"][0]["score"] == 4
    assert any("How you will achieve the outcomes" in reason for reason in loser["reasons"])
    emails = db.session.scalars(db.select(OutboxEmail)).all()
    decision = [e for e in emails if "Award decision" in e.subject]
    assert decision and current_app.config["SERVICE_URL"].rstrip("/") + "/opportunities/" in decision[0].body
    assert "/bid/assessment" in decision[0].body
    for organisation in world.organisations:  # each bidder reads its own summary, never another's
        view = queries.for_bidder(sealing.Viewer(None, organisation.id, "supplier"), world.opportunity.id)
        assert view.summary.organisation_id == organisation.id
        assert view.summary.content["bidder"]["name"] == organisation.name
    loser_view = queries.for_bidder(sealing.Viewer(None, world.organisations[1].id, "supplier"), world.opportunity.id)
    winner_view = queries.for_bidder(sealing.Viewer(None, world.organisations[0].id, "supplier"), world.opportunity.id)
    assert bidder_status(world.opportunity, loser_view, award)[0] == "Standstill"
    later = clock.now() + timedelta(days=30)
    assert bidder_status(world.opportunity, loser_view, award, later) == ("Unsuccessful", None)
    assert bidder_status(world.opportunity, winner_view, award, later) == ("Awarded", None)
    # during standstill: the buyer extends it, a bidder asks about the decision
    with _ctx():
        services.extend_standstill(
            award, world.owner, new_end=award.standstill_ends + timedelta(days=7), reason="A challenge"
        )
        loser = world.organisations[1]
        services.ask_about_decision(
            award, owner_of(loser), organisation_id=loser.id, text="Why was my price scored 36?"
        )
    assert not rules.can_enter_contract(award, clock.now() + timedelta(days=14))
    assert any("question" in e.subject for e in db.session.scalars(db.select(OutboxEmail)))


def test_ending_without_an_award_tells_every_bidder(app):
    world = evaluation_world()
    with _ctx():
        services.end_procurement(world.opportunity, world.owner, outcome="no-suitable-bid", reason="All over budget")
    assert world.opportunity.status == "cancelled" and "All over budget" in world.opportunity.cancel_reason
    view = queries.for_bidder(sealing.Viewer(None, world.organisations[0].id, "supplier"), world.opportunity.id)
    assert bidder_status(world.opportunity, view, None)[0] == "Cancelled"
    subjects = [e.subject for e in db.session.scalars(db.select(OutboxEmail))]
    assert sum("No suitable bid" in s for s in subjects) == 2


# --- standstill ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "published, last_day",
    [
        (date(2026, 3, 2), date(2026, 3, 12)),  # Monday → the Thursday of the next week
        (date(2026, 3, 6), date(2026, 3, 18)),  # Friday: the weekend never counts
        (date(2026, 3, 28), date(2026, 4, 10)),  # a Saturday: Good Friday 3 April and Easter Monday 6 April skipped
        (date(2026, 4, 30), date(2026, 5, 13)),  # early May bank holiday (4 May)
        (date(2026, 12, 18), date(2027, 1, 4)),  # Christmas: 25, 28 (Boxing Day substitute) December, 1 January
        (date(2026, 12, 24), date(2027, 1, 8)),
    ],
)
def test_standstill_is_8_working_days_after_publication(published, last_day):
    assert rules.standstill_end(published) == last_day


def test_the_contract_cannot_be_entered_before_standstill_ends_across_christmas(app):
    world = evaluation_world()
    through_moderation(world)
    # Published Wednesday 22 December 2027: Christmas and Boxing Day fall at a weekend (substitutes on the
    # 27th and 28th), New Year's Day on a Saturday (substitute Monday 3 January).
    clock.freeze(london_to_utc(date(2027, 12, 22), time(10)))
    award = approved_award(world)
    assert award.standstill_ends == date(2028, 1, 6)
    contract = {"value": Decimal(90000), "start_date": date(2028, 2, 1), "end_date": date(2030, 1, 31)}
    clock.freeze(london_to_utc(date(2028, 1, 6), time(23, 59)))
    with _ctx(), pytest.raises(services.EvaluationError, match="before standstill ends"):
        services.record_contract(world.opportunity, world.owner, **contract)
    clock.freeze(london_to_utc(date(2028, 1, 7), time(0, 0)))
    with _ctx():
        services.record_contract(world.opportunity, world.owner, **contract)
    assert queries.contracts_won(award.organisation_id)[0].value == Decimal(90000)


def test_buyers_without_an_outcome_are_reminded_once_28_days_after_close(app):
    from marketplace.worker import get_worker

    assert "evaluation.remind-buyers" in get_worker(app).periodic
    opportunity = create_opportunity()
    runner = app.test_cli_runner()
    clock.freeze(opportunity.closes_at + timedelta(days=27))
    assert "Reminded 0" in runner.invoke(args=["opportunities", "remind"]).output
    clock.freeze(opportunity.closes_at + timedelta(days=28))
    assert "Reminded 1" in runner.invoke(args=["opportunities", "remind"]).output
    assert "Reminded 0" in runner.invoke(args=["opportunities", "remind"]).output
    reminders = db.session.scalars(db.select(OutboxEmail).where(OutboxEmail.subject.like("Record the outcome%"))).all()
    assert {r.recipient for r in reminders} == {opportunity.owner.email, opportunity.contact_email}
    assert all("/evaluation" in r.body for r in reminders)


# --- authorisation ---------------------------------------------------------------------------------
