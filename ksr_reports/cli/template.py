"""``ksr template``: write the blank LSR workbook."""
from __future__ import annotations

from pathlib import Path

import click

from .options import period_option


@click.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=Path("szablon_LSR.xlsx"),
              show_default=True, help="Plik wynikowy .xlsx.")
@period_option()
def template(output: Path, period: str | None) -> None:
    """Zapisz pusty arkusz sprawozdania LSR (z listami rozwijanymi, kontrolą i instrukcją)."""
    from ..template import build_template

    path = build_template(output, period=period)
    click.echo(f"Zapisano pusty arkusz LSR: {path}")
