"""`flask demo load`: missions, published notices (several for the Estates Mission), interest and
partnering, published Q&A and a change history; events come from `marketplace.events.demo`.

Built through the domain's services, as a buyer, an admin and the suppliers would build it (every row
has its audit row), with the service clock moved (`clock.freeze`) to when each thing happened: the
notices were published 12 or 30 days ago, interest and questions came in the days after. Dates are
relative to today, so the portal looks alive whenever it is loaded. Deterministic.

Idempotent: does nothing once the first demo notice exists.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from functools import partial
from typing import Any

from flask import current_app, has_request_context
from sqlalchemy import select

from marketplace import clock
from marketplace.accounts.models import ADMIN, BUYER, User
from marketplace.audit.services import record
from marketplace.extensions import db
from marketplace.notices import queries, services
from marketplace.notices.clarifications import queries as clarification_queries
from marketplace.notices.clarifications import services as questions
from marketplace.notices.interest import services as interest
from marketplace.notices.models import ENGAGEMENT, PIPELINE, Notice
from marketplace.notices.services import NoticeDetails
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

# The "safer" notice was published with a lower estimate and a week less of engagement, then changed.
RAISED_BY = {"safer": 100_000}
EXTENDED_BY = {"safer": 7}


def at_day(today: date, days: int, hour: int, minute: int = 0) -> datetime:
    """`hour`:`minute` London time, `days` after `today` (a London date), in UTC."""
    local = datetime.combine(today + timedelta(days=days), time(hour, minute), tzinfo=clock.LONDON)
    return local.astimezone(UTC)


def london_today() -> date:
    return clock.to_london(clock.now()).date()


@contextmanager
def moving_clock() -> Iterator[None]:
    """Service calls made at moved times, in a request context on SERVICE_URL (the services write links
    into emails); the clock is released however it ends."""
    context = (
        nullcontext()
        if has_request_context()
        else current_app.test_request_context(base_url=current_app.config["SERVICE_URL"])
    )
    try:
        with context:
            yield
    finally:
        clock.freeze(None)


@dataclass
class Timeline:
    """Actions to run at given (past) times, run in time order with the clock moved to each."""

    steps: list[tuple[datetime, int, Callable[[], Any]]] = field(default_factory=list)

    def at(self, moment: datetime, action: Callable[[], Any]) -> None:
        self.steps.append((moment, len(self.steps), action))

    def run(self) -> None:
        for moment, _, action in sorted(self.steps, key=lambda step: step[:2]):
            clock.freeze(moment)
            action()


def load_demo_notices() -> bool:
    if db.session.scalar(select(Notice.id).where(Notice.title == NOTICES[0]["title"])) is not None:
        return False
    buyer = demo_buyer()
    if buyer is None:
        return False
    with moving_clock():
        _load(buyer, today=london_today())
    record("demo.notices_loaded", ("demo", "notices"), notices=len(NOTICES))
    db.session.commit()  # the search index has picked the notices up from each service's tracked changes
    return True


def _load(buyer: User, *, today: date) -> None:
    timeline, notices = Timeline(), dict[str, Notice]()
    admin = demo_admin() or buyer
    timeline.at(at_day(today, -31, 9), lambda: _missions(admin))
    owners = organisation_owners()
    for number, spec in enumerate(NOTICES):
        published = at_day(today, -12 if spec["closes"] is None or spec["closes"] > 10 else -30, 9, number)
        timeline.at(published, partial(_publish, notices, spec, buyer, today))
        if spec.get("withdrawn"):
            timeline.at(at_day(today, -3, 11), partial(_withdraw, notices, spec, buyer))
        _interests(timeline, notices, spec["key"], published, owners)
        _questions(timeline, notices, spec["key"], published, owners, buyer)
    timeline.at(at_day(today, -2, 15), lambda: _extend(notices["safer"], buyer, today))
    timeline.run()


def _missions(admin: User) -> None:
    for name, text in MISSIONS.items():
        if queries.find_mission_by_name(name) is None:  # an admin may have added one already
            services.add_mission(admin, name=name, description=text)


def _details(spec: dict, today: date) -> NoticeDetails:
    low, high = spec["value"]
    mission = queries.find_mission_by_name(spec["mission"]) if spec["mission"] else None
    closes = spec["closes"] - EXTENDED_BY.get(spec["key"], 0) if spec["closes"] is not None else None
    return NoticeDetails(
        kind=spec["kind"],
        title=spec["title"],
        summary=spec["summary"],
        description=spec["description"],
        outcomes=spec["outcomes"],
        categories=spec["categories"],
        wards=spec["wards"],
        mission_id=mission.id if mission is not None else None,
        value_low=Decimal(low),
        value_high=Decimal(high - RAISED_BY.get(spec["key"], 0)),
        engagement_closes_at=at_day(today, closes, 17) if closes is not None else None,
        expected_tender_date=today + timedelta(days=spec["tender"]),
        contract_start_date=today + timedelta(days=spec["start"]),
        contract_months=spec["months"],
        suitable_sme=spec["sme"],
        suitable_vcse=spec["vcse"],
        reserved=spec["reserved"],
        contact_name="Priya Shah",
        contact_email="procurement@camden.gov.uk",
    )


def _publish(notices: dict[str, Notice], spec: dict, buyer: User, today: date) -> None:
    notice = services.create_notice(buyer, _details(spec, today))
    services.publish(notice, buyer)
    notices[spec["key"]] = notice


def _withdraw(notices: dict[str, Notice], spec: dict, buyer: User) -> None:
    services.withdraw(notices[spec["key"]], buyer, spec["withdrawn"])


def _extend(notice: Notice, buyer: User, today: date) -> None:
    spec = next(spec for spec in NOTICES if spec["key"] == "safer")
    details = replace(
        NoticeDetails.of(notice),
        value_high=Decimal(spec["value"][1]),
        engagement_closes_at=at_day(today, spec["closes"], 17),
    )
    services.update_notice(
        notice, buyer, details, note="We have added a second event and extended engagement by a week."
    )


def demo_buyer() -> User | None:
    return db.session.scalar(
        select(User).where(User.role == BUYER, User.email == "buyer@camden.gov.uk")
    ) or db.session.scalar(select(User).where(User.role == BUYER).order_by(User.id))


def demo_admin() -> User | None:
    return db.session.scalar(
        select(User).where(User.role == ADMIN, User.email == "admin@camden.gov.uk")
    ) or db.session.scalar(select(User).where(User.role == ADMIN).order_by(User.id))


def demo_notices() -> dict[str, Notice]:
    """The demo notices by their key ("safer", "cleaning", …), for the demo data of domains above."""
    titles = [spec["title"] for spec in NOTICES]
    by_title = {notice.title: notice for notice in db.session.scalars(select(Notice).where(Notice.title.in_(titles)))}
    return {spec["key"]: by_title[spec["title"]] for spec in NOTICES if spec["title"] in by_title}


def organisation_owners() -> list[tuple[Organisation, User]]:
    """Published demo organisations, each with the person who acts for it in the demo, in creation order:
    the first two are the demo suppliers' own. Most demo organisations have no sign-in of their own; the
    demo admin acts for those (as the market history does), so that what they do is made by the services
    (without an admin, only organisations with an owner take part)."""
    statement = (
        select(Organisation, Membership.user_id)
        .outerjoin(Membership, (Membership.organisation_id == Organisation.id) & (Membership.role == OWNER))
        .where(Organisation.status == PROFILE_PUBLISHED)
        .order_by(Organisation.id)
        .limit(60)
    )
    rows = list(db.session.execute(statement))
    stand_in = demo_admin()
    people = {user.id: user for user in db.session.scalars(select(User).where(User.id.in_([r[1] for r in rows])))}
    pairs = [(organisation, people.get(user_id) or stand_in) for organisation, user_id in rows]
    return [(organisation, user) for organisation, user in pairs if user is not None]


OFFERS = [
    "A local team of 12, DBS-checked, used to working with tenants' associations",
    "Resident engagement and co-design: we run the conversations, you deliver the work",
    "Electrical contractors with NICEIC approval and our own apprentices",
    "Social value reporting and training places for local young people",
]


INTEREST = {  # which of the demo organisations register interest in each notice
    "safer": range(14),
    "cleaning": range(0, 18, 2),
    "damp": range(1, 9),
    "youth": range(5, 20, 3),
    "gardening": range(3, 12, 4),
    "food": range(8, 15),
}


def _interests(timeline: Timeline, notices: dict, key: str, published: datetime, owners: list) -> None:
    for n, index in enumerate(i for i in INTEREST.get(key, ()) if i < len(owners)):
        organisation, user = owners[index]
        timeline.at(published + timedelta(hours=5 + n), partial(_register, notices, key, organisation, user, n))


def _register(notices: dict[str, Notice], key: str, organisation: Organisation, user: User, n: int) -> None:
    partnering = n % 2 == 0  # half of them open to partnering, most of those listed for other suppliers
    interest.register_interest(
        notices[key],
        organisation,
        user,
        open_to_partnering=partnering,
        offer=OFFERS[n % len(OFFERS)] if partnering else None,
        listed=n % 6 != 4,
    )


def _questions(timeline: Timeline, notices: dict, key: str, published: datetime, owners: list, buyer: User) -> None:
    for n, (question, answer) in enumerate(QA.get(key, []) if owners else []):
        organisation, user = owners[(n * 3 + 2) % len(owners)]
        _question(timeline, notices, key, published + timedelta(days=1 + n), organisation, user, question)
        _answer(timeline, notices, key, published + timedelta(days=2 + n), buyer, question, answer)
    if key in UNANSWERED and len(owners) > 4:
        organisation, user = owners[4]
        _question(timeline, notices, key, clock.now() - timedelta(hours=20), organisation, user, UNANSWERED[key])


def _question(timeline: Timeline, notices: dict, key: str, moment: datetime, organisation, user, text: str) -> None:
    timeline.at(moment, lambda: questions.ask(notices[key], organisation, user, text))


def _answer(timeline: Timeline, notices: dict, key: str, moment: datetime, buyer: User, text: str, answer: str) -> None:
    def publish_answer() -> None:
        asked = next(q for q in clarification_queries.list_unanswered(notices[key].id) if q.question == text)
        questions.answer(notices[key], asked, buyer, public_question=None, answer_text=answer)

    timeline.at(moment, publish_answer)
