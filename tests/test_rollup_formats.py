"""Rollup file formats and version-1 data (issue 13 item 3): a format-1 regional file (the frozen fixture of
tests/fixtures/v1) is read next to a format-2 file; items only template 2.0 asks are "nie raportowano" where
no LSR reported them and "dane z N z M LSR" with a mix, in the rollup workbook and in the national report."""
from __future__ import annotations

import hashlib
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from ksr_reports.errors import KsrError
from ksr_reports.indicators import STAT_KEYS, derive, empty_stats, lsr_stats
from ksr_reports.indicators.model import READABLE_ROLLUP_FORMATS, ROLLUP_FORMAT_VERSION, Rollup, Unit
from ksr_reports.recommendations.config import load_thresholds
from ksr_reports.reports import render_rollup_report
from ksr_reports.reports.rollup import rollup_context
from ksr_reports.rollup import build_rollup, load_rollup, write_rollup
from ksr_reports.rollup.layout import NOT_REPORTED, SUMMARY_SHEET, V2_ONLY
from ksr_reports.validation import validate_file

V1 = Path(__file__).resolve().parent / "fixtures" / "v1"
V1_REGIONAL = V1 / "RSR_04_2025_v1.xlsx"
V1_KEYS_ABSENT = ("lsr.v2", "process.with_plan.f", "followup.followed_up", "volunteers.f", "funding.source.pfron")


def _v2_unit(teryt: str, name: str, with_plan: tuple[int, int] = (6, 4)) -> Unit:
    """Statistics of one LSR that used template 2.0 (values chosen by hand, balances hold)."""
    st = empty_stats()
    people = {"f": 8, "m": 7}
    st.update({"lsr.count": 1, "lsr.v2": 1, "flow.start.f": 5, "flow.entered.f": 3, "flow.start.m": 4,
               "flow.entered.m": 3, "participants.group.long_unemployed.f": 8,
               "participants.group.long_unemployed.m": 7, "staff.fte": 2.5, "staff.fte.role.case_manager": 0.5,
               "lsr.local_monitoring": 1, "lsr.meetings": 4, "partnerships": 2, "partnerships.kis_leads": 1,
               "volunteers.f": 3, "volunteers.m": 2, "funding.total": 1000, "funding.source.pfron": 1000,
               "process.with_plan.f": with_plan[0], "process.with_plan.m": with_plan[1],
               "followup.followed_up": 5, "followup.fu_employed": 3, "followup.fu_unknown": 2})
    for s, v in people.items():
        if f"v2.participants.{s}" in st:
            st[f"v2.participants.{s}"] = v
    if "v2.staff.fte.case_manager" in st:
        st["v2.staff.fte.case_manager"] = 0.5
    sha = hashlib.sha256(teryt.encode()).hexdigest()
    return Unit(teryt, name, "lsr", teryt[:2], "2025", {k: st[k] for k in STAT_KEYS}, source=f"LSR_{teryt}_2025.xlsx",
                sha256=sha, filled_on="2026-01-15",
                texts={"barriers": [{"category": "transport", "description": "Brak dojazdu <z sołectw>",
                                     "support": "Wsparcie RSR & KSR: " + "bardzo długi tekst " * 40}]})


@pytest.fixture(scope="module")
def v2_regional(tmp_path_factory) -> Path:
    """A format-2 regional file of województwo 06 with three LSRs of template 2.0."""
    units = [_v2_unit(f"06020{i}2", f"Lokalna Sieć na rzecz Reintegracji w gminie Próbna {i}") for i in range(1, 4)]
    rollup = Rollup("region", "2025", "06", units, generated_on="2026-01-15")
    return write_rollup(rollup, tmp_path_factory.mktemp("v2") / "RSR_06_2025.xlsx")


def test_format_version_policy():
    assert ROLLUP_FORMAT_VERSION == "2" and READABLE_ROLLUP_FORMATS == ("1", "2")


def test_v1_regional_fixture_is_read_with_missing_keys_zero():
    """The frozen format-1 file: every current key present, the 2.0 keys 0 (so lsr.v2 = 0), and its
    figures equal the statistics of the frozen 1.0 workbooks it was made of."""
    rollup = load_rollup(V1_REGIONAL)
    assert [u.unit_id for u in rollup.lsrs] == ["0402032", "0404011", "0405011", "0463011"]
    for u in rollup.lsrs:
        assert list(u.stats) == list(STAT_KEYS)
        assert all(u.stats[k] == 0 for k in V1_KEYS_ABSENT if k in STAT_KEYS)
        assert u.texts == {}
    header = [c.value for c in next(openpyxl.load_workbook(V1_REGIONAL, read_only=True)["Statystyki"].iter_rows(max_row=1))]
    old_keys = [k for k in STAT_KEYS if k in header]
    assert 200 < len(old_keys) < len(STAT_KEYS)
    direct = {r.lsr_id: lsr_stats(r.data) for r in map(validate_file, sorted((V1 / "lsr").glob("LSR_04*.xlsx")))}
    for u in rollup.lsrs:           # the keys format 1 had: as today's code counts the same 1.0 workbooks
        assert {k: direct[u.unit_id][k] for k in old_keys} == {k: u.stats[k] for k in old_keys}, u.unit_id
        assert all(u.stats[k] == 0 for k in STAT_KEYS if k not in header)
    assert derive(rollup.totals).get("share.ipr_coverage") is None        # not reported, never 0


def test_v1_and_v2_regional_files_together(v2_regional, tmp_path):
    national = build_rollup([V1_REGIONAL, v2_regional], level="national")
    assert len(national.lsrs) == 7 and national.totals["lsr.v2"] == 3
    by_region = {u.unit_id: u for u in national.units}
    assert by_region["04"].stats["lsr.v2"] == 0 and by_region["06"].stats["lsr.v2"] == 3
    # the national workbook: a format-2 file, "nie raportowano" in the column of 04 only
    out = write_rollup(national, tmp_path / "KSR.xlsx")
    back = load_rollup(out)
    assert back.totals == national.totals
    assert [u.texts for u in back.lsrs if u.region == "06"] == [u.texts for u in national.lsrs if u.region == "06"]
    ws = openpyxl.load_workbook(out)[SUMMARY_SHEET]
    header = next(r for r in ws.iter_rows(values_only=True) if r[0] == "Wskaźnik")
    col04 = next(i for i, h in enumerate(header) if h and h.endswith("\n04"))
    col06 = next(i for i, h in enumerate(header) if h and h.endswith("\n06"))
    rows = {r[0]: r for r in ws.iter_rows(values_only=True) if r[0]}
    label = "Odsetek uczestników z indywidualnym planem (IPD/IPR)"
    if label in rows:                                  # the key of indicators/derive.py (issue 13)
        assert rows[label][col04] == NOT_REPORTED
        assert rows[label][col06] == pytest.approx(30 / 45)
        assert rows[label][1] == pytest.approx(30 / 45)       # total: 2.0 LSRs only, never all seven
    v2_rows = [r for r in ws.iter_rows(values_only=True) if NOT_REPORTED in r]
    assert v2_rows and all(r[col06] != NOT_REPORTED for r in v2_rows)
    assert not any(r[col04] == 0 for r in v2_rows)
    note = ws.cell(2, 1).value
    assert "dane z 3 z 7 LSR" in note


def _context(rollup):
    return rollup_context(rollup, load_thresholds(None), "progi domyślne modelu")[0]


def test_national_report_says_not_reported_and_from_how_many(v2_regional, tmp_path):
    only_v1 = build_rollup([V1_REGIONAL], level="national")
    ctx = _context(only_v1)
    assert ctx["process"][0]["label"].startswith(NOT_REPORTED)
    assert {r["value"] for r in ctx["network_quality"]} == {NOT_REPORTED}
    assert any(r["amount"] == NOT_REPORTED for r in ctx["funding"])
    assert "nie raportowano" in " ".join(ctx["followup_text"])
    assert "Wyjaśnień ostrzeżeń nie raportowano" in " ".join(ctx["quality_text"])
    ipr = next(r for r in ctx["indicators"] if r["label"].startswith("Uczestnicy z indywidualnym planem"))
    assert ipr["value"] == NOT_REPORTED

    mixed = build_rollup([V1_REGIONAL, v2_regional], level="national")
    ctx = _context(mixed)
    assert "dane z 3 z 7 LSR" in " ".join(ctx["process_text"])
    assert all("dane z 3 z 7 LSR" in r["note"] for r in ctx["network_quality"])
    monitoring = next(r for r in ctx["network_quality"] if r["label"].startswith("Lokalny monitoring"))
    assert monitoring["value"] == "3 z 3 LSR"
    ipr = next(r for r in ctx["indicators"] if r["label"].startswith("Uczestnicy z indywidualnym planem"))
    assert ipr["value"] == "66,7% (dane z 3 z 7 LSR)"
    plan = ctx["process"][0]
    assert plan["total"] == "30" and plan["share"] == "66,7%"       # 30 of the 45 participants of 2.0 LSRs
    pfron = next(r for r in ctx["funding"] if r["label"].startswith("PFRON"))
    assert pfron["label"] == "PFRON (dane z 3 z 7 LSR; udział w finansowaniu tych LSR)"   # share of the 2.0 LSRs
    assert "requests" not in ctx                                   # the national report quotes no texts
    docx = render_rollup_report(mixed, tmp_path / "ksr.docx")
    with zipfile.ZipFile(docx) as z:
        text = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", z.read("word/document.xml").decode()))
    assert "dane z 3 z 7 LSR" in text and "Proces i wyniki reintegracji" in text


def test_regional_report_quotes_requests_escaped_and_shortened(v2_regional, tmp_path):
    rollup = load_rollup(v2_regional)
    ctx = _context(rollup)
    req = ctx["requests"]
    assert len(req) == 3 and req[0]["category"] == "dojazd" and req[0]["lsr"].startswith("LSR w gminie")
    assert len(req[0]["support"]) <= 300 and req[0]["support"].endswith("…")
    out = render_rollup_report(rollup, tmp_path / "rsr.docx")
    with zipfile.ZipFile(out) as z:
        xml = z.read("word/document.xml").decode()
    assert "Brak dojazdu &lt;z sołectw&gt;" in xml and "Wsparcie RSR &amp; KSR" in xml


def _rewrite(src: Path, dst: Path, edit) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(info, edit(info.filename, data))
    return dst


def test_unknown_format_and_unknown_key_refused(tmp_path):
    bumped = tmp_path / "f7.xlsx"
    wb = openpyxl.load_workbook(V1_REGIONAL)
    meta = wb["_rollup_meta"]
    for row in meta.iter_rows():
        if row[0].value == "format_version":
            row[1].value = "7"
    wb.save(bumped)
    with pytest.raises(KsrError, match="czyta formaty w wersjach 1 i 2") as e:
        load_rollup(bumped)
    assert e.value.code == "ROLLUP_FORMAT"
    wb = openpyxl.load_workbook(V1_REGIONAL)
    wb["Statystyki"].cell(1, 20).value = "nieznany.klucz"
    wb.save(tmp_path / "key.xlsx")
    with pytest.raises(KsrError, match="układ kolumn nie odpowiada") as e:
        load_rollup(tmp_path / "key.xlsx")
    assert e.value.code == "ROLLUP_COLUMNS"


def test_edited_text_in_a_format_2_file_is_refused(v2_regional, tmp_path):
    def edit(name, data):
        return data.replace("Brak dojazdu".encode(), "Brak pociągu".encode()) if name.endswith(".xml") else data
    edited = _rewrite(v2_regional, tmp_path / "edited.xlsx", edit)
    with pytest.raises(KsrError, match="sumą kontrolną"):
        load_rollup(edited)


def test_every_v2_only_row_is_a_v2_key():
    from ksr_reports.indicators import DERIVED
    assert V2_ONLY and all(k in DERIVED or k in STAT_KEYS for k in V2_ONLY)
