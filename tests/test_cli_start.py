"""A fast start (issue 16 §6): ``ksr --help`` and ``import ksr_reports.cli`` load no command and no heavy library.

Each check runs in a fresh interpreter (``sys.modules`` of the test process already holds everything).
These test the property – what is imported – not the timing; docs/performance.md has the figures.
"""
from __future__ import annotations

import importlib
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import click
import pytest

import ksr_reports.cli as cli
from ksr_reports.cli import COMMANDS, listed_help, main

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("docx", "docxtpl", "jinja2", "PIL", "xlsxwriter", "openpyxl", "pandas", "flask", "multiprocessing",
         "python_calamine", "lxml", "waitress", "matplotlib", "sqlite3", "ssl", "urllib.request", "http.client")
COMMAND_MODULES = tuple(f"ksr_reports.cli.{module}" for module, _, _ in COMMANDS.values())


def _fresh(code: str) -> dict:
    """Run ``code`` in a new interpreter; it ends by printing a JSON object, returned here."""
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.splitlines()[-1])


LOADED = f"""
import json, sys
print(json.dumps(sorted(m for m in {HEAVY + COMMAND_MODULES!r} if m in sys.modules)))
"""


def test_importing_the_cli_loads_no_heavy_library_and_no_command():
    assert _fresh("import ksr_reports.cli" + LOADED) == []


def test_ksr_help_loads_no_heavy_library_and_no_command():
    code = """
import contextlib, io
from ksr_reports.entry import main
import sys
sys.argv = ["ksr", "--help"]
out = io.StringIO()
with contextlib.redirect_stdout(out):
    try:
        main()
    except SystemExit as e:
        assert e.code == 0, e.code
assert "Polecenia:" in out.getvalue() and "validate" in out.getvalue(), out.getvalue()
""" + LOADED
    assert _fresh(code) == []


def test_a_command_help_loads_only_its_own_module_and_no_heavy_library():
    """``ksr run --help`` and the like: the command module imports the library inside the command function."""
    code = f"""
import json, sys
from ksr_reports.cli import main
seen = {{}}
for name in {sorted(COMMANDS)!r}:
    try:
        main([name, "--help"], standalone_mode=False)
    except SystemExit:
        pass
    seen[name] = sorted(m for m in {HEAVY!r} if m in sys.modules)
print(json.dumps(seen))
"""
    assert _fresh(code) == {name: [] for name in COMMANDS}


def test_running_a_command_imports_it_and_gives_it_polish_usage():
    code = """
import json, sys
from click.testing import CliRunner
from ksr_reports.cli import main
result = CliRunner().invoke(main, ["run"], prog_name="ksr")
print(json.dumps([result.exit_code, result.output, "ksr_reports.cli.run" in sys.modules,
                  "ksr_reports.cli.validate" in sys.modules]))
"""
    exit_code, output, run_loaded, validate_loaded = _fresh(code)
    assert exit_code == 2 and run_loaded and not validate_loaded
    assert "Użycie: ksr run [OPCJE] KATALOG" in output and "Brak argumentu" in output


def _click_commands(module) -> dict[str, click.Command]:
    """The commands a module defines at its top level, without the members of its own groups."""
    found = {obj.name: obj for obj in vars(module).values() if isinstance(obj, click.Command) and obj is not main}
    members = {id(c) for obj in found.values() if isinstance(obj, click.Group) for c in obj.commands.values()}
    return {name: obj for name, obj in found.items() if id(obj) not in members}


def test_the_table_names_every_command_module_and_only_those():
    defined = {}
    for info in pkgutil.iter_modules(cli.__path__):
        defined.update({name: (info.name, cmd) for name, cmd in
                        _click_commands(importlib.import_module(f"ksr_reports.cli.{info.name}")).items()})
    assert set(COMMANDS) == set(defined), "a command module is missing from COMMANDS in ksr_reports/cli/__init__.py"
    for name, (module, attribute, _) in COMMANDS.items():
        assert defined[name] == (module, getattr(importlib.import_module(f"ksr_reports.cli.{module}"), attribute))


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_listed_help_is_the_commands_own_first_sentence(name):
    command = main.commands[name]
    assert command.name == name
    for limit in (10, 30, 45, 57, 74, 94, 1000):
        assert listed_help(name, limit) == command.get_short_help_str(limit), (name, limit)


@pytest.mark.parametrize("width", [50, 80, 120])
def test_ksr_help_lists_the_commands_as_click_would_with_every_command_loaded(width):
    """The lazy listing, from a fresh interpreter, equals click's own listing over the real commands."""
    code = f"""
import json, sys
import click
from ksr_reports.cli import main
ctx = click.Context(main, info_name="ksr", terminal_width={width}, max_content_width={width})
lazy = main.get_help(ctx)
loaded = "ksr_reports.cli.run" in sys.modules
formatter = ctx.make_formatter()
main.commands                                   # imports every command
click.Group.format_commands(main, ctx, formatter)
print(json.dumps([lazy, formatter.getvalue(), loaded]))
"""
    lazy, eager_listing, loaded = _fresh(code)
    assert not loaded
    assert eager_listing.startswith("Polecenia:") and lazy.endswith("\n\n" + eager_listing.rstrip())


def test_a_mistyped_command_is_answered_in_polish_with_a_suggestion():
    from click.testing import CliRunner

    result = CliRunner().invoke(main, ["valdate"])
    assert result.exit_code == 2
    assert "Nie ma polecenia 'valdate'" in result.output and "validate" in result.output
