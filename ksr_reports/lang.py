"""The Polish language layer: every number, count, share, amount, date and period a person reads.

One place for what used to be spread over hand-written helpers (issue 12):

- plural forms follow CLDR's Polish plural rules through Babel (``one`` 1, ``few`` 2–4 but not
  12–14, ``many`` 0, 5–21, 25…, ``other`` for fractions, which Polish puts in the genitive
  singular: "1,5 etatu", "2,5 osoby");
- numbers, percentages and amounts in the Polish locale (decimal comma, a non-breaking space
  between thousands);
- dates as "31 marca 2026", periods as "2025", "I półrocze 2025", "II półrocze 2025" (the input
  form ``2025-H1`` stays in files and commands).

A sentence with a count passes *whole phrases* so that adjectives agree with the number and the
noun: ``count(n, "formalne partnerstwo", "formalne partnerstwa", "formalnych partnerstw")``.
The module imports nothing from the package, so every stage may use it.
"""
from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_EVEN, Context, Decimal
from functools import lru_cache

NBSP = "\u00a0"
DASH = "–"                       # shown for a missing or undefined value
NOT_REPORTED = "nie raportowano"   # an item the unit's workbooks did not ask (template 1.0), never 0
LOCALE = "pl_PL"
_PERIOD = re.compile(r"^(\d{4})(?:-H([12]))?$")
_HALF = {"1": "I półrocze", "2": "II półrocze"}


@lru_cache(maxsize=1)
def _locale():
    from babel import Locale        # imported on first use: commands that print no number stay fast
    return Locale.parse(LOCALE)


def plural_category(n: float | int | Decimal) -> str:
    """CLDR plural category of ``n`` in Polish: ``one``, ``few``, ``many`` or ``other`` (fractions, and a
    ``Decimal`` written with decimals such as ``1.0``)."""
    if isinstance(n, Decimal):              # not cached: Decimal("1.0") == 1 but takes another form
        return _locale().plural_form(abs(n))
    return _category(n)


@lru_cache(maxsize=4096)
def _category(n: float | int) -> str:
    return _locale().plural_form(abs(n))


def plural(n: float | int, one: str, few: str, many: str, other: str | None = None) -> str:
    """The form of a word or phrase that agrees with ``n`` (without the number).

    ``other`` is the form after a fraction (genitive singular, e.g. "etatu"); it defaults to
    ``few``, which is the same word for most feminine nouns ("2,5 osoby")."""
    return {"one": one, "few": few, "many": many}.get(plural_category(n), other or few)


def count(n: float | int, one: str, few: str, many: str, other: str | None = None, decimals: int = 0) -> str:
    """The number followed by the agreeing phrase: ``count(5, "plik", "pliki", "plików")`` → "5 plików"."""
    if n is None:
        return f"{DASH} {plural(0, one, few, many, other)}"
    shown = _decimal(n).quantize(_QUANTUM[decimals] if decimals < len(_QUANTUM) else Decimal(1).scaleb(-decimals),
                                 rounding=ROUND_HALF_EVEN)
    # the form agrees with the number as shown: "5 osób" for 4.6 rounded, "1,0 etatu" (visible decimals: CLDR "other")
    return f"{num(n, decimals)} {plural(shown, one, few, many, other)}"


def num(value: float | int | None, decimals: int = 0) -> str:
    """``12 345,6`` (non-breaking space between thousands, decimal comma); ``–`` for a missing value."""
    return DASH if value is None else _formatted(value, decimals)


def pct(share: float | None, decimals: int = 1) -> str:
    """A share (0..1) as a Polish percentage, e.g. ``66,7%``; ``–`` when undefined."""
    if share is None:
        return DASH
    return f"{_formatted(_decimal(share).scaleb(2), decimals)}{_symbols()[2]}"


@lru_cache(maxsize=1)
def _symbols() -> tuple[str, str, str, str]:
    """Group and decimal separators, percent and minus signs of the Polish locale (CLDR, via Babel)."""
    from babel.numbers import get_decimal_symbol, get_group_symbol, get_minus_sign_symbol
    return (get_group_symbol(LOCALE), get_decimal_symbol(LOCALE), _locale().number_symbols["latn"]["percentSign"],
            get_minus_sign_symbol(LOCALE))


def _decimal(value) -> Decimal:
    """``value`` as Babel reads it: a float through its shortest text (0.1 is 0.1, not 0.1000000000000000055)."""
    return Decimal(str(value)) if isinstance(value, float) else Decimal(value)


def _formatted(value, decimals: int) -> str:
    """What ``babel.numbers.format_decimal(value, "#,##0.00…", locale="pl_PL")`` gives (half to even), written
    with the locale's symbols taken from Babel. Babel's own pattern engine costs ~50 µs a call and a
    regional report formats ~5,000 numbers; a test checks that both agree on random values."""
    group, point, _, minus = _symbols()
    d = _decimal(value)
    if not d.is_finite():
        return str(value)
    # the context's precision holds any float's digits (up to 309) and its decimals: 1e28 in a cell of
    # a workbook must not exceed the default 28 digits (found by the property test of the validator)
    q = d.quantize(_QUANTUM[decimals] if decimals < len(_QUANTUM) else Decimal(1).scaleb(-decimals),
                   rounding=ROUND_HALF_EVEN, context=_WIDE)
    text = f"{abs(q):,f}".replace(",", "\0").replace(".", point).replace("\0", group)
    return f"{minus}{text}" if q < 0 else text


_QUANTUM = tuple(Decimal(1).scaleb(-d) for d in range(6))
_WIDE = Context(prec=400)


def pln(value: float | None, decimals: int = 0) -> str:
    """An amount in złoty, e.g. ``12 345 zł``; ``–`` when missing."""
    return DASH if value is None else f"{num(value, decimals)}{NBSP}zł"


def date(value: dt.date | dt.datetime | str | None) -> str:
    """A date as Polish text ("31 marca 2026"); ISO text is accepted; ``–`` when missing."""
    if value in (None, ""):
        return DASH
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    from babel.dates import format_date
    return format_date(value, format="d MMMM y", locale=LOCALE)


def period(code: str | None) -> str:
    """A reporting period for readers: "2025", "I półrocze 2025", "II półrocze 2025".

    Anything that is not a period code (already readable text, ``None``) is returned as it is."""
    m = _PERIOD.match(code or "")
    if not m:
        return code or DASH
    year, half = m.groups()
    return f"{_HALF[half]} {year}" if half else year


def period_in(code: str | None) -> str:
    """The period after "w" (locative): "w 2025 r.", "w I półroczu 2025 r."."""
    m = _PERIOD.match(code or "")
    if not m:
        return f"w okresie {code or DASH}"
    year, half = m.groups()
    return f"w {'I' if half == '1' else 'II'} półroczu {year} r." if half else f"w {year} r."


def join(items: list[str], last: str = "i") -> str:
    """``a, b i c`` — a Polish enumeration."""
    items = [i for i in items if i]
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"
