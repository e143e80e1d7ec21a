"""Routes of the local page (``ksr serve``, issue 15) through Flask's test client, CSRF on as in production.

Every page answers in Polish with the security headers; every form works; hostile uploads (a zip bomb named
.xlsx, 300 MB, 600 files, path-traversal names, files that are not workbooks, an empty form, a missing or
wrong CSRF token, downloads outside a job, unknown job ids) each get a Polish answer, nothing is written
outside the data folder, and the page keeps answering after each. The access token gate for a page offered
on a network. Real-browser tests are in ``test_web_browser.py``.
"""
from __future__ import annotations

import io
import zipfile

import re

import pytest

pytest.importorskip("flask")
pytest.importorskip("ksr_reports.web.app", reason="the local page (ksr_reports.web) is not built yet")

from tests.readable.checks import english, internal_codes   # noqa: E402
from tests.readable.extract import Snippet                    # noqa: E402
from tests.web_support import (BROKEN_CELL, BROKEN_SHEET, CSP, FORMS, PAGES, REGION_04, LazyMultipart,  # noqa: E402
                               broken_workbook, csrf_token, files_under, get_with_cookie, job_id_of, make_app,
                               page_text, post_form, post_streamed, serve, stop_apps, upload, wait_for_job,
                               zip_bomb)

STALE_FORM = "Formularz wygasł"


@pytest.fixture(autouse=True)
def _stop_job_threads():
    yield
    stop_apps()


@pytest.fixture()
def app(tmp_path):
    return make_app(tmp_path / "dane strony ąę")     # CSRF on, as in production


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture()
def data_dir(tmp_path):
    return tmp_path / "dane strony ąę"


def assert_polish(text: str, where: str) -> None:
    """No English words and no internal codes in what a person reads (the readable-text guard's checkers)."""
    snippet = Snippet(f"strona {where}", "tekst", text, "form")
    problems = english([snippet]) + internal_codes([snippet])
    assert not problems, "\n".join(str(p) for p in problems)


def assert_headers(response, where: str) -> None:
    h = response.headers
    assert h.get("Content-Security-Policy") == CSP, where
    assert h.get("X-Frame-Options") == "DENY", where
    assert h.get("X-Content-Type-Options") == "nosniff", where
    assert h.get("Referrer-Policy") == "no-referrer", where


def assert_alive(client) -> None:
    """The page still answers normally (after a hostile request)."""
    r = client.get("/")
    assert r.status_code == 200
    assert "Sprawdź arkusz" in page_text(r.text)


# --- pages and headers ---------------------------------------------------------------------------

@pytest.mark.parametrize("url", PAGES)
def test_every_page_answers_in_polish_with_security_headers(client, url):
    r = client.get(url)
    assert r.status_code == 200, url
    assert r.mimetype == "text/html"
    assert '<html lang="pl"' in r.text
    assert_headers(r, url)
    assert r.headers.get("Cache-Control") == "no-store"
    text = page_text(r.text)
    assert len(text) > 40
    assert_polish(text, url)
    assert "<script>" not in r.text and " style=" not in r.text, "no inline scripts or styles (CSP)"


def test_home_shows_three_tiles_templates_and_help(client):
    text = page_text(client.get("/").text)
    for words in ("Sprawdź arkusz", "Skrzynka ROPS", "Ministerstwo"):
        assert words in text
    html = client.get("/").text
    for href in ('href="/sprawdz"', 'href="/skrzynka"', 'href="/ministerstwo"', 'href="/pomoc"',
                 'href="/szablony/szablon_LSR.xlsx"', 'href="/szablony/rejestr_LSR.xlsx"'):
        assert href in html, href


@pytest.mark.parametrize("url", FORMS)
def test_forms_have_csrf_file_input_and_post_to_themselves(client, url):
    html = client.get(url).text
    assert csrf_token(client, url)
    assert re.search(r'<form[^>]*method="post"', html, re.I)
    assert re.search(r'enctype="multipart/form-data"', html)
    assert re.search(r'<input[^>]*type="file"[^>]*name="pliki"[^>]*multiple|'
                     r'<input[^>]*name="pliki"[^>]*type="file"[^>]*multiple|'
                     r'<input[^>]*multiple[^>]*name="pliki"', html), "a plain multiple file input"
    for tag in re.findall(r"<input[^>]*>|<select[^>]*>", html):
        if 'type="hidden"' in tag or 'type="submit"' in tag:
            continue
        m = re.search(r'id="([^"]+)"', tag)
        assert m and (f'for="{m.group(1)}"' in html or "aria-label" in tag), f"an input without a label: {tag}"


def test_region_form_fields(client):
    html = client.get("/skrzynka").text
    assert 'name="okres"' in html and 'name="wojewodztwo"' in html
    options = re.findall(r'<option[^>]*value="([^"]*)"', html)
    assert options[0] == "" and {"02", "04", "32"} <= set(options) and len(options) == 17
    assert "webkitdirectory" in html, "a second input for a whole folder"
    assert 'name="okres"' in client.get("/ministerstwo").text


@pytest.mark.parametrize("name", ["szablon_LSR.xlsx", "rejestr_LSR.xlsx"])
def test_templates_download_as_workbooks(client, name, tmp_path):
    import openpyxl

    r = client.get(f"/szablony/{name}")
    assert r.status_code == 200
    assert "attachment" in r.headers["Content-Disposition"]
    assert_headers(r, name)
    (tmp_path / name).write_bytes(r.data)
    assert openpyxl.load_workbook(tmp_path / name).sheetnames
    assert client.get(f"/szablony/{name}").data == r.data, "generated once, the same file again"


def test_unknown_page_is_a_polish_404(client):
    r = client.get("/nie-ma-takiej-strony")
    assert r.status_code == 404
    assert_headers(r, "404")
    text = page_text(r.text)
    assert "Nie ma takiej strony" in text, text
    assert_polish(text, "404")


def test_static_files_are_served_with_headers(client):
    html = client.get("/").text
    assets = re.findall(r'(?:href|src)="(/static/[^"]+)"', html)
    assert assets, "styles and scripts are the package's own files"
    for url in assets:
        r = client.get(url)
        assert r.status_code == 200, url
        assert_headers(r, url)
    assert not re.search(r'(?:href|src)="(?:https?:)?//', html), "nothing from another site (offline)"


# --- the check -----------------------------------------------------------------------------------

def test_check_shows_the_cell_of_an_error_and_the_annotated_copy(client, tmp_path):
    bad = broken_workbook(tmp_path / "wej")
    r = post_form(client, "/sprawdz", [bad])
    assert r.status_code == 200
    assert_headers(r, "wynik sprawdzenia")
    assert r.headers.get("Cache-Control") == "no-store"
    text = page_text(r.text)
    assert bad.name in text
    assert BROKEN_SHEET in text and BROKEN_CELL in text
    assert "ujemna" in text and "Wpisz liczbę większą lub równą 0" in text
    assert_polish(text, "wynik sprawdzenia")
    link = re.search(r'href="(/pobierz/[^"]+_uwagi\.xlsx)"', r.text)
    assert link, "a download link for the annotated copy"
    copy = client.get(link.group(1))
    assert copy.status_code == 200 and copy.data[:2] == b"PK"
    assert "attachment" in copy.headers["Content-Disposition"]
    assert_headers(copy, "pobranie")


def test_check_of_a_valid_sample_says_so(client):
    r = post_form(client, "/sprawdz", [REGION_04[0]])
    assert r.status_code == 200
    text = page_text(r.text)
    assert REGION_04[0].name in text
    assert "poprawn" in text.lower() or "bez uwag" in text.lower(), text


def test_check_lists_errors_before_warnings(client, tmp_path):
    bad = broken_workbook(tmp_path / "wej")
    text = page_text(post_form(client, "/sprawdz", [bad, *REGION_04]).text)
    for sample in REGION_04:
        assert sample.name in text
    assert_polish(text, "wynik sprawdzenia")


# --- hostile uploads -----------------------------------------------------------------------------

def test_zip_bomb_named_xlsx_is_refused_by_the_sandbox_with_a_polish_finding(client, data_dir):
    bomb = zip_bomb(400)
    assert len(bomb) < 2 * 2**20          # under 2 MB on the wire, 400 MB unpacked
    r = post_form(client, "/sprawdz", [("LSR_bomba.xlsx", bomb)])
    assert r.status_code == 200
    text = page_text(r.text)
    assert "LSR_bomba.xlsx" in text
    assert "celowo spreparowany plik" in text, text      # the sandbox's pre-flight: size or ratio refused
    assert "Nie można go odczytać" in text or "nieczyteln" in text, text
    assert_polish(text, "bomba")
    assert_alive(client)


def test_300_mb_upload_gets_the_polish_413_page_without_reading_it(client, data_dir):
    body = LazyMultipart(300 * 2**20, csrf_token(client, "/sprawdz"))
    r = client.post("/sprawdz", input_stream=body, content_type=body.content_type,
                    content_length=body.length)
    assert r.status_code == 413
    assert_headers(r, "413")
    text = page_text(r.text)
    assert "Przesłane pliki są za duże" in text, text
    assert_polish(text, "413")
    assert body.read_bytes < 10 * 2**20, "refused from the declared length, not after reading 300 MB"
    assert not [p for p in files_under(data_dir) if p.suffix == ".xlsx" and "szablon" not in p.parent.name]
    assert_alive(client)


def test_300_mb_upload_through_waitress_as_ksr_serve_runs_it_gets_the_polish_page(app, data_dir):
    with serve(app) as base:
        html, cookie = get_with_cookie(base, "/sprawdz")
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)
        status, text = post_streamed(base, "/sprawdz", LazyMultipart(300 * 2**20, token), cookie)
        alive, _ = get_with_cookie(base, "/")
    assert "Sprawdź arkusz" in page_text(alive), "the server keeps answering"
    assert status == 413
    assert "Przesłane pliki są za duże" in page_text(text), text


def test_a_file_over_the_per_file_limit_is_refused_and_nothing_saved(tmp_path):
    app = make_app(tmp_path / "dane", max_file_mb=1)
    client = app.test_client()
    r = post_form(client, "/sprawdz", [REGION_04[0], ("LSR_duzy.xlsx", b"PK" + bytes(2 * 2**20))])
    assert r.status_code in (200, 400, 413)
    text = page_text(r.text)
    assert "LSR_duzy.xlsx" in text, text
    assert not _saved_uploads(tmp_path / "dane")
    assert_alive(client)


def test_600_files_are_too_many_and_nothing_is_saved(client, data_dir):
    small = REGION_04[0].read_bytes()
    r = post_form(client, "/sprawdz", [(f"LSR_{i:03}.xlsx", small) for i in range(600)])
    assert r.status_code in (200, 400, 413)
    text = page_text(r.text)
    assert "500" in text and "600" in text, text        # the limit and how many were sent
    assert_polish(text, "za dużo plików")
    assert not _saved_uploads(data_dir)
    assert_alive(client)


@pytest.mark.parametrize("name", ["../../x.xlsx", "..\\..\\x.xlsx", "/tmp/x.xlsx", "C:\\Windows\\x.xlsx",
                                  "..", "CON.xlsx", "zażółć gęślą jaźń.xlsx"])
def test_path_traversal_names_are_saved_inside_the_job_folder(client, tmp_path, data_dir, name):
    r = post_form(client, "/sprawdz", [(name, REGION_04[0].read_bytes())])
    assert r.status_code in (200, 400)
    outside = [p for p in files_under(tmp_path) if not p.is_relative_to(data_dir) and p.name.endswith("x.xlsx")]
    assert not outside, outside
    saved = _saved_uploads(data_dir)
    for path in saved:
        assert path.resolve().is_relative_to((data_dir / "przebiegi").resolve()), path
        assert ".." not in path.name and "\\" not in path.name and ":" not in path.name
    if name.endswith(".xlsx"):
        assert saved, "a sanitized name is saved, not refused"
    if "zażółć" in name:
        assert any("zażółć" in p.name for p in saved), "Polish letters kept"
        assert "zażółć gęślą jaźń.xlsx" in page_text(r.text)
    assert_alive(client)


def _docx_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


@pytest.mark.parametrize("name, data, reason", [
    ("pismo.docx", None, "dokument programu Word"),
    ("program.exe", b"MZ\x90\x00\x03\x00 to nie jest arkusz", "dane binarne"),
    ("skan.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "obraz JPEG"),
    ("tabela.csv", "Gmina;Uczestnicy\nChełmno;12\nToruń;30\n".encode(), "rozdzielonymi średnikami"),
])
def test_a_file_that_is_not_xlsx_is_named_for_what_it_is_and_the_others_are_checked(client, data_dir, name, data, reason):
    """Any file is accepted; the check says what it is and how to fix it, and a valid workbook sent with it is
    still checked (issue 16: one door, one reason per kind of file)."""
    data = _docx_bytes() if data is None else data
    r = post_form(client, "/sprawdz", [(name, data), REGION_04[0]])
    assert r.status_code == 200, page_text(r.text)[:500]
    text = page_text(r.text)
    assert name in text and reason in text, text
    assert REGION_04[0].name in text and ("poprawn" in text.lower() or "bez uwag" in text.lower()), text
    assert_polish(text.replace(name, "plik"), "nie xlsx")     # the guard knows office file names, not .exe
    assert_alive(client)


def test_an_lsr_workbook_sent_as_xls_is_checked_with_a_note(client, data_dir):
    r = post_form(client, "/sprawdz", [(REGION_04[0].stem + ".xls", REGION_04[0].read_bytes())])
    assert r.status_code == 200
    text = page_text(r.text)
    assert "rozszerzenie .xls" in text and "sprawdził go jak zwykły skoroszyt .xlsx" in text, text
    assert_polish(text, "xls")


@pytest.mark.parametrize("url", FORMS)
def test_an_empty_form_asks_for_a_file(client, data_dir, url):
    r = post_form(client, url, [], okres="")
    assert r.status_code in (200, 400)
    text = page_text(r.text)
    assert "Nie wybrano" in text or "wybierz" in text.lower() or "Wybierz" in text, text
    assert_polish(text, "pusty formularz")
    assert not _saved_uploads(data_dir)
    assert_alive(client)


@pytest.mark.parametrize("token", [None, "", "zly-token"])
@pytest.mark.parametrize("url", FORMS)
def test_a_missing_or_wrong_csrf_token_is_a_polish_400(client, data_dir, url, token):
    data = {"pliki": upload([REGION_04[0]])}
    if token is not None:
        data["csrf_token"] = token
    client.get(url)                      # a session exists, as in a browser that opened the form
    r = client.post(url, data=data, content_type="multipart/form-data")
    assert r.status_code == 400
    assert_headers(r, "400")
    text = page_text(r.text)
    assert STALE_FORM in text, text
    assert_polish(text, "400")
    assert not _saved_uploads(data_dir)
    assert_alive(client)


def test_a_token_from_another_session_is_refused(app, data_dir):
    first, second = app.test_client(), app.test_client()
    token = csrf_token(first, "/sprawdz")
    r = post_form(second, "/sprawdz", [REGION_04[0]], token=token)
    assert r.status_code == 400 and STALE_FORM in page_text(r.text)


def test_a_login_form_without_token_is_refused_too(tmp_path):
    client = make_app(tmp_path / "dane", access_token="sekretne-haslo-2025").test_client()
    r = client.post("/logowanie", data={"token": "sekretne-haslo-2025"})
    assert r.status_code == 400 and STALE_FORM in page_text(r.text)


# --- downloads and job ids -----------------------------------------------------------------------

def _annotated_link(response) -> str:
    m = re.search(r'href="(/pobierz/[^"]+)"', response.text)
    assert m, page_text(response.text)
    return m.group(1)


def test_downloads_only_from_the_own_jobs_results(client, tmp_path):
    first = _annotated_link(post_form(client, "/sprawdz", [broken_workbook(tmp_path / "a")]))
    second = _annotated_link(post_form(client, "/sprawdz", [broken_workbook(tmp_path / "b", "LSR_inny.xlsx")]))
    job_a, name_a = first.split("/")[2:4]
    job_b, name_b = second.split("/")[2:4]
    assert job_a != job_b
    assert client.get(first).status_code == 200 and client.get(second).status_code == 200
    for url in (f"/pobierz/{job_a}/{name_b}", f"/pobierz/{job_b}/{name_a}",
                f"/pobierz/{job_a}/stan.json", f"/pobierz/{job_a}/..%2Fstan.json",
                f"/pobierz/{job_a}/..%2F{job_b}%2Fwyniki%2F{name_b}", f"/pobierz/{job_a}/%2E%2E",
                f"/pobierz/{job_a}/../{job_b}/{name_b}", f"/pobierz/{job_a}/..%5C..%5Cstan.json",
                f"/pobierz/..%2F{job_b}/{name_b}", f"/pobierz/{job_a}/%2Fetc%2Fpasswd"):
        r = client.get(url, follow_redirects=True)     # "//etc" is merged to "/etc" by a redirect, then 404
        assert r.status_code == 404, url
        assert r.data[:2] != b"PK", url
    assert_alive(client)


def test_download_names_are_polish_in_content_disposition(client, tmp_path):
    bad = broken_workbook(tmp_path / "wej", "Sprawozdanie gmina Łąka.xlsx")
    r = client.get(_annotated_link(post_form(client, "/sprawdz", [bad])))
    assert r.status_code == 200
    disposition = r.headers["Content-Disposition"]
    assert disposition.startswith("attachment")
    assert "filename*=UTF-8''" in disposition and "%C5%81%C4%85ka" in disposition, disposition


@pytest.mark.parametrize("url", ["/przebieg/AAAAAAAAAAAAAAAA", "/przebieg/AAAAAAAAAAAAAAAA/stan",
                                 "/przebieg/..%2F..", "/przebieg/a", "/przebieg/%3Cscript%3E",
                                 "/pobierz/AAAAAAAAAAAAAAAA/x.xlsx", "/przebieg/" + "A" * 300])
def test_unknown_job_ids_are_404(client, url):
    r = client.get(url)
    assert r.status_code == 404, url
    assert_headers(r, url)
    assert "<script>" not in r.text


# --- runs: ROPS and the ministry -----------------------------------------------------------------

def test_region_run_from_the_four_samples(client):
    r = post_form(client, "/skrzynka", REGION_04, okres="2025", wojewodztwo="04")
    job = job_id_of(r)
    progress = client.get(f"/przebieg/{job}")
    assert progress.status_code == 200
    assert_headers(progress, "przebieg")
    state = wait_for_job(client, job)
    assert state["state"] == "done", state
    assert set(state) >= {"state", "done", "total", "message"}
    page = client.get(f"/przebieg/{job}")
    assert page.headers.get("Cache-Control") == "no-store"
    text = page_text(page.text)
    for sample in REGION_04:
        assert sample.name in text
    assert_polish(text, "wynik ROPS")
    links = re.findall(r'href="(/pobierz/[^"]+)"', page.text)
    names = {link.rsplit("/", 1)[1] for link in links}
    assert {"informacje_zwrotne.zip", "RSR_04_2025.xlsx", "RSR_04_2025.docx", "podsumowanie.txt"} <= names, names
    for link in links:
        assert client.get(link).status_code == 200, link
    runs = page_text(client.get("/przebiegi").text)
    assert "Skrzynka ROPS" in runs and "zakończony" in runs, runs


def test_a_folder_pick_lists_a_letter_among_the_rejected_and_leaves_out_lock_files(client):
    """From a chosen folder every file is taken but Excel's lock files, as ``ksr run`` reads an inbox."""
    files = [(f"skrzynka/{p.name}", p.read_bytes()) for p in REGION_04]
    files += [("skrzynka/pismo przewodnie.pdf", b"%PDF-1.4\n%\xe2\xe3\n1 0 obj\n"),
              (f"skrzynka/~${REGION_04[0].name}", b"lock")]
    job = job_id_of(post_form(client, "/skrzynka", files, okres="2025", wojewodztwo="04"))
    assert wait_for_job(client, job)["state"] == "done"
    text = page_text(client.get(f"/przebieg/{job}").text)
    assert "pismo przewodnie.pdf" in text and "dokument PDF" in text, text
    assert "~$" not in text
    for sample in REGION_04:
        assert sample.name in text


def test_region_detected_from_the_files(client):
    job = job_id_of(post_form(client, "/skrzynka", REGION_04[:2], okres="", wojewodztwo=""))
    assert wait_for_job(client, job)["state"] == "done"


def test_a_bad_period_is_refused_on_the_form_with_a_polish_message(client, data_dir):
    r = post_form(client, "/skrzynka", REGION_04[:1], okres="rok 2025", wojewodztwo="04")
    assert r.status_code == 400
    text = page_text(r.text)
    assert "„rok 2025”" in text and "niepoprawn" in text.lower(), text
    assert_polish(text, "zły okres")
    assert not _saved_uploads(data_dir)
    assert_alive(client)


def test_ministry_run_from_regional_rollups(client, tmp_path):
    from ksr_reports.run import run_inbox

    rollups = []
    for region in ("04", "06"):
        out = tmp_path / f"rsr{region}"
        run_inbox(SAMPLES_DIR / region, out, level="region", workers=1)
        rollups.append(out / f"RSR_{region}_2025.xlsx")
    job = job_id_of(post_form(client, "/ministerstwo", rollups, okres="2025"))
    state = wait_for_job(client, job)
    assert state["state"] == "done", state
    page = client.get(f"/przebieg/{job}")
    names = {link.rsplit("/", 1)[1] for link in re.findall(r'href="(/pobierz/[^"]+)"', page.text)}
    assert {"KSR_2025.xlsx", "KSR_2025.docx"} <= names, names
    assert_polish(page_text(page.text), "wynik krajowy")


# --- the access token ----------------------------------------------------------------------------

TOKEN = "sekretne-haslo-2025"


def _login_field(html: str) -> str:
    m = re.search(r'<input[^>]*type="password"[^>]*name="([^"]+)"|<input[^>]*name="([^"]+)"[^>]*type="password"',
                  html)
    assert m, "a password field on the login page"
    return m.group(1) or m.group(2)


def test_with_an_access_token_pages_redirect_to_the_login(tmp_path):
    client = make_app(tmp_path / "dane", access_token=TOKEN).test_client()
    for url in (*PAGES, "/szablony/szablon_LSR.xlsx", "/przebieg/AAAAAAAAAAAAAAAA"):
        r = client.get(url)
        assert r.status_code in (302, 303), url
        assert "/logowanie" in r.headers["Location"], url
    login = client.get("/logowanie")
    assert login.status_code == 200
    assert_headers(login, "logowanie")
    assert_polish(page_text(login.text), "logowanie")
    r = client.post("/sprawdz", data={"pliki": upload([REGION_04[0]])},
                    content_type="multipart/form-data")
    assert r.status_code in (302, 303, 400)
    assert not _saved_uploads(tmp_path / "dane")


def test_a_wrong_token_is_refused_and_the_right_one_lets_in(tmp_path):
    client = make_app(tmp_path / "dane", access_token=TOKEN).test_client()
    field = _login_field(client.get("/logowanie").text)
    wrong = client.post("/logowanie", data={field: "zgaduje", "csrf_token": csrf_token(client, "/logowanie")})
    assert wrong.status_code in (200, 400, 401, 403)
    assert_polish(page_text(wrong.text), "złe hasło")
    assert client.get("/").status_code in (302, 303)
    right = client.post("/logowanie", data={field: TOKEN, "csrf_token": csrf_token(client, "/logowanie")})
    assert right.status_code in (302, 303)
    assert "//" not in right.headers["Location"].split("://", 1)[-1]
    assert client.get("/").status_code == 200
    assert client.get("/sprawdz").status_code == 200


def test_the_login_goes_back_only_to_a_page_of_this_site(tmp_path):
    app = make_app(tmp_path / "dane", access_token=TOKEN)
    for target in ("//zly.example.com/", "https://zly.example.com/", "/\\zly.example.com"):
        client = app.test_client()
        field = _login_field(client.get("/logowanie").text)
        r = client.post(f"/logowanie?dalej={target}",
                        data={field: TOKEN, "csrf_token": csrf_token(client, "/logowanie")})
        assert r.status_code in (302, 303)
        assert "zly.example.com" not in r.headers["Location"], target


# --- helpers ---------------------------------------------------------------------------------------

from tests.web_support import SAMPLES as SAMPLES_DIR   # noqa: E402


def _saved_uploads(data_dir) -> list:
    """Workbooks and other uploads saved under the data folder (not the generated templates)."""
    return [p for p in files_under(data_dir)
            if p.suffix.lower() in (".xlsx", ".xls", ".docx", ".exe", ".jpg") and "szablony" not in p.parts
            and not p.name.startswith(("szablon_", "rejestr_"))]


def _logged_in(app):
    client = app.test_client()
    field = _login_field(client.get("/logowanie").text)
    assert client.post("/logowanie", data={field: TOKEN, "csrf_token": csrf_token(client, "/logowanie")}
                       ).status_code in (302, 303)
    return client


def test_offered_on_a_network_the_page_only_checks_workbooks(tmp_path):
    """``ksr serve --host``: a coordinator can check a file and see only that result; the ROPS's inbox, the
    ministry's run, the list of runs and a run's pages and files stay on the office's own (loopback) page."""
    app = make_app(tmp_path / "dane", host="10.1.2.3", access_token=TOKEN)
    client = _logged_in(app)
    home = client.get("/")
    assert home.status_code == 200 and "/sprawdz" in home.text
    for hidden in ("/skrzynka", "/ministerstwo", "/przebiegi", "rejestr_LSR.xlsx"):
        assert hidden not in home.text, hidden
    assert "Strona działa na tym komputerze" not in home.text        # it does not: the office's computer
    assert_polish(page_text(client.get("/pomoc").text), "pomoc w sieci")
    assert str(tmp_path) not in client.get("/pomoc").text              # no folder of the office's computer
    for url in ("/skrzynka", "/ministerstwo", "/przebiegi", "/szablony/rejestr_LSR.xlsx"):
        assert client.get(url).status_code == 404, url
    assert client.post("/skrzynka", data={"csrf_token": csrf_token(client, "/sprawdz")}).status_code == 404
    assert client.get("/szablony/szablon_LSR.xlsx").status_code == 200
    jobs = app.extensions["ksr_jobs"]
    inbox_run = jobs.submit_run(list(REGION_04), level="region", period=None, region=None)
    for url in (f"/przebieg/{inbox_run.id}", f"/przebieg/{inbox_run.id}/stan",
                f"/pobierz/{inbox_run.id}/podsumowanie.txt"):
        assert client.get(url).status_code == 404, url
    check = client.post("/sprawdz", data={"pliki": upload([broken_workbook(tmp_path)]),
                                          "csrf_token": csrf_token(client, "/sprawdz")},
                        content_type="multipart/form-data", follow_redirects=True)
    assert check.status_code == 200 and BROKEN_CELL in check.text


def test_a_full_queue_refuses_new_work_in_polish_and_saves_nothing(app, client, data_dir, monkeypatch):
    """Beyond MAX_WAITING waiting jobs the page says to try again later (review of issue 15: requests must not
    pile up behind a long queue)."""
    from ksr_reports.web.pages import MAX_WAITING

    monkeypatch.setattr(app.extensions["ksr_jobs"], "waiting", lambda: MAX_WAITING)
    for url in ("/sprawdz", "/skrzynka"):
        r = client.post(url, data={"pliki": upload([REGION_04[0]]), "csrf_token": csrf_token(client, url)},
                        content_type="multipart/form-data")
        assert r.status_code == 503 and "Spróbuj ponownie za kilka minut" in r.text, url
        assert_polish(page_text(r.text), "kolejka pełna")
    assert not _saved_uploads(data_dir)


def test_a_refused_form_says_so_in_its_title_and_marks_the_field(client):
    """A screen-reader user hears the error first (title, focus target, the field marked invalid)."""
    r = client.post("/sprawdz", data={"csrf_token": csrf_token(client, "/sprawdz")},
                    content_type="multipart/form-data")
    assert r.status_code == 400
    assert re.search(r"<title>Błąd – Sprawdź arkusz", r.text)
    assert 'data-focus-error' in r.text and 'aria-invalid="true"' in r.text and 'blad"' in r.text


def test_the_inbox_form_offers_the_register_of_expected_lsrs(client):
    form = client.get("/skrzynka").text
    assert 'name="rejestr"' in form and '<label for="rejestr">' in form and "rejestr_LSR.xlsx" in form
