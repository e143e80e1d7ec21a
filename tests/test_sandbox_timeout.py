"""A file that makes the reader take too long costs only that file (issue 16 §4): its child is
stopped, the file gets the timeout record, the others are processed, in order, with a fresh child."""
from __future__ import annotations

import json
import os
import shutil
import signal
import sys
import threading
import time
from pathlib import Path

import pytest

from ksr_reports.intake import lanes, sandbox
from ksr_reports.errors import KsrError
from ksr_reports.intake.sandbox import isolated_map, run_isolated

from .conftest import ROOT

SAMPLES = ROOT / "workbooks" / "samples"
LIMIT = 0.5


def _sleepy(item):
    """item: (x, how, pid_file); x == 7 takes far longer than LIMIT (sleeping or spinning)."""
    x, how, pid_file = item
    if x == 7:
        Path(pid_file).write_text(str(os.getpid()))
        if how == "spin":
            while True:
                pass
        if how == "deaf":           # a child that ignores the polite stop: it must be killed
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
        time.sleep(60)
    if x == 11 and how == "abort":
        os.abort()
    return x * x


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


@pytest.fixture(params=["default", "spawn"])
def start_method(request, monkeypatch):
    if request.param == "spawn":
        monkeypatch.setenv("KSR_START_METHOD", "spawn")
    else:
        monkeypatch.delenv("KSR_START_METHOD", raising=False)
    return request.param


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize("how", ["sleep", "spin"])
def test_a_slow_item_gets_the_timeout_record_and_the_rest_is_computed_in_order(tmp_path, start_method, workers, how):
    pid_file = tmp_path / "pid"
    items = [(x, how, str(pid_file)) for x in range(12)]
    seen = []
    started = time.perf_counter()
    out = isolated_map(_sleepy, items, workers=workers, timeout=LIMIT, on_crash=lambda it: f"crash {it[0]}",
                       on_timeout=lambda it: f"timeout {it[0]}", progress=lambda d, t: seen.append(d))
    elapsed = time.perf_counter() - started
    assert out == [f"timeout {x}" if x == 7 else x * x for x in range(12)]
    assert seen[-1] == 12
    # the batch's deadline (LIMIT × at most 2 items here), the replay of item 7 alone, child starts
    assert elapsed < 15, elapsed
    assert _gone(int(pid_file.read_text()))          # the overrunning child was stopped, not left running


def test_a_child_that_ignores_terminate_is_killed(tmp_path, monkeypatch):
    monkeypatch.setattr(lanes, "STOP_GRACE", 0.2)
    pid_file = tmp_path / "pid"
    out = isolated_map(_sleepy, [(x, "deaf", str(pid_file)) for x in (6, 7, 8)], workers=1, timeout=LIMIT,
                       on_crash=lambda it: "crash", on_timeout=lambda it: "timeout")
    assert out == [36, "timeout", 64]
    assert _gone(int(pid_file.read_text()))


def test_a_crash_and_a_timeout_in_one_run_each_get_their_own_record(tmp_path, start_method):
    items = [(x, "abort", str(tmp_path / "pid")) for x in range(14)]
    out = isolated_map(_sleepy, items, workers=2, timeout=LIMIT, on_crash=lambda it: "crash",
                       on_timeout=lambda it: "timeout")
    assert out == ["timeout" if x == 7 else "crash" if x == 11 else x * x for x in range(14)]


def test_without_on_timeout_the_crash_record_is_used(tmp_path):
    out = isolated_map(_sleepy, [(x, "sleep", str(tmp_path / "pid")) for x in (7, 8)], workers=1, timeout=LIMIT,
                       on_crash=lambda it: "unreadable")
    assert out == ["unreadable", 64]


def _slowish(x: float) -> float:
    time.sleep(x)
    return x


def test_no_limit_when_timeout_is_none_or_zero():
    assert isolated_map(_slowish, [0.0, 0.7], workers=1, timeout=None, on_crash=lambda x: "crash") == [0.0, 0.7]
    assert isolated_map(_slowish, [0.7], workers=1, timeout=0, on_crash=lambda x: "crash") == [0.7]


def test_the_limit_is_per_item_so_a_batch_of_quick_items_is_not_cut_short():
    # 4 items of 0.3 s in one batch take 1.2 s, more than the limit of 0.5 s, but each is within it
    out = isolated_map(_slowish, [0.3] * 4, workers=1, timeout=LIMIT, on_crash=lambda x: "crash",
                       on_timeout=lambda x: "timeout")
    assert out == [0.3] * 4


def test_run_isolated_refuses_a_slow_file_with_the_limit_in_polish(tmp_path):
    with pytest.raises(KsrError) as e:
        run_isolated(_slowish, 5.0, crash_message="crash", timeout=LIMIT)
    assert str(e.value).startswith("Nie można odczytać pliku: plik czytał się zbyt długo (dłużej niż 0,5 sekundy)")
    assert "--file-timeout" in str(e.value)
    message = sandbox.timeout_message(tmp_path / "LSR_x.xlsx", 60.0)
    assert message.startswith("Nie można odczytać pliku LSR_x.xlsx: plik czytał się zbyt długo (dłużej niż 60 sekund)")


def _fails(x):
    raise ValueError(f"bug on {x}")


def test_a_bug_still_raises_with_the_childs_traceback_as_its_cause():
    with pytest.raises(ValueError, match="bug on") as e:
        isolated_map(_fails, [1, 2, 3], workers=2, timeout=LIMIT, on_crash=lambda x: None)
    assert isinstance(e.value.__cause__, sandbox.ChildTraceback) and "_fails" in str(e.value.__cause__)


@pytest.mark.skipif(sys.platform == "win32", reason="signals to a thread are POSIX")
def test_ctrl_c_stops_the_children_and_is_raised(tmp_path):
    pid_file = tmp_path / "pid"
    # what the terminal does on Ctrl+C: SIGINT to the main thread (the children ignore theirs)
    timer = threading.Timer(1.0, signal.pthread_kill, (threading.main_thread().ident, signal.SIGINT))
    timer.start()
    started = time.perf_counter()
    with pytest.raises(KeyboardInterrupt):
        isolated_map(_sleepy, [(x, "sleep", str(pid_file)) for x in (6, 7, 8)], workers=1, timeout=None,
                     on_crash=lambda it: "crash")
    timer.cancel()
    assert time.perf_counter() - started < 8
    assert _gone(int(pid_file.read_text()))


_real_read_raw = None


def _read_raw_slow_on_slow(path, *args, **kwargs):
    if "slow" in Path(path).name:
        time.sleep(30)
    return _real_read_raw(path, *args, **kwargs)


@pytest.mark.skipif(sys.platform == "win32", reason="the slowed reader reaches the children by fork")
def test_ksr_validate_and_run_refuse_a_slow_file_and_go_on(tmp_path, monkeypatch):
    """End to end: the reader of "slow" takes 30 s; with --file-timeout 0,5 that file gets FILE_TIMEOUT."""
    global _real_read_raw
    from click.testing import CliRunner

    from ksr_reports.cli import main
    from ksr_reports.validation import engine

    monkeypatch.delenv("KSR_START_METHOD", raising=False)
    if sandbox.start_context().get_start_method() != "fork":
        pytest.skip("the slowed reader reaches the children only by fork")
    _real_read_raw = engine.read_raw
    monkeypatch.setattr(engine, "read_raw", _read_raw_slow_on_slow)
    box = tmp_path / "skrzynka"
    shutil.copytree(SAMPLES / "04", box)
    shutil.copy(SAMPLES / "04" / "LSR_0404011_2025.xlsx", box / "LSR_slow.xlsx")
    good = box / "LSR_0404011_2025.xlsx"
    started = time.perf_counter()
    result = CliRunner().invoke(main, ["validate", "--format", "json", "--file-timeout", "0,5",
                                       str(box / "LSR_slow.xlsx"), str(good)])
    assert time.perf_counter() - started < 20
    assert result.exit_code == 1, result.output
    files = {Path(f["path"]).name: f for f in json.loads(result.output)["files"]}
    slow = files["LSR_slow.xlsx"]
    assert [i["code"] for i in slow["issues"]] == ["FILE_TIMEOUT"]
    assert "dłużej niż 0,5 sekundy" in slow["issues"][0]["message"]
    assert files[good.name]["status"] == "valid" and slow["status"] == "unreadable"

    out = tmp_path / "wyniki"
    result = CliRunner().invoke(main, ["run", str(box), "-o", str(out), "--no-archive", "--file-timeout", "0.5"])
    assert result.exit_code == 1, result.output
    assert "Przyjęte do zestawienia: 4 pliki" in result.output and "Odrzucone: 1 plik\n" in result.output
    assert "czytał się zbyt długo" in (out / "informacje_zwrotne" / "LSR_slow_uwagi.txt").read_text(encoding="utf-8")
