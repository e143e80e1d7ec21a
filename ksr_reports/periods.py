"""Reporting periods: ``2025`` (a year) or ``2025-H1`` / ``2025-H2`` (half-years)."""
from __future__ import annotations

import datetime as dt
import re

PERIOD_RE = re.compile(r"^(\d{4})(?:-(H[12]))?$")


def is_period(text: str) -> bool:
    """True when ``text`` is a well-formed period."""
    return bool(PERIOD_RE.match(text or ""))


def period_bounds(period: str) -> tuple[dt.date, dt.date]:
    """First and last day of the period (ValueError for a malformed period)."""
    m = PERIOD_RE.match(period or "")
    if not m:
        raise ValueError(f"niepoprawny okres: {period!r}")
    year, half = int(m.group(1)), m.group(2)
    if half == "H1":
        return dt.date(year, 1, 1), dt.date(year, 6, 30)
    if half == "H2":
        return dt.date(year, 7, 1), dt.date(year, 12, 31)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)
