"""Native Excel charts of a rollup: stakeholder type mix, services by area, participants by group,
funding structure. Each chart reads a small data table written on the same sheet; every bar or
slice carries its value, and the axes are titled in Polish. A block (table and chart) never
straddles two printed pages: a page break goes before a block that would not fit."""
from __future__ import annotations

from .. import lang
from .. import spec as S
from ..indicators.model import Rollup
from . import layout as Y
from .cells import lines
from .printing import page_setup
from .summary import LEVEL_LABEL

L = S.lists
CHART_COL = 5                # charts start in column F, right of the data tables
LABEL_WIDTH = 56             # characters of the tables' label column
ROW_PX = 20                  # a default row, in pixels
PAGE_PX = 820                # what one landscape A4 page holds at the fit-to-width scale (Excel geometry)
LABELS = {"value": True, "num_format": "#,##0", "font": {"size": 8}}


class _Sheet:
    """The charts sheet and where the next block goes (row, and pixels used on the current page)."""

    def __init__(self, wb, ws, fmt) -> None:
        self.wb, self.ws, self.fmt = wb, ws, fmt
        self.row, self.used, self.breaks = 2, 2 * ROW_PX, []

    def block(self, title: str, headers: list[str], rows: list[list], chart, height: int) -> None:
        """Table at the next free row, ``chart`` (``height`` px) beside it; a page break first when
        the block would not fit on the current page."""
        heights = [lines(str(row[0]), LABEL_WIDTH - 1) for row in rows]
        px = max(height, ROW_PX * (2 + sum(heights))) + 2 * ROW_PX
        if self.used + px > PAGE_PX and self.used > 2 * ROW_PX:
            self.breaks.append(self.row)
            self.used = 0
        ws, fmt, first = self.ws, self.fmt, self.row
        ws.write_string(first, 0, title, fmt.section)
        for c, h in enumerate(headers):
            ws.write_string(first + 1, c, h, fmt.header)
        ws.set_row(first + 1, 30)
        for r, (row, n) in enumerate(zip(rows, heights), start=first + 2):
            ws.write_string(r, 0, str(row[0])[:Y.MAX_TEXT], fmt.wrap)
            if n > 1:
                ws.set_row(r, 15 * n)
            for c, value in enumerate(row[1:], start=1):
                ws.write_number(r, c, value, fmt.for_value(value, "count"))
        ws.insert_chart(first, CHART_COL, chart)
        rows_px = ROW_PX * (2 + sum(heights))
        self.row = first + 2 + len(rows) + max(0, height - rows_px) // ROW_PX + 2
        self.used += px

    def series(self, chart, n_rows: int, col: int, labels: dict = LABELS) -> None:
        """One series of the block about to be written: its name is the column header, categories
        the label column, each point labelled with its value."""
        r0, r1 = self._data_rows(n_rows)
        chart.add_series({"name": [Y.CHARTS_SHEET, r0 - 1, col], "categories": [Y.CHARTS_SHEET, r0, 0, r1, 0],
                          "values": [Y.CHARTS_SHEET, r0, col, r1, col], "data_labels": labels})

    def _data_rows(self, n_rows: int) -> tuple[int, int]:
        """First and last data row of the next block (as ``block`` will place it)."""
        return self.row + 2, self.row + 1 + max(1, n_rows)


def _axes(chart, categories: str, values: str) -> None:
    """Axis titles; in a bar chart (horizontal bars) the value axis is the horizontal one."""
    small = {"size": 9, "bold": False}
    chart.set_x_axis({"name": values, "name_font": small, "num_font": {"size": 8}})
    chart.set_y_axis({"name": categories, "name_font": small, "num_font": {"size": 8}, "reverse": True})
    chart.set_legend({"position": "bottom"})


def _type_mix(sheet: _Sheet, rollup: Rollup, units) -> None:
    unit = "LSR" if rollup.level == "region" else "Województwo"
    rows = [[u.name or u.unit_id] + [u.stats.get(f"stakeholders.type.{t}", 0) for t in ("A", "B", "C")]
            for u in units]
    chart = sheet.wb.add_chart({"type": "bar", "subtype": "percent_stacked"})
    for col in (1, 2, 3):
        sheet.series(chart, len(rows), col, {**LABELS, "position": "center"})
    chart.set_title({"name": "Interesariusze według typu (A, B, C)", "name_font": {"size": 11}})
    _axes(chart, unit, "Udział w liczbie interesariuszy")
    height = 140 + 24 * max(4, len(rows))
    chart.set_size({"width": 720, "height": height})
    sheet.block("Interesariusze według typu", [unit, "Typ A", "Typ B", "Typ C"], rows, chart, height)


def _by_list(sheet: _Sheet, stats: dict, *, title: str, headers: list[str], items, keys, chart_type: dict,
             axes: tuple[str, str] | None) -> None:
    rows = [[label] + [stats.get(k.format(key=key), 0) for k in keys] for key, label in items]
    chart = sheet.wb.add_chart(chart_type)
    pie = axes is None
    for col in range(1, len(keys) + 1):
        sheet.series(chart, len(rows), col,
                     {"percentage": True, "leader_lines": True, "font": {"size": 8}} if pie else LABELS)
    chart.set_title({"name": title, "name_font": {"size": 11}})
    if pie:
        chart.set_legend({"position": "right", "font": {"size": 8}})
        height = 340
    else:
        _axes(chart, *axes)
        bars = len(rows) * (1 if chart_type.get("subtype") == "stacked" else len(keys))
        height = 120 + 20 * bars
    chart.set_size({"width": 720, "height": height})
    sheet.block(title, headers, rows, chart, height)


def write_charts_sheet(wb, rollup: Rollup, units, totals: dict, fmt) -> None:
    """The charts sheet: four data tables (totals; type mix per unit) and a native chart next to each."""
    ws = wb.add_worksheet(Y.CHARTS_SHEET)
    ws.set_column(0, 0, LABEL_WIDTH)
    ws.set_column(1, 3, 11)
    ws.write_string(0, 0, f"Wykresy – {rollup.title}, okres: {lang.period(rollup.period)}", fmt.title)
    sheet = _Sheet(wb, ws, fmt)
    _type_mix(sheet, rollup, units)
    _by_list(sheet, totals, title="Usługi według obszaru", headers=["Obszar", "Godziny", "Zapisy na usługi"],
             items=L.SERVICE_AREA, keys=["services.area.{key}.hours", "services.area.{key}.participants"],
             chart_type={"type": "bar"}, axes=("Obszar usług", "Godziny usług i liczba zapisów"))
    _by_list(sheet, totals, title="Uczestnicy według grupy i płci", headers=["Grupa", "Kobiety", "Mężczyźni"],
             items=L.ART1_GROUP, keys=["participants.group.{key}.f", "participants.group.{key}.m"],
             chart_type={"type": "bar", "subtype": "stacked"}, axes=("Grupa uczestników", "Liczba osób"))
    _by_list(sheet, totals, title="Finansowanie według źródła", headers=["Źródło", "Kwota (zł)"],
             items=L.FUNDING_SOURCE, keys=["funding.source.{key}"], chart_type={"type": "pie"}, axes=None)
    if sheet.breaks:
        ws.set_h_pagebreaks(sheet.breaks)
    page_setup(ws, f"{LEVEL_LABEL[rollup.level]} – {rollup.title}, {lang.period(rollup.period)} – wykresy",
               landscape=True, header_rows=None)
