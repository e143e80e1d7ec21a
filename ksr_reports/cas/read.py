"""Reading the LSR workbook for ``ksr cas`` the safe way: validated in a child process.

The workbook is untrusted input: it goes through the same pre-flight, reader and validation as
``ksr validate`` and ``ksr report``, in a child process (``intake.sandbox.run_isolated``), so a file that
crashes the reader ends in a Polish message and exit code 1, never in a traceback. A workbook with
errors is refused with its findings, as the rollup refuses it: figures for an official report must
not come from a file that fails its own checks. Warnings are allowed (the output says how many).
"""
from __future__ import annotations

from pathlib import Path

from ..errors import KsrError
from ..lang import count

LIMIT = 10      # findings quoted in a refusal; the full list comes from ``ksr validate``


def _examine(path):
    """Run in the child: the validation report of the workbook (typed data included). A file that is
    not an LSR workbook but a rollup of this program is named as such (only then: it costs an import)."""
    from ..validation import validate_file

    report = validate_file(path)
    if report.unreadable and _is_rollup(path):
        raise KsrError(f"Plik {Path(path).name} jest zestawieniem regionalnym lub krajowym, a nie arkuszem LSR. "
                       "Dane do sprawozdania KIS przygotowuje się z arkusza LSR jednej sieci.")
    return report


def _is_rollup(path) -> bool:
    from ..reports.render import input_kind

    try:
        return input_kind(path) == "rollup"
    except KsrError:
        return False


def _text(finding) -> str:
    """A file-level finding without its location label ("Plik: …"): what is wrong and how to fix it."""
    return f"{finding.what} {finding.fix}".strip() if finding.what else finding.message


def refusal(report) -> str:
    """The Polish message for a workbook that cannot give the figures: unreadable, or with errors."""
    name = Path(report.path).name
    errors = report.errors
    if report.unreadable:
        return f"Nie można odczytać pliku {name}: " + " ".join(_text(f) for f in errors[:3])
    lines = [f"Skoroszyt {name} zawiera {count(len(errors), 'błąd', 'błędy', 'błędów')}, więc nie można przygotować "
             "z niego danych do "
             f"sprawozdania KIS. Popraw {'go' if len(errors) == 1 else 'je'} i uruchom ponownie (pełna lista: "
             f"ksr validate {name}):"]
    lines += [f"  - {f.message}" for f in errors[:LIMIT]]
    if len(errors) > LIMIT:
        lines.append(f"  … oraz {count(len(errors) - LIMIT, 'kolejny błąd', 'kolejne błędy', 'kolejnych błędów')}.")
    return "\n".join(lines)


def read_workbook(path):
    """The validation report of a workbook without errors (``report.data`` holds the typed data);
    ``KsrError`` (exit code 1) with a Polish message for anything else."""
    from ..intake.sandbox import run_isolated

    name = Path(path).name
    report = run_isolated(_examine, Path(path), crash_message=(
        f"Nie można odczytać pliku {name}: program czytający arkusze przerwał na nim pracę (zwykle przez "
        "wartość wpisaną daleko poza tabelami). Sprawdź plik poleceniem ksr validate, usuń wartości spoza "
        "tabel i zapisz go ponownie."))
    if not report.valid or report.data is None:
        raise KsrError(refusal(report))
    return report
