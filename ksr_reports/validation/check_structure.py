"""Structure checks: sheets, column headers, row labels, data outside the tables, formulas,
merged cells and hidden rows over input cells."""
from __future__ import annotations

import difflib
import re
from functools import lru_cache
from typing import Iterator

from .. import spec as S
from ..reader.coerce import fold
from .catalogue import Code, finding
from .context import Context
from .locate import is_input, label_of, parse_ref
from .report import Finding

SHIFTING = (Code.COLUMN_MOVED, Code.COLUMN_MISSING, Code.LABEL_CHANGED)


def _norm(value) -> str:
    return _norm_text(str(value) if value is not None else "")


@lru_cache(maxsize=4096)
def _norm_text(text: str) -> str:
    return fold(re.sub(r"\s*\*\s*$", "", text))


def check_sheets(ctx: Context) -> Iterator[Finding]:
    """Every input sheet must exist under its own name; say so when it was only renamed."""
    unknown = [n for n in ctx.raw.sheet_names if n not in ctx.layout.all_sheet_names]
    for name in ctx.raw.missing_sheets:
        folded = {fold(u): u for u in unknown}
        close = difflib.get_close_matches(fold(name), list(folded), n=1, cutoff=0.6)
        contained = [u for f, u in folded.items() if fold(name) in f]
        found = folded[close[0]] if close else (contained[0] if contained else None)
        if found:
            unknown.remove(found)
            yield finding(Code.SHEET_RENAMED, found, name=name, found=found)
        else:
            yield finding(Code.SHEET_MISSING, name, name=name)


def _table_headers(ctx: Context, t: S.TableSheet) -> Iterator[Finding]:
    cells = ctx.raw.headers.get(t.key, [])
    found = [_norm(c.value) for c in cells]
    labels = [_norm(c.label) for c in t.columns]
    for j, col in enumerate(t.columns):
        here = found[j] if j < len(found) else ""
        if here == labels[j]:
            continue
        ref = S.a1(S.TABLE_HEADER_ROW, j)
        if here and here not in labels and j + 1 < len(found) and found[j + 1] == labels[j]:
            yield finding(Code.COLUMN_EXTRA, t.name, ref, found=cells[j].value)      # a column was inserted here
        elif labels[j] in found:
            at = S.col_letter(found.index(labels[j]))
            yield finding(Code.COLUMN_MOVED, t.name, ref, col.label, column=col.label, found=at, expected=S.col_letter(j))
        elif not here or here in labels:
            yield finding(Code.COLUMN_MISSING, t.name, ref, col.label, column=col.label)
        else:
            yield finding(Code.COLUMN_RENAMED, t.name, ref, col.label, found=cells[j].value, column=col.label)
    for j in range(len(t.columns), len(cells)):
        if found[j] and found[j] not in labels:
            yield finding(Code.COLUMN_EXTRA, t.name, cells[j].ref, found=cells[j].value)


def check_headers(ctx: Context) -> Iterator[Finding]:
    """Column headers of every table match the spec labels (a trailing ' *' and case are ignored)."""
    for t in ctx.layout.tables:
        if t.name in ctx.raw.missing_sheets:
            continue
        for f in _table_headers(ctx, t):
            if f.code in {c.name for c in SHIFTING} or (f.code == Code.COLUMN_EXTRA.name
                                                        and parse_ref(f.cell)[1] < len(t.columns)):
                ctx.broken_sheets.add(t.name)
            yield f


def check_labels(ctx: Context) -> Iterator[Finding]:
    """Row labels of the form and of the count tables are where the spec puts them."""
    lay = ctx.layout
    expected = {lay.form.key: [f.label for f in lay.form.fields],
                lay.participants.key: [label for g in lay.participants.grids for _, label in g.rows]}
    for key, labels in expected.items():
        for cell, label in zip(ctx.raw.headers.get(key, []), labels):
            if _norm(cell.value) != _norm(label):
                ctx.broken_sheets.add(cell.sheet)
                yield finding(Code.LABEL_CHANGED, cell.sheet, cell.ref, found=cell.value if not cell.empty else "(pusta)", expected_label=label)
                break   # one shifted row moves all the rows below it; report the first


def check_overflow(ctx: Context) -> Iterator[Finding]:
    """Rows filled below the prepared capacity of a table are not read: one finding per table."""
    for t in ctx.layout.tables:
        rows = ctx.raw.overflow.get(t.key) or []
        if rows:
            first = rows[0]
            ref = next((c.ref for c in first.cells.values() if not c.empty), S.a1(first.row, 0))
            first, last = rows[0].row, rows[-1].row
            yield finding(Code.DATA_OVERFLOW, t.name, ref, count=len(rows), capacity=t.capacity,
                          rows=f"wiersz {first}" if first == last else f"wiersze {first}–{last}")


def check_outside_columns(ctx: Context) -> Iterator[Finding]:
    """Values right of a table's columns are ignored by the reader: one warning per table."""
    for t in ctx.layout.tables:
        extra = [c for row in ctx.raw.tables.get(t.key, []) for c in row.extra]
        if extra and t.name not in ctx.broken_sheets:
            yield finding(Code.DATA_OUTSIDE_COLUMNS, t.name, extra[0].ref, count=len(extra), value=str(extra[0].value)[:40])


def check_formulas(ctx: Context) -> Iterator[Finding]:
    """Formulas in input cells: their cached results are not trusted (and openpyxl-saved files have none)."""
    for sheet, cells in ctx.package.formulas.items():
        for ref, text in cells:
            row, col = parse_ref(ref)
            if is_input(sheet, row, col, ctx.version):
                shown = f"={text[:60]}" if text else "formuła współdzielona"
                yield finding(Code.CELL_FORMULA, sheet, ref, label_of(sheet, ref, ctx.version), formula=shown)


def check_merged(ctx: Context) -> Iterator[Finding]:
    """Merged ranges covering input cells hide all but the first cell's value."""
    for sheet, ranges in ctx.scan.merged.items():
        for (r0, c0), (r1, c1) in ranges:
            if any(is_input(sheet, r + 1, c, ctx.version) for r in range(r0, min(r1, r0 + 200) + 1) for c in range(c0, min(c1, 50) + 1)):
                ref = S.a1(r0 + 1, c0)
                yield finding(Code.CELL_MERGED, sheet, ref, label_of(sheet, ref, ctx.version),
                              range=f"{ref}:{S.a1(r1 + 1, c1)}")


def check_hidden_rows(ctx: Context) -> Iterator[Finding]:
    """Hidden rows holding input cells (a warning: the values are still read)."""
    for sheet, rows in ctx.package.hidden_rows.items():
        for row in rows:
            if is_input(sheet, row, 1, ctx.version):
                yield finding(Code.ROW_HIDDEN, sheet, S.a1(row, 0), row=row)


CHECKS = (check_sheets, check_headers, check_labels, check_overflow, check_outside_columns, check_formulas,
          check_merged, check_hidden_rows)
