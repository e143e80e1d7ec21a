"""``ksr report``: LSR workbook or rollup workbook -> Word report (card, regional or national)."""
from __future__ import annotations

from pathlib import Path

import click

from ..reports import render_report


@click.command()
@click.argument("input_path", metavar="PLIK.xlsx", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Plik wynikowy .docx.")
@click.option("--thresholds", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Plik TOML z progami reguł rekomendacji (nadpisuje wartości domyślne).")
def report(input_path: Path, output: Path, thresholds: Path | None) -> None:
    """Przygotuj raport Word: kartę LSR ze skoroszytu LSR albo raport regionalny/krajowy z zestawienia."""
    path = render_report(input_path, output, thresholds=thresholds)
    click.echo(f"Zapisano raport: {path}")
