"""The annotated copy a ROPS sends back: findings highlighted and commented at their cells,
plus a first sheet "Uwagi" listing them all. The input file is never modified."""
from __future__ import annotations

from pathlib import Path

from .. import lang
from .report import FileReport, Finding

NOTES_SHEET = "Uwagi"
FILLS = {"error": "FFC7CE", "warning": "FFEB9C"}
SEVERITY_PL = {"error": "błąd", "warning": "ostrzeżenie"}
STATUS_PL = {"invalid": "zawiera błędy – nie może być przyjęty do zestawienia, dopóki nie zostaną poprawione",
             "warnings": "poprawny, z ostrzeżeniami – sprawdź wskazane wartości",
             "valid": "poprawny"}
COMMENT_AUTHOR = "Sprawdzenie arkusza LSR"
# The "Uwagi" table: header, width (characters), wrapped; where → what → how to fix, the code last and small.
COLUMNS = (("Arkusz", 14, False), ("Komórka", 9, False), ("Kolumna lub pole", 24, True), ("Rodzaj", 12, False),
           ("Co jest nie tak", 58, True), ("Jak poprawić", 46, True), ("Kod", 19, False))
HEADER_ROW = 4
NO_PLACE = "–"
FONT = "Calibri"


def annotated_name(path: Path) -> str:
    return f"{path.stem}_uwagi.xlsx"


def _by_cell(findings: list[Finding]) -> dict[tuple[str, str], list[Finding]]:
    out: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        if f.sheet and f.cell:
            out.setdefault((f.sheet, f.cell), []).append(f)
    return out


def _what(f: Finding) -> str:
    """What is wrong, as a sentence (the catalogue's text follows "where: " in lower case)."""
    text = f.what or f.message
    return text[:1].upper() + text[1:]


def comment_text(items: list[Finding]) -> str:
    """The comment at a cell: "Błąd: … Jak poprawić: …" per finding, no internal codes."""
    parts = []
    for f in items:
        fix = f" Jak poprawić: {f.fix}" if f.fix else ""
        note = f" {_explained(f)}" if f.explanation else ""
        parts.append(f"{SEVERITY_PL[f.severity].capitalize()}: {_what(f)}{fix}{note}")
    return "\n\n".join(parts)


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
        text = comment_text(items)
        comment = Comment(text[:30000], COMMENT_AUTHOR)
        comment.width, comment.height = 420, min(600, 40 + 16 * (len(text) // 60 + 2 * len(items)))
        cell.comment = comment


def _status_line(report: FileReport) -> str:
    found = [lang.count(n, *forms) for n, forms in ((len(report.errors), ("błąd", "błędy", "błędów")),
                                                     (len(report.warnings), ("ostrzeżenie", "ostrzeżenia", "ostrzeżeń")))
             if n]
    return (f"Wynik sprawdzenia: plik {STATUS_PL.get(report.status, report.status)}. Znaleziono: {lang.join(found)}. "
            "Komórki z błędami są zaznaczone na czerwono, z ostrzeżeniami – na żółto; opis jest też w komentarzu "
            "komórki. Po poprawieniu zmień datę wypełnienia w metryczce i prześlij plik ponownie.")


def _explained(f: Finding) -> str:
    """The coordinator's explanation of a warning (sheet „Wyjaśnienia” of a 2.0 workbook)."""
    return f"Wyjaśnienie koordynatora: „{f.explanation}”"


def _row(f: Finding) -> list[str]:
    fix = f"{f.fix}\n{_explained(f)}" if f.explanation else f.fix
    return [f.sheet or "cały plik", f.cell or NO_PLACE, f.label or NO_PLACE, SEVERITY_PL[f.severity],
            _what(f), fix, f.code]


def _row_height(values: list[str]) -> float:
    """Points for a row whose wrapped cells hold ``values`` (openpyxl cannot measure text; a generous
    estimate keeps every line visible in Excel and LibreOffice, whose default font is wider)."""
    lines = 1
    for (_, width, wrapped), value in zip(COLUMNS, values):
        if wrapped and value:
            lines = max(lines, sum(-(-max(len(part), 1) // int(width * 0.95)) for part in str(value).split("\n")))
    return 15.0 * lines + 3


def _notes_sheet(wb, report: FileReport) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    ws = wb.create_sheet(NOTES_SHEET, 0)
    last = len(COLUMNS)
    ws.cell(1, 1, f"Uwagi do pliku {report.path.name}").font = Font(name=FONT, bold=True, size=13)
    ws.cell(1, 1).data_type = "s"
    status = ws.cell(2, 1, _status_line(report))
    status.alignment, status.font = Alignment(wrap_text=True, vertical="top"), Font(name=FONT)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=last)
    ws.row_dimensions[2].height = 34
    header_fill = PatternFill("solid", fgColor="D9E2F3")
    for c, (title, width, _) in enumerate(COLUMNS, start=1):
        cell = ws.cell(HEADER_ROW, c, title)
        cell.font, cell.fill = Font(name=FONT, bold=True), header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[cell.column_letter].width = width
    wrap_top, body = Alignment(wrap_text=True, vertical="top"), Font(name=FONT)
    for f in report.issues:
        values = _row(f)
        ws.append(values)
        r = ws.max_row
        for c, cell in enumerate(ws[r], start=1):
            cell.data_type = "s"      # input-derived text stays text (a leading '=' is not a formula)
            cell.alignment, cell.font = wrap_top, body
        ws.cell(r, 4).fill = PatternFill("solid", fgColor=FILLS[f.severity])
        ws.cell(r, last).font = Font(name=FONT, size=8, color="808080")
        ws.cell(r, last).alignment = Alignment(vertical="top")     # a code is one word: never broken
        ws.row_dimensions[r].height = _row_height(values)
    ws.cell(HEADER_ROW, last).font = Font(name=FONT, bold=True, size=8, color="595959")
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1)
    _print_setup(ws, last)
    wb.active = 0
    for other in wb.worksheets[1:]:
        other.sheet_view.tabSelected = False


def _print_setup(ws, last_col: int) -> None:
    """A4 landscape, every column on one page width, the header row on every page."""
    from openpyxl.utils import get_column_letter

    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.print_area = f"A1:{get_column_letter(last_col)}{max(ws.max_row, HEADER_ROW)}"
    ws.oddFooter.left.text = "&A"
    ws.oddFooter.right.text = "Strona &P z &N"


def annotate(file_report: FileReport, outdir, name: str | None = None) -> Path | None:
    """Write ``<name>_uwagi.xlsx`` (or ``name``) into ``outdir`` for a readable file with findings; None otherwise.

    Unreadable files (wrong format, encrypted, zip bombs, foreign workbooks) get no copy:
    there is nothing safe to annotate, and the run report names their problem.
    """
    if file_report.status == "unreadable" or not file_report.issues:
        return None
    from ..intake.editing import open_for_copy

    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    wb = open_for_copy(file_report.path)
    _mark_cells(wb, file_report.issues)
    _notes_sheet(wb, file_report)
    target = outdir / (name or annotated_name(file_report.path))
    if target.resolve() == Path(file_report.path).resolve():
        raise ValueError("annotated copy would overwrite the input")
    wb.save(target)
    return target


def annotate_many(reports: list[FileReport], outdir, executor=None, names: dict | None = None) -> list[str]:
    """Annotated copies of every report with findings (on ``executor``, a process pool, when given).

    ``names`` maps an input path to the copy's file name (``ksr run`` names feedback files itself);
    otherwise names are made distinct when two inputs share a file name. Sets ``report.annotated``
    and returns the problems met (Polish), one per file that could not be annotated."""
    from ..pool import submit

    outdir = Path(outdir)
    used: set[str] = set()
    jobs = []
    for report in reports:
        if names is not None:
            name = names[report.path]
        else:
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
            problems.append(f"Nie udało się zapisać kopii z uwagami dla pliku {report.path}: {e}")
    return problems
