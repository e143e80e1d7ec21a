"""``ksr validate``: check LSR workbooks and report every finding (DESIGN §9).

Exit codes: 0 no errors (warnings allowed); 1 some file has errors or is unreadable;
2 usage (a path that does not exist, a bad option, an unusable TERC file).
"""
from __future__ import annotations

from pathlib import Path

import click

from ..errors import UsageError
from ..validation import FileReport, RunReport, annotate, validate_paths
from ..validation.annotate import annotated_name
from .options import period_option

STATUS_PL = {"valid": "poprawny", "warnings": "poprawny, z ostrzeżeniami", "invalid": "zawiera błędy",
             "unreadable": "nie można go odczytać"}
LEVEL_PL = {"error": "BŁĄD", "warning": "UWAGA"}


def plural(n: int, one: str, few: str, many: str) -> str:
    """Polish plural: 1 plik, 2 pliki, 5 plików."""
    if n == 1:
        return f"{n} {one}"
    if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return f"{n} {few}"
    return f"{n} {many}"


def render_file(report: FileReport) -> list[str]:
    lines = [f"{report.path}: {STATUS_PL[report.status]}"]
    lines += [f"  {LEVEL_PL[f.severity]}: {f.message}" for f in report.issues]
    if report.annotated:
        lines.append(f"  Plik z uwagami: {report.annotated}")
    return lines


def summary_line(run: RunReport) -> str:
    s = run.summary()
    return (f"Podsumowanie: sprawdzono {plural(s['files'], 'plik', 'pliki', 'plików')} – poprawne: {s['valid']}, "
            f"z ostrzeżeniami: {s['warnings']}, z błędami: {s['invalid']}, nieczytelne: {s['unreadable']}; "
            f"{plural(s['errors'], 'błąd', 'błędy', 'błędów')}, "
            f"{plural(s['warnings_count'], 'ostrzeżenie', 'ostrzeżenia', 'ostrzeżeń')}.")


def annotate_all(run: RunReport, outdir: Path) -> list[str]:
    """Write annotated copies; distinct names when two inputs share a file name. Returns problems (Polish)."""
    used: set[str] = set()
    problems = []
    for report in run.files:
        name, n = annotated_name(report.path), 2
        while name in used:
            name, n = f"{report.path.stem}_uwagi_{n}.xlsx", n + 1
        try:
            report.annotated = annotate(report, outdir, name)
        except Exception as e:  # one odd file must not cost the others their copies
            problems.append(f"Nie udało się zapisać kopii z uwagami dla {report.path}: {type(e).__name__}: {e}")
        if report.annotated:
            used.add(name)
    return problems


def _check_paths(paths: tuple[Path, ...]) -> None:
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise UsageError("Nie ma takiego pliku ani katalogu: " + ", ".join(f"„{m}”" for m in missing) + ".")


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Format raportu: tekst dla człowieka albo JSON dla programów.")
@click.option("--annotate", "annotate_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Katalog na kopie plików z zaznaczonymi i opisanymi uwagami (pliki wejściowe pozostają bez zmian).")
@click.option("--terc", type=click.Path(dir_okay=False, path_type=Path), metavar="PLIK",
              help="Urzędowy rejestr TERC (GUS, CSV ;) – pełne sprawdzenie kodów TERYT i nazw.")
@period_option()
def validate(paths: tuple[Path, ...], fmt: str, annotate_dir: Path | None, terc: Path | None, period: str | None) -> None:
    """Sprawdź arkusze LSR (pliki .xlsx lub katalogi) i wypisz wszystkie uwagi.

    Kod wyjścia: 0 – brak błędów (ostrzeżenia dopuszczalne), 1 – któryś plik zawiera błędy
    lub nie da się go odczytać, 2 – błędne wywołanie (np. nieistniejąca ścieżka).
    """
    _check_paths(paths + ((terc,) if terc else ()))
    run = validate_paths(paths, period=period, terc=terc)
    for problem in annotate_all(run, annotate_dir) if annotate_dir is not None else ():
        click.echo(problem, err=True)
    if fmt == "json":
        click.echo(run.to_json())
    else:
        for report in run.files:
            click.echo("\n".join(render_file(report)))
        click.echo(summary_line(run))
    if not run.valid:
        raise click.exceptions.Exit(1)
