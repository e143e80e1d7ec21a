"""``create_app(settings)``: the Flask application of the local page (issue 15).

Server-rendered Polish pages (Jinja templates in ``templates/``), the page's own CSS and one small script in
``static/`` (no CDN, no build step), CSRF tokens on every form (Flask-WTF), the security layer
(``security.py``) and the job queue (``jobs.Jobs``, one worker thread) that does every piece of work on
uploaded files. Heavy libraries (openpyxl, docx, pandas, the validator) are imported by the jobs when they
run, never at start: the idle server stays small.
"""
from __future__ import annotations

import logging

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.exceptions import HTTPException

from .. import lang
from . import security
from .settings import Settings

log = logging.getLogger(__name__)

MB = 1024 * 1024
CSRF_HOURS = 12        # a form left open over a working day still sends

ERROR_TITLES = {
    400: "Nie udało się przyjąć formularza",
    403: "Brak dostępu",
    404: "Nie ma takiej strony",
    405: "Nie ma takiej strony",
    413: "Przesłane pliki są za duże",
    500: "Wystąpił błąd programu",
}


def create_app(settings: Settings) -> Flask:
    """The application for ``settings``; starts the job queue's worker thread (stopped by ``app_stop``)."""
    from .jobs import Jobs

    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=settings.secret_key,
        MAX_CONTENT_LENGTH=settings.max_request_mb * MB,
        MAX_FORM_PARTS=max(1000, settings.max_files * 2 + 50),   # more files than the limit still get the Polish message
        SESSION_COOKIE_NAME="ksr_sesja",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
        WTF_CSRF_TIME_LIMIT=CSRF_HOURS * 3600,
        WTF_CSRF_SSL_STRICT=False,          # plain http on loopback or the office network; the token is checked
        KSR_SETTINGS=settings,
    )
    from .results import WHOLE_FILE, scope_text
    app.jinja_env.trim_blocks = app.jinja_env.lstrip_blocks = True
    app.jinja_env.globals.update(lang=lang, settings=settings, whole_file=WHOLE_FILE, scope_text=scope_text,
                                 too_large=too_large_message(settings))
    app.jinja_env.filters.update(num=lang.num, period=lang.period, date=lang.date, when=when, first_upper=first_upper)
    CSRFProtect(app)
    security.install(app, settings)

    from . import pages, views_run
    app.register_blueprint(pages.bp)
    app.register_blueprint(views_run.bp)
    _error_pages(app, settings)

    jobs = Jobs(settings)
    jobs.start()
    app.extensions["ksr_jobs"] = jobs
    return app


def too_large_message(settings: Settings) -> str:
    """The limits of one upload in Polish: the 413 page, and the page's script before anything is sent."""
    return (f"Przesłane pliki są za duże: razem można wysłać najwyżej {lang.num(settings.max_request_mb)} MB "
            f"i najwyżej {lang.count(settings.max_files, 'plik', 'pliki', 'plików')} naraz, "
            f"każdy do {lang.num(settings.max_file_mb)} MB. Wyślij mniej plików albo podziel je na kilka razy.")


def when(moment) -> str:
    """A job's time for readers: "3 marca 2026, 14:05" (local time)."""
    if moment is None:
        return lang.DASH
    if getattr(moment, "tzinfo", None) is not None:
        moment = moment.astimezone()
    return f"{lang.date(moment)}, {moment:%H:%M}"


def first_upper(text: str) -> str:
    """The text with its first letter capitalised (Jinja's ``capitalize`` lowercases the rest: "ROPS")."""
    text = str(text or "")
    return text[:1].upper() + text[1:]


def app_stop(app: Flask) -> None:
    """Stop the job queue's worker (``ksr serve`` on Ctrl+C; tests)."""
    jobs = app.extensions.get("ksr_jobs")
    if jobs is not None:
        jobs.stop()


def _error_pages(app: Flask, settings: Settings) -> None:
    def page(code: int, message: str):
        return render_template("blad.html", code=code, title=ERROR_TITLES.get(code, ERROR_TITLES[400]),
                               message=message), code

    @app.errorhandler(CSRFError)
    def csrf_failed(e):
        return page(400, "Formularz wygasł – odśwież stronę i wyślij ponownie.")

    @app.errorhandler(413)
    def too_large(e):
        return page(413, too_large_message(settings))

    @app.errorhandler(404)
    @app.errorhandler(405)
    def not_found(e):
        return page(e.code, "Tej strony albo pliku nie ma. Pliki starszych przebiegów są usuwane po pewnym czasie – "
                         "wróć na stronę główną i wyślij pliki ponownie.")

    @app.errorhandler(400)
    def bad_request(e):
        return page(400, "Formularz dotarł niekompletny. Odśwież stronę i wyślij go ponownie.")

    @app.errorhandler(500)
    def server_error(e):
        return page(500, "Strona nie mogła dokończyć tej czynności. Spróbuj ponownie; jeśli błąd się powtarza, "
                         "zatrzymaj stronę i uruchom ją jeszcze raz.")

    @app.errorhandler(HTTPException)
    def other_http(e):
        return page(e.code or 400, "Nie udało się wykonać tej czynności. Wróć na stronę główną i spróbuj ponownie.")

    @app.errorhandler(Exception)
    def unexpected(e):
        log.exception("Unexpected error on the page")
        return page(500, "Strona nie mogła dokończyć tej czynności. Spróbuj ponownie; jeśli błąd się powtarza, "
                         "zatrzymaj stronę i uruchom ją jeszcze raz.")
