"""CLI basics: help everywhere, the generated reference is current, usage errors exit 2 in Polish."""
from __future__ import annotations

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
    (["run"], "Błąd: Brak argumentu 'INBOX'."),
    (["run", "--nope", "x"], "Błąd: Nie ma opcji '--nope'."),
    (["valdate"], "Czy chodziło o 'validate'?"),
    (["rollup", "/nie/ma/takiego", "-o", "x.xlsx"], "Ścieżka '/nie/ma/takiego' nie istnieje."),
    (["validate", "--format", "yaml", "x"], "'yaml' nie jest żadną z wartości: 'text', 'json'."),
    (["run", "--workers", "0", "x"], "0 jest poza zakresem"),
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
