"""The archive with real processes (issue 14 §1): concurrent writers, a lock held too long, SIGKILL mid-write.

Child processes run ``python -c`` scripts from the repository root that record synthetic runs
(``tests/test_archive_support.py``); the archive is checked with SQLite's own integrity check."""
from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from ksr_reports.archive import Archive
from ksr_reports.errors import KsrError

from .conftest import ROOT
from .test_archive_support import quality, region_run

posix_only = pytest.mark.skipif(os.name != "posix", reason="SIGKILL: POSIX")

RECORD = """
import sys
from ksr_reports.archive import Archive
from tests.test_archive_support import quality, region_run
path, region, period, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
recs = region_run(region, period, n)
print("start", flush=True)
with Archive.open(path, timeout=float(sys.argv[5]) if len(sys.argv) > 5 else 30.0) as arc:
    arc.record_run(level="region", period=period, region=region, records=recs, quality=quality(recs))
print("done", flush=True)
"""

HOLD = """
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
db.execute("UPDATE runs SET times = times")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
db.execute("COMMIT")
"""


def _child(script: str, *args) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", script, *map(str, args)], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, encoding="utf-8")


def _integrity(path) -> str:
    with sqlite3.connect(path) as db:
        return db.execute("PRAGMA integrity_check").fetchone()[0]


def _count(path, sql) -> int:
    with sqlite3.connect(path) as db:
        return db.execute(sql).fetchone()[0]


@pytest.fixture
def archive(tmp_path):
    path = tmp_path / "wspólne archiwum" / "archiwum.sqlite"
    recs = region_run("02", "2020", 1)
    with Archive.open(path) as arc:          # one run in it, so the lock holder has a row to update
        arc.record_run(level="region", period="2020", region="02", records=recs, quality=quality(recs))
    return path


def test_two_processes_recording_at_once_both_succeed(archive):
    holder = _child(HOLD, archive, 2.0)
    assert holder.stdout.readline().strip() == "locked"
    writers = [_child(RECORD, archive, region, "2025", 200) for region in ("04", "06")]
    for w in writers:
        assert w.stdout.readline().strip() == "start"
    time.sleep(0.5)
    assert all(w.poll() is None for w in writers)       # both wait for the lock, neither fails
    assert holder.wait(timeout=30) == 0
    for w in writers:
        out, err = w.communicate(timeout=120)
        assert w.returncode == 0, err
        assert out.strip() == "done"
    assert _integrity(archive) == "ok"
    assert _count(archive, "SELECT count(*) FROM submissions WHERE period = '2025'") == 400
    assert _count(archive, "SELECT count(*) FROM runs") == 3


def test_a_lock_held_longer_than_the_timeout_stops_with_a_polish_message(archive):
    holder = _child(HOLD, archive, 3.0)
    assert holder.stdout.readline().strip() == "locked"
    recs = region_run("04", "2025", 3)
    with pytest.raises(KsrError) as e:
        with Archive.open(archive, timeout=0.5) as arc:
            arc.record_run(level="region", period="2025", region="04", records=recs, quality=quality(recs))
    assert str(e.value) == (f"Archiwum {archive} jest używane przez inny przebieg programu. Poczekaj, aż się "
                            "zakończy, i uruchom ponownie.")
    writer = _child(RECORD, archive, "06", "2025", 3, 0.5)       # the same from another process
    out, err = writer.communicate(timeout=60)
    assert writer.returncode == 1 and "jest używane przez inny przebieg programu" in err
    assert holder.wait(timeout=30) == 0
    assert _integrity(archive) == "ok"
    assert _count(archive, "SELECT count(*) FROM submissions") == 1       # nothing of the refused runs


@posix_only
def test_a_process_killed_while_recording_leaves_all_or_nothing_and_recording_again_completes(archive):
    n = 600
    timed = _child(RECORD, archive, "30", "2019", n)        # how long a whole recording takes here
    assert timed.stdout.readline().strip() == "start"
    t = time.perf_counter()
    assert timed.wait(timeout=120) == 0
    took = time.perf_counter() - t
    rng = random.Random(14)
    outcomes = set()
    for attempt in range(8):
        period = str(2021 + attempt)
        proc = _child(RECORD, archive, "12", period, n)
        assert proc.stdout.readline().strip() == "start"
        time.sleep(rng.uniform(0, took * 1.2))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        assert _integrity(archive) == "ok"
        got = _count(archive, f"SELECT count(*) FROM submissions WHERE period = '{period}'")
        files = _count(archive, f"SELECT count(*) FROM files WHERE period = '{period}'")
        runs = _count(archive, f"SELECT count(*) FROM runs WHERE period = '{period}'")
        assert (got, files, runs) in ((0, 0, 0), (n, n, 1)), (attempt, got, files, runs)
        outcomes.add(got)
        recs = region_run("12", period, n)
        with Archive.open(archive) as arc:          # the next run completes it
            arc.record_run(level="region", period=period, region="12", records=recs, quality=quality(recs))
        assert _count(archive, f"SELECT count(*) FROM submissions WHERE period = '{period}'") == n
    assert _integrity(archive) == "ok"
    assert 0 in outcomes            # at least one kill landed before the commit
