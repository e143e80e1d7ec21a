"""``ksr archive import|export|info``: the office's archive of runs (DESIGN §11, issue 14).

Each command opens the archive (``--archive PLIK``, default ``archive.default_archive_path()``), calls
one library function and prints what it did in Polish; the archive used is always named.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .. import lang
from ..errors import KsrError
from .options import ProgressBar, file_timeout_option, workers_option

if TYPE_CHECKING:
    from ..archive import ImportedFile

_SUBMISSIONS = ("sprawozdanie LSR", "sprawozdania LSR", "sprawozdań LSR")
_FILES = ("plik", "pliki", "plików")


def archive_option():
    return click.option("--archive", "archive_path", type=click.Path(dir_okay=False, path_type=Path), metavar="PLIK",
                        help="Plik archiwum (baza SQLite); domyślnie archiwum w katalogu danych użytkownika.")


def _where(archive_path: Path | None, must_exist: bool) -> Path:
    from ..archive import default_archive_path

    path = archive_path or default_archive_path()
    click.echo(f"Archiwum: {path}")
    if must_exist and not path.exists():
        raise KsrError(f"Archiwum {path} nie istnieje. Powstaje przy pierwszym przebiegu ksr run z archiwum albo "
                       "poleceniem ksr archive import; podaj właściwy plik w opcji --archive.")
    return path


@click.group()
def archive() -> None:
    """Archiwum przebiegów (baza SQLite): import wcześniejszych plików, eksport do skoroszytu, informacje."""


def _line(f: ImportedFile) -> str:
    if f.outcome == "refused":
        message = f.message if f.message.startswith(f.name) else f"{f.name}: {f.message}"
        return f"Nie przyjęto – {message}"
    period = f"za {lang.period(f.period)}" if f.period else "bez okresu"
    if f.kind == "export":
        if f.outcome == "known":
            return f"{f.name}: eksport archiwum – nie dodano nowych plików ani sprawozdań (już są w archiwum)."
        return (f"{f.name}: eksport archiwum – dodano {lang.count(f.files, *_FILES)} "
                f"i {lang.count(f.submissions, *_SUBMISSIONS)}.")
    if f.kind == "rollup":
        if f.outcome == "known":
            return f"{f.name}: zestawienie {period} – wszystkie jego sprawozdania LSR były już w archiwum."
        return f"{f.name}: zestawienie {period} – dodano {lang.count(f.submissions, *_SUBMISSIONS)}."
    if f.outcome == "known":
        return f"{f.name}: arkusz LSR {f.lsr_id} {period} – był już w archiwum."
    return f"{f.name}: arkusz LSR {f.lsr_id} {period} – dodano do archiwum wraz ze statystykami."


@archive.command("import", short_help="Dodaj wcześniejsze pliki do archiwum.")
@click.argument("paths", metavar="ŚCIEŻKA...", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@archive_option()
@workers_option()
@file_timeout_option()
def import_(paths, archive_path, workers, file_timeout) -> None:
    """Dodaj do archiwum wcześniejsze arkusze LSR, zestawienia i eksporty archiwum; katalogi są przeszukiwane (.xlsx).

    Pliki są sprawdzane tak samo jak w ksr run. Kod wyjścia: 0 – wszystkie pliki przyjęte; 1 – któregoś
    pliku nie przyjęto (arkusz z błędami trafia do archiwum z uwagami, ale bez statystyk).
    """
    path = _where(archive_path, must_exist=False)
    from ..archive import Archive

    progress = ProgressBar()
    with Archive.open(path) as arc:
        try:
            result = arc.import_files(paths, workers=workers, progress=progress, file_timeout=file_timeout)
        finally:
            progress.close()
    for f in result.files:
        click.echo(_line(f), err=f.outcome == "refused")
    files = sum(f.files for f in result.files)
    subs = sum(f.submissions for f in result.files)
    click.echo(f"Dodano do archiwum: {lang.count(files, *_FILES)}, {lang.count(subs, *_SUBMISSIONS)}.")
    if result.refused:
        click.echo(f"Uwaga: nie przyjęto {lang.count(len(result.refused), 'pliku', 'plików', 'plików')}.", err=True)
        sys.exit(1)


@archive.command("export", short_help="Zapisz archiwum w skoroszycie .xlsx.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Plik wynikowy .xlsx.")
@archive_option()
def export(output, archive_path) -> None:
    """Zapisz całą zawartość archiwum w skoroszycie .xlsx: pliki, sprawozdania ze statystykami, uwagi, teksty, przebiegi.

    Skoroszyt można zaimportować z powrotem poleceniem ksr archive import.
    """
    path = _where(archive_path, must_exist=True)
    from ..archive import Archive

    with Archive.open(path) as arc:
        out = arc.export(output)
    click.echo(f"Zapisano eksport archiwum: {out}")


@archive.command("info", short_help="Pokaż, gdzie jest archiwum i co zawiera.")
@archive_option()
def info(archive_path) -> None:
    """Pokaż, gdzie jest archiwum i co zawiera: wersję schematu, liczbę plików i LSR w każdym okresie."""
    path = _where(archive_path, must_exist=False)
    if not path.exists():
        click.echo("Archiwum jeszcze nie istnieje: powstanie przy pierwszym przebiegu ksr run z archiwum.")
        return
    from ..archive import Archive

    with Archive.open(path) as arc:
        data = arc.info()
    click.echo(f"Wersja schematu: {data['schema_version']}")
    click.echo(f"Zawartość: {lang.count(data['files'], *_FILES)}, {lang.count(data['submissions'], *_SUBMISSIONS)} "
               f"ze statystykami, {lang.count(data['runs'], 'przebieg', 'przebiegi', 'przebiegów')}.")
    if not data["periods"]:
        click.echo("Archiwum jest puste.")
    for p in data["periods"]:
        if p["period"]:
            click.echo(f"  {lang.period(p['period'])}: {lang.num(p['lsrs'])} LSR, {lang.count(p['files'], *_FILES)}")
    unknown = [p["files"] for p in data["periods"] if not p["period"]]
    if unknown:
        click.echo(f"  okres nieustalony (pliki nieczytelne lub bez okresu): {lang.count(unknown[0], *_FILES)}")


archive.subcommand_metavar = "POLECENIE [ARGUMENTY]..."
for _command in archive.commands.values():
    _command.options_metavar = "[OPCJE]"
