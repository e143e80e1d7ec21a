"""The page's security layer: response headers, the access token for a page offered on a network, job ids in URLs.

- Every response carries a strict content security policy (only the page's own scripts, styles and images; no
  inline code, no framing, no plugins, forms only to the page itself) and no-sniff / no-referrer headers;
  pages and downloads are not cached (they show or hold a person's results).
- When ``Settings.access_token`` is set (``ksr serve`` on a non-loopback address), every route except the
  login page and the static files redirects to ``/logowanie`` until the token is given; the session cookie is
  HttpOnly and SameSite=Strict, the comparison constant-time.
- On loopback the page answers only requests addressed to this computer by name (127.0.0.1, localhost,
  ::1): a web site that points its own name at 127.0.0.1 (DNS rebinding) cannot read or use the page.
- Job ids reach the views only through the ``job`` URL converter: anything but the shape the queue issues is
  a 404 before a view runs.
"""
from __future__ import annotations

import hmac
from urllib.parse import urlsplit

from flask import Blueprint, Flask, abort, current_app, redirect, render_template, request, session, url_for
from werkzeug.routing import BaseConverter

from .jobs import JOB_ID_RE
from .settings import is_loopback

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
OPEN_ENDPOINTS = {"security.login", "static"}   # reachable without the access token
SESSION_KEY = "dostep"

bp = Blueprint("security", __name__)


class JobIdConverter(BaseConverter):
    """A job id exactly as the queue issues it (``jobs.JOB_ID_RE``); any other text in its place is a 404."""

    regex = JOB_ID_RE.pattern.removeprefix("^").removesuffix("$")


def install(app: Flask, settings) -> None:
    """Headers on every response, the job-id converter, the login page and, with a token, the login gate; on
    loopback, only requests addressed to this computer."""
    if not settings.loopback and not settings.access_token:
        raise ValueError("a page offered on a network address needs an access token (Settings.access_token)")
    app.url_map.converters["job"] = JobIdConverter
    app.register_blueprint(bp)
    app.after_request(_headers)
    if settings.loopback:
        app.before_request(_local_host_only)
    if settings.access_token:
        app.before_request(_gate)
    if not settings.loopback:
        app.before_request(_check_only)


def _local_host_only():
    try:
        name = urlsplit("//" + request.host).hostname or ""
    except ValueError:
        name = ""
    if not is_loopback(name):
        abort(403)


def _headers(response):
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if request.endpoint != "static":
        response.headers["Cache-Control"] = "no-store"
    return response


def _gate():
    if request.endpoint in OPEN_ENDPOINTS or session.get(SESSION_KEY):
        return None
    return redirect(url_for("security.login", dalej=request.full_path if request.method == "GET" else None))


# Offered on a network (a ROPS's "check your file before sending" page for coordinators), the page only
# checks workbooks: the inbox, the ministry's run and the list of earlier runs stay on the office's own
# computer (a loopback page), and a run's pages and files are reachable only for check jobs – one
# coordinator cannot see another's inbox runs, and a check result only by its unguessable address.
LOCAL_ONLY_ENDPOINTS = {"runs.region_form", "runs.region_run", "runs.national_form", "runs.national_run",
                        "runs.earlier"}
JOB_ENDPOINTS = {"runs.progress", "runs.state", "pages.download"}


def _check_only():
    if request.endpoint in LOCAL_ONLY_ENDPOINTS:
        abort(404)
    if request.endpoint in JOB_ENDPOINTS:
        job = current_app.extensions["ksr_jobs"].get((request.view_args or {}).get("job_id", ""))
        if job is None or job.kind != "check":
            abort(404)
    if request.endpoint == "pages.template_file" and (request.view_args or {}).get("name") != "szablon_LSR.xlsx":
        abort(404)


def token_matches(given: str, expected: str) -> bool:
    """Constant-time comparison of the typed token with the server's."""
    return hmac.compare_digest(given.strip().encode("utf-8"), expected.encode("utf-8"))


def local_target(target: str | None) -> str:
    """Where to go after logging in: only a path on this page (never another site), else the start page."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return url_for("pages.home")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return url_for("pages.home")
    return target.rstrip("?") or url_for("pages.home")


@bp.route("/logowanie", methods=["GET", "POST"])
def login():
    """The access-token form (only when the page is offered on a network); without a token, the start page."""
    expected = current_app.config["KSR_SETTINGS"].access_token
    target = local_target(request.values.get("dalej"))
    if not expected or session.get(SESSION_KEY):
        return redirect(target)
    error = None
    if request.method == "POST":
        if token_matches(request.form.get("haslo", ""), expected):
            session.clear()
            session[SESSION_KEY] = True
            return redirect(target, code=303)
        error = "Hasło dostępu jest nieprawidłowe. Sprawdź je u osoby, która uruchomiła stronę, i wpisz ponownie."
    return render_template("logowanie.html", error=error, dalej=target), (401 if error else 200)
