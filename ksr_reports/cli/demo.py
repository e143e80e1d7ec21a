"""``ksr demo``: run the whole chain on the bundled sample data."""
from __future__ import annotations

from pathlib import Path

import click

from ..lang import count


@click.command()
@click.option("-o", "--output", "outdir", type=click.Path(file_okay=False, path_type=Path), default=Path("demo-output"),
              show_default=True, help="Katalog na wyniki demonstracji.")
def demo(outdir: Path) -> None:
    """Pokaż cały łańcuch na przykładowych danych: szablon, próbki, walidacja, zestawienia, raporty."""
    from ..demo import run_demo

    result = run_demo(outdir, say=lambda msg: click.echo(msg, err=True))
    click.echo("Gotowe. Wyniki:")
    for description, path in result.outputs:
        click.echo(f"  {description}: {path}")
    for name, accepted, rejected in result.regions:
        click.echo(f"  województwo {name}: przyjęto {count(accepted, 'arkusz', 'arkusze', 'arkuszy')} LSR, "
                   f"odrzucono {rejected}")
