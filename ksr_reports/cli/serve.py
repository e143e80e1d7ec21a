"""``ksr serve``: the local page (issue 15) – a web server on this computer and the browser opened on it.

Serves ``web.create_app`` with waitress (pure Python, the same on Windows). On loopback (the default) only
this computer can reach the page; any other address offers it on the network, so a Polish warning is
printed and an access token (``KSR_SERVE_TOKEN`` or a generated one) is required on the page. Ctrl+C stops
the server and the job queue cleanly.
"""
from __future__ import annotations

import errno
import logging
import os
import secrets
import socket
import sys
from pathlib import Path

import click

from .options import Number

TOKEN_ENV = "KSR_SERVE_TOKEN"
TOKEN_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"     # nothing to mistake when typed from a printout
THREADS = 4
NETWORK_DATA_SUBDIR = "strona_w_sieci"    # the check-only page offered on a network keeps its files apart
# Offered on a network, before the access token is even checked waitress keeps each request body on disk: the
# limits are small (a coordinator checks a file or two) and the margin over them too (beyond it waitress
# refuses in its own words; the page's script stops such an upload before sending it).
NETWORK_LIMITS = {"max_files": 10, "max_request_mb": 60, "max_file_mb": 50}
NETWORK_BODY_MARGIN_MB = 1
NETWORK_CONNECTIONS = 20
# waitress reads a whole request body (into a temporary file) before the page sees it, and refuses one over its
# own limit with an English text; so its limit is far above the page's: up to a gigabyte too much still gets
# the page's Polish 413. The page's script stops an upload over the limit before anything is sent.
BODY_MARGIN_MB = 1024


@click.command()
@click.option("--port", type=Number(1, 65535), default=8765, show_default=False,
              help="Numer portu strony, od 1 do 65535 (domyślnie 8765).")
@click.option("--host", default="127.0.0.1", metavar="ADRES",
              help="Adres, pod którym strona przyjmuje połączenia (domyślnie 127.0.0.1 – tylko ten komputer). "
                   "Inny adres udostępnia stronę w sieci i wymaga hasła dostępu.")
@click.option("--no-browser", is_flag=True, help="Nie otwieraj przeglądarki.")
@click.option("--archive", type=click.Path(dir_okay=False, path_type=Path), metavar="PLIK",
              help="Archiwum przebiegów (baza SQLite); domyślnie archiwum w katalogu danych użytkownika.")
@click.option("--no-archive", is_flag=True, help="Nie korzystaj z archiwum i nie zapisuj w nim przebiegów.")
def serve(port, host, no_browser, archive, no_archive) -> None:
    """Uruchom stronę w przeglądarce: sprawdzanie arkuszy, skrzynka ROPS, zestawienie krajowe.

    Strona działa na tym komputerze, a przesłane pliki go nie opuszczają. Zatrzymanie: Ctrl+C.
    Zmienna środowiskowa KSR_SERVE_TOKEN podaje własne hasło dostępu dla strony udostępnionej w sieci.
    """
    if no_archive and archive is not None:
        raise click.UsageError("Podaj albo --archive, albo --no-archive, nie obie opcje naraz.")
    from ..web.settings import default_data_dir, default_settings, is_loopback

    overrides = {"host": host, "port": port}
    if no_archive or archive is not None:
        overrides["archive"] = None if no_archive else archive
    if not is_loopback(host):
        overrides["access_token"] = _network_warning(host, port)
        # the network page only checks workbooks (web/security.py): its files apart from the office's own page,
        # so both can run at once on one computer without sharing runs
        overrides["data_dir"] = default_data_dir().with_name(NETWORK_DATA_SUBDIR)
        overrides["archive"] = None
        overrides.update(NETWORK_LIMITS)      # a coordinator checks a file or two; strangers must not fill a disk
    settings = default_settings(**overrides)
    _logging()

    from waitress.server import create_server

    # Child processes of the jobs must not inherit the listening socket (a killed server would leave the port
    # taken by orphans): on POSIX they start from a fork server started before any request, as on Windows
    # they start fresh (spawn).
    if os.name == "posix":
        os.environ.setdefault("KSR_START_METHOD", "forkserver")

    from ..web.app import app_stop, create_app
    app = create_app(settings)
    try:
        margin = BODY_MARGIN_MB if settings.loopback else NETWORK_BODY_MARGIN_MB
        server = create_server(app, host=host, port=port, threads=THREADS, ident="",
                               max_request_body_size=(settings.max_request_mb + margin) * 1024 * 1024,
                               connection_limit=100 if settings.loopback else NETWORK_CONNECTIONS)
    except OSError as e:
        app_stop(app)
        raise click.exceptions.Exit(_bind_failed(e, host, port)) from e
    url = f"http://{_url_host(host)}:{port}/"
    click.echo(f"Strona działa pod adresem {url}")
    click.echo(f"Pliki stron i przebiegów: {settings.data_dir}")
    click.echo("Aby zatrzymać stronę, naciśnij Ctrl+C albo zamknij to okno.")
    if not no_browser:
        import webbrowser
        webbrowser.open(url)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        app_stop(app)
    click.echo("Zatrzymano stronę.")


def _network_warning(host: str, port: int) -> str:
    token = os.environ.get(TOKEN_ENV, "").strip() or _new_token()
    click.echo(
        f"Uwaga: strona będzie dostępna w sieci pod adresem {host}, port {port} – także dla innych komputerów. "
        "Udostępniaj ją tylko w sieci biura, za zaporą, nigdy w internecie. Każdy, kto zna hasło dostępu, "
        "może wysyłać pliki do sprawdzenia. W sieci strona tylko sprawdza arkusze: skrzynka ROPS, zestawienie "
        "krajowe i lista przebiegów są dostępne na stronie uruchomionej na tym komputerze (ksr serve bez --host).",
        err=True)
    source = "ze zmiennej KSR_SERVE_TOKEN" if os.environ.get(TOKEN_ENV, "").strip() else "wygenerowane dla tego uruchomienia"
    click.echo(f"Hasło dostępu ({source}): {token}", err=True)
    return token


def _new_token() -> str:
    chars = "".join(secrets.choice(TOKEN_ALPHABET) for _ in range(16))
    return "-".join(chars[i:i + 4] for i in range(0, 16, 4))


def _url_host(host: str) -> str:
    if host in ("0.0.0.0", "::", ""):
        return socket.gethostname() or "localhost"
    return f"[{host}]" if ":" in host else host


def _bind_failed(e: OSError, host: str, port: int) -> int:
    if e.errno in (errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", -1)):
        click.echo(f"Błąd: port {port} jest już zajęty – może strona już działa (otwórz http://{_url_host(host)}:{port}/) "
                   "albo port zajmuje inny program. Uruchom z innym portem, np. ksr serve --port 8766.", err=True)
    elif e.errno in (errno.EACCES, getattr(errno, "WSAEACCES", -1)):
        click.echo(f"Błąd: brak uprawnień do portu {port}. Wybierz port powyżej 1024, np. ksr serve --port 8766.", err=True)
    else:
        click.echo(f"Błąd: nie można uruchomić strony pod adresem {host}, port {port}. Sprawdź adres podany w --host "
                   "(musi to być adres tego komputera).", err=True)
    return 1


def _logging() -> None:
    """Problems of jobs go to this window (for whoever looks after the page); waitress's queue notes do not."""
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
