"""``build_rollup``: LSR workbooks and/or rollup files → one ``Rollup`` (regional or national).

Flow: find the files → examine each (validate + statistics, in parallel for large runs) →
decide what counts (scope, validity, versions, duplicates) → completeness against the
register → ``Rollup``. Nothing is printed; ``progress(done, total)`` reports per file.
"""
from __future__ import annotations


from typing import Callable, Iterable

from ..errors import UsageError
from ..indicators.model import REGION_NAMES, Rollup
from ..periods import is_period
from .inputs import InputRecord, examine_all, find_inputs
from .register import completeness, read_register
from .select import select

LEVELS = ("region", "national")


def _check_args(level: str, period: str | None, region: str | None) -> None:
    if level not in LEVELS:
        raise UsageError(f"Nieznany poziom zestawienia „{level}”; podaj region albo national.")
    if period is not None and not is_period(period):
        raise UsageError(f"Niepoprawny okres „{period}”; podaj rok (np. 2025) albo półrocze (2025-H1, 2025-H2).")
    if region is not None and region not in REGION_NAMES:
        raise UsageError(f"Nieznany kod województwa „{region}”; podaj kod 02, 04, … 32.")
    if region is not None and level != "region":
        raise UsageError("Opcja --region dotyczy tylko zestawienia regionalnego (--level region).")


def build_rollup(paths: Iterable, *, level: str, period: str | None = None, register=None,
                 progress: Callable[[int, int], None] | None = None, region: str | None = None,
                 workers: int | None = None, generated_on: str | None = None,
                 file_timeout: float | None = 60) -> Rollup:
    """Roll up ``paths`` (files or folders) at ``level`` "region" or "national".

    ``period``/``region`` default to what more than half of the inputs share (KsrError when
    there is no such majority); ``register`` (a register workbook) adds completeness;
    ``generated_on`` defaults to the latest fill date of the counted LSRs, so that the same
    inputs always give the same output. ``workers`` processes (default: by input size); an input
    read for more than ``file_timeout`` seconds is refused (``FILE_TIMEOUT``; None: no limit)."""
    _check_args(level, period, region)
    files = find_inputs(paths)
    if not files:
        raise UsageError("Nie podano żadnego pliku .xlsx do zestawienia (katalogi przeszukano rekurencyjnie).")
    expected = read_register(register, file_timeout=file_timeout) if register is not None else None
    records = examine_all(files, workers=workers, progress=progress, file_timeout=file_timeout)
    return rollup_records(records, level=level, period=period, expected=expected, region=region,
                          generated_on=generated_on)


def rollup_records(records: list[InputRecord], *, level: str, period: str | None = None, expected=None,
                   region: str | None = None, generated_on: str | None = None) -> Rollup:
    """The rollup of already examined inputs (``ksr run`` examines each file once and reuses the records)."""
    _check_args(level, period, region)
    sel = select(records, level=level, period=period, region=region)
    rollup = Rollup(level=level, period=sel.period, region=sel.region, lsrs=sel.lsrs, quality=sel.quality,
                    lineage=sel.lineage)
    if expected is not None:
        rollup.completeness = completeness(expected, sel.lsrs, sel.quality, sel.region)
    rollup.generated_on = generated_on or max((u.filled_on for u in sel.lsrs), default="")
    return rollup


def failed_inputs(rollup: Rollup) -> list[dict]:
    """Quality rows of inputs the user must look at (refused, invalid, unreadable): the CLI exits 1."""
    from .layout import FAILED_DECISIONS
    return [q for q in rollup.quality if q["decision"] in FAILED_DECISIONS and not q.get("via")]



