"""Personal data detection: PESEL numbers (by checksum) and text that looks like a person's name.

The workbook carries counts, never records about people (DESIGN §2), so both are errors.
"""
from __future__ import annotations

import datetime as dt
import re

_WEIGHTS = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
_CENTURY = {0: 1900, 20: 2000, 40: 2100, 60: 2200, 80: 1800}
_ELEVEN = re.compile(r"(?<!\d)\d{11}(?!\d)")
_UPPER, _LOWER = "A-ZĄĆĘŁŃÓŚŹŻ", "a-ząćęłńóśźż"
_NAME = re.compile(rf"^[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?"
                   rf"(?:\s+[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?){{1,2}}$")
_NOT_NAMES = {"brak", "nie", "tak", "razem", "suma", "nie dotyczy", "brak danych"}


def is_pesel(digits: str) -> bool:
    """True for an 11-digit string with a valid PESEL checksum and birth date."""
    if len(digits) != 11 or not digits.isdigit():
        return False
    d = [int(ch) for ch in digits]
    if (10 - sum(w * x for w, x in zip(_WEIGHTS, d)) % 10) % 10 != d[10]:
        return False
    month = d[2] * 10 + d[3]
    offset = (month // 20) * 20
    try:
        dt.date(_CENTURY[offset] + d[0] * 10 + d[1], month - offset, d[4] * 10 + d[5])
    except (KeyError, ValueError):
        return False
    return True


def pesels_in(value) -> list[str]:
    """PESEL numbers found in a cell value (text anywhere inside, or a whole number)."""
    if isinstance(value, bool):
        return []
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not value.is_integer():
            return []
        n = int(value)
        if 10**9 <= n < 10**11:
            text = f"{n:011d}"
            return [text] if is_pesel(text) else []
        return []
    if isinstance(value, str) and len(value) >= 11:
        return [m for m in _ELEVEN.findall(value) if is_pesel(m)]
    return []


def mask(pesel: str) -> str:
    """Never echo a full PESEL back: keep two digits at each end."""
    return pesel[:2] + "•" * 7 + pesel[-2:]


def looks_like_name(text: str) -> bool:
    """Two or three capitalised words, e.g. 'Jan Kowalski' or 'Anna Nowak-Wójcik'."""
    text = text.strip()
    return text.lower() not in _NOT_NAMES and bool(_NAME.match(text))
