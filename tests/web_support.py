"""Helpers of the local page's tests (``ksr serve``, issue 15): the app on a temporary data folder, CSRF
tokens read from the form as a browser would, hostile uploads built in code, a waitress server in a
thread, and the text a person reads on a rendered page (for the readable-text guard)."""
from __future__ import annotations

import html.parser
import io
import re
import shutil
import threading
import time
import zipfile
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "workbooks" / "samples"
REGION_04 = sorted((SAMPLES / "04").glob("LSR_*.xlsx"))
BROKEN_SHEET, BROKEN_CELL = "Uczestnicy", "B10"      # a count cell; -3 is refused as negative

# every page a GET must answer (the run pages need a job and are tested apart)
PAGES = ("/", "/sprawdz", "/skrzynka", "/ministerstwo", "/przebiegi", "/pomoc")
FORMS = ("/sprawdz", "/skrzynka", "/ministerstwo")
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
JOB_URL = re.compile(r"/przebieg/([A-Za-z0-9_-]+)$")


def make_app(data_dir: Path, **overrides):
    """The page as ``ksr serve`` builds it, CSRF on, no archive unless given."""
    from ksr_reports.web.app import create_app
    from ksr_reports.web.settings import default_settings

    overrides.setdefault("archive", None)
    app = create_app(default_settings(data_dir=Path(data_dir), **overrides))
    STARTED.append(app)
    return app


STARTED: list = []      # apps made by make_app, whose job threads stop_apps() ends


def stop_apps() -> None:
    """Stop the job queue of every app the tests made."""
    from ksr_reports.web.app import app_stop

    while STARTED:
        app_stop(STARTED.pop())


def csrf_token(client, url: str) -> str:
    """The hidden CSRF field of the form on ``url`` (as the browser sends it back)."""
    page = client.get(url)
    assert page.status_code == 200, (url, page.status_code)
    m = re.search(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"', page.text)
    assert m, f"no CSRF field on {url}"
    return m.group(1) or m.group(2)


def upload(paths_or_pairs) -> list[tuple[io.BytesIO, str]]:
    """Files for the test client's multipart form: paths, or (name, bytes) pairs."""
    out = []
    for item in paths_or_pairs:
        if isinstance(item, Path):
            out.append((io.BytesIO(item.read_bytes()), item.name))
        else:
            name, data = item
            out.append((io.BytesIO(data), name))
    return out


def post_form(client, url: str, files=(), token: str | None = None, **fields):
    """POST the form on ``url`` with its CSRF token (or the one given), files in ``pliki``."""
    data = {"csrf_token": csrf_token(client, url) if token is None else token, **fields}
    if files:
        data["pliki"] = upload(files)
    return client.post(url, data=data, content_type="multipart/form-data")


def wait_for_job(client, job_id: str, timeout: float = 120) -> dict:
    """Poll ``/przebieg/<id>/stan`` until the job is done or failed; its last state."""
    end = time.monotonic() + timeout
    while True:
        state = client.get(f"/przebieg/{job_id}/stan").get_json()
        if state["state"] in ("done", "failed") or time.monotonic() > end:
            return state
        time.sleep(0.2)


def job_id_of(response) -> str:
    """The job id of a 303 answer to ``/przebieg/<id>``."""
    assert response.status_code == 303, (response.status_code, page_text(response.text)[:500])
    m = JOB_URL.search(response.headers["Location"])
    assert m, response.headers["Location"]
    return m.group(1)


# --- workbooks and hostile files ---------------------------------------------------------------

def broken_workbook(folder: Path, name: str = "LSR_0404011_2025.xlsx") -> Path:
    """A region 04 sample with a negative count in Uczestnicy!B10 (an error the check shows by cell)."""
    import openpyxl

    wb = openpyxl.load_workbook(SAMPLES / "04" / "LSR_0404011_2025.xlsx")
    wb[BROKEN_SHEET][BROKEN_CELL] = -3
    folder.mkdir(parents=True, exist_ok=True)
    wb.save(folder / name)
    return folder / name


def zip_bomb(size_mb: int = 400) -> bytes:
    """A small .xlsx-looking zip (a sample workbook plus one entry of zeros) that expands to
    ``size_mb`` MB; written in chunks, so the test never holds the expanded data."""
    buf = io.BytesIO(REGION_04[0].read_bytes())
    chunk = b"\0" * 2**20
    with zipfile.ZipFile(buf, "a", compression=zipfile.ZIP_DEFLATED) as zf:
        info = zipfile.ZipInfo("xl/media/image1.bin")
        info.compress_type = zipfile.ZIP_DEFLATED
        with zf.open(info, "w", force_zip64=True) as entry:
            for _ in range(size_mb):
                entry.write(chunk)
    return buf.getvalue()


_ZEROS = bytes(2**20)


class LazyMultipart(io.RawIOBase):
    """A multipart body of ``size`` bytes (one file part of zeros) produced on read, never held whole:
    the 300 MB upload costs no memory even when the server reads it all."""

    BOUNDARY = "----ksr-duzy-plik"

    def __init__(self, size: int, token: str, name: str = "duzy.xlsx"):
        head = (f"--{self.BOUNDARY}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{token}\r\n"
                f"--{self.BOUNDARY}\r\nContent-Disposition: form-data; name=\"pliki\"; filename=\"{name}\"\r\n"
                f"Content-Type: application/octet-stream\r\n\r\n").encode()
        tail = f"\r\n--{self.BOUNDARY}--\r\n".encode()
        self.head, self.tail = head, tail
        self.payload = size - len(head) - len(tail)
        self.length = size
        self.pos = 0
        self.read_bytes = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.pos

    def seek(self, offset: int, whence: int = 0) -> int:
        base = {0: 0, 1: self.pos, 2: self.length}[whence]
        self.pos = max(0, min(self.length, base + offset))
        return self.pos

    def readinto(self, buffer) -> int:
        view, want = memoryview(buffer), min(len(buffer), self.length - self.pos)
        head_end, zeros_end = len(self.head), len(self.head) + self.payload
        done = 0
        while done < want:
            p, room = self.pos, want - done
            if p < head_end:
                seg = self.head[p:p + room]
            elif p < zeros_end:
                seg = _ZEROS[:min(room, zeros_end - p, len(_ZEROS))]
            else:
                seg = self.tail[p - zeros_end:p - zeros_end + room]
            view[done:done + len(seg)] = seg
            done += len(seg)
            self.pos += len(seg)
        self.read_bytes += done
        return done

    @property
    def content_type(self) -> str:
        return f"multipart/form-data; boundary={self.BOUNDARY}"


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in Path(folder).rglob("*") if p.is_file())


# --- a real server --------------------------------------------------------------------------------

@contextmanager
def serve(app):
    """The app under waitress (as ``ksr serve`` runs it) in a thread on a free loopback port; its base URL."""
    from waitress.server import create_server

    from ksr_reports.cli.serve import BODY_MARGIN_MB, THREADS

    limit = (app.config["KSR_SETTINGS"].max_request_mb + BODY_MARGIN_MB) * 2**20      # as ksr serve sets it
    server = create_server(app, host="127.0.0.1", port=0, threads=THREADS, ident="", max_request_body_size=limit)
    thread = threading.Thread(target=server.run, name="waitress-test", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        server.close()
        thread.join(5)


def post_streamed(base_url: str, path: str, body: "LazyMultipart", cookie: str) -> tuple[int, str]:
    """POST ``body`` to the real server in 1 MB pieces (as a browser sends a large upload); the answer's
    status and text. The server may answer and close before the whole body is sent."""
    import http.client
    from urllib.parse import urlsplit

    url = urlsplit(base_url)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=120)
    conn.putrequest("POST", path)
    for name, value in (("Content-Type", body.content_type), ("Content-Length", str(body.length)),
                        ("Cookie", cookie)):
        conn.putheader(name, value)
    conn.endheaders()
    try:
        while chunk := body.read(2**20):
            conn.send(chunk)
    except (BrokenPipeError, ConnectionResetError):
        pass                                  # answered early: read the answer
    response = conn.getresponse()
    return response.status, response.read().decode("utf-8", "replace")


def get_with_cookie(base_url: str, path: str) -> tuple[str, str]:
    """GET a page of the real server: its HTML and the session cookie it set."""
    import urllib.request

    with urllib.request.urlopen(base_url + path, timeout=30) as r:
        return r.read().decode("utf-8"), (r.headers.get("Set-Cookie") or "").split(";")[0]


def chromium_path() -> str | None:
    """Debian's chromium (Playwright cannot download its own browsers here)."""
    found = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    return found


# --- what a person reads on a page ------------------------------------------------------------------

BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "label", "button", "a", "option", "div",
          "dt", "dd", "summary", "legend", "caption", "title", "section", "header", "footer", "nav", "main",
          "form", "fieldset", "table", "tr", "ul", "ol", "dl", "details", "figcaption", "span", "strong", "br",
          "pre", "output", "select"}
INLINE_JOIN = {"span", "strong", "em", "b", "i", "code", "kbd", "abbr", "small", "a", "time", "output", "mark"}
HIDDEN = {"script", "style", "template", "noscript"}
READ_ATTRS = ("title", "alt", "aria-label", "placeholder", "aria-description")
LITERAL_CLASSES = {"path"}      # what a person must see verbatim (the data folder on the help page): tag "literal"


class _PageText(html.parser.HTMLParser):
    """Visible text of a page in reading blocks (a paragraph, a cell, a button …) and the attributes a
    screen reader or a tooltip reads; ``<pre>`` line by line."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []       # (element, text)
        self.stack: list[str] = []
        self.buf: list[str] = []
        self.skip = 0
        self.pre = 0

    def _flush(self, tag: str) -> None:
        text = "".join(self.buf)
        self.buf = []
        if self.pre:
            for line in text.splitlines():
                if line.strip():
                    self.blocks.append(("pre", line.strip()))
            return
        text = re.sub(r"\s+", " ", text).strip()
        if text:
            self.blocks.append((tag, text))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in HIDDEN:
            self.skip += 1
            return
        if tag not in INLINE_JOIN and tag in BLOCKS:
            self._flush(self.stack[-1] if self.stack else tag)
        if LITERAL_CLASSES & set((attrs.get("class") or "").split()):
            tag = "literal"
        if tag == "pre":
            self.pre += 1
        if tag not in ("br", "input", "img", "meta", "link", "hr", "wbr", "source"):
            self.stack.append(tag)
        for name in READ_ATTRS:
            if attrs.get(name):
                self.blocks.append((f"{tag}[{name}]", attrs[name]))
        if tag == "input" and attrs.get("type") in ("submit", "button", "reset") and attrs.get("value"):
            self.blocks.append((f"{tag}[value]", attrs["value"]))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in HIDDEN:
            self.skip = max(0, self.skip - 1)
            return
        if tag not in INLINE_JOIN and tag in BLOCKS:
            self._flush("literal" if self.stack and self.stack[-1] == "literal" else tag)
        if tag == "pre":
            self.pre = max(0, self.pre - 1)
        if self.stack and self.stack[-1] == "literal":
            tag = "literal"
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        if not self.skip:
            self.buf.append(data)

    def close(self):
        super().close()
        self._flush("body")


def page_blocks(html_text: str) -> list[tuple[str, str]]:
    """(element, text) of what a person reads on the page, in order."""
    parser = _PageText()
    parser.feed(html_text)
    parser.close()
    return parser.blocks


def page_text(html_text: str) -> str:
    """The page's readable text as one string (for assertions)."""
    return "\n".join(text for _, text in page_blocks(html_text))
