"""The reports say how many recommendation rules were actually checked: not "22" when some LSRs used
template 1.0 (the rules on items only 2.0 asks are not evaluated there) or came in a format-1 regional file."""
from __future__ import annotations

from pathlib import Path

import pytest

from ksr_reports.indicators import lsr_stats
from ksr_reports.recommendations import RULES, criteria_met
from ksr_reports.recommendations.config import load_thresholds
from ksr_reports.reports.lsr import lsr_context
from ksr_reports.reports.rollup import rollup_context
from ksr_reports.reports.rules_checked import lsr_none_fired, unchecked
from ksr_reports.rollup import build_rollup, write_rollup
from ksr_reports.validation import validate_file

ROOT = Path(__file__).resolve().parent.parent
V1 = ROOT / "tests" / "fixtures" / "v1"
SAMPLES = ROOT / "workbooks" / "samples"
V2_ONLY = sum(r.since == "2.0" for r in RULES)


@pytest.fixture(scope="module")
def th():
    return load_thresholds(None)


def _lsr_ctx(path: Path, th) -> dict:
    report = validate_file(path)
    return lsr_context(report.data, report, th, "progi domyślne modelu")[0]


def _rollup_intro(rollup, th) -> str:
    return rollup_context(rollup, th, "progi domyślne modelu")[0]["recommendations_intro"]


def test_the_seven_rules_on_2_0_items():
    assert len(RULES) == 22 and V2_ONLY == 7


def test_lsr_card_of_a_1_0_workbook_counts_the_rules_checked(th):
    ctx = _lsr_ctx(V1 / "lsr" / "LSR_0404011_2025.xlsx", th)
    assert ctx["recommendations_intro"] == ("Sprawdzono 15 z 22 reguł modelu; 7 wymaga danych z arkusza w wersji 2.0. "
                                            "Spośród sprawdzonych reguł 2 wskazały obszary do poprawy.")
    assert "Sprawdzono 22" not in ctx["recommendations_intro"]


def test_lsr_card_of_a_2_0_workbook_checks_every_rule(th):
    ctx = _lsr_ctx(SAMPLES / "04" / "LSR_0404011_2025.xlsx", th)          # the strong sample
    assert ctx["recommendations_intro"] == "Sprawdzono 22 reguły modelu; żadna nie wskazała słabości."
    assert ctx["summary"][-1] == ("Żadna z 22 reguł modelu nie wskazała słabości: LSR spełnia wszystkie sprawdzane "
                                  "kryteria modelu KSR.")
    weak = _lsr_ctx(SAMPLES / "04" / "LSR_0463011_2025.xlsx", th)
    assert weak["recommendations_intro"] == "Sprawdzono 22 reguły modelu; 3 z nich wskazały obszary do poprawy."


def test_lsr_summary_without_weakness_names_the_rules_checked():
    st = lsr_stats(validate_file(V1 / "lsr" / "LSR_0404011_2025.xlsx").data)
    checked = criteria_met(st)[1]
    assert (checked, unchecked(st)) == (15, (7, 0, 0))
    assert lsr_none_fired(checked, st) == (
        "Żadna ze sprawdzonych 15 z 22 reguł modelu nie wskazała słabości: LSR spełnia wszystkie sprawdzane "
        "kryteria modelu KSR (7 wymaga danych z arkusza w wersji 2.0).")


def test_regional_report_with_a_1_0_workbook_among_2_0_ones(th):
    inputs = [V1 / "lsr" / "LSR_0404011_2025.xlsx"] + [p for p in sorted((SAMPLES / "04").glob("*.xlsx"))
                                                       if "0404011" not in p.name]
    rollup = build_rollup(inputs, level="region", workers=1)
    assert len(rollup.lsrs) == 4
    assert _rollup_intro(rollup, th).startswith(
        "Każdą z 22 reguł sprawdzono w 2 z 4 LSR; w 1 LSR sprawdzono 21 z 22 reguł (1 nie dotyczy LSR bez etatu "
        "case managera); w 1 LSR sprawdzono 15 z 22 reguł (7 wymaga danych z arkusza w wersji 2.0). ")


def test_national_report_from_a_format_1_file_and_a_format_2_file(th, tmp_path):
    only_v1 = build_rollup([V1 / "RSR_04_2025_v1.xlsx"], level="national", workers=1)
    assert _rollup_intro(only_v1, th).startswith(
        "W 4 LSR sprawdzono 14 z 22 reguł (7 wymaga danych z arkusza w wersji 2.0, a 1 – danych, których nie ma "
        "w zestawieniu regionalnym w starszym formacie). ")
    regional = write_rollup(build_rollup([SAMPLES / "06"], level="region", workers=1), tmp_path / "RSR_06_2025.xlsx")
    mixed = build_rollup([V1 / "RSR_04_2025_v1.xlsx", regional], level="national", workers=1)
    assert _rollup_intro(mixed, th).startswith(
        "Każdą z 22 reguł sprawdzono w 4 z 8 LSR; w 4 LSR sprawdzono 14 z 22 reguł (7 wymaga danych z arkusza "
        "w wersji 2.0, a 1 – danych, których nie ma w zestawieniu regionalnym w starszym formacie). ")


def test_national_report_of_2_0_samples_checks_every_rule(th, tmp_path):
    files = [write_rollup(build_rollup([SAMPLES / r], level="region", workers=1), tmp_path / f"RSR_{r}_2025.xlsx")
             for r in ("04", "06")]
    intro = _rollup_intro(build_rollup(files, level="national", workers=1), th)
    # one sample LSR has no case-manager FTE: OBCIAZENIE_CM does not apply there (CASE_MANAGER does)
    assert intro.startswith("Każdą z 22 reguł sprawdzono w 7 z 8 LSR; w 1 LSR sprawdzono 21 z 22 reguł (1 nie "
                            "dotyczy LSR bez etatu case managera). ")
