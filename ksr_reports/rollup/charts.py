"""Native Excel charts of a rollup: stakeholder type mix, services by area, participants by group,
funding structure. Each chart reads a small data table written on the same sheet."""
from __future__ import annotations

from .. import spec as S
from ..indicators.model import Rollup
from . import layout as Y

L = S.lists


def _block(ws, first: int, title: str, headers: list[str], rows: list[list], fmt) -> tuple[int, int]:
    """Write a data table (label column, then numbers); return (first data row, last data row)."""
    ws.write_string(first, 0, title, fmt.header)
    for c, h in enumerate(headers):
        ws.write_string(first + 1, c, h, fmt.header)
    for r, row in enumerate(rows, start=first + 2):
        ws.write_string(r, 0, str(row[0])[:Y.MAX_TEXT], fmt.text)
        for c, value in enumerate(row[1:], start=1):
            ws.write_number(r, c, value, fmt.for_value(value, "count"))
    return first + 2, first + 1 + max(1, len(rows))


def _series(chart, sheet: str, r0: int, r1: int, col: int) -> None:
    """One series: its name is the column header above the data, categories the label column."""
    chart.add_series({"name": [sheet, r0 - 1, col], "categories": [sheet, r0, 0, r1, 0],
                      "values": [sheet, r0, col, r1, col]})


def _type_mix(wb, ws, units, fmt, row: int) -> int:
    rows = [[u.name or u.unit_id] + [u.stats.get(f"stakeholders.type.{t}", 0) for t in ("A", "B", "C")]
            for u in units]
    r0, r1 = _block(ws, row, "Interesariusze według typu", ["Jednostka", "Typ A", "Typ B", "Typ C"], rows, fmt)
    chart = wb.add_chart({"type": "bar", "subtype": "percent_stacked"})
    for col in (1, 2, 3):
        _series(chart, Y.CHARTS_SHEET, r0, r1, col)
    chart.set_title({"name": "Struktura interesariuszy (typ A/B/C)"})
    chart.set_size({"width": 720, "height": 60 + 22 * max(4, len(rows))})
    ws.insert_chart(row, 6, chart)
    return max(r1 + 3, row + 6 + len(rows))


def _by_list(wb, ws, stats: dict, row: int, fmt, *, title: str, headers: list[str], items, keys, chart_type: dict,
             subtitle: str) -> int:
    rows = [[label] + [stats.get(k.format(key=key), 0) for k in keys] for key, label in items]
    r0, r1 = _block(ws, row, title, headers, rows, fmt)
    chart = wb.add_chart(chart_type)
    for col in range(1, len(keys) + 1):
        _series(chart, Y.CHARTS_SHEET, r0, r1, col)
    chart.set_title({"name": subtitle})
    chart.set_size({"width": 720, "height": 320})
    ws.insert_chart(row, 6, chart)
    return max(r1 + 3, row + 18)


def write_charts_sheet(wb, rollup: Rollup, units, totals: dict, fmt) -> None:
    """The charts sheet: four data tables (totals; type mix per unit) and a native chart next to each."""
    ws = wb.add_worksheet(Y.CHARTS_SHEET)
    ws.set_column(0, 0, 44)
    ws.set_column(1, 4, 14)
    ws.write_string(0, 0, f"Wykresy – {rollup.title}, okres {rollup.period}", fmt.title)
    row = _type_mix(wb, ws, units, fmt, 2)
    row = _by_list(wb, ws, totals, row, fmt, title="Usługi według obszaru", headers=["Obszar", "Godziny", "Liczba uczestników"],
                   items=L.SERVICE_AREA, keys=["services.area.{key}.hours", "services.area.{key}.participants"],
                   chart_type={"type": "bar"}, subtitle="Usługi według obszaru (godziny, uczestnicy)")
    row = _by_list(wb, ws, totals, row, fmt, title="Uczestnicy według grupy", headers=["Grupa", "Kobiety", "Mężczyźni"],
                   items=L.ART1_GROUP, keys=["participants.group.{key}.f", "participants.group.{key}.m"],
                   chart_type={"type": "bar", "subtype": "stacked"}, subtitle="Uczestnicy według grupy i płci")
    _by_list(wb, ws, totals, row, fmt, title="Finansowanie według źródła", headers=["Źródło", "Kwota (zł)"],
             items=L.FUNDING_SOURCE, keys=["funding.source.{key}"], chart_type={"type": "pie"},
             subtitle="Struktura finansowania")
