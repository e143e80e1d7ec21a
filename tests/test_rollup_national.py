"""Both routes to the national figures agree: LSR → national == LSR → region → national, exactly."""
from __future__ import annotations

import random
import re
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from ksr_reports.indicators import STAT_KEYS, add_stats
from ksr_reports.indicators.model import REGION_NAMES, Rollup, Unit
from ksr_reports.rollup import build_rollup, load_rollup, write_rollup

DECIMAL_PREFIXES = ("staff.fte", "services.hours", "services.in_kind", "funding.")


def _is_decimal(key: str) -> bool:
    return key.startswith(DECIMAL_PREFIXES) or (key.startswith("services.") and key.endswith(".hours"))


def _regional_files(sample_paths, tmp_path) -> list[Path]:
    """One regional rollup file per region of the samples."""
    by_region: dict[str, list[Path]] = {}
    for p in sample_paths:
        by_region.setdefault(p.parent.name, []).append(p)
    return [write_rollup(build_rollup(ps, level="region"), tmp_path / "rsr" / f"RSR_{code}.xlsx")
            for code, ps in sorted(by_region.items())]


def test_national_from_regional_files_equals_direct(sample_paths, tmp_path):
    regional = _regional_files(sample_paths, tmp_path)
    assert len(regional) == 6
    via_regions = build_rollup(regional, level="national")
    direct = build_rollup(sample_paths, level="national")
    assert len(direct.lsrs) == 24
    assert [(u.unit_id, u.sha256) for u in via_regions.lsrs] == [(u.unit_id, u.sha256) for u in direct.lsrs]
    for a, b in zip(via_regions.lsrs, direct.lsrs):
        assert a.stats == b.stats                      # every stat key of every LSR, exactly
        assert a.texts == b.texts                      # support requests, practices, explanations travel too
    assert via_regions.totals["lsr.v2"] == 24 and any(u.texts for u in via_regions.lsrs)
    assert via_regions.totals == direct.totals
    assert [u.stats for u in via_regions.units] == [u.stats for u in direct.units]
    # a mix of both routes counts every LSR once and reports the duplication
    mixed = build_rollup(regional + sample_paths[:5], level="national")
    assert mixed.totals == direct.totals and len(mixed.lsrs) == 24
    duplicates = [x for x in mixed.lineage if x["via"] and x["decision"] == "duplicate"]
    assert len(duplicates) == 5 and all("policzono raz" in x["note"] for x in duplicates)
    # the national workbook reads back to the same figures
    back = load_rollup(write_rollup(via_regions, tmp_path / "ksr.xlsx"))
    assert back.totals == direct.totals


def _stats_strategy():
    """Random valid statistics of one LSR: counts are ints, FTE/hours/PLN have two decimals."""
    def value(key):
        if key == "lsr.count":
            return st.just(1)
        if _is_decimal(key):
            return st.integers(0, 10**9).map(lambda cents: round(cents / 100, 2))
        return st.integers(0, 5000)
    return st.fixed_dictionaries({k: value(k) for k in STAT_KEYS})


REGIONS = [code for code, _ in REGION_NAMES.items()]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(stats=st.lists(_stats_strategy(), min_size=1, max_size=8), seed=st.integers(0, 2**32),
       data=st.data())
def test_regional_then_national_equals_direct(tmp_path_factory, stats, seed, data):
    regions = data.draw(st.lists(st.sampled_from(REGIONS), min_size=len(stats), max_size=len(stats)))
    units = [Unit(f"{reg}{i:04d}1", f"LSR {i}", "lsr", reg, "2025", s, source=f"LSR_{i}.xlsx",
                  sha256=f"{i:064x}", filled_on="2026-01-10")
             for i, (reg, s) in enumerate(zip(regions, stats))]
    out = tmp_path_factory.mktemp("prop")
    files = []
    for reg in sorted(set(regions)):
        mine = [u for u in units if u.region == reg]
        files.append(write_rollup(Rollup("region", "2025", reg, mine, generated_on="2026-01-10"), out / f"{reg}.xlsx"))
    national = build_rollup(files, level="national")
    shuffled = list(stats)
    random.Random(seed).shuffle(shuffled)
    assert national.totals == add_stats(shuffled)
    assert {u.unit_id: u.stats for u in national.lsrs} == {u.unit_id: u.stats for u in units}


# ---------------------------------------------------------------- the workbook is for people

_KEYS = {k for k in STAT_KEYS if "." in k}
_ENGLISH = {"valid", "invalid", "warnings", "counted", "refused", "unreadable", "file", "path", "status",
            "lsr_id", "source_sha256", "source_file", "filled_on", "region", "period", "name", "lsr"}


def _visible_texts(path: Path) -> dict[str, list[str]]:
    import openpyxl
    wb = openpyxl.load_workbook(path)
    return {ws.title: [str(c.value) for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
            for ws in wb.worksheets if ws.sheet_state == "visible"}


def _check_people_sheets(path: Path, tmp_path: Path) -> None:
    """Visible cells: no machine keys, no English headers, no paths; Statystyki hidden; print setup."""
    import openpyxl
    from ksr_reports.indicators import DERIVED
    texts = _visible_texts(path)
    assert set(texts) == {"Podsumowanie", "Wykresy", "Jakość danych", "Pochodzenie danych"}
    for sheet, cells in texts.items():
        for text in cells:
            tokens = set(re.findall(r"[\w.]+", text))
            assert not tokens & (_KEYS | set(DERIVED) - {"participants", "leavers", "completed"}), (sheet, text)
            assert text.strip() not in _ENGLISH, (sheet, text)
            assert str(tmp_path) not in text and not re.search(r"(^|\s)(/|[A-Za-z]:\\)\w", text), (sheet, text)
            assert not re.search(r"\b20\d\d-H[12]\b", text), (sheet, text)
    wb = openpyxl.load_workbook(path)
    assert wb["Statystyki"].sheet_state == "hidden" and wb["_rollup_meta"].sheet_state == "hidden"
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        setup = ws.page_setup
        assert setup.paperSize == 9 and setup.orientation in ("portrait", "landscape"), ws.title
        # fit to the page width (fitToWidth absent = 1, the default), as many pages down as needed
        assert ws.sheet_properties.pageSetUpPr.fitToPage and (setup.fitToWidth or 1) >= 1 and setup.fitToHeight == 0
        assert ws.oddFooter.center.text == "Strona &P z &N" and ws.oddHeader.left.text, ws.title
        assert ws.title == "Wykresy" or ws.print_title_rows, ws.title


def _check_charts(path: Path) -> None:
    """Every series of every chart has its values (or shares) shown; bar charts have axis titles."""
    with zipfile.ZipFile(path) as z:
        charts = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) == 4
    for xml in charts:
        series = xml.count("<c:ser>")
        assert series and xml.count("<c:dLbls>") >= series
        assert xml.count('<c:showVal val="1"/>') + xml.count('<c:showPercent val="1"/>') >= series
        if "<c:barChart>" in xml:
            assert xml.count("<c:title>") == 3          # the chart's and both axes'


def test_workbooks_are_for_people(sample_paths, tmp_path):
    regional = _regional_files(sample_paths, tmp_path)
    national = build_rollup(regional + sample_paths[:2], level="national")    # rows "via" a regional file
    out = write_rollup(national, tmp_path / "KSR.xlsx")
    for path in (regional[0], out):
        _check_people_sheets(path, tmp_path)
        _check_charts(path)
    assert load_rollup(out).lsrs == national.lsrs                  # the hidden statistics read back exactly
    lineage = _visible_texts(out)["Pochodzenie danych"]
    assert "RSR_04.xlsx" in lineage and any(t.startswith("LSR_") and t.endswith(".xlsx") for t in lineage)
    summary = _visible_texts(out)["Podsumowanie"]
    assert any("Uwzględniono 24 sprawozdania LSR." in t for t in summary)
    assert "Odsetek osób z poprawą w sferze socjalno-bytowej" in summary


def test_file_columns_show_names_of_any_path():
    from ksr_reports.rollup.writer import _cell_text
    assert _cell_text("file", "/tmp/x/skrzynka/RSR_04_2025.xlsx") == "RSR_04_2025.xlsx"
    assert _cell_text("via", "C:\\Users\\ROPS\\Pulpit\\RSR_04_2025.xlsx") == "RSR_04_2025.xlsx"
    assert _cell_text("period", "2025-H1") == "I półrocze 2025"
    assert _cell_text("status", "warnings") == "poprawny z ostrzeżeniami"
