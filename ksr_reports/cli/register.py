"""``ksr register-template``: the blank register of expected LSRs kept by ROPS."""
from __future__ import annotations

from pathlib import Path

import click



@click.command("register-template")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=Path("rejestr_LSR.xlsx"),
              show_default=True, help="Plik wynikowy .xlsx.")
@click.option("--region", metavar="WW", help="Kod województwa (np. 04): kontrola, że kody TERYT są z tego województwa.")
def register_template(output: Path, region: str | None) -> None:
    """Zapisz pusty rejestr oczekiwanych LSR (dla kompletności w ksr rollup --register)."""
    from ..rollup import write_register_template

    path = write_register_template(output, region=region)
    click.echo(f"Zapisano pusty rejestr LSR: {path}")
