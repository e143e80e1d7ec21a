"""The page's job queue: every piece of work on uploaded files, one job at a time, each in its own folder.

``Jobs`` runs one worker thread (a daemon) that takes jobs first in, first out:

* ``check`` – ``validation.validate_paths`` on the uploaded workbooks (read in child processes, the
  library's sandbox), then ``annotate_many`` writes the annotated copies;
* ``region`` / ``national`` – ``run.run_inbox`` on the uploaded files, then the LSR feedback folder is
  packed into ``informacje_zwrotne.zip``.

Each job has a folder ``<data folder>/przebiegi/<id>``: ``pliki/`` (the uploaded files, moved there from
the upload folder), ``wyniki/`` (everything offered for download) and ``stan.json`` (state and result,
written atomically, so the list of earlier runs survives a restart; a job a stopped server never finished
is shown as interrupted). Ids are random (``secrets.token_urlsafe(12)``) and checked against ``JOB_ID_RE``
wherever one arrives from outside; downloads are served only from a job's ``wyniki/`` folder and only
the files its result lists.

Cleanup rule (documented for users in the guide): when the page starts and after every job, the folders
of runs older than ``keep_runs_days`` days (14 by default) are removed, and of the rest only the newest
``keep_runs`` (30) are kept; a waiting or running job is never removed. Uploads never taken by a job
(``przesylki/``) are removed after a day.
"""
from __future__ import annotations

import json
import logging
import os
import queue
import re
import secrets
import shutil
import threading
import time
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path

from ..errors import KsrError

log = logging.getLogger(__name__)

JOB_ID_RE = re.compile(r"^[A-Za-z0-9_-]{16}$")
STATE_FILE, INPUTS, RESULTS = "stan.json", "pliki", "wyniki"
REGISTER = "rejestr"      # the register of expected LSRs of a ROPS run, apart from the inbox files
ACTIVE, FINISHED = ("waiting", "running"), ("done", "failed")
KINDS_PL = {"check": "Sprawdzenie arkuszy", "region": "Skrzynka ROPS", "national": "Ministerstwo"}
STATES_PL = {"waiting": "czeka w kolejce", "running": "trwa", "done": "zakończony", "failed": "nieudany"}
INTERRUPTED_PL = "przerwany"
INTERRUPTED = ("Przebieg został przerwany: strona została zatrzymana, zanim się zakończył. "
               "Wyślij pliki ponownie.")
GENERIC_FAILURE = ("Wystąpił nieoczekiwany błąd programu i przebieg się nie zakończył. Spróbuj ponownie; jeśli błąd "
                   "się powtarza, zatrzymaj stronę i uruchom ją jeszcze raz.")
STALE_UPLOAD = timedelta(days=1)


def new_job_id() -> str:
    return secrets.token_urlsafe(12)


def valid_job_id(job_id) -> bool:
    return isinstance(job_id, str) and JOB_ID_RE.match(job_id) is not None


def _now() -> datetime:
    return datetime.now().astimezone()


@dataclass
class Job:
    id: str
    kind: str                       # "check" | "region" | "national"
    created: datetime
    state: str                      # "waiting" | "running" | "done" | "failed"
    done: int = 0                   # progress: files examined …
    total: int = 0                  # … of this many
    message: str = ""               # Polish: what went wrong (failed) or a short status
    result: dict = field(default_factory=dict)
    folder: Path = field(kw_only=True)
    params: dict = field(default_factory=dict, kw_only=True)     # period, region, names of the files sent
    finished: datetime | None = field(default=None, kw_only=True)
    interrupted: bool = field(default=False, kw_only=True)       # a stopped server never finished it

    @property
    def kind_pl(self) -> str:
        return KINDS_PL.get(self.kind, self.kind)

    @property
    def state_pl(self) -> str:
        return INTERRUPTED_PL if self.interrupted else STATES_PL.get(self.state, self.state)

    @property
    def finished_ok(self) -> bool:
        return self.state == "done"

    def download_names(self) -> set[str]:
        """The names ``download_path`` serves: the result's downloads and annotated copies."""
        names = {d.get("name") for d in self.result.get("downloads", [])}
        names |= {f.get("annotated") for f in self.result.get("files", [])}
        return {n for n in names if isinstance(n, str) and n}

    def to_dict(self) -> dict:
        return {"id": self.id, "kind": self.kind, "created": self.created.isoformat(), "state": self.state,
                "done": self.done, "total": self.total, "message": self.message, "result": self.result,
                "params": self.params, "finished": self.finished.isoformat() if self.finished else None,
                "interrupted": self.interrupted}

    @classmethod
    def from_dict(cls, data: dict, folder: Path) -> "Job":
        finished = data.get("finished")
        return cls(str(data["id"]), str(data["kind"]), datetime.fromisoformat(data["created"]), str(data["state"]),
                   int(data.get("done") or 0), int(data.get("total") or 0), str(data.get("message") or ""),
                   dict(data.get("result") or {}), folder=folder, params=dict(data.get("params") or {}),
                   finished=datetime.fromisoformat(finished) if finished else None,
                   interrupted=bool(data.get("interrupted")))


def run_form_problem(level: str, period: str | None, region: str | None) -> str | None:
    """What is wrong with a run's form (Polish), or None. ``submit_run`` fails such a job at once."""
    from ..indicators.model import REGION_NAMES
    from ..periods import is_period

    if level not in ("region", "national"):
        return "Nieznany rodzaj przebiegu. Wróć na stronę główną i wybierz skrzynkę ROPS albo ministerstwo."
    if period and not is_period(period):
        return (f"Niepoprawny okres „{period}”. Podaj rok (np. 2025) albo półrocze (np. 2025-H1 lub 2025-H2) "
                "albo zostaw pole puste, aby ustalić okres z plików.")
    if region and level == "national":
        return "Województwo wybiera się tylko dla skrzynki ROPS, nie dla zestawienia krajowego."
    if region and region not in REGION_NAMES:
        return "Nieznane województwo. Wybierz je z listy albo zostaw „ustal z plików”."
    return None


class Jobs:
    """The queue of one server; see the module docstring."""

    def __init__(self, settings):
        self.settings = settings
        self.root = Path(settings.runs_dir)
        self._jobs: dict[str, Job] = {}
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._cond = threading.Condition()
        self._save_lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self._one_at_a_time = threading.Lock()

    # -- the worker -------------------------------------------------------------------------------------
    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self.root.mkdir(parents=True, exist_ok=True)
        self._mark_interrupted()
        self._cleanup_logged()
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._work, args=(self._stopping,), name="ksr-jobs", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop after the running job (waiting up to ``timeout`` seconds; the daemon thread ends with the
        process otherwise). Jobs still waiting show as interrupted after the next start."""
        if self._thread is None:
            return
        self._stopping.set()
        self._queue.put(None)           # wakes the worker if it waits for a job
        self._thread.join(timeout)
        self._thread = None

    def _work(self, stopping: threading.Event) -> None:
        while not stopping.is_set():
            job_id = self._queue.get()
            if stopping.is_set():       # a stopped worker leaves the job to the next one
                if job_id is not None:
                    self._queue.put(job_id)
                return
            job = self._jobs.get(job_id) if job_id is not None else None
            if job is None or job.state != "waiting":
                continue
            with self._one_at_a_time:     # also against the worker of a stop that timed out
                try:
                    self._execute(job)
                    self._cleanup_logged()
                except Exception:         # e.g. stan.json not written (a full disk): the worker must go on
                    log.exception("Job %s: its state could not be saved", job.id)
                    with self._cond:
                        job.state, job.message, job.finished = "failed", GENERIC_FAILURE, _now()
                        self._cond.notify_all()

    def _execute(self, job: Job) -> None:
        from . import runners

        self._set(job, state="running")
        state, message = "done", ""
        try:
            message = runners.RUNNERS[job.kind](job, self.settings, lambda d, t: self._set(job, done=d, total=t))
        except KsrError as e:       # UsageError included: the library's Polish message
            state, message = "failed", str(e)
        except Exception:
            log.exception("Job %s (%s) failed", job.id, job.kind)
            state, message = "failed", GENERIC_FAILURE
        self._set(job, state=state, message=message, finished=_now())

    def _set(self, job: Job, **changes) -> None:
        """Change a job; a new state is saved first, so whoever sees it finds the same in ``stan.json``."""
        if "state" in changes:
            with self._cond:
                staged = replace(job, **changes)
            self._save(staged)
        with self._cond:
            for name, value in changes.items():
                setattr(job, name, value)
            self._cond.notify_all()

    # -- submitting ---------------------------------------------------------------------------------------
    def submit_check(self, uploaded: list[Path]) -> Job:
        """Check the uploaded workbooks (validation and annotated copies)."""
        return self._submit("check", uploaded, {})

    def submit_run(self, uploaded: list[Path], *, level: str, period: str | None, region: str | None,
                   register: Path | None = None) -> Job:
        """A ROPS (``level="region"``) or ministry (``"national"``) run on the uploaded files, with the register
        of expected LSRs when given (kept apart from the inbox). A wrong period or region gives a failed job
        with the Polish reason at once."""
        period, region = (period or "").strip() or None, (region or "").strip() or None
        problem = run_form_problem(level, period, region)
        return self._submit(level if level in KINDS_PL else "region", uploaded,
                            {"period": period, "region": region}, problem, register=register)

    def waiting(self) -> int:
        """Jobs in the queue, not yet started (the page refuses new ones beyond ``MAX_WAITING``)."""
        with self._cond:
            return sum(1 for j in self._jobs.values() if j.state == "waiting")

    def _submit(self, kind: str, uploaded: list[Path], params: dict, problem: str | None = None,
                register: Path | None = None) -> Job:
        with self._cond:
            job_id = new_job_id()
            while job_id in self._jobs or (self.root / job_id).exists():
                job_id = new_job_id()
            job = Job(job_id, kind, _now(), "waiting", total=len(uploaded), folder=self.root / job_id, params=params)
            self._jobs[job_id] = job
        try:
            job.params["files"] = [p.name for p in self._take(uploaded, job.folder / INPUTS)]
            if register is not None:
                job.params["register"] = self._take([register], job.folder / REGISTER)[0].name
        except OSError:
            log.exception("Could not take the uploads of job %s", job_id)
            problem = problem or "Nie udało się przyjąć przesłanych plików. Wyślij je ponownie."
        if problem:
            self._set(job, state="failed", message=problem, finished=_now())
        else:
            self._save(job)
            self._queue.put(job_id)
        return job

    def _take(self, uploaded: list[Path], inputs: Path) -> list[Path]:
        """Move the uploads (when in the data folder; others are copied) into the job's input folder."""
        from .uploads import _unique

        inputs.mkdir(parents=True)
        data = self.settings.data_dir.resolve()
        used: set[str] = set()
        out, sources = [], set()
        for p in map(Path, uploaded):
            target = inputs / _unique(p.name, used)
            if p.resolve().is_relative_to(data):
                os.replace(p, target)
                sources.add(p.parent)
            else:
                shutil.copyfile(p, target)
            out.append(target)
        uploads = Path(self.settings.uploads_dir).resolve()
        for folder in sources:
            if folder.resolve().is_relative_to(uploads) and folder.resolve() != uploads:
                try:
                    folder.rmdir()          # only an emptied upload folder
                except OSError:
                    pass
        return out

    # -- reading ------------------------------------------------------------------------------------------
    def get(self, job_id: str) -> Job | None:
        if not valid_job_id(job_id):
            return None
        with self._cond:
            job = self._jobs.get(job_id)
        return job or self._load(self.root / job_id)

    def wait(self, job_id: str, timeout: float) -> Job:
        """The job once finished, or as it is after ``timeout`` seconds. ``KeyError`` for an unknown id."""
        job = self.get(job_id)
        if job is None:
            raise KeyError(job_id)
        with self._cond:
            self._cond.wait_for(lambda: job.state in FINISHED, timeout)
        return job

    def recent(self, limit: int = 20, kinds: tuple[str, ...] | None = None) -> list[Job]:
        """Jobs of this and earlier server starts, newest first (``kinds`` limits to some kinds)."""
        jobs = {j.id: j for j in (self._load(d) for d in self._folders()) if j is not None}
        with self._cond:
            jobs.update(self._jobs)
        found = [j for j in jobs.values() if kinds is None or j.kind in kinds]
        return sorted(found, key=lambda j: j.created, reverse=True)[:limit]

    def download_path(self, job_id: str, name: str) -> Path | None:
        """The file ``name`` of a job's results, only when the job's result lists it and it lies in the job's
        ``wyniki`` folder (or one sub-folder of it); None otherwise."""
        job = self.get(job_id)
        if job is None or not isinstance(name, str) or name not in job.download_names():
            return None
        results = (self.root / job.id / RESULTS).resolve()
        try:
            path = (results / name).resolve()
        except (OSError, ValueError):
            return None
        if not path.is_relative_to(results) or len(path.relative_to(results).parts) > 2 or not path.is_file():
            return None
        return path

    # -- state files --------------------------------------------------------------------------------------
    def _folders(self) -> list[Path]:
        if not self.root.is_dir():
            return []
        return [d for d in self.root.iterdir() if d.is_dir() and valid_job_id(d.name)]

    def _load(self, folder: Path) -> Job | None:
        try:
            data = json.loads((folder / STATE_FILE).read_text(encoding="utf-8"))
            job = Job.from_dict(data, folder)
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if job.id != folder.name:
            return None
        if job.state in ACTIVE and job.id not in self._jobs:      # of a server that stopped before the end
            job.state, job.message, job.interrupted = "failed", INTERRUPTED, True
        return job

    def _save(self, job: Job) -> None:
        with self._save_lock:
            with self._cond:
                text = json.dumps(job.to_dict(), ensure_ascii=False, indent=1)
            job.folder.mkdir(parents=True, exist_ok=True)
            partial = job.folder / f".{STATE_FILE}.{secrets.token_hex(4)}"
            partial.write_text(text, encoding="utf-8")
            for attempt in range(5):        # Windows: a reader may hold the file for a moment
                try:
                    os.replace(partial, job.folder / STATE_FILE)
                    return
                except PermissionError:
                    if attempt == 4:
                        partial.unlink(missing_ok=True)
                        raise
                    time.sleep(0.05)

    def _mark_interrupted(self) -> None:
        for folder in self._folders():
            job = self._load(folder)
            if job is not None and job.interrupted and job.finished is None:
                job.finished = _now()
                self._save(job)

    # -- cleanup ------------------------------------------------------------------------------------------
    def cleanup(self) -> int:
        """Remove run folders by the rule of the module docstring; returns how many were removed."""
        cutoff = _now() - timedelta(days=self.settings.keep_runs_days)
        with self._cond:
            active = {i for i, j in self._jobs.items() if j.state in ACTIVE}
            dated = sorted(((self._created(d), d) for d in self._folders()), key=lambda x: x[0], reverse=True)
            doomed = [d for n, (created, d) in enumerate(dated)
                      if d.name not in active and (n >= self.settings.keep_runs or created < cutoff)]
            for d in doomed:
                self._jobs.pop(d.name, None)
        removed = 0
        for d in doomed:
            shutil.rmtree(d, ignore_errors=True)
            removed += not d.exists()
        self._remove_stale_uploads()
        return removed

    def _cleanup_logged(self) -> None:
        try:
            self.cleanup()
        except Exception:
            log.exception("Cleanup of old runs failed")

    def _created(self, folder: Path) -> datetime:
        job = self._jobs.get(folder.name) or self._load(folder)
        if job is not None:
            return job.created if job.created.tzinfo else job.created.astimezone()
        return datetime.fromtimestamp(folder.stat().st_mtime).astimezone()

    def _remove_stale_uploads(self) -> None:
        uploads = Path(self.settings.uploads_dir)
        if not uploads.is_dir():
            return
        cutoff = time.time() - STALE_UPLOAD.total_seconds()
        for entry in uploads.iterdir():
            try:
                if entry.stat().st_mtime < cutoff:
                    shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
            except OSError:
                pass
