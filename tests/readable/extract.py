"""All text a person reads from ksr's outputs, as snippets with a source, a location and a kind.

Word files (body paragraphs and tables, headers and footers, title and subject), workbooks
(visible cells of visible sheets, cell comments and their author, data-validation prompts and
error messages, chart titles and labels), feedback texts and run summaries, console output.
The ``kind`` tells the checkers what rules apply: paths are allowed on the console and in the
summaries (issue 12: "console summaries keep full paths"), not in documents.
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

DOCUMENT = "document"        # Word reports and workbooks: no paths, no command names
FORM = "form"                # the LSR template and its annotated copies: as documents, but the period
                             # codes people type or pick ("2025-H1") are their input, not internals
SUMMARY = "summary"          # feedback texts, podsumowanie.txt: file names allowed, paths only in "Wyniki"
CONSOLE = "console"          # console output: paths allowed
CODE_COLUMN_HEADERS = ("kod",)   # the annotated copy's small last column for support staff (issue 12, item 2)


@dataclass(frozen=True)
class Snippet:
    source: str       # file name (relative to the folder checked) or console command
    location: str     # where in the source, in words a developer can find
    text: str
    kind: str = DOCUMENT
    code_column: bool = False   # a cell of the annotated copy's "Kod" column: internal codes allowed


# --- Word --------------------------------------------------------------------------------------

def docx_snippets(path: Path, source: str | None = None) -> list[Snippet]:
    """Paragraphs (body, tables, nested tables, text boxes), headers, footers, title and subject."""
    from docx import Document
    from docx.oxml.ns import qn

    source = source or path.name
    doc = Document(str(path))
    out: list[Snippet] = []
    props = doc.core_properties
    for name in ("title", "subject"):
        value = getattr(props, name) or ""
        if value.strip():
            out.append(Snippet(source, f"właściwości: {name}", value))

    def paragraphs(element, where: str) -> None:
        tables = 0
        for child in element.iterchildren():
            if child.tag == qn("w:p"):
                _add(out, source, f"{where}, akapit", _paragraph_text(child))
            elif child.tag == qn("w:tbl"):
                tables += 1
                for r, row in enumerate(child.iter(qn("w:tr")), 1):
                    for c, cell in enumerate(row.iterchildren(qn("w:tc")), 1):
                        for p in cell.iterchildren(qn("w:p")):
                            _add(out, source, f"{where}, tabela {tables} w{r} k{c}", _paragraph_text(p))
            elif child.tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    paragraphs(content, where)

    paragraphs(doc.element.body, "treść")
    for i, section in enumerate(doc.sections, 1):
        for label, part in (("nagłówek", section.header), ("stopka", section.footer),
                            ("nagłówek 1. strony", section.first_page_header),
                            ("stopka 1. strony", section.first_page_footer)):
            if part.is_linked_to_previous and i > 1:
                continue
            paragraphs(part._element, f"sekcja {i} {label}")   # noqa: SLF001 (lxml element of the part)
    return _numbered(out)


def _paragraph_text(p) -> str:
    """The visible text of a paragraph: runs, tabs and breaks, text boxes inside it; no field codes."""
    from docx.oxml.ns import qn

    parts = []
    for el in p.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:delText")):
        if el.tag == qn("w:t"):
            parts.append(el.text or "")
        elif el.tag in (qn("w:tab"), qn("w:br")):
            parts.append(" ")
    return "".join(parts)


def _add(out: list[Snippet], source: str, location: str, text: str, kind: str = DOCUMENT) -> None:
    if text and text.strip():
        out.append(Snippet(source, location, text, kind))


def _numbered(items: list[Snippet]) -> list[Snippet]:
    """Numbers repeated locations ("treść, akapit" → "treść, akapit 12") so a problem can be found."""
    seen: dict[str, int] = {}
    out = []
    for s in items:
        if s.location.endswith("akapit"):
            seen[s.location] = seen.get(s.location, 0) + 1
            s = Snippet(s.source, f"{s.location} {seen[s.location]}", s.text, s.kind)
        out.append(s)
    return out


# --- Excel -------------------------------------------------------------------------------------

def xlsx_snippets(path: Path, source: str | None = None) -> list[Snippet]:
    """Visible text cells of visible sheets (not hidden rows or columns), comments, validation
    prompts and messages, sheet headers/footers, sheet names, chart titles and labels.

    Files are loaded fully (not read-only) to see hidden rows/columns, comments and data
    validation; ksr's outputs are small (under 1 MB)."""
    import openpyxl
    from openpyxl.utils import get_column_letter

    source = source or path.name
    wb = openpyxl.load_workbook(path, data_only=False)
    kind = FORM if "Metryczka" in wb.sheetnames else DOCUMENT
    out: list[Snippet] = []
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        out.append(Snippet(source, f"nazwa arkusza {ws.title}", ws.title, kind))
        hidden_cols = {k for k, d in ws.column_dimensions.items() if d.hidden}
        hidden_rows = {k for k, d in ws.row_dimensions.items() if d.hidden}
        code_cols = _code_columns(ws)
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None or cell.row in hidden_rows:
                    continue
                col = get_column_letter(cell.column)
                if col in hidden_cols:
                    continue
                where = f"{ws.title}!{cell.coordinate}"
                if isinstance(cell.value, str) and not cell.value.startswith("="):
                    out.append(Snippet(source, where, cell.value, kind, code_column=col in code_cols))
                if cell.comment is not None:
                    _add(out, source, f"{where} komentarz", cell.comment.text, kind)
                    _add(out, source, f"{where} autor komentarza", cell.comment.author or "", kind)
        for dv in ws.data_validations.dataValidation:
            for name in ("promptTitle", "prompt", "errorTitle", "error"):
                _add(out, source, f"{ws.title} {dv.sqref} podpowiedź ({name})", getattr(dv, name) or "", kind)
        for label, hf in (("nagłówek", ws.oddHeader), ("stopka", ws.oddFooter)):
            for part in (hf.left, hf.center, hf.right):
                _add(out, source, f"{ws.title} {label} wydruku", _strip_hf_codes(part.text or ""), kind)
    cells = {s.text for s in out}
    return out + [s for s in _chart_snippets(path, source, kind) if s.text not in cells]


def _code_columns(ws) -> set[str]:
    """Columns whose header (in the first five rows) is "Kod": the annotated copy's support column."""
    from openpyxl.utils import get_column_letter

    cols = set()
    for row in ws.iter_rows(min_row=1, max_row=5):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.strip().lower() in CODE_COLUMN_HEADERS:
                cols.add(get_column_letter(cell.column))
    return cols if ws.title.lower().startswith("uwagi") else set()


def _strip_hf_codes(text: str) -> str:
    """Header/footer text without Excel's formatting codes (&P, &N, &"Arial,Bold", &12 …)."""
    return re.sub(r'&(?:"[^"]*"|\d+|[A-Za-z])', " ", text)


_CHART_TEXT = re.compile(r"<(?:a:t|c:v)>([^<]*)</(?:a:t|c:v)>")


def _chart_snippets(path: Path, source: str, kind: str) -> list[Snippet]:
    """Titles, axis titles and category labels of the workbook's charts (from the chart parts)."""
    out = []
    with zipfile.ZipFile(path) as z:
        for name in sorted(n for n in z.namelist() if n.startswith("xl/charts/chart") and n.endswith(".xml")):
            xml = z.read(name).decode("utf-8", "replace")
            for i, text in enumerate(_CHART_TEXT.findall(xml), 1):
                text = _unescape(text)
                if not _is_number(text):
                    _add(out, source, f"wykres {Path(name).stem} tekst {i}", text, kind)
    return out


def _unescape(text: str) -> str:
    from xml.sax.saxutils import unescape

    return unescape(text, {"&quot;": '"', "&apos;": "'"})


def _is_number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


# --- plain texts and folders -------------------------------------------------------------------

def text_snippets(path: Path, source: str | None = None, kind: str = SUMMARY) -> list[Snippet]:
    """A feedback text or run summary, line by line."""
    source = source or path.name
    lines = path.read_text(encoding="utf-8").splitlines()
    return [Snippet(source, f"wiersz {i}", line, kind) for i, line in enumerate(lines, 1) if line.strip()]


def console_snippets(command: str, output: str) -> list[Snippet]:
    """Console output of one command, line by line (paths allowed); a word that click's help wrapped
    at its hyphen ("register-" / "template") is joined again."""
    output = re.sub(r"-\n\s+(?=[a-ząćęłńóśźż])", "-", output)
    return [Snippet(command, f"wiersz {i}", line, CONSOLE) for i, line in enumerate(output.splitlines(), 1)
            if line.strip()]


NOT_READ = ("podsumowanie.json",)   # machine-readable by design (issue 12: not checked)


def folder_snippets(folder: Path, skip_dirs: tuple[str, ...] = ()) -> list[Snippet]:
    """Every readable output in ``folder`` (recursively): .docx, .xlsx, .txt; sources are relative paths.

    ``skip_dirs``: names of subfolders not to enter (e.g. the demo's input samples)."""
    folder = Path(folder)
    out: list[Snippet] = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if not path.is_file() or path.name in NOT_READ or any(part in skip_dirs for part in rel.parts[:-1]):
            continue
        if path.name.startswith(("~$", ".")):
            continue
        source = rel.as_posix()
        if path.suffix == ".docx":
            out += docx_snippets(path, source)
        elif path.suffix == ".xlsx":
            out += xlsx_snippets(path, source)
        elif path.suffix == ".txt":
            out += text_snippets(path, source)
    return out
