"""A file whose name is not valid UTF-8 (a Linux file system holding a name written in another code page,
e.g. unpacked from an old zip) is left unread with a Polish note; the other files are processed (issue 16)."""
from __future__ import annotations

import os
import shutil
import sys

import pytest
from click.testing import CliRunner

from ksr_reports.cli import main
from ksr_reports.fileutil import has_readable_name, readable_name

from .conftest import ROOT

SAMPLES = ROOT / "workbooks" / "samples"


def _odd_name(folder, stem: bytes):
    """A file named with cp1250 bytes (not UTF-8) in ``folder``, or skip where the system refuses it."""
    if sys.platform in ("win32", "darwin"):
        pytest.skip("Windows and macOS store every file name as Unicode")
    try:
        path = os.fsdecode(os.path.join(os.fsencode(folder), stem + b".xlsx"))
        shutil.copy(next(SAMPLES.glob("22/*.xlsx")), path)
    except (OSError, UnicodeError):
        pytest.skip("this file system refuses names that are not UTF-8")
    return path


def test_readable_name_replaces_what_cannot_be_written(tmp_path):
    path = _odd_name(tmp_path, b"\xb3\xf3d\x9f")           # "łódź" in cp1250
    assert not has_readable_name(path)
    assert readable_name(path) == "��d�.xlsx"
    assert readable_name(tmp_path / "Łódź.xlsx") == "Łódź.xlsx" and has_readable_name(tmp_path / "Łódź.xlsx")


def test_run_leaves_a_misnamed_file_unread_and_goes_on(tmp_path):
    box = tmp_path / "skrzynka"
    shutil.copytree(SAMPLES / "22", box)
    _odd_name(box, b"sprawozdanie_\xb3\xf3d\x9f")
    out = tmp_path / "wyniki"
    result = CliRunner().invoke(main, ["run", str(box), "-o", str(out), "--no-archive"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "Błąd wewnętrzny" not in result.output
    summary = (out / "podsumowanie.txt").read_text(encoding="utf-8")
    assert "Nie odczytano 1 pliku o nazwie zapisanej w innym kodowaniu" in summary
    assert "„sprawozdanie_��d�.xlsx”" in summary and "Zmień nazwę tego pliku (np. usuń z niej polskie litery)" in summary
    assert (out / "RSR_22_2025.xlsx").exists()                    # the other files were rolled up
    accepted = [line for line in summary.splitlines() if line.startswith("Przyjęte do zestawienia")]
    assert accepted and not accepted[0].endswith(" 0 plików")


def test_run_with_only_misnamed_files_says_so(tmp_path):
    box = tmp_path / "skrzynka"
    box.mkdir()
    _odd_name(box, b"\xb3\xf3d\x9f")
    result = CliRunner().invoke(main, ["run", str(box), "-o", str(tmp_path / "wyniki"), "--no-archive"])
    assert result.exit_code == 1
    assert "są tylko pliki, których nazw nie da się odczytać („��d�.xlsx”)" in result.output
