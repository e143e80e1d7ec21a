"""Spec-driven raw reading: every value with its sheet and A1 reference, no interpretation.

Positions come from ``ksr_reports.spec``; nothing here knows a sheet name or a column
letter by itself. Values are what calamine returns (str, int, float, bool, date,
datetime, timedelta); empty and error cells are ``''``. Formula cells are read as their
cached values only by calamine, so checks must never trust derived cells.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import python_calamine as pc

from .. import spec as S
from ..intake.limits import LSR
from ..intake.workbook import open_workbook, refusal_of

MAX_ROWS, MAX_COLS = LSR.rows, LSR.cols      # what the pre-flight let through


class ReadError(Exception):
    """The file cannot be read as a workbook at all (``code``: a catalogue code, ``params`` its fields)."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.params = params


class Cell(NamedTuple):
    """One located value (immutable; a named tuple: the reader makes hundreds per workbook)."""

    value: Any
    sheet: str
    ref: str

    @property
    def empty(self) -> bool:
        v = self.value
        return v is None or (isinstance(v, str) and not v.strip())

    @property
    def where(self) -> str:
        return f"{self.sheet}!{self.ref}"


@dataclass(slots=True)
class RawRow:
    row: int                       # 1-based Excel row
    cells: dict[str, Cell]
    extra: list[Cell] = field(default_factory=list)  # non-empty cells right of the spec's columns


@dataclass
class RawWorkbook:
    path: Path
    sheet_names: list[str]
    hidden_sheets: set[str]
    meta: dict[str, str]
    form: dict[str, Cell]
    tables: dict[str, list[RawRow]]       # only non-empty rows
    overflow: dict[str, list[RawRow]]     # non-empty rows below the prepared capacity
    headers: dict[str, list[Cell]]        # header cells of table sheets / grid labels, for structure checks
    grids: dict[str, dict[tuple[str, str], Cell]]
    missing_sheets: list[str]
    dims: dict[str, tuple[int, int]]
    version: str = S.TEMPLATE_VERSION     # the layout the file was read with (its own template version)

    @property
    def layout(self) -> S.Layout:
        return S.layout(self.version)


def _load_sheet(wb: pc.CalamineWorkbook, name: str) -> list[list[Any]]:
    sheet = wb.get_sheet_by_name(name)
    h, w = sheet.total_height + 1, sheet.total_width + 1     # calamine gives the last 0-based row and column
    if h > MAX_ROWS or w > MAX_COLS:
        far = S.a1(h, w - 1)
        raise ReadError("FILE_DIMENSIONS", sheet=name, cell=far, far=far, ref=far, rows=h, cols=w)
    return sheet.to_python(skip_empty_area=False)


def _at(rows: list[list[Any]], r: int, c: int) -> Any:
    """Value at 1-based row r, 0-based column c, '' outside the used range."""
    if r - 1 < len(rows):
        row = rows[r - 1]
        if c < len(row):
            return row[c]
    return ""


def _empty(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def _read_table(t: S.TableSheet, rows: list[list[Any]]) -> tuple[list[RawRow], list[RawRow], list[Cell]]:
    ncols = len(t.columns)
    headers = [Cell(_at(rows, S.TABLE_HEADER_ROW, c), t.name, S.a1(S.TABLE_HEADER_ROW, c)) for c in range(max(ncols, _width(rows, S.TABLE_HEADER_ROW)))]
    data, overflow = [], []
    id_col = 0 if t.id_prefix else None
    keys = [col.key for col in t.columns]
    letters = [S.col_letter(c) for c in range(ncols)]
    name = t.name
    for r in range(S.TABLE_FIRST_DATA_ROW, len(rows) + 1):
        values = rows[r - 1]
        # calamine gives "" for empty cells: a C-speed count settles the usual rows (prepared rows
        # holding only their id are common); whitespace and None take the exact test
        blank = values.count("") + (id_col is not None and bool(values) and values[0] != "")
        if blank == len(values) or not any(c != id_col and not _empty(v) for c, v in enumerate(values)):
            continue
        width = len(values)
        if width < ncols:
            values = values + [""] * (ncols - width)
        cells = {key: Cell(v, name, f"{letter}{r}") for key, letter, v in zip(keys, letters, values)}
        extra = [Cell(values[c], name, S.a1(r, c)) for c in range(ncols, width) if not _empty(values[c])]
        (data if r <= t.last_data_row else overflow).append(RawRow(r, cells, extra))
    return data, overflow, headers


def _width(rows, r) -> int:
    return len(rows[r - 1]) if r - 1 < len(rows) else 0


def read_raw(path: str | Path) -> RawWorkbook:
    """Read an LSR workbook (pre-flighted) into located raw cells; ``Refusal`` when calamine cannot
    open or read it, ``ReadError`` when a sheet is larger than the template allows."""
    path = Path(path)
    wb = open_workbook(path)
    try:
        return _read(wb, path)
    except ReadError:
        raise
    except Exception as e:     # calamine raises several types for corrupt input
        raise refusal_of(e, path) from e
    finally:
        wb.close()


@functools.cache
def _form_layout(version: str) -> tuple[tuple[str, int, str, str], ...]:
    """(field key, row, value ref, label ref) of every form field: computed once per process and version."""
    form = S.layout(version).form
    return tuple((f.key, form.row_of(f.key), S.a1(form.row_of(f.key), 1), S.a1(form.row_of(f.key), 0))
                 for f in form.fields)


@functools.cache
def _grid_layout(version: str) -> tuple[tuple[str, tuple, tuple], ...]:
    """Per grid of the count sheet: its key, (row, label ref) of every row and ((row key, column key),
    row, column, ref) of every count cell. Computed once per process and version."""
    out = []
    for g in S.layout(version).participants.grids:
        labels = tuple((g.row_of(rk), S.a1(g.row_of(rk), 0)) for rk, _ in g.rows)
        cells = tuple(((rk, ck), g.row_of(rk), g.col_of(ck), S.a1(g.row_of(rk), g.col_of(ck)))
                      for rk, _ in g.rows for ck, _ in g.columns)
        out.append((g.key, labels, cells))
    return tuple(out)


def _read(wb: pc.CalamineWorkbook, path: Path) -> RawWorkbook:
    names = list(wb.sheet_names)
    hidden = {m.name for m in wb.sheets_metadata if m.visible != pc.SheetVisibleEnum.Visible}
    present = set(names)
    meta: dict[str, str] = {}
    dims: dict[str, tuple[int, int]] = {}
    if S.META_SHEET in present:
        rows = _load_sheet(wb, S.META_SHEET)
        labels = {label: key for key, label in S.META_FIELDS}
        for row in rows:
            if len(row) >= 2 and isinstance(row[0], str) and row[0] in labels:
                meta[labels[row[0]]] = str(row[1]).strip() if row[1] != "" else ""
    # the file's own version decides every position (an unknown one: the current layout; the validator
    # reports the version itself)
    version = meta.get("template_version", "")
    lay = S.layout(version if version in S.SUPPORTED_VERSIONS else S.TEMPLATE_VERSION)
    missing = [n for n in (s.name for s in lay.input_sheets) if n not in present]
    form: dict[str, Cell] = {}
    tables: dict[str, list[RawRow]] = {}
    overflow: dict[str, list[RawRow]] = {}
    headers: dict[str, list[Cell]] = {}
    grids: dict[str, dict[tuple[str, str], Cell]] = {}
    if lay.form.name in present:
        rows = _load_sheet(wb, lay.form.name)
        dims[lay.form.name] = (len(rows), max((len(r) for r in rows), default=0))
        name = lay.form.name
        layout = _form_layout(lay.version)
        form = {key: Cell(_at(rows, r, 1), name, ref) for key, r, ref, _ in layout}
        headers[lay.form.key] = [Cell(_at(rows, r, 0), name, label) for _, r, _, label in layout]
    for t in lay.tables:
        if t.name not in present:
            continue
        rows = _load_sheet(wb, t.name)
        dims[t.name] = (len(rows), max((len(r) for r in rows), default=0))
        tables[t.key], overflow[t.key], headers[t.key] = _read_table(t, rows)
    gs = lay.participants
    if gs.name in present:
        rows = _load_sheet(wb, gs.name)
        dims[gs.name] = (len(rows), max((len(r) for r in rows), default=0))
        labels = []
        name = gs.name
        for key, label_refs, cell_refs in _grid_layout(lay.version):
            labels += [Cell(_at(rows, r, 0), name, ref) for r, ref in label_refs]
            grids[key] = {pos: Cell(_at(rows, r, c), name, ref) for pos, r, c, ref in cell_refs}
        headers[gs.key] = labels
    return RawWorkbook(path, names, hidden, meta, form, tables, overflow, headers, grids, missing, dims, lay.version)
