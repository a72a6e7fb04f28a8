"""Every read about supplier documents."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import case, exists, select

from marketplace.extensions import db
from marketplace.suppliers.documents.kinds import KINDS
from marketplace.suppliers.models import SupplierDocument

# Insurance first: it is what buyers most often need to check.
_KIND_ORDER = case(
    {kind: position for position, kind in enumerate(KINDS)}, value=SupplierDocument.kind, else_=len(KINDS)
)


def get_document(document_id: int) -> SupplierDocument | None:
    return db.session.get(SupplierDocument, document_id)


def list_documents(organisation_id: int) -> list[SupplierDocument]:
    statement = (
        select(SupplierDocument)
        .where(SupplierDocument.organisation_id == organisation_id)
        .order_by(_KIND_ORDER, SupplierDocument.title, SupplierDocument.id)
    )
    return list(db.session.scalars(statement))


def find_recent_upload(organisation_id: int, *, sha256: str, title: str, since: datetime) -> SupplierDocument | None:
    """The same file with the same title uploaded since `since`: a double submit, not a new document."""
    statement = (
        select(SupplierDocument)
        .where(
            SupplierDocument.organisation_id == organisation_id,
            SupplierDocument.sha256 == sha256,
            SupplierDocument.title == title,
            SupplierDocument.created_at >= since,
        )
        .order_by(SupplierDocument.id)
    )
    return db.session.scalars(statement).first()


def storage_key_in_use(key: str) -> bool:
    return bool(db.session.scalar(select(exists().where(SupplierDocument.storage_key == key))))
