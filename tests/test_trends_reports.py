"""The section "Zmiany w czasie" of the Word reports (issue 14 §2): figures, missing LSRs, small cells,
half-years, and the rendered regional report, national report and LSR card with a history of three years.

Expected figures are summed here from the units' statistics; the small-cell rule is applied here by hand
(counts 1–2: "<3"; fewer than 3 LSRs or one over 3/4: "X").
"""
from __future__ import annotations

import zipfile

import docx
import pytest

from ksr_reports.indicators.model import REGION_NAMES, Rollup
from ksr_reports.lang import num, pct, period
from ksr_reports.monitoring.history import History
from ksr_reports.recommendations.config import load_thresholds
from ksr_reports.reports import render_lsr_card, render_report, render_rollup_report
from ksr_reports.reports.rollup import rollup_context
from ksr_reports.reports.trends import MISSING, MISSING_REGION, lsr_trends
from ksr_reports.validation import validate_file

from .conftest import needs_soffice, soffice_convert
from .report_fixtures import national_rollup, quality_rows, region_rollup, units_from_reports
from .test_reports import HIDDEN, _doc_text, _tiny, assert_not_recoverable
from .test_trends import scaled, three_years

SEX = ("f", "m")


def _people(st: dict) -> int:
    return sum(st[f"flow.{stage}.{s}"] for stage in ("start", "entered") for s in SEX)


def _published(parts: list[float]) -> str:
    """The small-cell rule, applied by hand to a sum of LSR contributions."""
    total = sum(parts)
    if not total:
        return "–"
    if total < 3:
        return "<3"
    nonzero = [p for p in parts if p]
    return "X" if len(nonzero) < 3 or max(nonzero) > 0.75 * total else num(total)


def _signed_pct(before: float, now: float) -> str:
    text = pct((now - before) / before)
    return text if now < before else "+" + text


@pytest.fixture(scope="session")
def reports(sample_paths):
    return [validate_file(p) for p in sample_paths]


@pytest.fixture(scope="session")
def units(reports):
    return units_from_reports(reports)


@pytest.fixture(scope="session")
def history(units) -> History:
    return three_years(units)


def _trends(rollup, history) -> dict:
    ctx, images = rollup_context(rollup, load_thresholds(None), "progi domyślne modelu", history)
    assert "chart_trends" in images
    return ctx


def _row(ctx: dict, label: str) -> dict:
    return next(r for r in ctx["trends"]["rows"] if r["label"] == label)


def test_national_figures_per_period_and_change_on_common_lsrs(reports, units, history):
    ctx = _trends(national_rollup(reports), history)
    t = ctx["trends"]
    assert t["periods"] == ["2023", "2024", "2025"] and ctx["trend_tables"] == 3
    per_period = {"2023": history.units["2023"], "2024": history.units["2024"], "2025": units}
    assert _row(ctx, "LSR, które złożyły sprawozdanie")["cells"] == [num(len(per_period[p])) for p in t["periods"]]
    people = _row(ctx, "Uczestnicy w okresie (osoby)")
    assert people["cells"] == [_published([_people(u.stats) for u in per_period[p]]) for p in t["periods"]]
    both = {u.unit_id for u in per_period["2024"]} & {u.unit_id for u in units}
    before = sum(_people(u.stats) for u in per_period["2024"] if u.unit_id in both)
    now = sum(_people(u.stats) for u in units if u.unit_id in both)
    assert people["change"] == _signed_pct(before, now)
    assert f"({num(len(both))} LSR)" in t["note"] and "obu okresach" in t["note"]
    funding = _row(ctx, "Finansowanie ogółem (tys. zł)")
    assert funding["cells"] == [num(sum(u.stats["funding.total"] for u in per_period[p]) / 1000, 1) for p in t["periods"]]
    assert funding["change"] == _signed_pct(sum(u.stats["funding.total"] for u in per_period["2024"] if u.unit_id in both),
                                            sum(u.stats["funding.total"] for u in units if u.unit_id in both))
    assert ctx["summary"][-1].startswith(f"W {num(len(both))} LSR, które złożyły sprawozdanie za 2024 i za 2025, "
                                         "liczba uczestników")


def test_regional_lsr_without_a_report_is_missing_never_zero(reports, units, history):
    rollup = region_rollup(reports, "04")
    ctx = _trends(rollup, history)
    rows = {r["name"]: r["cells"] for r in ctx["trends"]["units"]}
    mine = sorted(u.unit_id for u in units if u.region == "04")
    assert len(rows) == len(mine)
    by_id = {u.unit_id: u for u in units}
    first, last = rows[by_id[mine[0]].name.replace("Lokalna Sieć na rzecz Reintegracji", "LSR")], \
        rows[by_id[mine[-1]].name.replace("Lokalna Sieć na rzecz Reintegracji", "LSR")]
    assert first[1] == MISSING and first[0] != MISSING and first[2] != MISSING          # not in 2024 only
    assert last[:2] == [MISSING, MISSING]                                                # new in 2025
    in_2024 = [u for u in history.units["2024"] if u.region == "04"]
    assert first[0] == num(_people(next(u for u in history.units["2023"] if u.unit_id == mine[0]).stats))
    lsrs = _row(ctx, "LSR, które złożyły sprawozdanie")["cells"]
    assert lsrs == ["3", num(len(in_2024)), "4"]


def test_small_cells_and_changes_from_hidden_cells_are_hidden(reports, units, history):
    rollup = region_rollup(reports, "04")
    ctx = _trends(rollup, history)
    in_2024 = [u for u in history.units["2024"] if u.region == "04"]
    assert len(in_2024) == 2                                     # fewer than 3 LSRs: the period's count is hidden
    people = _row(ctx, "Uczestnicy w okresie (osoby)")
    assert people["cells"][1] == "X" and people["change"] == "X"
    assert _row(ctx, "Osoby, które ukończyły udział")["change"] == "X"
    # an LSR with 2 participants: "<3" in the regional table, the figure itself on its own card
    u = next(x for x in units if x.region == "04")
    tiny = scaled(u, "2024", 0, flow__start__f=1, flow__entered__m=1)
    small = History("2025", ["2021", "2022", "2023", "2024"], {"2024": [tiny] + [scaled(x, "2024", 1.0) for x in units
                                                                               if x.region == "04" and x is not u]})
    region_ctx = _trends(rollup, small)
    cells = next(r["cells"] for r in region_ctx["trends"]["units"] if r["name"].endswith(u.name.split()[-1]))
    assert cells[0] == "<3"
    card, _ = lsr_trends(u, small)
    assert _row(card, "Uczestnicy w okresie (osoby)")["cells"][0] == "2"


def test_national_region_table_hides_one_lsr_and_marks_a_region_without_reports(reports, units):
    lone = next(u for u in units if u.region == "32")
    earlier = {"2024": [scaled(u, "2024", 1.0) for u in units if u.region not in ("32", "06")] + [scaled(lone, "2024", 1.0)]}
    ctx = _trends(national_rollup(reports), History("2025", ["2021", "2022", "2023", "2024"], earlier))
    lsrs = {r["name"]: r["cells"] for r in ctx["trends"]["regions_lsrs"]}
    people = {r["name"]: r["cells"] for r in ctx["trends"]["regions_people"]}
    assert lsrs["zachodniopomorskie"] == ["1", "4"] and people["zachodniopomorskie"][0] == "X"
    assert lsrs["lubelskie"][0] == people["lubelskie"][0] == MISSING_REGION
    pomorskie = [_people(u.stats) for u in units if u.region == "22"]
    # 2024: the smallest other województwo is hidden too (the national total is printed), 2025 as published
    assert people["pomorskie"] == ["X", _published(pomorskie)]


def _period_columns(ctx: dict, key: str, per_period: dict[str, list], group) -> None:
    """Each period's column of the table by units against the period's total in the main table."""
    t = ctx["trends"]
    totals = _row(ctx, "Uczestnicy w okresie (osoby)")["cells"]
    names = [r["name"] for r in t[key]]
    for i, p in enumerate(per_period):
        values = {}
        for u in per_period[p]:
            values[group(u)] = values.get(group(u), 0) + _people(u.stats)
        cells = [r["cells"][i] for r in t[key] if r["cells"][i] not in (MISSING, MISSING_REGION)]
        assert len(cells) == len(values)
        assert_not_recoverable(cells, [values[n] for n in names if n in values], totals[i])


def test_national_region_column_cannot_be_recovered_from_the_period_total(reports, units):
    """Review finding: zachodniopomorskie 2024 was "X" but 924 − (204 + 197 + 224 + 212) = 87 gave it back."""
    lone = next(u for u in units if u.region == "32")
    earlier = [scaled(u, "2024", 1.0) for u in units if u.region not in ("32", "06")] + [scaled(lone, "2024", 1.0)]
    ctx = _trends(national_rollup(reports), History("2025", ["2021", "2022", "2023", "2024"], {"2024": earlier}))
    people = {r["name"]: r["cells"] for r in ctx["trends"]["regions_people"]}
    assert people["zachodniopomorskie"][0] == "X"
    assert _row(ctx, "Uczestnicy w okresie (osoby)")["cells"][0] not in HIDDEN      # the total is printed
    _period_columns(ctx, "regions_people", {"2024": earlier, "2025": units}, lambda u: REGION_NAMES[u.region])
    # the current period's column hides what the comparison table hides
    assert {n: c[1] for n, c in people.items()} == {r["name"]: r["participants"] for r in ctx["comparison"]}


def test_regional_lsr_column_cannot_be_recovered_from_the_period_total(reports, units):
    """An LSR with 2 participants is "<3"; the region's total of the period is printed, so another LSR is hidden."""
    mine = [u for u in units if u.region == "04"]
    earlier = [_tiny(scaled(mine[0], "2024", 1.0))] + [scaled(u, "2024", 1.0) for u in mine[1:]]
    rollup = region_rollup(reports, "04")
    ctx = _trends(rollup, History("2025", ["2021", "2022", "2023", "2024"], {"2024": earlier}))
    totals = _row(ctx, "Uczestnicy w okresie (osoby)")["cells"]
    assert totals[0] not in HIDDEN
    short = {u.unit_id: r["name"] for u, r in zip(sorted(mine, key=lambda u: u.unit_id), ctx["trends"]["units"])}
    cells = {r["name"]: r["cells"] for r in ctx["trends"]["units"]}
    assert cells[short[mine[0].unit_id]][0] == "<3"
    assert sum(c[0] in HIDDEN for c in cells.values()) == 2
    _period_columns(ctx, "units", {"2024": earlier, "2025": mine}, lambda u: short[u.unit_id])


def test_a_half_year_report_shows_half_years_only(reports, units):
    mine = [u for u in units if u.region == "04"]
    earlier = {p: [scaled(u, p, 0.5) for u in mine] for p in ("2024-H1", "2024-H2", "2024", "2023")}
    rollup = Rollup("region", "2025-H1", "04", mine, quality_rows([r for r in reports if r.lsr_id.startswith("04")]))
    ctx = _trends(rollup, History("2025-H1", ["2023-H1", "2023-H2", "2024-H1", "2024-H2"], earlier))
    labels = ctx["trends"]["periods"]
    assert labels == [period("2024-H1"), period("2024-H2"), period("2025-H1")]
    assert all("półrocze" in x for x in labels) and "(półrocza)" in ctx["trends"]["text"][0]
    assert "za I półrocze 2025 z danymi za I półrocze 2024" in ctx["trends"]["note"]


@pytest.fixture(scope="session")
def rendered(reports, history, tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("trends")
    card_report = next(r for r in reports if r.lsr_id == min(u.unit_id for u in history.units["2023"]
                                                              if u.region == "04"))
    asked = []

    def lookup(lsr_id, p):
        asked.append((lsr_id, p))
        return history
    return {
        "region": render_rollup_report(region_rollup(reports, "04"), out / "RSR.docx", history=history),
        "national": render_rollup_report(national_rollup(reports), out / "KSR.docx", history=history),
        "card": render_report(card_report.path, out / "karta.docx", history=lookup),
        "empty": render_rollup_report(region_rollup(reports, "04"), out / "RSR0.docx", history=History.empty("2025")),
        "plain": render_rollup_report(region_rollup(reports, "04"), out / "RSR1.docx"),
        "asked": asked, "card_lsr": card_report.lsr_id,
    }


def _images(path) -> int:
    with zipfile.ZipFile(path) as z:
        return len([n for n in z.namelist() if n.startswith("word/media/")])


def _table(path, caption_start: str) -> list[list[str]]:
    d = docx.Document(str(path))
    body = list(d.element.body.iterchildren())
    for i, el in enumerate(body):
        if el.tag.endswith("}p") and "".join(el.itertext()).startswith(caption_start):
            tbl = next(x for x in body[i + 1:] if x.tag.endswith("}tbl"))
            t = docx.table.Table(tbl, d)
            return [[c.text for c in row.cells] for row in t.rows]
    raise AssertionError(caption_start)


def test_rendered_regional_report(rendered):
    text = _doc_text(rendered["region"])
    assert "3. Zmiany w czasie" in text and "4. Porównanie LSR w województwie" in text
    assert "Tabela 4. Ranking LSR w województwie" in text and "Wykres 2. Spełnione kryteria" in text
    rows = _table(rendered["region"], "Tabela 2. Kluczowe wskaźniki w kolejnych okresach")
    assert rows[0] == ["Wskaźnik", "2023", "2024", "2025", "Zmiana rok do roku*"]
    assert all(len(r) == 5 for r in rows) and rows[1][0] == "LSR, które złożyły sprawozdanie"
    units = _table(rendered["region"], "Tabela 3. Uczestnicy według LSR w kolejnych okresach")
    assert units[0] == ["LSR", "2023", "2024", "2025"] and len(units) == 5
    assert sum(r.count(MISSING) for r in units) == 3
    assert _images(rendered["region"]) == _images(rendered["plain"]) + 1


def test_rendered_national_report(rendered):
    text = _doc_text(rendered["national"])
    assert "Tabela 5. Ranking województw" in text and "3. Zmiany w czasie" in text
    regions = _table(rendered["national"], "Tabela 3. LSR, które złożyły sprawozdanie, według województw")
    assert [r[0] for r in regions[1:]] == ["kujawsko-pomorskie", "lubelskie", "pomorskie", "śląskie", "świętokrzyskie",
                                          "zachodniopomorskie"]
    assert all(r[1:] == ["3", "2", "4"] for r in regions[1:])
    people = _table(rendered["national"], "Tabela 4. Uczestnicy według województw")
    assert all(r[2] == "X" for r in people[1:])                 # 2 LSRs per region in 2024: fewer than 3


def test_rendered_lsr_card(rendered):
    assert rendered["asked"] == [(rendered["card_lsr"], "2025")]
    text = _doc_text(rendered["card"])
    assert "3. Zmiany w czasie" in text and "Tabela 3. Dane identyfikacyjne LSR" in text
    rows = _table(rendered["card"], "Tabela 2. Kluczowe wskaźniki w kolejnych okresach")
    assert rows[0][1:4] == ["2023", "2024", "2025"]
    assert all(r[2] == MISSING for r in rows[1:])                # the card's LSR did not report in 2024
    assert all(r[4] == "–" for r in rows[1:]) and "nie złożyła sprawozdania za ten sam okres" in text


def test_without_history_no_section_and_with_an_empty_archive_one_sentence(rendered):
    plain = _doc_text(rendered["plain"])
    assert "Zmiany w czasie" not in plain and "Tabela 2. Ranking LSR" in plain and "3. Porównanie LSR" in plain
    empty = _doc_text(rendered["empty"])
    assert "Archiwum nie zawiera jeszcze sprawozdań z wcześniejszych lat" in empty
    assert "Tabela 2. Ranking LSR" in empty and "4. Porównanie LSR" in empty
    assert _images(rendered["empty"]) == _images(rendered["plain"])


@needs_soffice
def test_trend_reports_open_in_libreoffice(rendered, tmp_path, lo_profile):
    for key in ("region", "national", "card"):
        txt = soffice_convert(rendered[key], "txt:Text", tmp_path / key, lo_profile).read_text(encoding="utf-8-sig")
        assert "Zmiany w czasie" in txt and "Kluczowe wskaźniki w kolejnych okresach" in txt


def test_card_change_is_the_lsr_against_itself_a_year_earlier(units):
    u = units[5]
    before = scaled(u, "2024", 0.8, lsr__with_type_c=0, stakeholders__type__C=0)
    card, images = lsr_trends(u, History("2025", ["2021", "2022", "2023", "2024"], {"2024": [before]}))
    assert card["trends"]["periods"] == ["2024", "2025"] and "chart_trends" in images
    people = _row(card, "Uczestnicy w okresie (osoby)")
    assert people["cells"] == [num(_people(before.stats)), num(_people(u.stats))]
    assert people["change"] == _signed_pct(_people(before.stats), _people(u.stats))
    assert _row(card, "LSR z interesariuszem typu C")["change"] == "z NIE na TAK"
    social = _row(card, "Udział godzin reintegracji społecznej")
    diff = (u.stats["hours.social"] / u.stats["hours.total"] - before.stats["hours.social"] / before.stats["hours.total"])
    points = diff * 100
    assert social["change"] == ("bez zmian" if abs(points) < 0.005 else
                                f"{'+' if points > 0 else ''}{num(points, 1 if abs(points) >= 0.05 else 2)} pkt proc.")


def test_a_small_change_is_never_written_as_zero(units):
    u = units[5]
    total, social = u.stats["hours.total"], u.stats["hours.social"]
    delta = round(total * 0.0003, 2)                        # about 0.03 percentage points less a year earlier
    same = scaled(u, "2024", 1.0, hours__social=social - delta)
    card, _ = lsr_trends(u, History("2025", ["2021", "2022", "2023", "2024"], {"2024": [same]}))
    diff = (social / total - (social - delta) / total) * 100
    assert 0.005 < diff < 0.05
    assert _row(card, "Udział godzin reintegracji społecznej")["change"] == f"+{num(diff, 2)} pkt proc."
    assert _row(card, "Uczestnicy w okresie (osoby)")["change"] == "bez zmian"
