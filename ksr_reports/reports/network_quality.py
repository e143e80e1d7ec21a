"""Network quality and the CAS items of template 2.0 in the reports (issue 13 items 1 and 6).

Who leads the partnerships (001 lines 778–780: "Ich liderem powinien być także KIS"), evaluations of
cooperation (001 lines 2588–2596: "co pół roku" with the "Karta oceny współpracy międzysektorowej"),
LSR meetings, local monitoring (004 card 4, lines 1363–1375), the regional konwent / RSR, case
supervision of KIS staff (002 lines 173–177), volunteers by sex, the art. 18 ust. 2 services and the
two funding lines of the KIS annual report (DESIGN §2, §10). Template 1.0 asked none of these: for a
unit without 2.0 workbooks every value is "nie raportowano", with a mix the row says from how many
LSRs the value comes (``results.coverage_note``). None of these counts persons in a health or
addiction category, so no disclosure control applies (volunteers and staff, not participants).
"""
from __future__ import annotations

from .. import spec as S
from ..lang import num, pct, pln
from .results import NOT_REPORTED, coverage_note, lsr_total, not_reported_row, v2_count

L = S.lists
V2_FUNDING = S.lists.FUNDING_SOURCES_SINCE_2         # funding lines since 2.0 (KIS annual report / CAS)
ART18 = tuple(x for x in L.ART18_SERVICE if x[0] != "none")


def _sum(lsrs, key: str, only_v2: bool = True) -> float:
    return sum(u.stats.get(key, 0) for u in lsrs if u.stats.get("lsr.v2", 0) or not only_v2)


def quality_rows(lsrs, *, card: bool) -> list[dict]:
    """Rows (label, value, note) of the network-quality table; ``card``: one LSR, values as TAK/NIE."""
    n = v2_count(lsrs)
    note = coverage_note(lsrs)
    if not n:
        return [{"label": label, "value": NOT_REPORTED, "note": src} for label, _, src in _ROWS]
    rows = []
    for label, value, src in _ROWS:
        rows.append({"label": label, "value": value(lsrs, n, card), "note": "; ".join(x for x in (src, note) if x)})
    return rows


def _flag(key: str):
    def value(lsrs, n, card):
        got = int(_sum(lsrs, key))
        return ("TAK" if got else "NIE") if card else f"{num(got)} z {num(n)} LSR"
    return value


def _of(key: str, base: str):
    def value(lsrs, n, card):
        got, total = _sum(lsrs, key), _sum(lsrs, base)
        return f"{num(got)} z {num(total)}" if total else "–"
    return value


def _plain(key: str, decimals: int = 0):
    def value(lsrs, n, card):
        return num(_sum(lsrs, key), decimals)
    return value


def _volunteers(lsrs, n, card):
    f, m = _sum(lsrs, "volunteers.f"), _sum(lsrs, "volunteers.m")
    return f"{num(f + m)} (kobiety {num(f)}, mężczyźni {num(m)})"


_ROWS = (
    ("Partnerstwa, których liderem jest KIS", _of("partnerships.kis_leads", "partnerships"), "001 §1.2.2"),
    ("w tym partnerstwa formalne", _of("partnerships.formal_kis_leads", "partnerships.formal"), ""),
    ("LSR z formalnym partnerstwem prowadzonym przez KIS", _flag("lsr.with_formal_partnership_kis"), ""),
    ("Oceny współpracy w partnerstwach przeprowadzone w okresie", _plain("partnerships.evaluations"),
     "karta oceny co pół roku, 001 §1.3.7"),
    ("Posiedzenia LSR w okresie", _plain("lsr.meetings"), ""),
    ("Lokalny monitoring LSR prowadzony", _flag("lsr.local_monitoring"), "004, karta 4"),
    ("Udział w konwencie regionalnym lub RSR", _flag("lsr.konwent"), "KIS nr 5"),
    ("Superwizja kadry KIS w okresie", _flag("lsr.supervision"), "002, element 3"),
    ("Etaty kadry objętej superwizją", _plain("staff.supervised_fte", 2), ""),
    ("Wolontariusze (osoby)", _volunteers, ""),
)


def quality_text(lsrs, *, card: bool) -> list[str]:
    """One paragraph: what the table checks and from how many LSRs its figures come."""
    n, m = v2_count(lsrs), lsr_total(lsrs)
    text = ("Jakość współpracy w sieci: czy partnerstwa prowadzi KIS, czy współpracę ocenia się co pół roku, jak "
            "często zbiera się LSR, czy prowadzi lokalny monitoring i uczestniczy w konwencie regionalnym "
            "lub RSR oraz czy kadra KIS ma superwizję.")
    if not n:
        return [text + (" Skoroszyt wypełniono w wersji 1.0, która nie zawierała tych pytań – oznaczono je "
                        "„nie raportowano”." if card else " Żadna LSR nie wypełniła skoroszytu w wersji 2.0, "
                        "która zawiera te pytania – oznaczono je „nie raportowano”.")]
    if n < m:
        return [text + f" Dane z {n} z {m} LSR: pozostałe wypełniły wcześniejszą wersję skoroszytu."]
    return [text]


def art18_rows(lsrs) -> list[dict]:
    """Services of art. 18 ust. 2 of the act (count, sign-ups, hours), 2.0 only."""
    if not v2_count(lsrs):
        return not_reported_row("count", "participants", "hours")
    return [{"label": label, "count": num(_sum(lsrs, f"services.art18.{x}.count")),
             "participants": num(_sum(lsrs, f"services.art18.{x}.participants")),
             "hours": num(_sum(lsrs, f"services.art18.{x}.hours"))} for x, label in ART18]


def art18_text(lsrs, card: bool = False) -> str:
    note = coverage_note(lsrs)
    base = ("Usługi z art. 18 ust. 2 ustawy o zatrudnieniu socjalnym (sprawozdanie KIS dla wojewody) podano "
            "obok obszarów usług modelu; jedna usługa może należeć do obu podziałów.")
    if note == NOT_REPORTED:
        return base + (" Skoroszyt w wersji 1.0 nie zawierał tego pytania" if card else
                       " Skoroszyty w wersji 1.0 nie zawierały tego pytania") + " – oznaczono je „nie raportowano”."
    return base + (f" Dane z {note[len('dane z '):]}." if note else "")


def funding_rows(st: dict, lsrs) -> list[dict]:
    """Funding by source; the two 2.0 lines always shown, as "nie raportowano" without 2.0 workbooks.
    Their shares are of the 2.0 LSRs' funding (``v2.funding.total``): the 1.0 LSRs did not report them.
    A rollup file older than that key gives 0 there: then the 2.0 LSRs' ``funding.total`` summed."""
    total = st.get("funding.total", 0)
    total_v2 = st.get("v2.funding.total", 0) or _sum(lsrs, "funding.total")
    note = coverage_note(lsrs)
    rows = []
    for k, label in L.FUNDING_SOURCE:
        amount = st.get(f"funding.source.{k}", 0)
        if k in V2_FUNDING:
            if note == NOT_REPORTED:
                rows.append({"label": label, "amount": NOT_REPORTED, "share": "–"})
                continue
            label = f"{label} ({note}; udział w finansowaniu tych LSR)" if note else label
            rows.append({"label": label, "amount": pln(amount), "share": pct(amount / total_v2 if total_v2 else None)})
            continue
        if not amount:
            continue
        rows.append({"label": label, "amount": pln(amount), "share": pct(amount / total if total else None)})
    rows.append({"label": "Razem", "amount": pln(total), "share": pct(1 if total else None)})
    return rows
