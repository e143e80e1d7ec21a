"""Statistical disclosure control of participant counts (DESIGN §2, §10).

Legal ground: counts of participants by art. 1 group reveal health and addiction, special categories
of personal data (RODO art. 9), and the KSR chain carries counts only, never records about people.
The rule itself is modelled on statistical confidentiality, art. 38 ust. 2 of the public statistics
act (fewer than 3 units, or one unit over 3/4), which does not govern these reports (they are not
official statistics): the texts say "wzorowana na", never "zgodnie z".

Applies to regional and national reports only. The LSR card goes back to the LSR that reported
the figures, so nothing in it is suppressed (see ``lsr.py``).

Primary suppression of a count cell:
* a count of 1 or 2 persons is shown as ``<3``;
* an aggregate made of fewer than ``MIN_UNITS`` contributing LSRs, or where one LSR contributes
  more than ``DOMINANCE`` of the value, is shown as ``X``.
Secondary suppression: in a table with row and column totals, a row or column never has exactly
one hidden cell (it could be recovered by subtraction); the smallest other non-zero cell of that
line is hidden as ``X`` too. Zero is shown as ``–``. A table whose rows must not be added up (stocks and
flows of participants) has no totals row, and only its rows are protected (``protect_rows``).
A table by units (LSRs of a region, regions of the country) has no totals row of its own, but the total
of each column is printed elsewhere (key indicators, the trend table): the column and that total are one
line (``protect_total``), so a single hidden unit can never be recovered as total − the visible units.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..lang import num

SMALL_COUNT = 3
DOMINANCE = 0.75
MIN_UNITS = 3

NOTE = ("Kategorie uczestników dotyczą zdrowia i uzależnień (szczególne kategorie danych, art. 9 RODO), dlatego "
        "liczebności uczestników chroni reguła wzorowana na tajemnicy statystycznej (art. 38 ust. 2 ustawy "
        "o statystyce publicznej, która tego raportu nie obejmuje): liczebności mniejsze niż 3 oznaczono „<3”, "
        "a wartości, które tworzą mniej niż 3 LSR albo w których jedna LSR ma ponad 3/4 sumy, oznaczono „X”; "
        "„X” oznacza też wartości ukryte, aby nie dało się ich odtworzyć z sum lub odsetków. „–” oznacza zero. "
        "Suma w wierszu „Razem” obejmuje także wartości ukryte.")
UNIT_NOTE = ("W tabeli porównawczej liczebności uczestników mniejsze niż 3 oznaczono „<3”, a „X” oznacza "
             "liczebność ukrytą, także po to, aby nie dało się jej odtworzyć z sumy (ochrona danych o zdrowiu "
             "i uzależnieniach, art. 9 RODO).")


@dataclass
class Cell:
    """One count cell: its value, the per-LSR contributions (None for a single unit) and the mark."""

    value: float
    parts: list[float] | None = None
    mark: str | None = None

    def text(self) -> str:
        if self.mark:
            return self.mark
        return "–" if not self.value else num(self.value)


def primary(cell: Cell) -> None:
    """Mark a cell that may not be published on its own."""
    if not cell.value:
        return
    if cell.value < SMALL_COUNT:
        cell.mark = "<3"
    elif cell.parts is not None:
        contributing = [p for p in cell.parts if p]
        if len(contributing) < MIN_UNITS or max(contributing) > DOMINANCE * cell.value:
            cell.mark = "X"


def _secondary_line(line: list[Cell]) -> bool:
    hidden = [c for c in line if c.mark]
    if len(hidden) != 1:
        return False
    candidates = [c for c in line if not c.mark and c.value]
    if not candidates:
        return False
    min(candidates, key=lambda c: c.value).mark = "X"
    return True


def protect_table(matrix: list[list[Cell]]) -> list[list[Cell]]:
    """Primary and secondary suppression of a table whose last row and last column are totals."""
    for row in matrix:
        for cell in row:
            primary(cell)
    changed = True
    while changed:
        changed = False
        for row in matrix:
            changed |= _secondary_line(row)
        for col in zip(*matrix):
            changed |= _secondary_line(list(col))
    return matrix


def protect_rows(matrix: list[list[Cell]]) -> list[list[Cell]]:
    """Suppression of a table whose rows are not added up (no totals row), each row ending with its
    total (women, men, both): primary marks, then no row with exactly one hidden cell."""
    for row in matrix:
        for cell in row:
            primary(cell)
        while _secondary_line(row):
            pass
    return matrix


def protect_total(cells: dict[str, Cell], total: Cell) -> None:
    """Secondary suppression of a column of unit cells (already marked by ``primary``) whose ``total``
    is published in another table (with its own mark): the cells and the total are one line, which never
    has exactly one hidden cell. The cells are taken in the order of their keys (TERYT or województwo
    codes), so the same figures hide the same cells in every table that shows them."""
    line = [cells[k] for k in sorted(cells)] + [total]
    while _secondary_line(line):
        pass
