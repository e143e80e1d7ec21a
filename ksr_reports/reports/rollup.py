"""Context of the regional (RSR) and national (KSR) reports from a ``Rollup``.

Participant counts pass through disclosure control (``disclosure.py``); rules are evaluated per
LSR and counted; the national report adds reform recommendations from cross-regional patterns.
"""
from __future__ import annotations

import re

from .. import spec as S
from ..indicators import derive
from ..indicators.derive import participants
from ..indicators.model import REGION_NAMES
from ..recommendations import (RULES, criteria_met_all, flagged_units, for_units, reform, reform_headline,
                               reform_intro)
from ..recommendations.config import Thresholds
from ..lang import count, join, num, pct, period, period_in, plural, pln
from . import charts, disclosure, ranking, rules_checked, sections
from .extended import extended_context
from .texts import explanations_sentence
from .disclosure import Cell
from .sections import short_name
from .trends import rollup_trends

L = S.lists
DECISIONS = {"invalid": "odrzucony – błędy", "unreadable": "odrzucony – nieczytelny",
             "duplicate": "pominięty – kopia innego pliku", "superseded": "pominięty – zastąpiony nowszym",
             "refused": "odrzucony"}
FROM_STATUS = {"valid": "counted", "warnings": "counted", "invalid": "invalid", "unreadable": "unreadable",
               "superseded": "superseded"}


# A ranking chart with one bar per LSR is unreadable (and slow) for a large region: above this
# many units it shows the best and the weakest half of this number; the table lists all.
CHART_UNITS = 30


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


def _unit_people(rollup, total: Cell) -> dict[str, str]:
    """Participants of each compared unit (unit id: TERYT or województwo code -> text) for the comparison
    table and the annex. An LSR is one unit (only the small-count rule); a województwo is a sum of LSRs
    (the full rule). The units' column is protected together with the report's total, printed among the
    key indicators, so one hidden unit cannot be recovered as the total less the visible ones
    (``disclosure.protect_total``)."""
    cells = {}
    for u in rollup.units:
        if u.level == "lsr":
            cell = Cell(participants(u.stats))
        else:
            parts = [participants(x.stats) for x in rollup.lsrs if x.region == u.region]
            cell = Cell(sum(parts), parts)
        disclosure.primary(cell)
        cells[u.unit_id] = cell
    disclosure.protect_total(cells, total)
    return {key: cell.text() for key, cell in cells.items()}


def _comparison(rollup, flagged: dict[str, list], people: dict[str, str]) -> tuple[list[dict], list]:
    units = rollup.units
    scores = criteria_met_all(flagged)
    full = (len(RULES), len(RULES))
    by_region: dict[str, list] = {}
    for u in rollup.lsrs:
        by_region.setdefault(u.region, []).append(u)
    scored = []
    for u in units:
        d = u.derived
        if u.level == "lsr":
            met, total = scores.get(id(u), full)
            areas = f"{int(u.stats['lsr.new_areas_covered'])} z 4"
        else:
            region_scores = [scores.get(id(x), full) for x in by_region[u.region]]
            met, total = sum(s[0] for s in region_scores), sum(s[1] for s in region_scores)
            areas = pct(d["new_areas.coverage"], 0)
        scored.append((met / total if total else 0, u, {
            "name": sections.cut(short_name(u.name), 70), "lsrs": num(u.stats["lsr.count"]),
            "participants": people[u.unit_id],
            "type_c": pct(d["share.type_c"]), "social": pct(d["share.social_hours"]), "areas": areas,
            "score": f"{met} z {total}" if u.level == "lsr" else sections.share(met, total)}))
    scored.sort(key=lambda x: (-x[0], ranking.polish_key(x[1].name)))
    rows = []
    for place, (_, _, row) in zip(ranking.shared_ranks([x[0] for x in scored]), scored):
        row["rank"] = place
        rows.append(row)
    return rows, scored


def _file_name(path) -> str:
    """The last part of a path written on any system ("C:\\Skrzynka\\a.xlsx" → "a.xlsx")."""
    return re.split(r"[\\/]", str(path or "").rstrip("\\/"))[-1]


def _input_name(q: dict) -> str:
    """The input as a reader knows it: its file name (never a path), and the rollup it came in."""
    name = _file_name(q.get("file") or q.get("path")) or "–"
    via = _file_name(q.get("via"))
    return f"{name} (w zestawieniu {via})" if via and via != name else name


def _decision(q: dict, rollup) -> str:
    """What happened to the input, in words (the notes of the rollup are written for the ROPS inbox)."""
    decision = q.get("decision") or FROM_STATUS.get(q.get("status"), "")
    if decision == "counted":
        return "przyjęty z ostrzeżeniami" if q.get("status") == "warnings" else "przyjęty"
    if decision == "refused":
        if q.get("kind") == "rollup" and rollup.level == "region":
            return "odrzucony – zestawienie zamiast skoroszytu LSR"
        if q.get("period") and q.get("period") != rollup.period:
            return f"odrzucony – inny okres ({period(q.get('period'))})"
        if rollup.region and q.get("region") and q.get("region") != rollup.region:
            return f"odrzucony – inne województwo ({REGION_NAMES.get(q.get('region'), q.get('region'))})"
    return DECISIONS.get(decision, "–")


def _quality(rollup) -> tuple[list[str], list[dict]]:
    rows = [{"name": sections.cut(_input_name(q), 80), "lsr": q.get("lsr_id") or "–", "status": _decision(q, rollup),
             "errors": num(q.get("errors", 0)), "warnings": num(q.get("warnings", 0))} for q in rollup.quality]
    counted, files = len(rollup.lsrs), len(rollup.quality)
    passed = count(counted, "LSR, której skoroszyt przeszedł", "LSR, których skoroszyty przeszły",
                   "LSR, których skoroszyty przeszły")
    text = [f"Raport obejmuje {passed} kontrolę bez błędów. Sprawdzono "
            f"{count(files, 'plik wejściowy', 'pliki wejściowe', 'plików wejściowych')}; tabela podaje, co stało się "
            "z każdym z nich."]
    c = rollup.completeness
    if c:
        missing = c.get("missing") or []
        missing_text = ", ".join(map(str, missing)) if isinstance(missing, (list, tuple)) else str(missing)
        text.append(f"Kompletność: oczekiwano {count(c.get('expected') or 0, 'sprawozdania', 'sprawozdań', 'sprawozdań')} LSR, "
                    f"otrzymano {num(c.get('received'))}, w tym poprawnych {num(c.get('valid'))} i z błędami "
                    f"{num(c.get('invalid'))}; stopień sprawozdawczości wynosi {pct(c.get('rate'))}."
                    + (f" Brak sprawozdań LSR o kodach TERYT: {missing_text}." if missing else ""))
    else:
        text.append("Nie podano rejestru oczekiwanych LSR, dlatego nie obliczono stopnia sprawozdawczości.")
    text += _outliers(rollup.outliers)
    return text, rows or [{"name": "–", "lsr": "–", "status": "Brak informacji o plikach.", "errors": "–",
                           "warnings": "–"}]


def _outliers(outliers: list[dict]) -> list[str]:
    """Values to explain found in this run (``monitoring.outliers``; DESIGN §11), each with the coordinator's
    explanation or that there is none: warnings to check, not errors."""
    if not outliers:
        return []
    from ..monitoring.outliers import outlier_text

    explained = sum(1 for o in outliers if o.get("explanation"))
    lsrs = len({o["lsr_id"] for o in outliers})
    head = (f"Wartości do wyjaśnienia: {count(len(outliers), 'ostrzeżenie', 'ostrzeżenia', 'ostrzeżeń')} "
            f"w {count(lsrs, 'LSR', 'LSR', 'LSR')}, w tym wyjaśnione przez koordynatorów: {num(explained)}. Program "
            "porównuje liczby każdej LSR z jej poprzednim okresem tego samego rodzaju i z innymi LSR województwa; "
            "duża zmiana nie jest błędem, ale wymaga sprawdzenia przed przyjęciem danych.")
    return [head] + [f"{short_name(o.get('name') or '')} ({o['lsr_id']}): {_lower_first(outlier_text(o))}."
                     for o in outliers]


def _lower_first(title: str) -> str:
    """A rule title inside a sentence: "Brak interesariuszy typu C" → "brak …" (acronyms like "KIS" stay)."""
    return title if title[1:2].isupper() else title[:1].lower() + title[1:]


def _weakness_sentence(recs) -> str:
    """How many kinds of weakness were found and which is the most frequent: all of them when tied."""
    if not recs:
        return f"Żadna z {len(RULES)} reguł modelu nie wskazała słabości w żadnej LSR."
    start = f"Reguły modelu wskazały {count(len(recs), 'rodzaj słabości', 'rodzaje słabości', 'rodzajów słabości')}"
    top = ranking.ties(recs, lambda r: r.count)
    where = f"{top[0].count} z {top[0].total} LSR"
    if len(top) == 1:
        return f"{start}; najczęstsza: {_lower_first(top[0].rule.title)} (w {where})."
    if len(top) == len(recs):
        return f"{start}; każda z nich występuje w tej samej liczbie LSR (w {where}), więc żadna nie jest najczęstsza."
    return f"{start}; najczęstsze, w {where} każda: {join([_lower_first(r.rule.title) for r in top])}."


def _summary(rollup, st, d, matrix, recs, reform_recs, scored) -> list[str]:
    n = len(rollup.lsrs)
    national = rollup.level == "national"
    regions = len({u.region for u in rollup.lsrs})
    total = matrix[-1][2]
    people = (f"Wsparciem objęto łącznie {count(total.value, 'osobę', 'osoby', 'osób')}" if not total.mark else
              f"Liczbę osób objętych wsparciem ukryto ({total.mark}) zgodnie z zasadą ochrony małych liczebności")
    where = f" z {count(regions, 'województwa', 'województw', 'województw')}" if national else ""
    out = [f"Raport przedstawia działalność {n} LSR{where} {period_in(rollup.period)}",
           f"Interesariusza typu C ma {num(st['lsr.with_type_c'])} z {n} LSR, a formalne partnerstwo z jego udziałem "
           f"– {num(st['lsr.with_formal_partnership_c'])}; stanowisko case managera (w kadrze KIS lub partnera) ma "
           f"{num(st['lsr.with_case_manager'])} z {n} LSR.",
           f"{people}; reintegracja społeczna stanowiła {pct(d['share.social_hours'])} godzin udziału (cel 2/3), "
           f"a środki projektowe {pct(d['share.time_limited'])} finansowania."]
    named = [(share, u.name if national else short_name(u.name), row["score"]) for share, u, row in scored]
    if national:
        out.append(ranking.best_and_worst(named, ("województwo", "województwa"),
                                          f"Każde z {count(len(named), 'województwa', 'województw', 'województw')}"))
    else:
        out.append(ranking.best_and_worst(named, ("", ""), f"Każda z {len(named)} LSR"))
    out.append(_weakness_sentence(recs))
    if national:
        k = len(reform_recs)
        out.append(f"Słabości powtarzające się w wielu województwach dały "
                   f"{count(k, 'rekomendację', 'rekomendacje', 'rekomendacji')} reformy instytucjonalnej (001 §1.4, tab. 5)."
                   if k else "Żadna słabość nie powtarza się w dostatecznie wielu województwach, by uzasadnić "
                             "rekomendację reformy instytucjonalnej.")
    return out


ANNEX_INTRO = {False: "Tabele podają dane każdej LSR województwa. Liczebności uczestników mniejsze niż 3 oznaczono "
                      "„<3”, a „X” – liczebności ukryte, aby nie dało się ich odtworzyć z sumy województwa (jak "
                      "w tabeli porównawczej); pozostałe wartości podano tak, jak zgłosiły je LSR.",
               True: "Tabele podają dane każdego województwa (sumy jego LSR). Liczebność uczestników województwa "
                     "chroni ta sama reguła co tabele krajowe („<3”, „X”)."}


def _source(rollup) -> str:
    n = len(rollup.lsrs)
    kind = "krajowe" if rollup.level == "national" else "regionalne"
    return (f"zestawienie {kind} – {count(n, 'skoroszyt', 'skoroszyty', 'skoroszytów')} "
            f"{plural(n, 'Lokalnej Sieci', 'Lokalnych Sieci', 'Lokalnych Sieci')} na rzecz Reintegracji")


def _flow_rows(lsrs) -> tuple[list[dict], list[dict]]:
    """Participant stocks (start, end) and flows (entered, completed, …) as two row lists, never added up."""
    rows = {True: [], False: []}
    for key, label in L.FLOW_STAGE:
        f = [u.stats.get(f"flow.{key}.f", 0) for u in lsrs]
        m = [u.stats.get(f"flow.{key}.m", 0) for u in lsrs]
        cells = [Cell(sum(f), f), Cell(sum(m), m), Cell(sum(f) + sum(m), [a + b for a, b in zip(f, m)])]
        disclosure.protect_rows([cells])
        rows[key in sections.FLOW_STOCKS].append({"label": label, "f": cells[0].text(), "m": cells[1].text(), "total": cells[2].text()})
    return rows[True], rows[False]


def _annex_rows(rollup, people: dict[str, str]) -> list[dict]:
    """One row per compared unit, in the order of TERYT (LSR) or województwo codes; ``people``: as in the
    comparison table (the same cells hidden)."""
    out = []
    for u in rollup.units:
        st, d = u.stats, u.derived
        out.append({"name": sections.cut(short_name(u.name), 70), "lsrs": num(st["lsr.count"]),
                    "stakeholders": num(st["stakeholders"]), "type_c": num(st["stakeholders.type.C"]),
                    "formal": num(st["partnerships.formal"]), "events": num(st["animation.events"]),
                    "people": people[u.unit_id],
                    "services": num(st["services"]), "service_hours": num(st["services.hours"]),
                    "hours": num(st["hours.total"]), "social": pct(d["share.social_hours"]),
                    "funding": pln(st["funding.total"]), "project": pct(d["share.time_limited"])})
    return out


def _group_chart(rows: list[dict], matrix):
    """Participants per category, published values only (hidden cells drawn as 0 and labelled)."""
    body = list(zip(rows[:-1], matrix[:-1]))
    values = [0 if r[2].mark else r[2].value for _, r in body]
    labels = [r[2].text() for _, r in body]
    return charts.later(charts.bars, [row["label"] for row, _ in body], values, value_labels=labels,
                        xlabel="osoby (ogółem)")


def rollup_context(rollup, th: Thresholds, thresholds_source: str, history=None) -> tuple[dict, dict]:
    """Template context and charts (to draw, see ``charts.later``) of a regional or national report;
    with ``history`` (``monitoring.history.History``) also the section on change over time."""
    st = rollup.totals
    d = derive(st)
    national = rollup.level == "national"
    groups, matrix = _count_rows(rollup.lsrs, L.ART1_GROUP, "participants.group.{}.{}")
    stock, moves = _flow_rows(rollup.lsrs)
    flagged = flagged_units(rollup.lsrs, th)          # every rule on every LSR, once
    people = _unit_people(rollup, matrix[-1][2])      # the units' column and the total printed below
    comparison, scored = _comparison(rollup, flagged, people)
    recs = for_units(rollup.lsrs, th, flagged)
    reform_recs = reform(rollup.lsrs, th, flagged) if national else []
    quality_text, quality_rows = _quality(rollup)
    total_cell, women_cell = matrix[-1][2], matrix[-1][0]
    ctx = {
        "unit_name": "Polska" if national else rollup.title.capitalize(),
        "period": period(rollup.period),
        "source": _source(rollup),
        "summary": _summary(rollup, st, d, matrix, recs, reform_recs, scored),
        "indicators_intro": "Wskaźniki względne policzono z sum wszystkich LSR; przy liczbie LSR podano, w ilu z nich "
                            "spełniony jest warunek modelu.",
        "indicators": sections.indicator_rows(st, d, th, lsr=False, participants=total_cell.text(),
                                              women=women_cell.text()),
        "comparison_intro": ("Jednostki uszeregowano według udziału spełnionych kryteriów modelu (reguł rekomendacji, "
                             "które nie wskazały słabości); jednostki z takim samym wynikiem zajmują wspólne miejsce "
                             "(np. „1–4”). " + disclosure.UNIT_NOTE),
        "comparison": comparison,
        "network_text": sections.network_text(st, d),
        "stakeholders": sections.stakeholder_rows(st),
        "disclosure_note": disclosure.NOTE,
        "groups": groups, "flow_stock": stock, "flow_moves": moves, "flow_intro": sections.FLOW_INTRO,
        "services_text": sections.services_text(st, d, th), "services": sections.service_rows(st),
        "funding_text": sections.funding_text(st, d),
        "quality_text": quality_text + [explanations_sentence(st, rollup.lsrs)], "quality_rows": quality_rows,
        "recommendations_intro": (rules_checked.rollup_sentence(rollup.lsrs, criteria_met_all(flagged)) + " "
                                  + (f"{count(len(recs), 'reguła wskazała', 'reguły wskazały', 'reguł wskazało')} "
                                     "słabości; poniżej od najczęstszej (przy równej liczbie LSR – w kolejności "
                                     "katalogu reguł)." if recs else "Żadna reguła nie wskazała słabości.")),
        "recommendations": sections.recommendation_rows(recs),
        "reform_intro": reform_intro(reform_recs, th),          # says when the evidence does not justify any
        "reform": [h for h in [reform_headline(reform_recs, th)] if h] + [r.as_dict() for r in reform_recs],
        "method_text": sections.method_text(thresholds_source, th, "national" if national else "region", len(RULES)),
        "annex_intro": ANNEX_INTRO[national],
        "annex": _annex_rows(rollup, people),
    }
    shown = scored if len(scored) <= CHART_UNITS else scored[:CHART_UNITS // 2] + scored[-(CHART_UNITS // 2):]
    images = {"chart_comparison": charts.later(   # the largest first: it is drawn while the others queue
        charts.bars, [row["name"] for _, _, row in shown], [share * 100 for share, _, _ in shown],
        value_labels=[row["score"] for _, _, row in shown],
        xlabel="% spełnionych kryteriów modelu" + ("" if shown is scored else
                                                  f" (najlepsze i najsłabsze {CHART_UNITS // 2} z {len(scored)}; pełna lista w tabeli)"))}
    images.update(sections.common_charts(st, th))
    images["chart_groups"] = _group_chart(groups, matrix)
    more, more_images = extended_context(rollup.lsrs, st, d, protect=True, quote=not national)
    ctx.update(more)
    images.update(more_images)
    if history is not None:
        more, more_images = rollup_trends(rollup, history)
        if more["trends"].get("headline"):
            ctx["summary"].append(more["trends"]["headline"])
        ctx.update(more)
        images.update(more_images)
    return ctx, images
