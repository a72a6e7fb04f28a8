from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint, and_
from sqlalchemy.orm import Mapped, foreign, mapped_column, relationship

from marketplace.clock import now
from marketplace.extensions import Model
from marketplace.frameworks import definition as definitions
from marketplace.frameworks import status as statuses

DRAFT, SUBMITTED, WITHDRAWN = "draft", "submitted", "withdrawn"


class FrameworkVersion(Model):
    """One loaded definition of a framework; never changed once stored."""

    __tablename__ = "framework_versions"
    __table_args__ = (UniqueConstraint("framework_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    framework_id: Mapped[int] = mapped_column(ForeignKey("frameworks.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    definition: Mapped[dict] = mapped_column(JSON)
    checksum: Mapped[str] = mapped_column(String(64))
    questions_checksum: Mapped[str] = mapped_column(String(64))
    source: Mapped[str | None] = mapped_column(String(200))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=now)


class Framework(Model):
    """A framework's dates and names, copied from its current version so lists can filter and sort."""

    __tablename__ = "frameworks"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    short_name: Mapped[str] = mapped_column(String(80))
    version: Mapped[int] = mapped_column(default=1)
    applications_open_at: Mapped[datetime]
    questions_close_at: Mapped[datetime]
    applications_close_at: Mapped[datetime]
    results_at: Mapped[datetime]
    live_from: Mapped[datetime]
    expires_at: Mapped[datetime]
    evaluated_at: Mapped[datetime | None]
    results_released_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=now)
    updated_at: Mapped[datetime] = mapped_column(default=now, onupdate=now)

    current_version: Mapped[FrameworkVersion] = relationship(
        primaryjoin=lambda: and_(
            Framework.id == foreign(FrameworkVersion.framework_id),
            Framework.version == foreign(FrameworkVersion.number),
        ),
        viewonly=True,
        uselist=False,
        lazy="joined",
    )

    @property
    def definition(self) -> definitions.Definition:
        version = self.current_version
        return definitions.from_stored(version.definition, key=version.checksum)

    @property
    def status(self) -> str:
        return statuses.status_at(self)

    @property
    def status_label(self) -> str:
        return statuses.label(self.status)

    @property
    def is_open(self) -> bool:
        return self.status == statuses.OPEN


class FrameworkApplication(Model):
    """An organisation's application: answers saved as they go, a snapshot of what was submitted."""

    __tablename__ = "framework_applications"
    __table_args__ = (UniqueConstraint("framework_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    framework_id: Mapped[int] = mapped_column(ForeignKey("frameworks.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(20), default=DRAFT, index=True)
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    lots: Mapped[list] = mapped_column(JSON, default=list)
    statements: Mapped[dict] = mapped_column(JSON, default=dict)
    # Exactly what was last submitted (answers to the questions that applied, lots, statements, profile facts).
    submission: Mapped[dict | None] = mapped_column(JSON)
    submitted_at: Mapped[datetime | None]
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    submission_count: Mapped[int] = mapped_column(default=0)
    withdrawn_at: Mapped[datetime | None]
    result: Mapped[str | None] = mapped_column(String(10), index=True)
    lot_results: Mapped[dict] = mapped_column(JSON, default=dict)
    evaluated_at: Mapped[datetime | None]
    result_released_at: Mapped[datetime | None]
    agreement_name: Mapped[str | None] = mapped_column(String(200))
    agreement_role: Mapped[str | None] = mapped_column(String(200))
    agreement_accepted_at: Mapped[datetime | None]
    agreement_accepted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=now)
    updated_at: Mapped[datetime] = mapped_column(default=now, onupdate=now)

    framework: Mapped[Framework] = relationship(lazy="joined")
    organisation = relationship("Organisation", lazy="joined")
    evaluations: Mapped[list[AnswerEvaluation]] = relationship(
        back_populates="application", cascade="all, delete-orphan", order_by="AnswerEvaluation.id", lazy="selectin"
    )

    @property
    def reference(self) -> str:
        return f"{self.framework.slug.upper()}-{self.id:05d}"

    @property
    def has_unsubmitted_changes(self) -> bool:
        if self.status != SUBMITTED or self.submission is None:
            return False
        sent = self.submission
        answers = {key: self.answers.get(key) for key in sent.get("questions", [])}
        return (
            answers != sent.get("answers")
            or self.lots != sent.get("lots")
            or {k: self.statements.get(k) for k in self.lots} != sent.get("statements")
        )

    @property
    def awarded_lots(self) -> list[str]:
        return [lot for lot, result in (self.lot_results or {}).items() if result == "pass"]

    @property
    def on_framework(self) -> bool:
        return self.agreement_accepted_at is not None and bool(self.awarded_lots)


class AnswerEvaluation(Model):
    """One evaluated answer: the rule's automatic outcome and, if a person decided, their decision and reason."""

    __tablename__ = "framework_evaluations"
    __table_args__ = (UniqueConstraint("application_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("framework_applications.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[str] = mapped_column(String(40))
    automatic: Mapped[str] = mapped_column(String(15))
    decision: Mapped[str | None] = mapped_column(String(10))
    reason: Mapped[str | None] = mapped_column(Text)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=now)

    application: Mapped[FrameworkApplication] = relationship(back_populates="evaluations")

    @property
    def effective(self) -> str:
        return self.decision or self.automatic
