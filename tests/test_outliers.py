"""Values to explain (``monitoring.outliers``; DESIGN §11, issue 14 §4): jumps against the LSR's own history
and robust z-scores against the region's LSRs, as warnings only.

Records are built from small statistics dicts (a record reads like the figures it checks); expectations are
computed here another way (the jump rule written out, median and MAD by sorting) or written by hand.
"""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from ksr_reports.indicators.model import Rollup, Unit
from ksr_reports.indicators.stats import empty_stats
from ksr_reports.monitoring.history import History
from ksr_reports.monitoring.outliers import flag_outliers
from ksr_reports.rollup.inputs import InputRecord, examine

from .conftest import ROOT
from .readable.checks import Speller, agreement, dictionary_missing, english, internal_codes
from .readable.extract import SUMMARY, Snippet

SAMPLES = ROOT / "workbooks" / "samples"
MESSAGES: list[str] = []        # every message the tests produced, for the grammar test at the end


def _stats(start=10, entered=8, fte=4.0, type_c=3, stakeholders=10, funding=400_000.0, hours=3600.0, v2=1):
    st = empty_stats()
    st.update({"lsr.count": 1, "flow.start.f": start, "flow.entered.f": entered, "staff.fte": fte,
               "stakeholders.type.C": type_c, "stakeholders": stakeholders, "funding.total": funding,
               "hours.total": hours, "lsr.v2": v2})
    return st


def _rec(lsr_id="0402032", st=None, *, period="2025", filled="2025-03-01", path=None, texts=None) -> InputRecord:
    path = path or f"/skrzynka/LSR_{lsr_id}_{period}.xlsx"
    return InputRecord(path, sha256=f"sha-{path}", kind="lsr", status="valid", lsr_id=lsr_id, period=period,
                       name=f"LSR {lsr_id}", filled_on=filled, stats=st if st is not None else _stats(),
                       texts=texts or {})


def _unit(lsr_id, period, st) -> Unit:
    return Unit(lsr_id, f"LSR {lsr_id}", "lsr", lsr_id[:2], period, st)


def _history(period="2025", **by_period) -> History:
    h = History.empty(period)
    h.units = {p.replace("_", "-").lstrip("y"): units for p, units in by_period.items()}
    return h


def _flag(records, history, thresholds=None, **kw):
    out = flag_outliers(records, history, thresholds, **kw)
    MESSAGES.extend(f.message for r in records for f in r.issues)
    return out


# --- own history ---------------------------------------------------------------------------------

def test_a_jump_in_participants_is_a_warning_with_the_value_and_the_earlier_one():
    rec = _rec(st=_stats(start=35, entered=10))                         # 45 participants
    out = _flag([rec], _history(y2024=[_unit("0402032", "2024", _stats(start=8, entered=10))]))   # 18
    assert [f.code for f in rec.issues] == ["OUTLIER_HISTORY"]
    f = rec.issues[0]
    assert (f.severity, f.sheet, f.cell) == ("warning", "Uczestnicy", "A4")
    assert f.message == (
        "Uczestnicy!A4 (Uczestnicy w okresie według grupy (art. 1 ust. 2 ustawy) i płci): liczba uczestników "
        "w okresie wynosi 45 osób, a w 2024 r.: 18 osób – wzrost o 27 osób, 2,5 raza więcej; tak duża zmiana "
        "wobec poprzedniego okresu wymaga sprawdzenia. Sprawdź tabele uczestników: czy liczby dotyczą tego "
        "okresu i czy każdą osobę wpisano raz. Jeśli dane są poprawne, wyjaśnij zmianę w arkuszu „Wyjaśnienia” "
        "(wybierz arkusz „Uczestnicy” i wpisz komórkę A4).")
    assert (rec.warnings, rec.status) == (1, "warnings")
    assert out == [{"lsr_id": "0402032", "name": "LSR 0402032", "file": "LSR_0402032_2025.xlsx",
                    "code": "OUTLIER_HISTORY", "kind": "history", "label": "Liczba uczestników w okresie",
                    "value": 45, "value_text": "45 osób", "compared": "w 2024 r.: 18 osób", "message": f.message,
                    "explanation": None}]


@pytest.mark.parametrize("before, now", [(3, 7), (7, 3), (20, 10), (21, 11), (30, 45), (12, 24), (12, 23),
                                         (0, 9), (0, 10), (40, 19), (40, 21), (100, 199), (100, 200)])
def test_a_jump_needs_the_ratio_and_the_minimum_change(before, now):
    """Small counts jump: a jump is ×2 or ÷2 AND at least 10 persons (the rule written out independently)."""
    rec = _rec(st=_stats(start=now, entered=0))
    _flag([rec], _history(y2024=[_unit("0402032", "2024", _stats(start=before, entered=0))]))
    expected = abs(now - before) >= 10 and (now >= 2 * before or 2 * now <= before)
    assert bool(rec.issues) == expected, (before, now)


def test_each_measure_has_its_own_minimum_change():
    before = _stats(start=10, entered=8, fte=1.5, type_c=1, funding=60_000.0)
    now = _stats(start=10, entered=8, fte=3.0, type_c=2, funding=150_000.0)     # ×2 each, changes below minimums
    rec = _rec(st=now)
    _flag([rec], _history(y2024=[_unit("0402032", "2024", before)]))
    assert rec.issues == []
    bigger = _stats(start=10, entered=8, fte=4.0, type_c=4, funding=200_000.0)  # ×2.7, ×4, ×3.3: above them
    rec = _rec(st=bigger)
    out = _flag([rec], _history(y2024=[_unit("0402032", "2024", before)]))
    assert [o["label"] for o in out] == ["Łączny wymiar etatów kadry", "Liczba interesariuszy typu C",
                                         "Łączna kwota finansowania"]
    assert [(f.sheet, f.cell) for f in rec.issues] == [("Kadra", ""), ("Interesariusze", ""), ("Finansowanie", "")]
    assert out[0]["compared"] == "w 2024 r.: 1,5 etatu" and out[0]["value_text"] == "4 etaty"
    assert rec.issues[2].message.startswith(
        "Arkusz Finansowanie: łączna kwota finansowania wynosi 200\u00a0000\u00a0zł, a w 2024 r.: 60\u00a0000\u00a0zł "
        "– wzrost o 140\u00a0000\u00a0zł, 3,3 raza więcej;")
    assert rec.issues[2].message.endswith("(wybierz arkusz „Finansowanie” i wpisz kod ostrzeżenia z kopii z uwagami).")


def test_the_most_recent_earlier_period_the_lsr_reported_in_is_the_comparison():
    old, same = _stats(start=8, entered=10), _stats(start=35, entered=10)
    rec = _rec(st=_stats(start=35, entered=10))
    out = _flag([rec], _history(y2023=[_unit("0402032", "2023", old)], y2024=[_unit("0402032", "2024", same)]))
    assert out == [] and rec.issues == []              # like 2024: quiet, though 2023 was much lower
    rec = _rec(st=_stats(start=35, entered=10))
    out = _flag([rec], _history(y2023=[_unit("0402032", "2023", old)], y2024=[_unit("0404011", "2024", same)]))
    assert [o["compared"] for o in out] == ["w 2023 r.: 18 osób"]   # absent in 2024: missing, not zero


def test_half_years_are_never_compared_with_years():
    low = _stats(start=8, entered=10)
    rec = _rec(st=_stats(start=35, entered=10), period="2025-H1")
    h = History("2025-H1", ["2024", "2024-H1", "2024-H2"], {"2024": [_unit("0402032", "2024", low)]})
    assert _flag([rec], h) == [] and rec.issues == []
    h.units["2024-H2"] = [_unit("0402032", "2024-H2", low)]
    out = _flag([rec], h)
    assert [o["compared"] for o in out] == ["w II półroczu 2024 r.: 18 osób"]


def test_only_records_of_the_runs_period_are_checked():
    rec = _rec(st=_stats(start=35, entered=10), period="2024")
    assert _flag([rec], _history(y2024=[_unit("0402032", "2024", _stats(start=8))])) == [] and rec.issues == []


# --- region ---------------------------------------------------------------------------------------

def _region(ftes: list[float], participants=20, region="04") -> list[InputRecord]:
    """LSRs of one region with 20 participants each; funding and hours vary a little from one to the next."""
    return [_rec(f"{region}{i:02d}011", _stats(start=participants - 8, entered=8, fte=fte, funding=380_000.0 + 5_000 * i,
                                               hours=3400.0 + 50 * i)) for i, fte in enumerate(ftes)]


def _median(values):
    s = sorted(values)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


def test_a_region_outlier_is_found_by_the_robust_z_score():
    ftes = [1.6, 1.8, 2.0, 2.0, 2.2, 2.4, 1.9, 2.1, 8.0]          # staff per 10 participants: fte / 2
    records = _region(ftes)
    out = _flag(records, History.empty("2025"))
    per10 = [f / 20 * 10 for f in ftes]
    med = _median(per10)
    mad = _median([abs(v - med) for v in per10])
    z = [0.6745 * (v - med) / mad for v in per10]
    assert [o["lsr_id"] for o in out] == [r.lsr_id for r, zi in zip(records, z) if abs(zi) > 3.5] == ["0408011"]
    o = out[0]
    assert (o["kind"], o["code"], o["label"], o["value"]) == ("region", "OUTLIER_REGION", "Kadra na 10 uczestników", 4.0)
    assert o["compared"] == "mediana 9 LSR województwa: 1,0 etatu"
    assert o["message"] == (
        "Arkusz Kadra: kadra na 10 uczestników wynosi 4,0 etatu, a mediana 9 LSR województwa: 1,0 etatu – to "
        "wartość nietypowo wysoka na tle LSR województwa. Sprawdź wymiar etatów w arkuszu kadry i liczby "
        "uczestników w okresie. Jeśli dane są poprawne, wyjaśnij różnicę w arkuszu „Wyjaśnienia” (wybierz arkusz "
        "„Kadra” i wpisz kod ostrzeżenia z kopii z uwagami).")


def test_fewer_than_the_minimum_units_are_not_compared():
    records = _region([1.6, 1.8, 2.0, 2.2, 2.4, 1.9, 8.0])          # 7 LSRs < 8
    assert _flag(records, History.empty("2025")) == []
    assert all(r.issues == [] for r in records)


def test_no_spread_no_comparison():
    records = _region([2.0] * 8 + [8.0])                             # MAD = 0
    assert _flag(records, History.empty("2025")) == []


def test_a_big_lsr_is_not_an_outlier_for_being_big():
    records = _region([1.6, 1.8, 2.0, 2.0, 2.2, 2.4, 1.9, 2.1])
    big = _stats(start=190, entered=10, fte=20.0, funding=4_000_000.0, hours=36_000.0, stakeholders=10, type_c=3)
    records.append(_rec("0463011", big))                             # 10× participants, staff, funding, hours
    assert _flag(records, History.empty("2025")) == []


def test_lsrs_of_other_regions_are_not_the_reference():
    records = _region([1.6, 1.8, 2.0, 2.0, 2.2, 2.4, 1.9, 2.1]) + _region([8.0], region="06")
    assert _flag(records, History.empty("2025")) == []


def _type_c(shares: list[tuple[int, int]], region="04") -> list[InputRecord]:
    """LSRs of one region alike in everything but their (type C, all) stakeholders."""
    return [_rec(f"{region}{i:02d}011", _stats(type_c=c, stakeholders=n)) for i, (c, n) in enumerate(shares)]


TYPE_C_REGION = [(2, 10), (3, 10), (3, 10), (3, 10), (4, 10), (3, 10), (2, 10), (4, 10)]   # 20–40 %, MAD 5 pp


def test_an_lsr_without_type_c_is_not_a_value_to_explain():
    """0 % type C among LSRs with 20–40 % is a weakness the type C rules report, not an implausible value: the
    region comparison leaves the share alone (it flagged every LSR without type C in the benchmark)."""
    records = _type_c(TYPE_C_REGION + [(0, 10), (0, 12)])
    assert _flag(records, History.empty("2025")) == [] and all(r.issues == [] for r in records)


def test_a_regional_run_checks_and_reports_only_its_own_region():
    """Files of another województwo, refused by a regional run, get no warnings and are not listed; without
    ``region`` (the ministry) every region is checked, each against its own LSRs."""
    def run():
        jump = _rec("0602011", _stats(start=35, entered=10))
        return _region([1.6, 1.8, 2.0, 2.0, 2.2, 2.4, 1.9, 2.1, 8.0]) + _region(
            [1.6, 1.8, 2.0, 2.0, 2.2, 2.4, 1.9, 2.1, 8.0], region="06") + [jump]
    history = _history(y2024=[_unit("0602011", "2024", _stats(start=8, entered=10))])
    records = run()
    out = _flag(records, history, region="04")
    assert [(o["lsr_id"], o["kind"]) for o in out] == [("0408011", "region")]
    assert [r.lsr_id for r in records if r.issues] == ["0408011"]
    assert all(r.status == "valid" for r in records if r.region == "06")
    records = run()
    out = _flag(records, history)
    assert [(o["lsr_id"], o["kind"]) for o in out] == [("0408011", "region"), ("0602011", "history"),
                                                       ("0608011", "region")]
    assert _flag(run(), history, region="12") == []


# --- explanations, superseded files, thresholds -------------------------------------------------------

def test_an_explanation_by_cell_marks_the_warning_explained():
    texts = {"explanations": [{"sheet": "participants", "cell": "a4", "code": "", "text": "Dwa nabory w okresie."}]}
    st = _stats(start=35, entered=10)
    st["warnings.explained"] = 1
    rec = _rec(st=st, texts=texts)
    out = _flag([rec], _history(y2024=[_unit("0402032", "2024", _stats(start=8, entered=10))]))
    f = rec.issues[0]
    assert f.explanation == "Dwa nabory w okresie."
    assert f.message.endswith("(wybierz arkusz „Uczestnicy” i wpisz komórkę A4). Wyjaśnienie koordynatora: "
                              "„Dwa nabory w okresie.”")
    assert out[0]["explanation"] == "Dwa nabory w okresie." and rec.stats["warnings.explained"] == 2


def test_an_explanation_by_code_names_the_sheet_too():
    texts = {"explanations": [{"sheet": "staff", "cell": "", "code": "outlier_history", "text": "Nowy projekt."},
                              {"sheet": "funding", "cell": "", "code": "OUTLIER_REGION", "text": "Inny rodzaj."}]}
    rec = _rec(st=_stats(fte=9.0, funding=900_000.0), texts=texts)
    out = _flag([rec], _history(y2024=[_unit("0402032", "2024", _stats(fte=4.0, funding=400_000.0))]))
    assert [(o["label"], o["explanation"]) for o in out] == [("Łączny wymiar etatów kadry", "Nowy projekt."),
                                                            ("Łączna kwota finansowania", None)]


def test_a_file_of_the_older_template_is_told_where_to_explain():
    rec = _rec(st=_stats(start=35, entered=10, v2=0))
    _flag([rec], _history(y2024=[_unit("0402032", "2024", _stats(start=8, entered=10, v2=0))]))
    assert rec.issues[0].message.endswith(
        "Jeśli dane są poprawne, wyjaśnij zmianę w arkuszu „Wyjaśnienia” (ten arkusz jest w aktualnym szablonie LSR; "
        "w pliku ze starszego szablonu przekaż wyjaśnienie Regionalnemu Ośrodkowi Polityki Społecznej).")


def test_entrants_point_at_the_total_of_their_row_in_each_template_version():
    """The committed 2.0 template has "Przyjęci w okresie" in A29 and "Razem" above in column D (1.0: row 18)."""
    import openpyxl

    ws = openpyxl.load_workbook(ROOT / "workbooks" / "templates" / "szablon_LSR.xlsx")["Uczestnicy"]
    assert ws["A29"].value == "Przyjęci w okresie" and ws["D27"].value == "Razem"
    cells = []
    for v2 in (1, 0):
        rec = _rec(st=_stats(start=2, entered=30, v2=v2))
        _flag([rec], _history(y2024=[_unit("0402032", "2024", _stats(start=2, entered=5, v2=v2))]))
        cells += [f.cell for f in rec.issues if "przyjętych" in f.message]
    assert cells == ["D29", "D18"]


def test_every_file_is_warned_but_only_the_current_one_is_listed():
    low = _history(y2024=[_unit("0402032", "2024", _stats(start=8, entered=10))])
    old = _rec(st=_stats(start=35, entered=10), filled="2025-02-01", path="/s/LSR_0402032_stara.xlsx")
    new = _rec(st=_stats(start=36, entered=10), filled="2025-03-01", path="/s/LSR_0402032_nowa.xlsx")
    out = _flag([new, old], low)
    assert len(old.issues) == len(new.issues) == 1
    assert [o["file"] for o in out] == ["LSR_0402032_nowa.xlsx"]


def test_thresholds_come_from_the_users_file(tmp_path):
    f = tmp_path / "moje progi ł.toml"
    f.write_text("[outliers]\nhistory_ratio = 3\n", encoding="utf-8")
    rec = _rec(st=_stats(start=35, entered=10))
    assert _flag([rec], _history(y2024=[_unit("0402032", "2024", _stats(start=8, entered=10))]), f) == []
    rec = _rec(st=_stats(start=35, entered=10))
    assert _flag([rec], _history(y2024=[_unit("0402032", "2024", _stats(start=8, entered=10))]), {}) != []


# --- the committed samples -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def samples() -> list[InputRecord]:
    return [examine(p) for p in sorted(SAMPLES.rglob("*.xlsx"))]


def test_the_committed_samples_stay_quiet_with_ordinary_evolution(samples):
    """Each sample LSR a year earlier with every statistic scaled by 0.8–1.25 (ordinary evolution)."""
    rng = random.Random(14)
    before = {r.path: (list(r.issues), r.warnings, r.status) for r in samples}
    units = []
    for r in samples:
        k = rng.uniform(0.8, 1.25)
        units.append(_unit(r.lsr_id, "2024", {key: v * k for key, v in r.stats.items()}))
    assert len(samples) == 24
    assert flag_outliers(samples, _history(y2024=units)) == []
    assert {r.path: (list(r.issues), r.warnings, r.status) for r in samples} == before


# --- the quality sheet and the language ----------------------------------------------------------

def test_the_quality_sheet_lists_the_values_to_explain(tmp_path):
    import openpyxl

    from ksr_reports.rollup import write_rollup

    rec = _rec(st=_stats(start=35, entered=10))
    outliers = _flag([rec], _history(y2024=[_unit("0402032", "2024", _stats(start=8, entered=10))]))
    unit = Unit("0402032", "LSR 0402032", "lsr", "04", "2025", rec.stats, source=rec.file, sha256=rec.sha256)
    row = {"file": rec.file, "path": rec.path, "via": "", "kind": "lsr", "lsr_id": "0402032", "period": "2025",
           "region": "04", "status": "warnings", "decision": "counted", "errors": 0, "warnings": 1,
           "sha256": rec.sha256, "note": ""}
    rollup = Rollup("region", "2025", "04", [unit], quality=[row], lineage=[row], generated_on="2025-04-01",
                    outliers=outliers)
    ws = openpyxl.load_workbook(write_rollup(rollup, tmp_path / "RSR.xlsx"))["Jakość danych"]
    cells = {c.value: c for r in ws.iter_rows() for c in r if isinstance(c.value, str)}
    header = cells["Wartości do wyjaśnienia i wyjaśnienia koordynatora"]
    text = ws.cell(header.row + 1, header.column).value
    assert text == ("Liczba uczestników w okresie: 45 osób; w 2024 r.: 18 osób – bez wyjaśnienia koordynatora")


def test_messages_are_polish_that_reads_well():
    assert MESSAGES, "run after the tests that produce messages"
    snippets = [Snippet("podsumowanie.txt", f"komunikat {i}", m, SUMMARY) for i, m in enumerate(MESSAGES)]
    assert agreement(snippets) == [] and internal_codes(snippets) == [] and english(snippets) == []
    if dictionary_missing() is None:
        assert Speller().check(snippets) == []
