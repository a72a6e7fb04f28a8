"""Sealing: the one place bid content is read.

Every page, API response, export, search document, email, audit view and log line that shows any
part of a bid gets it through a function in this module; nothing else in the code selects bids
(a test checks). The rule, enforced in SQL:

* The bidding organisation reads its own bid at any time: its working copy, draft or submitted,
  before and after the deadline. Its confirmed joint-bid partners read it too (read-only).
* Before the closing instant nobody else reads anything of it: not the buyer, not an admin.
  The owning buyer may learn only how many organisations have submitted (`count_submitted`).
* After the closing instant, once the owning buyer has opened the bids (`opening.open_bids`),
  the buyer reads the *submitted snapshots* (`opened_bids`), never drafts or withdrawn bids.
* Evaluation (issue 13) is the extension point: `register_reader(condition)` adds who else may
  read opened bids (for example an evaluation panel's members); they get exactly what the owning
  buyer gets, `OpenedBid`s, and nothing before the bids are opened.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, Subquery, and_, exists, false, func, inspect, or_, select
from sqlalchemy.orm import lazyload, selectinload

from marketplace import clock
from marketplace.accounts.models import BUYER, User
from marketplace.extensions import db
from marketplace.opportunities.bids import receipt
from marketplace.opportunities.bids.models import CONFIRMED, DRAFT, SUBMITTED, Bid, BidMember
from marketplace.opportunities.models import AWARDED, PUBLISHED, Opportunity
from marketplace.suppliers.models import Membership


@dataclass(frozen=True)
class Viewer:
    """Who is asking: a signed-in, verified user and (for suppliers) their organisation."""

    user_id: int | None = None
    organisation_id: int | None = None
    role: str | None = None


def viewer_for(user) -> Viewer:
    if user is None or not getattr(user, "is_authenticated", False) or not getattr(user, "is_verified", False):
        return Viewer()
    organisation_id = None
    if user.is_supplier:
        organisation_id = db.session.scalar(select(Membership.organisation_id).where(Membership.user_id == user.id))
    return Viewer(user.id, organisation_id, user.role)


def member_viewer(user, organisation) -> Viewer:
    """A verified supplier and the organisation the request has already read (`viewer_for` without the query)."""
    return Viewer(user.id, organisation.id, user.role)


# Who else may read opened bids: each returns a condition on Opportunity for this viewer, or None.
Reader = Callable[[Viewer], ColumnElement[bool] | None]
_READERS: list[Reader] = []


def register_reader(reader: Reader) -> None:
    """Evaluation panels (issue 13): `register_reader(lambda viewer: Opportunity.id.in_(panels_of(viewer)))`."""
    if reader not in _READERS:
        _READERS.append(reader)


def _bidder(viewer: Viewer) -> ColumnElement[bool]:
    if viewer.organisation_id is None:
        return false()
    partner = exists().where(
        BidMember.bid_id == Bid.id, BidMember.organisation_id == viewer.organisation_id, BidMember.status == CONFIRMED
    )
    return or_(Bid.organisation_id == viewer.organisation_id, partner)


def _official(viewer: Viewer, at: datetime) -> ColumnElement[bool]:
    """Opened, submitted bids of closed opportunities, for the owning buyer and registered readers."""
    if viewer.user_id is None:
        return false()
    who = [Opportunity.owner_id == viewer.user_id] if viewer.role == BUYER else []
    who += [condition for reader in _READERS if (condition := reader(viewer)) is not None]
    if not who:
        return false()
    return and_(
        or_(*who),
        Bid.status == SUBMITTED,
        Bid.submission.is_not(None),
        Opportunity.status.in_((PUBLISHED, AWARDED)),
        Opportunity.closes_at <= at,
        Opportunity.opened_at.is_not(None),
    )


def _readable(viewer: Viewer, at: datetime | None = None) -> Select:
    at = at or clock.now()
    return (
        select(Bid)
        .join(Opportunity, Bid.opportunity_id == Opportunity.id)
        .where(or_(_bidder(viewer), _official(viewer, at)))
    )


# --- the bidder's own bid (working copy) -----------------------------------------------------------


def own_bid(viewer: Viewer, opportunity_id: int) -> Bid | None:
    """The viewer's organisation's own bid (the lead's editable working copy): its own row; each part
    (answers, rates, commitments, attachments, partners, eligibility) is read when a page uses it."""
    if viewer.organisation_id is None:
        return None
    statement = _readable(viewer).where(
        Bid.opportunity_id == opportunity_id, Bid.organisation_id == viewer.organisation_id
    )
    # Not joined: the pages that ask have the opportunity and organisation loaded already, and the joined
    # loads re-ran their children's select-in loads (7 statements); read from the session when used.
    return db.session.scalar(_row_only(statement))


def joint_bid(viewer: Viewer, opportunity_id: int) -> Bid | None:
    """A bid the viewer's organisation is a confirmed partner in (read-only for them)."""
    if viewer.organisation_id is None:
        return None
    return db.session.scalar(
        _readable(viewer).where(
            _bidder(viewer), Bid.opportunity_id == opportunity_id, Bid.organisation_id != viewer.organisation_id
        )
    )


_PARTS = (Bid.eligibility, Bid.answers, Bid.rates, Bid.commitments, Bid.documents, Bid.members)


def _row_only(statement: Select) -> Select:
    """The bid's own row: not its opportunity and organisation (the request holds them already) nor its parts."""
    return statement.options(
        lazyload(Bid.opportunity), lazyload(Bid.organisation), *[lazyload(part) for part in _PARTS]
    )


def lock_own_bid(viewer: Viewer, opportunity_id: int, *, rates: bool = True) -> Bid | None:
    """The own bid, row-locked until commit (submit and withdraw: a double click waits for the first).

    Read under the lock: the bid's row and every part of it the snapshot holds (one statement each; the day
    rates only with `rates`, else if read), and the opportunity's own row (its status and deadline); not the
    opportunity's or organisation's children."""
    if viewer.organisation_id is None:
        return None
    statement = (
        select(Bid)
        .where(Bid.opportunity_id == opportunity_id, Bid.organisation_id == viewer.organisation_id)
        .with_for_update(of=Bid)
        .execution_options(populate_existing=True)
        .options(
            lazyload(Bid.opportunity),
            lazyload(Bid.organisation),
            *[selectinload(part) if rates or part is not Bid.rates else lazyload(part) for part in _PARTS],
        )
    )
    bid = db.session.scalar(statement)
    if bid is not None:
        db.session.refresh(bid.opportunity, attribute_names=[c.key for c in inspect(Opportunity).column_attrs])
    return bid


def own_bids(viewer: Viewer) -> list[Bid]:
    """Every bid the viewer's organisation leads or is a confirmed partner in, newest first."""
    if viewer.organisation_id is None:
        return []
    statement = _readable(viewer).where(_bidder(viewer)).order_by(Bid.updated_at.desc(), Bid.id.desc())
    return list(db.session.scalars(statement))


# --- opened bids (the buyer, and evaluation) -------------------------------------------------------


@dataclass(frozen=True)
class OpenedBid:
    """A submitted bid as it was sent: the snapshot, never the working copy."""

    id: int
    opportunity_id: int
    organisation_id: int
    submitted_at: datetime
    receipt_code: str
    content: dict[str, Any]
    verified_at_opening: bool | None

    @property
    def code_matches(self) -> bool:
        """The receipt code re-computed now from the stored snapshot."""
        return receipt.matches(self.content, self.receipt_code)

    @property
    def verified(self) -> bool:
        return self.code_matches and self.verified_at_opening is not False

    @property
    def members(self) -> list[dict[str, Any]]:
        return list(self.content.get("members", []))

    @property
    def lead_name(self) -> str:
        lead = self.members[0] if self.members else {}
        return lead.get("trading_name") or lead.get("name") or ""

    @property
    def answers(self) -> dict[int, str]:
        return {item["criterion"]: item["text"] for item in self.content.get("answers", [])}

    @property
    def price(self) -> dict[str, Any]:
        return dict(self.content.get("price", {}))

    @property
    def commitments(self) -> list[dict[str, Any]]:
        return list(self.content.get("commitments", []))

    @property
    def attachments(self) -> list[dict[str, Any]]:
        return list(self.content.get("attachments", []))


def _opened(bid: Bid) -> OpenedBid:
    return OpenedBid(
        id=bid.id,
        opportunity_id=bid.opportunity_id,
        organisation_id=bid.organisation_id,
        submitted_at=bid.submitted_at,  # type: ignore[arg-type]
        receipt_code=bid.receipt_code or "",
        content=dict(bid.submission or {}),
        verified_at_opening=bid.verified,
    )


def opened_bids(viewer: Viewer, opportunity_id: int, *, at: datetime | None = None) -> list[OpenedBid]:
    """Every opened bid on the opportunity this viewer may read as a buyer or evaluator, in submission order."""
    statement = (
        _readable(viewer, at)
        .where(Bid.opportunity_id == opportunity_id, _official(viewer, at or clock.now()))
        .order_by(Bid.submitted_at, Bid.id)
    )
    return [_opened(bid) for bid in db.session.scalars(statement)]


def opened_bid(viewer: Viewer, opportunity_id: int, bid_id: int, *, at: datetime | None = None) -> OpenedBid | None:
    if not 0 < bid_id < 2**31:
        return None
    statement = _readable(viewer, at).where(
        Bid.id == bid_id, Bid.opportunity_id == opportunity_id, _official(viewer, at or clock.now())
    )
    bid = db.session.scalar(statement)
    return _opened(bid) if bid is not None else None


@dataclass(frozen=True)
class ReadableBid:
    """A bid and how the viewer may see it: "lead" (edit until close), "partner" (read-only) or "official"."""

    bid: Bid
    access: str


def readable_bid(viewer: Viewer, bid_id: int, *, at: datetime | None = None) -> ReadableBid | None:
    if not 0 < bid_id < 2**31:
        return None
    bid = db.session.scalar(_readable(viewer, at).where(Bid.id == bid_id))
    if bid is None:
        return None
    if bid.organisation_id == viewer.organisation_id:
        return ReadableBid(bid, "lead")
    if viewer.organisation_id is not None and any(
        m.organisation_id == viewer.organisation_id and m.status == CONFIRMED for m in bid.members
    ):
        return ReadableBid(bid, "partner")
    return ReadableBid(bid, "official")


# --- facts about bids that are not their content ---------------------------------------------------


def count_submitted(opportunity_id: int) -> int:
    """How many organisations have a submitted bid: all the buyer learns before the deadline."""
    statement = select(func.count()).where(Bid.opportunity_id == opportunity_id, Bid.status == SUBMITTED)
    return db.session.scalar(statement) or 0


def bidding_organisations(opportunity_id: int) -> list[tuple[int, int, str]]:
    """(bid id, organisation id, name) for every organisation in an opened, submitted bid, leads and confirmed
    partners: names only, never content, so that an evaluator can declare conflicts before reading any bid."""
    from marketplace.suppliers.models import Organisation

    name = func.coalesce(Organisation.trading_name, Organisation.name)
    opened = (
        select(Bid.id)
        .join(Opportunity, Bid.opportunity_id == Opportunity.id)
        .where(Bid.opportunity_id == opportunity_id, Bid.status == SUBMITTED, Opportunity.opened_at.is_not(None))
    )
    leads = (
        select(Bid.id, Organisation.id, name)
        .join(Organisation, Organisation.id == Bid.organisation_id)
        .where(Bid.id.in_(opened))
    )
    partners = (
        select(BidMember.bid_id, Organisation.id, name)
        .join(Organisation, Organisation.id == BidMember.organisation_id)
        .where(BidMember.bid_id.in_(opened), BidMember.status == CONFIRMED)
    )
    rows = list(db.session.execute(leads).all()) + list(db.session.execute(partners).all())
    return sorted(((row[0], row[1], row[2]) for row in rows), key=lambda row: row[0])  # leads first (stable)


def submitted_counts(opportunity_ids: list[int]) -> dict[int, int]:
    if not opportunity_ids:
        return {}
    statement = (
        select(Bid.opportunity_id, func.count())
        .where(Bid.opportunity_id.in_(opportunity_ids), Bid.status == SUBMITTED)
        .group_by(Bid.opportunity_id)
    )
    return dict(db.session.execute(statement).all())


def closed_bid_facts() -> Subquery:
    """Facts about bids, never their content, on opportunities whose closing instant has passed: which
    organisation (the lead) bid on which opportunity (and the notice it grew from), whether the bid was
    submitted, and when bidding closed. Supply-base insight counts these; before the deadline bids stay
    sealed, counts included (only the owning buyer learns how many, from `count_submitted`)."""
    return (
        select(
            Bid.id.label("bid_id"),
            Bid.organisation_id.label("organisation_id"),
            Bid.status.label("status"),
            Opportunity.id.label("opportunity_id"),
            Opportunity.notice_id.label("notice_id"),
            Opportunity.closes_at.label("closes_at"),
        )
        .join(Opportunity, Bid.opportunity_id == Opportunity.id)
        .where(Opportunity.published_at.is_not(None), Opportunity.closes_at <= clock.now())
        .subquery("closed_bids")
    )


def bidder_emails(opportunity_id: int, *, include_submitted: bool = True) -> list[str]:
    """Everyone in each organisation with a bid in progress (to tell them of changes and cancellation)."""
    statuses = (DRAFT, SUBMITTED) if include_submitted else (DRAFT,)
    statement = (
        select(User.email)
        .join(Membership, Membership.user_id == User.id)
        .join(Bid, Bid.organisation_id == Membership.organisation_id)
        .where(Bid.opportunity_id == opportunity_id, Bid.status.in_(statuses))
        .order_by(User.email)
    )
    return list(dict.fromkeys(db.session.scalars(statement)))


def unsubmitted_needing_reminder(*, closes_after: datetime, closes_by: datetime) -> list[tuple[int, int, int]]:
    """(bid id, organisation id, opportunity id) of started, never-submitted bids closing in the window,
    not yet reminded."""
    statement = (
        select(Bid.id, Bid.organisation_id, Bid.opportunity_id)
        .join(Opportunity, Bid.opportunity_id == Opportunity.id)
        .where(
            Bid.status == DRAFT,
            Bid.reminder_sent_at.is_(None),
            Opportunity.status == PUBLISHED,
            Opportunity.closes_at > closes_after,
            Opportunity.closes_at <= closes_by,
        )
        .order_by(Bid.id)
    )
    return [tuple(row) for row in db.session.execute(statement).all()]  # type: ignore[misc]


def mark_reminded(bid_id: int, at: datetime) -> None:
    bid = db.session.get(Bid, bid_id)
    if bid is not None:
        bid.reminder_sent_at = at


def pending_membership(member_id: int) -> BidMember | None:
    """A partner invitation, for its confirmation page (the lead's name and the opportunity, nothing more)."""
    if not 0 < member_id < 2**31:
        return None
    return db.session.get(BidMember, member_id)


def organisation_has_bid(opportunity_id: int, organisation_id: int) -> bool:
    """Whether an organisation leads a bid or is a partner in one (to stop it being in two)."""
    own = exists().where(Bid.opportunity_id == opportunity_id, Bid.organisation_id == organisation_id)
    partner = (
        select(BidMember.id)
        .join(Bid, Bid.id == BidMember.bid_id)
        .where(Bid.opportunity_id == opportunity_id, BidMember.organisation_id == organisation_id)
        .exists()
    )
    return bool(db.session.scalar(select(or_(own, partner))))


def partner_lead_name(opportunity_id: int, organisation_id: int) -> str | None:
    """If the organisation is a confirmed partner in someone's bid, the lead's name."""
    from marketplace.suppliers.models import Organisation

    statement = (
        select(func.coalesce(Organisation.trading_name, Organisation.name))
        .join(Bid, Bid.organisation_id == Organisation.id)
        .join(BidMember, BidMember.bid_id == Bid.id)
        .where(
            Bid.opportunity_id == opportunity_id,
            BidMember.organisation_id == organisation_id,
            BidMember.status == CONFIRMED,
        )
    )
    return db.session.scalar(statement)


def attachment_key_in_use(key: str) -> bool:
    from marketplace.opportunities.bids.models import BidDocument

    return bool(db.session.scalar(select(exists().where(BidDocument.storage_key == key))))


def submitted_for_opening(opportunity: Opportunity, *, at: datetime | None = None) -> list[Bid]:
    """The submitted bids, for `opening.open_bids` to verify: only once the closing instant has passed."""
    at = at or clock.now()
    if opportunity.closes_at is None or at < opportunity.closes_at:
        return []
    statement = select(Bid).where(Bid.opportunity_id == opportunity.id, Bid.status == SUBMITTED).order_by(Bid.id)
    return list(db.session.scalars(statement))


def first_submissions(organisation_ids: list[int]) -> dict[int, datetime]:
    """When each organisation (leading a bid) first submitted one: the fact and time only, never content, for
    figures such as "suppliers who read a guide and then bid". Only bids whose deadline has passed count:
    until then even the fact of a bid is sealed from everyone but the owning buyer's count."""
    if not organisation_ids:
        return {}
    statement = (
        select(Bid.organisation_id, func.min(Bid.submitted_at))
        .join(Opportunity, Bid.opportunity_id == Opportunity.id)
        .where(
            Bid.organisation_id.in_(organisation_ids),
            Bid.status == SUBMITTED,
            Bid.submitted_at.is_not(None),
            Opportunity.closes_at <= clock.now(),
        )
        .group_by(Bid.organisation_id)
    )
    return {organisation_id: at for organisation_id, at in db.session.execute(statement).all() if at is not None}
