"""Print settings and row heights of the template's visible sheets (issue 12: nothing cut, few pages).

xlsxwriter cannot measure text, and a row with an explicit height does not grow in Excel or
LibreOffice, so heights are estimated from the words and the column widths, generously enough
for LibreOffice's substitute of Calibri, which is wider.
"""
from __future__ import annotations

from .. import spec as S

BOLD, REGULAR, SMALL = 0.95, 1.05, 1.4   # characters a line per unit of column width: bold, normal, 8 pt

# Printing: A4, every column on one page width, header rows on every page, the print area limited
# to the title, headers and prepared input rows. Widths are in Excel's characters: a portrait A4
# page with these margins holds about 95 of them at 100%, a landscape one about 140. Fit to width,
# portrait always takes fewer pages (the page is taller), so a sheet turns landscape only when
# portrait would shrink its text below about 70% (wider than PORTRAIT_CHARS).
PORTRAIT_CHARS = 130
MARGIN_SIDE, MARGIN_TOP = 0.5, 0.6


def print_setup(ws, repeat: tuple[int, int] | None, last_row: int, last_col: int, width_chars: float,
                pages_tall: int = 0) -> None:
    """Print settings of one visible sheet: ``repeat`` are the first and last 0-based rows printed on
    every page (the column headers), ``last_row`` (1-based) and ``last_col`` (0-based) end the
    print area; ``pages_tall`` 0 lets the sheet run over as many pages as its rows need."""
    ws.set_paper(9)  # A4
    if width_chars > PORTRAIT_CHARS:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.set_margins(left=MARGIN_SIDE, right=MARGIN_SIDE, top=MARGIN_TOP, bottom=MARGIN_TOP)
    ws.fit_to_pages(1, pages_tall)
    if repeat:
        ws.repeat_rows(*repeat)
    ws.print_area(0, 0, last_row - 1, last_col)
    ws.set_footer("&L&A&RStrona &P z &N")


def _lines(text: str, chars: float) -> int:
    """Lines ``text`` takes when wrapped at spaces in a cell holding ``chars`` characters a line."""
    lines, used = 1, 0
    for word in text.split():
        need = len(word) + (1 if used else 0)
        if used and used + need > chars:
            lines, used = lines + 1, len(word)
        else:
            used += need
    return lines


def row_height(texts: list[tuple[str, float]], line_points: float = 15.0) -> float:
    """Points a row needs so that no wrapped text is cut: ``texts`` are (text, characters a line).

    Excel and LibreOffice do not grow a row with an explicit height; the estimate is generous
    (LibreOffice's substitute for Calibri is wider), so every header is readable in both."""
    return line_points * max((_lines(t, chars) for t, chars in texts if t), default=1) + 4


def column_width(col: S.Column) -> float:
    """The column's width, wide enough for the longest word of its header (bold)."""
    longest = max(len(w) for w in (col.label + (" *" if col.required else "")).split())
    return max(col.width, round(longest * 1.15 + 1))
