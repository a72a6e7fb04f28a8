"""The award and the contract as parts of the opportunity's OCDS release (same ocid as the tender):
`awards[]` with the standstill period (OCDS for the UK), `bids.statistics` split by SME and VCSE (the bids
extension) and `contracts[]` once the contract is entered. Nothing from any bid's content."""

from __future__ import annotations

from typing import Any

from marketplace.evaluation import queries
from marketplace.evaluation.models import AWARD
from marketplace.notices import ocds as notice_ocds
from marketplace.opportunities.models import Opportunity

BIDS_EXTENSION = (
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/extension.json"
)
_iso = notice_ocds._iso


def _day_start(day) -> str:
    return f"{day:%Y-%m-%d}T00:00:00Z"


def _day_end(day) -> str:
    return f"{day:%Y-%m-%d}T23:59:59Z"


def award_release_parts(*, opportunity: Opportunity, **_) -> dict[str, Any] | None:
    award = queries.public_award(opportunity.id)
    if award is None or award.outcome != AWARD or award.organisation is None:
        return None
    contract = queries.contract_for(opportunity.id)
    winner = award.organisation
    supplier_id = f"supplier-{winner.id}"
    standings = award.ranking or []
    ranking_entry: dict[str, Any] = next((s for s in standings if s["bid_id"] == award.bid_id), {})
    award_json: dict[str, Any] = {
        "id": f"award-{award.id}",
        "title": opportunity.title,
        "status": "active" if contract is not None else "pending",
        "date": _iso(award.decided_at),
        "suppliers": [{"id": supplier_id, "name": winner.display_name}],
        "standstillPeriod": {
            "startDate": _day_start(award.standstill_starts),
            "endDate": _day_end(award.standstill_ends),
        },
    }
    if ranking_entry.get("price"):
        award_json["value"] = {"amount": float(ranking_entry["price"]), "currency": "GBP"}
    party = {
        "id": supplier_id,
        "name": winner.display_name,
        "roles": ["supplier"],
        "details": {"scale": "sme" if winner.is_sme else "large", "vcse": bool(winner.is_vcse)},
    }
    total = len(standings)
    statistics = [
        {"id": "bids", "measure": "bids", "value": total},
        {"id": "smeBids", "measure": "smeBids", "value": sum(1 for s in standings if s.get("sme"))},
        {"id": "vcseBids", "measure": "vcseBids", "value": sum(1 for s in standings if s.get("vcse"))},
        {"id": "validBids", "measure": "validBids", "value": sum(1 for s in standings if s.get("rank"))},
    ]
    parts: dict[str, Any] = {
        "tag": ["award"],
        "awards": [award_json],
        "parties": [party],
        "bids": {"statistics": statistics},
        "extensions": [BIDS_EXTENSION],
    }
    if contract is not None:
        parts["tag"].append("contract")
        parts["contracts"] = [
            {
                "id": f"contract-{contract.id}",
                "awardID": award_json["id"],
                "title": opportunity.title,
                "status": "active",
                "value": {"amount": float(contract.value), "currency": "GBP"},
                "period": {"startDate": _day_start(contract.start_date), "endDate": _day_end(contract.end_date)},
                "dateSigned": _iso(contract.entered_at),
            }
        ]
    return parts
