"""Self-consistency of the specification, checked with ``schema`` when the package is imported.

A broken specification (duplicate keys, a closed-list column without a list, a grid
overlapping another) must fail loudly at import, not produce a subtly wrong template.
"""
from __future__ import annotations

import re

from schema import And, Or, Schema, SchemaError

from . import workbook as W

_KEY = And(str, lambda s: re.fullmatch(r"[a-z][a-z0-9_]*", s) is not None, error="klucz: małe litery, cyfry, _")
_LABEL = And(str, lambda s: 0 < len(s.strip()) <= 120)
_CHOICES = Or((), And(tuple, lambda t: len(t) > 0 and all(len(p) == 2 and p[1].strip() for p in t)))

_COLUMN = Schema({
    "key": _KEY, "label": _LABEL, "type": And(str, lambda t: t in W.TYPES), "help": _LABEL,
    "required": bool, "choices": _CHOICES, "width": And(int, lambda w: 4 <= w <= 80),
    "max_value": Or(None, int, float),
})
_SHEET_NAME = And(str, lambda s: 0 < len(s) <= 31 and not set(s) & set("[]:*?/\\"))


class SpecError(Exception):
    """The workbook specification is inconsistent (a developer error)."""


def _column_dict(c: W.Column) -> dict:
    return {k: getattr(c, k) for k in ("key", "label", "type", "help", "required", "choices", "width", "max_value")}


def _unique(items, what):
    seen = set()
    for i in items:
        if i in seen:
            raise SpecError(f"duplicate {what}: {i}")
        seen.add(i)


def check_spec() -> None:
    """Raise SpecError if the specification is not self-consistent."""
    try:
        for col in W.FORM.fields + tuple(c for t in W.TABLES for c in t.columns):
            _COLUMN.validate(_column_dict(col))
            if (col.type in ("choice", "yesno")) != bool(col.choices):
                raise SpecError(f"{col.key}: closed-list types need choices and only they may have them")
            _unique([v.casefold() for v in col.values], f"list value in {col.key}")
        Schema([_SHEET_NAME]).validate(list(W.ALL_SHEET_NAMES))
        for t in W.TABLES:
            Schema({"key": _KEY, "capacity": And(int, lambda n: 1 <= n <= 500),
                    "id_prefix": Or("", And(str, str.isalpha))}, ignore_extra_keys=True).validate(
                {"key": t.key, "capacity": t.capacity, "id_prefix": t.id_prefix})
            if t.id_prefix and t.columns[0].type != "id":
                raise SpecError(f"{t.key}: prefilled ids need an id column first")
    except SchemaError as e:
        raise SpecError(str(e)) from e
    _unique(W.ALL_SHEET_NAMES, "sheet name")
    _unique([s.key for s in W.INPUT_SHEETS], "sheet key")
    for t in W.TABLES:
        _unique([c.key for c in t.columns], f"column key in {t.key}")
        _unique([c.label for c in t.columns], f"column label in {t.key}")
    _unique([f.key for f in W.FORM.fields], "form field")
    for version in W.SUPPORTED_VERSIONS:           # every version's own positions must be sound
        lay = W.layout(version)
        rows_used: set[int] = set()
        for g in lay.participants.grids:
            _unique([k for k, _ in g.rows], f"row key in grid {g.key}")
            _unique([k for k, _ in g.columns], f"column key in grid {g.key}")
            span = set(range(g.top, g.top + g.height))
            if span & rows_used:
                raise SpecError(f"grid {g.key} overlaps another grid ({version})")
            rows_used |= span
        _unique(lay.all_sheet_names, f"sheet name ({version})")
    for item in W.FORM.fields + tuple(c for t in W.TABLES for c in t.columns) + W.TABLES + W.PARTICIPANTS.grids:
        if item.since not in W.SUPPORTED_VERSIONS:
            raise SpecError(f"{item.key}: since {item.since} is not a supported version")
    if W.TEMPLATE_VERSION not in W.SUPPORTED_VERSIONS:
        raise SpecError("current template version must be supported")
    W.closed_lists()  # every list must be a named constant of lists.py
