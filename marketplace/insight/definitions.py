"""What each figure means, in the council's words: shown beside the figure on every page, in the CSV
downloads and in the API."""

from __future__ import annotations

SUPPRESSION_THRESHOLD = 5

GROUPS = {
    "sme": "SME: a small or medium-sized enterprise as the Procurement Act 2023 defines it (fewer than 250 staff "
    "and turnover up to £44 million), worked out from the staff and turnover bands the supplier gave.",
    "vcse": "VCSE: the supplier declared that it is a voluntary, community or social enterprise.",
    "local": "Local: based in the borough, from the postcode of the supplier's address (or the supplier's own "
    "answer where its postcode district crosses the borough boundary).",
    "other": "Other: neither SME, VCSE nor local. The groups overlap (a local charity that is small counts in "
    "three), so shares do not add up to 100%.",
}

WINDOWS = (
    "This month is the calendar month in London time; the financial year runs from 1 April to 31 March; "
    "since launch covers everything the marketplace holds. Figures for the month still running are counted "
    "live; past months come from the snapshot taken after they ended. While a month runs, its financial year and "
    "since-launch counts are last month's snapshot plus this month, so earlier months are counted as they were "
    "then; published profiles, the ward and category supplier counts and the engagement funnel are counted in full."
)

FIGURES = {
    "published": "Supplier profiles published at the end of the period. Profiles taken down since are not counted.",
    "new_profiles": "Supplier profiles published in the period (first published, or published again after "
    "being taken down).",
    "notices": "Early market engagement and pipeline notices published in the period (closed and withdrawn "
    "notices count; drafts do not).",
    "interest": "Registrations of interest in a notice made in the period: one per supplier per notice. "
    "Withdrawn interest is not counted.",
    "events": "Published events for suppliers (not cancelled) that started in the period.",
    "event_places": "Suppliers holding a place at those events (not on the waiting list, not cancelled).",
    "attended": "Suppliers the buyer marked as having attended those events.",
    "questions": "Clarification questions suppliers asked about notices in the period.",
    "framework_applications": "Framework applications submitted in the period and not withdrawn.",
    "framework_agreements": "Suppliers who accepted a framework agreement in the period, so are now on it.",
    "opportunities": "Opportunities (invitations to bid) published in the period, including any cancelled or "
    "awarded since; drafts do not count.",
    "contracts": "Contracts entered in the period (after the award decision and its standstill), by the group of "
    "the winning supplier; the shares are by count.",
    "contract_value": "The total value of those contracts in pounds, excluding VAT, as the buyer recorded it; the "
    "shares are of the value that went to each group.",
    "bids": "Bids submitted and not withdrawn, counted in the period the opportunity's deadline fell in (bids "
    "are sealed until the deadline, their number included), by the group of the lead bidder.",
}

BREAKDOWNS = {
    "wards": "Based in: published suppliers based in the borough, by the ward they said their main base is in "
    "(those who have not said which ward have a row of their own). Serving: published suppliers who named the "
    "ward among the places they work; suppliers serving the whole borough have a row of their own. A supplier "
    "is based in one ward at most, and serves as many as it names.",
    "categories": "CPV division: the first two digits of a Common Procurement Vocabulary code. A supplier or "
    "notice with several codes in one division counts once in it, and in every division it has codes in.",
    "opportunities": "Opportunities published in the period; bids submitted (and not withdrawn) for opportunities "
    "whose deadline fell in the period, counted only once that deadline has passed (bids are sealed until then, "
    "their number included); bids per opportunity divides those bids by the opportunities whose deadline fell in "
    "the period; contracts entered in the period, and how many went to SMEs, VCSEs and local suppliers (the groups "
    "overlap). An opportunity with codes in several divisions counts in each.",
    "missions": "Notices tagged with each council mission, and what suppliers did about them in the period.",
    "series": "For each month: the share of published supplier profiles that were SME, VCSE or local at the "
    "month's end.",
    "funnel": "Notices published in the period and, for those notices, each supplier's engagement counted once "
    "per notice at each step, whenever it happened. Steps are counted independently, so a step can be larger "
    "than the one before it.",
}

SUPPRESSION = (
    f"To protect individual suppliers, counts below {SUPPRESSION_THRESHOLD} are shown as “fewer than "
    f"{SUPPRESSION_THRESHOLD}”, and so are shares where either the group or the rest is below "
    f"{SUPPRESSION_THRESHOLD}."
)

LICENCE_NAME = "Open Government Licence v3.0"
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
