"""The local page in a real browser: headless Chromium from Debian's ``chromium`` package driven by Playwright
for Python (``executable_path``; Playwright cannot download its own browsers here), the app served by waitress
in a thread as ``ksr serve`` does.

A coordinator checks a broken workbook and sees the sheet and cell of the error, then downloads the annotated
copy; the same with the keyboard only; a ROPS runs region 04 from the four samples and downloads the Word
report; the ministry runs from two regional rollups. No page logs a console error (a content-security-policy
violation would). Full-page screenshots go to the test's temporary folder, or to ``KSR_SCREENSHOTS`` when set
(``KSR_SCREENSHOTS=zrzuty pytest tests/test_web_browser.py``); ``docs/img/strona-*.png`` were taken so.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
pytest.importorskip("ksr_reports.web.app", reason="the local page (ksr_reports.web) is not built yet")

from tests.web_support import (BROKEN_CELL, BROKEN_SHEET, REGION_04, SAMPLES, broken_workbook,  # noqa: E402
                               chromium_path, make_app, serve, stop_apps)

CHROMIUM = chromium_path()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (apt-get install chromium)")
RUN_TIMEOUT_MS = 180_000
FILE_INPUT = 'input[type="file"][name="pliki"]:not([webkitdirectory])'


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = Path(os.environ["KSR_SCREENSHOTS"]) if os.environ.get("KSR_SCREENSHOTS") else \
        tmp_path_factory.mktemp("zrzuty")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    app = make_app(tmp_path_factory.mktemp("strona") / "dane strony")
    with serve(app) as url:
        yield url
    stop_apps()


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        try:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True)
        except Exception as e:       # noqa: BLE001 – a browser that cannot start is a skip, with the reason
            pytest.skip(f"chromium did not start under Playwright: {e}")
        yield browser
        browser.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="pl-PL", accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(f"{m.text} ({m.location.get('url')})") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.console_errors = errors
    yield page
    context.close()
    assert not errors, f"console errors in the browser (a CSP violation?): {errors}"


def _submit(page) -> None:
    page.set_default_navigation_timeout(RUN_TIMEOUT_MS)     # a check waits for the queue (one job at a time)
    page.locator("form:has(input[name='pliki']) [type=submit]").first.click()


def test_home_page(page, base_url, shots):
    page.goto(base_url + "/")
    assert page.locator("html").get_attribute("lang") == "pl"
    for tile in ("Sprawdź arkusz", "Skrzynka ROPS", "Ministerstwo"):
        assert page.get_by_role("link", name=tile).first.is_visible(), tile
    page.screenshot(path=shots / "strona-start.png", full_page=True)
    page.get_by_role("link", name="Sprawdź arkusz").first.click()
    assert page.url.endswith("/sprawdz")


def test_coordinator_checks_a_broken_workbook_and_downloads_the_annotated_copy(page, base_url, shots, tmp_path):
    import openpyxl

    bad = broken_workbook(tmp_path / "Moje sprawozdanie", "LSR_0404011_2025 Chełmno.xlsx")
    page.goto(base_url + "/sprawdz")
    page.set_input_files(FILE_INPUT, bad)
    _submit(page)
    page.wait_for_load_state()
    body = page.inner_text("body")
    assert bad.name in body
    assert BROKEN_SHEET in body and BROKEN_CELL in body
    assert "ujemna" in body
    page.screenshot(path=shots / "strona-sprawdzenie.png", full_page=True)
    with page.expect_download() as info:
        page.locator("a[href$='_uwagi.xlsx']").first.click()
    download = info.value
    assert download.suggested_filename.endswith("_uwagi.xlsx")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    wb = openpyxl.load_workbook(saved)
    assert wb.sheetnames[0] == "Uwagi"
    assert wb[BROKEN_SHEET][BROKEN_CELL].comment is not None


def test_the_check_form_works_with_the_keyboard_only(page, base_url, tmp_path):
    bad = broken_workbook(tmp_path / "wej")
    page.goto(base_url + "/sprawdz")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", FILE_INPUT):
            break
    else:
        pytest.fail("the file input cannot be reached with Tab")
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Space")
    chooser.value.set_files(bad)
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.type === 'submit'"):
            break
    else:
        pytest.fail("the send button cannot be reached with Tab")
    with page.expect_navigation(timeout=RUN_TIMEOUT_MS):
        page.keyboard.press("Enter")
    body = page.inner_text("body")
    assert BROKEN_SHEET in body and BROKEN_CELL in body


def _wait_for_results(page, link_suffix: str) -> None:
    """The progress page refreshes itself (or polls) until the results' links appear."""
    page.wait_for_selector(f"a[href$='{link_suffix}']", timeout=RUN_TIMEOUT_MS)
    page.wait_for_load_state()


def test_rops_runs_region_04_and_downloads_the_word_report(page, base_url, shots, tmp_path):
    from docx import Document

    page.goto(base_url + "/skrzynka")
    page.fill("input[name='okres']", "2025")
    page.select_option("select[name='wojewodztwo']", "04")
    page.set_input_files(FILE_INPUT, REGION_04)
    _submit(page)
    page.wait_for_url("**/przebieg/**")
    _wait_for_results(page, "RSR_04_2025.docx")
    body = page.inner_text("body")
    for sample in REGION_04:
        assert sample.name in body
    page.screenshot(path=shots / "strona-wynik-rops.png", full_page=True)
    with page.expect_download() as info:
        page.locator("a[href$='RSR_04_2025.docx']").first.click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    assert saved.suffix == ".docx"
    doc = Document(str(saved))
    assert any("kujawsko-pomorskie" in p.text.lower() or "RSR" in p.text for p in doc.paragraphs)
    page.goto(base_url + "/przebiegi")
    assert page.get_by_role("link", name="Zobacz").first.is_visible()


@pytest.fixture(scope="module")
def rollups(tmp_path_factory) -> list[Path]:
    """Regional rollups of two sample regions, as a ministry receives them."""
    from ksr_reports.run import run_inbox

    work = tmp_path_factory.mktemp("rsr")
    out = []
    for region in ("04", "06"):
        run_inbox(SAMPLES / region, work / region, level="region", workers=1)
        out.append(work / region / f"RSR_{region}_2025.xlsx")
    return out


def test_ministry_runs_from_regional_rollups(page, base_url, shots, rollups, tmp_path):
    from docx import Document

    page.goto(base_url + "/ministerstwo")
    page.fill("input[name='okres']", "2025")
    page.set_input_files(FILE_INPUT, rollups)
    _submit(page)
    page.wait_for_url("**/przebieg/**")
    _wait_for_results(page, "KSR_2025.docx")
    body = page.inner_text("body")
    assert "RSR_04_2025.xlsx" in body and "RSR_06_2025.xlsx" in body
    page.screenshot(path=shots / "strona-wynik-ministerstwo.png", full_page=True)
    with page.expect_download() as info:
        page.locator("a[href$='KSR_2025.docx']").first.click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    assert Document(str(saved)).paragraphs


def test_without_javascript_the_forms_work_and_the_progress_page_refreshes_itself(browser, base_url, tmp_path):
    """JavaScript only enhances (drag and drop, polling): with it off, a check and a run still reach their results."""
    context = browser.new_context(java_script_enabled=False, locale="pl-PL")
    page = context.new_page()
    try:
        page.goto(base_url + "/sprawdz")
        page.set_input_files(FILE_INPUT, broken_workbook(tmp_path / "wej"))
        _submit(page)
        page.wait_for_load_state()
        assert BROKEN_CELL in page.inner_text("body")
        page.goto(base_url + "/skrzynka")
        page.set_input_files(FILE_INPUT, REGION_04[:2])
        _submit(page)
        page.wait_for_url("**/przebieg/**")
        _wait_for_results(page, ".docx")          # a <noscript> refresh, no polling script
    finally:
        context.close()


def test_a_300_mb_upload_gets_a_polish_message_with_and_without_javascript(browser, base_url, tmp_path):
    """With the page's script the browser says so before sending; without it the server's Polish 413 page."""
    big = tmp_path / "duży plik.xlsx"
    with open(big, "wb") as f:              # sparse: 300 MB on the page, almost nothing on the disk
        f.truncate(300 * 2**20)
    for javascript in (True, False):
        context = browser.new_context(java_script_enabled=javascript, locale="pl-PL")
        page = context.new_page()
        try:
            page.goto(base_url + "/sprawdz")
            page.set_input_files(FILE_INPUT, big)
            _submit(page)
            page.wait_for_selector("text=Przesłane pliki są za duże", timeout=60_000)
            assert page.locator("[role=alert]").first.is_visible(), javascript
            if javascript:
                assert page.url.endswith("/sprawdz")
        finally:
            context.close()
    page_ok = browser.new_page()
    page_ok.goto(base_url + "/")
    assert "Sprawdź arkusz" in page_ok.inner_text("body")      # the server keeps answering
    page_ok.close()
