"""``ksr validate``: output, exit codes, annotated copies (opened by LibreOffice when installed)."""
from __future__ import annotations

import json

import openpyxl
import pytest
from click.testing import CliRunner

from ksr_reports import spec as S
from ksr_reports.cli import main
from ksr_reports.validation import annotate, validate_file

from ..conftest import needs_soffice, soffice_convert
from .corpus import CASES, base_data, cell_in, write_valid


def run(*args):
    result = CliRunner().invoke(main, ["validate", *map(str, args)])
    assert "Traceback" not in result.output
    return result


@pytest.fixture
def bad_path(tmp_path):
    data = base_data()
    data["tables"]["staff"][0]["fte"] = 2.0              # warning
    data["tables"]["services"][0]["participants"] = "brak"   # error
    return write_valid(tmp_path / "LSR_zly.xlsx", data)


def test_text_output_grouped_by_file_with_summary(bad_path, valid_path):
    result = run(bad_path, valid_path)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{bad_path}: zawiera błędy",
        "  BŁĄD: Usługi!F5 (Liczba uczestników): wpisano „brak” zamiast liczby. Wpisz 0, jeśli wartość wynosi zero, "
        "albo właściwą liczbę.",
        "  UWAGA: Kadra!B5 (Wymiar etatu): wartość 2 jest większa niż 1,5, co jest mało prawdopodobne. "
        "Sprawdź wartość; jeśli jest poprawna, pozostaw ją.",
        f"{valid_path}: poprawny",
        "Podsumowanie: sprawdzono 2 pliki – poprawne: 1, z ostrzeżeniami: 0, z błędami: 1, nieczytelne: 0; "
        "1 błąd, 1 ostrzeżenie.",
    ]


def test_warnings_only_exit_zero(tmp_path):
    data = base_data()
    data["tables"]["staff"][0]["fte"] = 2.0
    result = run(write_valid(tmp_path / "w.xlsx", data))
    assert result.exit_code == 0 and "poprawny, z ostrzeżeniami" in result.output


def test_json_equals_the_library_report(bad_path, valid_path):
    result = run("--format", "json", bad_path, valid_path)
    doc = json.loads(result.output)
    lib = [validate_file(p).to_dict() for p in (bad_path, valid_path)]
    assert doc["files"] == lib and doc["summary"]["invalid"] == 1


def test_usage_errors_exit_2_in_polish(tmp_path, valid_path):
    result = run(valid_path, tmp_path / "brak.xlsx")
    assert result.exit_code == 2
    assert f"Błąd: Nie ma takiego pliku ani katalogu: „{tmp_path / 'brak.xlsx'}”." in result.output
    assert run("--period", "2025-Q3", valid_path).exit_code == 2
    assert run().exit_code == 2


def test_same_file_names_in_two_folders_get_two_annotated_copies(tmp_path, bad_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for d in ("a", "b"):
        (tmp_path / d / "LSR.xlsx").write_bytes(bad_path.read_bytes())
    result = run("--annotate", tmp_path / "out", tmp_path / "a", tmp_path / "b")
    assert result.exit_code == 1
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["LSR_uwagi.xlsx", "LSR_uwagi_2.xlsx"]


def test_bad_terc_file_is_a_usage_error(tmp_path, valid_path):
    missing = run("--terc", tmp_path / "brak.csv", valid_path)
    assert missing.exit_code == 2 and f"Nie ma takiego pliku ani katalogu: „{tmp_path / 'brak.csv'}”" in missing.output
    terc = tmp_path / "terc.csv"
    terc.write_text("a;b\n1;2\n", encoding="utf-8")
    result = run("--terc", terc, valid_path)
    assert result.exit_code == 2 and "nie jest rejestrem TERC" in result.output


def test_random_garbage_files_never_show_a_traceback(tmp_path, valid_path):
    import random

    rng = random.Random(3)
    for i in range(20):
        (tmp_path / f"g{i}.xlsx").write_bytes(bytes(rng.randrange(256) for _ in range(rng.randrange(1, 3000))))
    result = run("--format", "json", tmp_path, valid_path)
    assert result.exit_code == 1
    files = json.loads(result.output)["files"]
    assert len(files) == 21 and files[-1]["status"] == "valid"
    assert all(f["status"] == "unreadable" for f in files[:-1])


def test_annotated_copy_marks_cells_and_lists_findings(bad_path, tmp_path):
    out = tmp_path / "uwagi"
    result = run("--annotate", out, bad_path)
    copy = out / "LSR_zly_uwagi.xlsx"
    assert result.exit_code == 1 and f"Plik z uwagami: {copy}" in result.output
    wb = openpyxl.load_workbook(copy)
    assert wb.sheetnames[0] == "Uwagi" and wb.sheetnames[1:] == openpyxl.load_workbook(bad_path).sheetnames
    notes = [[c.value for c in row] for row in wb["Uwagi"].iter_rows(min_row=5)]
    assert [(r[0], r[1], r[3], r[-1]) for r in notes] == [("Usługi", "F5", "błąd", "TYPE_PLACEHOLDER"),
                                                           ("Kadra", "B5", "ostrzeżenie", "RANGE_MAX")]
    err, warn = wb["Usługi"]["F5"], wb["Kadra"]["B5"]
    assert err.fill.fgColor.rgb.endswith("FFC7CE") and warn.fill.fgColor.rgb.endswith("FFEB9C")
    assert err.comment.text.startswith("Błąd: Wpisano") and warn.comment.text.startswith("Ostrzeżenie: Wartość")


def test_no_annotated_copy_for_valid_or_unreadable_files(tmp_path, valid_path):
    empty = tmp_path / "e.xlsx"
    empty.write_bytes(b"")
    assert annotate(validate_file(valid_path), tmp_path / "o") is None
    assert annotate(validate_file(empty), tmp_path / "o") is None


def test_annotated_text_starting_with_equals_stays_text(tmp_path):
    data = base_data()
    data["tables"]["services"][0]["participants"] = "=1+1"
    path = write_valid(tmp_path / "eq.xlsx", data)
    copy = annotate(validate_file(path), tmp_path / "o")
    wb = openpyxl.load_workbook(copy)
    assert wb["Usługi"]["F5"].value == "=1+1" and wb["Usługi"]["F5"].data_type == "s"
    assert all(c.data_type != "f" for row in wb["Uwagi"].iter_rows() for c in row)


@needs_soffice
def test_annotated_copy_opens_in_libreoffice(tmp_path, lo_profile):
    case = next(c for c in CASES if c.id == "merged_input")
    path = case.make(tmp_path)
    copy = annotate(validate_file(path), tmp_path / "out")
    pdf = soffice_convert(copy, "pdf", tmp_path / "pdf", lo_profile)
    assert pdf.stat().st_size > 1000


@needs_soffice
def test_workbook_saved_by_libreoffice_validates_like_ours(tmp_path, lo_profile):
    good = write_valid(tmp_path / "src" / "dobry.xlsx")
    data = base_data()
    data["grids"]["flow"][("end", "f")] += 2
    data["tables"]["funding"][0]["amount"] = "brak"
    bad = write_valid(tmp_path / "src" / "zly.xlsx", data)
    saved = [soffice_convert(p, "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo", lo_profile) for p in (good, bad)]
    assert validate_file(saved[0]).issues == []
    codes = [(f.code, f.sheet, f.cell) for f in validate_file(saved[1]).issues]
    assert codes == [("TYPE_PLACEHOLDER", "Finansowanie", "B5"),
                     ("BALANCE_FLOW", "Uczestnicy", S.grid("flow").cell_of("end", "f"))]
    assert run(*saved).exit_code == 1


def test_calamine_panic_output_never_reaches_the_user(tmp_path, valid_path):
    import subprocess
    import sys

    case = next(c for c in CASES if c.id == "huge_number_in_date")
    path = case.make(tmp_path)
    proc = subprocess.run([sys.executable, "-c", "from ksr_reports.cli import main; main()", "validate", str(path),
                           str(valid_path)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert proc.stderr == "" and "panicked" not in proc.stdout
    assert "VALUE_OUT_OF_RANGE" not in proc.stdout   # codes are for machines; the text shows the message
    assert "Interesariusze!G5 (Data przystąpienia): liczba -4e+16 w komórce sformatowanej jako data" in proc.stdout


@needs_soffice
def test_real_ods_saved_by_libreoffice_and_renamed(tmp_path, lo_profile, valid_path):
    ods = soffice_convert(valid_path, "ods", tmp_path / "ods", lo_profile)
    renamed = ods.with_suffix(".xlsx")
    ods.rename(renamed)
    report = validate_file(renamed)
    assert report.status == "unreadable" and [f.code for f in report.issues] == ["FILE_ODS"]
    assert run(renamed, valid_path).exit_code == 1


def test_validate_with_spawned_children_on_a_cp1250_console(bad_path, valid_path, tmp_path):
    """`ksr validate` as on Windows: the reader's child process started with "spawn", a cp1250 code page,
    output redirected to a file. Same report as in-process, exit code 1 (one file has an error)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    script = Path(sys.executable).with_name("ksr.exe" if os.name == "nt" else "ksr")
    ksr = [str(script)] if script.exists() else [sys.executable, "-c", "from ksr_reports.entry import main; main()"]
    folder = tmp_path / "Pliki LSR – łódzkie"
    folder.mkdir()
    bad, valid = folder / "zły plik.xlsx", folder / valid_path.name
    bad.write_bytes(bad_path.read_bytes())
    valid.write_bytes(valid_path.read_bytes())
    env = {**os.environ, "PYTHONIOENCODING": "cp1250", "KSR_START_METHOD": "spawn"}
    done = subprocess.run(ksr + ["validate", str(bad), str(valid)], capture_output=True, env=env, timeout=120)
    assert done.returncode == 1 and not done.stderr, done.stderr.decode("cp1250")
    expected = run(bad, valid).output
    assert done.stdout.decode("cp1250").replace("\r\n", "\n") == expected
