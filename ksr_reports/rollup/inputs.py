"""Examining rollup inputs: find the files, tell LSR workbooks from rollup files, validate, compute stats.

``examine(path)`` is the unit of work (one file → one ``InputRecord``); it is a plain
top-level function returning a small picklable record, so ``examine_all`` runs it in child
processes (``ksr_reports.intake.sandbox``). The typed LSR data never leaves the child: only its
statistics do.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Callable, Iterable

from ..fileutil import sha256_of
from ..errors import KsrError
from ..intake.codes import os_error_text
from ..intake.sandbox import default_workers, isolated_map
from ..indicators import lsr_stats
from ..indicators.model import ROLLUP_META_SHEET, Rollup, Unit
from ..validation import validate_file
from ..intake import Refusal, preflight
from ..spec import META_SHEET
from .layout import MAX_NOTE, MAX_TEXT
from .reader import load_rollup
from .texts import lsr_texts

MAX_MESSAGES = 3       # validation messages quoted per file in the quality sheet


@dataclass
class InputRecord:
    path: str
    sha256: str = ""
    kind: str = "lsr"               # "lsr" | "rollup"
    status: str = "unreadable"      # valid | warnings | invalid | unreadable
    errors: int = 0
    warnings: int = 0
    messages: list[str] = field(default_factory=list)
    lsr_id: str = ""
    period: str = ""
    name: str = ""
    filled_on: str = ""
    mtime: float = 0.0
    stats: dict | None = None
    rollup: Rollup | None = None
    issues: list = field(default_factory=list)   # every validation Finding (for feedback to the LSR)
    texts: dict = field(default_factory=dict)    # support requests, good practices, explanations (texts.py)
    template_version: str = ""      # template version of an LSR workbook ("" for rollup files and unread files)

    @property
    def file(self) -> str:
        return Path(self.path).name

    def unit(self) -> Unit:
        """The submission of a directly received LSR workbook, as a ``Unit`` (its statistics as counted)."""
        return Unit(self.lsr_id, self.name, "lsr", self.region, self.period, self.stats or {}, source=self.file,
                    sha256=self.sha256, filled_on=self.filled_on, status=self.status, texts=self.texts)

    @property
    def region(self) -> str:
        return self.lsr_id[:2] if self.kind == "lsr" else (self.rollup.region or "" if self.rollup else "")


def find_inputs(paths: Iterable) -> list[Path]:
    """Files to roll up: given files as they are, folders searched (recursively) for .xlsx; each file once."""
    out: list[Path] = []
    seen: set[Path] = set()
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(x for x in p.rglob("*.xlsx") if x.is_file() and not x.name.startswith("~$"))
        elif p.exists():
            found = [p]
        else:
            raise KsrError(f"Nie znaleziono pliku ani katalogu: {p}. Sprawdź ścieżkę.", exit_code=2)
        for f in found:
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                out.append(f)
    return out




def _clip(text, limit: int = MAX_TEXT) -> str:
    text = "" if text is None else str(text)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _examine_rollup(rec: InputRecord, path: Path) -> None:
    rec.kind = "rollup"
    rec.sha256 = sha256_of(path)     # LSR files get theirs from the validator (hashed once)
    try:
        rec.rollup = load_rollup(path)
    except KsrError as e:
        rec.messages = [_clip(str(e), MAX_NOTE)]
        rec.errors = 1
        return
    rec.status, rec.period = "valid", rec.rollup.period


def _examine_lsr(rec: InputRecord, path: Path, terc=None, package=None) -> None:
    _from_report(rec, validate_file(path, terc=terc, package=package))


def _from_report(rec: InputRecord, report) -> None:
    """Fill the record of an LSR file from its validation report (statistics when it is valid)."""
    rec.issues = list(report.issues)
    rec.status, rec.sha256 = report.status, report.sha256 or rec.sha256
    rec.errors, rec.warnings = len(report.errors), len(report.warnings)
    rec.messages = [_clip(f.message, MAX_NOTE) for f in report.errors[:MAX_MESSAGES]]
    if report.unreadable or report.data is None:
        return
    form = report.data.form
    rec.template_version = _clip(report.data.version or "", 20)
    rec.lsr_id = _clip(report.lsr_id or "", 20)
    rec.period = _clip(report.period or "", 20)
    rec.name = _clip(form.get("lsr_name") or form.get("gmina") or "")
    filled = form.get("filled_on")
    rec.filled_on = filled.isoformat() if hasattr(filled, "isoformat") else ""
    if report.valid:
        rec.stats = lsr_stats(report.data)
        rec.texts = lsr_texts(report.data)


def examine(path, terc=None) -> InputRecord:
    """Classify, validate and summarise one input file; never raises for bad content.

    One pre-flight opens the file: a workbook listing the rollup meta sheet is read as a rollup
    (``load_rollup`` pre-flights it with the rollup limits; its KsrError says why not), any other
    is validated as an LSR workbook (a file the pre-flight refuses gets its report from the validator)."""
    path = Path(path)
    rec = InputRecord(str(path))
    try:
        rec.mtime = path.stat().st_mtime
    except OSError as e:
        rec.messages = [f"{path.name}: nie można odczytać pliku ({os_error_text(e)}). Sprawdź uprawnienia i ścieżkę."]
        return rec
    try:
        package = preflight(path, marker=META_SHEET, divert=ROLLUP_META_SHEET)
    except (Refusal, OSError):
        package = None                 # validate_file runs it again and reports why
    if package is not None and package.diverted:
        _examine_rollup(rec, path)
    else:
        _examine_lsr(rec, path, terc, package)
    return rec


def crashed(path) -> InputRecord:
    """The record of a file whose reading killed the child process (see ``ksr_reports.intake.sandbox``)."""
    from ..validation.engine import crashed_report

    rec = InputRecord(str(path))
    try:
        rec.mtime = Path(path).stat().st_mtime
    except OSError:
        pass
    _from_report(rec, crashed_report(path))
    return rec


def timed_out(path, *, limit: float) -> InputRecord:
    """The record of a file whose reading took more than ``limit`` seconds (``FILE_TIMEOUT``)."""
    from ..validation.engine import timed_out_report

    rec = InputRecord(str(path))
    try:
        rec.mtime = Path(path).stat().st_mtime
    except OSError:
        pass
    _from_report(rec, timed_out_report(path, limit=limit))
    return rec


def examine_all(paths: list[Path], *, workers: int | None = None,
                progress: Callable[[int, int], None] | None = None, terc=None,
                file_timeout: float | None = 60) -> list[InputRecord]:
    """``examine`` every path in child processes (on every core when it pays), in input order;
    ``progress(done, total)`` as files finish. A file that crashes the reader, or takes more than
    ``file_timeout`` seconds (None: no limit), becomes an unreadable record and the others are still
    examined (``ksr_reports.intake.sandbox``).

    ``terc`` (a loaded official register, see ``ksr_reports.validation``) is passed to the validator."""
    workers = default_workers(paths) if workers is None else max(1, workers)
    return isolated_map(partial(examine, terc=terc), list(paths), workers=workers, on_crash=crashed,
                        progress=progress, timeout=file_timeout, on_timeout=partial(timed_out, limit=file_timeout))
