"""Report content shared by the three reports: indicator tables, network, services, funding, charts.

Functions take one statistics dict (an LSR, a region or the country) and return plain rows of
Polish strings for the templates, or PNG charts. Participant counts are handled by the callers
(``lsr.py`` shows them as reported, ``rollup.py`` passes them through disclosure control).
"""
from __future__ import annotations

from typing import Callable

import re

from .. import spec as S
from ..indicators import derive
from ..recommendations.config import Thresholds
from ..lang import num, pct, pln
from . import charts

L = S.lists
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
TYPE_LABELS = {"A": "A – reintegracja jest głównym celem", "B": "B – reintegracja jest jednym z celów",
               "C": "C – usługi użyteczności publicznej (kultura, edukacja, zdrowie, sport, pracodawcy)"}


def clean(value):
    """Recursively strip characters XML 1.0 forbids (they would corrupt the document); other text is kept."""
    if isinstance(value, str):
        return _XML_ILLEGAL.sub("", value)
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean(v) for v in value]
    return value


def cut(text: str, n: int = 120) -> str:
    """Shorten very long input text for table cells."""
    text = text or ""
    return text if len(text) <= n else text[: n - 1] + "…"


def share(part: float, total: float) -> str:
    """``part`` as a percentage of ``total`` ("–" when the total is 0); the "Razem" row gets share(total, total)."""
    return pct(part / total if total else None)


def stakeholder_rows(st: dict) -> list[dict]:
    total = st["stakeholders"]
    rows = [{"label": TYPE_LABELS[t], "value": num(st[f"stakeholders.type.{t}"]),
             "share": share(st[f"stakeholders.type.{t}"], total)} for t in "ABC"]
    rows.append({"label": "Razem", "value": num(total), "share": share(total, total)})
    return rows


def network_text(st: dict, d: dict) -> list[str]:
    return [f"Sieć liczy {num(st['stakeholders'])} interesariuszy, w tym {num(st['stakeholders.type.C'])} typu C "
            f"({pct(d['share.type_c'])}). Zgłoszono {num(st['partnerships'])} partnerstw, w tym "
            f"{num(st['partnerships.formal'])} formalnych, z czego {num(st['partnerships.formal_with_c'])} z udziałem "
            f"interesariusza typu C. Odbyło się {num(st['animation.events'])} działań animacyjnych "
            f"z udziałem {num(st['animation.institutions'])} instytucji."]


def service_rows(st: dict) -> list[dict]:
    total = st["services.hours"]
    rows = []
    for a, label in L.SERVICE_AREA:
        mark = " (nowy obszar)" if a in L.NEW_PROFILE_AREAS else ""
        hours = st[f"services.area.{a}.hours"]
        rows.append({"label": label + mark, "count": num(st[f"services.area.{a}.count"]),
                     "participants": num(st[f"services.area.{a}.participants"]), "hours": num(hours),
                     "share": share(hours, total)})
    rows.append({"label": "Razem", "count": num(st["services"]), "participants": num(st["services.participants"]),
                 "hours": num(total), "share": share(total, total)})
    return rows


def services_text(st: dict, d: dict, th: Thresholds) -> list[str]:
    return [f"Uczestnicy spędzili w zajęciach {num(st['hours.total'])} godzin, z czego reintegracja społeczna "
            f"{num(st['hours.social'])} godzin ({pct(d['share.social_hours'])}; cel modelu: co najmniej "
            f"{pct(th['social_hours']['min_share'])}, 002 element drugi wzorca).",
            f"Zrealizowano {num(st['services'])} usług ({num(st['services.hours'])} godzin); usługi w czterech nowych "
            f"obszarach to {pct(d['share.new_profile_hours'])} godzin, a partnerzy typu C zrealizowali "
            f"{pct(d['share.services_type_c_hours'])} godzin usług. Wartość wkładu rzeczowego partnerów: "
            f"{pln(st['services.in_kind'])}."]


def funding_rows(st: dict) -> list[dict]:
    total = st["funding.total"]
    rows = [{"label": label, "amount": pln(st[f"funding.source.{k}"]), "share": share(st[f"funding.source.{k}"], total)}
            for k, label in L.FUNDING_SOURCE if st[f"funding.source.{k}"]]
    rows.append({"label": "Razem", "amount": pln(total), "share": share(total, total)})
    return rows


def funding_text(st: dict, d: dict) -> list[str]:
    return [f"Łączne finansowanie wyniosło {pln(st['funding.total'])}. Środki projektowe (ograniczone w czasie) to "
            f"{pct(d['share.time_limited'])}, w tym {pct(d['share.ending_6m'])} kończy się w ciągu 6 miesięcy od "
            f"końca okresu; dochody własne (działalność odpłatna, darowizny) to {pct(d['share.own_income'])} "
            "(001 tabela 9 nr 1 zaleca zwiększanie tego udziału)."]


def common_charts(st: dict, th: Thresholds) -> dict[str, Callable[[], bytes]]:
    """Charts (to draw, see ``charts.later``) that do not show participant counts (safe at every level)."""
    area_colors = [charts.ORANGE if a in L.NEW_PROFILE_AREAS else charts.BLUE for a, _ in L.SERVICE_AREA]
    funding = [(label, st[f"funding.source.{k}"]) for k, label in L.FUNDING_SOURCE if st[f"funding.source.{k}"]]
    bars, split = charts.bars, charts.share_split
    return {
        "chart_stakeholders": charts.later(bars, ["typ A", "typ B", "typ C"],
                                           [st[f"stakeholders.type.{t}"] for t in "ABC"],
                                           colors=[charts.GREY, charts.BLUE, charts.ORANGE],
                                           xlabel="liczba interesariuszy", size=(6.4, 1.6)),
        "chart_services": charts.later(bars, [label for _, label in L.SERVICE_AREA],
                                       [st[f"services.area.{a}.hours"] for a, _ in L.SERVICE_AREA], colors=area_colors,
                                       xlabel="godziny usług"),
        "chart_hours": charts.later(split, [("reintegracja społeczna", st["hours.social"]),
                                            ("pozostałe zajęcia", max(0, st["hours.total"] - st["hours.social"]))],
                                    target=th["social_hours"]["min_share"], target_label="cel 2/3"),
        "chart_funding": charts.later(bars, [x for x, _ in funding] or ["brak danych"],
                                      [v for _, v in funding] or [0],
                                      xlabel="zł", value_labels=[pln(v) for _, v in funding] or ["–"]),
    }


def indicator_rows(st: dict, d: dict, th: Thresholds, *, lsr: bool, participants: str, women: str) -> list[dict]:
    """Key indicators with the model's target where the model sets one."""
    n = int(st["lsr.count"])

    def flag(key: str) -> str:
        return ("TAK" if st[key] else "NIE") if lsr else f"{num(st[key])} z {n} LSR"

    t = th["short_support"]
    rows = [
        ("Interesariusze sieci", num(st["stakeholders"]), ""),
        ("Udział interesariuszy typu C", pct(d["share.type_c"]), "typ C obecny (001 §3.1 KSR nr 1)"),
        ("Formalne partnerstwo z udziałem typu C", flag("lsr.with_formal_partnership_c"), "TAK (001 §3.1 KSR nr 2)"),
        ("KIS pod auspicjami samorządu", flag("lsr.auspices"), "TAK (KIS nr 1)"),
        ("Case manager w kadrze KIS", flag("lsr.with_case_manager"), "TAK (KIS nr 2)"),
        ("Pełna triada kadrowa", flag("lsr.with_core_triad"), "TAK (001 §1.3.4)"),
        ("Etaty kadry KIS", num(st["staff.fte"], 2), ""),
        ("Uczestnicy w okresie", participants, ""),
        ("w tym kobiety", women, ""),
        ("Udział godzin reintegracji społecznej", pct(d["share.social_hours"]), f"≥ {pct(th['social_hours']['min_share'])}"),
        ("Wsparcie krótsze niż 12 miesięcy", pct(d["share.support_under_12m"]), f"≤ {pct(t['max_share_under_12m'])}"),
        ("Pokrycie czterech nowych obszarów usług", pct(d["new_areas.coverage"]), "100%"),
        ("Odsetek ukończeń zakończonych zatrudnieniem", pct(d["share.employment_outcome"]), ""),
        ("Pomiar miar niezatrudnieniowych", flag("lsr.with_measures"), "TAK (KIS nr 7)"),
        ("Udział środków projektowych", pct(d["share.time_limited"]),
         f"≤ {pct(th['project_funding']['max_share_time_limited'])}"),
        ("Udział dochodów własnych", pct(d["share.own_income"]), "rosnący (tab. 9 nr 1)"),
        ("Bariery bez podjętych działań", num(st["barriers.without_action"]), "0 (001 §1.3.13)"),
    ]
    return [{"label": a, "value": b, "target": c or "–"} for a, b, c in rows]


def recommendation_rows(recs) -> list[dict]:
    """Template rows of recommendations, numbered."""
    out = []
    for i, r in enumerate(recs, 1):
        row = r.as_dict()
        row["heading"] = f"{i}. {row['title']} [{row['id']}]"
        out.append(row)
    return out


def method_text(thresholds_source: str, *, aggregate: bool) -> list[str]:
    text = ["Rekomendacje wynikają z jawnych reguł opartych na modelu KSR: każda reguła sprawdza jeden warunek "
            "na wskaźnikach, podaje liczby, które go uruchomiły, próg, zalecane działanie i źródło w modelu "
            "(001 – Biała Księga modelu KSR, 002 – testowanie wzorca nowego profilu usług KIS). Katalog reguł: "
            "docs/recommendations.md.",
            f"Progi reguł: {thresholds_source}.",
            "Wskaźniki względne liczone są z sum (nigdy jako średnie wskaźników jednostek), dlatego dane LSR, "
            "województw i kraju są ze sobą spójne."]
    if aggregate:
        text.append("Reguły sprawdzane są dla każdej LSR osobno; raport podaje, w ilu LSR wystąpiła dana słabość, "
                    "i wymienia je z nazwy. Ranking porównuje liczbę spełnionych kryteriów modelu (reguł, które się "
                    "nie uruchomiły).")
    return text
