"""One row per periodic job: which tick last ran and who holds it now (the multi-node lease)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from marketplace.extensions import Model


class WorkerLease(Model):
    __tablename__ = "worker_leases"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    # The scheduled minute the job last started for: a node whose tick is not later does nothing.
    last_tick: Mapped[datetime | None]
    # While a run is in progress: who runs it and until when the lease holds if that node dies.
    held_by: Mapped[str | None] = mapped_column(String(200))
    held_until: Mapped[datetime | None]
    last_started_at: Mapped[datetime | None]
    last_finished_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
