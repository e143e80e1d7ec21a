"""The blank template: structure, dropdowns, validation, protection, LibreOffice compatibility."""
from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from ksr_reports import spec as S
from ksr_reports.reader import read_raw, to_typed

from .conftest import ROOT, needs_soffice, soffice_convert
from .workbook_content import workbook_content

COMMITTED = ROOT / "workbooks" / "templates" / "szablon_LSR.xlsx"


def test_committed_template_matches_generator(template_path):
    assert COMMITTED.exists(), "run: ksr template -o workbooks/templates/szablon_LSR.xlsx"
    assert workbook_content(COMMITTED) == workbook_content(template_path)


def test_sheets_visibility_and_metadata(template_path):
    wb = openpyxl.load_workbook(template_path)
    assert wb.sheetnames == list(S.ALL_SHEET_NAMES)
    assert wb[S.META_SHEET].sheet_state == "hidden" and wb[S.LISTS_SHEET].sheet_state == "hidden"
    assert wb[S.META_SHEET]["B1"].value == S.TEMPLATE_ID
    assert wb[S.META_SHEET]["B2"].value == S.TEMPLATE_VERSION
    for name in S.VISIBLE_SHEET_NAMES:
        assert wb[name].sheet_state == "visible"
        assert wb[name].protection.sheet, f"{name} must be protected"


def test_every_closed_list_column_has_a_dropdown(template_path):
    wb = openpyxl.load_workbook(template_path)
    for t in S.TABLES:
        dvs = {str(dv.sqref): dv for dv in wb[t.name].data_validations.dataValidation}
        for c, col in enumerate(t.columns):
            if col.type == "id":
                continue
            rng = f"{S.col_letter(c)}{S.TABLE_FIRST_DATA_ROW}:{S.col_letter(c)}{t.last_data_row}"
            assert rng in dvs, f"{t.name}!{rng} has no validation"
            dv = dvs[rng]
            assert dv.prompt, f"{t.name}.{col.key}: input help missing"
            if col.type in ("choice", "yesno"):
                assert dv.type == "list" and dv.formula1 == S.list_name(col.choices)
            if col.type in ("int", "decimal"):
                assert dv.type in ("whole", "decimal") and dv.error
            if col.type == "date":
                assert dv.type == "date"


def test_lists_sheet_holds_every_value(template_path):
    wb = openpyxl.load_workbook(template_path)
    names = dict(wb.defined_names.items())
    for name, choices in S.closed_lists().items():
        ref = names[name].attr_text
        sheet, rng = ref.split("!")
        cells = wb[sheet.strip("'")][rng.replace("$", "")]
        assert [c[0].value for c in cells] == [v for _, v in choices]


def test_input_cells_are_unlocked_and_labels_locked(template_path):
    wb = openpyxl.load_workbook(template_path)
    staff = wb[S.STAFF.name]
    assert staff.cell(S.TABLE_FIRST_DATA_ROW, 1).protection.locked is False
    assert staff.cell(S.TABLE_HEADER_ROW, 1).protection.locked is not False
    ws = wb[S.PARTICIPANTS.name]
    cell = S.grid("flow").cell_of("start", "f")
    assert ws[cell].protection.locked is False
    form = wb[S.FORM.name]
    assert form[S.FORM.cell_of("teryt")].protection.locked is False
    assert form[S.FORM.cell_of("teryt")].number_format == "@", "TERYT must be text to keep the leading zero"


def test_control_sheet_has_live_formulas(template_path):
    wb = openpyxl.load_workbook(template_path)
    ws = wb[S.CONTROL_SHEET]
    formulas = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("=")]
    assert len(formulas) >= len(S.BALANCES) * 2
    assert any(S.grid("flow").cell_of("end", "f") in f for f in formulas)


def test_period_option_prefills_period(tmp_path):
    from ksr_reports.template import build_template

    raw = read_raw(build_template(tmp_path / "t.xlsx", period="2025-H2"))
    assert raw.meta["period"] == "2025-H2"
    assert to_typed(raw).form["period"] == "2025-H2"


@needs_soffice
def test_template_opens_in_libreoffice(template_path, tmp_path, lo_profile):
    pdf = soffice_convert(template_path, "pdf", tmp_path, lo_profile)
    assert pdf.stat().st_size > 10_000
    assert pdf.read_bytes()[:4] == b"%PDF"


@needs_soffice
def test_workbook_saved_by_libreoffice_reads_back_the_same(sample_paths, tmp_path, lo_profile):
    src = sample_paths[0]
    ods = soffice_convert(src, "ods", tmp_path / "ods", lo_profile)
    back = soffice_convert(ods, "xlsx:Calc MS Excel 2007 XML", tmp_path / "xlsx", lo_profile)
    ours, theirs = to_typed(read_raw(src)), to_typed(read_raw(back))
    assert theirs.problems == []
    assert theirs.form == ours.form
    assert theirs.grids == ours.grids
    strip = lambda rows: [{k: v for k, v in r.items() if k != "_row"} for r in rows]  # noqa: E731
    for key in ours.tables:
        assert strip(theirs.tables[key]) == strip(ours.tables[key]), key
    # LibreOffice keeps dropdowns and protection
    wb = openpyxl.load_workbook(back)
    assert wb[S.STAKEHOLDERS.name].data_validations.dataValidation
    assert wb[S.STAKEHOLDERS.name].protection.sheet


@needs_soffice
def test_control_sheet_formulas_flag_a_broken_balance_in_libreoffice(tmp_path, lo_recalc_profile):
    """The live checks really compute in a real office suite: a broken flow balance shows POPRAW."""
    import random

    import python_calamine as pc

    from ksr_reports.samples.generate import generate_lsr, pilot_lsrs
    from ksr_reports.template import build_template

    data = generate_lsr(pilot_lsrs()[0], "2025", random.Random(1))
    data["grids"]["flow"][("end", "f")] += 1          # break the women's flow balance
    del data["form"]["email"]                          # and leave a required field empty
    src = build_template(tmp_path / "broken.xlsx", data=data)
    out = soffice_convert(src, "ods", tmp_path / "out", lo_recalc_profile)
    rows = pc.CalamineWorkbook.from_path(str(out)).get_sheet_by_name(S.CONTROL_SHEET).to_python()
    status = {r[0]: r[3] for r in rows if len(r) > 3 and r[0]}
    flow_f = next(k for k in status if k.startswith("Bilans przepływu (kobiety)"))
    flow_m = next(k for k in status if k.startswith("Bilans przepływu (mężczyźni)"))
    assert status[flow_f] == "POPRAW" and status[flow_m] == "OK"
    email = next(k for k in status if "E-mail" in k)
    assert status[email] == "BRAK"
    values = list(status.values())
    assert values.count("POPRAW") == 1 and values.count("BRAK") == 1, status


def test_every_visible_sheet_prints_a4_fit_to_width_with_headers_repeated(template_path):
    wb = openpyxl.load_workbook(template_path)
    for name in S.VISIBLE_SHEET_NAMES:
        ws = wb[name]
        assert int(ws.page_setup.paperSize) == 9, name
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth in (None, 1), name
        assert ws.print_area, f"{name}: no print area"
        if name == S.INSTRUCTIONS_SHEET:
            assert ws.page_setup.fitToHeight in (None, 1) and ws.page_setup.orientation == "portrait"  # one page
        else:
            assert ws.page_setup.fitToHeight == 0 and ws.print_title_rows, name
    stakeholders = wb[S.STAKEHOLDERS.name]
    assert stakeholders.print_title_rows == f"${S.TABLE_HEADER_ROW}:${S.TABLE_HELP_ROW}"
    last = S.col_letter(len(S.STAKEHOLDERS.columns) - 1)
    assert stakeholders.print_area.endswith(f"$A$1:${last}${S.STAKEHOLDERS.last_data_row}")
    assert stakeholders.page_setup.orientation == "landscape" and wb[S.STAFF.name].page_setup.orientation == "portrait"
    for name in (S.LISTS_SHEET, S.META_SHEET):
        assert wb[name].sheet_state == "hidden" and not wb[name].print_area


def _width(ws, col: int) -> float:
    """Width of a 1-based column (xlsxwriter writes neighbours of one width as one range)."""
    return next(d.width for d in ws.column_dimensions.values() if d.min <= col <= d.max)


def test_column_headers_are_not_cut(template_path):
    """Every header word fits its column and the header row is tall enough for its wrapped lines."""
    from ksr_reports.template.printing import BOLD, _lines

    wb = openpyxl.load_workbook(template_path)
    for t in S.TABLES:
        ws = wb[t.name]
        height = ws.row_dimensions[S.TABLE_HEADER_ROW].height
        for c, col in enumerate(t.columns):
            width = _width(ws, c + 1)
            header = ws.cell(S.TABLE_HEADER_ROW, c + 1)
            assert header.alignment.wrap_text, (t.name, col.key)
            assert max(len(w) for w in header.value.split()) * 1.15 <= width, (t.name, header.value, width)
            assert height >= 15 * _lines(header.value, width * BOLD), (t.name, header.value)
    header = wb[S.STAKEHOLDERS.name].cell(S.TABLE_HEADER_ROW, S.STAKEHOLDERS.col_index("declaration") + 1)
    assert header.value == "Deklaracja współpracy podpisana *"
    assert wb[S.STAKEHOLDERS.name].row_dimensions[S.TABLE_HEADER_ROW].height >= 45


def test_instructions_fit_the_page_width_and_name_rops_correctly(template_path):
    wb = openpyxl.load_workbook(template_path)
    ws = wb[S.INSTRUCTIONS_SHEET]
    assert ws.column_dimensions["A"].width <= 85
    texts = [c.value for c in ws["A"] if c.value]
    assert all(ws[f"A{i}"].alignment.wrap_text for i, c in enumerate(ws["A"], 1) if c.value and len(c.value) > 80)
    assert any("ROPS (Regionalny Ośrodek Polityki Społecznej)" in t for t in texts)
    visible = " ".join(str(c.value) for name in S.VISIBLE_SHEET_NAMES for row in wb[name].iter_rows() for c in row
                       if isinstance(c.value, str))
    assert "ksr " not in visible and "Regionalna Sieć na rzecz Reintegracji (ROPS" not in visible


def test_rops_is_never_expanded_as_the_regional_network():
    """ROPS is the Regionalny Ośrodek Polityki Społecznej; RSR is the Regionalna Sieć na rzecz Reintegracji."""
    import re

    wrong = re.compile(r"ROPS\W{0,3}\(?Regionaln\w+ Sie\w+|Regionaln\w+ Sie\w+ na rzecz Reintegracji\W{0,3}\(?ROPS")
    files = [*(ROOT / "ksr_reports").rglob("*.py"), *(ROOT / "docs").glob("*.md"), ROOT / "README.md"]
    found = [str(p) for p in files if wrong.search(p.read_text(encoding="utf-8"))]
    assert not found, found


def test_v2_grids_have_live_checks_computed_in_libreoffice(tmp_path, lo_recalc_profile):
    """Each 2.0 balance has a Kontrola row; broken started, process and follow-up counts show POPRAW in LibreOffice."""
    import random

    import python_calamine as pc

    from ksr_reports.samples.generate import generate_lsr, pilot_lsrs
    from ksr_reports.template import build_template

    data = generate_lsr(pilot_lsrs()[0], "2025", random.Random(1))
    data["grids"]["started"][("alcohol", "m")] += 1                         # started ≠ entered (men)
    data["grids"]["process"][("co_decided", "f")] = data["grids"]["process"][("with_plan", "f")] + 1
    data["grids"]["followup"][("fu_unknown", "persons")] += 1               # statuses ≠ followed up
    src = build_template(tmp_path / "broken.xlsx", data=data)
    out = soffice_convert(src, "ods", tmp_path / "out", lo_recalc_profile)
    rows = pc.CalamineWorkbook.from_path(str(out)).get_sheet_by_name(S.CONTROL_SHEET).to_python()
    status = {r[0]: r[3] for r in rows if len(r) > 3 and r[0]}
    bad = sorted(k for k, v in status.items() if v == "POPRAW")
    assert bad == sorted([
        "Rozpoczęli udział według grup (mężczyźni) = przyjęci w okresie",
        "Proces (kobiety): uczestnik współdecydował o swoim planie ≤ osoby z planem",
        "Pół roku po wyjściu: suma sytuacji = osoby, z którymi się skontaktowano"]), bad
    assert sum(k.startswith("Proces (") for k in status) == 2 * (len(S.lists.PROCESS) + 2)


def test_explanations_sheet_and_the_31_march_deadline(template_path):
    wb = openpyxl.load_workbook(template_path)
    ws = wb[S.EXPLANATIONS.name]
    sheet_col = S.col_letter(S.EXPLANATIONS.col_index("sheet"))
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert [str(dv.sqref) for dv in lists] == [f"{sheet_col}{S.TABLE_FIRST_DATA_ROW}:{sheet_col}{S.EXPLANATIONS.last_data_row}"]
    assert lists[0].formula1 == S.list_name(S.lists.INPUT_SHEET)
    assert [v for _, v in S.lists.INPUT_SHEET] == [s.name for s in S.INPUT_SHEETS if s is not S.EXPLANATIONS]
    text = " ".join(str(c.value) for row in wb[S.INSTRUCTIONS_SHEET].iter_rows() for c in row if c.value)
    assert "do 31 marca" in text and "art. 18a ust. 6" in text and "31 stycznia" not in text
    assert wb[S.META_SHEET]["B2"].value == "2.0"
