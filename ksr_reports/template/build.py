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
from .printing import BOLD, REGULAR, SMALL, column_width, print_setup, row_height
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
        # long free text (descriptions, explanations) wraps inside its column instead of running off the page
        self.input_wrap = add({**base, "num_format": "@", "text_wrap": True, "valign": "top"})

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


INSTRUCTIONS_WIDTH = 80     # characters: fits a portrait A4 page in Excel and in LibreOffice


def _write_instructions(wb, fmt) -> None:
    ws = wb.add_worksheet(S.INSTRUCTIONS_SHEET)
    ws.set_column(0, 0, INSTRUCTIONS_WIDTH)
    ws.write_string(0, 0, instructions.TITLE, wb.add_format({"bold": True, "font_size": 14, "font_color": "#1F3864",
                                                             "text_wrap": True, "valign": "top"}))
    ws.set_row(0, row_height([(instructions.TITLE, INSTRUCTIONS_WIDTH * 0.8)], 19))
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    bold = wb.add_format({"bold": True, "font_size": 12, "font_color": "#1F3864", "valign": "bottom"})
    r = 2
    for kind, text in instructions.PARAGRAPHS:
        ws.write_string(r, 0, text, bold if kind == "h" else wrap)
        ws.set_row(r, 24 if kind == "h" else row_height([(text, INSTRUCTIONS_WIDTH * REGULAR)]))
        r += 1
    items = [f"• {sheet.name} – {sheet.title}" for sheet in S.INPUT_SHEETS]
    items.append(f"• {S.CONTROL_SHEET} – bieżące sprawdzenie bilansów i brakujących sekcji")
    for text in items:
        ws.write_string(r, 0, text, wrap)
        ws.set_row(r, row_height([(text, INSTRUCTIONS_WIDTH * REGULAR)]))
        r += 1
    ws.write_string(r + 1, 0, f"Wersja szablonu: {S.TEMPLATE_ID} {S.TEMPLATE_VERSION}", wrap)
    ws.activate()
    _protect(ws)
    print_setup(ws, None, r + 2, 0, INSTRUCTIONS_WIDTH, pages_tall=1)


def _sheet_head(ws, sheet, fmt, width_cols: int, width_chars: float) -> None:
    ws.write_string(0, 0, sheet.title, fmt.title)
    ws.merge_range(1, 0, 1, max(width_cols - 1, 1), sheet.help, fmt.help)
    ws.set_row(1, max(30, row_height([(sheet.help, width_chars * REGULAR)])))


FORM_WIDTHS = (38, 44, 60)


def _write_form(wb, fmt, period: str | None, values: dict) -> None:
    form = S.FORM
    ws = wb.add_worksheet(form.name)
    _sheet_head(ws, form, fmt, 3, sum(FORM_WIDTHS))
    for c, width in enumerate(FORM_WIDTHS):
        ws.set_column(c, c, width)
    for c, text in enumerate(("Pole", "Wartość", "Objaśnienie")):
        ws.write_string(S.FORM_FIRST_ROW - 2, c, text, fmt.header)
    for f in form.fields:
        r = form.row_of(f.key) - 1
        label = f.label + (" *" if f.required else "")
        ws.write_string(r, 0, label, fmt.label_req if f.required else fmt.label)
        value = values.get(f.key, period if f.key == "period" else None)
        _write_value(ws, r, 1, value, fmt.input_for(f.type))
        ws.write_string(r, 2, f.help, fmt.help)
        ws.set_row(r, max(30, row_height([(label, FORM_WIDTHS[0] * BOLD), (f.help, FORM_WIDTHS[2] * REGULAR)])))
        dv = validation_for(f, S.a1(r + 1, 1), period_list="lista_OKRESY")
        if dv:
            ws.data_validation(r, 1, r, 1, dv)
    ws.freeze_panes(S.FORM_FIRST_ROW - 1, 0)
    _protect(ws)
    print_setup(ws, (S.FORM_FIRST_ROW - 2,) * 2, form.row_of(form.fields[-1].key), 2, sum(FORM_WIDTHS))


WRAP_WIDTH = 60      # text columns at least this wide wrap (Dobre praktyki: opis; Wyjaśnienia: wyjaśnienie)


def _write_table(wb, fmt, t: S.TableSheet, rows: list[dict]) -> None:
    ws = wb.add_worksheet(t.name)
    widths = [column_width(col) for col in t.columns]
    _sheet_head(ws, t, fmt, len(t.columns), sum(widths))
    first, last = S.TABLE_FIRST_DATA_ROW - 1, t.last_data_row - 1
    headers, helps = [], []
    for c, col in enumerate(t.columns):
        ws.set_column(c, c, widths[c])
        header = col.label + (" *" if col.required else "")
        ws.write_string(S.TABLE_HEADER_ROW - 1, c, header, fmt.header)
        ws.write_string(S.TABLE_HELP_ROW - 1, c, col.help, fmt.col_help)
        headers.append((header, widths[c] * BOLD))
        helps.append((col.help, widths[c] * SMALL))
        if col.type == "id" and t.id_prefix:
            for i in range(t.capacity):
                ws.write_string(first + i, c, t.prefilled_id(i + 1), fmt.locked_id)
            continue
        cell_fmt = fmt.input_wrap if col.type == "text" and col.width >= WRAP_WIDTH else fmt.input_for(col.type)
        for r in range(first, last + 1):
            i = r - first
            value = rows[i].get(col.key) if i < len(rows) else None
            _write_value(ws, r, c, value, cell_fmt)
        dv = validation_for(col, S.a1(first + 1, c))
        if dv:
            ws.data_validation(first, c, last, c, dv)
    for i, row in enumerate(rows[:t.capacity]):      # filled rows: tall enough for their wrapped text
        texts = [(str(row.get(col.key) or ""), widths[c] * REGULAR) for c, col in enumerate(t.columns)
                 if col.type == "text" and col.width >= WRAP_WIDTH]
        if texts and row_height(texts) > 19:
            ws.set_row(first + i, row_height(texts))
    ws.set_row(S.TABLE_HEADER_ROW - 1, max(32, row_height(headers)))
    ws.set_row(S.TABLE_HELP_ROW - 1, row_height(helps, 11))
    ws.freeze_panes(S.TABLE_FIRST_DATA_ROW - 1, 1 if t.id_prefix else 0)
    _protect(ws)
    print_setup(ws, (S.TABLE_HEADER_ROW - 1, S.TABLE_HELP_ROW - 1), t.last_data_row, len(t.columns) - 1, sum(widths))


GRID_LABEL_WIDTH, GRID_COUNT_WIDTH = 56, 14


def _write_grids(wb, fmt, values: dict) -> None:
    sheet = S.PARTICIPANTS
    ws = wb.add_worksheet(sheet.name)
    width = 1 + max(len(g.columns) + g.total_column for g in sheet.grids)
    chars = GRID_LABEL_WIDTH + GRID_COUNT_WIDTH * (width - 1)
    _sheet_head(ws, sheet, fmt, width, chars)
    ws.set_column(0, 0, GRID_LABEL_WIDTH)
    ws.set_column(1, width - 1, GRID_COUNT_WIDTH)
    count_fmt = fmt.input["int"]
    grid_title = wb.add_format({"bold": True, "font_color": "#1F3864", "text_wrap": True, "valign": "bottom"})
    note = wb.add_format({"italic": True, "font_color": "#404040", "text_wrap": True, "valign": "bottom"})
    for g in sheet.grids:
        ws.write_string(g.top - 1, 0, g.title, grid_title)
        ws.merge_range(g.top - 1, 1, g.top - 1, width - 1, g.help, note)
        ws.set_row(g.top - 1, max(row_height([(g.title, GRID_LABEL_WIDTH * BOLD)]),
                                  row_height([(g.help, GRID_COUNT_WIDTH * (width - 1) * REGULAR)])))
        heads = [(clabel, GRID_COUNT_WIDTH * BOLD) for _, clabel in g.columns]
        ws.set_row(g.header_row - 1, max(30, row_height(heads)))
        ws.write_string(g.header_row - 1, 0, "Wyszczególnienie", fmt.header)
        for ck, clabel in g.columns:
            ws.write_string(g.header_row - 1, g.col_of(ck), clabel, fmt.header)
        if g.total_column:
            ws.write_string(g.header_row - 1, 1 + len(g.columns), "Razem", fmt.header)
        for rk, rlabel in g.rows:
            r = g.row_of(rk) - 1
            ws.write_string(r, 0, rlabel, fmt.label)
            ws.set_row(r, row_height([(rlabel, GRID_LABEL_WIDTH * REGULAR)]))
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
    last = sheet.grids[-1]
    print_setup(ws, (0, 0), last.first_row + len(last.rows) - 1, width - 1, chars)


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
