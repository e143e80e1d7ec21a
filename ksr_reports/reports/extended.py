"""Template context of the sections issue 13 added, shared by the three reports.

``extended_context`` returns the context keys and charts of: network quality, participants who
started, the individual process, life spheres and non-employment measures, completers' outcomes,
follow-up, art. 18 services, funding lines, barriers and good practices. ``protect`` is True for
the published reports (regional, national: participant counts pass disclosure control) and False
for the LSR card; ``quote`` says whether the coordinators' texts are quoted (not in the national
report, which shows counts only).
"""
from __future__ import annotations

from .. import spec as S
from ..lang import count, pct, plural
from . import charts, network_quality as nq, results as R, texts as T

L = S.lists


def _outcomes_text(d: dict, protect: bool) -> str:
    """Completers and the employment share; a published report gives no count here (the table is protected)."""
    done = d.get("completed") or 0
    tail = ("Tabela podaje, co osoby, które ukończyły udział, robiły po wyjściu z KIS (kategorie sprawozdania KIS "
            "dla wojewody).")
    if not done:
        return "W okresie nikt nie ukończył udziału. " + tail
    share = f"zatrudnienie podjęło {pct(d.get('share.employment_outcome'))} z nich"
    if protect:
        return f"Spośród osób, które ukończyły udział, {share}. {tail}"
    return f"Udział {plural(done, 'ukończyła', 'ukończyły', 'ukończyło')} {count(done, 'osoba', 'osoby', 'osób')}; {share}. {tail}"


def _followup_text(lsrs, card: bool) -> list[str]:
    out = ["Monitoring pół roku po wyjściu z KIS jest częścią karty usługi (001 §1.3.9); odsetki liczono wśród "
           "osób, z którymi się skontaktowano."]
    note = R.coverage_sentence(lsrs, card)
    return out + ([note] if note else [])


def _started_text(lsrs, card: bool) -> list[str]:
    out = ["Osoby, które rozpoczęły udział w okresie, według kategorii z art. 1 ust. 2 ustawy – pozycja "
           "sprawozdania KIS dla wojewody."]
    note = R.coverage_sentence(lsrs, card)
    return out + ([note] if note else [])


def _sphere_chart(rows: list[dict]):
    values, labels = [], []
    for (key, _), row in zip(L.LIFE_SPHERE, rows):
        share = row["share"]
        labels.append(share)
        try:
            values.append(float(share.replace("%", "").replace(",", ".").replace("\u00a0", "")))
        except ValueError:                      # "X" or "–": drawn as 0, labelled as in the table
            values.append(0.0)
    return charts.later(charts.bars, [lab for _, lab in L.LIFE_SPHERE], values, value_labels=labels,
                        xlabel="% osób z poprawą wśród osób z deficytem")


def extended_context(lsrs, st: dict, d: dict, *, protect: bool, quote: bool, card: bool = False) -> tuple[dict, dict]:
    """Context keys and charts (see ``charts.later``) of the issue 13 sections."""
    spheres = R.sphere_rows(lsrs, protect)
    ctx = {
        "network_quality_text": nq.quality_text(lsrs, card=card),
        "network_quality": nq.quality_rows(lsrs, card=card),
        "started_text": _started_text(lsrs, card), "started": R.started_rows(lsrs, protect),
        "process_text": R.process_text(lsrs, protect, card), "process": R.process_rows(lsrs, protect),
        "results_text": R.results_text(lsrs, d, spheres), "spheres": spheres, "measures": R.measure_rows(lsrs, protect),
        "outcomes_text": _outcomes_text(d, protect), "outcomes": R.outcome_rows(lsrs, protect),
        "followup_text": _followup_text(lsrs, card), "followup": R.followup_rows(lsrs, protect),
        "art18_text": nq.art18_text(lsrs, card), "art18": nq.art18_rows(lsrs),
        "funding": nq.funding_rows(st, lsrs),
        "barriers_text": T.barriers_text(st), "barriers": T.barrier_rows(st),
        "practices_text": T.practices_text(st, quoted=quote),
    }
    if quote:
        ctx["requests"] = T.request_rows(lsrs, with_lsr=not card)
        ctx["practices"] = T.practice_rows(lsrs, with_lsr=not card)
    return ctx, {"chart_spheres": _sphere_chart(spheres)}
