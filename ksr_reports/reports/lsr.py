"""Context of the LSR monitoring card (feedback to the LSR that filled the workbook).

No disclosure control here, on purpose: the card goes back to the LSR itself, which reported
these very counts, so small counts reveal nothing new (DESIGN §2 applies to published aggregates).
"""
from __future__ import annotations

from .. import spec as S
from ..indicators import derive, lsr_stats
from ..recommendations import RULES, criteria_met, for_lsr
from ..recommendations.config import Thresholds
from ..lang import count, date, num, pct, period, period_in, plural, pln
from ..indicators.stats import kis_post as _kis_post   # the KIS's own post as the rules read it
from ..indicators.model import Unit
from . import charts, rules_checked, sections
from .extended import extended_context
from .texts import explanation_rows, explanations_sentence
from .trends import lsr_trends
from ..rollup.texts import lsr_texts

L = S.lists
SEVERITY = {"error": "błąd", "warning": "ostrzeżenie"}
FORM_LABELS = (("lsr_name", "Nazwa LSR"), ("teryt", "Kod TERYT gminy siedziby"), ("gmina", "Gmina"),
               ("powiat", "Powiat"), ("voivodeship", "Województwo"), ("kis_name", "KIS – węzeł główny"),
               ("kis_anchoring", "Umocowanie KIS"), ("auspices", "Pod auspicjami samorządu"),
               ("created_on", "Data utworzenia LSR"), ("creation_mode", "Tryb utworzenia"),
               ("coordinator", "Koordynator"), ("filled_on", "Data wypełnienia"))
LOOKUPS = {"kis_anchoring": dict(L.KIS_ANCHORING), "creation_mode": dict(L.CREATION_MODE),
           "auspices": dict(L.YES_NO), "voivodeship": dict(L.VOIVODESHIPS)}


def _form_rows(form: dict) -> list[dict]:
    rows = []
    for key, label in FORM_LABELS:
        value = form.get(key)
        value = LOOKUPS.get(key, {}).get(value, value)
        if key in ("created_on", "filled_on") and value not in (None, ""):
            value = date(value)
        rows.append({"label": label, "value": "–" if value in (None, "") else str(value)})
    return rows


def _count_rows(grid: dict, row_list) -> list[dict]:
    rows = []
    for key, label in row_list:
        f, m = grid.get((key, "f"), 0), grid.get((key, "m"), 0)
        rows.append({"label": label, "f": num(f), "m": num(m), "total": num(f + m)})
    return rows


def _summary(form: dict, st: dict, d: dict, recs, checked: int) -> list[str]:
    name = form.get("lsr_name") or form.get("teryt") or "LSR"
    people, women, completed = d["participants"] or 0, d["participants.women"] or 0, d["completed"] or 0
    emp = round((d["share.employment_outcome"] or 0) * completed)
    out = [f"{name} (gmina {form.get('gmina') or '–'}, województwo "
           f"{dict(L.VOIVODESHIPS).get(form.get('voivodeship'), '–')}) {period_in(form.get('period'))} zrzeszała "
           f"{count(st['stakeholders'], 'interesariusza', 'interesariuszy', 'interesariuszy')}, w tym "
           f"{num(st['stakeholders.type.C'])} typu C ({pct(d['share.type_c'])}).",
           f"KIS objął wsparciem {count(people, 'osobę', 'osoby', 'osób')} (w tym "
           f"{count(women, 'kobietę', 'kobiety', 'kobiet')}); udział "
           f"{plural(completed, 'ukończyła', 'ukończyły', 'ukończyło')} {count(completed, 'osoba', 'osoby', 'osób')}"
           + (f", a {num(emp)} z nich {plural(emp, 'podjęła', 'podjęły', 'podjęło')} zatrudnienie "
              f"({pct(d['share.employment_outcome'])})." if completed else "."),
           f"Reintegracja społeczna stanowiła {pct(d['share.social_hours'])} godzin udziału (cel modelu: 2/3); usługi "
           f"objęły {int(st['lsr.new_areas_covered'])} z 4 nowych obszarów, a finansowanie wyniosło "
           f"{pln(st['funding.total'])}, w tym {pct(d['share.time_limited'])} środków projektowych."]
    if recs:
        titles = "; ".join(r.rule.title[:1].lower() + r.rule.title[1:] if not r.rule.title[1:2].isupper()
                           else r.rule.title for r in recs)
        out.append(f"Reguły modelu wskazały {count(len(recs), 'obszar', 'obszary', 'obszarów')} do poprawy: {titles}.")
    else:
        out.append(rules_checked.lsr_none_fired(checked, st))
    return out


def _posts(data) -> tuple[str, str]:
    """What the staff sheet shows about the case manager and the triad: whose staff holds the posts
    (column "Własna kadra KIS"), not the claim that the KIS employs them (issue 13: say what was checked)."""
    own: dict[str, bool] = {}
    for r in data.tables["staff"]:
        if r.get("role") and (r.get("fte") or 0) > 0:
            own[r["role"]] = own.get(r["role"], False) or _kis_post(r)

    def who(roles) -> str:
        held = [own[x] for x in roles if x in own]
        if not held:
            return "NIE"
        return "TAK – kadra KIS" if any(held) else "TAK – tylko kadra partnera"
    cm = who(("case_manager",))
    triad_roles = (("psychologist", "psychotherapist"), ("social_worker",), ("pedagogue",))
    if not all(any(x in own for x in alt) for alt in triad_roles):
        return cm, "NIE"
    all_own = all(any(own.get(x) for x in alt) for alt in triad_roles)
    return cm, "TAK – kadra KIS" if all_own else "TAK – częściowo kadra partnera"


def _quality(report) -> tuple[list[str], list[dict]]:
    if report is None:
        return ["Kartę przygotowano z danych bez informacji o sprawdzeniu skoroszytu."], \
               [{"severity": "–", "where": "–", "message": "Brak informacji o sprawdzeniu skoroszytu."}]
    errors, warnings = len(report.errors), len(report.warnings)
    text = [f"Skoroszyt sprawdzono automatycznie: {count(errors, 'błąd', 'błędy', 'błędów')}, "
            f"{count(warnings, 'ostrzeżenie', 'ostrzeżenia', 'ostrzeżeń')}. "
            + ("Plik może być przyjęty do zestawienia regionalnego." if not errors
               else "Błędy wykluczają plik z zestawienia regionalnego.")]
    rows = [{"severity": SEVERITY.get(f.severity, f.severity) + (" (wyjaśnione)" if getattr(f, "explanation", None) else ""),
             "where": f"arkusz {f.sheet}, komórka {f.cell}" if f.cell else f"arkusz {f.sheet}",
             "message": sections.cut(f.message, 300)} for f in report.issues]
    return text, rows or [{"severity": "–", "where": "–", "message": "Brak uwag – skoroszyt jest poprawny."}]


def _source(report) -> str:
    name = getattr(report, "path", None) and report.path.name
    where = f"skoroszyt {name}" if name else "skoroszyt"
    return f"{where} wypełniony przez koordynatora Lokalnej Sieci na rzecz Reintegracji"


def lsr_context(data, report, th: Thresholds, thresholds_source: str, history=None) -> tuple[dict, dict[str, bytes]]:
    """Template context and charts of the LSR card from typed workbook data (and its validation report);
    with ``history`` (a ``History``, or ``(lsr_id, period) -> History``) also the LSR's own history."""
    st = lsr_stats(data)
    d = derive(st)
    form = data.form
    recs = for_lsr(st, th)
    checked = criteria_met(st, th)[1]          # rules the LSR reported the data for (not all for a 1.0 workbook)
    groups = _count_rows(data.grids["groups"], L.ART1_GROUP)
    flow = _count_rows(data.grids["flow"], L.FLOW_STAGE)
    keys = [k for k, _ in L.FLOW_STAGE]
    quality_text, findings = _quality(report)
    units = [Unit(form.get("teryt") or "", form.get("lsr_name") or "", "lsr", "", form.get("period") or "", st,
                  texts=lsr_texts(data))]
    ctx = {
        "unit_name": form.get("lsr_name") or f"LSR {form.get('teryt') or ''}",
        "period": period(form.get("period")),
        "source": _source(report),
        "summary": _summary(form, st, d, recs, checked),
        "indicators_intro": "Wskaźniki policzono z danych skoroszytu; kolumna „Cel w modelu” podaje wartość oczekiwaną.",
        "indicators": sections.indicator_rows(st, d, th, lsr=True, participants=num(d["participants"]),
                                              women=num(d["participants.women"]), posts=_posts(data)),
        "form": _form_rows(form),
        "network_text": sections.network_text(st, d),
        "stakeholders": sections.stakeholder_rows(st),
        "disclosure_note": "Karta monitoringowa to informacja zwrotna dla LSR: dane o uczestnikach pokazano tak, jak "
                           "je zgłoszono, bez ukrywania małych liczebności, bo karta trafia wyłącznie do LSR, która "
                           "je zgłosiła.",
        "groups": groups, "flow_intro": sections.FLOW_INTRO,
        "flow_stock": [r for k, r in zip(keys, flow) if k in sections.FLOW_STOCKS],
        "flow_moves": [r for k, r in zip(keys, flow) if k not in sections.FLOW_STOCKS],
        "services_text": sections.services_text(st, d, th), "services": sections.service_rows(st),
        "funding_text": sections.funding_text(st, d),
        "quality_text": quality_text + [explanations_sentence(st, units)], "findings": findings,
        "explanations": explanation_rows(units) or [{"where": "–", "text": "Koordynator nie dopisał wyjaśnień."}],
        "recommendations_intro": rules_checked.lsr_sentence(checked, st, len(recs)),
        "recommendations": sections.recommendation_rows(recs),
        "method_text": sections.method_text(thresholds_source, th, "lsr", len(RULES)),
    }
    more, more_images = extended_context(units, st, d, protect=False, quote=True, card=True)
    ctx.update(more)
    images = sections.common_charts(st, th)
    images.update(more_images)
    images["chart_groups"] = charts.later(
        charts.grouped_bars,
        [label for _, label in L.ART1_GROUP],
        {"kobiety": [data.grids["groups"].get((g, "f"), 0) for g, _ in L.ART1_GROUP],
         "mężczyźni": [data.grids["groups"].get((g, "m"), 0) for g, _ in L.ART1_GROUP]}, xlabel="osoby")
    if history is not None:
        unit = units[0]
        if callable(history):
            history = history(unit.unit_id, unit.period)
        more, more_images = lsr_trends(unit, history)
        ctx.update(more)
        images.update(more_images)
    return ctx, images
