"""Polish number formatting shared by the rules and the reports (decimal comma, space grouping)."""
from __future__ import annotations

NBSP = "\u00a0"


def num(value: float | int | None, decimals: int = 0) -> str:
    """``12 345,6`` style number; ``–`` for a missing value."""
    if value is None:
        return "–"
    return f"{value:,.{decimals}f}".replace(",", NBSP).replace(".", ",")


def pct(value: float | None, decimals: int = 1) -> str:
    """A share (0..1) as a Polish percentage, e.g. ``66,7%``; ``–`` when undefined."""
    return "–" if value is None else f"{num(value * 100, decimals)}%"


def pln(value: float | None) -> str:
    """An amount in złoty without decimals."""
    return "–" if value is None else f"{num(value)} zł"


def plural(n: int, one: str, few: str, many: str) -> str:
    """Polish plural form for a count: 1 → one, 2–4 (not 12–14) → few, else many."""
    if n == 1:
        return one
    if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return few
    return many
