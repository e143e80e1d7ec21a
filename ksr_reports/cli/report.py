"""``ksr report``: LSR workbook or rollup workbook -> Word report (card, regional or national)."""
from __future__ import annotations

from pathlib import Path

import click

from .options import file_timeout_option


def _history_from(archive: Path):
    """``(lsr_id, period) -> History`` read from ``archive`` when the report knows whose it is."""
    def history(lsr_id, period):
        from ..archive import Archive

        with Archive.open(archive) as arc:
            return arc.history(period, lsr_ids=[lsr_id] if lsr_id else None)
    return history


@click.command()
@click.argument("input_path", metavar="PLIK.xlsx", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Plik wynikowy .docx.")
@click.option("--thresholds", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Plik TOML z progami reguł rekomendacji (nadpisuje wartości domyślne).")
@click.option("--archive", type=click.Path(exists=True, dir_okay=False, path_type=Path), metavar="PLIK",
              help="Archiwum przebiegów (baza SQLite), z którego raport bierze wcześniejsze okresy; domyślnie "
                   "archiwum w katalogu danych użytkownika, jeśli istnieje.")
@click.option("--no-archive", is_flag=True, help="Raport bez zmian w czasie (bez archiwum).")
@file_timeout_option()
def report(input_path: Path, output: Path, thresholds: Path | None, archive: Path | None, no_archive: bool,
           file_timeout: float | None) -> None:
    """Przygotuj raport Word: kartę LSR ze skoroszytu LSR albo raport regionalny/krajowy z zestawienia."""
    if no_archive and archive is not None:
        raise click.UsageError("Podaj albo --archive, albo --no-archive, nie obie opcje naraz.")
    if archive is None and not no_archive:
        from ..archive import default_archive_path

        archive = default_archive_path() if default_archive_path().is_file() else None
    history = _history_from(archive) if archive is not None and not no_archive else None
    from ..reports import render_report

    path = render_report(input_path, output, thresholds=thresholds, history=history, file_timeout=file_timeout)
    click.echo(f"Zapisano raport: {path}")
