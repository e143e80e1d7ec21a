"""``ksr cas``: one LSR workbook -> the figures of the KIS annual report to the wojewoda / the CAS set.

Exit codes (DESIGN §9): 0 – written (warnings of the workbook allowed, counted on stderr);
1 – the workbook is unreadable or has errors, or the output cannot be written (nothing written);
2 – usage error.
"""
from __future__ import annotations

from pathlib import Path

import click

from ..lang import count, period as period_text


@click.command()
@click.argument("input_path", metavar="PLIK_LSR.xlsx", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Plik wynikowy .xlsx z danymi do sprawozdania.")
def cas(input_path: Path, output: Path) -> None:
    """Przygotuj dane do sprawozdania rocznego KIS dla wojewody (i do CAS) z arkusza LSR, żeby KIS nie
    przepisywał danych dwa razy. Arkusz z błędami nie jest przetwarzany."""
    from ..cas import cas_from_workbook

    figures = cas_from_workbook(input_path, output)
    click.echo(f"Zapisano dane do sprawozdania KIS ({figures.kis_name}, okres {period_text(figures.period)}): {output}")
    click.echo(f"Pozycji, których arkusz nie zawiera: {len(figures.gaps)} (ostatnia część zestawienia).")
    if figures.warnings:
        click.echo(f"Uwaga: arkusz ma {count(figures.warnings, 'ostrzeżenie', 'ostrzeżenia', 'ostrzeżeń')}; "
                   f"sprawdź je przed wysłaniem sprawozdania (ksr validate {input_path.name}).", err=True)
