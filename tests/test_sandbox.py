"""A file that crashes the reader (calamine aborts the process on some malformed sheets) costs
only that file: the others are still read, the crashed one is reported as unreadable."""
from __future__ import annotations

import os
import shutil

import pytest

from ksr_reports.intake.sandbox import isolated_map

from .conftest import ROOT

SAMPLES = ROOT / "workbooks" / "samples"


def _square_or_abort(x: int) -> int:
    if x == 13:
        os.abort()          # what calamine does on a grid it cannot allocate
    return x * x


def _fails(x: int) -> int:
    raise ValueError(f"bug on {x}")


@pytest.mark.parametrize("workers", [1, 2])
def test_a_crashing_item_is_isolated_and_the_rest_computed_in_order(workers):
    seen = []
    items = list(range(30))
    out = isolated_map(_square_or_abort, items, workers=workers, on_crash=lambda x: f"crash {x}",
                       progress=lambda done, total: seen.append((done, total)))
    assert out == [x * x if x != 13 else "crash 13" for x in items]
    assert seen[-1] == (30, 30)


def test_a_bug_in_the_function_is_raised_not_hidden():
    with pytest.raises(ValueError, match="bug on"):
        isolated_map(_fails, [1, 2, 3], workers=2, on_crash=lambda x: None)


_real_read_raw = None


def _read_raw_aborting_on_boom(path, *args, **kwargs):
    if "boom" in str(path):
        os.abort()
    return _real_read_raw(path, *args, **kwargs)


def test_run_survives_a_file_that_kills_the_reader(tmp_path, monkeypatch):
    """End to end: the child reading "boom" dies; ksr run reports that file and rolls up the others."""
    global _real_read_raw
    from click.testing import CliRunner

    from ksr_reports.cli import main
    from ksr_reports.validation import engine

    _real_read_raw = engine.read_raw
    monkeypatch.setattr(engine, "read_raw", _read_raw_aborting_on_boom)   # inherited by the forked children
    box = tmp_path / "skrzynka"
    shutil.copytree(SAMPLES / "04", box)
    shutil.copy(SAMPLES / "04" / "LSR_0404011_2025.xlsx", box / "LSR_boom.xlsx")
    out = tmp_path / "wyniki"
    result = CliRunner().invoke(main, ["run", str(box), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert "Przyjęte do zestawienia: 4 pliki" in result.output and "Odrzucone: 1 plik\n" in result.output
    assert "LSR_boom.xlsx" in result.output and "przerwał pracę" in result.output
    assert "przerwał pracę" in (out / "informacje_zwrotne" / "LSR_boom_uwagi.txt").read_text(encoding="utf-8")
    assert (out / "RSR_04_2025.xlsx").exists()
    validated = CliRunner().invoke(main, ["validate", str(box / "LSR_boom.xlsx"), str(box / "LSR_0404011_2025.xlsx")])
    assert validated.exit_code == 1 and "przerwał pracę" in validated.output and "Traceback" not in validated.output


class _OddError(Exception):
    def __init__(self, a, b):          # does not pickle back: must not look like a crash
        super().__init__(f"{a}/{b}")


def _raises_odd(x: int) -> int:
    raise _OddError(x, "b")


def test_an_error_that_cannot_travel_back_is_reported_not_taken_for_a_crash():
    with pytest.raises(RuntimeError, match="_OddError: 1/b"):
        isolated_map(_raises_odd, [1, 2], workers=1, on_crash=lambda x: "crash")


class _FakePanic(BaseException):
    """What pyo3 raises when calamine panics (a BaseException, not an Exception)."""


def _panicking_read_meta(*args, **kwargs):
    raise _FakePanic("calamine panicked")


def test_a_rollup_file_that_makes_calamine_panic_is_refused_others_counted(tmp_path, monkeypatch):
    from ksr_reports.rollup import build_rollup, reader, write_rollup

    regional = write_rollup(build_rollup([SAMPLES / "04"], level="region"), tmp_path / "in" / "RSR_04.xlsx")
    shutil.copytree(SAMPLES / "06", tmp_path / "in" / "06")
    monkeypatch.setattr(reader, "_read_meta", _panicking_read_meta)     # inherited by the children
    r = build_rollup([tmp_path / "in"], level="national")
    decisions = {q["file"]: (q["decision"], q.get("note", "")) for q in r.quality if not q.get("via")}
    assert decisions[regional.name][0] == "unreadable" and "zgłosił w nim błąd" in decisions[regional.name][1]
    assert "_FakePanic" not in decisions[regional.name][1]       # the library's words never reach a user
    assert len(r.lsrs) == 4


def test_a_register_with_a_far_cell_is_refused_before_calamine(tmp_path):
    import openpyxl

    from ksr_reports.errors import KsrError
    from ksr_reports.rollup import read_register
    from ksr_reports.rollup.register import REGISTER_SHEET, write_register_template

    path = write_register_template(tmp_path / "rejestr.xlsx")
    wb = openpyxl.load_workbook(path)
    wb[REGISTER_SHEET]["XFD1048576"] = 1
    wb.save(path)
    with pytest.raises(KsrError, match="XFD1048576"):
        read_register(path)
