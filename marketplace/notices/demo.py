"""`flask demo load`: missions, published notices (several for the Estates Mission), interest and
partnering, published Q&A and a change history; events come from `marketplace.events.demo`.

Idempotent: does nothing if the Estates Mission already exists. Dates are relative to today,
so the portal looks alive whenever it is loaded.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from marketplace import clock
from marketplace.accounts.models import BUYER, User
from marketplace.audit.services import record
from marketplace.extensions import db
from marketplace.notices.models import (
    CLOSED,
    ENGAGEMENT,
    PIPELINE,
    PUBLISHED,
    WITHDRAWN,
    Interest,
    Mission,
    Notice,
    NoticeCategory,
    NoticeChange,
    NoticeOutcome,
    NoticeWard,
)
from marketplace.questions.models import ClarificationQuestion
from marketplace.suppliers.models import OWNER, Membership, Organisation
from marketplace.suppliers.models import PUBLISHED as PROFILE_PUBLISHED

ESTATES = "Estates Mission"
MISSIONS = {
    ESTATES: "Safe, warm, well-kept council homes and estates that residents are proud of.",
    "Young People Mission": "Every young person in the borough has a trusted adult and things to do near home.",
    "Climate Mission": "A net zero borough by 2030, with warmer homes and cleaner air.",
    "Food Mission": "Everyone can get good, affordable food close to home.",
}
NOTICES: list[dict[str, Any]] = [
    dict(
        key="safer",
        kind=ENGAGEMENT,
        mission=ESTATES,
        title="Safer estates: lighting, doors and the spaces between blocks",
        summary="We want to hear from small local firms and community groups about how to make our estates feel "
        "safer after dark.",
        description="Residents on our estates tell us that poorly lit paths, broken door entry and unused corners "
        "make them feel unsafe.\n\nWe have not decided what to buy. We want ideas on **what works**, "
        "how to involve residents, and how to split the work so small firms can bid.",
        outcomes=[
            "Residents feel safer walking home after dark",
            "Door entry systems work first time",
            "Fewer reports of antisocial behaviour in communal areas",
        ],
        categories=["50", "453"],
        wards=["gospel-oak", "haverstock", "kentish-town-north"],
        value=(400_000, 900_000),
        closes=21,
        tender=90,
        start=180,
        months=36,
        sme=True,
        vcse=True,
        reserved=None,
    ),
    dict(
        key="cleaning",
        kind=ENGAGEMENT,
        mission=ESTATES,
        title="Estate cleaning that residents notice",
        summary="Before we re-let estate cleaning, we want to talk to local cleaning firms and social enterprises "
        "about doing it differently.",
        description="Today's contract measures visits, not results. We want cleaning that residents can see and "
        "shape, and local jobs.",
        outcomes=[
            "Residents rate their block as clean",
            "Local people get jobs with fair pay",
            "Graffiti and fly-tipping are cleared within a day",
        ],
        categories=["90"],
        wards=["whole-borough"],
        value=(1_200_000, 1_800_000),
        closes=35,
        tender=120,
        start=240,
        months=48,
        sme=True,
        vcse=True,
        reserved="sme-vcse",
    ),
    dict(
        key="damp",
        kind=ENGAGEMENT,
        mission=ESTATES,
        title="Damp and mould: finding it early",
        summary="How can we spot damp and mould before it harms residents' health? We want to hear from surveyors, "
        "sensor makers and community health groups.",
        description="We want to find damp and mould early and fix the cause, not just the symptoms.",
        outcomes=[
            "No child lives in a home with serious damp or mould",
            "Problems are found before residents have to report them",
        ],
        categories=["71", "50"],
        wards=["whole-borough"],
        value=(250_000, 600_000),
        closes=14,
        tender=75,
        start=150,
        months=24,
        sme=True,
        vcse=False,
        reserved=None,
    ),
    dict(
        key="gardening",
        kind=PIPELINE,
        mission=ESTATES,
        title="Community gardening on estates",
        summary="A planned procurement for resident-led gardening and planting on 12 estates.",
        description="We plan to buy support for residents to grow food and look after green spaces on their estates.",
        outcomes=["Residents grow food on their estate", "Green spaces are used and cared for"],
        categories=["77"],
        wards=["gospel-oak", "kilburn", "west-hampstead"],
        value=(60_000, 90_000),
        closes=None,
        tender=60,
        start=120,
        months=24,
        sme=True,
        vcse=True,
        reserved="local",
    ),
    dict(
        key="youth",
        kind=ENGAGEMENT,
        mission="Young People Mission",
        title="Summer holiday activities for young people",
        summary="We want providers, big and small, to help design next summer's holiday activity programme.",
        description="Last year 4,000 young people joined in. We want more of them, especially those who don't "
        "usually come.",
        outcomes=[
            "Young people who do not usually take part join in",
            "Every young person eats a healthy meal on activity days",
        ],
        categories=["92", "80"],
        wards=["st-pancras-and-somers-town", "kings-cross", "regents-park", "camden-town"],
        value=(150_000, 300_000),
        closes=7,
        tender=45,
        start=100,
        months=12,
        sme=True,
        vcse=True,
        reserved=None,
    ),
    dict(
        key="retrofit",
        kind=PIPELINE,
        mission="Climate Mission",
        title="Retrofit advice for residents and small landlords",
        summary="A planned procurement for independent advice on insulation, heat pumps and grants.",
        description="We plan to buy an advice service that reaches residents who are least likely to ask.",
        outcomes=["Residents know which grants they can get", "More homes are insulated"],
        categories=["71", "79"],
        wards=["whole-borough"],
        value=(80_000, 120_000),
        closes=None,
        tender=30,
        start=90,
        months=24,
        sme=True,
        vcse=True,
        reserved=None,
    ),
    dict(
        key="food",
        kind=ENGAGEMENT,
        mission="Food Mission",
        title="Local food in school meals",
        summary="Engagement on sourcing more food from local growers and suppliers for school meals.",
        description="Engagement has closed. Thank you to the 23 organisations who took part.",
        outcomes=["More school meals use food grown or made locally"],
        categories=["15", "55"],
        wards=["whole-borough"],
        value=(2_000_000, 3_500_000),
        closes=-5,
        tender=40,
        start=200,
        months=48,
        sme=True,
        vcse=False,
        reserved=None,
    ),
    dict(
        key="parking",
        kind=PIPELINE,
        mission=None,
        title="Parking permit printing",
        summary="A planned procurement for printing and posting parking permits.",
        description="Withdrawn: permits are now digital.",
        outcomes=["Permits reach residents on time"],
        categories=["79"],
        wards=["whole-borough"],
        value=(20_000, 25_000),
        closes=None,
        tender=30,
        start=60,
        months=12,
        sme=True,
        vcse=False,
        reserved=None,
        withdrawn="Parking permits are now digital, so we no longer need to buy printing.",
    ),
]
QA = {
    "safer": [
        (
            "Will the work be split into lots?",
            "Probably: we are thinking about one lot for lighting and one for door entry, so that small firms can "
            "bid for either.",
        ),
        (
            "Can community groups take part in the market engagement even if they would not bid?",
            "Yes. We want to hear from everyone who knows our estates.",
        ),
    ],
    "cleaning": [
        (
            "Will staff transfer under TUPE?",
            "Yes, TUPE is likely to apply. We will publish anonymised staff information with the tender.",
        ),
        ("Is the London Living Wage required?", "Yes. The council is an accredited London Living Wage employer."),
    ],
    "youth": [
        (
            "Can small clubs bid for a single ward?",
            "Yes. We expect to fund several small providers as well as one or two larger ones.",
        )
    ],
}
UNANSWERED = {
    "safer": "Do you have data on where residents feel least safe?",
    "damp": "Would you consider sensors that residents install themselves?",
}


def _at(days: int, hour: int = 17) -> datetime:
    local = datetime.combine(
        clock.to_london(clock.now()).date() + timedelta(days=days), time(hour), tzinfo=clock.LONDON
    )
    return local.astimezone(UTC)


def _day(days: int) -> date:
    return clock.to_london(clock.now()).date() + timedelta(days=days)


def load_demo_notices() -> bool:
    if db.session.scalar(select(Mission).where(Mission.name == ESTATES)) is not None:
        return False
    buyer = demo_buyer()
    if buyer is None:
        return False
    missions = {name: Mission(name=name, description=text, active=True) for name, text in MISSIONS.items()}
    db.session.add_all(missions.values())
    notices = {spec["key"]: _notice(spec, buyer, missions) for spec in NOTICES}
    db.session.flush()
    owners = organisation_owners()
    _interests(notices, owners)
    _questions(notices, owners, buyer)
    db.session.add(
        NoticeChange(
            notice_id=notices["safer"].id,
            actor_id=buyer.id,
            fields=["estimated value", "when engagement closes"],
            note="We have added a second event and extended engagement by a week.",
            changed_at=clock.now() - timedelta(days=2),
        )
    )
    record("demo.notices_loaded", ("demo", "notices"), notices=len(notices))
    db.session.commit()  # the search index picks the notices up from the tracked changes
    return True


def _notice(spec: dict, buyer: User, missions: dict) -> Notice:
    low, high = spec["value"]
    published_at = clock.now() - timedelta(days=12 if spec["closes"] is None or spec["closes"] > 10 else 30)
    notice = Notice(
        owner_id=buyer.id,
        kind=spec["kind"],
        status=PUBLISHED,
        title=spec["title"],
        summary=spec["summary"],
        description=spec["description"],
        mission_id=missions[spec["mission"]].id if spec["mission"] else None,
        mission=missions[spec["mission"]] if spec["mission"] else None,
        value_low=Decimal(low),
        value_high=Decimal(high),
        engagement_closes_at=_at(spec["closes"]) if spec["closes"] is not None else None,
        expected_tender_date=_day(spec["tender"]),
        contract_start_date=_day(spec["start"]),
        contract_months=spec["months"],
        suitable_sme=spec["sme"],
        suitable_vcse=spec["vcse"],
        reserved=spec["reserved"],
        contact_name="Priya Shah",
        contact_email="procurement@camden.gov.uk",
        published_at=published_at,
        created_at=published_at,
        updated_at=published_at,
    )
    notice.outcomes = [NoticeOutcome(text=text, position=i) for i, text in enumerate(spec["outcomes"])]
    notice.categories = [NoticeCategory(code=code) for code in spec["categories"]]
    notice.wards = [NoticeWard(ward=ward) for ward in spec["wards"]]
    if spec.get("withdrawn"):
        notice.status, notice.status_reason, notice.withdrawn_at = (
            WITHDRAWN,
            spec["withdrawn"],
            clock.now() - timedelta(days=3),
        )
    elif spec["closes"] is not None and spec["closes"] < 0:
        notice.status, notice.closed_at = CLOSED, _at(spec["closes"])
    db.session.add(notice)
    return notice


def demo_buyer() -> User | None:
    return db.session.scalar(
        select(User).where(User.role == BUYER, User.email == "buyer@camden.gov.uk")
    ) or db.session.scalar(select(User).where(User.role == BUYER).order_by(User.id))


def demo_notices() -> dict[str, Notice]:
    """The demo notices by their key ("safer", "cleaning", …), for the demo data of domains above."""
    by_title = {notice.title: notice for notice in db.session.scalars(select(Notice))}
    return {spec["key"]: by_title[spec["title"]] for spec in NOTICES if spec["title"] in by_title}


def organisation_owners() -> list[tuple[Organisation, int]]:
    """Published demo organisations with their owner's user id (most demo organisations have no
    sign-in, so None), in creation order: the first two are the demo suppliers' own."""
    statement = (
        select(Organisation, Membership.user_id)
        .outerjoin(Membership, (Membership.organisation_id == Organisation.id) & (Membership.role == OWNER))
        .where(Organisation.status == PROFILE_PUBLISHED)
        .order_by(Organisation.id)
        .limit(60)
    )
    return [(organisation, user_id) for organisation, user_id in db.session.execute(statement)]


OFFERS = [
    "A local team of 12, DBS-checked, used to working with tenants' associations",
    "Resident engagement and co-design: we run the conversations, you deliver the work",
    "Electrical contractors with NICEIC approval and our own apprentices",
    "Social value reporting and training places for local young people",
]


def _interests(notices: dict, owners: list) -> None:
    plan = {
        "safer": range(14),
        "cleaning": range(0, 18, 2),
        "damp": range(1, 9),
        "youth": range(5, 20, 3),
        "gardening": range(3, 12, 4),
        "food": range(8, 15),
    }
    for key, indexes in plan.items():
        for n, index in enumerate(i for i in indexes if i < len(owners)):
            organisation, user_id = owners[index]
            partnering = n % 2 == 0
            db.session.add(
                Interest(
                    notice_id=notices[key].id,
                    organisation_id=organisation.id,
                    registered_by_id=user_id,
                    open_to_partnering=partnering,
                    partnering_offer=OFFERS[n % len(OFFERS)] if partnering else None,
                    listed=partnering and n % 6 != 4,
                    created_at=notices[key].published_at + timedelta(hours=5 + n),
                    updated_at=notices[key].published_at + timedelta(hours=5 + n),
                )
            )


def _questions(notices: dict, owners: list, buyer: User) -> None:
    for key, items in QA.items():
        for n, (question, answer) in enumerate(items):
            asked = notices[key].published_at + timedelta(days=1 + n)
            organisation, user_id = owners[(n * 3 + 2) % len(owners)] if owners else (None, None)
            db.session.add(
                ClarificationQuestion(
                    subject_type="notice",
                    subject_id=notices[key].id,
                    organisation_id=organisation.id if organisation else None,
                    asked_by_id=user_id,
                    question=question,
                    answer=answer,
                    published=True,
                    asked_at=asked,
                    answered_at=asked + timedelta(days=1),
                    published_at=asked + timedelta(days=1),
                    answered_by_id=buyer.id,
                )
            )
    for key, question in UNANSWERED.items():
        organisation, user_id = owners[4] if len(owners) > 4 else (None, None)
        db.session.add(
            ClarificationQuestion(
                subject_type="notice",
                subject_id=notices[key].id,
                organisation_id=organisation.id if organisation else None,
                asked_by_id=user_id,
                question=question,
                published=False,
                asked_at=clock.now() - timedelta(hours=20),
            )
        )
