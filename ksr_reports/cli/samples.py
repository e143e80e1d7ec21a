"""``ksr samples``: write realistic filled sample workbooks."""
from __future__ import annotations

from pathlib import Path

import click

from ..lang import count
from .options import Number, period_option


@click.command()
@click.option("-o", "--output", "outdir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Katalog wynikowy (po jednym podkatalogu na województwo).")
@click.option("--seed", type=Number(), default=2025, show_default=True, help="Ziarno losowania (te same dane dla tego samego ziarna).")
@period_option()
def samples(outdir: Path, seed: int, period: str | None) -> None:
    """Wygeneruj przykładowe wypełnione arkusze LSR z sześciu województw pilotażu KSR."""
    from ..samples import write_samples

    paths = write_samples(outdir, seed=seed, period=period or "2025")
    click.echo(f"Zapisano {count(len(paths), 'przykładowy arkusz', 'przykładowe arkusze', 'przykładowych arkuszy')} LSR "
               f"w katalogu {outdir}")
