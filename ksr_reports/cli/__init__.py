"""The ``ksr`` command line: thin click commands over the library (one command per module)."""
from __future__ import annotations

import sys

import click

from ..errors import KsrError
from . import polish

polish.install()      # before the commands are built: click's texts (usage, headings, errors) in Polish

from . import archive as _archive  # noqa: E402
from . import cas as _cas  # noqa: E402
from . import demo as _demo  # noqa: E402
from . import register as _register  # noqa: E402
from . import rollup as _rollup  # noqa: E402
from . import run as _run  # noqa: E402
from . import samples as _samples  # noqa: E402
from . import serve as _serve  # noqa: E402
from . import report as _report  # noqa: E402
from . import template as _template  # noqa: E402
from . import validate as _validate  # noqa: E402


class _Group(click.Group):
    """Turns KsrError into a Polish message and its exit code; tracebacks only with --debug."""

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
@click.option("--debug", is_flag=True, help="Pokaż pełny ślad błędu (dla programistów).")
@click.version_option(package_name="ksr-reports", message="ksr-reports %(version)s")
def main(debug: bool) -> None:
    """ksr – monitoring Lokalnych Sieci na rzecz Reintegracji: arkusze LSR, zestawienia RSR i KSR, raporty."""


main.add_command(_template.template)
main.add_command(_samples.samples)
main.add_command(_demo.demo)
main.add_command(_rollup.rollup)
main.add_command(_register.register_template)
main.add_command(_report.report)
main.add_command(_validate.validate)
main.add_command(_run.run)
main.add_command(_cas.cas)
main.add_command(_archive.archive)
main.add_command(_serve.serve)

# Usage lines in Polish: "ksr run [OPCJE] KATALOG", "ksr [OPCJE] POLECENIE [ARGUMENTY]...".
main.subcommand_metavar = "POLECENIE [ARGUMENTY]..."
for _command in (main, *main.commands.values()):
    _command.options_metavar = "[OPCJE]"
