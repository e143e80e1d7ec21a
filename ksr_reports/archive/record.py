"""Writing into the archive: a run, its files, their findings and the statistics of LSR submissions.

Every function here runs inside the caller's transaction (``Archive.write``); none commits.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from pathlib import Path

from ..fileutil import sha256_of
from . import codec

STATS_DECISIONS = ("counted", "superseded", "imported")   # submissions whose statistics are archived
# Of two quality rows about the same file (same bytes and name, e.g. copies in two folders) the most
# telling decision is written last, so it is the one kept.
_RANK = {"unreadable": 0, "invalid": 1, "refused": 2, "duplicate": 3, "superseded": 4, "imported": 5, "counted": 6}


def now() -> str:
    """UTC time in ISO form, to the second."""
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def ensure_sha(rec) -> str:
    """The record's SHA-256, computed when the examination gave none; "" for a file that cannot be read."""
    if not rec.sha256:
        try:
            rec.sha256 = sha256_of(Path(rec.path))
        except OSError:
            return ""
    return rec.sha256


def fingerprint(level: str, period: str, region: str, shas) -> str:
    """Identity of a run: the same level, period, region and input bytes give the same run."""
    text = codec.dumps([level, period or "", region or "", sorted(shas)])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def upsert_run(db: sqlite3.Connection, *, fp: str, level: str, period: str, region: str, inputs: int,
               counted: int, at: str) -> int:
    """The run's id: a new row, or the existing one with its repeat counter and last time bumped."""
    row = db.execute("SELECT id FROM runs WHERE fingerprint = ?", (fp,)).fetchone()
    if row:
        db.execute("UPDATE runs SET last_at = ?, times = times + 1 WHERE id = ?", (at, row[0]))
        return row[0]
    return db.execute("INSERT INTO runs (fingerprint, level, period, region, inputs, counted, first_at, last_at) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                      (fp, level, period or "", region or "", inputs, counted, at, at)).lastrowid


def _size(path: str) -> int | None:
    try:
        return Path(path).stat().st_size
    except OSError:
        return None


def _explained(rec) -> int:
    return sum(1 for f in rec.issues if f.severity == "warning" and getattr(f, "explanation", None))


def upsert_file(db: sqlite3.Connection, rec, run_id: int, decision: str, note: str, *, replace: bool) -> tuple[int, bool]:
    """(file id, added) of one file received. ``replace``: a run's decision and findings replace the
    stored ones (the latest decision wins); an import only adds files the archive does not have."""
    key = (rec.sha256, rec.file)
    row = db.execute("SELECT id FROM files WHERE sha256 = ? AND name = ?", key).fetchone()
    values = (_size(rec.path), rec.kind, rec.lsr_id, rec.period, rec.region, getattr(rec, "template_version", ""),
              rec.status, rec.errors, rec.warnings, _explained(rec), decision, note)
    if row and not replace:
        return row[0], False
    if row:
        db.execute("UPDATE files SET size = ?, kind = ?, lsr_id = ?, period = ?, region = ?, template_version = ?, "
                   "status = ?, errors = ?, warnings = ?, explained = ?, decision = ?, note = ? WHERE id = ?",
                   (*values, row[0]))
        file_id = row[0]
        db.execute("DELETE FROM findings WHERE file_id = ?", (file_id,))
    else:
        file_id = db.execute("INSERT INTO files (sha256, name, first_run, size, kind, lsr_id, period, region, "
                             "template_version, status, errors, warnings, explained, decision, note) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (*key, run_id, *values)).lastrowid
    db.executemany("INSERT INTO findings (file_id, seq, severity, code, sheet, cell, message, explanation) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   [(file_id, i, f.severity, f.code, f.sheet or "", f.cell or "", f.message,
                     getattr(f, "explanation", None)) for i, f in enumerate(rec.issues, start=1)])
    return file_id, row is None


def link(db: sqlite3.Connection, run_id: int, file_id: int, decision: str) -> None:
    db.execute("INSERT INTO run_files (run_id, file_id, decision) VALUES (?, ?, ?) "
               "ON CONFLICT (run_id, file_id) DO UPDATE SET decision = excluded.decision", (run_id, file_id, decision))


def upsert_submission(db: sqlite3.Connection, unit, *, via: str, template_version: str, decision: str, note: str,
                      run_id: int, keysets: dict, replace: bool) -> bool:
    """Store one LSR submission with its statistics; True when it was new to the archive."""
    keys, vals = codec.encode(unit.stats)
    values = (unit.unit_id, unit.name, unit.region, unit.period, unit.filled_on, unit.status, unit.source,
              template_version, decision, note, codec.keyset_id(db, keys, keysets), vals, codec.dumps(unit.texts or {}))
    row = db.execute("SELECT id FROM submissions WHERE sha256 = ? AND via = ?", (unit.sha256, via)).fetchone()
    if row and replace:
        db.execute("UPDATE submissions SET lsr_id = ?, name = ?, region = ?, period = ?, filled_on = ?, status = ?, "
                   "source = ?, template_version = ?, decision = ?, note = ?, keyset = ?, vals = ?, texts = ? "
                   "WHERE id = ?", (*values, row[0]))
    elif not row:
        db.execute("INSERT INTO submissions (lsr_id, name, region, period, filled_on, status, source, template_version, "
                   "decision, note, keyset, vals, texts, sha256, via, first_run) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (*values, unit.sha256, via, run_id))
    return row is None


def record_inputs(db: sqlite3.Connection, run_id: int, records: list, decide, decide_inner, *,
                  replace: bool) -> list[tuple[object, bool, int]]:
    """Files and submissions of examined inputs: ``decide(rec)`` → (decision, note) of a file,
    ``decide_inner(rec, unit)`` → (decision, note) of an LSR row inside a rollup file (only asked when the
    rollup file itself was counted or imported). Returns (record, file added, submissions added)."""
    keysets: dict = {}
    out = []
    decided = [(rec, *decide(rec)) for rec in records if ensure_sha(rec)]
    for rec, decision, note in sorted(decided, key=lambda x: _RANK.get(x[1], -1)):
        file_id, added = upsert_file(db, rec, run_id, decision, note, replace=replace)
        link(db, run_id, file_id, decision)
        new = 0
        if rec.kind == "lsr" and rec.stats is not None and decision in STATS_DECISIONS:
            new += upsert_submission(db, rec.unit(), via="", template_version=getattr(rec, "template_version", ""),
                                     decision=decision, note=note, run_id=run_id, keysets=keysets, replace=replace)
        elif rec.kind == "rollup" and rec.rollup is not None and decision in ("counted", "imported"):
            for unit in rec.rollup.lsrs:
                inner, inner_note = decide_inner(rec, unit)
                if inner in STATS_DECISIONS:
                    new += upsert_submission(db, unit, via=rec.sha256, template_version="", decision=inner,
                                             note=inner_note, run_id=run_id, keysets=keysets, replace=replace)
        out.append((rec, added, new))
    return out


def record_run(db: sqlite3.Connection, *, level: str, period: str, region: str | None, records: list,
               quality: list[dict], at: str) -> int:
    """One run of ``ksr run``/``ksr rollup`` (see ``Archive.record_run``); returns the run id."""
    direct = {q["path"]: q for q in quality if not q.get("via")}
    inner = {(q["via"], q.get("sha256") or ""): q for q in quality if q.get("via")}
    shas = [s for s in map(ensure_sha, records) if s]
    counted = sum(1 for q in direct.values() if q.get("decision") == "counted")
    run_id = upsert_run(db, fp=fingerprint(level, period, region or "", shas), level=level, period=period,
                        region=region or "", inputs=len(shas), counted=counted, at=at)

    def decide(rec):
        q = direct.get(rec.path) or {}
        return q.get("decision", ""), q.get("note", "")

    def decide_inner(rec, unit):
        q = inner.get((rec.file, unit.sha256))
        return (q.get("decision", ""), q.get("note", "")) if q else ("counted", "")

    record_inputs(db, run_id, records, decide, decide_inner, replace=True)
    return run_id


def loads_texts(text: str) -> dict:
    return json.loads(text) if text else {}
