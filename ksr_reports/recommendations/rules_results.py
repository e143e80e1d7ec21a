"""Rules on support over time, results, funding and barriers to participation.

Sources: 001 §1.3.11–1.3.13 (lines 2840–2950), §3.1 recommendations for the KIS nr 6–7 (7079–7089),
§3.2 nr 4 (7126–7128), table 9 nr 1 (6444–6499), the service card (2683–2744).
"""
from __future__ import annotations

from .. import spec as S
from ..indicators.stats import PARTICIPATION_BARRIERS
from ._base import Rule, count, num, pct, people, plural, share

L = S.lists

# 001 §1.3.13 (l. 2903–2950) and tabela 4, zasada jedenasta (l. 2211–2219): barriers that keep
# PARTICIPANTS from taking part – family/care duties, individual traits, spatial and communication
# barriers. Of BARRIER_CATEGORY: dojazd (transport), obowiązki opiekuńcze uczestników (care_duties),
# motywacja (motivation, the participant's individual trait). Finansowe, kadrowe, współpraca, prawne
# are the institution's own problems and "inne" is unknown: they do not count here. The statistics
# ``barriers.participation`` / ``barriers.participation_without_action`` count them (PARTICIPATION_BARRIERS
# in indicators/stats.py); an LSR read from a format-1 rollup file lacks them: the rule is not evaluated.
_BARRIER_NAMES = dict(L.BARRIER_CATEGORY)
UP_TO_18M = tuple(b for b, _ in L.DURATION_BUCKET if b != "gt18")


def _leavers(st) -> float:
    return sum(st[f"duration.{b}"] for b, _ in L.DURATION_BUCKET)


def _up_to_18m(st) -> float:
    return sum(st[f"duration.{b}"] for b in UP_TO_18M)


def _short_support(st, d, th) -> bool:
    t = th["short_support"]
    n = _leavers(st)
    return n >= t["min_leavers"] and _up_to_18m(st) / n > t["max_share_up_to_18m"]


def _duration_evidence(st, d, th) -> str:
    n, short = _leavers(st), _up_to_18m(st)
    under12 = sum(st[f"duration.{b}"] for b in L.SHORT_DURATION_BUCKETS)
    return (f"Spośród {count(n, 'osoby kończącej', 'osób kończących', 'osób kończących')} udział w okresie {people(short)} ({pct(share(short, n))}) "
            f"{plural(short, 'korzystała', 'korzystały', 'korzystało')} ze wsparcia nie dłużej niż 18 miesięcy, "
            f"w tym krócej niż 12 miesięcy: {num(under12)}.")


def _funding_check(st, d, th) -> bool:
    t = th["project_funding"]
    if not st["funding.total"]:
        return False
    return ((d["share.time_limited"] or 0) > t["max_share_time_limited"]
            or (d["share.ending_6m"] or 0) > t["max_share_ending_6m"]
            or (d["share.own_income"] or 0) < t["min_share_own_income"])


def _funding_evidence(st, d, th) -> str:
    return (f"Środki projektowe (ograniczone w czasie) to {num(st['funding.time_limited'])} z {num(st['funding.total'])} zł "
            f"({pct(d['share.time_limited'])} finansowania); w ciągu 6 miesięcy od końca okresu kończy się "
            f"{num(st['funding.ending_6m'])} zł ({pct(d['share.ending_6m'])}); dochody własne z działalności odpłatnej "
            f"lub gospodarczej i darowizn: {num(st['funding.own_income'])} zł ({pct(d['share.own_income'])}).")


def _measured(st) -> float:
    """Persons measured on the most-measured non-employment measure: a lower bound of the persons measured
    on any measure (one person may be measured on several, so the measures cannot be added)."""
    return max(st[f"measures.{m}.measured"] for m, _ in L.NON_EMPLOYMENT_MEASURE)


def _measures_weak(st, d, th) -> bool:
    n = d["participants"] or 0
    return n > 0 and _measured(st) / n < th["measures"]["min_share_measured"]


def _measures_evidence(st, d, th) -> str:
    n, m = d["participants"] or 0, _measured(st)
    return (f"Przy {count(n, 'osobie uczestniczącej', 'osobach uczestniczących', 'osobach uczestniczących')} w okresie najczęściej mierzoną "
            f"miarą niezatrudnieniową objęto {count(m, 'osobę', 'osoby', 'osób')} ({pct(share(m, n))}).")


def _barriers_evidence(st, d, th) -> str:
    n, open_ = st.get("barriers.participation", 0), st.get("barriers.participation_without_action", 0)
    kinds = ", ".join(_BARRIER_NAMES[b] for b in PARTICIPATION_BARRIERS)
    return (f"Zgłoszono {num(n)} {plural(int(n), 'barierę', 'bariery', 'barier')} uczestnictwa ({kinds}), "
            f"z czego {num(open_)} bez żadnego podjętego działania.")


def _followup_weak(st, d, th) -> bool:
    t = th["followup"]
    done = d["completed"] or 0
    return done >= t["min_completed"] and st.get("followup.followed_up", 0) / done < t["min_share"]


def _followup_evidence(st, d, th) -> str:
    done, fu = d["completed"] or 0, st.get("followup.followed_up", 0)
    return (f"Pół roku po wyjściu z KIS skontaktowano się z {count(fu, 'osobą', 'osobami', 'osobami')}, przy "
            f"{count(done, 'osobie kończącej', 'osobach kończących', 'osobach kończących')} udział w okresie ({pct(share(fu, done))}).")


RESULT_RULES: dict[str, Rule] = {r.id: r for r in (
    Rule("DLUGOSC_WSPARCIA", "Zbyt krótkie wsparcie uczestników",
         lambda st, d, th: (f"odsetek osób ze wsparciem nie dłuższym niż 18 miesięcy nie większy niż "
                            f"{pct(th['short_support']['max_share_up_to_18m'])} (gdy kończących udział jest co "
                            f"najmniej {num(th['short_support']['min_leavers'])})"),
         _short_support, _duration_evidence,
         "Wydłużyć ścieżki reintegracji ponad 18 miesięcy: planować wsparcie długoterminowe, ze stopniowym "
         "zwiększaniem aktywności uczestników i możliwością powrotu do usług.",
         "001 l. 7079–7085 (§3.1, rekomendacje dla KIS nr 6: interwencja 9–12, a nawet 18 miesięcy jest za krótka); "
         "l. 2840–2882 (§1.3.11); tabela 4, zasada dziewiąta (l. 2181–2191)",
         "większość uczestników kończy wsparcie przed upływem 18 miesięcy",
         {"gmina": "finansować wsparcie KIS w cyklu dłuższym niż okres projektu",
          "rops": "analizować w regionie czas trwania wsparcia",
          "ministerstwo": "znieść ograniczenia długości wsparcia wynikające z logiki projektowej"},
         {"gmina": "świadczenie i rozwój usług", "rops": "badania i analizy regionalne",
          "ministerstwo": "ustalanie kierunków polityki reintegracji"},
         note="Źródło uznaje za zbyt krótkie nawet 18 miesięcy, nie podaje udziału; próg udziału jest założeniem "
              "(część osób kończy udział wcześniej, np. po podjęciu pracy)."),
    Rule("FINANSOWANIE", "Niestabilne finansowanie i brak dochodów własnych",
         lambda st, d, th: (f"środki projektowe nie więcej niż {pct(th['project_funding']['max_share_time_limited'])} "
                            f"finansowania, środki kończące się w ciągu 6 miesięcy nie więcej niż "
                            f"{pct(th['project_funding']['max_share_ending_6m'])}, a dochody własne co najmniej "
                            f"{pct(th['project_funding']['min_share_own_income'])}"),
         _funding_check, _funding_evidence,
         "Zapewnić KIS stabilne finansowanie z budżetu gminy przed końcem projektu i zwiększać udział dochodów "
         "z działalności odpłatnej lub gospodarczej.",
         "001 l. 7126–7128 (§3.2 nr 4: stabilne finansowanie); l. 6444–6499 (tabela 9 nr 1: zwiększać udział "
         "przychodów z własnej działalności odpłatnej lub gospodarczej)",
         "finansowanie opiera się głównie na środkach projektowych, wkrótce się kończy albo nie ma dochodów własnych",
         {"gmina": "zabezpieczyć w budżecie gminy finansowanie KIS po zakończeniu projektów",
          "rops": "planować regionalne środki pomostowe",
          "ministerstwo": "zapewnić stabilne finansowanie KIS i warunki prawne działalności odpłatnej"},
         {"gmina": "planowanie lokalne", "rops": "planowanie regionalne", "ministerstwo": "zapewnianie finansowania"},
         note="Dochody własne to działalność odpłatna lub gospodarcza i darowizny; ich minimalny udział jest "
              "założeniem (tabela 9 nr 1 mówi o zwiększaniu udziału, nie podaje liczby)."),
    Rule("MIARY_NIEZATRUDNIENIOWE", "Mało uczestników objętych pomiarem niezatrudnieniowych miar sukcesu",
         lambda st, d, th: (f"najczęściej mierzoną miarą niezatrudnieniową objęto co najmniej "
                            f"{pct(th['measures']['min_share_measured'])} uczestniczących w okresie"),
         _measures_weak, _measures_evidence,
         "Wprowadzić narzędzia pomiaru zmian niezatrudnieniowych (komunikacja, sprawy formalne, zdrowie, motywacja, "
         "więzi społeczne, samoocena i in.) i stosować je wobec wszystkich uczestników.",
         "001 l. 7087–7089 (§3.1, rekomendacje dla KIS nr 7); l. 2883–2899 (§1.3.12); tabela 4, zasada dziesiąta "
         "(l. 2193–2209)",
         "pomiarem niezatrudnieniowych miar sukcesu objęto mało uczestników",
         {"gmina": "wymagać od KIS sprawozdawania miar niezatrudnieniowych",
          "rops": "upowszechniać narzędzia pomiaru skuteczności reintegracji społecznej",
          "ministerstwo": "opracować standardowe narzędzia pomiaru skuteczności reintegracji społecznej"},
         {"gmina": "nadzór nad jakością / superwizja", "rops": "upowszechnianie metodyk działania i innowacji",
          "ministerstwo": "badania i analizy"},
         note="Liczba osób objętych pomiarem to liczba przy najczęściej mierzonej mierze (osoby mierzonej kilkoma "
              "miarami nie można policzyć dwa razy); próg jest założeniem."),
    Rule("BARIERY", "Bariery uczestnictwa bez podjętych działań",
         lambda st, d, th: ("każda zgłoszona bariera uczestnictwa (dojazd, obowiązki opiekuńcze uczestników, "
                            "motywacja) ma opisane podjęte działanie"),
         lambda st, d, th: st.get("barriers.participation_without_action", 0) > 0, _barriers_evidence,
         "Dla każdej bariery uczestnictwa zaplanować działanie (np. dowóz lub refundacja dojazdów, opieka nad osobami "
         "zależnymi w czasie zajęć, wsparcie motywacyjne) i w razie potrzeby zwrócić się o wsparcie do RSR.",
         "001 l. 2903–2950 (§1.3.13: bariery uczestnictwa – role opiekuńcze, odległość); tabela 4, zasada "
         "jedenasta (l. 2211–2219)",
         "bariery uczestnictwa pozostają bez działań",
         {"gmina": "finansować usługi znoszące bariery uczestnictwa (dowóz, opieka nad osobami zależnymi)",
          "rops": "zbierać zgłaszane bariery i odpowiadać wsparciem subsydiarnym",
          "ministerstwo": "uwzględnić koszty znoszenia barier uczestnictwa w finansowaniu KIS"},
         {"gmina": "świadczenie i rozwój usług", "rops": "wsparcie subsydiarne",
          "ministerstwo": "zapewnianie finansowania"},
         note="Liczą się bariery kategorii: dojazd, obowiązki opiekuńcze uczestników, motywacja. Bariery finansowe, "
              "kadrowe, współpracy i prawne to problemy instytucji, nie uczestników; pokazują je raporty, ale nie "
              "ta reguła. Dla LSR z zestawienia w starszym formacie (bez podziału barier) reguła nie jest sprawdzana.",
         needs=("lsr.counted_v2",)),
    Rule("MONITORING_PO_WYJSCIU", "Brak kontaktu z uczestnikami pół roku po wyjściu z KIS",
         lambda st, d, th: (f"z co najmniej {pct(th['followup']['min_share'])} osób kończących udział skontaktowano "
                            f"się pół roku po wyjściu (gdy kończących jest co najmniej "
                            f"{num(th['followup']['min_completed'])})"),
         _followup_weak, _followup_evidence,
         "Prowadzić monitoring pół roku po wyjściu z KIS: ustalić kontakt z każdą osobą kończącą udział i zapisać "
         "jej sytuację w karcie usług.",
         "001 l. 2719–2726 (karta usług: monitoring pół roku po wyjściu z KIS)",
         "nie monitoruje się sytuacji uczestników pół roku po wyjściu",
         {"gmina": "wymagać od KIS monitoringu po wyjściu uczestnika",
          "rops": "zbierać i analizować wyniki monitoringu po wyjściu w regionie",
          "ministerstwo": "wpisać monitoring po wyjściu do standardu usług i do sprawozdawczości"},
         {"gmina": "nadzór nad jakością / superwizja", "rops": "badania i analizy regionalne",
          "ministerstwo": "badania i analizy"},
         since="2.0",
         note="Mianownikiem są osoby, które ukończyły udział w okresie (przybliżenie grupy, z którą kontakt przypada "
              "pół roku później); próg jest założeniem."),
)}
