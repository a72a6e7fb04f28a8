"""Award criteria as data: quality and social value questions (weight, guidance, word limit), price
(a lump sum or day rates for named roles) and the published scoring scale. Drafts only: once
published, bidders answer exactly these. One commit per action, audited."""

from __future__ import annotations

from marketplace import clock
from marketplace.audit.services import record
from marketplace.extensions import db
from marketplace.opportunities import choices, rules
from marketplace.opportunities.models import LUMP_SUM, PRICE, QUALITY, SOCIAL_VALUE, AwardCriterion, Opportunity
from marketplace.suppliers import reference


class CriteriaError(Exception):
    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message, self.field = message, field


def social_value_guidance(theme_slugs: list[str] | None = None) -> str:
    """Guidance pre-filled from the council's social value themes."""
    themes = reference.social_value_themes()
    chosen = [themes[slug]["name"] for slug in (theme_slugs or list(themes)) if slug in themes]
    return (
        "Tell us what you will do for the borough through this contract, under one or more of the council’s "
        "social value themes: " + "; ".join(chosen) + ". Say what you commit to, how much, and how you will show it."
    )


def add_default_criteria(opportunity: Opportunity) -> None:
    """A starting point the buyer changes: one quality question, social value and price (50/10/40)."""
    themes = list(reference.social_value_themes())
    opportunity.criteria = [
        AwardCriterion(
            kind=QUALITY,
            position=0,
            title="How you will achieve the outcomes",
            guidance="Describe your approach, who will do the work and how you will involve residents.",
            weight=50,
            word_limit=choices.DEFAULT_WORD_LIMIT,
        ),
        AwardCriterion(
            kind=SOCIAL_VALUE,
            position=1,
            title="Social value",
            guidance=social_value_guidance(themes),
            weight=10,
            word_limit=choices.DEFAULT_WORD_LIMIT,
            themes=themes,
        ),
        AwardCriterion(kind=PRICE, position=2, title="Price", weight=40, price_kind=LUMP_SUM),
    ]


def _draft_only(opportunity: Opportunity) -> None:
    if not rules.is_draft(opportunity):
        raise CriteriaError("Award criteria cannot be changed once the opportunity is published")


def _touch(opportunity: Opportunity, actor, action: str, **details) -> None:
    opportunity.updated_at = clock.now()
    record(f"opportunity.{action}", opportunity, actor_id=actor.id, **details)
    db.session.commit()


def save_question(
    opportunity: Opportunity,
    actor,
    *,
    criterion: AwardCriterion | None,
    kind: str,
    title: str,
    guidance: str | None,
    weight: int,
    word_limit: int,
    themes: list[str] | None = None,
) -> AwardCriterion:
    _draft_only(opportunity)
    if kind not in (QUALITY, SOCIAL_VALUE):
        raise CriteriaError("Choose a quality or social value question")
    if criterion is None:
        criterion = AwardCriterion(kind=kind, position=_next_position(opportunity))
        opportunity.criteria.append(criterion)
    elif criterion.opportunity_id != opportunity.id or criterion.kind == PRICE:
        raise CriteriaError("That question is not on this opportunity")
    criterion.kind, criterion.title, criterion.guidance = kind, title, guidance
    criterion.weight, criterion.word_limit = weight, word_limit
    criterion.themes = themes if kind == SOCIAL_VALUE else None
    db.session.flush()
    _touch(opportunity, actor, "criterion_saved", criterion=criterion.id)
    return criterion


def delete_question(opportunity: Opportunity, actor, criterion: AwardCriterion) -> None:
    _draft_only(opportunity)
    if criterion.opportunity_id != opportunity.id or criterion.kind == PRICE:
        raise CriteriaError("That question is not on this opportunity")
    opportunity.criteria.remove(criterion)
    _touch(opportunity, actor, "criterion_deleted", criterion=criterion.id, title=criterion.title)


def save_price(opportunity: Opportunity, actor, *, price_kind: str, weight: int, roles: list[dict]) -> None:
    _draft_only(opportunity)
    price = opportunity.price_criterion
    if price is None:
        price = AwardCriterion(kind=PRICE, title="Price", position=_next_position(opportunity))
        opportunity.criteria.append(price)
    price.price_kind, price.weight = price_kind, weight
    price.day_rate_roles = roles if price_kind != LUMP_SUM else None
    _touch(opportunity, actor, "price_saved", kind=price_kind)


def save_weights(opportunity: Opportunity, actor, weights: dict[int, int]) -> None:
    """All weights at once (the form has checked they are whole numbers above 0 adding up to 100)."""
    _draft_only(opportunity)
    for criterion in opportunity.criteria:
        if criterion.id in weights:
            criterion.weight = weights[criterion.id]
    problems = rules.weight_problems(opportunity.criteria)
    if problems:
        db.session.rollback()
        raise CriteriaError(problems[0])
    _touch(opportunity, actor, "weights_saved", weights={str(k): v for k, v in weights.items()})


def save_scale(opportunity: Opportunity, actor, *, scale: str, tie_break: str) -> None:
    _draft_only(opportunity)
    if scale not in choices.SCORING_SCALES or tie_break not in choices.TIE_BREAKS:
        raise CriteriaError("Choose a scoring scale and a tie-break rule")
    opportunity.scoring_scale, opportunity.tie_break = scale, tie_break
    _touch(opportunity, actor, "scale_saved", scale=scale, tie_break=tie_break)


def _next_position(opportunity: Opportunity) -> int:
    return max((c.position for c in opportunity.criteria), default=-1) + 1
