"""``ksr run`` with an archive (issue 14, DESIGN §11): killed runs, concurrent runs, re-runs.

A run is killed (SIGKILL on its whole process group, children included) at random moments and run again:
the archive passes SQLite's integrity check and the run's summary is the one an uninterrupted run gives.
Two runs on one archive at the same time both finish. Running twice on the same inbox adds nothing.
"""
from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import ROOT

SAMPLES = ROOT / "workbooks" / "samples"
posix_only = pytest.mark.skipif(os.name != "posix", reason="process groups and SIGKILL: POSIX")


def _ksr() -> list[str]:
    script = Path(sys.executable).with_name("ksr")
    return [str(script)] if script.exists() else [sys.executable, "-c", "from ksr_reports.entry import main; main()"]


def _inbox(tmp_path: Path) -> Path:
    inbox = tmp_path / "Skrzynka ROPS – łódzkie"
    shutil.copytree(SAMPLES / "04", inbox)
    return inbox


def _run(inbox: Path, outdir: Path, archive: Path, **kw) -> subprocess.Popen:
    return subprocess.Popen(_ksr() + ["run", str(inbox), "-o", str(outdir), "--archive", str(archive)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                            env={**os.environ, "PYTHONIOENCODING": "utf-8"}, **kw)


def _summary(outdir: Path) -> str:
    """The run summary with the output folder's own path taken out (runs differ only in where they write)."""
    return (outdir / "podsumowanie.txt").read_text(encoding="utf-8").replace(str(outdir), "<wyniki>")


def _check(archive: Path) -> None:
    with sqlite3.connect(archive) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def _content(archive: Path) -> dict:
    """Every table's rows, the run log's repeat counters aside (a repeat is counted, nothing is added)."""
    with sqlite3.connect(archive) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {t: sorted(map(repr, db.execute(f'SELECT * FROM "{t}"'))) for t in tables if t != "runs"}


def _seed(archive: Path, tmp_path: Path) -> None:
    """An office archive before the run: region 04's previous year, and the first version of one LSR's report
    for this year, received earlier (the run's inbox holds only the corrected one: a diff from the archive)."""
    from ksr_reports.archive import Archive
    from ksr_reports.samples.history import write_correction, write_history_samples

    seeds = tmp_path / "wcześniej"
    if not seeds.exists():
        write_history_samples(seeds / "historia", periods=("2024",))
        write_correction(seeds / "korekta")
    paths = sorted((seeds / "historia" / "2024" / "04").glob("*.xlsx")) + sorted((seeds / "korekta").rglob("*.xlsx"))
    with Archive.open(archive) as arc:
        assert arc.import_files(paths, workers=1).exit_code == 0


@posix_only
def test_killed_runs_leave_a_consistent_archive_and_the_rerun_gives_the_same_summary(tmp_path):
    """The run reads history, compares with the archived first version and records itself: killed anywhere
    (before, during or after its commit) and run again, it says what an uninterrupted run says."""
    inbox = _inbox(tmp_path)
    clean_archive, clean_out = tmp_path / "czyste.sqlite", tmp_path / "wyniki czyste"
    _seed(clean_archive, tmp_path)
    done = _run(inbox, clean_out, clean_archive)
    assert done.wait(timeout=120) == 0, done.stderr.read().decode()
    expected = _summary(clean_out)
    assert "Korekty sprawozdań: 1 sprawozdanie" in expected and "z archiwum" in expected
    rng = random.Random(14)
    archive, outdir = tmp_path / "archiwum ł.sqlite", tmp_path / "wyniki ś"
    _seed(archive, tmp_path)
    for attempt in range(6):
        proc = _run(inbox, outdir, archive)
        time.sleep(rng.uniform(0.05, 2.0))
        try:
            os.killpg(proc.pid, signal.SIGKILL)      # the run and every child it started
        except ProcessLookupError:
            pass                                     # it had already finished
        proc.wait(timeout=60)
        if archive.exists():
            _check(archive)
    final = _run(inbox, outdir, archive)
    assert final.wait(timeout=120) == 0, final.stderr.read().decode()
    _check(archive)
    assert _summary(outdir) == expected
    assert _content(archive) == _content(clean_archive)


@posix_only
def test_two_runs_on_one_archive_at_the_same_time_both_finish(tmp_path):
    inbox = _inbox(tmp_path)
    archive = tmp_path / "archiwum.sqlite"
    runs = [_run(inbox, tmp_path / f"wyniki{i}", archive) for i in range(2)]
    for proc in runs:
        assert proc.wait(timeout=180) == 0, proc.stderr.read().decode()
    _check(archive)
    assert _summary(tmp_path / "wyniki0") == _summary(tmp_path / "wyniki1")


def test_rerunning_the_same_inbox_adds_nothing(tmp_path):
    from ksr_reports.run import run_inbox

    inbox = _inbox(tmp_path)
    archive = tmp_path / "archiwum.sqlite"
    first = run_inbox(inbox, tmp_path / "a", archive=archive, workers=1)
    before = _content(archive)
    second = run_inbox(inbox, tmp_path / "b", archive=archive, workers=1)
    assert _content(archive) == before
    assert first.summary_text().replace(str(tmp_path / "a"), "") == second.summary_text().replace(str(tmp_path / "b"), "")


def _docx_text(path: Path) -> str:
    import docx

    doc = docx.Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join(parts)


def test_the_demo_shows_three_years_a_correction_and_a_value_to_explain(tmp_path):
    """Issue 14 §5: the demo's archive holds two earlier years; its reports, card and summaries show them."""
    from ksr_reports.archive import Archive
    from ksr_reports.demo import run_demo
    from ksr_reports.lang import num
    from ksr_reports.samples.history import CORRECTED, PLANTED_JUMP

    out = tmp_path / "demo ś"
    run_demo(out)
    with Archive.open(out / "archiwum.sqlite") as arc:
        history = arc.history("2025")
    assert history.reported == ["2023", "2024"] and all(len(history.of_period(p)) == 24 for p in history.reported)
    for report in (out / "rops" / "06" / "RSR_06_2025.docx", out / "ministerstwo" / "wyniki" / "KSR_2025.docx",
                   out / "karta_LSR_przyklad.docx"):
        text = _docx_text(report)
        assert "Zmiany w czasie" in text and "2023, 2024 i 2025" in text, report
    jump_region, fixed_region = PLANTED_JUMP[:2], CORRECTED[:2]
    summary = (out / "rops" / jump_region / "podsumowanie.txt").read_text(encoding="utf-8")
    assert f"(LSR {PLANTED_JUMP}): Liczba uczestników w okresie:" in summary
    assert "Wartości do wyjaśnienia: 2 ostrzeżenia" in summary
    folder = out / "rops" / jump_region / "informacje_zwrotne"
    jump_feedback = (folder / f"LSR_{PLANTED_JUMP}_2025_uwagi.txt").read_text(encoding="utf-8")
    assert "w 2024 r.: 16 osób" in jump_feedback and "arkuszu „Wyjaśnienia”" in jump_feedback
    # a question about a figure, not a cell to correct: no annotated copy, and the feedback does not promise one
    assert not (folder / f"LSR_{PLANTED_JUMP}_2025_uwagi.xlsx").exists() and "kopii arkusza" not in jump_feedback
    assert f"({PLANTED_JUMP}): liczba uczestników w okresie" in _docx_text(
        out / "rops" / jump_region / f"RSR_{jump_region}_2025.docx")
    fixed = (out / "rops" / fixed_region / "podsumowanie.txt").read_text(encoding="utf-8")
    assert "Korekty sprawozdań: 1 sprawozdanie" in fixed
    assert f"Godziny udziału uczestników: {num(73080)} → {num(7308)}" in fixed      # an extra zero, corrected
    feedback = out / "rops" / fixed_region / "informacje_zwrotne" / f"LSR_{CORRECTED}_2025_uwagi.txt"
    assert "Zmiany względem poprzedniej wersji" in feedback.read_text(encoding="utf-8")
    for region in ("22", "24", "26", "32"):        # no jump planted there: nothing to explain, no correction
        quiet = (out / "rops" / region / "podsumowanie.txt").read_text(encoding="utf-8")
        assert "Wartości do wyjaśnienia" not in quiet and "Korekty" not in quiet
