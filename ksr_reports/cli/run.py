"""``ksr run``: the ROPS (or ministry) one-command chain — validate, feedback, rollup, report."""
from __future__ import annotations

from pathlib import Path

import click

from .options import ProgressBar, file_timeout_option, period_option, workers_option


@click.command()
@click.argument("inbox", metavar="KATALOG", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-o", "--output", "outdir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Katalog wyników: informacje zwrotne dla LSR (w podkatalogu), zestawienie .xlsx, raport .docx, podsumowanie.")
@click.option("--register", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Rejestr oczekiwanych LSR (wzór: ksr register-template) – daje listę brakujących.")
@period_option()
@click.option("--terc", type=click.Path(exists=True, dir_okay=False, path_type=Path), metavar="PLIK",
              help="Urzędowy rejestr TERC (GUS, CSV ;) – pełne sprawdzenie kodów TERYT i nazw gmin.")
@click.option("--level", type=click.Choice(["region", "national"]),
              help="Poziom zestawienia: region (regionalne) albo national (krajowe); domyślnie ustalany z plików "
                   "(zestawienia regionalne albo pliki z kilku województw – krajowe).")
@click.option("--region", metavar="WW",
              help="Kod województwa zestawienia regionalnego (np. 04); domyślnie województwo większości plików.")
@click.option("--thresholds", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Własny plik progów rekomendacji (TOML).")
@click.option("--archive", type=click.Path(dir_okay=False, path_type=Path), metavar="PLIK",
              help="Archiwum przebiegów (baza SQLite) – historia we wskaźnikach i raportach, porównanie z "
                   "poprzednią wersją sprawozdania; domyślnie archiwum w katalogu danych użytkownika "
                   "(ksr archive info pokazuje, gdzie jest).")
@click.option("--no-archive", is_flag=True, help="Nie korzystaj z archiwum i nie zapisuj w nim tego przebiegu.")
@workers_option()
@file_timeout_option()
def run(inbox, outdir, register, period, terc, level, region, thresholds, archive, no_archive, workers,
        file_timeout) -> None:
    """Sprawdź wszystkie pliki ze skrzynki, przygotuj informacje zwrotne, zestawienie i raport Word.

    Kod wyjścia: 0 – wszystkie pliki przyjęte; 1 – któryś plik odrzucono (wyniki i tak powstają
    dla przyjętych); 2 – błędne wywołanie.
    """
    if no_archive and archive is not None:
        raise click.UsageError("Podaj albo --archive, albo --no-archive, nie obie opcje naraz.")
    if not no_archive and archive is None:
        from ..archive import default_archive_path
        archive = default_archive_path()
    from ..run import run_inbox

    progress = ProgressBar()
    try:
        result = run_inbox(inbox, outdir, level=level, register=register, period=period, region=region, terc=terc,
                           workers=workers, thresholds=thresholds, progress=progress,
                           archive=None if no_archive else archive, file_timeout=file_timeout)
    finally:
        progress.close()
    for problem in result.problems:
        click.echo(problem, err=True)
    click.echo(result.summary_text(), nl=False)
    if result.exit_code:
        raise click.exceptions.Exit(result.exit_code)
