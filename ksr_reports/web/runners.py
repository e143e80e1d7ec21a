"""What each kind of job does (called by the worker of ``jobs.Jobs``, one job at a time).

A runner gets the job, the settings and a progress callback ``(done, total)``; it writes its outputs into
the job's ``wyniki`` folder, sets ``job.result`` (plain data, see ``results``) and returns a short Polish
status. A ``KsrError`` it raises fails the job with its message. The library is imported here, when a job
runs, so the idle server stays small.
"""
from __future__ import annotations

import logging
import os
from functools import partial

from .results import check_result, failed_run_message, failed_run_result, run_result

log = logging.getLogger(__name__)


def _inputs(job) -> list:
    from .jobs import INPUTS

    names = job.params.get("files") or []
    return [job.folder / INPUTS / n for n in names]


def annotate_in_child(reports: list, folder) -> tuple[list[str], list]:
    """``annotate_many`` as the child process runs it: the problems and each report's annotated copy (the
    parent's reports do not see what the child sets on its copies)."""
    from ..validation.annotate import annotate_many

    problems = annotate_many(reports, folder)
    return problems, [r.annotated for r in reports]


def run_check(job, settings, progress) -> str:
    """Validate the uploaded workbooks (in child processes) and write the annotated copies."""
    from ..errors import KsrError
    from ..intake.sandbox import run_isolated
    from ..validation import validate_paths
    from .jobs import RESULTS

    files = _inputs(job)
    progress(0, len(files))
    run = validate_paths(files)
    marked = [r for r in run.files if r.issues and not r.unreadable]
    try:    # openpyxl opens the uploaded workbooks in a child process too, never in the long-running server
        problems, copies = run_isolated(partial(annotate_in_child, folder=job.folder / RESULTS), marked,
                                        crash_message="Nie udało się przygotować kopii arkusza z uwagami.") \
            if marked else ([], [])
        for report, copy in zip(marked, copies):
            report.annotated = copy
    except KsrError as e:
        problems = [str(e)]
    for problem in problems:
        log.warning("Job %s: %s", job.id, problem)
    progress(len(files), len(files))
    job.result = check_result(run)
    return job.result["summary_pl"]


def run_inbox_job(job, settings, progress) -> str:
    """``ksr run`` on the uploaded files: feedback, rollup, report, summary; the feedback zipped."""
    from ..errors import KsrError
    from ..run import run_inbox
    from .jobs import INPUTS, REGISTER, RESULTS

    inbox, outdir = job.folder / INPUTS, job.folder / RESULTS
    register = job.folder / REGISTER / job.params["register"] if job.params.get("register") else None
    try:
        result = run_inbox(inbox, outdir, level=job.kind, period=job.params.get("period"),
                           region=job.params.get("region"), archive=settings.archive, progress=progress,
                           register=register)
    except KsrError as e:
        job.result = failed_run_result(outdir)
        message = failed_run_message(str(e), inbox, outdir).replace(f"{job.folder / REGISTER}{os.sep}", "")
        raise type(e)(message, e.exit_code) from e
    for problem in result.problems:
        log.warning("Job %s: %s", job.id, problem)
    job.result = run_result(result, outdir)
    if result.exit_code:
        return "Przebieg zakończony. Część plików odrzucono – powody są w tabeli decyzji."
    return "Przebieg zakończony. Żadnego pliku nie odrzucono."


RUNNERS = {"check": run_check, "region": run_inbox_job, "national": run_inbox_job}
