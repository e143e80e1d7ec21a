"""The annotated copy a ROPS sends back: findings highlighted and commented at their cells,
plus a first sheet "Uwagi" listing them all. The input file is never modified."""
from __future__ import annotations

import warnings
from pathlib import Path

from .report import FileReport, Finding

NOTES_SHEET = "Uwagi"
FILLS = {"error": "FFC7CE", "warning": "FFEB9C"}
SEVERITY_PL = {"error": "błąd", "warning": "ostrzeżenie"}
COMMENT_AUTHOR = "ksr validate"


def annotated_name(path: Path) -> str:
    return f"{path.stem}_uwagi.xlsx"


def _by_cell(findings: list[Finding]) -> dict[tuple[str, str], list[Finding]]:
    out: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        if f.sheet and f.cell:
            out.setdefault((f.sheet, f.cell), []).append(f)
    return out


def _mark_cells(wb, findings: list[Finding]) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    for (sheet, ref), items in _by_cell(findings).items():
        if sheet not in wb.sheetnames:
            continue
        cell = wb[sheet][ref]
        if type(cell).__name__ == "MergedCell":
            continue
        severity = "error" if any(f.severity == "error" for f in items) else "warning"
        cell.fill = PatternFill("solid", fgColor=FILLS[severity])
        text = "\n".join(f"[{SEVERITY_PL[f.severity]} {f.code}] {f.message}" for f in items)
        comment = Comment(text[:30000], COMMENT_AUTHOR)
        comment.width, comment.height = 420, min(600, 60 + 40 * len(items))
        cell.comment = comment


def _notes_sheet(wb, report: FileReport) -> None:
    from openpyxl.styles import Font, PatternFill

    ws = wb.create_sheet(NOTES_SHEET, 0)
    ws.append([f"Uwagi do pliku {report.path.name}: status „{report.status}”, błędy: {len(report.errors)}, "
               f"ostrzeżenia: {len(report.warnings)}"])
    ws["A1"].font = Font(bold=True, size=12)
    ws.append(["Poziom", "Kod", "Arkusz", "Komórka", "Komunikat"])
    for c in ws[2]:
        c.font = Font(bold=True)
    for f in report.issues:
        ws.append([SEVERITY_PL[f.severity], f.code, f.sheet, f.cell, f.message])
        for c in ws[ws.max_row]:
            c.data_type = "s"      # input-derived text stays text (a leading '=' is not a formula)
        ws.cell(ws.max_row, 1).fill = PatternFill("solid", fgColor=FILLS[f.severity])
    for col, width in zip("ABCDE", (13, 26, 16, 10, 120)):
        ws.column_dimensions[col].width = width
    wb.active = 0
    for other in wb.worksheets[1:]:
        other.sheet_view.tabSelected = False


def annotate(file_report: FileReport, outdir, name: str | None = None) -> Path | None:
    """Write ``<name>_uwagi.xlsx`` (or ``name``) into ``outdir`` for a readable file with findings; None otherwise.

    Unreadable files (wrong format, encrypted, zip bombs, foreign workbooks) get no copy:
    there is nothing safe to annotate, and the run report names their problem.
    """
    if file_report.status == "unreadable" or not file_report.issues:
        return None
    import openpyxl

    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")     # openpyxl: unsupported extensions (e.g. data validation lists)
        wb = openpyxl.load_workbook(file_report.path, keep_vba=False, rich_text=False)
    _mark_cells(wb, file_report.issues)
    _notes_sheet(wb, file_report)
    target = outdir / (name or annotated_name(file_report.path))
    if target.resolve() == Path(file_report.path).resolve():
        raise ValueError("annotated copy would overwrite the input")
    wb.save(target)
    return target


def annotate_many(reports: list[FileReport], outdir, executor=None) -> list[str]:
    """Annotated copies of every report with findings, with distinct names when two inputs share a
    file name (on ``executor``, a process pool, when given). Returns the problems met (Polish), one
    per file that could not be annotated."""
    from ..pool import submit

    outdir = Path(outdir)
    used: set[str] = set()
    jobs = []
    for report in reports:
        name, n = annotated_name(report.path), 2
        while name in used:
            name, n = f"{report.path.stem}_uwagi_{n}.xlsx", n + 1
        used.add(name)
        jobs.append((report, submit(executor, annotate, report, outdir, name)))
    problems = []
    for report, job in jobs:
        try:
            report.annotated = job.result()
        except Exception as e:  # one odd file must not cost the others their copies
            problems.append(f"Nie udało się zapisać kopii z uwagami dla {report.path}: {type(e).__name__}: {e}")
    return problems
