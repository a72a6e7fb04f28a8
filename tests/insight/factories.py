"""A small, hand-counted market for the insight tests, built through the real services at set times.

The clock ends at 15 June 2026, 12:00 UTC (British Summer Time): this month is June 2026, the financial
year began on 1 April 2026 and the first profile was published in March 2026.

Suppliers (published unless said)     SME  VCSE local  published      categories      serves                based in
  S1 Kentish Clean                    yes   no   yes   10 Mar 2026    90              Gospel Oak            Gospel Oak
  S2 Estate Builders CIC              yes   yes  yes    5 Apr 2026    45, 451         Gospel Oak, Kilburn   (not said)
  S3 Big Systems plc                  no    no   no     2 Jun 2026    72              whole borough         -
  S4 Hackney Greens CIO               yes   yes  no    10 Jun 2026    90, 45          Kilburn               -
  S5 Draft Ltd (never published)      yes   no   yes   -              90              Gospel Oak            Gospel Oak
  S6 Gone Ltd (published 20 May, taken down 25 May)                                                       Gospel Oak

Notices: N1 Estates, 90, published 15 Mar; N2 Estates, 45+451, 5 Jun; N3 no mission, 72, 6 Jun; N4 draft.
Interest: S1→N1 20 Mar, S2→N1 2 Apr, S2→N2 6 Jun, S3→N3 7 Jun, S4→N2 11 Jun; S1→N3 8 Jun then withdrawn.
Event E1 for N2 starts 12 Jun: S2 and S4 hold places, only S2 attended. E2 (no notice) starts 20 Jun, S1 booked.
Questions: S1 on N1 21 Mar; S4 on N2 9 Jun.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from flask import current_app

from marketplace import clock
from marketplace.events import registrations
from marketplace.notices.clarifications import services as questions
from marketplace.notices.interest import queries as interest_queries
from marketplace.notices.interest import services as interest_services
from marketplace.suppliers import services as supplier_services
from marketplace.suppliers.commands import WorkAnswers
from tests.events.factories import create_event, register
from tests.factories import create_buyer, create_organisation, owner_of
from tests.notices.factories import create_mission, create_notice, register_interest
from tests.opportunities.factories import create_opportunity, start_bid, submit_bid

NOW = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)

SME = {"staff_band": "1-10", "turnover_band": "up-to-1m"}
LARGE = {"staff_band": "250+", "turnover_band": "over-54m"}
LOCAL, ELSEWHERE = "NW5 1TL", "E8 3RL"


def at(year: int, month: int, day: int, hour: int = 10) -> datetime:
    moment = datetime(year, month, day, hour, tzinfo=UTC)
    clock.freeze(moment)
    return moment


def supplier(
    name: str,
    *,
    size: dict,
    vcse: bool,
    postcode: str,
    categories: list[str],
    areas: list[str],
    base_ward: str | None = None,
):
    organisation = create_organisation(
        name=name,
        published=False,
        postcode=postcode,
        is_vcse=vcse,
        vcse_type="cic" if vcse else None,
        **size,
    )
    owner = owner_of(organisation)
    supplier_services.update_work(
        organisation, owner, WorkAnswers(categories=categories, areas=areas, base_ward=base_ward)
    )
    return organisation


def publish(organisation) -> None:
    supplier_services.publish(organisation, owner_of(organisation))


@dataclass
class Market:
    s1: object
    s2: object
    s3: object
    s4: object
    s5: object
    s6: object
    n1: object
    n2: object
    n3: object
    n4: object
    e1: object
    e2: object
    estates: object


def build_market() -> Market:
    at(2026, 3, 1)
    buyer = create_buyer()
    estates = create_mission("Estates Mission")
    s1 = supplier(
        "Kentish Clean",
        size=SME,
        vcse=False,
        postcode=LOCAL,
        categories=["90"],
        areas=["gospel-oak"],
        base_ward="gospel-oak",
    )
    s2 = supplier(
        "Estate Builders CIC",
        size=SME,
        vcse=True,
        postcode=LOCAL,
        categories=["45", "451"],
        areas=["gospel-oak", "kilburn"],
    )
    s3 = supplier(
        "Big Systems plc", size=LARGE, vcse=False, postcode=ELSEWHERE, categories=["72"], areas=["whole-borough"]
    )
    s4 = supplier(
        "Hackney Greens CIO", size=SME, vcse=True, postcode=ELSEWHERE, categories=["90", "45"], areas=["kilburn"]
    )
    s5 = supplier(
        "Draft Ltd",
        size=SME,
        vcse=False,
        postcode=LOCAL,
        categories=["90"],
        areas=["gospel-oak"],
        base_ward="gospel-oak",
    )
    s6 = supplier(
        "Gone Ltd",
        size=SME,
        vcse=False,
        postcode=LOCAL,
        categories=["90"],
        areas=["gospel-oak"],
        base_ward="gospel-oak",
    )

    at(2026, 3, 10)
    publish(s1)
    at(2026, 3, 15)
    n1 = create_notice(buyer, title="Estate cleaning", mission_id=estates.id, categories=["90"])
    at(2026, 3, 20)
    register_interest(n1, s1)
    at(2026, 3, 21)
    with current_app.test_request_context():
        questions.ask(n1, s1, owner_of(s1), "Can a small firm bid for one estate?")
    at(2026, 4, 2)
    register_interest(n1, s2)
    at(2026, 4, 5)
    publish(s2)
    at(2026, 5, 20)
    publish(s6)
    at(2026, 5, 25)
    supplier_services.unpublish(s6, owner_of(s6))
    at(2026, 6, 2)
    publish(s3)
    at(2026, 6, 5)
    n2 = create_notice(buyer, title="Estate repairs", mission_id=estates.id, categories=["45", "451"])
    starts = datetime(2026, 6, 12, 10, tzinfo=UTC)
    e1 = create_event(
        buyer, notice=n2, starts_at=starts, ends_at=starts + timedelta(hours=2), registration_closes_at=starts
    )
    at(2026, 6, 6)
    n3 = create_notice(buyer, title="Website audit", categories=["72"], value_low=Decimal("10000"))
    register_interest(n2, s2)
    at(2026, 6, 7)
    register_interest(n3, s3)
    register(e1, s2)
    at(2026, 6, 8)
    register_interest(n3, s1)
    interest_services.withdraw_interest(interest_queries.get_interest(n3.id, s1.id), owner_of(s1))
    register(e1, s4)
    at(2026, 6, 9)
    with current_app.test_request_context():
        questions.ask(n2, s4, owner_of(s4), "Will you split the work into lots?")
    at(2026, 6, 10)
    publish(s4)
    n4 = create_notice(buyer, title="Not yet", published=False)
    later = datetime(2026, 6, 20, 10, tzinfo=UTC)
    e2 = create_event(buyer, starts_at=later, ends_at=later + timedelta(hours=2), registration_closes_at=later)
    at(2026, 6, 11)
    register_interest(n2, s4)
    register(e2, s1)
    at(2026, 6, 12, 14)
    registrations.mark_attendance(
        e1, buyer, {r.id for r in registrations.queries.list_registrations(e1.id) if r.organisation_id == s2.id}
    )
    clock.freeze(NOW)
    return Market(s1, s2, s3, s4, s5, s6, n1, n2, n3, n4, e1, e2, estates)


def more_suppliers_based_in(ward: str, count: int) -> None:
    """`count` more published local SMEs based in (and serving) `ward`, an hour before now: enough to show."""
    clock.freeze(NOW - timedelta(hours=1))
    for number in range(count):
        name = f"Based in {ward} {number}"
        publish(supplier(name, size=SME, vcse=False, postcode=LOCAL, categories=["90"], areas=[ward], base_ward=ward))
    clock.freeze(NOW)


def build_market_with_bids() -> Market:
    """The hand-counted market with two opportunities: O1 grew from N1 on 20 May and closed on 1 June (S2
    submitted a bid, S1 started one); O2, from scratch on 5 June, closes on 13 July (S3's bid). The clock is
    left at NOW."""
    built = build_market()
    buyer = built.n1.owner  # the buyer who published N1
    at(2026, 5, 20)
    o1 = create_opportunity(buyer, notice=built.n1, closes_at=datetime(2026, 6, 1, 11, tzinfo=UTC))
    at(2026, 5, 21)
    submit_bid(o1, built.s2)
    start_bid(o1, built.s1)
    at(2026, 6, 5)
    o2 = create_opportunity(buyer, closes_at=datetime(2026, 7, 13, 11, tzinfo=UTC))
    submit_bid(o2, built.s3)
    clock.freeze(NOW)
    return built
