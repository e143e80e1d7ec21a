"""The archive's schema: an ordered list of migrations, the version kept in ``PRAGMA user_version``.

Migration *n* (1-based) takes an archive from version *n − 1* to *n*; each is applied in its own
transaction together with the new ``user_version``, so an archive is always at exactly one version.
Never edit a released migration: append a new one (docs/archive.md, "Migrations").

Version 1 – files received, their findings, LSR submissions with their statistics (a key list shared
by many submissions + one value array each, ``codec.py``), runs.
Version 2 – the decision each run took about each file (``run_files``: ``files.decision`` keeps only the
latest, the audit needs all of them) and the index the history and current-submission queries use
(measured: history of 4 periods × 2,477 LSRs among 12,385 submissions, see benchmarks/bench_archive.py).
"""
from __future__ import annotations

import sqlite3

APPLICATION_ID = 0x4B535241        # "KSRA" in the database header: tells our archive from any SQLite file

V1 = (
    """CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        fingerprint TEXT NOT NULL UNIQUE,      -- SHA-256 of level, period, region and the sorted input SHA-256s
        level TEXT NOT NULL,                   -- region | national | import
        period TEXT NOT NULL DEFAULT '',
        region TEXT NOT NULL DEFAULT '',
        inputs INTEGER NOT NULL DEFAULT 0,
        counted INTEGER NOT NULL DEFAULT 0,
        first_at TEXT NOT NULL,                -- UTC ISO; the received time of what this run recorded first
        last_at TEXT NOT NULL,
        times INTEGER NOT NULL DEFAULT 1)""",
    """CREATE TABLE files (
        id INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL,
        name TEXT NOT NULL,
        size INTEGER,
        first_run INTEGER NOT NULL REFERENCES runs(id),   -- received at = that run's first_at
        kind TEXT NOT NULL,                    -- lsr | rollup
        lsr_id TEXT NOT NULL DEFAULT '',
        period TEXT NOT NULL DEFAULT '',
        region TEXT NOT NULL DEFAULT '',
        template_version TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT '',
        errors INTEGER NOT NULL DEFAULT 0,
        warnings INTEGER NOT NULL DEFAULT 0,
        explained INTEGER NOT NULL DEFAULT 0,
        decision TEXT NOT NULL DEFAULT '',     -- the latest decision about the file
        note TEXT NOT NULL DEFAULT '',
        UNIQUE (sha256, name))""",
    """CREATE TABLE findings (
        file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        severity TEXT NOT NULL,
        code TEXT NOT NULL,
        sheet TEXT NOT NULL DEFAULT '',
        cell TEXT NOT NULL DEFAULT '',
        message TEXT NOT NULL,
        explanation TEXT,
        PRIMARY KEY (file_id, seq))""",
    """CREATE TABLE keysets (
        id INTEGER PRIMARY KEY,
        keys TEXT NOT NULL UNIQUE)             -- JSON array of statistic keys, in order""",
    """CREATE TABLE submissions (
        id INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL,                  -- of the LSR workbook
        via TEXT NOT NULL DEFAULT '',          -- SHA-256 of the rollup file it came in; '' when received directly
        lsr_id TEXT NOT NULL,
        name TEXT NOT NULL DEFAULT '',
        region TEXT NOT NULL,
        period TEXT NOT NULL,
        filled_on TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'valid',
        source TEXT NOT NULL DEFAULT '',       -- file name of the LSR workbook
        template_version TEXT NOT NULL DEFAULT '',
        decision TEXT NOT NULL,                -- counted | superseded | imported (the latest)
        note TEXT NOT NULL DEFAULT '',
        first_run INTEGER NOT NULL REFERENCES runs(id),
        keyset INTEGER NOT NULL REFERENCES keysets(id),
        vals BLOB NOT NULL,                    -- values in keyset order (codec.py; JSON text also read)
        texts TEXT NOT NULL DEFAULT '{}',      -- the coordinator's texts (rollup/texts.py shape), JSON
        UNIQUE (sha256, via))""",
)

V2 = (
    """CREATE TABLE run_files (
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
        decision TEXT NOT NULL,
        PRIMARY KEY (run_id, file_id)) WITHOUT ROWID""",
    "CREATE INDEX submissions_by_period ON submissions (period, lsr_id)",
    "CREATE INDEX files_by_period ON files (period)",
)

MIGRATIONS: tuple[tuple[str, ...], ...] = (V1, V2)
SCHEMA_VERSION = len(MIGRATIONS)


class NotAnArchive(Exception):
    """The file is an SQLite database (or something else) that is not a ksr-reports archive."""


class TooNew(Exception):
    """The archive was written by a newer program (its schema version is above ``SCHEMA_VERSION``)."""

    def __init__(self, version: int):
        super().__init__(version)
        self.version = version


def version_of(db: sqlite3.Connection) -> int:
    """Schema version of an open archive; NotAnArchive for a foreign database, TooNew for a newer one."""
    app = db.execute("PRAGMA application_id").fetchone()[0]
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if app == 0 and version == 0:
        if db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise NotAnArchive()
        return 0
    if app != APPLICATION_ID:
        raise NotAnArchive()
    if version > SCHEMA_VERSION:
        raise TooNew(version)
    return version


def migrate(db: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Bring the archive up to ``target`` (each step one transaction); returns the version found.

    ``db`` must be in autocommit mode (``isolation_level=None``). The version is read again under the
    write lock, so two programs opening a new archive at once do not both create it."""
    found = version_of(db)
    current = found
    while current < target:
        db.execute("BEGIN IMMEDIATE")
        try:
            current = version_of(db)
            if current < target:
                for statement in MIGRATIONS[current]:
                    db.execute(statement)
                current += 1
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                db.execute(f"PRAGMA user_version = {current}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
    return found
