"""The ``ksr`` command line: thin click commands over the library (one command per module).

Commands are imported when they run (click's lazy group pattern: ``list_commands`` / ``get_command``), so
``ksr --help`` and a mistyped option answer without loading python-docx, xlsxwriter, calamine or the web
page. ``ksr --help`` lists the commands from ``COMMANDS`` (name -> module and one-line help); a test keeps
those lines equal to each command's own help. Reading ``main.commands`` (the CLI reference, tests, click's
"did you mean") imports them all. Each command module imports the library inside its command function,
so ``ksr run --help`` is quick too.
"""
from __future__ import annotations

import importlib
import os
import sys

import click

from ..errors import KsrError
from . import polish

polish.install()      # before any command is built: click's texts (usage, headings, errors) in Polish

OPTIONS_METAVAR = "[OPCJE]"

# name -> (module in ksr_reports.cli, attribute, first sentence of the command's help as `ksr --help` lists it)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "archive": ("archive", "archive", "Archiwum przebiegów (baza SQLite): import wcześniejszych plików, eksport do "
                "skoroszytu, informacje."),
    "cas": ("cas", "cas", "Przygotuj dane do sprawozdania rocznego KIS dla wojewody (i do CAS) z arkusza LSR, żeby "
            "KIS nie przepisywał danych dwa razy."),
    "demo": ("demo", "demo", "Pokaż cały łańcuch na przykładowych danych: szablon, próbki, walidacja, zestawienia, "
             "raporty."),
    "register-template": ("register", "register_template", "Zapisz pusty rejestr oczekiwanych LSR (dla kompletności "
                          "w ksr rollup --register)."),
    "report": ("report", "report", "Przygotuj raport Word: kartę LSR ze skoroszytu LSR albo raport regionalny/krajowy "
               "z zestawienia."),
    "rollup": ("rollup", "rollup", "Zestawienie regionalne (RSR) albo krajowe (KSR) z arkuszy LSR i zestawień; "
               "katalogi są przeszukiwane (.xlsx)."),
    "run": ("run", "run", "Sprawdź wszystkie pliki ze skrzynki, przygotuj informacje zwrotne, zestawienie i raport "
            "Word."),
    "samples": ("samples", "samples", "Wygeneruj przykładowe wypełnione arkusze LSR z sześciu województw pilotażu "
                "KSR."),
    "serve": ("serve", "serve", "Uruchom stronę w przeglądarce: sprawdzanie arkuszy, skrzynka ROPS, zestawienie "
              "krajowe."),
    "template": ("template", "template", "Zapisz pusty arkusz sprawozdania LSR (z listami rozwijanymi, kontrolą i "
                 "instrukcją)."),
    "validate": ("validate", "validate", "Sprawdź arkusze LSR (pliki .xlsx lub katalogi) i wypisz wszystkie uwagi."),
}


def listed_help(name: str, limit: int) -> str:
    """The line ``ksr --help`` shows for command ``name`` (shortened to ``limit`` as click shortens help)."""
    return click.Command(name, help=COMMANDS[name][2]).get_short_help_str(limit)


class _Group(click.Group):
    """Imports each command when it is needed; turns KsrError into a Polish message and its exit code
    (tracebacks only with --debug)."""

    def __init__(self, *args, **kwargs):
        self._all_loaded = False
        super().__init__(*args, **kwargs)

    # -- lazy commands -------------------------------------------------------------------------------
    @property
    def commands(self) -> dict[str, click.Command]:
        """Every command (imports the ones not loaded yet); click's own paths use the methods below."""
        if not self._all_loaded:
            for name in COMMANDS:
                self._load(name)
            self._all_loaded = True
        return self._commands

    @commands.setter
    def commands(self, value: dict[str, click.Command]) -> None:
        self._commands = value

    def _load(self, name: str) -> click.Command:
        if name not in self._commands:
            module_name, attribute, _ = COMMANDS[name]
            module = importlib.import_module(f"{__name__}.{module_name}")
            command = getattr(module, attribute)
            command.options_metavar = OPTIONS_METAVAR       # usage lines in Polish: "ksr run [OPCJE] KATALOG"
            self._commands[name] = command
        return self._commands[name]

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(COMMANDS) | set(self._commands))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMANDS:
            return self._load(cmd_name)
        return self._commands.get(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list of ``ksr --help`` from COMMANDS, without importing the commands."""
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(name) for name in names)      # as click.Group.format_commands
        rows = [(name, listed_help(name, limit) if name in COMMANDS else self._commands[name].get_short_help_str(limit))
                for name in names]
        with formatter.section(polish.gettext("Commands")):
            formatter.write_dl(rows)

    # -- errors --------------------------------------------------------------------------------------
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except KsrError as e:
            if ctx.params.get("debug"):
                raise
            click.echo(f"Błąd: {e}", err=True)
            sys.exit(e.exit_code)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except Exception as e:  # last line of defence: no traceback reaches a user
            if ctx.params.get("debug"):
                raise
            click.echo(f"Błąd wewnętrzny programu: {type(e).__name__}: {e}. Uruchom ponownie z opcją --debug "
                       "i zgłoś problem zespołowi ksr-reports.", err=True)
            sys.exit(1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Pokaż pełny ślad błędu i komunikaty bibliotek czytających pliki (dla programistów).")
@click.version_option(package_name="ksr-reports", message="ksr-reports %(version)s")
def main(debug: bool) -> None:
    """ksr – monitoring Lokalnych Sieci na rzecz Reintegracji: arkusze LSR, zestawienia RSR i KSR, raporty."""
    if debug:       # child processes inherit it: the intake then prints the reader library's own words
        os.environ["KSR_DEBUG"] = "1"


# Usage lines in Polish: "ksr [OPCJE] POLECENIE [ARGUMENTY]..." (each command's own is set when it is loaded).
main.subcommand_metavar = "POLECENIE [ARGUMENTY]..."
main.options_metavar = OPTIONS_METAVAR
