"""The page's runs: the ROPS inbox (``/skrzynka``), the ministry (``/ministerstwo``), a run's progress and
results (``/przebieg/<id>``, polled as JSON at ``/przebieg/<id>/stan``) and the earlier runs (``/przebiegi``).

A form is checked here (period, województwo), its files saved by ``uploads.save_uploads`` and the run queued
as a job (``jobs.Jobs.submit_run``, which calls the library's ``run.run_inbox``); the answer is a redirect
to the run's page, which refreshes itself until the job is done.
"""
from __future__ import annotations

import logging

from flask import Blueprint, abort, jsonify, redirect, render_template, request, url_for

from .. import lang
from .jobs import run_form_problem
from .pages import BUSY, MAX_WAITING, jobs, save_register, save_uploaded, settings

log = logging.getLogger(__name__)
bp = Blueprint("runs", __name__)

FORMS = {   # level → (template, Polish name of the page)
    "region": "skrzynka.html",
    "national": "ministerstwo.html",
}
OF_FILES = ("pliku", "plików", "plików")    # "z 1 pliku", "z 4 plików", "z 40 plików"


def voivodeships() -> tuple[tuple[str, str], ...]:
    from ..spec.lists import VOIVODESHIPS
    return VOIVODESHIPS


@bp.get("/skrzynka")
def region_form():
    return render_template("skrzynka.html", form={}, voivodeships=voivodeships())


@bp.post("/skrzynka")
def region_run():
    return _submit("region")


@bp.get("/ministerstwo")
def national_form():
    return render_template("ministerstwo.html", form={})


@bp.post("/ministerstwo")
def national_run():
    return _submit("national")


def _submit(level: str):
    from .uploads import UploadError
    form = {"okres": request.form.get("okres", "").strip(), "wojewodztwo": request.form.get("wojewodztwo", "").strip()}
    extra = {"voivodeships": voivodeships()} if level == "region" else {}
    error = run_form_problem(level, form["okres"] or None, (form["wojewodztwo"] or None) if level == "region" else None)
    if error is None and jobs().waiting() >= MAX_WAITING:
        return render_template(FORMS[level], form=form, error=BUSY, **extra), 503
    register = None
    if error is None:
        try:
            uploaded = save_uploaded()
            register = save_register() if level == "region" else None
        except UploadError as e:
            error = str(e)
    if error is not None:
        return render_template(FORMS[level], form=form, error=error, **extra), 400
    job = jobs().submit_run(uploaded, level=level, period=form["okres"] or None,
                            region=(form["wojewodztwo"] or None) if level == "region" else None, register=register)
    return redirect(url_for("runs.progress", job_id=job.id), code=303)


def _job_or_404(job_id: str):
    job = jobs().get(job_id)
    if job is None:
        abort(404)
    return job


def progress_text(job) -> str:
    """"Sprawdzono 12 z 40 plików" – or what the job is doing before it knows the number of files."""
    if job.state == "waiting":
        return "Czeka w kolejce – poprzedni przebieg jeszcze trwa."
    if job.total:
        return f"Sprawdzono {lang.num(job.done)} z {lang.count(job.total, *OF_FILES)}."
    return job.message or "Trwa przygotowanie plików."


@bp.get("/przebieg/<job:job_id>")
def progress(job_id: str):
    """The run's progress (refreshing itself) while it works; its results when it is done or failed."""
    job = _job_or_404(job_id)
    if job.state in ("waiting", "running"):
        return render_template("postep.html", job=job, text=progress_text(job))
    if job.kind == "check":
        return render_template("wynik_sprawdzenia.html", job=job)
    return render_template("wynik_przebiegu.html", job=job)


@bp.get("/przebieg/<job:job_id>/stan")
def state(job_id: str):
    """The job's state for the page's script: ``{state, done, total, message}``."""
    job = _job_or_404(job_id)
    return jsonify(state=job.state, done=job.done, total=job.total, message=job.message, text=progress_text(job))


@bp.get("/przebiegi")
def earlier():
    """Earlier runs kept in the data folder and, when the archive exists, what it holds."""
    return render_template("przebiegi.html", runs=jobs().recent(), archive=_archive_info())


def _archive_info() -> dict | None:
    path = settings().archive
    if path is None or not path.is_file():
        return None
    from ..archive import Archive
    from ..errors import KsrError
    try:
        with Archive.open(path, timeout=5.0) as archive:
            return archive.info()
    except KsrError as e:
        return {"error": str(e)}
    except Exception:
        log.exception("Archive info failed")
        return {"error": "Nie udało się odczytać archiwum."}
