"""What a workbook of a given template version asks: the spec's ``since`` on fields, columns and grids.

A figure of the annual report that the workbook's version did not ask is stated as such
("nie raportowano w arkuszu w wersji 1.0"), never as 0 (DESIGN §10, issue 13 item 3).
"""
from __future__ import annotations

from .. import spec as S


def asks(version: str, obj) -> bool:
    """True when the spec defines ``obj`` (a field, column or grid) and a workbook of ``version`` has it."""
    return obj is not None and S.has(obj.since, version)


def at_least_2(version: str) -> bool:
    """True for a workbook of template 2.0 or later (the version that added the report's items)."""
    return S.has("2.0", version)


def form_field(key: str):
    return next((f for f in S.FORM.fields if f.key == key), None)


def grid_spec(key: str):
    return next((g for g in S.PARTICIPANTS.grids if g.key == key), None)


def column_spec(table: str, key: str):
    return next((c for c in S.table(table).columns if c.key == key), None)


def absent_text(version: str) -> str:
    """What a cell says for an item the workbook's version did not ask."""
    return f"nie raportowano w arkuszu w wersji {version}"
