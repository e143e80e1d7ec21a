"""Report content shared by the three reports: indicator tables, network, services, funding, charts.

Functions take one statistics dict (an LSR, a region or the country) and return plain rows of
Polish strings for the templates, or PNG charts. Participant counts are handled by the callers
(``lsr.py`` shows them as reported, ``rollup.py`` passes them through disclosure control).
"""
from __future__ import annotations

from typing import Callable

import re

from .. import spec as S
from ..recommendations.config import Thresholds
from ..lang import count, num, pct, plural, pln
from . import charts

L = S.lists
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
TYPE_LABELS = {"A": "A – reintegracja jest głównym celem", "B": "B – reintegracja jest jednym z celów",
               "C": "C – usługi użyteczności publicznej (kultura, edukacja, zdrowie, sport, pracodawcy)"}
FLOW_STOCKS = ("start", "end")          # people on a day; the other flow stages are events in the period
FLOW_INTRO = ("Stan uczestników (na początek i na koniec okresu) i ruch uczestników w okresie pokazano w dwóch "
              "tabelach bez wiersza sumy: to różne wielkości, których nie należy dodawać.")


def clean(value):
    """Recursively strip characters XML 1.0 forbids (they would corrupt the document); other text is kept."""
    if isinstance(value, str):
        return _XML_ILLEGAL.sub("", value)
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean(v) for v in value]
    return value


def short_name(name: str) -> str:
    """Unit name for tables and charts: the common prefix "Lokalna Sieć na rzecz Reintegracji" becomes "LSR"."""
    return re.sub(r"^Lokalna Sieć na rzecz Reintegracji\b", "LSR", name or "").strip()


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
    formal = st["partnerships.formal"]
    return [f"Sieć liczy {count(st['stakeholders'], 'interesariusza', 'interesariuszy', 'interesariuszy')}"
            f", w tym {num(st['stakeholders.type.C'])} typu C ({pct(d['share.type_c'])}). "
            f"Zgłoszono {count(st['partnerships'], 'partnerstwo', 'partnerstwa', 'partnerstw')}, w tym "
            f"{count(formal, 'formalne', 'formalne', 'formalnych')}"
            f"{', z czego ' + num(st['partnerships.formal_with_c']) + ' z udziałem interesariusza typu C' if formal else ''}. "
            f"{plural(st['animation.events'], 'Odbyło się', 'Odbyły się', 'Odbyło się')} "
            f"{count(st['animation.events'], 'działanie animacyjne', 'działania animacyjne', 'działań animacyjnych')} "
            f"z udziałem {count(st['animation.institutions'], 'instytucji', 'instytucji', 'instytucji')}."]


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


def _hours(value: float, one: str, few: str, many: str, other: str) -> str:
    """Hours with the agreeing word; a fraction keeps one decimal ("1,5 godziny")."""
    return count(value, one, few, many, other, decimals=0 if float(value).is_integer() else 1)


def services_text(st: dict, d: dict, th: Thresholds) -> list[str]:
    hours, social = st["hours.total"], st["hours.social"]
    return [f"Uczestnicy spędzili w zajęciach {_hours(hours, 'godzinę', 'godziny', 'godzin', 'godziny')}, z czego "
            f"na reintegrację społeczną {plural(social, 'przypadła', 'przypadły', 'przypadło', 'przypadło')} "
            f"{_hours(social, 'godzina', 'godziny', 'godzin', 'godziny')} "
            f"({pct(d['share.social_hours'])}; cel modelu: co najmniej {pct(th['social_hours']['min_share'])}, "
            "002, element drugi wzorca).",
            f"Zrealizowano {count(st['services'], 'usługę', 'usługi', 'usług')} o łącznym wymiarze "
            f"{_hours(st['services.hours'], 'godziny', 'godzin', 'godzin', 'godziny')}; usługi w czterech nowych "
            f"obszarach to {pct(d['share.new_profile_hours'])} tych godzin, a partnerzy typu C zrealizowali "
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


def _short_limit(t) -> float:
    """The threshold of short support: up to 18 months (rules v2, 001 lines 7083–7085), else under 12."""
    return t["max_share_up_to_18m"] if "max_share_up_to_18m" in t else t["max_share_under_12m"]


def _duration_row(st: dict, d: dict, t) -> tuple[str, str, str]:
    """The short-support row as the rule in force measures it (18 months in rules v2, 12 before)."""
    if "max_share_up_to_18m" not in t:
        return ("Wsparcie krótsze niż 12 miesięcy", pct(d["share.support_under_12m"]), f"≤ {pct(_short_limit(t))}")
    total = sum(st.get(f"duration.{b}", 0) for b, _ in L.DURATION_BUCKET)
    short = total - st.get("duration.gt18", 0)
    return ("Wsparcie nie dłuższe niż 18 miesięcy", share(short, total), f"≤ {pct(_short_limit(t))}")


def _own_staff_rows(st: dict, n: int) -> list[tuple[str, str, str]]:
    """Case manager and triad in the KIS's own staff (rules v2 keys, counted from any workbook by this
    release; an LSR read from a format-1 rollup file lacks them: ``lsr.counted_v2`` = 0, "nie sprawdzono")."""
    if "lsr.counted_v2" not in st:
        return []
    checked = int(st.get("lsr.counted_v2", 0))
    if not checked:
        return [("w tym w kadrze własnej KIS", "nie sprawdzono", "")]
    where = f"{checked} LSR" if checked == n else f"{checked} sprawdzonych LSR"
    return [("Case manager w kadrze własnej KIS", f"{num(st.get('lsr.with_kis_case_manager', 0))} z {where}",
             "TAK (KIS nr 2)"),
            ("Pełna triada w kadrze własnej KIS", f"{num(st.get('lsr.with_kis_core_triad', 0))} z {where}",
             "TAK (001 §1.3.4)")]


def _process_rows(st: dict, d: dict, th: Thresholds, lsr: bool, hidden: bool = False) -> list[tuple[str, str, str]]:
    """The individual process (template 2.0 only): "nie raportowano" without a 2.0 workbook, never 0;
    in a rollup with a mix, the value says from how many LSRs it comes (targets: rules v2 thresholds)."""
    n, m = int(st.get("lsr.v2", 0)), int(st["lsr.count"])

    def value(key: str, fmt) -> str:
        if not n:
            return "nie raportowano"
        text = fmt(d.get(key))
        return text if lsr or n == m else f"{text} (dane z {n} z {m} LSR)"

    def target(section: str, key: str, sign: str, as_pct: bool = True) -> str:
        v = th.get(section, {}).get(key)
        return "" if v is None else f"{sign} {pct(v) if as_pct else num(v)}"
    return [("Uczestnicy z indywidualnym planem (IPD/IPR)", value("share.ipr_coverage", pct),
             target("plan", "min_share_with_plan", "≥") + " (001 §1.3.9)"),
            ("Uczestnicy na etat case managera",     # × FTE it gives the participants: hidden with them
             "X" if hidden and n else value("caseload.case_manager", lambda v: num(v, 1)),
             target("caseload", "max_per_fte", "≤", as_pct=False)),
            ("Osoby z planem, które współdecydowały o planie", value("share.co_decided", pct),
             target("plan", "min_share_co_decided", "≥") + " (001 §1.3.6)"),
            ("Pracujący pół roku po wyjściu z KIS", value("share.followup_working", pct), "")]


def indicator_rows(st: dict, d: dict, th: Thresholds, *, lsr: bool, participants: str, women: str,
                   posts: tuple[str, str] | None = None) -> list[dict]:
    """Key indicators with the model's target where the model sets one.

    The statistics count a case-manager post and the triad's posts whoever employs them (the KIS or a
    partner), so the rows say so; ``posts`` (the LSR card) gives what the staff sheet shows instead."""
    n = int(st["lsr.count"])

    def flag(key: str) -> str:
        return ("TAK" if st[key] else "NIE") if lsr else f"{num(st[key])} z {n} LSR"

    t = th["short_support"]
    rows = [
        ("Interesariusze sieci", num(st["stakeholders"]), ""),
        ("Udział interesariuszy typu C", pct(d["share.type_c"]), "typ C obecny (001 §3.1 KSR nr 1)"),
        ("Formalne partnerstwo z udziałem typu C", flag("lsr.with_formal_partnership_c"), "TAK (001 §3.1 KSR nr 2)"),
        ("KIS pod auspicjami samorządu", flag("lsr.auspices"), "TAK (KIS nr 1)"),
        ("Stanowisko case managera (kadra KIS lub partnera)", posts[0] if posts else flag("lsr.with_case_manager"),
         "etat KIS (KIS nr 2)"),
        ("Pełna triada kadrowa (kadra KIS lub partnera)", posts[1] if posts else flag("lsr.with_core_triad"),
         "TAK (001 §1.3.4)"),
        *([] if lsr else _own_staff_rows(st, n)),
        ("Etaty kadry (własnej KIS i partnerów)", num(st["staff.fte"], 2), ""),
        ("w tym własnej kadry KIS", num(st["staff.fte.own"], 2), ""),
        ("Uczestnicy w okresie", participants, ""),
        ("w tym kobiety", women, ""),
        ("Udział godzin reintegracji społecznej", pct(d["share.social_hours"]), f"≥ {pct(th['social_hours']['min_share'])}"),
        _duration_row(st, d, t),
        ("Pokrycie czterech nowych obszarów usług", pct(d["new_areas.coverage"]), "100%"),
        ("Odsetek ukończeń zakończonych zatrudnieniem", pct(d["share.employment_outcome"]), ""),
        ("Pomiar miar niezatrudnieniowych", flag("lsr.with_measures"), "TAK (KIS nr 7)"),
        ("Udział środków projektowych", pct(d["share.time_limited"]),
         f"≤ {pct(th['project_funding']['max_share_time_limited'])}"),
        ("Udział dochodów własnych", pct(d["share.own_income"]), "rosnący (tab. 9 nr 1)"),
        ("Bariery bez podjętych działań", num(st["barriers.without_action"]), "0 (001 §1.3.13)"),
        *_process_rows(st, d, th, lsr, hidden=participants in ("X", "<3")),
    ]
    return [{"label": a, "value": b, "target": c or "–"} for a, b, c in rows]


def _readable_note(note: str) -> str:
    """A rule's note names other rules by id ("jak w regule CASE_MANAGER"); a reader gets their titles."""
    from ..recommendations import RULES
    titles = {r.id: r.title for r in RULES}
    return re.sub(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b|\b[A-Z]{4,}\b",
                  lambda m: f"„{titles[m.group(0)]}”" if m.group(0) in titles else m.group(0), note or "")


def recommendation_rows(recs) -> list[dict]:
    """Template rows of recommendations (Word numbers their headings); ``note`` (rules v2: how the rule
    reads the workbook) with rule ids replaced by rule titles."""
    rows = [r.as_dict() for r in recs]
    for row in rows:
        row["note"] = _readable_note(row.get("note") or "")
    return rows


SOURCES = {
    "lsr": "Dane pochodzą ze skoroszytu LSR, który koordynator LSR wypełnił według jednolitego szablonu. Skoroszyt "
           "zawiera wyłącznie liczby zbiorcze, bez danych o poszczególnych osobach; przed przygotowaniem karty "
           "sprawdzono go automatycznie (kompletność, poprawność wartości i zgodność sum).",
    "region": "Dane pochodzą ze skoroszytów LSR województwa, które koordynatorzy LSR wypełnili według jednolitego "
              "szablonu i przekazali do ROPS. Skoroszyty zawierają wyłącznie liczby zbiorcze, bez danych "
              "o poszczególnych osobach. Każdy skoroszyt sprawdzono automatycznie; do zestawienia weszły tylko "
              "skoroszyty bez błędów, a z kilku wersji skoroszytu jednej LSR – najnowsza.",
    "national": "Dane pochodzą z zestawień regionalnych przekazanych przez ROPS (albo wprost ze skoroszytów LSR). "
                "Zestawienie regionalne przechowuje dane każdej LSR osobno, dlatego raport krajowy liczy je tak samo "
                "jak raport regionalny. Skoroszyty LSR zawierają wyłącznie liczby zbiorcze, bez danych o poszczególnych "
                "osobach; do zestawień weszły tylko skoroszyty bez błędów.",
}
AGGREGATION = ("Liczebności (osoby, godziny, usługi, kwoty) są sumami wartości LSR. Wskaźniki względne (udziały "
               "i odsetki) liczone są z sum – licznik i mianownik sumuje się osobno – a nie jako średnie wskaźników "
               "poszczególnych LSR, dlatego dane LSR, województw i kraju są ze sobą spójne. Stan uczestników (na "
               "początek i na koniec okresu) i ruch uczestników w okresie to różne wielkości, więc nie są sumowane "
               "razem. Zapisy na usługi liczą udział osoby w każdej usłudze osobno.")
DISCLOSURE = ("Raport nie jest statystyką publiczną i ustawa o statystyce publicznej go nie obejmuje. Pokazuje "
              "jednak kategorie uczestników związane ze zdrowiem i uzależnieniami, czyli szczególne kategorie "
              "danych osobowych (art. 9 RODO); dlatego LSR przekazują wyłącznie liczby zbiorcze, nigdy dane "
              "o osobach, a liczebności uczestników chroni reguła wzorowana na art. 38 ust. 2 tej ustawy: "
              "liczebności mniejsze niż 3 oznaczono „<3”, a wartości tworzone przez mniej niż 3 LSR albo takie, "
              "w których jedna LSR ma ponad 3/4 sumy, oznaczono „X”; „X” oznacza też wartości ukryte dodatkowo, "
              "aby nie dało się ich odtworzyć z sum lub odsetków.")
NO_DISCLOSURE = ("Karta nie ukrywa małych liczebności: trafia wyłącznie do LSR, która zgłosiła te dane, więc nie "
                 "ujawnia niczego nowego.")


def method_text(thresholds_source: str, th: Thresholds, kind: str, rules: int) -> list[str]:
    """The methodology note: where the data come from, how they are added up, disclosure, rules and thresholds."""
    t = th
    text = [SOURCES[kind], AGGREGATION, DISCLOSURE if kind != "lsr" else NO_DISCLOSURE,
            f"Rekomendacje wynikają z {count(rules, 'jawnej reguły', 'jawnych reguł', 'jawnych reguł')} opartych "
            "na modelu KSR. Każda reguła sprawdza jeden warunek na wskaźnikach jednej LSR; rekomendacja podaje "
            "liczby, które warunku nie spełniły, oczekiwany stan (próg), zalecane działanie i źródło w modelu "
            "(oznaczenia źródeł wyjaśnia wykaz na początku raportu).",
            f"Zastosowano {thresholds_source}. Najważniejsze z nich: reintegracja społeczna co najmniej "
            f"{pct(t['social_hours']['min_share'])} godzin udziału; osoby ze wsparciem "
            f"{'nie dłuższym niż 18' if 'max_share_up_to_18m' in t['short_support'] else 'krótszym niż 12'} miesięcy "
            f"nie więcej niż {pct(_short_limit(t['short_support']))} kończących udział; usługi w co "
            f"najmniej {num(t['new_areas']['min_covered'])} z 4 nowych obszarów; środki projektowe nie więcej niż "
            f"{pct(t['project_funding']['max_share_time_limited'])} finansowania."]
    if kind != "lsr":
        text.append("Reguły sprawdzane są dla każdej LSR osobno; raport podaje, w ilu LSR wystąpiła dana słabość, "
                    "i wymienia te LSR z nazwy. Ranking porządkuje jednostki według udziału spełnionych kryteriów "
                    "modelu (reguł, które nie wskazały słabości); jednostki z takim samym wynikiem zajmują wspólne "
                    "miejsce, zapisane jako przedział (np. „1–4”).")
    return text
