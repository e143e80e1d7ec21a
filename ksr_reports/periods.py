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


def period_kind(period: str) -> str:
    """``"year"`` for ``2025``, ``"half"`` for ``2025-H1``/``2025-H2`` (ValueError for a malformed period).
    Series over time never mix the two kinds (DESIGN §11)."""
    m = PERIOD_RE.match(period or "")
    if not m:
        raise ValueError(f"niepoprawny okres: {period!r}")
    return "half" if m.group(2) else "year"


def previous_period(period: str) -> str:
    """The period of the same kind just before ``period``: 2024 before 2025, 2024-H2 before 2025-H1."""
    m = PERIOD_RE.match(period or "")
    if not m:
        raise ValueError(f"niepoprawny okres: {period!r}")
    year, half = int(m.group(1)), m.group(2)
    if half is None:
        return str(year - 1)
    return f"{year}-H1" if half == "H2" else f"{year - 1}-H2"


def earlier_periods(period: str, depth: int = 4) -> list[str]:
    """The ``depth`` periods of the same kind before ``period``, oldest first."""
    out = []
    for _ in range(depth):
        period = previous_period(period)
        out.append(period)
    return out[::-1]


def year_before(period: str) -> str:
    """The same period a year earlier (year-on-year change): 2024 for 2025, 2024-H1 for 2025-H1."""
    m = PERIOD_RE.match(period or "")
    if not m:
        raise ValueError(f"niepoprawny okres: {period!r}")
    return f"{int(m.group(1)) - 1}" + (f"-{m.group(2)}" if m.group(2) else "")
