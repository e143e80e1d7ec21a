"""The page's routes for everyone: start page, checking a workbook, templates, downloads, help.

Each view reads the form, hands the uploaded files to the job queue (``jobs.Jobs``: the only code that reads
a workbook, always through the library's sandbox) and renders the result; the runs of a ROPS or the ministry
are in ``views_run.py``.
"""
from __future__ import annotations

import secrets
import threading
from pathlib import Path

from flask import Blueprint, abort, current_app, redirect, render_template, request, send_file, url_for

from ..fileutil import is_input_name

bp = Blueprint("pages", __name__)

# The check page answers directly when the check is quick; otherwise (a queue, a large file) it shows the
# progress page at once, so a request never holds one of the server's few threads for long (four waiting
# checks froze every page for 90 s).
CHECK_WAIT_SECONDS = 5
MAX_WAITING = 20                # jobs waiting in the queue; beyond it new work is refused for a moment
BUSY = ("Strona ma teraz w kolejce zbyt wiele zadań. Spróbuj ponownie za kilka minut – przesłane pliki nie "
        "zostały zapisane.")
TEMPLATES = {                    # download name → what builds it
    "szablon_LSR.xlsx": "template",
    "rejestr_LSR.xlsx": "register",
}
_template_lock = threading.Lock()


def settings():
    return current_app.config["KSR_SETTINGS"]


def jobs():
    return current_app.extensions["ksr_jobs"]


def save_uploaded() -> list[Path]:
    """The form's files (field ``pliki``) saved into a new upload folder by ``uploads.save_uploads``
    (``UploadError`` propagates). From a chosen folder (names with "/") every file is taken but office lock
    files ("~$…") and hidden ones, as ``ksr run`` reads an inbox: a letter or an .xls sent by mistake is then
    listed among the rejected files with what it is, not silently left out."""
    from .uploads import save_uploads
    files = [f for f in request.files.getlist("pliki") if not _folder_extra(f.filename or "")]
    folder = settings().uploads_dir / secrets.token_urlsafe(12)
    return save_uploads(files, folder, settings())


def save_register() -> Path | None:
    """The optional register of expected LSRs (field ``rejestr``, one .xlsx) saved apart from the inbox files;
    None when none was chosen (``UploadError`` for a wrong one)."""
    from .uploads import save_uploads
    chosen = [f for f in request.files.getlist("rejestr") if (f.filename or "").strip()]
    if not chosen:
        return None
    folder = settings().uploads_dir / secrets.token_urlsafe(12)
    return save_uploads(chosen[:1], folder, settings())[0]


def _folder_extra(name: str) -> bool:
    """A lock file or a hidden file (or one in a hidden folder such as ".git") of a chosen folder."""
    parts = [part for part in name.replace("\\", "/").split("/") if part not in ("", ".", "..")]
    return len(parts) > 1 and not all(is_input_name(part) for part in parts)


@bp.get("/")
def home():
    return render_template("home.html")


@bp.get("/sprawdz")
def check_form():
    return render_template("sprawdz.html")


@bp.post("/sprawdz")
def check():
    """Check the uploaded workbooks and show the findings on this answer (the check job is waited for)."""
    from .uploads import UploadError
    if jobs().waiting() >= MAX_WAITING:
        return render_template("sprawdz.html", error=BUSY), 503
    try:
        uploaded = save_uploaded()
    except UploadError as e:
        return render_template("sprawdz.html", error=str(e)), 400
    job = jobs().submit_check(uploaded)
    job = jobs().wait(job.id, CHECK_WAIT_SECONDS)
    if job.state not in ("done", "failed"):
        return redirect(url_for("runs.progress", job_id=job.id), code=303)
    return render_template("wynik_sprawdzenia.html", job=job)


@bp.get("/pobierz/<job:job_id>/<path:name>")
def download(job_id: str, name: str):
    """A file of one job's results, only from that job's results folder; 404 for anything else."""
    path = jobs().download_path(job_id, name)
    if path is None or not path.is_file():
        abort(404)
    return send_file(path, as_attachment=True, download_name=Path(name).name, max_age=0)


@bp.get("/szablony/<name>")
def template_file(name: str):
    """The blank LSR workbook or the register template, generated once into the data folder."""
    kind = TEMPLATES.get(name)
    if kind is None:
        abort(404)
    return send_file(_generated(name, kind), as_attachment=True, download_name=name, max_age=0)


def _generated(name: str, kind: str) -> Path:
    folder = settings().templates_dir
    path = folder / name
    with _template_lock:
        if not path.is_file():
            folder.mkdir(parents=True, exist_ok=True)
            partial = folder / f".{name}.{secrets.token_hex(4)}.xlsx"
            try:
                if kind == "template":
                    from ..template import build_template
                    build_template(partial)
                else:
                    from ..rollup.register import write_register_template
                    write_register_template(partial)
                partial.replace(path)
            finally:
                partial.unlink(missing_ok=True)
    return path


@bp.get("/pomoc")
def help_page():
    return render_template("pomoc.html")
