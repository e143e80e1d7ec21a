"""Run all checks on a file. (Minimal first version: read errors, type problems, balances.)"""
from __future__ import annotations

import hashlib
from pathlib import Path

from ..balances import check_balances
from ..reader import ReadError, read_raw, to_typed
from .. import spec as S
from .report import FileReport, Finding, RunReport


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def validate_file(path, *, period: str | None = None, terc=None) -> FileReport:
    """Validate one workbook; never raises for bad content (unreadable files get status 'unreadable')."""
    path = Path(path)
    report = FileReport(path)
    try:
        report.sha256 = _sha256(path)
        raw = read_raw(path)
    except (ReadError, OSError) as e:
        code = getattr(e, "code", "FILE_UNREADABLE")
        report.unreadable = True
        report.issues.append(Finding("error", code, "", "", f"Nie można odczytać pliku: {code}."))
        return report
    data = to_typed(raw)
    report.data, report.lsr_id, report.period = data, data.lsr_id, data.period
    for p in data.problems:
        report.issues.append(Finding("error", p.code, p.cell.sheet, p.cell.ref,
                                     f"{p.cell.where}: niepoprawna wartość „{p.cell.value}” ({p.code})."))
    for b in check_balances(data.grids):
        report.issues.append(Finding("error", f"BALANCE_{b.balance.upper()}", S.PARTICIPANTS.name, b.cell,
                                     f"{S.PARTICIPANTS.name}!{b.cell}: {b.left} ≠ {b.formula}."))
    return report


def validate_paths(paths, **kwargs) -> RunReport:
    """Validate every file given (folders are searched for .xlsx)."""
    files: list[Path] = []
    for p in map(Path, paths):
        files += sorted(p.rglob("*.xlsx")) if p.is_dir() else [p]
    return RunReport([validate_file(f, **kwargs) for f in files])
