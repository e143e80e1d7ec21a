"""Resubmission diffs (``monitoring.diffs``; DESIGN §11, issue 14 §3): what changed between two submissions of one
LSR, in the feedback of the counted file and in the run summary."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from ksr_reports.indicators.model import Unit
from ksr_reports.indicators.stats import empty_stats
from ksr_reports.monitoring.diffs import (MAX_LINES, change_lines, changes, compare, outcome_fields,
                                          resubmissions)
from ksr_reports.rollup.inputs import examine
from ksr_reports.run import RunResult
from ksr_reports.validation.feedback import Outcome, feedback_text
from ksr_reports.validation.report import FileReport

from .conftest import ROOT

SAMPLES = ROOT / "workbooks" / "samples"


def _stats(**values) -> dict:
    st = empty_stats()
    st.update({"lsr.count": 1, "lsr.v2": 1, **{k.replace("__", "."): v for k, v in values.items()}})
    return st


def _unit(st, source="LSR_0402032_2025.xlsx", sha="a", filled="2025-02-10") -> Unit:
    return Unit("0402032", "LSR Brodnica", "lsr", "04", "2025", st, source=source, sha256=sha, filled_on=filled)


OLD = _stats(flow__start__f=8, flow__entered__f=10, stakeholders=10, stakeholders__type__C=2, staff__fte=2.5,
             funding__total=120_000.0)
NEW = _stats(flow__start__f=8, flow__entered__f=12, stakeholders=11, stakeholders__type__C=3, staff__fte=2.5,
             funding__total=135_000.0)


def test_changes_of_two_statistics_dicts_recomputed_by_hand():
    """Two sample LSRs as old and new: each listed statistic is in the changes exactly when it differs."""
    a, b = (examine(SAMPLES / "04" / name).stats for name in ("LSR_0402032_2025.xlsx", "LSR_0404011_2025.xlsx"))
    found = {c.label: (c.old, c.new) for c in changes(a, b)}

    def people(st, stage):
        return st[f"flow.{stage}.f"] + st[f"flow.{stage}.m"]

    by_hand = {"Uczestnicy w okresie": lambda st: people(st, "start") + people(st, "entered"),
               "Przyjęci w okresie": lambda st: people(st, "entered"),
               "Ukończyli udział": lambda st: people(st, "completed"),
               "Liczba interesariuszy": lambda st: st["stakeholders"],
               "Interesariusze typu C": lambda st: st["stakeholders.type.C"],
               "Liczba partnerstw": lambda st: st["partnerships"],
               "Liczba usług": lambda st: st["services"]}
    for label, value in by_hand.items():
        if value(a) != value(b):
            assert found[label] == (str(int(value(a))), str(int(value(b)))), label
        else:
            assert label not in found, label
    fte = (a["staff.fte"], b["staff.fte"])
    assert ("Etaty kadry" in found) == (fte[0] != fte[1])
    assert found["Etaty kadry"] == tuple(f"{v:.2f}".rstrip("0").rstrip(".").replace(".", ",") for v in fte)
    money = [f"{round(a['funding.total']):,}".replace(",", "\u00a0") + "\u00a0zł",
             f"{round(b['funding.total']):,}".replace(",", "\u00a0") + "\u00a0zł"]
    assert found["Finansowanie ogółem"] == tuple(money)


def test_an_exact_copy_is_no_resubmission_and_identical_statistics_have_no_changes():
    new = _unit(dict(NEW), sha="b")
    assert resubmissions([new], {"0402032": _unit(dict(NEW), sha="b")}, {}) == {}
    same = compare(_unit(dict(NEW), sha="c"), new, "archive")
    assert same.changes == [] and same.details == 0 and same.identical and change_lines(same) == []


def test_the_inbox_version_is_preferred_to_the_archived_one():
    new = _unit(dict(NEW), "LSR_0402032_popr.xlsx", "b", "2025-03-03")
    inbox, archived = _unit(dict(OLD), "LSR_0402032_w_skrzynce.xlsx", "c"), _unit(dict(OLD), "LSR_0402032_arch.xlsx", "d")
    both = resubmissions([new], {"0402032": inbox}, {"0402032": archived})
    assert (both["0402032"].source, both["0402032"].old.source) == ("inbox", "LSR_0402032_w_skrzynce.xlsx")
    only = resubmissions([new], {}, {"0402032": archived})
    assert (only["0402032"].source, only["0402032"].old.source) == ("archive", "LSR_0402032_arch.xlsx")


def test_detail_only_changes_are_said_as_such():
    old, new = dict(NEW), dict(NEW)
    new["stakeholders.sector.public"] = old["stakeholders.sector.public"] + 1
    res = compare(_unit(old, sha="c"), _unit(new, sha="b"), "inbox")
    assert res.changes == [] and res.details == 1
    assert change_lines(res) == ["zmieniły się tylko szczegółowe dane tabel (1 wartość)"]


def test_items_of_template_2_0_are_not_reported_in_a_1_0_file():
    old = _stats(**{"lsr__v2": 0})
    new = _stats(volunteers__f=3, volunteers__m=2)
    labels = {c.label: (c.old, c.new) for c in changes(old, new)}
    assert labels["Wolontariusze (osoby)"] == ("nie raportowano", "5")
    assert "Wolontariusze (osoby)" not in {c.label for c in changes(_stats(lsr__v2=0), _stats(lsr__v2=0))}


@pytest.mark.parametrize("n, tail", [(MAX_LINES, None), (MAX_LINES + 1, "i 1 inna zmiana"),
                                     (MAX_LINES + 3, "i 3 inne zmiany"), (MAX_LINES + 5, "i 5 innych zmian"),
                                     (MAX_LINES + 12, "i 12 innych zmian"), (MAX_LINES + 22, "i 22 inne zmiany")])
def test_long_diffs_are_capped(n, tail):
    from ksr_reports.monitoring.diffs import Change, Resubmission

    res = Resubmission("0402032", "LSR", _unit(OLD), _unit(NEW), "inbox",
                       [Change(f"Pozycja {i}", "1", "2") for i in range(n)], n)
    lines = change_lines(res)
    assert lines[:MAX_LINES] == [f"Pozycja {i}: 1 → 2" for i in range(MAX_LINES)]
    assert lines[MAX_LINES:] == ([tail] if tail else [])


def _resubmission():
    old = _unit(dict(OLD), "LSR_0402032_2025.xlsx", "a", "2025-02-10")
    new = _unit(dict(NEW), "LSR_0402032_2025_poprawiony.xlsx", "b", "2025-03-03")
    return resubmissions([new], {}, {"0402032": old})["0402032"]


EXPECTED_LINES = [
    "Uczestnicy w okresie: 18 → 20",
    "Przyjęci w okresie: 10 → 12",
    "Liczba interesariuszy: 10 → 11",
    "Interesariusze typu C: 2 → 3",
    "Finansowanie ogółem: 120\u00a0000\u00a0zł → 135\u00a0000\u00a0zł",
    "Udział interesariuszy typu C: 20,0% → 27,3%",
    "Uczestnicy na etat: 7,2 → 8,0",
    "Finansowanie na uczestnika: 6\u00a0667\u00a0zł → 6\u00a0750\u00a0zł",
]


def test_feedback_of_the_counted_file_lists_what_changed():
    res = _resubmission()
    assert change_lines(res) == EXPECTED_LINES
    outcome = dataclasses.replace(Outcome("counted"), **outcome_fields(res))
    report = FileReport(Path("/skrzynka ł/LSR_0402032_2025_poprawiony.xlsx"), lsr_id="0402032", period="2025")
    assert feedback_text(report, outcome) == (
        "Informacja zwrotna do pliku LSR_0402032_2025_poprawiony.xlsx (LSR 0402032, okres 2025)\n"
        "\n"
        "Plik został przyjęty do zestawienia bez uwag. Dziękujemy.\n"
        "\n"
        "Zmiany względem poprzedniej wersji (plik LSR_0402032_2025.xlsx, wypełniony 10 lutego 2025, przyjęty "
        "wcześniej):\n" + "".join(f"  – {line}\n" for line in EXPECTED_LINES) + "\n")


def test_feedback_says_when_nothing_changed():
    same = compare(_unit(dict(NEW), "LSR_0402032_a.xlsx", "a", ""), _unit(dict(NEW), sha="b"), "inbox")
    outcome = Outcome("counted", **outcome_fields(same))
    text = feedback_text(FileReport(Path("LSR_0402032_2025.xlsx"), lsr_id="0402032", period="2025"), outcome)
    assert ("Zmiany względem poprzedniej wersji (plik LSR_0402032_a.xlsx, data wypełnienia nie podana, przesłany "
            "razem z tym plikiem): bez zmian w danych liczbowych.\n") in text


def test_run_summary_lists_corrections_and_values_to_explain(tmp_path):
    res = _resubmission()
    row = {"file": "LSR_0402032_2025_poprawiony.xlsx", "path": str(tmp_path / "LSR_0402032_2025_poprawiony.xlsx"),
           "via": "", "kind": "lsr", "lsr_id": "0402032", "period": "2025", "decision": "counted", "errors": 0,
           "warnings": 1}
    outlier = {"lsr_id": "0402032", "name": "LSR Brodnica", "file": row["file"], "code": "OUTLIER_HISTORY",
               "kind": "history", "label": "Liczba uczestników w okresie", "value": 45, "value_text": "45 osób",
               "compared": "w 2024 r.: 18 osób", "message": "…", "explanation": "Dwa nabory."}
    result = RunResult(tmp_path, "region", "2025", "04", [row], resubmissions={"0402032": res}, outliers=[outlier])
    text = result.summary_text()
    assert ("Korekty sprawozdań: 1 sprawozdanie\n"
            "  • LSR 0402032 LSR Brodnica: LSR_0402032_2025_poprawiony.xlsx zastępuje LSR_0402032_2025.xlsx "
            "(wypełniony 10 lutego 2025, przyjęty wcześniej, z archiwum)\n"
            + "".join(f"      {line}\n" for line in EXPECTED_LINES) +
            "Wartości do wyjaśnienia: 1 ostrzeżenie (wyjaśnione przez koordynatorów: 1)\n"
            "  • LSR_0402032_2025_poprawiony.xlsx (LSR 0402032): Liczba uczestników w okresie: 45 osób; w 2024 r.: "
            "18 osób – wyjaśnienie koordynatora: „Dwa nabory.”\n") in text


def test_run_summary_without_monitoring_has_no_such_sections(tmp_path):
    text = RunResult(tmp_path, "region", "2025", "04", []).summary_text()
    assert "Korekty" not in text and "do wyjaśnienia" not in text


def test_the_later_filled_of_inbox_and_archive_versions_is_the_one_replaced():
    """The diff is against the version filled last before the counted one; an archived version filled after the
    counted file is not replaced by it and is not compared (review of issue 14)."""
    new = _unit(NEW, "LSR_nowy.xlsx", "n", "2025-02-10")
    draft = _unit(OLD, "LSR_szkic.xlsx", "d", "2025-01-20")
    accepted = _unit(_stats(flow__start__f=8, flow__entered__f=11), "LSR_przyjety.xlsx", "p", "2025-02-01")
    assert resubmissions([new], {"0402032": draft}, {"0402032": accepted})["0402032"].old is accepted
    assert resubmissions([new], {"0402032": accepted}, {"0402032": draft})["0402032"].source == "inbox"
    same_day = _unit(OLD, "LSR_archiwum.xlsx", "s", "2025-01-20")
    assert resubmissions([new], {"0402032": draft}, {"0402032": same_day})["0402032"].source == "inbox"
    later = _unit(OLD, "LSR_pozniejszy.xlsx", "l", "2025-03-01")
    assert resubmissions([new], {}, {"0402032": later}) == {}
    assert resubmissions([new], {"0402032": draft}, {"0402032": later})["0402032"].old is draft
