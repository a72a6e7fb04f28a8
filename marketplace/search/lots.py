"""Framework lots that buyers can filter on (empty until frameworks exist)."""

from __future__ import annotations


def known_lot_labels() -> dict[str, str]:
    try:
        from marketplace.frameworks.queries import list_lot_labels
    except ImportError:
        return {}
    return list_lot_labels()
