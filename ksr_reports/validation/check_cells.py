"""Cell checks: types (from the reader's coercion problems), tolerated forms, required cells,
ranges and dates against the reporting period."""
from __future__ import annotations

import datetime as dt
import re
from typing import Iterator

from .. import spec as S
from ..reader.coerce import coerce, fold
from ..reader.raw import Cell
from .catalogue import Code, finding
from .context import Context
from .locate import label_of
from .privacy import looks_like_name
from .report import Finding

# Words people type into number cells instead of a number.
PLACEHOLDERS = {"brak", "brak danych", "nie dotyczy", "nd", "n/d", "nd.", "bd", "b/d", "-", "--", "x", "zero", "zadna",
                "zadne", "nie", "?"}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MAX_LISTED_CHOICES = 6

# Which dates must fall where (keys of the spec; a test makes sure every date column is covered).
# inside: within the period; not_after_end: on or before its last day; not_before_start: on or after its first day.
DATE_RULES = {
    ("form", "created_on"): "not_after_end",
    ("form", "filled_on"): "not_before_start",
    ("stakeholders", "joined_on"): "not_after_end",
    ("partnerships", "signed_on"): "not_after_end",
    ("partnerships", "evaluated_on"): "not_after_end",
    ("funding", "ends_on"): None,           # any date: a funding end may lie years ahead
    ("animation", "date"): "inside",
}


def table_rows(ctx: Context, t: S.TableSheet):
    """(raw row, typed row) pairs of a table that is present and not shifted."""
    if t.name in ctx.raw.missing_sheets or t.name in ctx.broken_sheets:
        return []
    return list(zip(ctx.raw.tables.get(t.key, []), ctx.data.tables.get(t.key, [])))


def _hint(problem) -> str:
    if problem.hint:
        return f" Czy chodziło o „{problem.hint}”?"
    col = problem.column
    if col is not None and col.choices and len(col.choices) <= _MAX_LISTED_CHOICES:
        return " Dozwolone: " + ", ".join(col.values) + "."
    return ""


def _problem_finding(problem, version: str) -> Finding:
    cell: Cell = problem.cell
    label = problem.column.label if problem.column is not None else label_of(cell.sheet, cell.ref, version)
    value = cell.value
    shown = str(value).strip()[:60]
    code = Code[problem.code]
    if code in (Code.TYPE_INT, Code.TYPE_DECIMAL) and isinstance(value, str):
        if looks_like_name(value):
            code = Code.PRIVACY_NAME
        elif fold(value) in PLACEHOLDERS:
            code = Code.TYPE_PLACEHOLDER
    if code in (Code.TYPE_INT_FRACTION, Code.RANGE_NEGATIVE) and isinstance(value, float):
        shown = f"{value:g}".replace(".", ",")
    return finding(code, cell.sheet, cell.ref, label, value=shown, hint=_hint(problem))


def check_types(ctx: Context) -> Iterator[Finding]:
    """Every value the reader could not coerce to its column's type (with a 'did you mean' hint)."""
    for problem in ctx.data.problems:
        if problem.cell.sheet not in ctx.broken_sheets:
            yield _problem_finding(problem, ctx.version)


def _shown(value) -> str:
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _tolerated(col_type: str, cell: Cell, label: str) -> Finding | None:
    v = cell.value
    if col_type in ("int", "decimal") and isinstance(v, str):
        value, problem, _ = coerce(S.Column("x", "", col_type, ""), v)
        if problem is None:
            return finding(Code.NUMBER_AS_TEXT, cell.sheet, cell.ref, label, value=v.strip(), read=_shown(value))
    if col_type == "date":
        value, problem, _ = coerce(S.Column("x", "", "date", ""), v)
        if problem is None and isinstance(v, str) and not _ISO_DATE.match(v.strip()):
            return finding(Code.DATE_AS_TEXT, cell.sheet, cell.ref, label, value=v.strip(), read=_shown(value))
        if problem is None and isinstance(v, (int, float)) and not isinstance(v, bool):
            return finding(Code.DATE_AS_NUMBER, cell.sheet, cell.ref, label, value=_shown(v), read=_shown(value))
    return None


_TOLERANT = ("int", "decimal", "date")      # the only types with a tolerated-but-wrong form


def check_tolerated_forms(ctx: Context) -> Iterator[Finding]:
    """Values the reader accepted but the coordinator should fix: numbers as text, dates as text or serials."""
    cells: list[tuple[str, Cell, str | None]] = []
    if ctx.layout.form.name not in ctx.broken_sheets:
        cells += [(f.type, ctx.raw.form[f.key], f.label) for f in ctx.layout.form.fields if f.key in ctx.raw.form]
    for t in ctx.layout.tables:
        columns = [c for c in t.columns if c.type in _TOLERANT]
        cells += [(c.type, raw.cells[c.key], c.label) for raw, _ in table_rows(ctx, t) for c in columns]
    if ctx.layout.participants.name not in ctx.broken_sheets:     # counts: only text can be a tolerated form
        cells += [("int", cell, None) for g in ctx.raw.grids.values() for cell in g.values() if isinstance(cell.value, str)]
    for col_type, cell, label in cells:
        if col_type not in _TOLERANT or not isinstance(cell.value, (str, int, float)) or cell.empty \
                or (col_type != "date" and not isinstance(cell.value, str)):
            continue                        # real dates and numbers are what they should be
        hit = _tolerated(col_type, cell, label if label is not None else label_of(cell.sheet, cell.ref, ctx.version))
        if hit:
            yield hit


def check_required(ctx: Context) -> Iterator[Finding]:
    """Required form fields, required cells of filled rows, and the minimum number of rows of a table."""
    if ctx.layout.form.name not in ctx.raw.missing_sheets and ctx.layout.form.name not in ctx.broken_sheets:
        for f in ctx.layout.form.fields:
            if f.required and ctx.raw.form[f.key].empty:
                yield finding(Code.REQUIRED_FIELD, ctx.layout.form.name, ctx.layout.form.cell_of(f.key), f.label)
    formulas = {(sheet, ref) for sheet, cells in ctx.package.formulas.items() for ref, _ in cells}
    for t in ctx.layout.tables:
        rows = table_rows(ctx, t)
        for raw, _ in rows:
            for c in t.columns:
                cell = raw.cells[c.key]
                if c.required and cell.empty and (cell.sheet, cell.ref) not in formulas:  # reported as CELL_FORMULA
                    yield finding(Code.REQUIRED_CELL, t.name, raw.cells[c.key].ref, c.label, row=raw.row)
        if len(rows) < t.min_rows and t.name not in ctx.raw.missing_sheets and t.name not in ctx.broken_sheets:
            first_col = 1 if t.id_prefix else 0
            yield finding(Code.TABLE_MIN_ROWS, t.name, S.a1(S.TABLE_FIRST_DATA_ROW, first_col),
                          t.columns[first_col].label, count=len(rows), min=t.min_rows, first=S.TABLE_FIRST_DATA_ROW)


def check_ranges(ctx: Context) -> Iterator[Finding]:
    """Numbers above the spec's plausible maximum of their column or form field (a warning)."""
    form = ctx.layout.form
    if form.name not in ctx.broken_sheets:
        for f in form.fields:
            value = ctx.data.form.get(f.key)
            if f.max_value is not None and isinstance(value, (int, float)) and value > f.max_value:
                yield finding(Code.RANGE_MAX, form.name, form.cell_of(f.key), f.label, value=_shown(value),
                              max=_shown(float(f.max_value)))
    for t in ctx.layout.tables:
        for raw, row in table_rows(ctx, t):
            for c in t.columns:
                value = row.get(c.key)
                if c.max_value is not None and isinstance(value, (int, float)) and value > c.max_value:
                    yield finding(Code.RANGE_MAX, t.name, raw.cells[c.key].ref, c.label, value=_shown(value),
                                  max=_shown(float(c.max_value)))


def _date_finding(rule: str, value: dt.date, cell: Cell, label: str, ctx: Context) -> Finding | None:
    start, end = ctx.bounds
    if rule == "inside" and not start <= value <= end:
        code = Code.DATE_OUTSIDE_PERIOD
    elif rule == "not_after_end" and value > end:
        code = Code.DATE_AFTER_PERIOD
    elif rule == "not_before_start" and value < start:
        code = Code.DATE_BEFORE_PERIOD
    else:
        return None
    return finding(code, cell.sheet, cell.ref, label, value=value.isoformat(), period=ctx.period,
                   start=start.isoformat(), end=end.isoformat())


def check_dates(ctx: Context) -> Iterator[Finding]:
    """Dates inside or before the reporting period, per ``DATE_RULES``."""
    if ctx.bounds is None:
        return
    items: list[tuple[str, object, Cell, str]] = []
    if ctx.layout.form.name not in ctx.broken_sheets:
        items += [(DATE_RULES.get(("form", f.key)), ctx.data.form.get(f.key), ctx.raw.form.get(f.key), f.label)
                  for f in ctx.layout.form.fields if f.type == "date"]
    for t in ctx.layout.tables:
        for raw, row in table_rows(ctx, t):
            items += [(DATE_RULES.get((t.key, c.key)), row.get(c.key), raw.cells[c.key], c.label)
                      for c in t.columns if c.type == "date"]
    for rule, value, cell, label in items:
        if rule and isinstance(value, dt.date) and cell is not None:
            hit = _date_finding(rule, value, cell, label, ctx)
            if hit:
                yield hit


CHECKS = (check_types, check_tolerated_forms, check_required, check_ranges, check_dates)
