"""``ksr serve``: what it prints and its exit code when it cannot start (the page itself: test_web_routes)."""
from __future__ import annotations

import socket

import pytest
from click.testing import CliRunner

from ksr_reports.cli import main


@pytest.fixture
def busy_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        yield s.getsockname()[1]


@pytest.fixture(autouse=True)
def data_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "dane"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "dane"))


def test_port_in_use_is_a_polish_message_and_exit_1(busy_port):
    result = CliRunner().invoke(main, ["serve", "--no-browser", "--no-archive", "--port", str(busy_port)])
    assert result.exit_code == 1
    assert f"Błąd: port {busy_port} jest już zajęty" in result.output
    assert "Traceback" not in result.output


def test_network_address_warns_and_prints_the_access_token(busy_port, monkeypatch):
    monkeypatch.setenv("KSR_SERVE_TOKEN", "tajne-haslo-biura")
    result = CliRunner().invoke(main, ["serve", "--no-browser", "--no-archive", "--host", "0.0.0.0",
                                       "--port", str(busy_port)])
    assert "Uwaga: strona będzie dostępna w sieci" in result.output
    assert "Hasło dostępu (ze zmiennej KSR_SERVE_TOKEN): tajne-haslo-biura" in result.output
    assert result.exit_code == 1          # the port is taken on every address


def test_archive_and_no_archive_together_is_a_usage_error():
    result = CliRunner().invoke(main, ["serve", "--no-browser", "--archive", "a.sqlite", "--no-archive"])
    assert result.exit_code == 2
    assert "Podaj albo --archive, albo --no-archive" in result.output


def test_generated_token_is_easy_to_type():
    from ksr_reports.cli.serve import TOKEN_ALPHABET, _new_token
    token = _new_token()
    assert len(token) == 19 and token.count("-") == 3
    assert set(token.replace("-", "")) <= set(TOKEN_ALPHABET)
