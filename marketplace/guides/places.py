"""Where a guide can be linked: a place is "<kind>:<reference>", resolved against the domain it names.

onboarding:social_value             a section of the supplier profile
framework-question:<slug>:<id>      a question in a framework's application
opportunity-criterion:<id>          an opportunity's question or award criterion
notice:<id>                         a notice
event:<id>                          a market-engagement event (the guide lists it as training, too)
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for

from marketplace.converters import MAX_ID
from marketplace.events import queries as event_queries
from marketplace.extensions import db
from marketplace.frameworks import queries as framework_queries
from marketplace.notices import queries as notice_queries
from marketplace.opportunities.models import AwardCriterion

KINDS = {
    "onboarding": "Supplier profile section",
    "framework-question": "Framework question",
    "opportunity-criterion": "Opportunity question or award criterion",
    "notice": "Notice",
    "event": "Event",
}
ONBOARDING_SECTIONS = {
    "organisation": "Organisation details",
    "size": "Size",
    "declarations": "Declarations",
    "what": "What you do",
    "where": "Where you work",
    "experience": "Experience (case studies)",
    "social_value": "Social value commitments",
    "documents": "Documents",
}


@dataclass(frozen=True)
class Place:
    key: str
    kind: str
    label: str
    endpoint: str | None = None
    values: tuple[tuple[str, str | int], ...] = ()

    @property
    def url(self) -> str | None:
        return url_for(self.endpoint, **dict(self.values)) if self.endpoint else None  # type: ignore[arg-type]


def make(kind: str, reference: str) -> str:
    return f"{kind}:{reference.strip()}"


def resolve(key: str) -> Place | None:
    """What a place key names, or None when it names nothing that exists."""
    kind, _, reference = key.partition(":")
    if kind == "onboarding":
        return _onboarding(key, reference)
    if kind == "framework-question":
        slug, _, question_id = reference.partition(":")
        framework = framework_queries.get_framework(slug)
        question = framework.definition.question(question_id) if framework else None
        if framework is None or question is None:
            return None
        return Place(key, kind, f"{framework.name}: {question.text}", "frameworks.detail", (("slug", slug),))
    if not reference.isdigit() or int(reference) > MAX_ID:
        return None
    if kind == "opportunity-criterion":
        criterion = db.session.get(AwardCriterion, int(reference))
        if criterion is None:
            return None
        label = f"Opportunity {criterion.opportunity_id}: {criterion.title}"
        return Place(key, kind, label, "opportunities.show", (("opportunity_id", criterion.opportunity_id),))
    if kind == "notice":
        notice = notice_queries.get_notice(int(reference))
        return Place(key, kind, notice.title, "notices.show", (("notice_id", notice.id),)) if notice else None
    if kind == "event":
        event = event_queries.get_event(int(reference))
        return Place(key, kind, event.title, "events.show", (("event_id", event.id),)) if event else None
    return None


def _onboarding(key: str, reference: str) -> Place | None:
    if reference not in ONBOARDING_SECTIONS:
        return None
    return Place(key, "onboarding", f"Profile: {ONBOARDING_SECTIONS[reference]}")
