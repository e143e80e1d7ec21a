"""Where things are, derived from the specification: input areas and the label of any cell."""
from __future__ import annotations

import re
from functools import lru_cache

from .. import spec as S

_REF = re.compile(r"^([A-Z]{1,3})(\d+)$")


def parse_ref(ref: str) -> tuple[int, int]:
    """'C21' -> (21, 2): 1-based row, 0-based column."""
    m = _REF.match(ref)
    if not m:
        raise ValueError(ref)
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)), col - 1


@lru_cache(maxsize=None)
def _sheets(version: str = S.TEMPLATE_VERSION) -> dict:
    return {s.name: s for s in S.layout(version).input_sheets}


@lru_cache(maxsize=1 << 16)       # a pure function of the spec, asked for the same cells in every file
def is_input(sheet_name: str, row: int, col: int, version: str = S.TEMPLATE_VERSION) -> bool:
    """True when (row, 0-based col) is a cell the coordinator fills in (per the spec of ``version``)."""
    sheet = _sheets(version).get(sheet_name)
    if isinstance(sheet, S.FormSheet):
        return col == 1 and S.FORM_FIRST_ROW <= row < S.FORM_FIRST_ROW + len(sheet.fields)
    if isinstance(sheet, S.TableSheet):
        first_col = 1 if sheet.id_prefix else 0
        return row >= S.TABLE_FIRST_DATA_ROW and first_col <= col < len(sheet.columns)
    if isinstance(sheet, S.GridSheet):
        return _grid_at(sheet, row, col) is not None
    return False


def _grid_at(sheet: S.GridSheet, row: int, col: int):
    for g in sheet.grids:
        if g.first_row <= row < g.first_row + len(g.rows) and 1 <= col <= len(g.columns):
            return g, g.rows[row - g.first_row], g.columns[col - 1]
    return None


def is_date_cell(sheet_name: str, ref: str, version: str = S.TEMPLATE_VERSION) -> bool:
    """True when the spec declares a date at ``ref`` (a form field or a table column)."""
    row, col = parse_ref(ref)
    sheet = _sheets(version).get(sheet_name)
    if not is_input(sheet_name, row, col, version):
        return False
    if isinstance(sheet, S.FormSheet):
        return sheet.fields[row - S.FORM_FIRST_ROW].type == "date"
    return isinstance(sheet, S.TableSheet) and sheet.columns[col].type == "date"


def label_of(sheet_name: str, ref: str, version: str = S.TEMPLATE_VERSION) -> str:
    """The Polish label of the field/column/count cell at ``ref`` ('' when the spec has none)."""
    try:
        row, col = parse_ref(ref)
    except ValueError:
        return ""
    sheet = _sheets(version).get(sheet_name)
    if isinstance(sheet, S.FormSheet):
        i = row - S.FORM_FIRST_ROW
        return sheet.fields[i].label if 0 <= i < len(sheet.fields) else ""
    if isinstance(sheet, S.TableSheet):
        return sheet.columns[col].label if 0 <= col < len(sheet.columns) else ""
    if isinstance(sheet, S.GridSheet):
        hit = _grid_at(sheet, row, col)
        if hit:
            g, (_, row_label), (_, col_label) = hit
            return f"{g.title}: {row_label} – {col_label}"
    return ""


def grid_title(key: str, version: str = S.TEMPLATE_VERSION) -> str:
    return S.layout(version).grid(key).title
