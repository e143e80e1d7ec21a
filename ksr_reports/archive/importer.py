"""``ksr archive import``: seed the archive from files an office already has (DESIGN §11, issue 14 §1).

LSR workbooks and rollup files are examined exactly as ``ksr run`` examines them (``rollup.inputs.examine``,
in child processes): a valid LSR workbook becomes an "imported" submission with its statistics, an invalid
one is kept as a file with its findings; a rollup file gives its LSR rows. An archive export (``export.py``)
is recognised by its marker sheet and read in the child too (``exported.read_export``), never in this
process. Everything is written in one transaction; an import adds only what the archive lacks.
"""
from __future__ import annotations

import sqlite3
from functools import partial
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import KsrError
from ..intake.codes import os_error_text
from ..fileutil import sha256_of
from ..indicators.model import Unit
from ..rollup.inputs import InputRecord, crashed, examine, find_inputs, timed_out
from ..rollup.texts import clean_texts
from ..intake.sandbox import default_workers, isolated_map
from . import layout as Y
from .exported import ExportData, read_export
from .record import (STATS_DECISIONS, ensure_sha, fingerprint, now, record_inputs, upsert_run,
                     upsert_submission)


@dataclass
class ImportedFile:
    """What the import did with one file."""
    path: str
    kind: str                 # "lsr" | "rollup" | "export"
    outcome: str              # "added" | "known" (nothing new) | "refused"
    period: str = ""
    lsr_id: str = ""
    submissions: int = 0      # LSR submissions with statistics added
    files: int = 0            # files added (1 for a workbook; an export may add many)
    message: str = ""         # why it was refused (Polish)

    @property
    def name(self) -> str:
        return Path(self.path).name


@dataclass
class ImportResult:
    archive: Path
    files: list[ImportedFile] = field(default_factory=list)

    @property
    def refused(self) -> list[ImportedFile]:
        return [f for f in self.files if f.outcome == "refused"]

    @property
    def exit_code(self) -> int:
        return 1 if self.refused else 0


@dataclass
class ExportRecord:
    """An archive export examined in a child process: its content, or why it cannot be read."""
    path: str
    sha256: str = ""
    data: ExportData | None = None
    error: str = ""


def examine_for_import(path) -> InputRecord | ExportRecord:
    """One file to import, examined in a child process: an archive export (marker sheet) or whatever
    ``rollup.inputs.examine`` makes of it (LSR workbook or rollup file)."""
    from ..intake import Refusal, preflight

    path = Path(path)
    try:
        package = preflight(path, divert=Y.MARKER_SHEET)
    except (Refusal, OSError):
        package = None                 # examine pre-flights again and reports why
    if package is None or not package.diverted:
        return examine(path)
    rec = ExportRecord(str(path))
    try:
        rec.sha256 = sha256_of(path)
        rec.data = read_export(path)
    except KsrError as e:
        rec.error = str(e)
    except OSError as e:
        rec.error = f"{path.name}: nie można odczytać pliku ({os_error_text(e)}). Sprawdź uprawnienia i ścieżkę."
    return rec


def _decide(rec: InputRecord) -> tuple[str, str]:
    if rec.status in ("valid", "warnings") and (rec.stats is not None or rec.rollup is not None):
        return "imported", ""
    decision = "unreadable" if rec.status == "unreadable" else "invalid"
    return decision, " ".join(rec.messages)


def _refusal(rec: InputRecord, decision: str) -> str:
    from .. import lang

    if decision == "invalid":
        errors = lang.count(rec.errors, "błąd", "błędy", "błędów")
        return (f"{rec.file}: {errors} – plik zapisano w archiwum z uwagami, bez statystyk. Popraw go i zaimportuj "
                f"ponownie. {' '.join(rec.messages)}").strip()
    return " ".join(rec.messages) or f"{rec.file}: plik nieczytelny – zapisz go ponownie jako .xlsx."


def merge_export(db, data: ExportData) -> tuple[int, int]:
    """Add what an export holds and the archive lacks; (files added, submissions added).
    References inside ``data`` were checked by ``read_export``."""
    runs: dict[str, int] = {}
    for row in data.tables[Y.RUNS.sheet]:
        found = db.execute("SELECT id FROM runs WHERE fingerprint = ?", (row["fingerprint"],)).fetchone()
        runs[row["fingerprint"]] = found[0] if found else db.execute(
            "INSERT INTO runs (fingerprint, level, period, region, inputs, counted, first_at, last_at, times) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", tuple(row[c.key] for c in Y.RUNS.columns)).lastrowid
    files: dict[tuple, int] = {}
    added: set[tuple] = set()
    for row in data.tables[Y.FILES.sheet]:
        key = (row["sha256"], row["name"])
        found = db.execute("SELECT id FROM files WHERE sha256 = ? AND name = ?", key).fetchone()
        if found:
            files[key] = found[0]
            continue
        files[key] = db.execute(
            "INSERT INTO files (sha256, name, size, first_run, kind, lsr_id, period, region, template_version, status, "
            "errors, warnings, explained, decision, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (*key, row["size"], runs[row["run"]], *(row[k] for k in (
                "kind", "lsr_id", "period", "region", "template_version", "status", "errors", "warnings",
                "explained", "decision", "note")))).lastrowid
        added.add(key)
    db.executemany("INSERT INTO findings (file_id, seq, severity, code, sheet, cell, message, explanation) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   [(files[(r["sha256"], r["name"])], r["seq"], r["severity"], r["code"], r["sheet"], r["cell"],
                     r["message"], r["explanation"] or None)
                    for r in data.tables[Y.FINDINGS.sheet] if (r["sha256"], r["name"]) in added])
    texts: dict[tuple, dict] = {}
    for r in data.tables[Y.TEXTS.sheet]:
        items = texts.setdefault((r["sha256"], r["via"]), {}).setdefault(r["kind"], {})
        items.setdefault(r["seq"], {})[r["field"]] = r["text"]
    keysets: dict = {}
    new = 0
    for row, stats in zip(data.tables[Y.SUBMISSIONS.sheet], data.stats):
        found = texts.get((row["sha256"], row["via"]), {})
        unit = Unit(row["lsr_id"], row["name"], "lsr", row["region"], row["period"], stats, source=row["source"],
                    sha256=row["sha256"], filled_on=row["filled_on"], status=row["status"],
                    texts=clean_texts({k: [v[i] for i in sorted(v)] for k, v in found.items()}))
        new += upsert_submission(db, unit, via=row["via"], template_version=row["template_version"],
                                 decision=row["decision"], note=row["note"], run_id=runs[row["run"]],
                                 keysets=keysets, replace=False)
    db.executemany("INSERT OR IGNORE INTO run_files (run_id, file_id, decision) VALUES (?, ?, ?)",
                   [(runs[r["run"]], files[(r["sha256"], r["name"])], r["decision"])
                    for r in data.tables[Y.RUN_FILES.sheet]])
    return len(added), new


def import_files(arc, paths, *, workers: int | None = None, progress=None,
                 file_timeout: float | None = 60) -> ImportResult:
    """Examine ``paths`` (files; folders are searched for .xlsx) in child processes and add them to ``arc``
    in one transaction. Files examined as LSR workbooks or rollups form one "import" run in the run log;
    a file read for more than ``file_timeout`` seconds is refused (``FILE_TIMEOUT``; None: no limit)."""
    found = find_inputs(paths)
    workers = default_workers(found) if workers is None else max(1, workers)
    examined = isolated_map(examine_for_import, found, workers=workers, on_crash=crashed, progress=progress,
                            timeout=file_timeout, on_timeout=partial(timed_out, limit=file_timeout))
    result = ImportResult(arc.path)
    with arc.write() as db:
        records = [r for r in examined if isinstance(r, InputRecord) and ensure_sha(r)]
        done: dict[int, tuple] = {}
        if records:
            valid = sum(1 for r in records if _decide(r)[0] == "imported")
            run_id = upsert_run(db, fp=fingerprint("import", "", "", [r.sha256 for r in records]), level="import",
                                period="", region="", inputs=len(records), counted=valid, at=now())
            inner = ("imported", "")
            for rec, added, new in record_inputs(db, run_id, records, _decide, lambda r, u: inner, replace=False):
                done[id(rec)] = (added, new)
        for rec in examined:
            result.files.append(_outcome(db, rec, done))
    return result


def _outcome(db, rec, done: dict) -> ImportedFile:
    if isinstance(rec, ExportRecord):
        if rec.data is None:
            return ImportedFile(rec.path, "export", "refused", message=rec.error)
        db.execute("SAVEPOINT export_merge")
        try:
            files, subs = merge_export(db, rec.data)
        except (sqlite3.IntegrityError, ValueError, TypeError, OverflowError):
            # read_export checks what the archive enforces; should a value still not fit, only this export is
            # refused and the rest of the import goes on
            db.execute("ROLLBACK TO export_merge")
            db.execute("RELEASE export_merge")
            return ImportedFile(rec.path, "export", "refused", message=(
                f"{Path(rec.path).name}: zawartości eksportu nie można zapisać w archiwum. "
                "Plik nie jest eksportem archiwum w postaci zapisanej przez program; wykonaj eksport ponownie."))
        db.execute("RELEASE export_merge")
        return ImportedFile(rec.path, "export", "added" if files or subs else "known", submissions=subs, files=files)
    if id(rec) not in done:
        return ImportedFile(rec.path, rec.kind, "refused", rec.period, rec.lsr_id,
                            message=" ".join(rec.messages) or f"{rec.file}: nie można odczytać pliku.")
    added, new = done[id(rec)]
    decision, _ = _decide(rec)
    if decision not in STATS_DECISIONS:
        return ImportedFile(rec.path, rec.kind, "refused", rec.period, rec.lsr_id, files=int(added),
                            message=_refusal(rec, decision))
    return ImportedFile(rec.path, rec.kind, "added" if added or new else "known", rec.period, rec.lsr_id,
                        submissions=new, files=int(added))
