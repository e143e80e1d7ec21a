"""``ksr run`` on a realistic ROPS inbox: valid, invalid, duplicate, superseded, other-region, unreadable."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import shutil

import pytest
from click.testing import CliRunner

from ksr_reports.cli import main
from ksr_reports.samples.generate import generate_lsr, pilot_lsrs
from ksr_reports.template import build_template

from .conftest import ROOT

SAMPLES = ROOT / "workbooks" / "samples"


def _digest(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def inbox(tmp_path):
    box = tmp_path / "skrzynka"
    box.mkdir()
    for p in sorted((SAMPLES / "04").glob("*.xlsx")):
        shutil.copy(p, box / p.name)
    shutil.copy(SAMPLES / "04" / "LSR_0404011_2025.xlsx", box / "LSR_0404011_kopia.xlsx")      # exact duplicate
    older = generate_lsr(pilot_lsrs()[1], "2025", random.Random(5))                            # 0463011, older
    older["form"]["filled_on"] = dt.date(2026, 1, 2)
    build_template(box / "LSR_0463011_stara_wersja.xlsx", data=older)
    bad = generate_lsr(pilot_lsrs()[2], "2025", random.Random(6))                              # 0402032 invalid
    bad["grids"]["flow"][("end", "m")] += 3                                                     # broken balance
    build_template(box / "LSR_zly_bilans.xlsx", data=bad)
    shutil.copy(SAMPLES / "06" / "LSR_0663011_2025.xlsx", box / "LSR_0663011_2025.xlsx")        # other region
    (box / "skan.pdf").write_bytes(b"%PDF-1.4 not a workbook")                                 # unreadable
    (box / "~$LSR_0404011_2025.xlsx").write_bytes(b"lock")                                       # Excel lock file: ignored
    return box


@pytest.mark.parametrize("workers", [1, 2])   # 2: validation, workbook, charts and annotated copies on a pool
def test_run_on_a_mixed_inbox(inbox, tmp_path, workers):
    before = _digest(inbox)
    out = tmp_path / "wyniki"
    result = CliRunner().invoke(main, ["run", str(inbox), "-o", str(out), "--workers", str(workers)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    summary = json.loads((out / "podsumowanie.json").read_text(encoding="utf-8"))
    assert summary["level"] == "region" and summary["region"] == "04" and summary["exit_code"] == 1
    decisions = {q["file"]: q["decision"] for q in summary["inputs"] if not q.get("via")}
    assert decisions == {
        "LSR_0402032_2025.xlsx": "counted", "LSR_0404011_2025.xlsx": "counted", "LSR_0405011_2025.xlsx": "counted",
        "LSR_0463011_2025.xlsx": "counted", "LSR_0404011_kopia.xlsx": "duplicate",
        "LSR_0463011_stara_wersja.xlsx": "superseded", "LSR_zly_bilans.xlsx": "invalid",
        "LSR_0663011_2025.xlsx": "refused", "skan.pdf": "unreadable",
    }
    text = (out / "podsumowanie.txt").read_text(encoding="utf-8")
    assert text == result.output
    assert "Przyjęte: 4" in text and "Odrzucone: 3" in text and "Zastąpione nowszą wersją: 1" in text
    assert "Duplikaty (policzone raz): 1" in text
    for name in ("RSR_04_2025.xlsx", "RSR_04_2025.docx"):
        assert (out / name).stat().st_size > 10_000
    feedback = out / "feedback"
    assert (feedback / "LSR_zly_bilans_uwagi.xlsx").exists()
    bad_text = (feedback / "LSR_zly_bilans_uwagi.txt").read_text(encoding="utf-8")
    assert "NIE został przyjęty" in bad_text and "Uczestnicy!" in bad_text
    assert "przyjęty bez uwag" in (feedback / "LSR_0404011_2025_uwagi.txt").read_text(encoding="utf-8")
    assert "to nie jest skoroszyt Excel" in (feedback / "skan_uwagi.txt").read_text(encoding="utf-8")
    assert _digest(inbox) == before, "inputs must never be modified"


def test_run_is_repeatable_and_exits_0_when_all_accepted(tmp_path):
    """The same inbox gives the same outputs, in one process or on a pool of two."""
    box = tmp_path / "skrzynka"
    shutil.copytree(SAMPLES / "22", box)
    outs = []
    for n in (1, 2):
        out = tmp_path / f"wyniki{n}"
        result = CliRunner().invoke(main, ["run", str(box), "-o", str(out), "--workers", str(n)])
        assert result.exit_code == 0, result.output
        outs.append(out)
    assert _digest(outs[0] / "feedback") == _digest(outs[1] / "feedback")
    assert (outs[0] / "RSR_22_2025.xlsx").read_bytes() == (outs[1] / "RSR_22_2025.xlsx").read_bytes()
    assert (outs[0] / "podsumowanie.json").read_text() == (outs[1] / "podsumowanie.json").read_text()


def test_run_national_from_regional_rollups_matches_direct(tmp_path):
    """The ministry's run over regional files gives the same national statistics as over all LSR files."""
    from ksr_reports.rollup import load_rollup

    regional = tmp_path / "regionalne"
    regional.mkdir()
    for region in sorted(p.name for p in SAMPLES.iterdir() if p.is_dir()):
        r = CliRunner().invoke(main, ["run", str(SAMPLES / region), "-o", str(tmp_path / region)])
        assert r.exit_code == 0, r.output
        shutil.copy(tmp_path / region / f"RSR_{region}_2025.xlsx", regional)
    for source, name in ((regional, "z_regionow"), (SAMPLES, "bezposrednio")):
        r = CliRunner().invoke(main, ["run", str(source), "-o", str(tmp_path / name), "--level", "national"])
        assert r.exit_code == 0, r.output
    a = load_rollup(tmp_path / "z_regionow" / "KSR_2025.xlsx")
    b = load_rollup(tmp_path / "bezposrednio" / "KSR_2025.xlsx")
    assert a.totals == b.totals
    assert [(u.unit_id, u.stats) for u in a.lsrs] == [(u.unit_id, u.stats) for u in b.lsrs]


def test_run_usage_errors_are_polish(tmp_path):
    empty = tmp_path / "pusta"
    empty.mkdir()
    result = CliRunner().invoke(main, ["run", str(empty), "-o", str(tmp_path / "w")])
    assert result.exit_code == 2
    assert "jest pusty" in result.output


def test_run_with_a_broken_thresholds_file_stops_before_any_work(tmp_path):
    bad = tmp_path / "progi.toml"
    bad.write_text("to nie jest = [toml\n", encoding="utf-8")
    out = tmp_path / "wyniki"
    result = CliRunner().invoke(main, ["run", str(SAMPLES / "04"), "-o", str(out), "--thresholds", str(bad)])
    assert result.exit_code == 1
    assert "Plik progów" in result.output and "TOML" in result.output and "Traceback" not in result.output
    assert "wiersz 1, kolumna" in result.output and "bez --thresholds" in result.output     # where, how to fix
    assert not out.exists()
