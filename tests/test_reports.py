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
from ksr_reports.indicators import lsr_stats
from ksr_reports.recommendations import RULES, for_lsr
from ksr_reports.reports import render_lsr_card, render_rollup_report
from ksr_reports.reports.disclosure import Cell, protect_table
from ksr_reports.reports.template_build import KINDS, TEMPLATE_FILES, build_template
from ksr_reports.samples.generate import pilot_lsrs
from ksr_reports.validation import validate_file

from .conftest import needs_soffice, soffice_convert
from .report_fixtures import national_rollup, region_rollup
from .test_recommendations import expected_rules

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


def test_card_of_each_sample_shows_its_recommendations_only(cards, sample_reports):
    for lsr, path, report in zip(pilot_lsrs(), cards, sample_reports):
        text = _doc_text(path)
        shown = {r.id for r in RULES if r.title in _headings(path)}
        fired = {r.rule.id for r in for_lsr(lsr_stats(report.data))}
        assert shown == fired and expected_rules(lsr) <= shown, (lsr.teryt, lsr.profile)
        assert not TAG.search(text)
        if not fired:
            assert "żadna nie wskazała słabości" in text


def test_card_content(cards, sample_reports):
    text = _doc_text(cards[0])
    form = sample_reports[0].data.form
    assert "Karta monitoringowa Lokalnej Sieci na rzecz Reintegracji" in text
    assert form["lsr_name"] in text and "Okres sprawozdawczy:" in text and "1 lutego 2026" in text
    assert "bez ukrywania małych liczebności" in text
    d = docx.Document(str(cards[0]))
    assert len(d.inline_shapes) == 6


def test_regional_report(region_docx, sample_reports):
    text = _doc_text(region_docx)
    assert "Raport regionalny" in text and "Województwo kujawsko-pomorskie" in text
    assert "art. 38 ust. 2 ustawy o statystyce publicznej" in text
    assert re.search(r"W 1 z 4 LSR sieć ma za mało interesariuszy typu C", text)
    assert "Ranking LSR w województwie" in text and "Nie podano rejestru" in text
    assert not TAG.search(text)
    assert len(docx.Document(str(region_docx)).inline_shapes) == 7
    groups = next(t for t in docx.Document(str(region_docx)).tables if t.rows[0].cells[0].text == "Kategoria")
    cells = [c.text for row in groups.rows[1:] for c in row.cells[1:]]
    assert "<3" in cells and "X" in cells     # four LSRs: small and dominated cells are hidden


def test_national_report_has_reform(national_docx):
    text = _doc_text(national_docx)
    assert "Rekomendacje reformy instytucjonalnej" in text and "Ministerstwo (szczebel centralny" in text
    assert "Porównanie województw" in text and "Raport przedstawia działalność 24 LSR z 6 województw w 2025 r." in text
    assert not TAG.search(text)


def test_disclosure_note_names_its_legal_ground(region_docx, national_docx):
    """Issue 13: the rule is modelled on art. 38 ust. 2 (which does not govern these reports); the ground is
    RODO art. 9 and the counts-only practice (DESIGN §2, §10)."""
    for path in (region_docx, national_docx):
        text = _doc_text(path)
        assert "art. 9 RODO" in text and "wzorowana na" in text and "tego raportu nie obejmuje" in text
        assert "Zgodnie z art. 38" not in text and "wyłącznie liczby zbiorcze" in text


def test_new_participant_tables_follow_the_small_cell_rule():
    from ksr_reports.indicators import empty_stats
    from ksr_reports.indicators.model import Unit
    from ksr_reports.reports import results

    def unit(diagnosed, improved, outcome_f):
        st = empty_stats()
        st.update({"lsr.count": 1, "spheres.health.diagnosed": diagnosed, "spheres.health.improved": improved,
                   "outcomes.open_market.f": outcome_f, "outcomes.open_market.m": 5})
        return Unit("0402032", "LSR", "lsr", "04", "2025", st)
    lsrs = [unit(10, 2, 1), unit(1, 0, 4), unit(1, 0, 4)]
    health = next(r for r in results.sphere_rows(lsrs, protect=True) if r["label"] == "zdrowotna")
    assert (health["base"], health["improved"], health["share"]) == ("X", "<3", "X")   # dominated; small
    shown = next(r for r in results.sphere_rows(lsrs[:1], protect=False) if r["label"] == "zdrowotna")
    assert (shown["base"], shown["improved"], shown["share"]) == ("10", "2", "20,0%")   # the card: as reported
    text = results.results_text(lsrs, {"share.improved.sphere.health": 2 / 12}, results.sphere_rows(lsrs, True))
    assert "16,7%" not in " ".join(text) and "ukrywa je zasada" in text[1]      # no share of hidden counts
    outcomes = results.outcome_rows(lsrs, protect=True)
    assert outcomes[0]["f"] == "9" and outcomes[-1]["label"] == "Razem"
    cells = [[r["f"], r["m"], r["total"]] for r in outcomes]
    for line in cells + [list(c) for c in zip(*cells)]:
        assert sum(c in ("X", "<3") for c in line) != 1


def test_card_says_whose_staff_holds_the_posts(sample_reports):
    """Issue 13: the card claims only what the staff sheet shows (a partner's case manager is not the KIS's)."""
    from ksr_reports.recommendations.config import load_thresholds
    from ksr_reports.reports.lsr import lsr_context

    report = next(r for r in sample_reports if any(x.get("role") == "case_manager" for x in r.data.tables["staff"]))
    staff = report.data.tables["staff"]
    saved = [x.get("own") for x in staff]
    try:
        for x in staff:
            x["own"] = "no"
        ctx, _ = lsr_context(report.data, report, load_thresholds(None), "progi")
    finally:
        for x, own in zip(staff, saved):
            x["own"] = own
    row = next(r for r in ctx["indicators"] if r["label"].startswith("Stanowisko case managera"))
    assert row["value"] == "TAK – tylko kadra partnera"
    assert not any("zatrudnia KIS" in s for s in ctx["summary"])


def test_disclosure_primary_and_secondary():
    table = [[Cell(2, [2, 0, 0]), Cell(10, [4, 3, 3]), Cell(12, [6, 3, 3])],
             [Cell(20, [16, 2, 2]), Cell(30, [10, 10, 10]), Cell(50, [26, 12, 12])],
             [Cell(22, [18, 2, 2]), Cell(40, [14, 13, 13]), Cell(62, [32, 15, 15])]]
    protect_table(table)
    assert table[0][0].text() == "<3" and table[1][0].text() == "X"   # small count; one LSR over 3/4
    marks = [[c.mark is not None for c in row] for row in table]
    for line in marks + [list(col) for col in zip(*marks)]:
        assert sum(line) != 1          # no line with a single hidden cell


HIDDEN = ("X", "<3")


def _number(text: str) -> float:
    """A printed count back to a number ("1 234" with any space, "–" is zero)."""
    if text == "–":
        return 0
    return float(re.sub(r"\s", "", text).replace(",", "."))


def assert_not_recoverable(cells: list[str], values: list[float], total: str) -> None:
    """A column of unit counts whose total is printed elsewhere: the printed total less the printed visible
    cells must not give one hidden cell (at least two cells hidden, or the total hidden)."""
    if total in HIDDEN:
        return
    hidden = [v for c, v in zip(cells, values) if c in HIDDEN]
    rest = _number(total) - sum(_number(c) for c in cells if c not in HIDDEN)
    assert len(hidden) != 1 and rest not in hidden, (cells, values, total)
    assert rest == sum(hidden)                                    # the printed figures add up


def _tiny(u, people: int = 2):
    """A copy of ``u`` with ``people`` participants (1 woman and the rest men), groups and flows agreeing."""
    import dataclasses

    st = dict(u.stats)
    for k in [k for k in st if k.startswith("participants.group.") or k.startswith(("flow.start.", "flow.entered."))]:
        st[k] = 0
    group = next(k for k in sorted(st) if k.startswith("participants.group.") and k.endswith(".f"))[:-2]
    st.update({"flow.start.f": 1, "flow.entered.m": people - 1, f"{group}.f": 1, f"{group}.m": people - 1})
    return dataclasses.replace(u, stats=st)


def _published_people(ctx) -> tuple[str, dict[str, str], dict[str, str]]:
    total = next(r["value"] for r in ctx["indicators"] if r["label"] == "Uczestnicy w okresie")
    return (total, {r["name"]: r["participants"] for r in ctx["comparison"]},
            {r["name"]: r["people"] for r in ctx["annex"]})


def test_regional_comparison_and_annex_do_not_reveal_a_small_lsr_through_the_total(sample_reports):
    """Review finding: an LSR shown as "<3" was total − the other LSRs; now a second LSR is hidden too, the same one
    in the comparison table and in the annex. Also changes the reports without history (deliberately)."""
    from ksr_reports.indicators.derive import participants
    from ksr_reports.indicators.model import Rollup
    from ksr_reports.recommendations.config import load_thresholds
    from ksr_reports.reports.rollup import rollup_context
    from ksr_reports.reports.sections import cut, short_name
    from .report_fixtures import quality_rows, units_from_reports

    mine = [r for r in sample_reports if r.lsr_id.startswith("04")]
    units = units_from_reports(mine)
    units[0] = _tiny(units[0])
    ctx, _ = rollup_context(Rollup("region", "2025", "04", units, quality_rows(mine)), load_thresholds(None), "progi")
    total, comparison, annex = _published_people(ctx)
    names = [cut(short_name(u.name), 70) for u in units]
    assert comparison[names[0]] == "<3" and total not in HIDDEN
    for shown in (comparison, annex):
        assert_not_recoverable([shown[n] for n in names], [participants(u.stats) for u in units], total)
    assert comparison == annex
    assert "„X” oznacza liczebność ukrytą" in ctx["comparison_intro"] and "„X” – liczebności ukryte" in ctx["annex_intro"]


def test_national_comparison_and_annex_do_not_reveal_a_region_through_the_total(sample_reports):
    """A województwo with one LSR is "X"; the national total is printed, so another województwo is hidden too."""
    from ksr_reports.indicators.derive import participants
    from ksr_reports.indicators.model import REGION_NAMES, Rollup
    from ksr_reports.recommendations.config import load_thresholds
    from ksr_reports.reports.rollup import rollup_context
    from .report_fixtures import quality_rows, units_from_reports

    lone = min(r.lsr_id for r in sample_reports if r.lsr_id.startswith("32"))
    kept = [r for r in sample_reports if not r.lsr_id.startswith("32") or r.lsr_id == lone]
    units = units_from_reports(kept)
    ctx, _ = rollup_context(Rollup("national", "2025", None, units, quality_rows(kept)), load_thresholds(None), "progi")
    total, comparison, annex = _published_people(ctx)
    regions = sorted({u.region for u in units})
    names = [REGION_NAMES[r] for r in regions]
    values = [sum(participants(u.stats) for u in units if u.region == r) for r in regions]
    assert comparison["zachodniopomorskie"] == "X" and total not in HIDDEN
    for shown in (comparison, annex):
        assert_not_recoverable([shown[n] for n in names], values, total)
    assert comparison == annex


def test_not_recoverable_catches_a_single_hidden_cell():
    with pytest.raises(AssertionError):
        assert_not_recoverable(["204", "197", "224", "212", "X"], [204, 197, 224, 212, 87], "924")
    assert_not_recoverable(["204", "X", "224", "212", "X"], [204, 197, 224, 212, 87], "924")
    assert_not_recoverable(["204", "197", "224", "212", "X"], [204, 197, 224, 212, 87], "X")


def test_hostile_text_does_not_corrupt_the_document(sample_reports, tmp_path):
    report = sample_reports[0]
    nasty = "Sieć „Ł&ódź” <script>alert('x')</script> \"cudzysłów\" 🚀 \x0b" + " bardzo długa nazwa" * 60
    report.data.form["lsr_name"] = nasty
    report.data.tables["stakeholders"][0]["name"] = nasty
    barriers = report.data.tables["barriers"]
    barriers.append({"category": "transport", "description": "<b>dojazd</b>", "support": nasty})
    try:
        path = render_lsr_card(report, tmp_path / "karta.docx")
    finally:
        report.data.form["lsr_name"] = "Lokalna Sieć"
        barriers.pop()
    text = _doc_text(path)
    assert "Sieć „Ł&ódź” <script>alert('x')</script> \"cudzysłów\" 🚀" in text
    assert "<b>dojazd</b>" in text           # the support request quoted as text, shortened
    request = next(t for t in docx.Document(str(path)).tables if t.rows[0].cells[-1].text == "Potrzebne wsparcie")
    assert any(r.cells[-1].text.endswith("…") and len(r.cells[-1].text) <= 300 for r in request.rows[1:])
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
    assert "nie jest ani arkuszem sprawozdania LSR" in result.output
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


# --- issue 12: what a reader of the Word reports sees -------------------------------------------------

W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PATHLIKE = re.compile(r"(?:[A-Za-z]:\\|/(?:tmp|home|usr|work|var|Users)/|\\\\|\.\./)")
INTERNAL = ("docs/", "thresholds.toml", "ksr validate", "ksr run", "ksr report", "recommendations.md", "--")


def _all_reports(cards, region_docx, national_docx):
    return {"karta": cards[0], "regionalny": region_docx, "krajowy": national_docx}


def test_no_rule_ids_paths_or_program_names_in_reports(cards, region_docx, national_docx):
    for kind, path in _all_reports(cards, region_docx, national_docx).items():
        text = _doc_text(path)
        ids = [r.id for r in RULES if re.search(rf"\b{r.id}\b", text)]
        assert not ids, (kind, ids)
        assert not PATHLIKE.search(text), (kind, PATHLIKE.search(text).group(0))
        assert not [w for w in INTERNAL if w in text], kind
        assert "progi domyślne modelu" in text and "2025-H" not in text


def test_every_style_and_the_defaults_are_polish(cards, region_docx, national_docx):
    for path in _all_reports(cards, region_docx, national_docx).values():
        with zipfile.ZipFile(path) as z:
            styles = z.read("word/styles.xml").decode("utf-8")
            settings = z.read("word/settings.xml").decode("utf-8")
        langs = re.findall(r'<w:lang [^>]*w:val="([^"]+)"', styles)
        assert langs and set(langs) == {"pl-PL"}
        assert re.search(r'<w:rPrDefault>.*?<w:lang [^>]*w:val="pl-PL"', styles, re.S)
        d = docx.Document(str(path))
        lang_of = {s.name: s.element.rPr.find(f"{W_NS}lang") for s in d.styles
                   if s.element.get(f"{W_NS}type") == "paragraph"}
        assert all(el is not None and el.get(f"{W_NS}val") == "pl-PL" for el in lang_of.values())
        assert '<w:updateFields w:val="true"/>' in settings and "proofState" not in settings


def test_core_properties_describe_the_report_and_its_run(national_docx, cards):
    import datetime as dt

    from ksr_reports.reports.template_build import AUTHOR
    for path in (national_docx, cards[0]):
        cp = docx.Document(str(path)).core_properties
        assert cp.title and cp.subject and cp.author == AUTHOR and cp.language == "pl-PL"
        created = cp.created if cp.created.tzinfo else cp.created.replace(tzinfo=dt.timezone.utc)
        assert created.year != 2013 and abs(created - dt.datetime.now(dt.timezone.utc)) < dt.timedelta(hours=2)
    assert docx.Document(str(national_docx)).core_properties.title.startswith("Raport krajowy Krajowej Sieci")


def test_contents_numbering_glossary_method_and_annex(region_docx, national_docx, cards):
    for path in (region_docx, national_docx, cards[0]):
        d = docx.Document(str(path))
        with zipfile.ZipFile(path) as z:
            body = z.read("word/document.xml").decode("utf-8")
        assert 'TOC \\o "1-1"' in body and "_Toc_ksr_1" in body
        h1 = [p for p in d.paragraphs if p.style.name == "Heading 1"]
        assert not [p.text for p in h1 if re.match(r"\d+\.", p.text)]     # Word numbers them, not the text
        num_pr = d.styles["Heading 1"].element.pPr.numPr
        assert num_pr is not None and num_pr.numId.val == 90
        titles = [p.text for p in h1]
        assert titles[0] == "Wykaz skrótów i oznaczeń źródeł" and "Nota metodologiczna" in titles
        text = _doc_text(path)
        assert "001" in text and "Biała Księga" in text and "Regionalny Ośrodek Polityki Społecznej" in text
    region_titles = [p.text for p in docx.Document(str(region_docx)).paragraphs if p.style.name == "Heading 1"]
    assert region_titles[-1] == "Załącznik. Dane według LSR"
    annex = [t for t in docx.Document(str(national_docx)).tables if t.rows[0].cells[0].text == "Województwo"]
    assert len(annex) >= 2 and len(annex[-1].rows) == 1 + 6          # one row per województwo


def test_every_abbreviation_is_in_the_glossary_before_its_first_use(region_docx, national_docx, cards):
    from ksr_reports.reports.glossary import KNOWN
    for path in (region_docx, national_docx, cards[0]):
        d = docx.Document(str(path))
        paras = [p.text for p in d.paragraphs]
        start = paras.index("Wykaz skrótów i oznaczeń źródeł")
        before = " ".join(paras[:start])
        used = set(re.findall(r"(?<![\w-])([A-ZĄĆĘŁŃÓŚŹŻ]{2,}[a-z]{0,2}[A-Z]*)(?![\w-])", _doc_text(path)))
        used -= {"TAK", "NIE", "II", "X"}
        assert used <= KNOWN, used - KNOWN
        assert not [a for a in KNOWN if re.search(rf"\b{a}\b", before)]


def _table(path, first_header: str):
    return next(t for t in docx.Document(str(path)).tables if t.rows[0].cells[0].text == first_header)


def test_stocks_and_flows_are_not_added_up(region_docx, national_docx, cards):
    for path in (region_docx, national_docx, cards[0]):
        stock, moves = _table(path, "Stan"), _table(path, "Zdarzenie w okresie")
        assert [r.cells[0].text for r in stock.rows[1:]] == ["Uczestnicy na początek okresu",
                                                              "Uczestnicy na koniec okresu"]
        assert "Przyjęci w okresie" in [r.cells[0].text for r in moves.rows[1:]]
        assert not [r for t in (stock, moves) for r in t.rows if r.cells[0].text == "Razem"]
        services = _table(path, "Obszar")
        assert services.rows[0].cells[2].text.startswith("Zapisy uczestników na usługi")


def test_ties_share_a_place_and_are_named_together(national_docx):
    from ksr_reports.reports.ranking import best_and_worst, polish_key, shared_ranks
    assert shared_ranks([1, 0.9, 0.9, 0.9, 0.5]) == ["1", "2–4", "2–4", "2–4", "5"]
    assert shared_ranks([0.5, 0.5]) == ["1–2", "1–2"]
    scored = [(0.9, "lubelskie", "90%"), (0.9, "śląskie", "90%"), (0.5, "opolskie", "50%")]
    sentence = best_and_worst(scored, ("województwo", "województwa"), "Każde z 3 województw")
    assert sentence == ("Najwięcej kryteriów modelu (90%) spełniają jednocześnie województwa lubelskie i śląskie; "
                        "najmniej – województwo opolskie (50%).")
    flat = best_and_worst([(0.9, "a", "90%"), (0.9, "b", "90%")], ("", ""), "Każda z 2 LSR")
    assert flat.startswith("Każda z 2 LSR spełnia tyle samo") and "Najwięcej" not in flat
    assert sorted(["zachodniopomorskie", "śląskie", "pomorskie"], key=polish_key) == [
        "pomorskie", "śląskie", "zachodniopomorskie"]
    ranking = _table(national_docx, "Poz.")
    ranks = [r.cells[0].text for r in ranking.rows[1:]]
    scores = [r.cells[-1].text for r in ranking.rows[1:]]
    for (rank_a, score_a), (rank_b, score_b) in zip(zip(ranks, scores), zip(ranks[1:], scores[1:])):
        assert (rank_a == rank_b) == (score_a == score_b)        # equal scores, equal (shared) place
    summary = _doc_text(national_docx)
    top = [s for s, r in zip(scores, ranks) if r == ranks[0]]
    if len(top) > 1:
        assert "Najwięcej kryteriów modelu spełnia " not in summary and "spełniają jednocześnie" in summary


def test_most_frequent_weakness_lists_every_tied_one():
    from ksr_reports.recommendations.evaluate import Recommendation
    from ksr_reports.reports.rollup import _weakness_sentence

    def rec(i, n):
        return Recommendation(RULES[i], "", "", [], n, 24)
    assert _weakness_sentence([rec(0, 5), rec(1, 2)]) == (
        "Reguły modelu wskazały 2 rodzaje słabości; najczęstsza: za mało interesariuszy typu C w sieci (w 5 z 24 LSR).")
    tied = _weakness_sentence([rec(0, 3), rec(1, 3), rec(2, 1)])
    assert "najczęstsze, w 3 z 24 LSR każda: za mało interesariuszy typu C w sieci i brak sformalizowanego" in tied
    assert "żadna nie jest najczęstsza" in _weakness_sentence([rec(i, 2) for i in range(5)])
    assert _weakness_sentence([rec(i, 2) for i in range(5)]).startswith("Reguły modelu wskazały 5 rodzajów słabości")


def _stats(**values):
    from collections import defaultdict
    st = defaultdict(float)
    st.update(values)
    return st


@pytest.mark.parametrize("n, people, events, services", [
    (1, "1 osobę", "Odbyło się 1 działanie animacyjne", "Zrealizowano 1 usługę"),
    (2, "2 osoby", "Odbyły się 2 działania animacyjne", "Zrealizowano 2 usługi"),
    (5, "5 osób", "Odbyło się 5 działań animacyjnych", "Zrealizowano 5 usług"),
    (22, "22 osoby", "Odbyły się 22 działania animacyjne", "Zrealizowano 22 usługi"),
])
def test_number_agreement_in_report_sentences(n, people, events, services):
    from ksr_reports.recommendations import load_thresholds
    from ksr_reports.reports import sections
    from ksr_reports.reports.rollup import _summary
    st = _stats(**{"stakeholders": n, "partnerships": n, "partnerships.formal": n, "animation.events": n,
                   "animation.institutions": n, "services": n, "hours.total": 1.5, "hours.social": n,
                   "services.hours": n})
    d = {"share.type_c": 0.5, "share.social_hours": 0.5, "share.new_profile_hours": 0.1,
         "share.services_type_c_hours": 0.1}
    net = sections.network_text(st, d)[0]
    assert events in net
    formal = {1: "1 formalne", 2: "2 formalne", 5: "5 formalnych", 22: "22 formalne"}[n]
    assert f"w tym {formal}" in net
    hours = sections.services_text(st, d, load_thresholds())
    assert "spędzili w zajęciach 1,5 godziny" in hours[0] and services in hours[1]
    assert {1: "przypadła 1 godzina", 2: "przypadły 2 godziny", 5: "przypadło 5 godzin",
            22: "przypadły 22 godziny"}[n] in hours[0]
    cell = Cell(n)
    rollup = national_rollup([])
    text = _summary(rollup, _stats(), {"share.social_hours": 0.7, "share.time_limited": 0.2}, [[cell] * 3],
                    [], [], [])
    assert f"Wsparciem objęto łącznie {people}" in " ".join(text)


def test_input_table_names_files_and_decisions_in_words(sample_reports, tmp_path):
    rollup = region_rollup(sample_reports, "04")
    rollup.quality += [
        {"file": "/tmp/skrzynka/LSR_0602032_2025.xlsx", "path": "/tmp/skrzynka/LSR_0602032_2025.xlsx",
         "kind": "lsr", "lsr_id": "0602032", "period": "2025", "region": "06", "status": "valid",
         "decision": "refused", "errors": 0, "warnings": 0, "note": "ksr validate --region"},
        {"file": "/tmp/skrzynka/kopia.xlsx", "path": "/tmp/skrzynka/kopia.xlsx", "kind": "lsr", "lsr_id": "0404011",
         "period": "2025-H1", "region": "04", "status": "valid", "decision": "refused", "errors": 0, "warnings": 0},
        {"file": "C:\\Skrzynka\\stary.xlsx", "decision": "superseded", "status": "valid", "lsr_id": "0404011"}]
    path = render_rollup_report(rollup, tmp_path / "RSR.docx")
    rows = {r.cells[0].text: r.cells[2].text for r in _table(path, "Plik").rows[1:]}
    assert rows["LSR_0602032_2025.xlsx"] == "odrzucony – inne województwo (lubelskie)"
    assert rows["kopia.xlsx"] == "odrzucony – inny okres (I półrocze 2025)"
    assert rows["stary.xlsx"] == "pominięty – zastąpiony nowszym"
    text = _doc_text(path)
    assert not PATHLIKE.search(text) and "ksr validate" not in text and "Sprawdzono 7 plików wejściowych" in text


def test_process_text_caseload_ignores_participants_of_lsrs_without_a_case_manager():
    """The report uses the derived caseload: an LSR with no case-manager FTE adds no participants."""
    from types import SimpleNamespace

    from ksr_reports.indicators import empty_stats
    from ksr_reports.reports.results import process_text
    a = empty_stats() | {"lsr.count": 1, "lsr.v2": 1, "v2.participants.f": 30, "v2.participants.m": 10,
                         "v2.staff.fte.case_manager": 2.0, "v2.participants_with_cm": 40}
    b = empty_stats() | {"lsr.count": 1, "lsr.v2": 1, "v2.participants.f": 50, "v2.participants.m": 50}
    text = " ".join(process_text([SimpleNamespace(stats=a), SimpleNamespace(stats=b)], protect=False))
    assert "przypadało średnio 20,0 uczestnika" in text       # 40 / 2, not (40 + 100) / 2


def test_funding_rows_divide_2_0_lines_by_the_2_0_lsrs_funding():
    """With a mix, PFRON and the alcohol programme are shares of the 2.0 LSRs' funding, the rest of all."""
    from types import SimpleNamespace

    from ksr_reports.indicators import add_stats, empty_stats
    from ksr_reports.lang import pct
    from ksr_reports.reports.network_quality import funding_rows
    v1 = empty_stats() | {"lsr.count": 1, "funding.total": 300000, "funding.source.esf": 300000}
    v2 = empty_stats() | {"lsr.count": 1, "lsr.v2": 1, "funding.total": 100000, "v2.funding.total": 100000,
                          "funding.source.pfron": 25000, "funding.source.esf": 75000}
    lsrs = [SimpleNamespace(stats=v1), SimpleNamespace(stats=v2)]
    rows = funding_rows(add_stats([v1, v2]), lsrs)
    pfron = next(r for r in rows if r["label"].startswith("PFRON"))
    assert pfron["share"] == pct(0.25), pfron           # 25 000 of the 2.0 LSR's 100 000, not of 400 000
    assert "dane z 1 z 2 LSR" in pfron["label"]
    esf = next(r for r in rows if r["label"].startswith("EFS+"))
    assert esf["share"] == pct(375000 / 400000)         # lines both templates ask: of all LSRs
    assert rows[-1]["share"] == pct(1)


@pytest.mark.parametrize("part, clause", [
    (1, "w tym 1 barierę uczestnictwa, która utrudnia uczestnikom udział"),
    (2, "w tym 2 bariery uczestnictwa, które utrudniają uczestnikom udział"),
    (5, "w tym 5 barier uczestnictwa, które utrudniają uczestnikom udział")])
def test_barriers_text_relative_clause_agrees_with_the_number(part, clause):
    from ksr_reports.indicators import empty_stats
    from ksr_reports.reports.texts import barriers_text
    st = empty_stats() | {"barriers": 6, "barriers.category.transport": part}
    assert clause in barriers_text(st)[0]


def test_barriers_text_without_participation_barriers_has_no_w_tym_clause():
    from ksr_reports.indicators import empty_stats
    from ksr_reports.reports.texts import barriers_text
    text = barriers_text(empty_stats() | {"barriers": 3, "barriers.category.financial": 3})[0]
    assert "w tym" not in text and text.startswith("Zgłoszono 3 bariery (001 §1.3.13);")
