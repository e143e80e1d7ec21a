"""``ksr cas``: the KIS annual report figures from one LSR workbook (issue 13 item 2).

The figures in the written workbook are read back with openpyxl and compared with the additive
statistics of the same workbook (``lsr_stats``: an independent computation from the typed data);
a 1.0 workbook shows the 2.0 items as "nie raportowano w arkuszu w wersji 1.0" (never 0) and lists
them under "Czego arkusz nie zawiera"; bad files end in a Polish message and exit code 1.
"""
from __future__ import annotations

import dataclasses
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from ksr_reports import spec as S
from ksr_reports.cas import build_cas, cas_from_workbook, write_cas
from ksr_reports.cas.writer import SHEET
from ksr_reports.cli import main
from ksr_reports.errors import KsrError
from ksr_reports.indicators import lsr_stats
from ksr_reports.indicators.stats import kis_post
from ksr_reports.cas.read import LIMIT, refusal
from ksr_reports.validation import validate_file

from .conftest import ROOT

L = S.lists
V1 = ROOT / "tests" / "fixtures" / "v1" / "lsr" / "LSR_0404011_2025.xlsx"      # frozen 1.0 workbook
V2 = ROOT / "workbooks" / "samples" / "04" / "LSR_0402032_2025.xlsx"             # committed 2.0 sample
EXPLAINED = ROOT / "workbooks" / "samples" / "24" / "LSR_2416021_2025.xlsx"      # 2.0, a warning explained
ABSENT_V1 = "nie raportowano w arkuszu w wersji 1.0"
TITLE = re.compile(r"^(\d+)\. ")


def sections(path: Path) -> dict[str, dict[str, tuple]]:
    """{section title: {row label: (B, C, D)}} of the written sheet."""
    ws = openpyxl.load_workbook(path)[SHEET]
    out: dict[str, dict[str, tuple]] = {}
    current = None
    for row in ws.iter_rows(values_only=True):
        label = row[0]
        if isinstance(label, str) and TITLE.match(label):
            current = out.setdefault(label, {})
        elif current is not None and isinstance(label, str):
            current[label] = tuple(row[1:4])
    return out


def section(tables: dict, number: int) -> dict[str, tuple]:
    return next(rows for title, rows in tables.items() if title.startswith(f"{number}. "))


def _output(tmp_path_factory, workbook, name: str):
    """The figures and the written sheet of ``workbook``, with its typed data and statistics to check them."""
    out = tmp_path_factory.mktemp("cas") / name
    figures = cas_from_workbook(workbook, out)
    data = validate_file(workbook).data
    return figures, out, data, lsr_stats(data)


@pytest.fixture(scope="module")
def v1_output(tmp_path_factory):
    return _output(tmp_path_factory, V1, "cas_v1.xlsx")


@pytest.fixture(scope="module")
def v2_output(tmp_path_factory):
    return _output(tmp_path_factory, V2, "cas_v2.xlsx")


def test_v1_participants_equal_the_statistics(v1_output):
    _, out, data, st = v1_output
    assert data.version == "1.0"
    tables = sections(out)
    in_period = section(tables, 7)
    for g, label in L.ART1_GROUP:
        f, m = st[f"participants.group.{g}.f"], st[f"participants.group.{g}.m"]
        assert in_period[label] == (f, m, f + m), label
    total = sum(st[f"participants.group.{g}.{s}"] for g, _ in L.ART1_GROUP for s, _ in L.SEX)
    assert in_period["Razem"][2] == total > 0
    ended = section(tables, 8)
    for stage, label in L.FLOW_STAGE:
        if stage in ("completed", "dropped", "to_cis"):
            assert ended[label] == (st[f"flow.{stage}.f"], st[f"flow.{stage}.m"],
                                    st[f"flow.{stage}.f"] + st[f"flow.{stage}.m"])
    outcomes = section(tables, 9)
    for key, label in L.OUTCOME:
        if f"outcomes.{key}.f" in st and label in outcomes:
            assert outcomes[label][:2] == (st[f"outcomes.{key}.f"], st[f"outcomes.{key}.m"])
    assert "centrum integracji społecznej" in outcomes          # 1.0 kept the CIS outcome; it is still read
    assert outcomes["Razem – ukończyli udział"][2] == st["flow.completed.f"] + st["flow.completed.m"]
    # 1.0 did not ask who started by group: each group says so, the total comes from the flow
    started = section(tables, 6)
    for _, label in L.ART1_GROUP:
        assert started[label][0] == ABSENT_V1 and 0 not in started[label]
    assert started["Razem – przyjęci w okresie"][2] == st["flow.entered.f"] + st["flow.entered.m"]


def test_v1_money_staff_and_services_equal_the_statistics(v1_output):
    _, out, data, st = v1_output
    tables = sections(out)
    funding = section(tables, 2)
    for key, label in L.FUNDING_SOURCE:
        if key in ("alcohol_program", "pfron"):
            assert funding[label][0] == ABSENT_V1
        else:
            assert funding[label][0] == pytest.approx(st[f"funding.source.{key}"]), label
    assert funding["Razem"][0] == pytest.approx(st["funding.total"]) and st["funding.total"] > 0
    roles = section(tables, 3)
    for key, label in L.STAFF_ROLE:
        assert roles[label][2] == pytest.approx(st[f"staff.fte.role.{key}"]), label
    assert roles["Razem"][0] == pytest.approx(sum(r.get("fte") or 0 for r in data.tables["staff"] if kis_post(r)))
    assert roles["Razem"][2] == pytest.approx(st["staff.fte"])
    services = section(tables, 10)
    for key, label in L.SERVICE_AREA:       # the vocational area is the line "Reintegracja zawodowa" itself
        row = services["Reintegracja zawodowa" if key == "vocational_reintegration" else label]
        assert row == pytest.approx((st[f"services.area.{key}.count"], st[f"services.area.{key}.participants"],
                                     st[f"services.area.{key}.hours"])), label
    assert services["Razem"] == pytest.approx((st["services"], st["services.participants"], st["services.hours"]))
    assert services["Reintegracja zawodowa"][0] == st["services.area.vocational_reintegration.count"]
    assert services["Reintegracja społeczna"][0] + services["Reintegracja zawodowa"][0] == st["services"]
    hours = section(tables, 12)
    assert hours[dict(L.HOURS)["total"]][0] == st["hours.total"]


def test_v1_lists_the_items_of_version_2_as_not_reported(v1_output):
    figures, out, _, _ = v1_output
    tables = sections(out)
    gaps = section(tables, len(figures.sections) + 1)
    for item in ("Numer KIS w rejestrze", "Wolontariusze w okresie według płci",
                 "Uczestnicy, którzy rozpoczęli udział w okresie", "Usługi wymienione w art. 18 ust. 2",
                 "Finansowanie z gminnego programu profilaktyki", "Finansowanie z PFRON"):
        reason = next(v[0] for k, v in gaps.items() if k.startswith(item))
        assert reason.startswith("Nie raportowano w arkuszu w wersji 1.0"), item
    assert section(tables, 5)["Osoby działające jako wolontariusze w KIS lub LSR"][0] == ABSENT_V1
    art18 = section(tables, 11)
    assert all(v[0] == ABSENT_V1 for k, v in art18.items() if k != "Forma usługi") and len(art18) > 1
    ident = section(tables, 1)
    assert ident["Numer KIS w rejestrze prowadzonym przez wojewodę"][0] == ABSENT_V1
    assert ident["Termin sprawozdania rocznego"][0].startswith("31 marca 2026 r.")


def test_v2_sample_reports_the_new_items(v2_output):
    figures, out, data, st = v2_output
    assert data.version == S.TEMPLATE_VERSION == "2.0"
    tables = sections(out)
    started = section(tables, 6)
    for g, label in L.ART1_GROUP:
        f, m = st[f"started.{g}.f"], st[f"started.{g}.m"]
        assert started[label] == (f, m, f + m), label
    assert started["Razem – przyjęci w okresie"][2] == st["flow.entered.f"] + st["flow.entered.m"]
    assert section(tables, 5)["Osoby działające jako wolontariusze w KIS lub LSR"] == (
        st["volunteers.f"], st["volunteers.m"], st["volunteers.f"] + st["volunteers.m"])
    art18 = section(tables, 11)
    for key, label in L.ART18_SERVICE:
        if key != "none":
            assert art18[label] == pytest.approx((st[f"services.art18.{key}.count"],
                                                  st[f"services.art18.{key}.participants"],
                                                  st[f"services.art18.{key}.hours"])), label
    funding = section(tables, 2)
    for key in ("alcohol_program", "pfron"):
        assert funding[dict(L.FUNDING_SOURCE)[key]][0] == pytest.approx(st[f"funding.source.{key}"])
    assert st["funding.source.alcohol_program"] + st["funding.source.pfron"] > 0   # the sample uses the new lines
    assert section(tables, 1)["Numer KIS w rejestrze prowadzonym przez wojewodę"][0] == data.form["kis_register_no"]
    assert "centrum integracji społecznej" not in section(tables, 9)     # 2.0 asks the CIS transfer once (flow)
    assert not any("wersji" in g.reason for g in figures.gaps)
    assert ABSENT_V1 not in str(tables)


def test_half_year_says_the_annual_report_needs_the_year(v2_output):
    _, _, data, _ = v2_output
    half = dataclasses.replace(data, form={**data.form, "period": "2025-H1"})
    figures = build_cas(half, half.version)
    ident = dict(figures.sections[0].items)
    assert "cały rok 2025" in ident["Termin sprawozdania rocznego"]
    assert "31 marca 2026 r." in ident["Termin sprawozdania rocznego"]
    assert any(g.item == "Dane za cały rok 2025" for g in figures.gaps)


def test_text_from_the_workbook_stays_text(v2_output, tmp_path):
    _, _, data, _ = v2_output
    hostile = dataclasses.replace(data, form={**data.form, "kis_name": '=HYPERLINK("http://x.example","klik")',
                                              "lsr_name": "+48 123", "gmina": "@SUM(A1)"})
    out = write_cas(build_cas(hostile, "2.0", file_name="=plik.xlsx"), tmp_path / "cas.xlsx")
    ws = openpyxl.load_workbook(out)[SHEET]
    ident = section(sections(out), 1)
    assert ident["Nazwa klubu integracji społecznej"][0] == '=HYPERLINK("http://x.example","klik")'
    assert ident["Lokalna Sieć na rzecz Reintegracji"][0] == "+48 123"
    assert ident["Gmina"][0] == "@SUM(A1)"
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    with zipfile.ZipFile(out) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<hyperlink" not in sheet


def test_print_setup_and_reproducible_bytes(v1_output, tmp_path):
    figures, out, _, _ = v1_output
    ws = openpyxl.load_workbook(out)[SHEET]
    assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "portrait"
    assert ws.sheet_properties.pageSetUpPr.fitToPage          # one page wide (1 is the default, not written)
    assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == "$1:$2"
    again = write_cas(figures, tmp_path / "again.xlsx")
    assert again.read_bytes() == out.read_bytes()


def test_cli_writes_and_prints_a_summary(tmp_path):
    out = tmp_path / "wynik" / "cas.xlsx"
    result = CliRunner().invoke(main, ["cas", str(V1), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Zapisano dane do sprawozdania KIS (Klub Integracji Społecznej w gminie Chełmno, okres 2025)" in result.output
    assert "Pozycji, których arkusz nie zawiera: 9" in result.output
    assert out.exists()


def test_damaged_file_is_refused_in_polish(tmp_path):
    bad = tmp_path / "zepsuty.xlsx"
    bad.write_bytes(V1.read_bytes()[:5000])
    result = CliRunner().invoke(main, ["cas", str(bad), "-o", str(tmp_path / "cas.xlsx")])
    assert result.exit_code == 1
    assert "Błąd: Nie można odczytać pliku zepsuty.xlsx" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "cas.xlsx").exists()


def test_rollup_file_is_named_as_such(tmp_path):
    rollup = ROOT / "tests" / "fixtures" / "v1" / "RSR_04_2025_v1.xlsx"
    with pytest.raises(KsrError, match="jest zestawieniem regionalnym lub krajowym, a nie arkuszem LSR"):
        cas_from_workbook(rollup, tmp_path / "cas.xlsx")


def test_workbook_with_errors_is_refused_with_its_findings(tmp_path):
    broken = tmp_path / "LSR_bledy.xlsx"
    shutil.copy(V2, broken)
    wb = openpyxl.load_workbook(broken)
    wb[S.FORM.name][S.FORM.cell_of("teryt")] = "12ab"
    wb.save(broken)
    result = CliRunner().invoke(main, ["cas", str(broken), "-o", str(tmp_path / "cas.xlsx")])
    assert result.exit_code == 1
    assert "zawiera 1 błąd, więc nie można przygotować" in result.output and "TERYT" in result.output
    assert not (tmp_path / "cas.xlsx").exists()


def test_unwritable_output_is_a_polish_error(tmp_path):
    (tmp_path / "plik").write_text("x")
    result = CliRunner().invoke(main, ["cas", str(V1), "-o", str(tmp_path / "plik" / "cas.xlsx")])
    assert result.exit_code == 1
    assert "Nie można zapisać pliku" in result.output and "Traceback" not in result.output


def test_warnings_are_allowed_and_the_output_asks_to_check_them(tmp_path):
    warned = tmp_path / "LSR_ostrzezenie.xlsx"
    shutil.copy(V1, warned)
    wb = openpyxl.load_workbook(warned)
    staff = S.table("staff")
    wb[staff.name][S.a1(S.TABLE_FIRST_DATA_ROW, staff.col_index("fte"))] = 1.8      # > 1.5 FTE: a warning
    wb.save(warned)
    report = validate_file(warned)
    assert report.valid and report.warnings
    out = tmp_path / "cas.xlsx"
    result = CliRunner().invoke(main, ["cas", str(warned), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Uwaga: arkusz ma 1 ostrzeżenie" in result.output
    texts = [c.value for row in openpyxl.load_workbook(out)[SHEET].iter_rows() for c in row if isinstance(c.value, str)]
    assert any(t.startswith("Sprawdzanie arkusza zgłosiło 1 ostrzeżenie.") for t in texts)


def test_explained_warnings_are_counted(tmp_path):
    figures = cas_from_workbook(EXPLAINED, tmp_path / "cas.xlsx")
    assert (figures.warnings, figures.explained) == (1, 1)
    texts = [c.value for row in openpyxl.load_workbook(tmp_path / "cas.xlsx")[SHEET].iter_rows() for c in row]
    assert "Sprawdzanie arkusza zgłosiło 1 ostrzeżenie (koordynator je wyjaśnił). Liczby przepisano bez zmian: " \
           "przed wysłaniem sprawozdania upewnij się, że są prawidłowe." in texts


def test_v2_optional_items_left_empty_are_said_so_not_zero(v2_output):
    _, _, data, _ = v2_output
    empty = dataclasses.replace(data, form={**data.form, "kis_register_no": None, "volunteers_women": None,
                                            "volunteers_men": None})
    figures = build_cas(empty, "2.0")
    assert figures.table("5.").rows[0].values == ("nie podano w arkuszu",) * 3
    assert dict(figures.sections[0].items)["Numer KIS w rejestrze prowadzonym przez wojewodę"] == "nie podano w arkuszu"
    reasons = {g.item: g.reason for g in figures.gaps}
    assert reasons["Numer KIS w rejestrze prowadzonym przez wojewodę"].startswith("Pole puste w arkuszu")
    assert reasons["Wolontariusze w okresie według płci (osoby, nie etaty)"].startswith("Pole puste w arkuszu")


def test_staff_seconded_from_ops_is_the_kis_own_staff_as_the_rules_count_it(v2_output):
    _, _, data, _ = v2_output
    seconded = {"role": "case_manager", "fte": 1.0, "own": "no", "contract": "seconded", "funding": "budget"}
    volunteer = {"role": "case_manager", "fte": 0.5, "own": "yes", "contract": "volunteer", "funding": "budget"}
    one = dataclasses.replace(data, tables={**data.tables, "staff": [seconded, volunteer]})
    figures = build_cas(one, "2.0")
    roles = {r.label: r.values for r in figures.table("3.").rows}
    contracts = {r.label: r.values for r in figures.table("4.").rows}
    assert roles[dict(L.STAFF_ROLE)["case_manager"]] == (1.0, 0.5, 1.5)
    assert contracts["oddelegowanie z OPS"] == (1.0, 0, 1.0)
    assert contracts["wolontariat"] == (0, 0.5, 0.5)
    assert roles["Razem"] == (1.0, 0.5, 1.5)
    assert lsr_stats(one)["lsr.with_kis_case_manager"] == 1       # the rules read the same post as the KIS's own
    assert "osoby oddelegowane z OPS" in figures.table("3.").note


@pytest.mark.parametrize("more, tail", [(1, "… oraz 1 kolejny błąd."), (2, "… oraz 2 kolejne błędy."),
                                         (5, "… oraz 5 kolejnych błędów.")])
def test_refusal_counts_the_errors_left_out_in_agreeing_words(more, tail):
    errors = [dataclasses.make_dataclass("F", ["message"])(f"Błąd {i}.") for i in range(LIMIT + more)]
    report = dataclasses.make_dataclass("R", ["path", "errors", "unreadable"])("x/LSR.xlsx", errors, False)
    text = refusal(report)
    assert text.splitlines()[-1] == "  " + tail
    assert f"zawiera {LIMIT + more} błędów, więc" in text and "Popraw je" in text


def test_source_without_fill_date_says_so(v2_output):
    _, _, data, _ = v2_output
    source = lambda form: dict(build_cas(dataclasses.replace(data, form=form), "2.0").sections[0].items)[
        "Źródło danych"]
    assert "data wypełnienia nie podana" in source({**data.form, "filled_on": None})
    assert "– r." not in source({**data.form, "filled_on": None})
    dated = source(data.form)
    assert "wypełniony " in dated and dated.split("wypełniony ")[1].split(",")[0].endswith(" r.")
