"""Organisation size from staff and turnover bands, never asked directly.

Companies Act 2006 (from April 2025) sizes a company by two of three tests (staff,
turnover, balance sheet). We ask for staff and turnover only, so a band counts when
both tests fit it; otherwise the larger of the two applies, which never overstates smallness.
SME follows the Procurement Act 2023: fewer than 250 staff and turnover up to £44m.
"""

from __future__ import annotations

SIZE_ORDER = ("micro", "small", "medium", "large")

STAFF_BANDS = {
    "1-10": ("1 to 10 people", "micro"),
    "11-50": ("11 to 50 people", "small"),
    "51-249": ("51 to 249 people", "medium"),
    "250+": ("250 people or more", "large"),
}

TURNOVER_BANDS = {
    "up-to-1m": ("Up to £1 million", "micro"),
    "1m-15m": ("More than £1 million, up to £15 million", "small"),
    "15m-44m": ("More than £15 million, up to £44 million", "medium"),
    "44m-54m": ("More than £44 million, up to £54 million", "medium"),
    "over-54m": ("More than £54 million", "large"),
}

SIZE_LABELS = {"micro": "Micro", "small": "Small", "medium": "Medium", "large": "Large"}


def size_band(staff_band: str | None, turnover_band: str | None) -> str | None:
    if staff_band not in STAFF_BANDS or turnover_band not in TURNOVER_BANDS:
        return None
    staff_size = STAFF_BANDS[staff_band][1]
    turnover_size = TURNOVER_BANDS[turnover_band][1]
    return max(staff_size, turnover_size, key=SIZE_ORDER.index)


def is_sme(staff_band: str | None, turnover_band: str | None) -> bool | None:
    if staff_band not in STAFF_BANDS or turnover_band not in TURNOVER_BANDS:
        return None
    return staff_band != "250+" and turnover_band not in {"44m-54m", "over-54m"}
