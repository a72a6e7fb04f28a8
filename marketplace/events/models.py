"""Engagement events and registrations for them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.clock import now
from marketplace.extensions import Model
from marketplace.storage.models import StoredFileColumns

IN_PERSON = "in-person"
ONLINE = "online"
HYBRID = "hybrid"

DRAFT = "draft"
PUBLISHED = "published"
CANCELLED = "cancelled"

REGISTERED = "registered"
WAITLISTED = "waitlisted"
WITHDRAWN = "cancelled"  # a registration the supplier cancelled


class Event(Model):
    __tablename__ = "events"
    __table_args__ = (
        # The counter is kept by atomic conditional updates; the database refuses anything else.
        CheckConstraint("places_taken >= 0 AND places_taken <= capacity", name="places_within_capacity"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    notice_id: Mapped[int | None] = mapped_column(ForeignKey("notices.id", ondelete="SET NULL"), index=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    status: Mapped[str] = mapped_column(String(20), default=DRAFT, index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)  # Markdown
    format: Mapped[str] = mapped_column(String(20), default=IN_PERSON)
    venue_name: Mapped[str | None] = mapped_column(String(200))
    venue_address: Mapped[str | None] = mapped_column(Text)
    # Joining link and instructions: shown only to registered attendees.
    joining_instructions: Mapped[str | None] = mapped_column(Text)
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    registration_closes_at: Mapped[datetime]
    capacity: Mapped[int] = mapped_column(default=30)
    places_taken: Mapped[int] = mapped_column(default=0)
    max_party_size: Mapped[int] = mapped_column(default=2)  # attendees one organisation may bring
    accessibility: Mapped[str | None] = mapped_column(Text)
    qa_summary: Mapped[str | None] = mapped_column(Text)  # Markdown, published after the event
    follow_up_published_at: Mapped[datetime | None]
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    published_at: Mapped[datetime | None]
    cancelled_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=now)
    updated_at: Mapped[datetime] = mapped_column(default=now)

    notice = relationship("Notice", lazy="joined")
    materials: Mapped[list[EventMaterial]] = relationship(order_by="EventMaterial.id", cascade="all, delete-orphan")

    @property
    def is_public(self) -> bool:
        return self.status in (PUBLISHED, CANCELLED)

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.places_taken, 0)

    @property
    def shows_venue(self) -> bool:
        return self.format in (IN_PERSON, HYBRID)

    @property
    def is_online(self) -> bool:
        return self.format in (ONLINE, HYBRID)

    def registration_open(self, at: datetime | None = None) -> bool:
        at = at or now()
        return self.status == PUBLISHED and at < self.registration_closes_at and at < self.starts_at

    def has_ended(self, at: datetime | None = None) -> bool:
        return (at or now()) >= self.ends_at


class Registration(Model):
    """One organisation's booking: registered (holding places) or waiting, or cancelled."""

    __tablename__ = "event_registrations"
    __table_args__ = (UniqueConstraint("event_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(20), index=True)
    attendees: Mapped[int] = mapped_column(default=1)
    attendee_names: Mapped[str] = mapped_column(Text, default="")  # one per line
    access_needs: Mapped[str | None] = mapped_column(Text)
    attended: Mapped[bool | None] = mapped_column(Boolean)
    queued_at: Mapped[datetime] = mapped_column(default=now)  # waitlist order
    promoted_at: Mapped[datetime | None]
    cancelled_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=now)
    updated_at: Mapped[datetime] = mapped_column(default=now)

    organisation = relationship("Organisation", lazy="joined")
    user = relationship("User", lazy="joined")
    event: Mapped[Event] = relationship(lazy="joined")

    @property
    def names(self) -> list[str]:
        return [line.strip() for line in (self.attendee_names or "").splitlines() if line.strip()]


class EventMaterial(StoredFileColumns, Model):
    """Slides, notes or recordings published after the event to everyone interested."""

    __tablename__ = "event_materials"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
