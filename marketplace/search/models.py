from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from marketplace.clock import now
from marketplace.extensions import Model


class SearchChange(Model):
    """A row per change to something searchable, written in the same transaction as the change.

    Its id is the change sequence: each node's index records the highest id it has applied,
    so any node (or a node after a crash) catches up by reading the rows after that.
    """

    __tablename__ = "search_changes"
    __table_args__ = (Index("ix_search_changes_doctype_id", "doctype", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    doctype: Mapped[str] = mapped_column(String(20))
    doc_id: Mapped[str] = mapped_column(String(40))
    changed_at: Mapped[datetime] = mapped_column(default=now)
