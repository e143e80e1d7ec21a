"""``ksr validate``: check LSR workbooks and report every finding (DESIGN §9).

Exit codes: 0 no errors (warnings allowed); 1 some file has errors or is unreadable;
2 usage (a path that does not exist, a bad option, an unusable TERC file).
"""
from __future__ import annotations

from pathlib import Path

import click

from ..errors import UsageError
from .options import file_timeout_option, period_option

def _check_paths(paths: tuple[Path, ...]) -> None:
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise UsageError("Nie ma takiego pliku ani katalogu: " + ", ".join(f"„{m}”" for m in missing) + ".")


@click.command()
@click.argument("paths", metavar="ŚCIEŻKA...", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Format raportu: tekst dla człowieka albo JSON dla programów.")
@click.option("--annotate", "annotate_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Katalog na kopie plików z zaznaczonymi i opisanymi uwagami (pliki wejściowe pozostają bez zmian).")
@click.option("--terc", type=click.Path(dir_okay=False, path_type=Path), metavar="PLIK",
              help="Urzędowy rejestr TERC (GUS, CSV ;) – pełne sprawdzenie kodów TERYT i nazw.")
@period_option()
@file_timeout_option()
def validate(paths: tuple[Path, ...], fmt: str, annotate_dir: Path | None, terc: Path | None, period: str | None,
             file_timeout: float | None) -> None:
    """Sprawdź arkusze LSR (pliki .xlsx lub katalogi) i wypisz wszystkie uwagi.

    Kod wyjścia: 0 – brak błędów (ostrzeżenia dopuszczalne), 1 – któryś plik zawiera błędy
    lub nie da się go odczytać, 2 – błędne wywołanie (np. nieistniejąca ścieżka).
    """
    _check_paths(paths + ((terc,) if terc else ()))
    from ..validation import validate_paths
    from ..validation.annotate import annotate_many
    from ..validation.feedback import render_file, summary_line

    run = validate_paths(paths, period=period, terc=terc, file_timeout=file_timeout)
    for problem in annotate_many(run.files, annotate_dir) if annotate_dir is not None else ():
        click.echo(problem, err=True)
    if fmt == "json":
        click.echo(run.to_json())
    else:
        for report in run.files:
            click.echo("\n".join(render_file(report)))
        click.echo(summary_line(run))
    if not run.valid:
        raise click.exceptions.Exit(1)
