"""Monthly snapshots of the figures, so past months stay as they were counted."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from marketplace.clock import now
from marketplace.extensions import Model
from marketplace.notices.models import Interest


class InsightSnapshot(Model):
    """The figures for one month (London), counted after it ended; never changed afterwards."""

    __tablename__ = "insight_snapshots"

    id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[str] = mapped_column(String(7), unique=True)  # "2026-10"
    figures: Mapped[dict[str, Any]] = mapped_column(JSON)
    taken_at: Mapped[datetime] = mapped_column(default=now)


# The headline counts 100,000 registrations of interest per organisation and window (`sql.per_organisation`):
# with this index PostgreSQL reads them from the index alone. The table is the notices domain's; the index
# is here because only the insight figures need it (migration insight_02).
INTEREST_BY_ORGANISATION = Index(
    "ix_notice_interests_organisation_id_created_at", Interest.organisation_id, Interest.created_at
)
