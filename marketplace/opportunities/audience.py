"""Who may bid: anyone registered, the suppliers on one framework lot (a mini-competition), or only
suppliers the buyer invites (picked from search or a shortlist). Also suitability and reservation."""

from __future__ import annotations

from marketplace import clock
from marketplace.audit.services import record
from marketplace.extensions import db
from marketplace.opportunities import rules
from marketplace.opportunities.models import INVITED, LOT, Opportunity, OpportunityInvitation


class AudienceError(Exception):
    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message, self.field = message, field


def lot_options() -> dict[str, str]:
    """Lots of current frameworks a mini-competition can be run on: {"estates-dps/cleaning": "…: Cleaning"}."""
    from marketplace.frameworks.queries import list_lot_labels

    return list_lot_labels()


def lots_of(organisation_id: int) -> list[str]:
    """The framework lots an organisation is on (agreement accepted, framework not expired)."""
    from marketplace.frameworks.queries import list_framework_lots_for_organisations

    return [lot["id"] for lot in list_framework_lots_for_organisations([organisation_id]).get(organisation_id, [])]


def save(
    opportunity: Opportunity,
    actor,
    *,
    who_may_bid: str,
    lot_id: str | None,
    suitable_sme: bool,
    suitable_vcse: bool,
    reserved: str | None,
) -> None:
    if not rules.is_draft(opportunity):
        raise AudienceError("Who may bid cannot be changed once the opportunity is published")
    if who_may_bid == LOT and lot_id not in lot_options():
        raise AudienceError("Select the framework lot", field="lot")
    if reserved and not rules.reservation_allowed(opportunity.value_high, opportunity.value_low):
        raise AudienceError(rules.reservation_message(), field="reserved")
    opportunity.who_may_bid, opportunity.lot_id = who_may_bid, lot_id if who_may_bid == LOT else None
    opportunity.suitable_sme, opportunity.suitable_vcse, opportunity.reserved = suitable_sme, suitable_vcse, reserved
    opportunity.updated_at = clock.now()
    record("opportunity.audience_saved", opportunity, actor_id=actor.id, who=who_may_bid, lot=lot_id, reserved=reserved)
    db.session.commit()


def invite(opportunity: Opportunity, actor, organisation_ids: list[int]) -> int:
    """Add organisations to the invited list (already invited ones are skipped). Drafts only."""
    if not rules.is_draft(opportunity) or opportunity.who_may_bid != INVITED:
        raise AudienceError("Suppliers can only be invited to a draft open to invited suppliers")
    present = {invitation.organisation_id for invitation in opportunity.invitations}
    added = [i for i in dict.fromkeys(organisation_ids) if i not in present]
    for organisation_id in added:
        opportunity.invitations.append(OpportunityInvitation(organisation_id=organisation_id, invited_by_id=actor.id))
    if added:
        opportunity.updated_at = clock.now()
        record("opportunity.invited", opportunity, actor_id=actor.id, organisations=added)
    db.session.commit()
    return len(added)


def uninvite(opportunity: Opportunity, actor, organisation_id: int) -> None:
    if not rules.is_draft(opportunity):
        raise AudienceError("The invited list cannot be changed once the opportunity is published")
    for invitation in list(opportunity.invitations):
        if invitation.organisation_id == organisation_id:
            opportunity.invitations.remove(invitation)
            record("opportunity.uninvited", opportunity, actor_id=actor.id, organisation=organisation_id)
    db.session.commit()
