"""Print setup of the rollup workbook's sheets for people: A4, orientation, fit to the page width,
repeated header rows (and the label column where a sheet is printed across pages), and a page
header and footer in Polish ("Strona 3 z 7")."""
from __future__ import annotations

A4 = 9                     # xlsxwriter / Excel paper code


def _header_text(text: str) -> str:
    """Text for an Excel page header: "&" is a control character there, so it is doubled."""
    return text.replace("&", "&&")[:200]


def page_setup(ws, title: str, *, landscape: bool, header_rows: tuple[int, int] | None,
               pages_wide: int = 1, repeat_cols: tuple[int, int] | None = None) -> None:
    """Set the print options of one sheet: fitted to ``pages_wide`` pages across, as many down as
    needed; ``title`` goes into the page header (left), "Strona n z m" into the footer."""
    ws.set_paper(A4)
    if landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.set_margins(left=0.5, right=0.5, top=0.75, bottom=0.75)
    ws.fit_to_pages(pages_wide, 0)
    if header_rows is not None:
        ws.repeat_rows(*header_rows)
    if repeat_cols is not None:
        ws.repeat_columns(*repeat_cols)
    ws.set_header(f"&L&9{_header_text(title)}")
    ws.set_footer("&C&9Strona &P z &N")
