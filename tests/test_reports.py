"""Word reports: templates match the generator, content per sample, disclosure, escaping, CLI, LibreOffice."""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner

from ksr_reports.cli import main
from ksr_reports.errors import KsrError
from ksr_reports.recommendations import RULES
from ksr_reports.reports import render_lsr_card, render_rollup_report
from ksr_reports.reports.disclosure import Cell, protect_table
from ksr_reports.reports.template_build import KINDS, TEMPLATE_FILES, build_template
from ksr_reports.samples.generate import pilot_lsrs
from ksr_reports.validation import validate_file

from .conftest import needs_soffice, soffice_convert
from .report_fixtures import national_rollup, region_rollup
from .test_recommendations import EXPECTED

ROOT = Path(__file__).resolve().parent.parent
TAG = re.compile(r"\{\{|\{%|%\}|\}\}")


def _xml_text(data) -> str:
    """All text of the document body, headers and footers (what a reader sees), in order."""
    with zipfile.ZipFile(data) as z:
        parts = sorted(n for n in z.namelist() if re.match(r"word/(document|header\d*|footer\d*)\.xml$", n))
        xml = "".join(z.read(n).decode("utf-8") for n in parts)
    return "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml)) + "|" + " ".join(re.findall(r'w:instr="([^"]*)"', xml))


def _doc_text(path) -> str:
    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs]
    parts += [c.text for t in d.tables for row in t.rows for c in row.cells]
    return "\n".join(parts)


@pytest.fixture(scope="session")
def sample_reports(sample_paths):
    return [validate_file(p) for p in sample_paths]


@pytest.fixture(scope="session")
def cards(sample_reports, tmp_path_factory):
    out = tmp_path_factory.mktemp("cards")
    return [render_lsr_card(r, out / f"karta_{r.lsr_id}.docx", generated_on="01.02.2026") for r in sample_reports]


@pytest.fixture(scope="session")
def national_docx(sample_reports, tmp_path_factory):
    return render_rollup_report(national_rollup(sample_reports), tmp_path_factory.mktemp("ksr") / "KSR.docx")


@pytest.fixture(scope="session")
def region_docx(sample_reports, tmp_path_factory):
    return render_rollup_report(region_rollup(sample_reports, "04"), tmp_path_factory.mktemp("rsr") / "RSR.docx")


@pytest.mark.parametrize("kind", KINDS)
def test_committed_templates_match_generator(kind):
    buf = io.BytesIO()
    build_template(kind).save(buf)
    committed = ROOT / "workbooks" / "templates" / TEMPLATE_FILES[kind]
    assert _xml_text(committed) == _xml_text(buf)


def test_template_uses_word_styles_and_page_numbers():
    d = build_template("national")
    styles = {p.style.name for p in d.paragraphs}
    assert {"Title", "Subtitle", "Heading 1", "Heading 2", "Caption", "List Bullet"} <= styles
    assert "PAGE" in _xml_text(_saved(d)) and "NUMPAGES" in _xml_text(_saved(d))
    assert all(t.style.name == "Light List Accent 1" for t in d.tables)


def _saved(d) -> io.BytesIO:
    buf = io.BytesIO()
    d.save(buf)
    return buf


def _headings(path, level: int = 2) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs if p.style.name == f"Heading {level}"]


def test_card_of_each_sample_shows_its_recommendations_only(cards):
    for lsr, path in zip(pilot_lsrs(), cards):
        text = _doc_text(path)
        shown = {r.id for r in RULES if r.title in _headings(path)}
        assert shown == EXPECTED[lsr.profile], (lsr.teryt, lsr.profile)
        assert not TAG.search(text)
        if lsr.profile == "strong":
            assert "żadna nie wskazała słabości" in text


def test_card_content(cards, sample_reports):
    text = _doc_text(cards[0])
    form = sample_reports[0].data.form
    assert "Karta monitoringowa Lokalnej Sieci na rzecz Reintegracji" in text
    assert form["lsr_name"] in text and "Okres sprawozdawczy:" in text and "1 lutego 2026" in text
    assert "bez ukrywania małych liczebności" in text
    d = docx.Document(str(cards[0]))
    assert len(d.inline_shapes) == 5


def test_regional_report(region_docx, sample_reports):
    text = _doc_text(region_docx)
    assert "Raport regionalny" in text and "Województwo kujawsko-pomorskie" in text
    assert "art. 38 ust. 2 ustawy o statystyce publicznej" in text
    assert re.search(r"W 1 z 4 LSR nie ma interesariusza typu C", text)
    assert "Ranking LSR w województwie" in text and "Nie podano rejestru" in text
    assert not TAG.search(text)
    assert len(docx.Document(str(region_docx)).inline_shapes) == 6
    groups = next(t for t in docx.Document(str(region_docx)).tables if t.rows[0].cells[0].text == "Kategoria")
    cells = [c.text for row in groups.rows[1:] for c in row.cells[1:]]
    assert "<3" in cells and "X" in cells     # four LSRs: small and dominated cells are hidden


def test_national_report_has_reform(national_docx):
    text = _doc_text(national_docx)
    assert "Rekomendacje reformy instytucjonalnej" in text and "Ministerstwo (szczebel centralny" in text
    assert "Porównanie województw" in text and "Raport przedstawia działalność 24 LSR z 6 województw w 2025 r." in text
    assert not TAG.search(text)


def test_disclosure_primary_and_secondary():
    table = [[Cell(2, [2, 0, 0]), Cell(10, [4, 3, 3]), Cell(12, [6, 3, 3])],
             [Cell(20, [16, 2, 2]), Cell(30, [10, 10, 10]), Cell(50, [26, 12, 12])],
             [Cell(22, [18, 2, 2]), Cell(40, [14, 13, 13]), Cell(62, [32, 15, 15])]]
    protect_table(table)
    assert table[0][0].text() == "<3" and table[1][0].text() == "X"   # small count; one LSR over 3/4
    marks = [[c.mark is not None for c in row] for row in table]
    for line in marks + [list(col) for col in zip(*marks)]:
        assert sum(line) != 1          # no line with a single hidden cell


def test_hostile_text_does_not_corrupt_the_document(sample_reports, tmp_path):
    report = sample_reports[0]
    nasty = "Sieć „Ł&ódź” <script>alert('x')</script> \"cudzysłów\" 🚀 \x0b" + " bardzo długa nazwa" * 60
    report.data.form["lsr_name"] = nasty
    report.data.tables["stakeholders"][0]["name"] = nasty
    try:
        path = render_lsr_card(report, tmp_path / "karta.docx")
    finally:
        report.data.form["lsr_name"] = "Lokalna Sieć"
    text = _doc_text(path)
    assert "Sieć „Ł&ódź” <script>alert('x')</script> \"cudzysłów\" 🚀" in text
    with zipfile.ZipFile(path) as z:
        assert "&lt;script&gt;" in z.read("word/document.xml").decode("utf-8")


def test_invalid_workbook_is_refused_with_polish_message(sample_paths, tmp_path):
    bad = tmp_path / "zly.xlsx"
    wb = openpyxl.load_workbook(sample_paths[0])
    ws = wb["Uczestnicy"]
    cell = next(c for row in ws.iter_rows() for c in row if isinstance(c.value, int) and c.value > 0 and c.row > 4)
    cell.value = "dużo"
    wb.save(bad)
    result = CliRunner().invoke(main, ["report", str(bad), "-o", str(tmp_path / "x.docx")])
    assert result.exit_code == 1
    assert "zawiera błędy" in result.output and "„dużo” nie jest liczbą całkowitą" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "x.docx").exists()
    with pytest.raises(KsrError):
        render_lsr_card(validate_file(bad), tmp_path / "y.docx")


def test_cli_report_from_lsr_workbook(sample_paths, tmp_path):
    out = tmp_path / "karta.docx"
    th = tmp_path / "progi.toml"
    th.write_text("[social_hours]\nmin_share = 0.9\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["report", str(sample_paths[0]), "-o", str(out), "--thresholds", str(th)])
    assert result.exit_code == 0, result.output
    assert result.output == f"Zapisano raport: {out}\n"
    text = _doc_text(out)
    assert "Za mały udział reintegracji społecznej w godzinach udziału" in _headings(out) and "90,0%" in text
    assert "progi z pliku progi.toml" in text and str(th.parent) not in text


def test_cli_report_rejects_other_files(tmp_path):
    other = tmp_path / "inny.xlsx"
    openpyxl.Workbook().save(other)
    result = CliRunner().invoke(main, ["report", str(other), "-o", str(tmp_path / "x.docx")])
    assert result.exit_code == 1
    assert "nie jest ani skoroszytem LSR" in result.output
    text = tmp_path / "tekst.xlsx"
    text.write_text("to nie jest excel", encoding="utf-8")
    result = CliRunner().invoke(main, ["report", str(text), "-o", str(tmp_path / "x.docx")])
    assert result.exit_code == 1 and "Nie można odczytać pliku" in result.output


def test_cli_rollup_input_without_rollup_module(tmp_path, monkeypatch):
    import builtins

    path = tmp_path / "zestawienie.xlsx"
    wb = openpyxl.Workbook()
    wb.create_sheet("_rollup_meta")
    wb.save(path)
    real_import = builtins.__import__

    def no_rollup(name, *args, **kwargs):
        if name.endswith("rollup") and args and args[2] and "load_rollup" in (args[2] or ()):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_rollup)
    result = CliRunner().invoke(main, ["report", str(path), "-o", str(tmp_path / "x.docx")])
    assert result.exit_code == 1 and "brak modułu rollup" in result.output


@needs_soffice
def test_reports_convert_to_pdf(cards, region_docx, national_docx, tmp_path, lo_profile):
    for path in (cards[0], region_docx, national_docx):
        pdf = soffice_convert(path, "pdf", tmp_path, lo_profile)
        assert pdf.stat().st_size > 20_000


def test_skipped_listing_pass_changes_nothing(sample_reports, tmp_path, monkeypatch):
    """Reports skip docxtpl's listing pass (tab/newline handling) when no text needs it, and join the
    charts' pretty-printed drawing XML: the documents must read the same as with docxtpl's own way."""
    from docxtpl import DocxTemplate, InlineImage

    from ksr_reports.reports import render

    def drawing_xml(path) -> str:
        with zipfile.ZipFile(path) as z:
            return re.sub(r">\s+<", "><", z.read("word/document.xml").decode("utf-8"))

    rollup = region_rollup(sample_reports, "04")
    fast = render_rollup_report(rollup, tmp_path / "fast.docx", generated_on="01.01.2026")
    monkeypatch.setattr(render._Template, "resolve_listing", DocxTemplate.resolve_listing)
    monkeypatch.setattr(render._Chart, "_insert_image", InlineImage._insert_image)
    plain = render_rollup_report(rollup, tmp_path / "plain.docx", generated_on="01.01.2026")
    assert drawing_xml(fast) == drawing_xml(plain) and "<w:br/>" not in drawing_xml(fast)
    # text with a newline still takes docxtpl's pass: a line break in Word
    rollup.lsrs[0].name = "Sieć\nz podziałem"
    broken = render_rollup_report(rollup, tmp_path / "broken.docx", generated_on="01.01.2026")
    assert "<w:br/>" in drawing_xml(broken)


def test_template_cache_gives_the_same_report(sample_reports, tmp_path, monkeypatch):
    """The patched and compiled report template are cached on disk: a report from a cold cache, from
    the files and from a damaged cache is the same document, and an unwritable cache is no error."""
    from ksr_reports.reports import template_cache

    def body(path) -> bytes:
        with zipfile.ZipFile(path) as z:
            return z.read("word/document.xml")

    rollup = region_rollup(sample_reports, "04")
    monkeypatch.setenv("KSR_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(template_cache, "_MEMORY", {})
    cold = render_rollup_report(rollup, tmp_path / "cold.docx", generated_on="01.01.2026")
    stored = sorted((tmp_path / "cache").iterdir())
    assert any(p.name.startswith("patch-") for p in stored) and any(p.name.startswith("jinja1-") for p in stored)
    monkeypatch.setattr(template_cache, "_MEMORY", {})
    warm = render_rollup_report(rollup, tmp_path / "warm.docx", generated_on="01.01.2026")
    for p in stored:
        p.write_bytes(p.read_bytes()[:-7] + b"damaged")
    monkeypatch.setattr(template_cache, "_MEMORY", {})
    damaged = render_rollup_report(rollup, tmp_path / "damaged.docx", generated_on="01.01.2026")
    blocked = tmp_path / "file"
    blocked.write_text("x")
    monkeypatch.setenv("KSR_CACHE_DIR", str(blocked / "cache"))      # cannot be created
    monkeypatch.setattr(template_cache, "_MEMORY", {})
    unwritable = render_rollup_report(rollup, tmp_path / "unwritable.docx", generated_on="01.01.2026")
    assert body(cold) == body(warm) == body(damaged) == body(unwritable)
