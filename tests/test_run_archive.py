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


@posix_only
def test_killed_runs_leave_a_consistent_archive_and_the_rerun_gives_the_same_summary(tmp_path):
    inbox = _inbox(tmp_path)
    clean_archive, clean_out = tmp_path / "czyste.sqlite", tmp_path / "wyniki czyste"
    done = _run(inbox, clean_out, clean_archive)
    assert done.wait(timeout=120) == 0, done.stderr.read().decode()
    expected = _summary(clean_out)
    rng = random.Random(14)
    archive, outdir = tmp_path / "archiwum ł.sqlite", tmp_path / "wyniki ś"
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
