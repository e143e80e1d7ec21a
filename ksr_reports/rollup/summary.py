"""The summary sheet of the rollup workbook: indicators as rows in thematic sections, the total and
then each unit (LSR of a region, or region of the country) as columns, so that it reads and prints
like a table of a report."""
from __future__ import annotations

import math

from .. import lang
from ..indicators import DERIVED, derive
from ..indicators.model import Rollup
from . import layout as Y
from .cells import Formats, Rows, lines as _lines
from .printing import page_setup

LEVEL_LABEL = {"region": "Zestawienie regionalne (RSR)", "national": "Zestawienie krajowe (KSR)"}
HEADER_ROW = 3
LABEL_WIDTH, TOTAL_WIDTH = 60, 14
UNIT_WIDTH = {"region": 13, "national": 16}      # an LSR column; a region column ("zachodniopomorskie")


def summary_rows() -> list[tuple[str | None, str, str, bool]]:
    """(key, label, kind, derived) per row of the summary; a section's own row has key None."""
    out = []
    for title, rows in Y.SUMMARY_SECTIONS:
        out.append((None, title, "", False))
        for source, key, label, kind in rows:
            if source == "derived":
                label, kind = DERIVED[key]
            out.append((key, label, kind, source == "derived"))
    return out


def _unit_header(unit) -> str:
    name = unit.name or ""
    if len(name) > 80:
        name = name[:79].rstrip() + "…"
    return f"{name}\n{unit.unit_id}" if name else unit.unit_id


def _note(rollup: Rollup) -> str:
    n = len(rollup.lsrs)
    when = lang.date(rollup.generated_on) if rollup.generated_on else "–"
    return (f"Stan danych na {when} (najpóźniejsza data wypełnienia uwzględnionych sprawozdań). "
            f"Uwzględniono {lang.count(n, 'sprawozdanie LSR', 'sprawozdania LSR', 'sprawozdań LSR')}. "
            "Kolumnę „Razem” policzono z sum danych wszystkich LSR, a nie jako średnią wskaźników jednostek; "
            "„–” oznacza wskaźnik bez podstawy (dzielnik równy zeru), a „nie raportowano” – pozycję, o którą "
            "pyta dopiero skoroszyt w wersji 2.0, w jednostce bez takich skoroszytów; wskaźniki tych pozycji "
            "liczono tylko z LSR, które je podały" + _v2_note(rollup) + ".")


def _v2_note(rollup: Rollup) -> str:
    n, m = sum(u.stats.get("lsr.v2", 0) for u in rollup.lsrs), len(rollup.lsrs)
    return f" (dane z {n} z {m} LSR)" if 0 < n < m else ""


def _header(ws, rollup: Rollup, units, fmt: Formats, last_col: int) -> None:
    ws.write_string(0, 0, f"{LEVEL_LABEL[rollup.level]} – {rollup.title}, okres: {lang.period(rollup.period)}",
                    fmt.title)
    note = _note(rollup)
    unit_width = UNIT_WIDTH[rollup.level]
    width = LABEL_WIDTH + TOTAL_WIDTH + unit_width * len(units)
    ws.merge_range(1, 0, 1, last_col, note, fmt.note)
    ws.set_row(1, 15 * max(1, math.ceil(len(note) * 1.1 / width)))
    unit_word = "LSR (nazwa i kod TERYT)" if rollup.level == "region" else "Województwo (nazwa i kod)"
    if units:
        ws.write_string(HEADER_ROW - 1, 2, unit_word, fmt.caption)
    heads = ["Wskaźnik", "Razem"] + [_unit_header(u) for u in units]
    for c, text in enumerate(heads):
        ws.write_string(HEADER_ROW, c, text, fmt.header if c < 2 else fmt.unit_header)
    lines = max((_lines(h.split("\n")[0], unit_width + 1) + 1 for h in heads[2:]), default=1)
    ws.set_row(HEADER_ROW, 15 * min(9, lines) + 3)
    ws.set_column(0, 0, LABEL_WIDTH)
    ws.set_column(1, 1, TOTAL_WIDTH)
    if units:
        ws.set_column(2, last_col, unit_width)


def write_summary_sheet(wb, rollup: Rollup, units, totals: dict, fmt: Formats) -> Rows:
    """The summary sheet; its indicator rows are returned as hand-written rows (``Rows``)."""
    ws = wb.add_worksheet(Y.SUMMARY_SHEET)
    last_col = 1 + len(units)
    _header(ws, rollup, units, fmt, last_col)
    columns = [(derive(totals), totals, True)] + [(u.derived, u.stats, False) for u in units]
    rows = Rows(ws, fmt.styles)
    r = HEADER_ROW
    for key, label, kind, is_derived in summary_rows():
        r += 1
        if key is None:
            rows.add(r, [rows.text(r, 0, label, fmt.section)] + [rows.text(r, c, "", fmt.section)
                                                                 for c in range(1, last_col + 1)])
            continue
        style = fmt.indent if label.startswith("w tym") else fmt.text
        cells = [rows.text(r, 0, label, style)]
        for c, (derived, stats, total) in enumerate(columns, start=1):
            if key in Y.V2_ONLY and not stats.get("lsr.v2", 0):      # no 2.0 LSR in this unit: not asked
                cells.append(rows.text(r, c, Y.NOT_REPORTED, fmt.total_not_reported if total else fmt.not_reported))
                continue
            value = derived[key] if is_derived else stats.get(key, 0)
            cells.append(rows.value(r, c, value, kind, fmt, total))
        rows.add(r, cells)
    ws.freeze_panes(HEADER_ROW + 1, 2)
    pages = max(1, math.ceil(len(units) / Y.UNITS_PER_PAGE))
    page_setup(ws, f"{LEVEL_LABEL[rollup.level]} – {rollup.title}, {lang.period(rollup.period)}",
               landscape=len(units) > 4, header_rows=(HEADER_ROW, HEADER_ROW), pages_wide=pages,
               repeat_cols=(0, 1) if pages > 1 else None)
    return rows
