"""CLI basics: help everywhere, the generated reference is current, usage errors exit 2 in Polish."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from ksr_reports.cli import main
from ksr_reports.cli.reference import render

from .conftest import ROOT


def test_every_command_has_help():
    runner = CliRunner()
    for name, cmd in main.commands.items():
        assert cmd.help and cmd.help.strip(), name
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0, name


def test_committed_cli_reference_is_current():
    committed = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert committed == render(), "run: python -m ksr_reports.cli.reference > docs/cli.md"


def test_bad_period_is_a_usage_error_in_polish(tmp_path):
    result = CliRunner().invoke(main, ["template", "-o", str(tmp_path / "x.xlsx"), "--period", "2025-Q1"])
    assert result.exit_code == 2
    assert "niepoprawny okres „2025-Q1”" in result.output


@pytest.mark.parametrize("args, expected", [
    (["run"], "Błąd: Brak argumentu 'KATALOG'."),
    (["run", "--nope", "x"], "Błąd: Nie ma opcji '--nope'."),
    (["valdate"], "Czy chodziło o 'validate'?"),
    (["rollup", "/nie/ma/takiego", "-o", "x.xlsx"], "Ścieżka '/nie/ma/takiego' nie istnieje."),
    (["validate", "--format", "yaml", "x"], "'yaml' nie jest żadną z wartości: 'text', 'json'."),
    (["run", "--workers", "0", "x"], "Błąd: Niepoprawna wartość '--workers': 0 jest poza zakresem – podaj liczbę "
                                     "od 1 do 64."),
    (["samples", "-o", "x", "--seed", "dwa"], "Błąd: Niepoprawna wartość '--seed': „dwa” nie jest liczbą całkowitą."),
])
def test_click_usage_errors_are_polish(args, expected):
    result = CliRunner().invoke(main, args, prog_name="ksr")
    assert result.exit_code == 2
    assert expected in result.output and "Użycie: ksr" in result.output and "Pomoc: ksr" in result.output
    assert "Usage:" not in result.output and "Error:" not in result.output


def test_help_headings_are_polish():
    text = CliRunner().invoke(main, ["--help"]).output
    assert "Opcje:" in text and "Polecenia:" in text and "Pokaż tę pomoc i zakończ." in text
    assert "Options:" not in text and "Show this message" not in text


def test_template_command_writes_the_workbook(tmp_path):
    out = tmp_path / "szablon.xlsx"
    result = CliRunner().invoke(main, ["template", "-o", str(out)])
    assert result.exit_code == 0 and out.exists()
    assert f"Zapisano pusty arkusz LSR: {out}" in result.output


USAGE = {
    "archive": "Użycie: ksr archive [OPCJE] POLECENIE [ARGUMENTY]...",
    "cas": "Użycie: ksr cas [OPCJE] PLIK_LSR.xlsx",
    "demo": "Użycie: ksr demo [OPCJE]", "register-template": "Użycie: ksr register-template [OPCJE]",
    "report": "Użycie: ksr report [OPCJE] PLIK.xlsx", "rollup": "Użycie: ksr rollup [OPCJE] ŚCIEŻKA...",
    "run": "Użycie: ksr run [OPCJE] KATALOG", "samples": "Użycie: ksr samples [OPCJE]",
    "serve": "Użycie: ksr serve [OPCJE]",
    "template": "Użycie: ksr template [OPCJE]", "validate": "Użycie: ksr validate [OPCJE] ŚCIEŻKA...",
}
ENGLISH = ("[required]", "INTEGER", "RANGE", "[OPTIONS]", "COMMAND", "[ARGS]", "PATHS", "INBOX", "<=x<=", "TEXT",
           "Usage", "Options")


def test_help_usage_lines_and_option_types_are_polish():
    """Usage lines, metavars and option notes in Polish; no character a cp1250 console lacks ("→")."""
    text = CliRunner().invoke(main, ["--help"], prog_name="ksr").output
    assert text.startswith("Użycie: ksr [OPCJE] POLECENIE [ARGUMENTY]...\n")
    for name in main.commands:
        text = CliRunner().invoke(main, [name, "--help"], prog_name="ksr").output
        assert text.splitlines()[0] == USAGE[name]
        assert not [word for word in ENGLISH if word in text], name
        assert "→" not in text, name
    run_help = CliRunner().invoke(main, ["run", "--help"]).output
    assert "  -o, --output KATALOG" in run_help and "[wymagane]" in run_help
    assert "  --workers LICZBA           Liczba procesów, od 1 do 64" in run_help
    assert "  --region WW" in run_help


def _ksr() -> list[str]:
    """The installed console script (it sets the console's error handling), next to this Python."""
    script = Path(sys.executable).with_name("ksr.exe" if os.name == "nt" else "ksr")
    return [str(script)] if script.exists() else [sys.executable, "-c", "from ksr_reports.entry import main; main()"]


@pytest.mark.parametrize("encoding", ["cp1250", "cp852", "cp65001", "utf-8"])
def test_help_redirected_to_a_file_never_crashes(tmp_path, encoding):
    """`ksr --help > plik.txt` on a Windows console: what the encoding has is written, the rest replaced."""
    target = tmp_path / "pomoc.txt"
    with target.open("wb") as out:
        done = subprocess.run(_ksr() + ["run", "--help"], stdout=out, stderr=subprocess.PIPE,
                              env={**os.environ, "PYTHONIOENCODING": encoding}, timeout=60)
    assert done.returncode == 0, done.stderr
    text = target.read_bytes().decode(encoding)
    assert "Traceback" not in text and not done.stderr
    assert text.startswith("Użycie: ksr run [OPCJE] KATALOG")
    dash = "-" if encoding == "cp852" else "–"                          # cp852 has no en dash: shown as "-"
    assert f"Kod wyjścia: 0 {dash} wszystkie pliki przyjęte" in text
