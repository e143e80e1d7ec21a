"""Typed view of a raw workbook: the data indicators are computed from.

``to_typed`` never raises on bad content; it records every cell it could not coerce as a
``Problem`` (located, with a catalogue code) and leaves the value ``None``. The validator
turns problems into findings; the rollup only uses typed data of files without errors.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .. import spec as S
from .coerce import coerce, to_int
from .raw import Cell, RawWorkbook


@dataclass(frozen=True, slots=True)
class Problem:
    cell: Cell
    code: str
    column: S.Column | None = None
    hint: str | None = None


@dataclass
class LsrData:
    form: dict[str, Any]
    tables: dict[str, list[dict[str, Any]]]       # each row dict also has "_row" (Excel row number)
    grids: dict[str, dict[tuple[str, str], int]]  # empty count cells are 0
    problems: list[Problem] = field(default_factory=list)
    version: str = S.TEMPLATE_VERSION     # template version of the file (1.0 files lack the 2.0 items)
    explained_warnings: int = 0           # set by the validator: warnings an explanation row explains

    @property
    def lsr_id(self) -> str | None:
        return self.form.get("teryt")

    @property
    def period(self) -> str | None:
        return self.form.get("period")


def _typed_value(col: S.Column, cell: Cell, problems: list[Problem]) -> Any:
    v = cell.value
    if v is None or v == "" or (v.__class__ is str and not v.strip()):     # Cell.empty, inlined (hot)
        return None
    value, problem, hint = coerce(col, cell.value)
    if problem:
        problems.append(Problem(cell, problem, col, hint))
    return value


def to_typed(raw: RawWorkbook) -> LsrData:
    """Coerce every cell of the raw workbook to its declared type, collecting problems."""
    problems: list[Problem] = []
    lay = raw.layout
    form = {f.key: _typed_value(f, raw.form[f.key], problems) for f in lay.form.fields if f.key in raw.form}
    # every table and grid key of the current version is present (empty when the file's version lacks it)
    tables: dict[str, list[dict[str, Any]]] = {t.key: [] for t in S.TABLES}
    for t in lay.tables:
        rows = []
        for raw_row in raw.tables.get(t.key, []):
            row = {"_row": raw_row.row}
            for col in t.columns:
                row[col.key] = _typed_value(col, raw_row.cells[col.key], problems)
            rows.append(row)
        tables[t.key] = rows
    grids: dict[str, dict[tuple[str, str], int]] = {g.key: {} for g in S.PARTICIPANTS.grids}
    for g in lay.participants.grids:
        values = {}
        for pos, cell in raw.grids.get(g.key, {}).items():
            if cell.empty:
                values[pos] = 0
                continue
            n, problem, _ = to_int(cell.value)
            if problem:
                problems.append(Problem(cell, problem))
            values[pos] = n or 0
        grids[g.key] = values
    return LsrData(form, tables, grids, problems, lay.version)
