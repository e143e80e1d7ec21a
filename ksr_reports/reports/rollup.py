"""Context of the regional (RSR) and national (KSR) reports from a ``Rollup``.

Participant counts pass through disclosure control (``disclosure.py``); rules are evaluated per
LSR and counted; the national report adds reform recommendations from cross-regional patterns.
"""
from __future__ import annotations

import re

from .. import spec as S
from ..indicators import derive
from ..indicators.derive import participants
from ..recommendations import RULES, criteria_met_all, flagged_units, for_units, reform, reform_condition
from ..recommendations.config import Thresholds
from ..lang import num, pct, plural
from . import charts, disclosure, sections
from .disclosure import Cell

L = S.lists
STATUS = {"valid": "poprawny", "warnings": "z ostrzeżeniami", "invalid": "z błędami – pominięty",
          "unreadable": "nieczytelny – pominięty", "superseded": "zastąpiony nowszym"}


# A ranking chart with one bar per LSR is unreadable (and slow) for a large region: above this
# many units it shows the best and the weakest half of this number; the table lists all.
CHART_UNITS = 30


def short_name(name: str) -> str:
    """Unit name for tables and charts: the common prefix "Lokalna Sieć na rzecz Reintegracji" becomes "LSR"."""
    return re.sub(r"^Lokalna Sieć na rzecz Reintegracji\b", "LSR", name or "").strip()


def _protected(lsrs, row_keys, key_fmt: str) -> list[list[Cell]]:
    """Matrix rows x (f, m, total) plus a totals row, with per-LSR contributions, suppressed."""
    matrix = []
    for key in row_keys:
        women, men = key_fmt.format(key, "f"), key_fmt.format(key, "m")
        f = [u.stats.get(women, 0) for u in lsrs]
        m = [u.stats.get(men, 0) for u in lsrs]
        both = [a + b for a, b in zip(f, m)]
        matrix.append([Cell(sum(f), f), Cell(sum(m), m), Cell(sum(both), both)])
    totals = [Cell(sum(r[i].value for r in matrix), [sum(p) for p in zip(*(r[i].parts for r in matrix))])
              for i in range(3)]
    return disclosure.protect_table(matrix + [totals])


def _count_rows(lsrs, row_list, key_fmt: str) -> tuple[list[dict], list[list[Cell]]]:
    matrix = _protected(lsrs, [k for k, _ in row_list], key_fmt)
    labels = [label for _, label in row_list] + ["Razem"]
    return [{"label": lab, "f": r[0].text(), "m": r[1].text(), "total": r[2].text()}
            for lab, r in zip(labels, matrix)], matrix


def _comparison(rollup, flagged: dict[str, list]) -> tuple[list[dict], list]:
    units = rollup.units
    scores = criteria_met_all(flagged)
    full = (len(RULES), len(RULES))
    by_region: dict[str, list] = {}
    for u in rollup.lsrs:
        by_region.setdefault(u.region, []).append(u)
    scored = []
    for u in units:
        d = derive(u.stats)
        if u.level == "lsr":
            met, total = scores.get(id(u), full)
            people = disclosure.unit_count(d["participants"])
            areas = f"{int(u.stats['lsr.new_areas_covered'])} z 4"
        else:
            region_scores = [scores.get(id(x), full) for x in by_region[u.region]]
            met, total = sum(s[0] for s in region_scores), sum(s[1] for s in region_scores)
            parts = [participants(x.stats) for x in by_region[u.region]]
            cell = Cell(sum(parts), parts)
            disclosure.primary(cell)
            people = cell.text()
            areas = pct(d["new_areas.coverage"], 0)
        scored.append((met / total if total else 0, u, {
            "name": sections.cut(short_name(u.name), 70), "lsrs": num(u.stats["lsr.count"]), "participants": people,
            "type_c": pct(d["share.type_c"]), "social": pct(d["share.social_hours"]), "areas": areas,
            "score": f"{met} z {total}" if u.level == "lsr" else sections.share(met, total)}))
    scored.sort(key=lambda x: (-x[0], x[1].name))
    rows = []
    for i, (_, _, row) in enumerate(scored, 1):
        row["rank"] = str(i)
        rows.append(row)
    return rows, scored


def _quality(rollup) -> tuple[list[str], list[dict]]:
    rows = [{"name": sections.cut(q.get("lsr_id") or str(q.get("path", "")), 60),
             "status": STATUS.get(q.get("status"), str(q.get("status", "–"))), "errors": num(q.get("errors", 0)),
             "warnings": num(q.get("warnings", 0)), "note": sections.cut(str(q.get("note") or ""), 200) or "–"}
            for q in rollup.quality]
    counted = len(rollup.lsrs)
    text = [f"Raport obejmuje {counted} LSR, których skoroszyty przeszły walidację bez błędów. "
            f"Przetworzono {len(rollup.quality)} plików wejściowych."]
    c = rollup.completeness
    if c:
        missing = c.get("missing") or []
        missing_text = ", ".join(map(str, missing)) if isinstance(missing, (list, tuple)) else str(missing)
        text.append(f"Kompletność: oczekiwano {num(c.get('expected'))} LSR, otrzymano {num(c.get('received'))}, "
                    f"poprawnych {num(c.get('valid'))}, z błędami {num(c.get('invalid'))}; stopień sprawozdawczości "
                    f"{pct(c.get('rate'))}." + (f" Brak sprawozdań: {missing_text}." if missing else ""))
    else:
        text.append("Nie podano rejestru oczekiwanych LSR, dlatego nie obliczono stopnia sprawozdawczości.")
    return text, rows or [{"name": "–", "status": "–", "errors": "–", "warnings": "–", "note": "Brak informacji o plikach."}]


def _summary(rollup, st, d, matrix, recs, reform_recs, scored) -> list[str]:
    n = len(rollup.lsrs)
    regions = len({u.region for u in rollup.lsrs})
    total = matrix[-1][2]
    people = total.text() if total.mark else num(total.value)
    out = [f"Raport obejmuje {n} LSR" + (f" z {regions} {plural(regions, 'województwa', 'województw', 'województw')}"
                                         if rollup.level == "national" else "") + f" w okresie {rollup.period}.",
           f"Interesariusza typu C ma {num(st['lsr.with_type_c'])} z {n} LSR, a formalne partnerstwo z jego udziałem "
           f"– {num(st['lsr.with_formal_partnership_c'])}; case managera zatrudnia KIS w {num(st['lsr.with_case_manager'])} "
           f"z {n} LSR.",
           f"Wsparciem objęto łącznie {people} osób; reintegracja społeczna stanowiła {pct(d['share.social_hours'])} "
           f"godzin udziału (cel 2/3), a środki projektowe {pct(d['share.time_limited'])} finansowania."]
    if scored:
        best, worst = scored[0], scored[-1]
        out.append(f"Najwięcej kryteriów modelu spełnia {best[1].name} ({best[2]['score']}), najmniej – "
                   f"{worst[1].name} ({worst[2]['score']}).")
    if recs:
        top = recs[0]
        out.append(f"Reguły modelu wskazały {len(recs)} rodzajów słabości; najczęstsza: {top.rule.title.lower()} "
                   f"(w {top.count} z {top.total} LSR).")
    else:
        out.append(f"Żadna z {len(RULES)} reguł modelu nie wskazała słabości w żadnej LSR.")
    if rollup.level == "national":
        out.append(f"Słabości powtarzające się w wielu województwach dały {len(reform_recs)} rekomendacji "
                   "reformy instytucjonalnej (001 §1.4, tab. 5).")
    return out


def _group_chart(rows: list[dict], matrix):
    """Participants per category, published values only (hidden cells drawn as 0 and labelled)."""
    body = list(zip(rows[:-1], matrix[:-1]))
    values = [0 if r[2].mark else r[2].value for _, r in body]
    labels = [r[2].text() for _, r in body]
    return charts.later(charts.bars, [row["label"] for row, _ in body], values, value_labels=labels,
                        xlabel="osoby (ogółem)")


def rollup_context(rollup, th: Thresholds, thresholds_source: str) -> tuple[dict, dict]:
    """Template context and charts (to draw, see ``charts.later``) of a regional or national report."""
    st = rollup.totals
    d = derive(st)
    national = rollup.level == "national"
    groups, matrix = _count_rows(rollup.lsrs, L.ART1_GROUP, "participants.group.{}.{}")
    flow, _ = _count_rows(rollup.lsrs, L.FLOW_STAGE, "flow.{}.{}")
    flagged = flagged_units(rollup.lsrs, th)          # every rule on every LSR, once
    comparison, scored = _comparison(rollup, flagged)
    recs = for_units(rollup.lsrs, th, flagged)
    reform_recs = reform(rollup.lsrs, th, flagged) if national else []
    quality_text, quality_rows = _quality(rollup)
    total_cell, women_cell = matrix[-1][2], matrix[-1][0]
    ctx = {
        "unit_name": "Polska" if national else rollup.title.capitalize(),
        "period": rollup.period,
        "source": f"zestawienie {'krajowe' if national else 'regionalne'} z {len(rollup.lsrs)} skoroszytów LSR",
        "title_note": disclosure.NOTE,
        "summary": _summary(rollup, st, d, matrix, recs, reform_recs, scored),
        "indicators_intro": "Wskaźniki względne policzono z sum wszystkich LSR; przy liczbie LSR podano, w ilu z nich "
                            "spełniony jest warunek modelu.",
        "indicators": sections.indicator_rows(st, d, th, lsr=False, participants=total_cell.text(),
                                              women=women_cell.text()),
        "comparison_intro": ("Jednostki uszeregowano według udziału spełnionych kryteriów modelu (reguł rekomendacji, "
                             "które się nie uruchomiły). " + disclosure.UNIT_NOTE),
        "comparison": comparison,
        "network_text": sections.network_text(st, d),
        "stakeholders": sections.stakeholder_rows(st),
        "disclosure_note": disclosure.NOTE,
        "groups": groups, "flow": flow,
        "services_text": sections.services_text(st, d, th), "services": sections.service_rows(st),
        "funding_text": sections.funding_text(st, d), "funding": sections.funding_rows(st),
        "quality_text": quality_text, "quality_rows": quality_rows,
        "recommendations_intro": (f"Każdą z {len(RULES)} reguł sprawdzono dla każdej z {len(rollup.lsrs)} LSR. "
                                  + (f"{len(recs)} reguł wskazało słabości; poniżej od najczęstszej."
                                     if recs else "Żadna reguła nie wskazała słabości.")),
        "recommendations": sections.recommendation_rows(recs),
        "reform_intro": (f"Rekomendację reformy formułuje się, gdy {reform_condition(th)}. "
                         + (f"Warunek spełniło {len(reform_recs)} słabości." if reform_recs else
                            "Żadna słabość nie spełniła tego warunku.")),
        "reform": [dict(r.as_dict(), heading=f"{i}. {r.rule.title}") for i, r in enumerate(reform_recs, 1)],
        "method_text": sections.method_text(thresholds_source, aggregate=True),
    }
    shown = scored if len(scored) <= CHART_UNITS else scored[:CHART_UNITS // 2] + scored[-(CHART_UNITS // 2):]
    images = {"chart_comparison": charts.later(   # the largest first: it is drawn while the others queue
        charts.bars, [row["name"] for _, _, row in shown], [share * 100 for share, _, _ in shown],
        value_labels=[row["score"] for _, _, row in shown],
        xlabel="% spełnionych kryteriów modelu" + ("" if shown is scored else
                                                  f" (najlepsze i najsłabsze {CHART_UNITS // 2} z {len(scored)}; pełna lista w tabeli)"))}
    images.update(sections.common_charts(st, th))
    images["chart_groups"] = _group_chart(groups, matrix)
    return ctx, images
