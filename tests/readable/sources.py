"""The outputs the guard reads: ``ksr demo``, a mixed inbox's ``ksr run`` (and ``ksr validate``), console help.

Snippets are grouped into output families, one test each:

- ``word``: Word reports and the LSR card (.docx);
- ``rollup``: rollup workbooks (.xlsx written by ``ksr run``, other than feedback copies);
- ``template``: the blank LSR template and the annotated copies (``*_uwagi.xlsx``);
- ``feedback``: feedback texts and run summaries (.txt);
- ``console``: console output of ``ksr --help``, every ``ksr COMMAND --help``, ``ksr run``, ``ksr validate``;
- ``page``: the local page of ``ksr serve`` (every page, a check result, a regional run's result, the error
  and login pages), rendered by Flask's test client.
"""
from __future__ import annotations

import re
from pathlib import Path

from .extract import Snippet, console_snippets, folder_snippets

FAMILIES = ("word", "rollup", "template", "feedback", "console", "page")
PAGE_PREFIX = "strona "      # sources of the local page's texts: "strona /sprawdz", "strona wynik sprawdzenia" …
DEMO_INPUT_DIRS = ("probki", "probki_wczesniejsze_okresy", "skrzynka")   # the demo's generated inputs, the ministry's copies of rollups


def family(snippet: Snippet) -> str:
    """The output family of a snippet, from its source."""
    name = snippet.source.rsplit("/", 1)[-1]
    if snippet.source.startswith(PAGE_PREFIX):
        return "page"
    if snippet.kind == "console":
        return "console"
    if name.endswith(".docx"):
        return "word"
    if name.endswith(".xlsx"):
        return "template" if name.endswith("_uwagi.xlsx") or name.startswith("szablon") else "rollup"
    return "feedback"


def demo_snippets(outdir: Path) -> list[Snippet]:
    """Run ``ksr demo`` into ``outdir`` (about 4 s) and read every output a person opens."""
    from ksr_reports.demo import run_demo

    run_demo(outdir)
    return [_prefixed(s, "demo/") for s in folder_snippets(outdir, skip_dirs=DEMO_INPUT_DIRS)]


def mixed_inbox_snippets(workdir: Path) -> list[Snippet]:
    """Build the mixed inbox (``tests/inbox.py``), run ``ksr run`` and ``ksr validate`` on it, read the
    outputs and the console texts."""
    from click.testing import CliRunner

    from ksr_reports.cli import main

    from ..inbox import make_mixed_inbox

    inbox = make_mixed_inbox(workdir / "skrzynka")
    out = workdir / "wyniki"
    runner = CliRunner()
    snippets = []
    run = runner.invoke(main, ["run", str(inbox), "-o", str(out), "--workers", "1"], prog_name="ksr")
    snippets += console_snippets("ksr run", run.output)
    files = sorted(str(p) for p in inbox.iterdir() if not p.name.startswith("~$"))
    snippets += console_snippets("ksr validate", runner.invoke(main, ["validate", *files], prog_name="ksr").output)
    snippets += [_prefixed(s, "skrzynka-wyniki/") for s in folder_snippets(out)]
    return snippets


def help_snippets() -> list[Snippet]:
    """``ksr --help`` and ``ksr COMMAND --help`` for every command."""
    from click.testing import CliRunner

    from ksr_reports.cli import main

    runner = CliRunner()
    snippets = console_snippets("ksr --help", runner.invoke(main, ["--help"], prog_name="ksr").output)
    for name in sorted(main.commands):
        snippets += console_snippets(f"ksr {name} --help", runner.invoke(main, [name, "--help"], prog_name="ksr").output)
        for sub in sorted(getattr(main.commands[name], "commands", {})):      # commands of a group (ksr archive)
            snippets += console_snippets(f"ksr {name} {sub} --help",
                                         runner.invoke(main, [name, sub, "--help"], prog_name="ksr").output)
    return snippets


FORM_PAGES = ("/sprawdz", "/skrzynka", "/ministerstwo")   # a period code ("2025-H1") is what people type there


def page_snippets(workdir: Path) -> list[Snippet]:
    """The local page's texts: GET every page, a check of a broken and a valid workbook, a regional run of the
    four region 04 samples (progress and result), the earlier runs, the error pages (404, a stale form, too
    large) and the login page of a page offered on a network. Visible text and what screen readers read
    (``tests/web_support.page_blocks``)."""
    from ksr_reports.web.app import app_stop

    from ..web_support import (LazyMultipart, PAGES, REGION_04, broken_workbook, job_id_of, make_app,
                               page_blocks, post_form, wait_for_job)

    app = make_app(workdir / "dane")
    client = app.test_client()
    pages: list[tuple[str, str]] = []          # (source, html)
    try:
        for url in PAGES:
            pages.append((url, client.get(url).text))
        checked = post_form(client, "/sprawdz", [broken_workbook(workdir / "wej"), *REGION_04[1:]])
        pages.append(("wynik sprawdzenia", checked.text))
        job = job_id_of(post_form(client, "/skrzynka", REGION_04, okres="2025", wojewodztwo="04"))
        pages.append(("postęp przebiegu", client.get(f"/przebieg/{job}").text))
        wait_for_job(client, job)
        pages.append(("wynik przebiegu ROPS", client.get(f"/przebieg/{job}").text))
        pages.append(("/przebiegi po przebiegu", client.get("/przebiegi").text))
        pages.append(("błąd 404", client.get("/nie-ma-takiej-strony").text))
        pages.append(("nieaktualny formularz", client.post("/sprawdz", data={"csrf_token": "x"}).text))
        pages.append(("pusty formularz", post_form(client, "/sprawdz", []).text))
        body = LazyMultipart(300 * 2**20, "x")
        pages.append(("za duże pliki", client.post("/sprawdz", input_stream=body, content_type=body.content_type,
                                                    content_length=body.length).text))
        pages.append(("plik nie xlsx", post_form(client, "/sprawdz", [("pismo.docx", b"PK")]).text))
    finally:
        app_stop(app)
    guarded = make_app(workdir / "dane-siec", access_token="haslo-testowe")
    try:
        pages.append(("logowanie", guarded.test_client().get("/logowanie").text))
    finally:
        app_stop(guarded)
    out = []
    for source, html in pages:
        kind = "form" if source in FORM_PAGES else "document"
        out += [Snippet(PAGE_PREFIX + source, f"{tag} {i}", text, "console" if tag == "literal" else kind)
                for i, (tag, text) in enumerate(page_blocks(html), 1)]    # a path a person must see: as on the console
    return out


def literal_words() -> set[str]:
    """What a user types, not reads: command names, option names and choice values of the CLI."""
    import click

    from ksr_reports.cli import main

    groups = [c for c in main.commands.values() if isinstance(c, click.Group)]
    words = {"ksr", *main.commands, *(name for g in groups for name in g.commands)}
    for command in [main, *main.commands.values(), *(c for g in groups for c in g.commands.values())]:
        for param in command.params:
            words |= {o.lstrip("-") for o in param.opts + param.secondary_opts}
            if isinstance(param.type, click.Choice):
                words |= {str(c) for c in param.type.choices}
            if isinstance(param.default, (str, Path)) and str(param.default):
                words.add(str(param.default))      # a default value is what a user would type
    return {w for name in words for w in re.split(r"[-_]", name) if w} | words


def _prefixed(s: Snippet, prefix: str) -> Snippet:
    return Snippet(prefix + s.source, s.location, s.text, s.kind, s.code_column)
