"""Recommendation rules: explainable conditions on the indicators of one LSR (DESIGN §7).

Every rule has an id, a Polish title, the condition (in words, with its thresholds read from
``thresholds.toml``), a test on the additive statistics of one LSR, an evidence sentence built
from the actual figures, the recommended action, the source in the model (seed and section)
and, for the national report, the tasks it implies for gmina / ROPS / ministry (001 §1.4, tab. 5).

Rules are evaluated per LSR. At regional and national level the per-LSR results are counted
("w 2 z 4 LSR …"), because ``lsr.*`` flags are 0/1 per LSR and ratios of sums say nothing about
how many LSRs fall below a threshold.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from .. import spec as S
from ..indicators import derive
from .config import Thresholds
from ..lang import count, num, pct, plural

L = S.lists
AREA_NAMES = dict(L.SERVICE_AREA)
ROLE_NAMES = dict(L.STAFF_ROLE)
TRIAD = (("psychologist", "psychotherapist"), ("social_worker",), ("pedagogue",))  # 001 §1.3.4

Check = Callable[[dict, dict, Thresholds], bool]
Text = Callable[[dict, dict, Thresholds], str]


@dataclass(frozen=True)
class Rule:
    """One explainable recommendation rule."""

    id: str
    title: str
    condition: Text          # the condition in words, with the thresholds in force
    check: Check             # (stats, derived, thresholds) -> weakness found
    evidence: Text           # sentence with the figures of the unit
    action: str
    source: str
    pattern: str             # how the weakness reads in "w N z M LSR <pattern>"
    reform: dict[str, str] = field(default_factory=dict)  # level (gmina/rops/ministerstwo) -> task


def _people(n: float) -> str:
    """A number of persons as the subject of a sentence: "1 osoba", "2 osoby", "5 osób"."""
    return count(n, "osoba", "osoby", "osób")


def _stakeholders_evidence(st, d, th) -> str:
    n = st["stakeholders"]
    a, b, c = (st[f"stakeholders.type.{t}"] for t in "ABC")
    return (f"LSR ma {num(n)} {plural(int(n), 'interesariusza', 'interesariuszy', 'interesariuszy')}: "
            f"typu A – {num(a)}, typu B – {num(b)}, typu C – {num(c)}.")


def _partnership_evidence(st, d, th) -> str:
    p, formal = st["partnerships"], st["partnerships.formal"]
    if not p:
        return "LSR nie zgłosiła żadnego partnerstwa."
    return (f"LSR zgłosiła {num(p)} {plural(int(p), 'partnerstwo', 'partnerstwa', 'partnerstw')}, "
            f"w tym formalnych (umowa partnerska, stowarzyszenie, fundacja): {num(formal)}.")


def _partnership_c_evidence(st, d, th) -> str:
    return (f"LSR ma {count(st['stakeholders.type.C'], 'interesariusza', 'interesariuszy', 'interesariuszy')} typu C "
            f"i {count(st['partnerships.formal'], 'formalne partnerstwo', 'formalne partnerstwa', 'formalnych partnerstw')}, "
            "ale żadne formalne partnerstwo nie obejmuje interesariusza typu C.")


def _staff_evidence(st, d, th) -> str:
    roles = [(ROLE_NAMES[r], st[f"staff.fte.role.{r}"]) for r, _ in L.STAFF_ROLE if st[f"staff.fte.role.{r}"]]
    listed = "; ".join(f"{name} {num(fte, 2)} etatu" for name, fte in roles) or "brak"
    return f"Kadra KIS: {num(st['staff.fte'], 2)} etatu ({listed}); case manager: {num(st['staff.fte.role.case_manager'], 2)} etatu."


def _missing_triad(st) -> list[str]:
    return [" lub ".join(ROLE_NAMES[r] for r in alt) for alt in TRIAD
            if not any(st[f"staff.fte.role.{r}"] > 0 for r in alt)]


def _triad_evidence(st, d, th) -> str:
    missing = _missing_triad(st)
    return f"W kadrze KIS brakuje: {', '.join(missing)} (etaty kadry ogółem: {num(st['staff.fte'], 2)})."


def _hours_evidence(st, d, th) -> str:
    return (f"Reintegracja społeczna to {num(st['hours.social'])} z {num(st['hours.total'])} godzin udziału "
            f"uczestników, czyli {pct(d['share.social_hours'])}.")


def _missing_areas(st) -> list[str]:
    return [AREA_NAMES[a] for a in L.NEW_PROFILE_AREAS if not st[f"lsr.area_covered.{a}"]]


def _areas_evidence(st, d, th) -> str:
    covered = int(st["lsr.new_areas_covered"])
    return (f"Usługi LSR obejmują {covered} z {len(L.NEW_PROFILE_AREAS)} nowych obszarów; brak usług w obszarach: "
            f"{', '.join(_missing_areas(st))}.")


def _duration_total(st) -> float:
    return sum(st[f"duration.{b}"] for b, _ in L.DURATION_BUCKET)


def _short_support(st, d, th) -> bool:
    t = th["short_support"]
    share = d["share.support_under_12m"]
    return _duration_total(st) >= t["min_leavers"] and share is not None and share > t["max_share_under_12m"]


def _duration_evidence(st, d, th) -> str:
    short = sum(st[f"duration.{b}"] for b in L.SHORT_DURATION_BUCKETS)
    return (f"Spośród {count(_duration_total(st), 'osoby', 'osób', 'osób')} kończących udział w okresie "
            f"{_people(short)} ({pct(d['share.support_under_12m'])}) "
            f"{plural(short, 'korzystała', 'korzystały', 'korzystało')} ze wsparcia krócej niż 12 miesięcy.")


def _funding_check(st, d, th) -> bool:
    t = th["project_funding"]
    return bool(st["funding.total"]) and ((d["share.time_limited"] or 0) > t["max_share_time_limited"]
                                          or (d["share.ending_6m"] or 0) > t["max_share_ending_6m"])


def _funding_evidence(st, d, th) -> str:
    return (f"Środki projektowe (ograniczone w czasie) to {num(st['funding.time_limited'])} z {num(st['funding.total'])} zł "
            f"({pct(d['share.time_limited'])} finansowania); w ciągu 6 miesięcy od końca okresu kończy się "
            f"{num(st['funding.ending_6m'])} zł ({pct(d['share.ending_6m'])}).")


def _barriers_evidence(st, d, th) -> str:
    return (f"Zgłoszono {num(st['barriers'])} {plural(int(st['barriers']), 'barierę', 'bariery', 'barier')}, "
            f"z czego {num(st['barriers.without_action'])} bez żadnego podjętego działania.")


def _th(section: str, key: str, as_pct: bool = True) -> Text:
    return lambda st, d, th: pct(th[section][key]) if as_pct else num(th[section][key])


RULES: tuple[Rule, ...] = (
    Rule("TYP_C", "Brak interesariuszy typu C w sieci",
         lambda st, d, th: "co najmniej jeden interesariusz typu C (instytucja spoza pomocy społecznej i rynku pracy)",
         lambda st, d, th: st["stakeholders.type.C"] == 0, _stakeholders_evidence,
         "Pozyskać do LSR instytucje typu C – dom kultury, bibliotekę, szkołę, placówkę ochrony zdrowia, klub sportowy, "
         "lokalnego pracodawcę – i uzgodnić z każdą, z jakich jej usług mogą korzystać uczestnicy KIS.",
         "001 §3.1, rekomendacje dotyczące KSR nr 1 (interesariusze typu C mają znaczenie krytyczne); §1.2.2 A",
         "nie ma interesariusza typu C",
         {"gmina": "włączać gminne instytucje kultury, oświaty, zdrowia i sportu do LSR (sieciowanie, planowanie lokalne)",
          "rops": "prowadzić regionalną bazę instytucji typu C i animować ich udział w LSR (sieciowanie, wsparcie subsydiarne)",
          "ministerstwo": "wpisać udział instytucji spoza pomocy społecznej i rynku pracy do standardu usług reintegracji"}),
    Rule("PARTNERSTWO_FORMALNE", "Brak sformalizowanego partnerstwa",
         lambda st, d, th: "co najmniej jedno partnerstwo formalne (umowa partnerska, stowarzyszenie lub fundacja)",
         lambda st, d, th: st["partnerships.formal"] == 0, _partnership_evidence,
         "Zawrzeć pod przewodnictwem KIS umowę partnerską z kluczowymi członkami LSR, określającą rolę i wkład "
         "każdego partnera; rozważyć konwent instytucji i karty współpracy partnerskiej.",
         "001 §3.1, rekomendacje dotyczące KSR nr 2",
         "nie ma żadnego formalnego partnerstwa (tylko porozumienia nieformalne lub brak partnerstw)",
         {"gmina": "nadawać partnerstwom LSR formę umowy partnerskiej z udziałem jednostek gminy (koordynacja horyzontalna)",
          "rops": "udostępniać LSR wzory umów partnerskich i kart współpracy, szkolić koordynatorów (szkolenia, upowszechnianie metodyk)",
          "ministerstwo": "opracować standard umowy partnerskiej LSR (określanie standardów usług)"}),
    Rule("PARTNERSTWO_TYP_C", "Formalne partnerstwa bez udziału interesariusza typu C",
         lambda st, d, th: "interesariusz typu C w co najmniej jednym formalnym partnerstwie",
         lambda st, d, th: st["stakeholders.type.C"] > 0 and st["partnerships.formal"] > 0
         and st["partnerships.formal_with_c"] == 0, _partnership_c_evidence,
         "Włączyć interesariuszy typu C do formalnego partnerstwa LSR, tak aby ich usługi były dostępne dla "
         "uczestników KIS na podstawie umowy, a nie doraźnie.",
         "001 §3.1, rekomendacje dotyczące KSR nr 1 i nr 2",
         "nie ma formalnego partnerstwa z udziałem interesariusza typu C",
         {"gmina": "zapraszać instytucje typu C do umów partnerskich LSR",
          "rops": "promować partnerstwa z instytucjami typu C w RSR (sieciowanie)",
          "ministerstwo": "premiować w finansowaniu partnerstwa z udziałem instytucji typu C"}),
    Rule("CASE_MANAGER", "Brak case managera w kadrze KIS",
         lambda st, d, th: "case manager w kadrze KIS (etat większy od zera)",
         lambda st, d, th: st["lsr.with_case_manager"] == 0, _staff_evidence,
         "Zatrudnić w KIS case managera (choćby przez przesunięcie etatu z OPS) odpowiedzialnego za indywidualne "
         "plany działania i koordynację usług partnerów LSR.",
         "001 §3.1, rekomendacje dla KIS o poszerzonym profilu nr 2; §1.3.9",
         "w kadrze KIS nie ma case managera",
         {"gmina": "zapewnić KIS etat case managera, np. przez przesunięcie z OPS (świadczenie i rozwój usług)",
          "rops": "szkolić case managerów KIS (szkolenia, upowszechnianie metodyk)",
          "ministerstwo": "wprowadzić obowiązek zatrudniania case managera w KIS i zapewnić jego finansowanie"}),
    Rule("TRIADA", "Niepełna triada kadrowa KIS",
         lambda st, d, th: "w kadrze własnej KIS psycholog lub psychoterapeuta, pracownik socjalny i pedagog",
         lambda st, d, th: st["lsr.with_core_triad"] == 0, _triad_evidence,
         "Uzupełnić kadrę KIS o brakujące profesje triady (także na część etatu lub specjalistów o podwójnych "
         "kompetencjach), tak aby KIS miał własną kadrę specjalistów.",
         "001 §1.3.4 (niezbędna triada profesji pomocowych); §3.1, rekomendacje dla KIS o poszerzonym profilu nr 2",
         "kadra KIS nie obejmuje pełnej triady (psycholog/psychoterapeuta, pracownik socjalny, pedagog)",
         {"gmina": "zapewnić KIS minimalny zakres kadry własnej (świadczenie i rozwój usług)",
          "rops": "wspierać KIS w pozyskiwaniu specjalistów (wsparcie subsydiarne)",
          "ministerstwo": "określić minimalny standard kadrowy KIS (określanie standardów usług)"}),
    Rule("GODZINY_SPOLECZNE", "Za mały udział reintegracji społecznej w godzinach udziału",
         lambda st, d, th: f"reintegracja społeczna co najmniej {pct(th['social_hours']['min_share'])} godzin udziału",
         lambda st, d, th: d["share.social_hours"] is not None and d["share.social_hours"] < th["social_hours"]["min_share"],
         _hours_evidence,
         "Przebudować plan zajęć tak, aby 2/3 tygodniowego uczestnictwa stanowiły zajęcia reintegracji społecznej "
         "(warsztaty integracyjne, poradnictwo indywidualne, akademie), a reintegracja zawodowa była uzupełnieniem.",
         "002, element drugi wzorca (2/3 tygodniowego uczestnictwa); 001 §3.1, rekomendacje dla KIS nr 4",
         "reintegracja społeczna nie osiąga 2/3 godzin udziału",
         {"gmina": "planować ofertę KIS z przewagą reintegracji społecznej (planowanie lokalne)",
          "rops": "upowszechniać wzorzec usług z 2/3 czasu na reintegrację społeczną (upowszechnianie metodyk)",
          "ministerstwo": "wpisać proporcję 2/3 reintegracji społecznej do standardu usług KIS"}),
    Rule("NOWE_OBSZARY", "Nie wszystkie nowe obszary usług są pokryte",
         lambda st, d, th: f"usługi w co najmniej {num(th['new_areas']['min_covered'])} z 4 nowych obszarów "
         "(profilaktyka zdrowotna, kultura i dziedzictwo, edukacja ogólna, sport i rekreacja)",
         lambda st, d, th: st["lsr.new_areas_covered"] < th["new_areas"]["min_covered"], _areas_evidence,
         "Uruchomić z partnerami typu C usługi w brakujących obszarach, np. akademie zdrowia, kultury, sportu "
         "i rekreacji oraz edukację ogólnorozwojową (budżet domowy, obsługa urządzeń elektronicznych).",
         "001 Wstęp (oczekiwane rezultaty KSR: rozszerzenie profilu usług) i §3.1, rekomendacje dotyczące KSR nr 1; "
         "002, element trzeci wzorca",
         "usługi nie obejmują wszystkich nowych obszarów",
         {"gmina": "udostępniać uczestnikom KIS ofertę gminnych instytucji kultury, sportu, oświaty i zdrowia",
          "rops": "upowszechniać akademie i inne formy usług w nowych obszarach (upowszechnianie innowacji)",
          "ministerstwo": "uwzględnić cztery nowe obszary w standardzie usług i w kryteriach finansowania"}),
    Rule("DLUGOSC_WSPARCIA", "Zbyt krótkie wsparcie uczestników",
         lambda st, d, th: f"odsetek osób ze wsparciem krótszym niż 12 miesięcy nie większy niż "
         f"{pct(th['short_support']['max_share_under_12m'])} (gdy kończących udział jest co najmniej "
         f"{num(th['short_support']['min_leavers'])})",
         _short_support, _duration_evidence,
         "Wydłużyć ścieżki reintegracji: planować wsparcie dłuższe niż 12 miesięcy, ze stopniowym zwiększaniem "
         "aktywności uczestników i możliwością powrotu do usług.",
         "001 §3.1, rekomendacje dla KIS o poszerzonym profilu nr 6; §1.3.11",
         "większość uczestników kończy wsparcie przed upływem 12 miesięcy",
         {"gmina": "finansować wsparcie KIS w cyklu dłuższym niż okres projektu",
          "rops": "analizować w regionie czas trwania wsparcia (badania i analizy regionalne)",
          "ministerstwo": "znieść ograniczenia długości wsparcia wynikające z logiki projektowej (kierunki polityki)"}),
    Rule("FINANSOWANIE", "Niestabilne finansowanie – przewaga środków projektowych",
         lambda st, d, th: f"środki projektowe nie więcej niż {pct(th['project_funding']['max_share_time_limited'])} "
         f"finansowania i środki kończące się w ciągu 6 miesięcy nie więcej niż "
         f"{pct(th['project_funding']['max_share_ending_6m'])}",
         _funding_check, _funding_evidence,
         "Zapewnić KIS stabilne finansowanie z budżetu gminy przed końcem projektu i zwiększać udział dochodów "
         "z działalności odpłatnej lub gospodarczej.",
         "001 §3.2, rekomendacje wdrożeniowe nr 4; tabela 9, rekomendacja nr 1",
         "finansowanie opiera się głównie na środkach projektowych lub wkrótce się kończy",
         {"gmina": "zabezpieczyć w budżecie gminy finansowanie KIS po zakończeniu projektów",
          "rops": "planować regionalne środki pomostowe (planowanie regionalne, wsparcie subsydiarne)",
          "ministerstwo": "zapewnić stabilne, nieprojektowe finansowanie KIS (zapewnianie finansowania)"}),
    Rule("AUSPICJE", "KIS nie działa pod auspicjami samorządu",
         lambda st, d, th: "KIS działa pod auspicjami władz samorządowych",
         lambda st, d, th: st["lsr.auspices"] == 0,
         lambda st, d, th: "W metryczce LSR zaznaczono, że KIS nie działa pod auspicjami władz samorządowych.",
         "Uzyskać formalne umocowanie KIS przez samorząd (zarządzenie wójta/burmistrza lub uchwała rady gminy), "
         "które nada mu status koordynatora lokalnej sieci.",
         "001 §3.1, rekomendacje dla KIS o poszerzonym profilu nr 1; §1.3.3; tabela 4, zasada pierwsza",
         "KIS nie działa pod auspicjami samorządu",
         {"gmina": "formalnie umocować KIS jako koordynatora LSR (koordynacja horyzontalna)",
          "rops": "rozmawiać z samorządami o umocowaniu KIS (koordynacja wertykalna)",
          "ministerstwo": "uregulować umocowanie KIS w samorządzie w przepisach (kierunki polityki reintegracji)"}),
    Rule("MIARY_NIEZATRUDNIENIOWE", "Brak pomiaru niezatrudnieniowych miar sukcesu",
         lambda st, d, th: "co najmniej jedna osoba objęta pomiarem którejkolwiek miary niezatrudnieniowej",
         lambda st, d, th: st["lsr.with_measures"] == 0,
         lambda st, d, th: (f"Przy {count(d['participants'] or 0, 'osobie', 'osobach', 'osobach')} uczestniczących "
                            "w okresie żadna osoba nie została "
                            "objęta pomiarem którejkolwiek z dziewięciu niezatrudnieniowych miar sukcesu."),
         "Wprowadzić narzędzia pomiaru zmian niezatrudnieniowych (komunikacja, sprawy formalne, zdrowie, motywacja, "
         "więzi społeczne, samoocena i in.) i rejestrować ich wyniki.",
         "001 §3.1, rekomendacje dla KIS o poszerzonym profilu nr 7; §1.3.12",
         "nie mierzy się niezatrudnieniowych miar sukcesu",
         {"gmina": "wymagać od KIS sprawozdawania miar niezatrudnieniowych (nadzór nad jakością)",
          "rops": "upowszechniać narzędzia pomiaru skuteczności reintegracji społecznej (upowszechnianie metodyk)",
          "ministerstwo": "opracować standardowe narzędzia pomiaru skuteczności reintegracji społecznej (badania i analizy)"}),
    Rule("BARIERY", "Bariery zgłoszone bez podjętych działań",
         lambda st, d, th: "każda zgłoszona bariera ma opisane podjęte działanie",
         lambda st, d, th: st["barriers.without_action"] > 0, _barriers_evidence,
         "Dla każdej zgłoszonej bariery zaplanować działanie (np. dowóz lub refundacja dojazdów, opieka nad osobami "
         "zależnymi w czasie zajęć) i w razie potrzeby zwrócić się o wsparcie do RSR.",
         "001 §1.3.13; tabela 4, zasada jedenasta",
         "zgłoszone bariery pozostają bez działań",
         {"gmina": "finansować usługi znoszące bariery uczestnictwa (dowóz, opieka nad osobami zależnymi)",
          "rops": "zbierać zgłaszane bariery i odpowiadać wsparciem subsydiarnym (wsparcie subsydiarne)",
          "ministerstwo": "uwzględnić koszty znoszenia barier uczestnictwa w finansowaniu KIS"}),
)

RULES_BY_ID = {r.id: r for r in RULES}
