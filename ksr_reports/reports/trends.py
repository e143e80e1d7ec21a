"""The section "Zmiany w czasie" of the three reports (DESIGN §11, issue 14 §2): text, tables and chart.

The figures come from ``monitoring.trends`` (key indicators of up to five periods of the same kind, the
year-on-year change on the LSRs that reported in both periods). Regional and national reports protect
participant counts as their other tables do (``disclosure.py``): a period's count is an aggregate of its
LSRs; a change computed from a hidden value, or from LSRs in both periods that would be hidden themselves,
is hidden too. The table by LSR (regional) or by województwo (national) has no totals row, but each
period's total is the participants' row of the main table: a column and that total are protected as one
line (``disclosure.protect_total``), so a hidden unit cannot be recovered by subtraction. The LSR card is
never suppressed (it goes back to the LSR that reported the figures).

The template numbers the chapters, tables and figures after this section with ``trend_chapters``,
``trend_tables`` and ``trend_figures`` (absent without a history: the report is exactly as before).
"""
from __future__ import annotations

from ..indicators.model import REGION_NAMES, Unit
from ..lang import count, join, num, pct, period
from ..monitoring import trends as T
from ..monitoring.history import History
from . import charts, disclosure, sections
from .disclosure import Cell

MISSING = "brak sprawozdania"
MISSING_REGION = "brak sprawozdań"
NO_CHANGE = "bez zmian"
KIND_WORDS = {"year": "lata", "half": "półrocza"}
EARLIER_WORDS = {"year": "wcześniejszych lat", "half": "wcześniejszych półroczy"}
SOURCES = ("Wskaźniki wybrano według modelu KSR: interesariusze typu C i formalne partnerstwa z ich udziałem – "
           "001 §3.1 (rekomendacje dotyczące KSR nr 1 i 2); etaty case managera – 001 §3.1 (rekomendacje dla KIS "
           "nr 2); udział godzin reintegracji społecznej – 002, element drugi wzorca (cel 2/3); udział środków "
           "projektowych – 001 §3.2 nr 4 i tab. 9 nr 1; zatrudnienie po ukończeniu udziału – 001 §1.3.12 (jedna "
           "z miar sukcesu obok miar niezatrudnieniowych).")
CHART_LABEL = "% w danym okresie"
PARTICIPANTS = T.BY_ID["participants"]


def _signed(value: float, text: str) -> str:
    return f"+{text}" if value > 0 else text


def _relative(before: float | None, now: float | None) -> str:
    if before is None or now is None or not before:
        return "–"
    change = (now - before) / before
    if abs(change) < 0.00005:
        return NO_CHANGE
    return _signed(change, pct(change, 1 if abs(change) >= 0.0005 else 2))     # never "+0,0%"


def _points(before: float | None, now: float | None) -> str:
    if before is None or now is None:
        return "–"
    diff = (now - before) * 100
    if abs(diff) < 0.005:
        return NO_CHANGE
    return _signed(diff, f"{num(diff, 1 if abs(diff) >= 0.05 else 2)} pkt proc.")     # never "+0,0 pkt proc."


def _lsrs_change(before: float | None, now: float | None) -> str:
    if before is None or now is None:
        return "–"
    return NO_CHANGE if now == before else _signed(now - before, f"{num(now - before)} LSR")


def _value(ind: T.Indicator, v: float | None, lsrs: int | None) -> str:
    """One value of the table; ``lsrs``: the number of LSRs of the period (None on the LSR card)."""
    if ind.kind == "share":
        return pct(v)
    if ind.kind == "pln":                  # thousands: five periods of full amounts do not fit the page
        return num(v / 1000, 1)
    if ind.kind == "fte":
        return num(v, 2)
    if ind.kind == "lsrs":
        return ("TAK" if v else "NIE") if lsrs is None else f"{num(v)} z {num(lsrs)}"
    return num(v)


def _change(ind: T.Indicator, before, now, card: bool) -> str:
    if ind.kind == "share":
        return _points(before, now)
    if ind.kind == "lsrs":
        if not card or before is None or now is None:
            return _lsrs_change(before, now)
        return NO_CHANGE if bool(before) == bool(now) else f"z {'TAK' if before else 'NIE'} na {'TAK' if now else 'NIE'}"
    return _relative(before, now)


def _people(figures: T.Sums, ind: T.Indicator) -> Cell:
    cell = Cell(figures.value(ind), figures.parts(ind))
    disclosure.primary(cell)
    return cell


def _rollup_rows(trend: T.Trend, totals: dict[str, Cell]) -> list[dict]:
    """``totals``: the participants of each period, as protected with the table by units."""
    lsr_row = {"label": "LSR, które złożyły sprawozdanie", "change": "–",
               "cells": [num(trend.figures[p].lsrs) for p in trend.periods]}
    rows = [lsr_row]
    for ind in T.INDICATORS:
        figures = [trend.figures[p] for p in trend.periods]
        before, now = trend.change(ind)
        if ind.kind == "people":
            cells = ([totals[p] for p in trend.periods] if ind is PARTICIPANTS
                     else [_people(f, ind) for f in figures])
            values = [c.text() for c in cells]
            common = [_people(f, ind) for f in trend.common] if trend.common else []
            shown = [cells[-1]] + ([cells[trend.periods.index(trend.previous)]] if trend.common else [])
            hidden = any(c.mark for c in common + shown)
            change = "X" if hidden and trend.common else _change(ind, before, now, False)
        else:
            values = [_value(ind, f.value(ind), f.lsrs) for f in figures]
            change = _change(ind, before, now, False)
        rows.append({"label": ind.label, "cells": values, "change": change})
    return rows


def _card_rows(trend: T.Trend, lsr_id: str) -> list[dict]:
    mine = trend.reported(lsr_id)
    rows = []
    for ind in T.INDICATORS:
        values = [_value(ind, trend.figures[p].value(ind), None) if p in mine else MISSING for p in trend.periods]
        before, now = trend.change(ind)
        rows.append({"label": ind.label, "cells": values, "change": _change(ind, before, now, True)})
    return rows


def _chart(trend: T.Trend, present: list[str]) -> dict:
    series = {}
    for ind in T.INDICATORS:
        if ind.chart:
            values = [trend.figures[p].value(ind) if p in present else None for p in trend.periods]
            series[ind.chart] = [None if v is None else v * 100 for v in values]
    return {"chart_trends": charts.later(charts.lines, [period(p) for p in trend.periods], series,
                                         ylabel=CHART_LABEL, target=200 / 3, target_label="cel 2/3")}


def _intro(trend: T.Trend, card: bool) -> list[str]:
    kind = T.period_kind(trend.period)
    labels = [period(p) for p in trend.periods]
    n = len(labels)
    first = (f"Porównano {count(n, 'okres sprawozdawczy', 'okresy sprawozdawcze', 'okresów sprawozdawczych')} "
             f"tego samego rodzaju ({KIND_WORDS[kind]}): {join(labels)}. ")
    if card:
        return [first + "Dane wcześniejszych okresów to sprawozdania tej LSR przyjęte w archiwum; okres, za który LSR "
                        f"nie złożyła sprawozdania, oznaczono „{MISSING}”, a nie zerem."]
    return [first + "Dane wcześniejszych okresów pochodzą z archiwum przyjętych sprawozdań. Wartość okresu to suma "
                    "LSR, które złożyły sprawozdanie za ten okres (ich liczbę podaje pierwszy wiersz tabeli); LSR bez "
                    "sprawozdania nie jest liczona jako zero, lecz jako brak danych."]


def _note(trend: T.Trend, card: bool) -> str:
    now, before = period(trend.period), period(trend.previous)
    if trend.common is None:
        who = "LSR nie złożyła" if card else "Archiwum nie zawiera"
        what = "sprawozdania" if card else "sprawozdań"
        return (f"* {who} {what} za ten sam okres rok wcześniej ({before}), dlatego zmiany rok do roku nie "
                "policzono.")
    if card:
        return (f"* Zmiana rok do roku porównuje dane za {now} z danymi za {before}: liczebności, etaty i kwoty – "
                "zmiana procentowa, udziały – zmiana w punktach procentowych.")
    both = trend.common[1].lsrs
    return (f"* Zmiana rok do roku porównuje dane za {now} z danymi za {before} i obejmuje wyłącznie LSR, które "
            f"złożyły sprawozdanie w obu okresach ({num(both)} LSR): inaczej nowa LSR wyglądałaby jak wzrost, a LSR "
            "bez sprawozdania – jak spadek. Liczebności, etaty i kwoty – zmiana procentowa; udziały – zmiana "
            "w punktach procentowych; liczba LSR z daną cechą – zmiana liczby LSR. Liczebności uczestników chroni ta "
            "sama reguła co pozostałe tabele („<3”, „X”); zmianę policzoną z wartości ukrytej także ukryto („X”).")


def _headline(trend: T.Trend, rows: list[dict]) -> str | None:
    """One sentence for the summary: participants and two shares, on the LSRs in both periods."""
    if trend.common is None:
        return None
    by_label = {r["label"]: r["change"] for r in rows}
    parts = []
    for ind_id, what in (("participants", "liczba uczestników"), ("social_hours", "udział godzin reintegracji "
                                                                                  "społecznej"),
                         ("time_limited", "udział środków projektowych")):
        change = by_label[T.BY_ID[ind_id].label]
        if change in ("X", "–"):
            continue
        if change == NO_CHANGE:
            parts.append(f"{what} nie {'zmieniła' if ind_id == 'participants' else 'zmienił'} się")
        else:
            up = not change.startswith(("-", "−"))
            verb = ("wzrosła" if up else "spadła") if ind_id == "participants" else ("wzrósł" if up else "spadł")
            parts.append(f"{what} {verb} o {change.lstrip('+-−')}")
    if not parts:
        return None
    n = trend.common[1].lsrs
    said = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])}, a {parts[-1]}"
    return (f"W {count(n, 'LSR, która złożyła', 'LSR, które złożyły', 'LSR, które złożyły')} sprawozdanie za "
            f"{period(trend.previous)} i za {period(trend.period)}, {said} (szczegóły w rozdziale „Zmiany w czasie”).")


def _empty(trend_period: str, card: bool) -> tuple[dict, dict]:
    words = EARLIER_WORDS[T.period_kind(trend_period)]
    whose = "tej LSR " if card else ""
    text = (f"Archiwum nie zawiera jeszcze sprawozdań {whose}z {words}, dlatego raport nie pokazuje zmian w czasie; "
            "pojawią się one po przyjęciu sprawozdań za kolejne okresy.")
    return {"trends": {"text": [text], "rows": []}, "trend_chapters": 1, "trend_tables": 0, "trend_figures": 0}, {}


def _columns(trend: T.Trend, totals: dict[str, Cell], key, parts) -> dict[str, dict[str, Cell]]:
    """Period -> unit key -> participants cell, each period's column protected with its total (which may
    be hidden too); ``key(unit)`` groups the LSRs into units, ``parts`` gives a unit's cell its per-LSR
    contributions (False: one LSR, only the small-count rule applies)."""
    out = {}
    for p in trend.periods:
        groups: dict[str, list[float]] = {}
        for u in trend.units[p]:
            groups.setdefault(key(u), []).append(PARTICIPANTS.value(u.stats))
        cells = {k: Cell(T.exact_sum(v), v if parts else None) for k, v in groups.items()}
        for cell in cells.values():
            disclosure.primary(cell)
        disclosure.protect_total(cells, totals[p])
        out[p] = cells
    return out


def _regional_units(trend: T.Trend, totals: dict[str, Cell]) -> list[dict]:
    columns = _columns(trend, totals, lambda u: u.unit_id, parts=False)
    rows = []
    for lsr_id in trend.lsr_ids:
        values = [columns[p][lsr_id].text() if lsr_id in columns[p] else MISSING for p in trend.periods]
        rows.append({"name": sections.cut(sections.short_name(trend.names[lsr_id]), 60), "cells": values})
    return rows


def _national_regions(trend: T.Trend, totals: dict[str, Cell]) -> tuple[list[dict], list[dict]]:
    columns = _columns(trend, totals, lambda u: u.region, parts=True)
    regions = sorted({u.region for us in trend.units.values() for u in us})
    lsrs, people = [], []
    for code in regions:
        counts = [num(sum(1 for u in trend.units[p] if u.region == code)) if code in columns[p] else MISSING_REGION
                  for p in trend.periods]
        cells = [columns[p][code].text() if code in columns[p] else MISSING_REGION for p in trend.periods]
        name = REGION_NAMES.get(code, code)
        lsrs.append({"name": name, "cells": counts})
        people.append({"name": name, "cells": cells})
    return lsrs, people


def rollup_trends(rollup, history: History) -> tuple[dict, dict]:
    """Context of the section and its chart for a regional or national report (``history``: the archive's
    earlier periods; a regional report keeps the region's LSRs only)."""
    if rollup.level == "region" and rollup.region:
        history = history.in_region(rollup.region)
    trend = T.build(rollup.period, rollup.lsrs, history)
    if not trend.earlier:
        return _empty(rollup.period, card=False)
    totals = {p: _people(trend.figures[p], PARTICIPANTS) for p in trend.periods}
    more: dict = {}
    if rollup.level == "region":          # first: protecting the columns may hide a period's total too
        more["units"] = _regional_units(trend, totals)
        tables = 2
    else:
        more["regions_lsrs"], more["regions_people"] = _national_regions(trend, totals)
        tables = 3
    rows = _rollup_rows(trend, totals)
    ctx = {"text": _intro(trend, card=False), "periods": [period(p) for p in trend.periods], "rows": rows,
           "note": _note(trend, card=False), "sources": SOURCES, "headline": _headline(trend, rows), **more}
    return ({"trends": ctx, "trend_chapters": 1, "trend_tables": tables, "trend_figures": 1},
            _chart(trend, trend.periods))


def card_history(history: History, lsr_id: str) -> History:
    """The LSR's own units of ``history`` (the archive may give every LSR of the period)."""
    return History(history.period, list(history.periods),
                   {p: [u for u in us if u.unit_id == lsr_id] for p, us in history.units.items()})


def lsr_trends(unit: Unit, history: History) -> tuple[dict, dict]:
    """Context of the section and its chart for the LSR card: the LSR's own periods, from the first it
    reported in; a period in between without its report is shown as missing."""
    trend = T.build(unit.period, [unit], card_history(history, unit.unit_id), contiguous=True)
    if not trend.earlier:
        return _empty(unit.period, card=True)
    mine = list(trend.reported(unit.unit_id))
    ctx = {"text": _intro(trend, card=True), "periods": [period(p) for p in trend.periods],
           "rows": _card_rows(trend, unit.unit_id), "note": _note(trend, card=True), "sources": SOURCES}
    return {"trends": ctx, "trend_chapters": 1, "trend_tables": 1, "trend_figures": 1}, _chart(trend, mine)
