"""The engagement funnel: from a notice being published to suppliers engaging with it, step by step.

The cohort is the notices published in the window (within the scope: one notice, a mission, a division).
Each later step counts supplier engagements with those notices (one organisation with one notice counts
once, however often it acts), at any time, so conversions compare like with like. Steps are counted
independently: a supplier may attend an event without registering interest first, so a step can be
larger than the one before it.

For one opportunity the cohort is the notice it grew from, if any (its interest, events and questions),
and the bids and award follow that opportunity alone; an opportunity published from scratch starts its
funnel at "Opportunity published" and has no notice steps.

Adding a step is one `Step` with one provider: a function given the `Cohort` (the notice ids as a SELECT,
and the one opportunity if there is one) that returns a SELECT of (`notice_id`, `organisation_id`) rows,
e.g. the notice an opportunity grew from and each bidder. Append it to `STEPS` in order (with
`distinct=False` if its rows are unique pairs already); pages, CSV, snapshots and tests pick it up.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from sqlalchemy import Select, Subquery, case, func, select

from marketplace.evaluation.models import APPROVED, AWARD, AwardDecision
from marketplace.events.models import PUBLISHED as EVENT_PUBLISHED
from marketplace.events.models import REGISTERED, Event, Registration
from marketplace.extensions import db
from marketplace.insight import passes
from marketplace.insight.periods import Window
from marketplace.insight.scope import Scope, notice_conditions, opportunity_conditions
from marketplace.insight.sql import GroupCounts, group_conditions, per_organisation, within
from marketplace.notices.clarifications.queries import SUBJECT as NOTICE_QUESTION
from marketplace.notices.models import Interest, Notice
from marketplace.opportunities.bids import sealing
from marketplace.opportunities.bids.models import SUBMITTED as BID_SUBMITTED
from marketplace.opportunities.models import Opportunity
from marketplace.questions.models import ClarificationQuestion
from marketplace.suppliers.models import Organisation

NOTICES, OPPORTUNITIES, ENGAGEMENTS = "notices", "opportunities", "engagements"


@dataclass(frozen=True)
class Cohort:
    notices: Select  # the ids of the notices published in the window, within the scope
    opportunity_id: int | None = None  # one opportunity: the bid and award steps follow it alone


@dataclass(frozen=True)
class Step:
    key: str
    label: str
    definition: str
    provider: Callable[[Cohort], Select] | None  # None: the cohort's notices (or opportunity) themselves
    # False when the provider's rows are unique pairs already (a unique constraint): skips a costly DISTINCT.
    distinct: bool = True
    about_notices: bool = False  # a step about the notice: none for an opportunity published from scratch
    # Counted apart from the other steps, each in its own statement that `figures.compute` runs beside the
    # rest (`shared_counts`): interest with the headline's registrations of interest (`passes.interest`), both
    # bid steps in one read of the bids (`bid_steps`). The provider still gives the step's rows (drill-down).
    shared: bool = False


def _interest(cohort: Cohort) -> Select:
    return select(Interest.notice_id.label("notice_id"), Interest.organisation_id.label("organisation_id")).where(
        Interest.notice_id.in_(cohort.notices)
    )


def _attended(cohort: Cohort) -> Select:
    notices = cohort.notices
    return (
        select(Event.notice_id.label("notice_id"), Registration.organisation_id.label("organisation_id"))
        .join(Event, Event.id == Registration.event_id)
        .where(
            Event.notice_id.in_(notices),
            Event.status == EVENT_PUBLISHED,
            Registration.status == REGISTERED,
            Registration.attended.is_(True),
        )
    )


def _asked(cohort: Cohort) -> Select:
    notices = cohort.notices
    return select(
        ClarificationQuestion.subject_id.label("notice_id"),
        ClarificationQuestion.organisation_id.label("organisation_id"),
    ).where(
        ClarificationQuestion.subject_type == NOTICE_QUESTION,
        ClarificationQuestion.subject_id.in_(notices),
        ClarificationQuestion.organisation_id.is_not(None),
    )


def _bids(cohort: Cohort, *, submitted: bool, facts: Subquery | None = None) -> Select:
    facts = facts if facts is not None else sealing.closed_bid_facts()
    statement = select(facts.c.notice_id.label("notice_id"), facts.c.organisation_id.label("organisation_id"))
    if cohort.opportunity_id is not None:
        statement = statement.where(facts.c.opportunity_id == cohort.opportunity_id)
    else:
        statement = statement.where(facts.c.notice_id.in_(cohort.notices))
    return statement.where(facts.c.status == BID_SUBMITTED) if submitted else statement


def bid_steps(cohort: Cohort) -> dict[str, GroupCounts]:
    """Both bid steps from one read of the bids: each (notice, supplier) pair once, and whether any of its
    bids was submitted; then per organisation, then by group. The same counts as `_bid_started` and
    `_bid_submitted` each made distinct, for half the work on 100,000 bids."""
    facts = sealing.closed_bid_facts()
    pairs = (
        _bids(cohort, submitted=False, facts=facts)
        .add_columns(func.max(case((facts.c.status == BID_SUBMITTED, 1), else_=0)).label("submitted"))
        .group_by(facts.c.notice_id, facts.c.organisation_id)
        .subquery()
    )
    per_organisation = (
        select(
            pairs.c.organisation_id,
            func.count().label("started"),
            func.sum(pairs.c.submitted).label("submitted"),
        )
        .group_by(pairs.c.organisation_id)
        .subquery()
    )
    sums = [
        func.coalesce(func.sum(case((condition, per_organisation.c[step]), else_=0)), 0).label(f"{step}_{name}")
        for step in ("started", "submitted")
        for name, condition in group_conditions().items()
    ]
    statement = select(*sums).select_from(per_organisation)
    statement = statement.join(Organisation, Organisation.id == per_organisation.c.organisation_id)
    row = dict(db.session.execute(statement).one()._mapping)
    return {
        "bid_started": GroupCounts.from_mapping(row, "started_"),
        "bid_submitted": GroupCounts.from_mapping(row, "submitted_"),
    }


def _bid_started(cohort: Cohort) -> Select:
    return _bids(cohort, submitted=False)


def _bid_submitted(cohort: Cohort) -> Select:
    return _bids(cohort, submitted=True)


def _awarded(cohort: Cohort) -> Select:
    which = (
        Opportunity.id == cohort.opportunity_id
        if cohort.opportunity_id is not None
        else Opportunity.notice_id.in_(cohort.notices)
    )
    return (
        select(Opportunity.notice_id.label("notice_id"), AwardDecision.organisation_id.label("organisation_id"))
        .join(Opportunity, Opportunity.id == AwardDecision.opportunity_id)
        .where(
            which,
            AwardDecision.status == APPROVED,
            AwardDecision.outcome == AWARD,
            AwardDecision.organisation_id.is_not(None),
        )
    )


STEPS: list[Step] = [
    Step(
        "published",
        "Notice published",
        "Notices published in the period (the cohort the later steps follow).",
        None,
        about_notices=True,
    ),
    Step(
        "interest",
        "Interest registered",
        "Suppliers who registered interest in one of those notices (each supplier once per notice; withdrawn "
        "interest is not counted).",
        _interest,
        distinct=False,  # one interest per notice and organisation (a unique constraint)
        about_notices=True,
        shared=True,
    ),
    Step(
        "attended",
        "Event attended",
        "Suppliers marked by the buyer as having attended an event linked to one of those notices.",
        _attended,
        about_notices=True,
    ),
    Step(
        "asked",
        "Question asked",
        "Suppliers who asked the buyer a clarification question about one of those notices.",
        _asked,
        about_notices=True,
    ),
    Step(
        "bid_started",
        "Bid started",
        "Suppliers who started a bid (submitted, withdrawn or never sent) for an opportunity that grew from one "
        "of those notices, counted once bidding has closed: until the deadline bids are sealed. Joint bids count "
        "their lead.",
        _bid_started,
        shared=True,
    ),
    Step(
        "bid_submitted",
        "Bid submitted",
        "Suppliers who submitted a bid (and did not withdraw it) for an opportunity that grew from one of those "
        "notices, once bidding has closed. Joint bids count their lead.",
        _bid_submitted,
        shared=True,
    ),
    Step(
        "awarded",
        "Awarded",
        "Suppliers awarded the contract for an opportunity that grew from one of those notices (the approved award "
        "decision, published when standstill begins).",
        _awarded,
    ),
]


OPPORTUNITY_PUBLISHED = Step(
    "opportunity_published",
    "Opportunity published",
    "The opportunity, published in the period from scratch (not from a notice): the later steps follow it.",
    None,
)


@dataclass(frozen=True)
class StepResult:
    key: str
    label: str
    definition: str
    unit: str
    counts: GroupCounts

    def conversion(self, previous: StepResult | None, group: str = "total") -> float | None:
        """Engagements per notice (or opportunity) after the first step; after that, this step as a share of the
        one before."""
        if previous is None:
            return None
        if previous.unit in (NOTICES, OPPORTUNITIES):
            return round(self.counts.get(group) / previous.counts.total, 2) if previous.counts.total else None
        before = previous.counts.get(group)
        return round(100 * self.counts.get(group) / before, 1) if before else None


def cohort(scope: Scope, window: Window) -> Cohort:
    notices = select(Notice.id).where(notice_conditions(scope), within(Notice.published_at, window.start, window.end))
    return Cohort(notices, scope.opportunity_id)


def _from_scratch(scope: Scope) -> bool:
    """One opportunity that did not grow from a (public) notice: its funnel has no notice steps."""
    if scope.opportunity_id is None:
        return False
    statement = select(func.count()).select_from(Notice).where(notice_conditions(scope))
    return not db.session.scalar(statement)


def steps_for(scope: Scope) -> list[Step]:
    if _from_scratch(scope):
        return [OPPORTUNITY_PUBLISHED, *[step for step in STEPS if not step.about_notices]]
    return STEPS


def _first(step: Step, scope: Scope, window: Window, notices: Select) -> StepResult:
    if step is OPPORTUNITY_PUBLISHED:
        statement = select(func.count(Opportunity.id)).where(
            opportunity_conditions(scope), within(Opportunity.published_at, window.start, window.end)
        )
        unit = OPPORTUNITIES
    else:
        statement = select(func.count()).select_from(notices.subquery())
        unit = NOTICES
    total = int(db.session.scalar(statement) or 0)
    return StepResult(step.key, step.label, step.definition, unit, GroupCounts(total=total))


@dataclass(frozen=True)
class Counted:
    """The funnel counted but for its shared steps, which `complete` adds in their place."""

    steps: list[Step]
    results: dict[str, StepResult]

    def complete(self, shared: Mapping[str, GroupCounts]) -> list[StepResult]:
        """Every step in order, the shared ones from `shared` (their counts by step key, from `passes`)."""
        return [
            self.results.get(step.key)
            or StepResult(step.key, step.label, step.definition, ENGAGEMENTS, shared[step.key])
            for step in self.steps
        ]


def count_unshared(scope: Scope, window: Window) -> Counted:
    """Every step but the shared ones (`shared_counts`)."""
    group = cohort(scope, window)
    steps = steps_for(scope)
    results: dict[str, StepResult] = {}
    for step in steps:
        if step.shared:
            continue
        if step.provider is None:
            results[step.key] = _first(step, scope, window, group.notices)
            continue
        pairs = step.provider(group)
        rows = (pairs.distinct() if step.distinct else pairs).subquery()
        statement = per_organisation(select().select_from(rows), rows.c.organisation_id)
        counts = GroupCounts.from_mapping(dict(db.session.execute(statement).one()._mapping))
        results[step.key] = StepResult(step.key, step.label, step.definition, ENGAGEMENTS, counts)
    return Counted(steps, results)


def compute(scope: Scope, window: Window) -> list[StepResult]:
    """The funnel on its own, its shared steps too."""
    group = cohort(scope, window)
    shared = {**passes.interest([window], scope, group.notices).funnel, **bid_steps(group)}
    return count_unshared(scope, window).complete(shared)


def step_pairs(key: str, scope: Scope, window: Window) -> Select | None:
    """The rows behind one step (for the admin's drill-down)."""
    step = next((step for step in steps_for(scope) if step.key == key), None)
    if step is None or step.provider is None:
        return None
    return step.provider(cohort(scope, window)).distinct()
