"""One calamine pass over every sheet (hidden ones too) for what the spec-driven reader skips:
merged ranges and PESEL numbers anywhere in the workbook."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import python_calamine as pc

from .. import spec as S
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


def scan_workbook(path: Path) -> Scan:
    """Merged ranges and PESEL hits of every sheet. Call only after the pre-flight passed."""
    scan = Scan()
    wb = pc.CalamineWorkbook.from_path(str(path))
    try:
        for name in wb.sheet_names:
            sheet = wb.get_sheet_by_name(name)
            merged = sheet.merged_cell_ranges or []
            if merged:
                scan.merged[name] = list(merged)
            _pesels_in_rows(name, sheet.to_python(skip_empty_area=False), scan.pesels)
    finally:
        wb.close()
    return scan
