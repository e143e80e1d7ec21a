"""Template 2.0 (issue 13): both layouts, the new balances with their exact messages, 1.0 files still
clean, and warnings explained on the „Wyjaśnienia” sheet."""
from __future__ import annotations

from pathlib import Path

import pytest

from ksr_reports import spec as S
from ksr_reports.balances import check_balances
from ksr_reports.indicators import derive, lsr_stats
from ksr_reports.indicators.derive import V2_DERIVED
from ksr_reports.indicators.stats import V2_KEYS
from ksr_reports.reader import read_raw, to_typed
from ksr_reports.validation import validate_file

from .corpus import all_of, base_data, explanation, form, grid_add, write_valid

L = S.lists
V1 = Path(__file__).resolve().parents[1] / "fixtures" / "v1" / "lsr"
P = S.PARTICIPANTS.name


def test_layouts_of_both_versions():
    v1, v2 = S.layout("1.0"), S.layout("2.0")
    assert [g.key for g in v1.participants.grids] == ["groups", "flow", "referrals", "duration", "spheres",
                                                       "measures", "outcomes", "hours"]
    assert [g.key for g in v2.participants.grids] == ["groups", "started", "flow", "process", "referrals", "duration",
                                                       "spheres", "measures", "outcomes", "followup", "hours"]
    assert "cis" in dict(v1.grid("outcomes").rows) and "cis" not in dict(v2.grid("outcomes").rows)
    assert v1.grid("flow").top == 15 and v2.grid("flow").top == 26          # stacked differently
    assert v1.form.cell_of("coordinator") == "B15" and v2.form.cell_of("coordinator") == "B22"
    assert "Wyjaśnienia" not in v1.all_sheet_names and "Wyjaśnienia" in v2.all_sheet_names
    assert [c.key for c in v1.table("partnerships").columns if c.since != "1.0"] == []
    assert {c.key for c in v2.table("partnerships").columns} - {c.key for c in v1.table("partnerships").columns} \
        == {"kis_leads", "evaluations"}
    assert [k for k, _ in v1.balances][-1] == "hours" and {"started_total", "process", "followup"} <= dict(v2.balances).keys()
    assert S.layout("9.9") is S.layout(S.TEMPLATE_VERSION)


def test_every_new_column_has_help_with_an_example_and_every_closed_list_a_dropdown():
    new = [c for c in S.FORM.fields + tuple(c for t in S.TABLES for c in t.columns)
           if c.since == "2.0" or any(t.since == "2.0" and c in t.columns for t in S.TABLES)]
    assert len(new) >= 15
    for c in new:
        assert "np." in c.help, c.key
        assert (c.type in ("choice", "yesno")) == bool(c.choices)
    for g in S.PARTICIPANTS.grids:
        if g.since == "2.0":
            assert "np." in g.help, g.key
    assert dict(S.FUNDING.column("source").choices)["alcohol_program"].startswith("gminny program profilaktyki")
    assert dict(S.SERVICES.column("art18").choices) == dict(L.ART18_SERVICE)


@pytest.mark.parametrize("path", sorted(V1.glob("*.xlsx")), ids=lambda p: p.name)
def test_v1_workbooks_validate_clean_and_count_as_not_reported(path):
    report = validate_file(path)
    assert report.status == "valid", [(f.code, f.cell) for f in report.issues]
    assert report.data.version == "1.0"
    st = lsr_stats(report.data)
    assert st["lsr.count"] == 1 and st["lsr.v2"] == 0
    assert all(st[k] == 0 for k in V2_KEYS), [k for k in V2_KEYS if st[k]]
    assert st["participants.group.long_unemployed.f"] + st["participants.group.long_unemployed.m"] > 0
    d = derive(st)
    assert all(d[k] is None for k in V2_DERIVED)       # "nie raportowano", never 0


def test_v1_outcome_cis_row_is_still_read():
    sts = [lsr_stats(to_typed(read_raw(p))) for p in sorted(V1.glob("*.xlsx"))]
    assert sum(st["outcomes.cis.f"] + st["outcomes.cis.m"] for st in sts) > 0


# ---------------------------------------------------------------- the new balances, pass and fail
def _grids():
    return base_data()["grids"]


def test_base_sample_holds_every_v2_balance():
    assert check_balances(_grids()) == []


def _message(tmp_path, mutate, code):
    data = base_data()
    mutate(data)
    report = validate_file(write_valid(tmp_path / "lsr.xlsx", data))
    hits = [f for f in report.issues if f.code == code]
    assert len(hits) == 1, [(f.code, f.cell) for f in report.issues]
    return data, hits[0]


def test_started_total_must_equal_entered(tmp_path):
    data, f = _message(tmp_path, grid_add("started", "alcohol", "m", 2), "BALANCE_STARTED_TOTAL")
    g = S.grid("started")
    total = sum(v for (_, c), v in data["grids"]["started"].items() if c == "m")
    entered = data["grids"]["flow"][("entered", "m")]
    assert f.severity == "error" and f.cell == g.cell_of("disabled", "m")
    assert f.message == (
        f"Uczestnicy!{g.cell_of('disabled', 'm')} ({g.title}: osoby z niepełnosprawnościami – Mężczyźni): "
        f"suma osób, które rozpoczęły udział, we wszystkich grupach ({total}) różni się od liczby przyjętych w okresie "
        f"w tabeli przepływu ({entered}). Popraw liczby w tabeli „{g.title}” albo liczbę przyjętych; każda przyjęta "
        "osoba liczy się raz, w jednej głównej grupie.")


def test_process_rows_at_most_participants(tmp_path):
    def over(d):
        people = d["grids"]["flow"][("start", "f")] + d["grids"]["flow"][("entered", "f")]
        d["grids"]["process"][("with_case_manager", "f")] = people + 3
    data, f = _message(tmp_path, over, "BALANCE_PROCESS")
    people = data["grids"]["flow"][("start", "f")] + data["grids"]["flow"][("entered", "f")]
    g = S.grid("process")
    assert f.cell == g.cell_of("with_case_manager", "f")
    assert f.message == (
        f"Uczestnicy!{f.cell} ({g.title}: z przydzielonym case managerem – Kobiety): liczba osób w tym wierszu "
        f"({people + 3}) jest większa niż liczba uczestników w okresie ({people}). Popraw liczbę w tabeli "
        f"„{g.title}”; licz tylko uczestników tego okresu.")


@pytest.mark.parametrize("row", L.PROCESS_BOUNDED_BY_PLAN)
def test_reviewed_and_co_decided_at_most_with_plan(tmp_path, row):
    def over(d):
        d["grids"]["process"].update({("with_plan", "f"): 2, ("plan_reviewed", "f"): 2, ("co_decided", "f"): 2,
                                      (row, "f"): 3})
    _, f = _message(tmp_path, over, "BALANCE_PROCESS_PLAN")
    label = dict(L.PROCESS)[row]
    assert f.cell == S.grid("process").cell_of(row, "f")
    assert f.message == (
        f"Uczestnicy!{f.cell} ({S.grid('process').title}: {label} – Kobiety): liczba osób w tym wierszu (3) jest większa "
        f"niż liczba osób z indywidualnym planem (2). Popraw liczbę w tabeli „{S.grid('process').title}”; przegląd "
        "planu i współdecydowanie dotyczą tylko osób, które mają plan.")


def test_followup_statuses_sum_to_followed_up(tmp_path):
    def wrong(d):
        fu = {("followed_up", "persons"): 10}
        fu.update({(k, "persons"): v for k, v in zip(L.FOLLOWUP_STATUSES, (4, 1, 0, 2, 2, 0))})
        d["grids"]["followup"] = fu
    _, f = _message(tmp_path, wrong, "BALANCE_FOLLOWUP")
    g = S.grid("followup")
    assert f.cell == g.cell_of("fu_unknown", "persons")
    assert f.message == (
        f"Uczestnicy!{f.cell} ({g.title}: w tym: sytuacja nieustalona – Liczba osób): suma sytuacji pół roku po wyjściu "
        f"(4 + 1 + 0 + 2 + 2 + 0 = 9) różni się od liczby osób, z którymi się skontaktowano (10). Popraw liczby w tabeli "
        f"„{g.title}”; każda osoba ma jedną sytuację, a nieznaną wpisz w wierszu „sytuacja nieustalona”.")
    grids = _grids()
    grids["followup"][("fu_unknown", "persons")] += 1
    grids["followup"][("followed_up", "persons")] += 1
    assert check_balances(grids) == []          # the fix: one more person, with an unknown status


def test_v1_balances_ignore_the_v2_grids():
    grids = _grids()
    grids["started"][("homeless", "f")] += 5
    assert [b.balance for b in check_balances(grids)] == ["started_total"]
    assert check_balances(grids, "1.0") == []


# ---------------------------------------------------------------- explanations
def _no_case_manager(d):
    d["tables"]["staff"] = [r for r in d["tables"]["staff"] if r["role"] != dict(L.STAFF_ROLE)["case_manager"]]


def test_warning_explained_by_cell_stays_a_warning_with_the_text(tmp_path):
    ref = S.grid("process").cell_of("with_case_manager", "f")
    text = "Case managerem jest pracownik socjalny OPS."
    data = base_data()
    all_of(_no_case_manager, explanation(cell=ref.lower(), text=text))(data)
    report = validate_file(write_valid(tmp_path / "lsr.xlsx", data))
    assert report.status == "warnings"
    [f] = [f for f in report.issues if f.code == "PLAUS_CASE_MANAGER_STAFF"]
    assert f.explanation == text and f.message.endswith(f"Wyjaśnienie koordynatora: „{text}”")
    assert report.explained == [f] and report.data.explained_warnings == 1
    assert lsr_stats(report.data)["warnings.explained"] == 1 and lsr_stats(report.data)["explanations"] == 1


def test_explanation_by_code_and_errors_never_explained(tmp_path):
    data = base_data()
    all_of(form("supervision", "NIE"), grid_add("flow", "end", "m", 1),
           explanation(code="plaus_supervision"), explanation(code="BALANCE_FLOW"))(data)
    data["tables"]["explanations"][0]["sheet"] = S.FORM.name
    report = validate_file(write_valid(tmp_path / "lsr.xlsx", data))
    by_code = {f.code: f for f in report.issues}
    assert by_code["PLAUS_SUPERVISION"].explanation
    assert by_code["BALANCE_FLOW"].explanation is None and report.status == "invalid"


def test_unexplained_warning_and_other_sheet_do_not_match(tmp_path):
    data = base_data()
    all_of(form("supervision", "NIE"), explanation(code="PLAUS_SUPERVISION"))(data)   # sheet: Uczestnicy, not Metryczka
    report = validate_file(write_valid(tmp_path / "lsr.xlsx", data))
    assert [f.explanation for f in report.issues if f.code == "PLAUS_SUPERVISION"] == [None]
    assert lsr_stats(report.data)["warnings.explained"] == 0


def test_annotated_copy_shows_the_explanation(tmp_path):
    import openpyxl

    from ksr_reports.validation.annotate import annotate

    ref = S.grid("process").cell_of("with_case_manager", "f")
    data = base_data()
    all_of(_no_case_manager, explanation(code="PLAUS_CASE_MANAGER_STAFF", text="Etat jest w OPS."))(data)
    report = validate_file(write_valid(tmp_path / "lsr.xlsx", data))
    out = annotate(report, tmp_path / "uwagi")
    wb = openpyxl.load_workbook(out)
    assert "Wyjaśnienie koordynatora: „Etat jest w OPS.”" in wb[P][ref].comment.text
    notes = " ".join(str(c.value) for row in wb.worksheets[0].iter_rows() for c in row if c.value)
    assert "Wyjaśnienie koordynatora: „Etat jest w OPS.”" in notes


def test_cell_checks_cover_the_new_columns(tmp_path):
    from .corpus import cell_in, fref, tref
    data = base_data()
    all_of(cell_in("partnerships", 0, "evaluations", "dwa"), cell_in("services", 0, "art18", "roboty"),
           cell_in("staff", 0, "supervised", "może"), form("volunteers_women", 500), form("konwent", "tak "),
           explanation(cell="D14", text=None))(data)
    report = validate_file(write_valid(tmp_path / "lsr.xlsx", data))
    found = {(f.code, f.sheet, f.cell) for f in report.issues}
    assert ("TYPE_INT", S.PARTNERSHIPS.name, tref(S.PARTNERSHIPS, 0, "evaluations")) in found
    assert ("LIST_VALUE", S.SERVICES.name, tref(S.SERVICES, 0, "art18")) in found
    assert ("LIST_VALUE", S.STAFF.name, tref(S.STAFF, 0, "supervised")) in found
    assert ("RANGE_MAX", S.FORM.name, fref("volunteers_women")) in found
    assert ("REQUIRED_CELL", S.EXPLANATIONS.name, tref(S.EXPLANATIONS, 0, "text")) in found
    assert not any(f.cell == fref("konwent") for f in report.issues)       # "tak " is TAK
    hint = next(f for f in report.issues if f.cell == tref(S.SERVICES, 0, "art18"))
    assert "Czy chodziło o „roboty publiczne”?" in hint.message
