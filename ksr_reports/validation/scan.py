"""What the spec-driven reader skips: merged ranges (found by the pre-flight) and PESEL numbers
anywhere in the workbook, hidden sheets too (one more calamine pass, only when needed)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


from .. import spec as S
from ..intake import Package, open_workbook
from .privacy import pesels_in


@dataclass
class Scan:
    merged: dict[str, list[tuple[tuple[int, int], tuple[int, int]]]] = field(default_factory=dict)  # 0-based
    pesels: list[tuple[str, str, str]] = field(default_factory=list)    # (sheet, A1 ref, pesel)


def _pesels_in_rows(name: str, rows: list[list], out: list) -> None:
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if value == "" or value is None:
                continue
            for pesel in pesels_in(value):
                out.append((name, S.a1(r, c), pesel))


def scan_workbook(path: Path, package: Package) -> Scan:
    """Merged ranges (from the pre-flight) and PESEL hits of every sheet.

    The full calamine pass runs only when the pre-flight saw an 11-digit number or text
    anywhere in the file; otherwise no PESEL can be there. Call only after the pre-flight passed.
    """
    scan = Scan(merged=package.merged)
    if not package.pesel_candidates:
        return scan
    wb = open_workbook(path)
    try:
        for name in wb.sheet_names:
            _pesels_in_rows(name, wb.get_sheet_by_name(name).to_python(skip_empty_area=False), scan.pesels)
    finally:
        wb.close()
    return scan
