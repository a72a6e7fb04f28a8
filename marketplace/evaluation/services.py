"""Writes for evaluation: one commit per user action, each with an audit row; explicit keyword arguments.
Bids are read only through sealing (via `queries`), so conflict gating holds here as on every page."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from marketplace import clock
from marketplace.accounts.models import BUYER
from marketplace.audit.services import record
from marketplace.evaluation import access, emails, queries, rules, scoring, summaries
from marketplace.evaluation.models import (
    APPROVED,
    AWARD,
    CANCELLED,
    EVALUATOR,
    MODERATOR,
    NO_SUITABLE_BID,
    PROPOSED,
    REJECTED,
    AssessmentSummary,
    AwardDecision,
    ConflictDeclaration,
    ConsensusScore,
    Contract,
    Exclusion,
    PanelMember,
    Score,
    StandstillExtension,
    StandstillQuestion,
)
from marketplace.extensions import db
from marketplace.opportunities import choices
from marketplace.opportunities import rules as opportunity_rules
from marketplace.opportunities.bids import sealing
from marketplace.opportunities.bids.services import member_emails
from marketplace.opportunities.models import AWARDED, Opportunity
from marketplace.opportunities.models import CANCELLED as OPPORTUNITY_CANCELLED
from marketplace.working_days import london_date

OUTCOMES = {CANCELLED: "Cancelled", NO_SUITABLE_BID: "No suitable bid"}


class EvaluationError(Exception):
    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message, self.field = message, field


def _commit(action: str, subject, actor, **details) -> None:
    record(f"evaluation.{action}", subject, actor_id=actor.id if actor is not None else None, **details)
    db.session.commit()


def _owner_only(opportunity: Opportunity, actor) -> None:
    if not access.is_owner(opportunity, actor):
        raise EvaluationError("Only the buyer who owns this opportunity can do that")


def _member(opportunity: Opportunity, actor, role: str) -> PanelMember:
    member = queries.membership(opportunity.id, actor)
    if member is None or member.role != role:
        raise EvaluationError(f"Only the panel’s {role} can do that")
    return member


def _still_evaluating(opportunity: Opportunity) -> None:
    if not rules.evaluating(opportunity, queries.current_award(opportunity.id)):
        raise EvaluationError("The evaluation is not open: the bids are not opened, or a decision is made")


# --- the panel ------------------------------------------------------------------------------------


def add_to_panel(opportunity: Opportunity, actor, *, user, role: str) -> PanelMember:
    _owner_only(opportunity, actor)
    if not rules.can_form_panel(opportunity, queries.current_award(opportunity.id)):
        raise EvaluationError("The panel cannot be changed now")
    if role not in (EVALUATOR, MODERATOR):
        raise EvaluationError("Choose evaluator or moderator", "role")
    if user is None or user.role != BUYER or not user.is_verified:
        raise EvaluationError("Enter the email address of a council buyer with an account", "email")
    if role == EVALUATOR and user.id == opportunity.owner_id:
        raise EvaluationError("Evaluators are other buyers: you cannot evaluate your own opportunity", "email")
    if queries.membership(opportunity.id, user) is not None:
        raise EvaluationError(f"{user.email} is already on the panel", "email")
    if role == MODERATOR and queries.moderator(opportunity.id) is not None:
        raise EvaluationError("The panel already has a moderator", "role")
    member = PanelMember(opportunity_id=opportunity.id, user_id=user.id, role=role, added_by_id=actor.id)
    db.session.add(member)
    db.session.flush()
    _commit("panel_added", opportunity, actor, user=user.id, role=role)
    return member


# --- conflicts of interest ------------------------------------------------------------------------


def declare(opportunity: Opportunity, actor, *, answers: Mapping[int, tuple[bool, str | None]]) -> None:
    """One declaration per bidding organisation: (conflict?, description). Before scoring starts it replaces
    any earlier one; afterwards declarations are only added (a conflict, once declared, stays)."""
    member = _member(opportunity, actor, EVALUATOR)
    _still_evaluating(opportunity)
    organisations = dict(queries.to_declare(opportunity.id))
    missing = [name for organisation_id, name in organisations.items() if organisation_id not in answers]
    if missing:
        raise EvaluationError(f"Declare whether you have a conflict with {missing[0]}")
    for organisation_id, (conflict, description) in answers.items():
        if conflict and not (description or "").strip():
            raise EvaluationError(f"Describe your conflict with {organisations.get(organisation_id, '')}")
    started = bool(queries.own_scores(opportunity.id, actor.id))
    if not started:
        for old in queries.declarations(opportunity.id, actor.id):
            db.session.delete(old)
    for organisation_id, (conflict, description) in answers.items():
        if organisation_id not in organisations:
            continue
        db.session.add(
            ConflictDeclaration(
                opportunity_id=opportunity.id,
                user_id=actor.id,
                organisation_id=organisation_id,
                organisation_name=organisations[organisation_id],
                conflict=conflict,
                description=(description or "").strip() or None if conflict else None,
                declared_at=clock.now(),
            )
        )
    member.declared_at = member.declared_at or clock.now()
    _commit(
        "conflicts_declared",
        opportunity,
        actor,
        conflicts=sorted(k for k, (conflict, _) in answers.items() if conflict),
        added_after_scoring=started or None,
    )


def record_handling(opportunity: Opportunity, actor, *, declaration: ConflictDeclaration, handling: str) -> None:
    _member(opportunity, actor, MODERATOR)
    if declaration.opportunity_id != opportunity.id or not declaration.conflict:
        raise EvaluationError("That is not a declared conflict on this opportunity")
    if not handling.strip():
        raise EvaluationError("Say how the conflict was handled", "handling")
    declaration.handling, declaration.handled_by_id, declaration.handled_at = handling.strip(), actor.id, clock.now()
    _commit("conflict_handled", opportunity, actor, declaration=declaration.id)


# --- compliance -----------------------------------------------------------------------------------


def exclude(opportunity: Opportunity, actor, *, bid_id: int, reason: str) -> None:
    _owner_only(opportunity, actor)
    _still_evaluating(opportunity)
    if queries.bid_for(opportunity, actor, bid_id) is None:
        raise EvaluationError("That bid is not on this opportunity")
    if not reason.strip():
        raise EvaluationError("Enter the reason for excluding the bid: the bidder will see it", "reason")
    if bid_id in queries.exclusions(opportunity.id):
        raise EvaluationError("That bid is already excluded")
    db.session.add(
        Exclusion(opportunity_id=opportunity.id, bid_id=bid_id, reason=reason.strip(), excluded_by_id=actor.id)
    )
    _commit("bid_excluded", ("bids", bid_id), actor, opportunity=opportunity.id, reason=reason.strip())


# --- individual scores ----------------------------------------------------------------------------


def scorable_bids(opportunity: Opportunity, actor) -> list[sealing.OpenedBid]:
    """The bids this evaluator scores: those sealing lets them read (no conflict), not excluded."""
    excluded = queries.exclusions(opportunity.id)
    return [bid for bid in queries.bids_for(opportunity, actor) if bid.id not in excluded]


def save_score(
    opportunity: Opportunity, actor, *, bid_id: int, criterion_id: int, score: int, justification: str
) -> Score:
    member = _member(opportunity, actor, EVALUATOR)
    _still_evaluating(opportunity)
    if member.declared_at is None:
        raise EvaluationError("Declare any conflicts of interest before you read or score a bid")
    if member.scores_submitted_at is not None:
        raise EvaluationError("You have submitted your scores: they can no longer be changed")
    if bid_id not in {bid.id for bid in scorable_bids(opportunity, actor)}:
        raise EvaluationError("You cannot score that bid")
    criterion = next((c for c in opportunity.question_criteria if c.id == criterion_id), None)
    if criterion is None:
        raise EvaluationError("That question is not on this opportunity")
    if score not in {value for value, _ in choices.scale(opportunity)}:
        raise EvaluationError("Choose a score on the published scale", "score")
    if opportunity_rules.word_count(justification) < rules.JUSTIFICATION_MIN_WORDS:
        raise EvaluationError("Explain your score, with reference to the answer", "justification")
    existing = queries.own_scores(opportunity.id, actor.id).get((bid_id, criterion_id))
    if existing is None:
        existing = Score(opportunity_id=opportunity.id, bid_id=bid_id, criterion_id=criterion_id, user_id=actor.id)
        db.session.add(existing)
    previous = existing.score
    existing.score, existing.justification, existing.updated_at = score, justification.strip(), clock.now()
    db.session.flush()
    _commit("score_saved", existing, actor, bid=bid_id, criterion=criterion_id, score=score, previous=previous)
    return existing


def missing_scores(opportunity: Opportunity, actor) -> list[tuple[int, int]]:
    own = queries.own_scores(opportunity.id, actor.id)
    return [
        (bid.id, criterion.id)
        for bid in scorable_bids(opportunity, actor)
        for criterion in opportunity.question_criteria
        if (bid.id, criterion.id) not in own
    ]


def submit_scores(opportunity: Opportunity, actor) -> None:
    member = _member(opportunity, actor, EVALUATOR)
    _still_evaluating(opportunity)
    if member.declared_at is None:
        raise EvaluationError("Declare any conflicts of interest first")
    if missing_scores(opportunity, actor):
        raise EvaluationError("Score every question of every bid before you submit your scores")
    member.scores_submitted_at = member.scores_submitted_at or clock.now()
    _commit("scores_submitted", opportunity, actor)


# --- moderation -----------------------------------------------------------------------------------


def moderation_ready(opportunity: Opportunity) -> bool:
    panel = queries.evaluators(opportunity.id)
    return bool(panel) and all(member.scores_submitted_at is not None for member in panel)


def save_consensus(
    opportunity: Opportunity,
    actor,
    *,
    bid_id: int,
    criterion_id: int,
    score: int,
    justification: str,
    note: str | None = None,
) -> ConsensusScore:
    _member(opportunity, actor, MODERATOR)
    _still_evaluating(opportunity)
    if not moderation_ready(opportunity):
        raise EvaluationError("Every evaluator must submit their scores before moderation")
    if queries.bid_for(opportunity, actor, bid_id) is None:
        raise EvaluationError("That bid is not on this opportunity")
    if criterion_id not in {c.id for c in opportunity.question_criteria}:
        raise EvaluationError("That question is not on this opportunity")
    if score not in {value for value, _ in choices.scale(opportunity)}:
        raise EvaluationError("Choose a score on the published scale", "score")
    if opportunity_rules.word_count(justification) < rules.JUSTIFICATION_MIN_WORDS:
        raise EvaluationError("Explain the agreed score: the bidder will read it", "justification")
    agreed = queries.consensus(opportunity.id).get((bid_id, criterion_id))
    if agreed is None:
        agreed = ConsensusScore(opportunity_id=opportunity.id, bid_id=bid_id, criterion_id=criterion_id)
        db.session.add(agreed)
    previous = agreed.score
    agreed.score, agreed.justification = score, justification.strip()
    agreed.note, agreed.moderator_id, agreed.updated_at = (note or "").strip() or None, actor.id, clock.now()
    db.session.flush()
    _commit("consensus_saved", agreed, actor, bid=bid_id, criterion=criterion_id, score=score, previous=previous)
    return agreed


# --- the decision ---------------------------------------------------------------------------------


def propose_award(opportunity: Opportunity, actor, *, bid_id: int, reason: str | None = None) -> AwardDecision:
    """The top-ranked compliant bid, or another with a recorded reason; an abnormally low price needs a
    recorded investigation too. A second person approves it."""
    _owner_only(opportunity, actor)
    _still_evaluating(opportunity)
    if queries.current_award(opportunity.id) is not None:
        raise EvaluationError("A decision is already waiting for approval")
    standings = queries.standings(opportunity, actor)
    if not scoring.ranking_complete(standings):
        raise EvaluationError("Agree a consensus score for every question of every compliant bid first")
    chosen = next((s for s in standings if s.bid_id == bid_id and s.compliant), None)
    if chosen is None:
        raise EvaluationError("Choose a compliant bid", "bid")
    reason = (reason or "").strip() or None
    if chosen.rank != 1 and reason is None:
        raise EvaluationError("Give the reason for choosing a bid that is not ranked first", "reason")
    if chosen.abnormally_low and reason is None:
        raise EvaluationError("The price is abnormally low: record what your investigation found", "reason")
    award = AwardDecision(
        opportunity_id=opportunity.id,
        outcome=AWARD,
        status=PROPOSED,
        bid_id=chosen.bid_id,
        organisation_id=chosen.organisation_id,
        reason=reason,
        ranking=[s.as_json() for s in standings],
        proposed_by_id=actor.id,
        proposed_at=clock.now(),
    )
    db.session.add(award)
    db.session.flush()
    _commit("award_proposed", award, actor, opportunity=opportunity.id, bid=chosen.bid_id, rank=chosen.rank)
    return award


def reject_award(award: AwardDecision, actor, *, reason: str) -> None:
    if not rules.can_approve(award, actor):
        raise EvaluationError("Only an admin or another buyer, never the proposer, can decide on this award")
    if not reason.strip():
        raise EvaluationError("Say why the award is not approved", "reason")
    award.status, award.rejected_reason = REJECTED, reason.strip()
    award.decided_by_id, award.decided_at = actor.id, clock.now()
    _commit("award_rejected", award, actor, opportunity=award.opportunity_id)


def approve_award(award: AwardDecision, actor) -> None:
    """Four eyes: publishes the decision, starts standstill, writes every assessed bidder's summary and
    tells every bidder."""
    if not rules.can_approve(award, actor):
        raise EvaluationError("Only an admin or another buyer, never the proposer, can approve this award")
    opportunity = queries.get_opportunity(award.opportunity_id)
    assert opportunity is not None
    now = clock.now()
    award.status, award.decided_by_id, award.decided_at = APPROVED, actor.id, now
    award.standstill_starts = london_date(now)
    award.standstill_ends = rules.standstill_end(award.standstill_starts)
    opportunity.status, opportunity.updated_at = AWARDED, now
    written = summaries.write(opportunity, award)
    for summary in written:
        db.session.add(summary)
    db.session.flush()
    _tell_bidders(opportunity, award, written)
    _commit(
        "award_approved",
        award,
        actor,
        opportunity=opportunity.id,
        standstill_ends=award.standstill_ends.isoformat(),
        summaries=len(written),
    )


def _tell_bidders(opportunity: Opportunity, award: AwardDecision, written: list[AssessmentSummary]) -> None:
    link = emails.link("evaluation.summary", opportunity_id=opportunity.id)
    for summary in written:
        won = summary.organisation_id == award.organisation_id
        emails.send(
            member_emails(summary.organisation_id),
            f"{'You have been awarded' if won else 'Award decision'}: {opportunity.title}",
            "decision.txt",
            opportunity=opportunity,
            award=award,
            won=won,
            link=link,
        )


def end_procurement(opportunity: Opportunity, actor, *, outcome: str, reason: str) -> AwardDecision:
    """Cancelled, or no suitable bid: with a reason every bidder is told."""
    _owner_only(opportunity, actor)
    if outcome not in OUTCOMES:
        raise EvaluationError("Choose cancelled or no suitable bid", "outcome")
    if not reason.strip():
        raise EvaluationError("Enter the reason: every bidder will read it", "reason")
    if not rules.evaluating(opportunity, queries.current_award(opportunity.id)):
        raise EvaluationError("The procurement can be ended this way only while bids are being evaluated")
    current = queries.current_award(opportunity.id)
    if current is not None:
        current.status = REJECTED
        current.rejected_reason = f"Replaced: {OUTCOMES[outcome].lower()}"
    now = clock.now()
    award = AwardDecision(
        opportunity_id=opportunity.id,
        outcome=outcome,
        status=APPROVED,
        reason=reason.strip(),
        proposed_by_id=actor.id,
        proposed_at=now,
        decided_by_id=actor.id,
        decided_at=now,
    )
    db.session.add(award)
    opportunity.status, opportunity.cancelled_at, opportunity.updated_at = OPPORTUNITY_CANCELLED, now, now
    opportunity.cancel_reason = f"{OUTCOMES[outcome]}: {reason.strip()}"
    db.session.flush()
    emails.send(
        sealing.bidder_emails(opportunity.id),
        f"{OUTCOMES[outcome]}: {opportunity.title}",
        "ended.txt",
        opportunity=opportunity,
        outcome=OUTCOMES[outcome],
        reason=reason.strip(),
        link=emails.link("opportunities.show", opportunity_id=opportunity.id),
    )
    _commit("procurement_ended", award, actor, opportunity=opportunity.id, outcome=outcome)
    return award


# --- standstill -----------------------------------------------------------------------------------


def extend_standstill(award: AwardDecision, actor, *, new_end: date, reason: str) -> None:
    opportunity = queries.get_opportunity(award.opportunity_id)
    assert opportunity is not None
    _owner_only(opportunity, actor)
    if not rules.in_standstill(award):
        raise EvaluationError("Standstill has ended")
    if not rules.can_extend_standstill(award, new_end):
        raise EvaluationError("The new end of standstill must be later than the current one", "new_end")
    if not reason.strip():
        raise EvaluationError("Enter the reason for extending standstill", "reason")
    previous = award.standstill_ends
    assert previous is not None
    award.extensions.append(
        StandstillExtension(previous_end=previous, new_end=new_end, reason=reason.strip(), extended_by_id=actor.id)
    )
    award.standstill_ends = new_end
    _commit("standstill_extended", award, actor, previous=previous.isoformat(), new=new_end.isoformat())


def ask_about_decision(award: AwardDecision, actor, *, organisation_id: int, text: str) -> StandstillQuestion:
    opportunity = queries.get_opportunity(award.opportunity_id)
    assert opportunity is not None
    if not rules.in_standstill(award):
        raise EvaluationError("Questions about the decision can be sent only during standstill")
    view = queries.for_bidder(sealing.viewer_for(actor), opportunity.id)
    if view is None or view.organisation_id != organisation_id:
        raise EvaluationError("Only an organisation that bid can ask about the decision")
    if not text.strip():
        raise EvaluationError("Enter your question", "question")
    question = StandstillQuestion(
        award_id=award.id, organisation_id=organisation_id, asked_by_id=actor.id, text=text.strip()
    )
    db.session.add(question)
    db.session.flush()
    owner_email = opportunity.owner.email if opportunity.owner else None
    emails.send(
        [owner_email or "", opportunity.contact_email or ""],
        f"A question about your award decision: {opportunity.title}",
        "standstill_question.txt",
        opportunity=opportunity,
        question=question,
        link=emails.link("evaluation.overview", opportunity_id=opportunity.id),
    )
    _commit("standstill_question", question, actor, opportunity=opportunity.id)
    return question


# --- the contract ---------------------------------------------------------------------------------


def record_contract(opportunity: Opportunity, actor, *, value: Decimal, start_date: date, end_date: date) -> Contract:
    """Server-enforced: never before standstill ends."""
    _owner_only(opportunity, actor)
    award = queries.public_award(opportunity.id)
    if award is None or award.organisation_id is None:
        raise EvaluationError("There is no approved award to record a contract for")
    if not rules.can_enter_contract(award):
        earliest = rules.earliest_contract_date(award)
        raise EvaluationError(
            f"The contract cannot be entered before standstill ends: {earliest:%-d %B %Y} at the earliest"
        )
    if queries.contract_for(opportunity.id) is not None:
        raise EvaluationError("The contract details are already recorded")
    if value <= 0:
        raise EvaluationError("Enter the contract value", "value")
    if end_date <= start_date:
        raise EvaluationError("The end date must be after the start date", "end_date")
    contract = Contract(
        opportunity_id=opportunity.id,
        award_id=award.id,
        organisation_id=award.organisation_id,
        value=value,
        start_date=start_date,
        end_date=end_date,
        recorded_by_id=actor.id,
    )
    db.session.add(contract)
    opportunity.updated_at = clock.now()
    db.session.flush()
    _commit("contract_recorded", contract, actor, opportunity=opportunity.id, value=str(value))
    return contract
