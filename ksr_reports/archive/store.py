"""``Archive``: the office's SQLite archive of runs, files received and LSR statistics (DESIGN §11).

One connection per ``Archive.open``; every write is one ``BEGIN IMMEDIATE … COMMIT`` transaction, so a
process killed at any moment leaves either the whole write or none of it (SQLite's rollback journal,
kept as the default: WAL is unsafe on network shares). A second program waits for the lock up to
``timeout`` seconds, then stops with a Polish ``KsrError``. Schema and migrations: ``schema.py``.
"""
from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable

import platformdirs

from ..errors import KsrError
from ..intake.codes import os_error_text
from ..indicators.model import Unit
from ..monitoring.history import History
from ..periods import earlier_periods
from . import codec, record
from .schema import SCHEMA_VERSION, NotAnArchive, TooNew, migrate

ARCHIVE_NAME = "archiwum.sqlite"


def default_archive_path() -> Path:
    """Where an office's archive lives unless ``--archive`` says otherwise: the user's data folder
    (Windows: %LOCALAPPDATA%\\ksr-reports; Linux: $XDG_DATA_HOME/ksr-reports or ~/.local/share/ksr-reports)."""
    return platformdirs.user_data_path("ksr-reports", appauthor=False) / ARCHIVE_NAME


def _locked(e: BaseException) -> bool:
    text = str(e).lower()
    return isinstance(e, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


def archive_error(path: Path, e: BaseException) -> KsrError:
    """The Polish message for what went wrong opening or using the archive at ``path``."""
    if isinstance(e, TooNew):
        return KsrError(f"Archiwum {path} zapisała nowsza wersja programu (wersja schematu {e.version}; ta wersja "
                        f"programu zna wersje do {SCHEMA_VERSION}). Zaktualizuj program, aby korzystać z tego archiwum.")
    if _locked(e):
        return KsrError(f"Archiwum {path} jest używane przez inny przebieg programu. Poczekaj, aż się zakończy, "
                        "i uruchom ponownie.")
    text = str(e).lower()
    if isinstance(e, NotAnArchive) or "not a database" in text or "malformed" in text or "encrypted" in text:
        return KsrError(f"Plik {path} nie jest archiwum programu (to inna baza danych, inny plik albo plik "
                        "uszkodzony). Podaj inny plik w opcji --archive albo przenieś ten plik w inne miejsce.")
    # the database engine's own text is English: it stays for --debug; people read a Polish reason
    reason = os_error_text(e) if isinstance(e, OSError) else "błąd zapisu bazy danych"
    return KsrError(f"Nie można zapisać archiwum {path} ({reason}). Sprawdź uprawnienia do pliku i katalogu "
                    "albo podaj inne miejsce w opcji --archive.")


class Archive:
    """An open archive; use ``with Archive.open(path) as arc:``."""

    def __init__(self, path: Path, db: sqlite3.Connection, version_found: int):
        self.path, self.db, self.version_found = path, db, version_found

    @classmethod
    def open(cls, path, timeout: float = 30.0) -> "Archive":
        """Open (create, migrate) the archive at ``path``; KsrError when it cannot be used."""
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.is_dir():
                raise NotAnArchive()
            db = sqlite3.connect(str(path), timeout=timeout, isolation_level=None, check_same_thread=False)
        except (OSError, sqlite3.Error, NotAnArchive) as e:
            raise archive_error(path, e) from e
        try:
            db.execute("PRAGMA foreign_keys = ON")
            found = migrate(db)
        except (sqlite3.Error, NotAnArchive, TooNew) as e:
            db.close()
            raise archive_error(path, e) from e
        return cls(path, db, found)

    def __enter__(self) -> "Archive":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def _guard(self):
        try:
            yield
        except (sqlite3.Error, NotAnArchive, TooNew) as e:
            raise archive_error(self.path, e) from e

    @contextmanager
    def _transaction(self, mode: str):
        """``BEGIN <mode>`` … ``COMMIT`` (``ROLLBACK`` on any error, KeyboardInterrupt included)."""
        with self._guard():
            self.db.execute(f"BEGIN {mode}")
            try:
                yield self.db
                self.db.execute("COMMIT")
            except BaseException:
                if self.db.in_transaction:
                    self.db.execute("ROLLBACK")
                raise

    def write(self):
        """A write transaction (taken at once: a waiting writer never deadlocks with a reader)."""
        return self._transaction("IMMEDIATE")

    def read(self):
        """A read transaction: several queries see one state of the archive."""
        return self._transaction("DEFERRED")

    @property
    def schema_version(self) -> int:
        with self._guard():
            return self.db.execute("PRAGMA user_version").fetchone()[0]

    # -- writing -------------------------------------------------------------------------------------

    def record_run(self, *, level: str, period: str, region: str | None, records: list, quality: list[dict]) -> int:
        """Record one run (every file received, its decision, findings and texts; the statistics of every
        counted or superseded LSR submission; at the ministry the LSR rows inside rollup files) in one
        transaction. Recording the same run again changes nothing but the run's repeat counter.
        ``quality``: the run's quality rows, lineage rows included (they hold the decisions about LSRs
        inside rollup files). Returns the run's id."""
        with self.write() as db:
            return record.record_run(db, level=level, period=period, region=region, records=records,
                                     quality=quality, at=record.now())

    def import_files(self, paths, *, workers: int | None = None, progress=None, file_timeout: float | None = 60):
        """``ksr archive import``: LSR workbooks, rollup files and archive exports into the archive
        (a file read for more than ``file_timeout`` seconds is refused; None: no limit)."""
        from .importer import import_files

        return import_files(self, paths, workers=workers, progress=progress, file_timeout=file_timeout)

    def export(self, out_path) -> Path:
        """``ksr archive export``: everything in the archive as a readable workbook (re-importable)."""
        from .export import write_export

        return write_export(self, Path(out_path))

    # -- reading -------------------------------------------------------------------------------------

    def _current(self, periods: list[str], *, region: str | None = None, lsr_ids: Iterable[str] | None = None,
                 exclude: Iterable[str] = ()) -> dict[str, dict[str, Unit]]:
        """period -> lsr_id -> the current submission: among the archived ones (counted, superseded or
        imported) the newest by (fill date, received at; in one run the version it counted; SHA-256) – see
        docs/archive.md."""
        sql = ("SELECT s.period, s.lsr_id, s.name, s.region, s.filled_on, s.sha256, s.source, s.status, s.keyset, "
               "s.vals, s.texts FROM submissions s JOIN runs r ON r.id = s.first_run "
               "WHERE s.period IN (SELECT value FROM json_each(?))")
        args: list = [codec.dumps(periods)]
        if region is not None:
            sql += " AND s.region = ?"
            args.append(region)
        if lsr_ids is not None:
            sql += " AND s.lsr_id IN (SELECT value FROM json_each(?))"
            args.append(codec.dumps(sorted(set(lsr_ids))))
        exclude = sorted(set(exclude))
        if exclude:
            sql += (" AND s.sha256 NOT IN (SELECT value FROM json_each(?))"
                    " AND s.via NOT IN (SELECT value FROM json_each(?))")
            args += [codec.dumps(exclude)] * 2
        # same fill date and the same run: the version that run counted (it ranked the files by their times)
        sql += (" ORDER BY s.period, s.lsr_id, s.filled_on DESC, r.first_at DESC, s.decision = 'counted' DESC,"
                " s.sha256 DESC")
        out: dict[str, dict[str, Unit]] = {}
        with self.read() as db:
            keys = codec.keysets(db)
            last = None
            for period, lsr, name, reg, filled, sha, source, status, keyset, vals, texts in db.execute(sql, args):
                if (period, lsr) == last:
                    continue
                last = (period, lsr)
                out.setdefault(period, {})[lsr] = Unit(
                    lsr, name, "lsr", reg, period, codec.decode(keys[keyset], vals), source=source, sha256=sha,
                    filled_on=filled, status=status, texts=record.loads_texts(texts) if texts != "{}" else {})
        return out

    def history(self, period: str, *, region: str | None = None, lsr_ids=None, depth: int = 4) -> History:
        """The current submission of each LSR in each of the ``depth`` earlier periods of the same kind."""
        periods = earlier_periods(period, depth)
        found = self._current(periods, region=region, lsr_ids=lsr_ids)
        return History(period, periods, {p: list(found[p].values()) for p in periods if p in found})

    def current(self, period: str, lsr_ids, *, exclude=()) -> dict[str, Unit]:
        """lsr_id -> the current archived submission for ``period``, ignoring submissions whose SHA-256 (or
        whose rollup file's SHA-256) is in ``exclude`` – a run passes its own inputs, so a re-run of a run
        killed after its commit still compares with what was archived before it."""
        return self._current([period], lsr_ids=lsr_ids, exclude=exclude).get(period, {})

    def info(self) -> dict:
        """What the archive holds: schema version, totals, and per period the LSRs and files."""
        with self.read() as db:
            one = lambda sql: db.execute(sql).fetchone()[0]  # noqa: E731
            periods: dict[str, dict] = {}
            for p, lsrs, subs in db.execute("SELECT period, count(DISTINCT lsr_id), count(DISTINCT sha256) FROM submissions "
                                            "GROUP BY period"):
                periods[p] = {"period": p, "lsrs": lsrs, "submissions": subs, "files": 0}
            for p, n in db.execute("SELECT period, count(*) FROM files GROUP BY period"):
                periods.setdefault(p, {"period": p, "lsrs": 0, "submissions": 0, "files": 0})["files"] = n
            return {"path": str(self.path), "schema_version": one("PRAGMA user_version"),
                    "files": one("SELECT count(*) FROM files"), "submissions": one("SELECT count(DISTINCT sha256) FROM submissions"),
                    "lsrs": one("SELECT count(DISTINCT lsr_id) FROM submissions"),
                    "findings": one("SELECT count(*) FROM findings"), "runs": one("SELECT count(*) FROM runs"),
                    "periods": [periods[p] for p in sorted(periods)]}
