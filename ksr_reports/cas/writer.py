"""Writing the figures of the KIS annual report to one sheet, "Sprawozdanie KIS" (xlsxwriter).

Safety: text never becomes a formula, a link or a number (``strings_to_formulas``/``urls``/``numbers``
off, every text through ``write_string``): a KIS name starting with "=" stays text. Print: A4
portrait, fitted to the page width, the title rows repeated on every page, "Strona n z m" below.
Reproducible: the creation date is the workbook's fill date, so the same input gives the same bytes.
"""
from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import xlsxwriter

from .. import lang
from ..errors import KsrError
from ..intake.codes import os_error_text
from .model import CasFigures, Facts, Table

SHEET = "Sprawozdanie KIS"
TITLE = "Dane do sprawozdania rocznego klubu integracji społecznej"
WIDTHS = (42, 11, 11, 11)           # label column, three value columns: narrow enough to print at ~100 %
LAST = len(WIDTHS) - 1
BOLD = 0.88                         # share of a column's width a bold text may count on
SMALL = 1.2                         # the same for the 9-point text of a missing figure
LINE = 15                           # points per line of wrapped text (and the default row height)
TITLE_HEIGHT = 21                   # the 14-point title row
SECTION_HEIGHT = 21                 # a section's title row: some air above the rule under it
REPEATED = 2                        # rows repeated at the top of every printed page (title, KIS and period)
# Points of rows on one printed page: A4 (842 pt) less the top and bottom margins (2 × 54 pt) and some
# room for LibreOffice's and Excel's own rounding; the sheet is printed at about 100 % (fit to width).
PAGE_HEIGHT = 842 - 2 * 54 - 20
INTRO = ("Liczby z arkusza monitoringu Lokalnej Sieci na rzecz Reintegracji, ułożone według kategorii "
         "sprawozdania rocznego KIS dla wojewody i danych o klubach integracji społecznej zbieranych przez "
         "ministerstwo w Centralnej Aplikacji Statystycznej (CAS). Przepisz je do formularza; pozycje, "
         "których arkusz nie zawiera, wymienia ostatnia część.")
A4 = 9


class _Formats:
    def __init__(self, wb):
        add = wb.add_format
        box = {"border": 1, "border_color": "#BFBFBF", "valign": "top"}
        total = {**box, "bold": True, "bg_color": "#E2EFDA"}
        self.title = add({"bold": True, "font_size": 14, "font_color": "#1F3864"})
        self.subtitle = add({"bold": True, "font_size": 11})
        self.note = add({"italic": True, "font_color": "#404040", "text_wrap": True, "valign": "top"})
        self.alert = add({"bold": True, "font_color": "#9C5700", "bg_color": "#FFEB9C", "text_wrap": True,
                          "valign": "top", "border": 1, "border_color": "#BFBFBF"})
        self.section = add({"bold": True, "font_size": 11, "font_color": "#1F3864", "bottom": 2,
                            "bottom_color": "#1F3864", "valign": "bottom", "text_wrap": True})
        self.header = add({**box, "bold": True, "bg_color": "#D9E2F3", "text_wrap": True})
        self.label = add({**box, "text_wrap": True})
        self.key = add({**box, "text_wrap": True, "bold": True, "bg_color": "#F2F2F2"})
        self.value = add({**box, "text_wrap": True})
        self.labels = {"item": self.label, "sub": add({**box, "text_wrap": True, "indent": 2}),
                       "group": add({**box, "text_wrap": True, "bold": True}),
                       "total": add({**total, "text_wrap": True})}
        self.numbers = {}
        for kind, pattern in (("int", "#,##0"), ("dec", "#,##0.00")):
            self.numbers[kind, "item"] = self.numbers[kind, "sub"] = add({**box, "num_format": pattern})
            self.numbers[kind, "group"] = add({**box, "num_format": pattern, "bold": True})
            self.numbers[kind, "total"] = add({**total, "num_format": pattern})
        self.absent = add({**box, "italic": True, "font_color": "#7F7F7F", "text_wrap": True, "align": "center",
                           "font_size": 9})


def _lines(text: str, width: float) -> int:
    """Lines a wrapped text takes in a column ``width`` characters wide (words are not split;
    a column holds about 1.1 characters of ordinary text per unit of width, bold text is
    passed with ``BOLD`` of the width: Excel and LibreOffice must never cut a line)."""
    per_line = max(1, int(width * 1.1))
    count = 0
    for paragraph in str(text).split("\n"):
        length, lines = 0, 1
        for word in paragraph.split():
            if length and length + 1 + len(word) > per_line:
                lines += 1
                length = len(word)
            else:
                length += (1 if length else 0) + len(word)
        count += lines
    return count


class _Sheet:
    """The sheet being written: the next free row, each row's height (points) and where each
    section starts and ends, so that page breaks can keep a section on one page."""

    def __init__(self, ws, f: _Formats):
        self.ws, self.f, self.row = ws, f, 0
        self.heights: dict[int, float] = {}
        self.blocks: list[tuple[int, int]] = []     # (first row, last row) of each section

    def fit(self, *cells: tuple[str, float], base: float = LINE) -> None:
        """Height of the current row: as many lines as its longest wrapped text needs."""
        lines = max(_lines(text, width) for text, width in cells)
        height = max(base, LINE * lines)
        self.heights[self.row] = height
        if height != LINE:
            self.ws.set_row(self.row, height)

    def note(self, text: str, fmt) -> None:
        self.ws.merge_range(self.row, 0, self.row, LAST, text, fmt)
        self.fit((text, sum(WIDTHS)))
        self.row += 1

    def title(self, text: str) -> None:
        self.ws.merge_range(self.row, 0, self.row, LAST, text, self.f.section)
        self.fit((text, sum(WIDTHS) * BOLD), base=SECTION_HEIGHT)
        self.row += 1

    def label_and_text(self, label: str, text: str, label_fmt, text_fmt) -> None:
        """A label in column A and a wrapped text merged over the value columns."""
        self.ws.write_string(self.row, 0, label, label_fmt)
        self.ws.merge_range(self.row, 1, self.row, LAST, "", text_fmt)
        self.ws.write_string(self.row, 1, text, text_fmt)
        label_share = 1 if label_fmt is self.f.label else BOLD      # the key column and headers are bold
        text_share = BOLD if text_fmt is self.f.header else 1
        self.fit((label, WIDTHS[0] * label_share), (text, sum(WIDTHS[1:]) * text_share))
        self.row += 1

    def section(self, write) -> None:
        """Write one section with ``write()`` and remember its rows; a blank row follows."""
        first = self.row
        write()
        self.blocks.append((first, self.row - 1))
        self.row += 1

    def page_breaks(self) -> list[int]:
        """Rows to start a new page at: before a section that would otherwise be split, when it
        fits on one page (a longer one is split where it must)."""
        breaks, used = [], sum(self.heights.get(r, LINE) for r in range(REPEATED))
        capacity = PAGE_HEIGHT - used
        filled = 0.0
        position = REPEATED
        for first, last in self.blocks:
            gap = sum(self.heights.get(r, LINE) for r in range(position, first))
            height = sum(self.heights.get(r, LINE) for r in range(first, last + 1))
            if filled + gap + height > capacity and height <= capacity and filled > 0:
                breaks.append(first)
                filled = height
            else:
                filled += gap + height
                while filled > capacity:
                    filled -= capacity
            position = last + 1
        return breaks


def _facts(sheet: _Sheet, facts: Facts) -> None:
    sheet.title(facts.title)
    for label, value in facts.items:
        sheet.label_and_text(label, value, sheet.f.key, sheet.f.value)


def _values(sheet: _Sheet, line, kinds) -> list[tuple[str, float]]:
    """The value cells of one table line; returns the texts written (for the row height)."""
    ws, f, row = sheet.ws, sheet.f, sheet.row
    texts = [v for v in line.values if isinstance(v, str)]
    if texts and len(texts) == len(line.values) and len(set(texts)) == 1:      # one reason for the whole line
        ws.merge_range(row, 1, row, LAST, "", f.absent)
        ws.write_string(row, 1, texts[0], f.absent)
        return [(texts[0], sum(WIDTHS[1:]) * SMALL)]
    out = []
    for c, (value, kind) in enumerate(zip(line.values, kinds), start=1):
        if isinstance(value, str):
            ws.write_string(row, c, value, f.absent)
            out.append((value, WIDTHS[c] * SMALL))
        else:
            ws.write_number(row, c, value, f.numbers[kind, line.style])
    return out


def _table(sheet: _Sheet, table: Table) -> None:
    ws, f = sheet.ws, sheet.f
    sheet.title(table.title)
    if table.note:
        sheet.note(table.note, f.note)
    for c, header in enumerate(table.headers):
        ws.write_string(sheet.row, c, header, f.header)
    sheet.fit(*((h, WIDTHS[c] * BOLD) for c, h in enumerate(table.headers)))
    sheet.row += 1
    for line in table.rows:
        ws.write_string(sheet.row, 0, line.label, f.labels[line.style])
        bold = line.style in ("group", "total")
        sheet.fit((line.label, WIDTHS[0] * (BOLD if bold else 1)), *_values(sheet, line, table.kinds))
        sheet.row += 1


def _gaps(sheet: _Sheet, figures: CasFigures, number: int) -> None:
    f = sheet.f
    sheet.title(f"{number}. Czego arkusz nie zawiera")
    sheet.note("Pozycje sprawozdania, których nie da się wypełnić z tego arkusza; uzupełnij je z dokumentacji KIS.",
               f.note)
    sheet.label_and_text("Pozycja sprawozdania", "Dlaczego arkusz jej nie zawiera", f.header, f.header)
    for gap in figures.gaps:
        sheet.label_and_text(gap.item, gap.reason, f.label, f.value)


def _warnings_text(n: int, explained: int = 0) -> str:
    said = "" if not explained else " (koordynator je wyjaśnił)" if n == 1 else f" (koordynator wyjaśnił {explained} z nich)"
    return (f"Sprawdzanie arkusza zgłosiło {lang.count(n, 'ostrzeżenie', 'ostrzeżenia', 'ostrzeżeń')}{said}. Liczby "
            "przepisano bez zmian: przed wysłaniem sprawozdania upewnij się, że są prawidłowe.")


def _page_setup(ws, title: str) -> None:
    ws.set_paper(A4)
    ws.set_portrait()
    ws.set_margins(left=0.5, right=0.5, top=0.75, bottom=0.75)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0, 1)
    ws.set_header("&L&9" + title.replace("&", "&&")[:200])
    ws.set_footer("&C&9Strona &P z &N")


def _created(figures: CasFigures) -> dt.datetime:
    day = figures.filled_on
    if isinstance(day, dt.date):
        return dt.datetime(day.year, day.month, day.day)
    return dt.datetime(2000, 1, 1)


def render(figures: CasFigures) -> bytes:
    """The output workbook's bytes."""
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"strings_to_formulas": False, "strings_to_urls": False,
                                   "strings_to_numbers": False})
    heading = f"{figures.kis_name} – {lang.period(figures.period)}"
    wb.set_properties({"title": f"{TITLE} – {heading}"[:250], "author": "ksr-reports", "created": _created(figures),
                       "language": "pl-PL"})
    f = _Formats(wb)
    ws = wb.add_worksheet(SHEET)
    for c, width in enumerate(WIDTHS):
        ws.set_column(c, c, width)
    sheet = _Sheet(ws, f)
    ws.write_string(0, 0, TITLE, f.title)
    sheet.heights[0] = TITLE_HEIGHT
    ws.set_row(0, TITLE_HEIGHT)
    ws.write_string(1, 0, heading, f.subtitle)
    sheet.row = 2
    sheet.note(INTRO, f.note)
    if figures.warnings:
        sheet.note(_warnings_text(figures.warnings, figures.explained), f.alert)
    sheet.row += 1
    for section in figures.sections:
        sheet.section(lambda: _facts(sheet, section) if isinstance(section, Facts) else _table(sheet, section))
    sheet.section(lambda: _gaps(sheet, figures, len(figures.sections) + 1))
    ws.set_h_pagebreaks(sheet.page_breaks())
    _page_setup(ws, f"{TITLE} – {heading}")
    wb.close()
    return buf.getvalue()


def write_cas(figures: CasFigures, out_path) -> Path:
    """Write the output workbook; ``KsrError`` (Polish) when the file cannot be written."""
    out = Path(out_path)
    data = render(figures)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
    except OSError as e:
        raise KsrError(f"Nie można zapisać pliku {out}: {os_error_text(e)}. Sprawdź, czy katalog istnieje, czy "
                       "masz do niego prawo zapisu i czy plik nie jest otwarty w innym programie.") from e
    return out
