"""``Package``: what the pre-flight learnt about a workbook's container and sheets, for the reader
and the checks that calamine cannot serve (formulas, hidden rows, merged ranges, PESEL candidates)."""
from __future__ import annotations

from dataclasses import dataclass, field

from .limits import LSR, Limits


@dataclass
class Package:
    """What the container told us about each sheet (by sheet name)."""

    formulas: dict[str, list[tuple[str, str]]] = field(default_factory=dict)   # (A1 ref, formula text)
    hidden_rows: dict[str, list[int]] = field(default_factory=dict)
    merged: dict[str, list[tuple[tuple[int, int], tuple[int, int]]]] = field(default_factory=dict)  # 0-based
    pesel_candidates: bool = False      # some 11-digit number or text exists: worth a full PESEL scan
    sha256: str = ""                    # of the file's bytes, when it was read whole (small files)
    sheet_names: list[str] = field(default_factory=list)   # as workbook.xml lists them
    diverted: bool = False              # a sheet named ``divert`` exists: the sheets were not scanned
    foreign: bool = False               # the sheet marking our kind of workbook is missing: not scanned either
    limits: Limits = LSR                # a value beyond them is refused (FILE_DIMENSIONS), and more cells
    strings: bytes = b""                # the shared strings, while the sheets are scanned
    strings_parts: int = 0              # members calamine may take for them (it matches the name in any case)
    cells: dict[str, int] = field(default_factory=dict)    # cells per scanned sheet (or part)

    @property
    def max_rows(self) -> int:
        return self.limits.rows

    @property
    def max_cols(self) -> int:
        return self.limits.cols

    @property
    def max_cells(self) -> int:
        return self.limits.cells


def spaced(n: int) -> str:
    """A whole number with a space between thousands (as Polish texts write it)."""
    return f"{n:,}".replace(",", " ")
