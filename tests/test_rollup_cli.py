"""``ksr rollup`` and ``ksr register-template`` run for real through click: exit codes and messages."""
from __future__ import annotations

from click.testing import CliRunner

from ksr_reports.cli import main
from ksr_reports.rollup import is_rollup_workbook, load_rollup
from tests.test_rollup import make


def _run(args):
    return CliRunner().invoke(main, args)


def test_region_rollup_exit_0_and_output(tmp_path):
    (tmp_path / "in").mkdir()
    make(tmp_path / "in", "0404011")
    make(tmp_path / "in", "0402032")
    out = tmp_path / "rsr.xlsx"
    res = _run(["rollup", str(tmp_path / "in"), "--level", "region", "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert res.stdout == (f"Zapisano zestawienie (województwo kujawsko-pomorskie, okres 2025): {out}\n"
                          "Uwzględniono 2 sprawozdania LSR; plików uwzględnionych: 2 z 2.\n")
    assert is_rollup_workbook(out) and len(load_rollup(out).lsrs) == 2


def test_refused_file_writes_output_and_exits_1(tmp_path):
    paths = [make(tmp_path, "0404011"), make(tmp_path, "0402032"), make(tmp_path, "0663011")]
    out = tmp_path / "rsr.xlsx"
    res = _run(["rollup", *map(str, paths), "--level", "region", "-o", str(out)])
    assert res.exit_code == 1
    assert "Uwzględniono 2 sprawozdania LSR; plików uwzględnionych: 2 z 3." in res.stdout
    assert ("odrzucony: LSR_0663011.xlsx: LSR 0663011 jest z innego województwa (06 – lubelskie), a zestawienie "
            "dotyczy województwa 04 – kujawsko-pomorskie. Przekaż plik właściwemu ROPS albo usuń go z listy.") in res.stderr
    assert "LSR_0663011" not in res.stdout
    assert len(load_rollup(out).lsrs) == 2


def test_mixed_regions_fatal_exit_2_nothing_written(tmp_path):
    paths = [make(tmp_path, "0404011"), make(tmp_path, "0663011")]
    out = tmp_path / "rsr.xlsx"
    res = _run(["rollup", *map(str, paths), "--level", "region", "-o", str(out)])
    assert res.exit_code == 2 and not out.exists()
    assert res.stderr.startswith("Błąd: Pliki dotyczą różnych wartości kodu województwa: 04 (1 plik), 06 (1 plik).")


def test_usage_errors(tmp_path):
    p = make(tmp_path, "0404011")
    assert _run(["rollup", str(p), "--level", "gmina", "-o", str(tmp_path / "x.xlsx")]).exit_code == 2
    res = _run(["rollup", str(p), "--level", "national", "--region", "04", "-o", str(tmp_path / "x.xlsx")])
    assert res.exit_code == 2
    assert res.stderr == "Błąd: Opcja --region dotyczy tylko zestawienia regionalnego (--level region).\n"


def test_register_template_and_completeness_line(tmp_path):
    reg = tmp_path / "rejestr.xlsx"
    res = _run(["register-template", "-o", str(reg), "--region", "04"])
    assert res.exit_code == 0 and res.stdout == f"Zapisano pusty rejestr LSR: {reg}\n"
    import openpyxl
    wb = openpyxl.load_workbook(reg)
    wb["Rejestr LSR"]["A5"] = "0404011"
    wb["Rejestr LSR"]["A6"] = "0401011"
    wb.save(reg)
    p = make(tmp_path, "0404011")
    res = _run(["rollup", str(p), "--level", "region", "-o", str(tmp_path / "o.xlsx"), "--register", str(reg)])
    assert res.exit_code == 0
    assert ("Kompletność: oczekiwane 2, otrzymane 1, poprawne 1, z ostrzeżeniami 0, z błędami 0, brakujące 1; "
            "wskaźnik sprawozdawczości 50,0%.") in res.stdout
    assert _run(["register-template", "-o", str(reg), "--region", "99"]).exit_code == 2
