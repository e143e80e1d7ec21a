"""The exact pre-scan of one sheet: a streaming XML parse (defusedxml) that places cells the way
calamine does, so no attribute order, quoting or prefix can hide a cell; and the two size refusals
shared with the fast path (too many cells, a value far beyond the tables)."""
from __future__ import annotations

import io
import re

from defusedxml import ElementTree as DET

from .. import spec as S
from .codes import Refusal
from .package import Package, spaced
from .xmlerrors import xml_errors

_ROW_DIGITS = re.compile(r"\d+")
_REF_TEXT = re.compile(r"\$?([A-Za-z]+)\$?(\d+)")      # as loose as calamine: any case, any length


def col_number(letters: bytes | str) -> int:
    """Excel column letters -> 1-based column number."""
    n = 0
    for ch in (letters if isinstance(letters, str) else letters.decode()).upper():
        n = n * 26 + ord(ch) - 64
    return n


def too_many(name: str, cells: int, package: Package) -> None:
    if cells > package.max_cells:
        raise Refusal("FILE_TOO_MANY_CELLS", sheet=name, cells=spaced(cells), limit=spaced(package.max_cells))


def too_large(name: str, cells: list[tuple[int, int]], package: Package) -> None:
    """``cells``: (row, column) of every cell holding a value, 1-based."""
    if not cells:
        return
    max_row = max(r for r, _ in cells)
    max_col = max(c for _, c in cells)
    limit_rows, limit_cols = package.max_rows, package.max_cols
    if max_row > limit_rows or max_col > limit_cols:
        r, c = next((r, c) for r, c in cells if r > limit_rows or c > limit_cols)
        far = S.a1(r, c - 1)
        raise Refusal("FILE_DIMENSIONS", sheet=name, cell=far, far=far, ref=S.a1(max_row, max_col - 1),
                      rows=max_row, cols=max_col)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


def _split_ref(ref: str | None) -> tuple[int, int] | None:
    m = _REF_TEXT.fullmatch(ref or "")
    return (int(m.group(2)), col_number(m.group(1))) if m else None


def parsed_scan(name: str, xml: bytes, package: Package, is_input_sheet: bool, part: str = "") -> None:
    """Any other sheet: a streaming XML parse that places cells the way calamine does (a missing
    ``r`` means the next row or column), so no attribute order, quoting or prefix can hide a cell.
    ``part``: the sheet's zip member, named when its XML is broken."""
    with xml_errors(part or name):
        _parse(name, xml, package, is_input_sheet)


def _parse(name: str, xml: bytes, package: Package, is_input_sheet: bool) -> None:
    valued: list[tuple[int, int]] = []
    formulas: list[tuple[str, str]] = []
    hidden: set[int] = set()
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = []
    # calamine: a row without r follows the last row; a cell without r is the next column of the
    # current row (columns restart after </row>); a cell's own r decides its place.
    row, last_row, col, cell, has_value, in_cell, count = 0, 0, 0, (0, 0), False, False, 0
    for event, el in DET.iterparse(io.BytesIO(xml), events=("start", "end")):
        tag = _local(el.tag)
        if event == "start":
            if tag == "row":
                digits = _ROW_DIGITS.search(el.get("r", ""))     # calamine ignores letters in a row's r
                row = int(digits.group()) if digits else last_row + 1
                if el.get("hidden") in ("1", "true"):
                    hidden.add(row)
            elif tag == "c":
                cell = _split_ref(el.get("r")) or (row, col + 1)
                col = cell[1]
                has_value, in_cell = False, True
                count += 1
                if count > package.max_cells:         # stop parsing at once
                    too_many(name, count, package)
            elif tag == "mergeCell":
                a, _, b = (el.get("ref") or "").partition(":")
                pa, pb = _split_ref(a), _split_ref(b or a)
                if pa and pb:
                    merged.append(((pa[0] - 1, pa[1] - 1), (pb[0] - 1, pb[1] - 1)))
            continue
        if tag in ("v", "is", "f"):
            if in_cell:                 # not the f of a data validation in extLst (x14), say
                has_value = True
                if tag == "f" and is_input_sheet:
                    formulas.append((S.a1(cell[0], cell[1] - 1), el.text or ""))
        elif tag == "c":
            in_cell = False
            if has_value:
                valued.append(cell)
        elif tag == "row":
            last_row, col = row, 0
            el.clear()
    package.cells[name] = count
    too_large(name, valued, package)
    if formulas:
        package.formulas[name] = formulas
    if hidden:
        package.hidden_rows[name] = sorted(hidden)
    if merged:
        package.merged[name] = merged

