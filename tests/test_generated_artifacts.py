"""Every committed generated artefact is current (`python -m ksr_reports.regenerate --check`, like cog's
check in sqlite-utils), the check compares content and not bytes, and the version-1 fixtures stay frozen."""
from __future__ import annotations

import hashlib
import io
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl

from ksr_reports.regenerate import ARTEFACTS, COMMAND, find_stale, main, same_content

from .conftest import ROOT

V1 = ROOT / "tests" / "fixtures" / "v1"


def test_every_generated_artefact_is_current():
    stale = find_stale(ROOT)
    assert not stale, ("stale generated artefacts:\n" + "\n".join(f"  {s.path}: {s.reason}" for s in stale)
                       + f"\nrun: {COMMAND}")


def test_check_writes_nothing_and_regenerate_makes_a_tree_current(tmp_path, capsys):
    (tmp_path / "docs").mkdir()
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    shutil.copy(ROOT / "docs" / "rollup.md", tmp_path / "docs")  # the indicator section is spliced into it
    orphan = tmp_path / "workbooks" / "samples" / "99" / "LSR_9901011_2025.xlsx"
    orphan.parent.mkdir(parents=True)
    shutil.copy(ROOT / "workbooks" / "templates" / "szablon_LSR.xlsx", orphan)
    old_report = tmp_path / "workbooks" / "templates" / "raport_OLD.docx"
    old_report.parent.mkdir(parents=True)
    shutil.copy(ROOT / "workbooks" / "templates" / "raport_LSR.docx", old_report)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))

    assert main(["--check", "--root", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert COMMAND in out and "docs/cli.md: missing" in out and "docs/rollup.md: missing" not in out
    assert "workbooks/samples/99/LSR_9901011_2025.xlsx: not generated any more" in out
    assert "workbooks/templates/raport_OLD.docx: not generated any more" in out
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before

    assert main(["--root", str(tmp_path)]) == 0
    assert not orphan.exists() and not orphan.parent.exists() and not old_report.exists()
    assert (tmp_path / "workbooks" / "templates" / "raport_KSR.docx").exists()
    assert main(["--check", "--root", str(tmp_path)]) == 0


def _rezip(src: Path, dst: Path, change: dict[str, bytes]) -> Path:
    """Copy a zip package with other timestamps and some parts replaced."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            new = zipfile.ZipInfo(info.filename, date_time=(2031, 5, 6, 7, 8, 10))
            zout.writestr(new, change.get(info.filename, zin.read(info.filename)))
    return dst


def test_word_templates_compare_by_parts_without_their_dates(tmp_path):
    committed = ROOT / "workbooks" / "templates" / "raport_LSR.docx"
    with zipfile.ZipFile(committed) as z:
        core, body = z.read("docProps/core.xml"), z.read("word/document.xml")
    redated = core.replace(b"<dcterms:created", b"<dcterms:created x=''", 1)
    redated = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2031-05-06T07:08:10Z", redated)
    assert redated != core
    assert same_content(committed, _rezip(committed, tmp_path / "dated.docx", {"docProps/core.xml": redated}))
    changed = body.replace(b"</w:body>", b"<w:p/></w:body>")
    assert not same_content(committed, _rezip(committed, tmp_path / "body.docx", {"word/document.xml": changed}))
    retitled = core.replace(b"</dc:title>", b" X</dc:title>")
    assert not same_content(committed, _rezip(committed, tmp_path / "title.docx", {"docProps/core.xml": retitled}))
    (tmp_path / "broken.docx").write_bytes(b"not a zip")
    assert not same_content(tmp_path / "broken.docx", committed)


def test_frozen_v1_fixtures_are_never_regenerated():
    assert not any(a.path.startswith("tests/") for a in ARTEFACTS)
    sums = [line.split("  ", 1) for line in (V1 / "SHA256SUMS").read_text().splitlines()]
    assert len(sums) == 6
    for digest, name in sums:
        assert hashlib.sha256((V1 / name).read_bytes()).hexdigest() == digest, \
            f"tests/fixtures/v1/{name} changed: these files stand for files in the field; restore it from git"


def test_v1_fixtures_say_template_1_0_and_rollup_format_1():
    # literal sheet names on purpose: they are what these historical files hold, whatever the spec says now
    for path in sorted((V1 / "lsr").glob("*.xlsx")):
        wb = openpyxl.load_workbook(io.BytesIO(path.read_bytes()), read_only=True)
        assert wb["_meta"]["B2"].value == "1.0", path.name
    wb = openpyxl.load_workbook(io.BytesIO((V1 / "RSR_04_2025_v1.xlsx").read_bytes()), read_only=True)
    meta = {row[0]: row[1] for row in wb["_rollup_meta"].iter_rows(values_only=True)}
    assert (meta["kind"], meta["format_version"], meta["level"], meta["region"], meta["lsr_count"]) == \
        ("KSR-ROLLUP", "1", "region", "04", "4")
