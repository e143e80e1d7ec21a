"""``ksr rollup``: regional (RSR) or national (KSR) rollup workbook from LSR workbooks and rollup files.

Exit codes: 0 – every input counted (superseded versions and exact duplicates are normal);
1 – the workbook was written, but some input was refused (other period or województwo),
invalid or unreadable (listed on stderr and in the "Jakość danych" sheet); 2 – usage error
(nothing written); 1 for other fatal problems (nothing written).
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from ..lang import count, pct, period as period_text, plural
from .options import ProgressBar, file_timeout_option, period_option, workers_option

@click.command()
@click.argument("paths", metavar="ŚCIEŻKA...", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--level", type=click.Choice(["region", "national"]), required=True,
              help="region: arkusze LSR jednego województwa; national: zestawienia regionalne i/lub arkusze LSR.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Plik wynikowy zestawienia .xlsx.")
@click.option("--register", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Rejestr oczekiwanych LSR (wzór: ksr register-template) – daje kompletność.")
@period_option()
@click.option("--region", metavar="WW", help="Kod województwa (np. 04); domyślnie ten, którego dotyczy ponad połowa plików.")
@workers_option()
@file_timeout_option()
def rollup(paths, level, output, register, period, region, workers, file_timeout) -> None:
    """Zestawienie regionalne (RSR) albo krajowe (KSR) z arkuszy LSR i zestawień; katalogi są przeszukiwane (.xlsx)."""
    from ..rollup import build_rollup, failed_inputs, write_rollup
    from ..rollup.layout import DECISIONS

    progress = ProgressBar()
    try:
        result = build_rollup(paths, level=level, period=period, register=register, progress=progress,
                              region=region, workers=workers, file_timeout=file_timeout)
    finally:
        progress.close()
    path = write_rollup(result, output)
    inputs = [q for q in result.quality if not q.get("via")]
    counted = sum(1 for q in inputs if q["decision"] == "counted")
    click.echo(f"Zapisano zestawienie ({result.title}, okres {period_text(result.period)}): {path}")
    click.echo(f"Uwzględniono {count(len(result.lsrs), 'sprawozdanie LSR', 'sprawozdania LSR', 'sprawozdań LSR')}; "
               f"plików uwzględnionych: {counted} z {len(inputs)}.")
    if result.completeness:
        c = result.completeness
        click.echo(f"Kompletność: oczekiwane {c['expected']}, otrzymane {c['received']}, poprawne {c['valid']}, "
                   f"z ostrzeżeniami {c['warnings']}, z błędami {c['invalid']}, brakujące {c['missing']}; "
                   f"wskaźnik sprawozdawczości {pct(c['rate'])}.")
    failed = failed_inputs(result)
    for q in failed:
        click.echo(f"{DECISIONS[q['decision']]}: {q['note']}", err=True)
    if failed:
        went = plural(len(failed), "wszedł", "weszły", "weszło")
        click.echo(f"Uwaga: do zestawienia nie {went} {count(len(failed), 'plik', 'pliki', 'plików')} (szczegóły "
                   "w arkuszu „Jakość danych”).", err=True)
        sys.exit(1)
