"""The receipt code: SHA-256 over a canonical serialisation of what was submitted, so a supplier can
later prove exactly what they sent, and the buyer can check at opening that nothing has changed."""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from typing import Any

FORMAT = 1


def canonical(content: dict[str, Any]) -> bytes:
    """Sorted keys, no insignificant whitespace, UTF-8: the same content always gives the same bytes."""
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_plain).encode()


def _plain(value: Any) -> str:
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    raise TypeError(f"{type(value).__name__} is not part of a bid's content")


def code_for(content: dict[str, Any]) -> str:
    return hashlib.sha256(canonical(content)).hexdigest()


def matches(content: dict[str, Any] | None, code: str | None) -> bool:
    return content is not None and code is not None and code_for(content) == code


def grouped(code: str | None) -> str:
    """Easier to read out and compare: 8 groups of 8 characters."""
    return " ".join(code[i : i + 8] for i in range(0, len(code), 8)) if code else ""
