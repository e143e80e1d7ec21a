"""Turn one raw cell value into the type its column declares, tolerantly but never silently.

Coordinators type "0,5", "1 200", "tak", "2025-03-31" as text, or save dates as serial
numbers. Each coercer returns ``(value, problem, hint)``: ``problem`` is a validation
catalogue code (``None`` when the value is usable) and ``hint`` a suggestion for the message.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from typing import Any

from .. import spec as S

EXCEL_EPOCH = dt.date(1899, 12, 30)
_NUM_SPACES = re.compile(r"[\s\u00a0\u202f']")
_DATE_PATTERNS = (
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), (1, 2, 3)),
    (re.compile(r"^(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{4})$"), (3, 2, 1)),
    (re.compile(r"^(\d{4})[./](\d{1,2})[./](\d{1,2})$"), (1, 2, 3)),
)
ID_RE = re.compile(r"^([A-Za-z])\s*0*(\d{1,3})$")
_REF_SPLIT = re.compile(r"[;,\s]+")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def fold(text: str) -> str:
    """Case-, whitespace- and diacritics-insensitive form used to match closed lists."""
    return _fold_cached(text) if len(text) <= 200 else _fold(text)   # the cache holds short values only


@functools.lru_cache(maxsize=4096)
def _fold_cached(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    text = text.replace("ł", "l").replace("Ł", "L")
    nfkd = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in nfkd if not unicodedata.combining(ch))
    return re.sub(r"[\s\u00a0]+", " ", stripped).strip().casefold().replace("–", "-").replace("—", "-")


_FOLDED: dict[int, tuple[dict[str, str], dict[str, str]]] = {}


def _folded_choices(choices: tuple) -> tuple[dict[str, str], dict[str, str]]:
    """(exact value -> key, folded value -> key) of a closed list, built once per list."""
    key = id(choices)
    if key not in _FOLDED:
        _FOLDED[key] = ({v: k for k, v in choices}, {fold(v): k for k, v in choices})
    return _FOLDED[key]


def _text(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, (dt.datetime, dt.date)):
        return v.isoformat()[:10]
    return str(v).strip()


def _number(v: Any) -> float | None:
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        return float(v)
    if isinstance(v, str):
        s = _NUM_SPACES.sub("", v)
        if re.fullmatch(r"[+-]?\d+([.,]\d+)?", s):
            return float(s.replace(",", "."))
    return None


def to_int(v: Any):
    n = _number(v)
    if n is None:
        return None, "TYPE_INT", None
    if not n.is_integer():
        return None, "TYPE_INT_FRACTION", None
    if n < 0:
        return None, "RANGE_NEGATIVE", None
    return int(n), None, None


def to_decimal(v: Any):
    n = _number(v)
    if n is None:
        return None, "TYPE_DECIMAL", None
    if n < 0:
        return None, "RANGE_NEGATIVE", None
    return n, None, None


def to_date(v: Any):
    if isinstance(v, dt.datetime):
        return v.date(), None, None
    if isinstance(v, dt.date):
        return v, None, None
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        if 1 <= v <= 80000:   # an Excel serial saved without date format
            return EXCEL_EPOCH + dt.timedelta(days=int(v)), None, None
        return None, "TYPE_DATE", None
    if isinstance(v, str):
        s = v.strip()
        for pattern, (yi, mi, di) in _DATE_PATTERNS:
            m = pattern.match(s)
            if m:
                try:
                    return dt.date(int(m.group(yi)), int(m.group(mi)), int(m.group(di))), None, None
                except ValueError:
                    return None, "TYPE_DATE", None
    return None, "TYPE_DATE", None


def to_choice(v: Any, choices: tuple):
    exact, folded = _folded_choices(choices)
    if isinstance(v, str) and v in exact:          # the dropdown's own value: the usual case
        return exact[v], None, None
    text = _text(v)
    key = folded.get(fold(text))
    if key is not None:
        return key, None, None
    return None, "LIST_VALUE", suggest(text, [val for _, val in choices])


def suggest(text: str, values: list[str]) -> str | None:
    """The closest list value ("did you mean"), or None when nothing is close."""
    import difflib

    folded = {fold(v): v for v in values}
    hit = difflib.get_close_matches(fold(text), list(folded), n=1, cutoff=0.6)
    if hit:
        return folded[hit[0]]
    starts = [v for f, v in folded.items() if fold(text) and f.startswith(fold(text)[:4])]
    return starts[0] if len(starts) == 1 else None


def normalize_id(text: str) -> str | None:
    """'i1', 'I 01', 'I001' -> 'I01'; None when the text is not an id."""
    m = ID_RE.match(text.strip())
    if not m:
        return None
    return f"{m.group(1).upper()}{int(m.group(2)):02d}"


def to_ref(v: Any):
    text = _text(v)
    ident = normalize_id(text)
    return (ident, None, None) if ident else (None, "REF_FORMAT", None)


def to_ref_list(v: Any):
    parts = [p for p in _REF_SPLIT.split(_text(v)) if p]
    ids = [normalize_id(p) for p in parts]
    if not ids or any(i is None for i in ids):
        return None, "REF_FORMAT", None
    return tuple(ids), None, None


def to_teryt(v: Any):
    if isinstance(v, (int, float)) and not isinstance(v, bool) and float(v).is_integer():
        text = f"{int(v):07d}"     # Excel dropped the leading zero
    else:
        text = re.sub(r"[\s\-]", "", _text(v))
    if not re.fullmatch(r"\d{7}", text):
        return None, "TERYT_FORMAT", None
    return text, None, None


def to_period(v: Any):
    text = _text(v).upper().replace(" ", "")
    m = re.fullmatch(r"(\d{4})(?:-?(H[12]))?", text)
    if not m or not 2000 <= int(m.group(1)) <= 2100:
        return None, "PERIOD_FORMAT", None
    return m.group(1) + (f"-{m.group(2)}" if m.group(2) else ""), None, None


def to_email(v: Any):
    text = _text(v)
    return (text, None, None) if _EMAIL.match(text) else (None, "EMAIL_FORMAT", None)


def to_text(v: Any):
    return _text(v), None, None


def coerce(col: S.Column, v: Any):
    """Coerce a non-empty raw value for ``col``: ``(value, problem_code_or_None, hint_or_None)``."""
    t = col.type
    if t == "int":
        return to_int(v)
    if t == "decimal":
        return to_decimal(v)
    if t == "date":
        return to_date(v)
    if t in ("choice", "yesno"):
        return to_choice(v, col.choices)
    if t == "ref":
        return to_ref(v)
    if t == "ref_list":
        return to_ref_list(v)
    if t == "teryt":
        return to_teryt(v)
    if t == "period":
        return to_period(v)
    if t == "email":
        return to_email(v)
    if t == "id":
        return to_ref(v)
    return to_text(v)
