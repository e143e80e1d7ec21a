"""Write the blank LSR monitoring workbook from ``ksr_reports.spec``.

Everything visible in the workbook (sheets, labels, dropdowns, validation messages,
protection, the live "Kontrola" checks) is derived from the specification.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import xlsxwriter

from .. import spec as S
from . import instructions
from .control import write_control_sheet
from .validation import validation_for

FIXED_CREATED = dt.datetime(2025, 1, 1)
PERIOD_CHOICES = tuple(f"{y}{h}" for y in range(2024, 2031) for h in ("", "-H1", "-H2"))


class _Formats:
    def __init__(self, wb: xlsxwriter.Workbook):
        add = wb.add_format
        self.title = add({"bold": True, "font_size": 14, "font_color": "#1F3864"})
        self.help = add({"italic": True, "font_color": "#404040", "text_wrap": True, "valign": "top"})
        self.note = add({"italic": True, "font_color": "#404040"})
        self.header = add({"bold": True, "bg_color": "#D9E2F3", "border": 1, "text_wrap": True, "valign": "vcenter"})
        self.col_help = add({"italic": True, "font_size": 8, "font_color": "#595959", "text_wrap": True,
                             "valign": "top", "border": 1, "bg_color": "#F2F2F2"})
        self.label = add({"border": 1, "text_wrap": True, "valign": "vcenter", "bg_color": "#F2F2F2"})
        self.label_req = add({"border": 1, "text_wrap": True, "valign": "vcenter", "bg_color": "#F2F2F2", "bold": True})
        self.locked_id = add({"border": 1, "bg_color": "#F2F2F2", "align": "center"})
        self.total = add({"border": 1, "bg_color": "#E2EFDA", "bold": True})
        base = {"locked": False, "border": 1, "border_color": "#BFBFBF"}
        self.input = {
            "text": add({**base, "num_format": "@"}),
            "int": add({**base, "num_format": "0"}),
            "decimal": add({**base, "num_format": "#,##0.00"}),
            "date": add({**base, "num_format": "yyyy-mm-dd"}),
        }

    def input_for(self, col_type: str):
        if col_type in ("int",):
            return self.input["int"]
        if col_type == "decimal":
            return self.input["decimal"]
        if col_type == "date":
            return self.input["date"]
        return self.input["text"]


def _write_value(ws, r: int, c: int, value, cell_fmt) -> None:
    """Write a filled-in value with the writer matching its Python type (text always as text)."""
    if value is None or value == "":
        ws.write_blank(r, c, None, cell_fmt)
    elif isinstance(value, bool):
        ws.write_boolean(r, c, value, cell_fmt)
    elif isinstance(value, (int, float)):
        ws.write_number(r, c, value, cell_fmt)
    elif isinstance(value, (dt.date, dt.datetime)):
        ws.write_datetime(r, c, value if isinstance(value, dt.datetime) else dt.datetime(value.year, value.month, value.day), cell_fmt)
    else:
        ws.write_string(r, c, str(value), cell_fmt)


def _protect(ws) -> None:
    # No password: protection guards the structure against accidents, it is not security.
    ws.protect("", {"format_columns": True, "format_rows": True, "autofilter": True, "sort": False})


def _print_setup(ws, header_rows: int) -> None:
    ws.set_paper(9)  # A4
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0, header_rows - 1)
    ws.set_footer("&L&A&RStrona &P z &N")


def _write_lists(wb, fmt) -> None:
    ws = wb.add_worksheet(S.LISTS_SHEET)
    lists = dict(S.closed_lists())
    lists["lista_OKRESY"] = tuple((p, p) for p in PERIOD_CHOICES)
    for c, (name, choices) in enumerate(sorted(lists.items())):
        ws.write_string(0, c, name)
        for r, (_, value) in enumerate(choices, start=1):
            ws.write_string(r, c, value)
        col = S.col_letter(c)
        wb.define_name(name, f"='{S.LISTS_SHEET}'!${col}$2:${col}${len(choices) + 1}")
    ws.hide()
    _protect(ws)


def _write_meta(wb, period: str | None) -> None:
    ws = wb.add_worksheet(S.META_SHEET)
    values = {"template_id": S.TEMPLATE_ID, "template_version": S.TEMPLATE_VERSION, "period": period or ""}
    for r, (key, label) in enumerate(S.META_FIELDS):
        ws.write_string(r, 0, label)
        ws.write_string(r, 1, values[key])
    ws.hide()
    _protect(ws)


def _write_instructions(wb, fmt) -> None:
    ws = wb.add_worksheet(S.INSTRUCTIONS_SHEET)
    ws.set_column(0, 0, 90)
    ws.write_string(0, 0, instructions.TITLE, wb.add_format({"bold": True, "font_size": 14, "font_color": "#1F3864",
                                                             "text_wrap": True}))
    ws.set_row(0, 40)
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    bold = wb.add_format({"bold": True, "font_size": 12, "font_color": "#1F3864"})
    r = 2
    for kind, text in instructions.PARAGRAPHS:
        ws.write_string(r, 0, text, bold if kind == "h" else wrap)
        if kind == "p":
            ws.set_row(r, 15 * (len(text) // 85 + 1))
        r += 1
    for sheet in S.INPUT_SHEETS:
        ws.write_string(r, 0, f"• {sheet.name} – {sheet.title}", wrap)
        r += 1
    ws.write_string(r, 0, f"• {S.CONTROL_SHEET} – bieżące sprawdzenie bilansów i brakujących sekcji", wrap)
    ws.write_string(r + 2, 0, f"Wersja szablonu: {S.TEMPLATE_ID} {S.TEMPLATE_VERSION}", wrap)
    ws.activate()
    _protect(ws)
    _print_setup(ws, 1)
    ws.set_portrait()


def _sheet_head(ws, sheet, fmt, width_cols: int) -> None:
    ws.write_string(0, 0, sheet.title, fmt.title)
    ws.merge_range(1, 0, 1, max(width_cols - 1, 1), sheet.help, fmt.help)
    ws.set_row(1, 45)


def _write_form(wb, fmt, period: str | None, values: dict) -> None:
    form = S.FORM
    ws = wb.add_worksheet(form.name)
    _sheet_head(ws, form, fmt, 3)
    ws.set_column(0, 0, 38)
    ws.set_column(1, 1, 50)
    ws.set_column(2, 2, 70)
    for c, text in enumerate(("Pole", "Wartość", "Objaśnienie")):
        ws.write_string(S.FORM_FIRST_ROW - 2, c, text, fmt.header)
    for f in form.fields:
        r = form.row_of(f.key) - 1
        ws.write_string(r, 0, f.label + (" *" if f.required else ""), fmt.label_req if f.required else fmt.label)
        value = values.get(f.key, period if f.key == "period" else None)
        _write_value(ws, r, 1, value, fmt.input_for(f.type))
        ws.write_string(r, 2, f.help, fmt.help)
        ws.set_row(r, 30)
        dv = validation_for(f, S.a1(r + 1, 1), period_list="lista_OKRESY")
        if dv:
            ws.data_validation(r, 1, r, 1, dv)
    ws.freeze_panes(S.FORM_FIRST_ROW - 1, 0)
    _protect(ws)
    _print_setup(ws, S.FORM_FIRST_ROW - 1)
    ws.set_portrait()


def _write_table(wb, fmt, t: S.TableSheet, rows: list[dict]) -> None:
    ws = wb.add_worksheet(t.name)
    _sheet_head(ws, t, fmt, len(t.columns))
    first, last = S.TABLE_FIRST_DATA_ROW - 1, t.last_data_row - 1
    for c, col in enumerate(t.columns):
        ws.set_column(c, c, col.width)
        ws.write_string(S.TABLE_HEADER_ROW - 1, c, col.label + (" *" if col.required else ""), fmt.header)
        ws.write_string(S.TABLE_HELP_ROW - 1, c, col.help, fmt.col_help)
        if col.type == "id" and t.id_prefix:
            for i in range(t.capacity):
                ws.write_string(first + i, c, t.prefilled_id(i + 1), fmt.locked_id)
            continue
        for r in range(first, last + 1):
            i = r - first
            value = rows[i].get(col.key) if i < len(rows) else None
            _write_value(ws, r, c, value, fmt.input_for(col.type))
        dv = validation_for(col, S.a1(first + 1, c))
        if dv:
            ws.data_validation(first, c, last, c, dv)
    ws.set_row(S.TABLE_HEADER_ROW - 1, 32)
    ws.set_row(S.TABLE_HELP_ROW - 1, 48)
    ws.freeze_panes(S.TABLE_FIRST_DATA_ROW - 1, 1 if t.id_prefix else 0)
    _protect(ws)
    _print_setup(ws, S.TABLE_FIRST_DATA_ROW - 1)


def _write_grids(wb, fmt, values: dict) -> None:
    sheet = S.PARTICIPANTS
    ws = wb.add_worksheet(sheet.name)
    width = 1 + max(len(g.columns) + g.total_column for g in sheet.grids)
    _sheet_head(ws, sheet, fmt, width)
    ws.set_column(0, 0, 62)
    ws.set_column(1, width, 16)
    count_fmt = fmt.input["int"]
    for g in sheet.grids:
        ws.write_string(g.top - 1, 0, g.title, wb.add_format({"bold": True, "font_color": "#1F3864"}))
        ws.write_string(g.top - 1, 1, g.help, fmt.note)
        ws.set_row(g.header_row - 1, 30)
        ws.write_string(g.header_row - 1, 0, "Wyszczególnienie", fmt.header)
        for ck, clabel in g.columns:
            ws.write_string(g.header_row - 1, g.col_of(ck), clabel, fmt.header)
        if g.total_column:
            ws.write_string(g.header_row - 1, 1 + len(g.columns), "Razem", fmt.header)
        for rk, rlabel in g.rows:
            r = g.row_of(rk) - 1
            ws.write_string(r, 0, rlabel, fmt.label)
            filled = values.get(g.key, {})
            for ck, _ in g.columns:
                _write_value(ws, r, g.col_of(ck), filled.get((rk, ck)), count_fmt)
            if g.total_column:
                left, right = S.a1(r + 1, 1), S.a1(r + 1, len(g.columns))
                cached = sum(v for ck, _ in g.columns if isinstance(v := filled.get((rk, ck)), (int, float)))
                ws.write_formula(r, 1 + len(g.columns), f"=SUM({left}:{right})", fmt.total, cached)
        ws.data_validation(g.first_row - 1, 1, g.first_row + len(g.rows) - 2, len(g.columns), {
            "validate": "integer", "criteria": ">=", "value": 0,
            "input_title": "Liczba osób", "input_message": "Całkowita liczba ≥ 0. Bez danych osobowych.",
            "error_title": "Niepoprawna liczba", "error_type": "stop",
            "error_message": "Wpisz liczbę całkowitą większą lub równą 0 (np. 0, 3, 12). Nie wpisuj tekstu ani nazwisk.",
        })
    ws.freeze_panes(S.GRID_FIRST_ROW - 1, 1)
    _protect(ws)
    _print_setup(ws, 2)
    ws.set_portrait()


def build_template(path: str | Path, period: str | None = None, data: dict | None = None) -> Path:
    """Write the LSR workbook to ``path``: blank, or filled with ``data``.

    ``data`` (used by the sample generator) has the shape
    ``{"form": {key: value}, "tables": {table_key: [{column_key: value}]},
    "grids": {grid_key: {(row_key, column_key): int}}}`` with closed-list values in
    their Polish form; filled workbooks keep every dropdown, check and protection.
    """
    data = data or {}
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False,
                                         "strings_to_numbers": False})
    wb.set_properties({"title": "Sprawozdanie monitoringowe LSR", "subject": "Krajowa Sieć Reintegracji",
                       "author": "ksr-reports", "created": FIXED_CREATED,
                       "comments": f"{S.TEMPLATE_ID} {S.TEMPLATE_VERSION}"})
    fmt = _Formats(wb)
    _write_instructions(wb, fmt)
    _write_form(wb, fmt, period, data.get("form", {}))
    for sheet in S.INPUT_SHEETS[1:]:
        if isinstance(sheet, S.GridSheet):
            _write_grids(wb, fmt, data.get("grids", {}))
        else:
            _write_table(wb, fmt, sheet, data.get("tables", {}).get(sheet.key, []))
    write_control_sheet(wb, fmt, data)
    _write_lists(wb, fmt)
    _write_meta(wb, period or data.get("form", {}).get("period"))
    wb.close()
    return path
