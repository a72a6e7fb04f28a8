"""How templates show documents; every template can use this module as `document_display`."""

from __future__ import annotations

from marketplace.suppliers.documents import access, kinds
from marketplace.suppliers.models import Organisation, SupplierDocument

_TAG_CLASSES = {kinds.EXPIRED: "govuk-tag--red", kinds.SOON: "govuk-tag--yellow"}


def kind(document: SupplierDocument) -> str:
    return kinds.label(document.kind)


def expiry_tag(document: SupplierDocument) -> dict[str, str] | None:
    """Params for govukTag, or None when there is nothing to warn about."""
    status = kinds.expiry_status(document.expires_on)
    return {"text": status, "classes": _TAG_CLASSES[status]} if status else None


def expiry_date(document: SupplierDocument) -> str:
    return document.expires_on.strftime("%-d %B %Y") if document.expires_on else "Does not expire"


def size(document: SupplierDocument) -> str:
    size_bytes = document.size_bytes
    if size_bytes >= 1024 * 1024:
        return f"{size_bytes / (1024 * 1024):.1f}MB"
    return f"{max(1, round(size_bytes / 1024))}KB"


def may_download(organisation: Organisation) -> bool:
    return access.may_download(organisation)
