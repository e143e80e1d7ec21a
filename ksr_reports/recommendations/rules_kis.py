"""Rules on the KIS itself: own staff, case management, the individual plan, supervision, who it serves,
and its service profile.

Own staff (CASE_MANAGER, TRIADA): the model asks for the KIS's OWN staff – "własna kadra specjalistów"
(001 l. 2096–2104, tabela 4, zasada druga), "wyodrębnienie w KIS stanowisk i posiadanie stałej kadry"
(l. 2303–2311), "zatrudniani w KIS case managerowie" (l. 2155–2165) – and names the way to get it:
"Poprzez przesunięcia kadrowe (np. z OPS)" (l. 7011–7016). So a post counts as the KIS's own when the
workbook marks it "Własna kadra KIS" = TAK **or** its form of employment is "oddelegowanie z OPS"
(a post moved from the OPS to the KIS); a partner's staff (NIE, not delegated) and volunteers do not
count. The statistics ``lsr.with_kis_case_manager`` and ``lsr.with_kis_core_triad`` are computed that way
(``indicators/stats.py``, ``kis_post``). An LSR read from a format-1 rollup file has only the any-post
flags ``lsr.with_case_manager``/``lsr.with_core_triad``: the rule then fires only when no post exists at all
(never a weakness it cannot see).
"""
from __future__ import annotations

from .. import spec as S
from ..indicators.stats import CORE_TRIAD as TRIAD      # 001 l. 2303–2311: the one definition
from ._base import Rule, count, num, own_staff_counted, pct, people, people_gen, plural, share

L = S.lists
AREA_NAMES = dict(L.SERVICE_AREA)
ROLE_NAMES = dict(L.STAFF_ROLE)

# KIS rec. nr 3 (001 l. 7028–7046): "osoby o największych deficytach społeczno-kulturowych". Of the
# art. 1 ust. 2 groups of the workbook we count those whose status itself names a deficit beyond the
# labour market – homelessness, addiction, mental disorder, leaving prison, refugees' integration
# programme. Long-term unemployed and persons with disabilities are not counted: the seed names the
# long-term unemployed only together with very low cultural and social capital (l. 7034–7040), which
# the workbook does not record.
DEEPEST_DEFICIT_GROUPS = ("homeless", "alcohol", "drugs", "mental", "ex_prisoners", "refugees")
SEXES = tuple(s for s, _ in L.SEX)


def _no_case_manager(st, d, th) -> bool:
    return (st["lsr.with_kis_case_manager"] if own_staff_counted(st) else st["lsr.with_case_manager"]) == 0


def _no_triad(st, d, th) -> bool:
    return (st["lsr.with_kis_core_triad"] if own_staff_counted(st) else st["lsr.with_core_triad"]) == 0


def _staff_evidence(st, d, th) -> str:
    roles = [(ROLE_NAMES[r], st[f"staff.fte.role.{r}"]) for r, _ in L.STAFF_ROLE if st[f"staff.fte.role.{r}"]]
    listed = "; ".join(f"{name} {num(fte, 2)} etatu" for name, fte in roles) or "brak"
    text = f"Kadra KIS i LSR: {num(st['staff.fte'], 2)} etatu ({listed}), w tym kadra własna KIS: {num(st['staff.fte.own'], 2)} etatu."
    if not own_staff_counted(st):
        return text + " Dane z zestawienia w starszym formacie nie rozróżniają kadry własnej KIS i kadry partnerów."
    return text + (" Case manager w kadrze własnej KIS (lub oddelegowany z OPS): "
                   f"{'jest' if st['lsr.with_kis_case_manager'] else 'brak'}.")


def _missing_triad(st) -> list[str]:
    """Triad professions absent from the staff sheet altogether (evidence; the check uses the own-staff flag)."""
    return [" lub ".join(ROLE_NAMES[r] for r in alt) for alt in TRIAD
            if not any(st[f"staff.fte.role.{r}"] > 0 for r in alt)]


def _triad_evidence(st, d, th) -> str:
    missing = _missing_triad(st)
    where = (f"W kadrze KIS i LSR brakuje: {', '.join(missing)}" if missing else
             "Wszystkie profesje triady są w kadrze KIS i LSR, ale nie wszystkie jako kadra własna KIS "
             "(lub oddelegowana z OPS)")
    return f"{where} (etaty ogółem: {num(st['staff.fte'], 2)}, w tym kadra własna KIS: {num(st['staff.fte.own'], 2)})."


def _participants_v2(st) -> float:
    return sum(st.get(f"v2.participants.{s}", 0) for s in SEXES)


def _process(st, row: str) -> float:
    return sum(st.get(f"process.{row}.{s}", 0) for s in SEXES)


def _caseload(st) -> float | None:
    return share(_participants_v2(st), st.get("v2.staff.fte.case_manager", 0))


def _caseload_evidence(st, d, th) -> str:
    return (f"Liczba uczestniczących w okresie na jeden etat case managera: {num(_caseload(st), 1)} "
            f"({num(_participants_v2(st))} uczestniczących, {num(st.get('v2.staff.fte.case_manager', 0), 2)} etatu).")


def _plan_weak(st, d, th) -> bool:
    s = share(_process(st, "with_plan"), _participants_v2(st))
    return s is not None and s < th["plan"]["min_share_with_plan"]


def _plan_evidence(st, d, th) -> str:
    n, p = _participants_v2(st), _process(st, "with_plan")
    return (f"Liczba uczestniczących w okresie z indywidualnym planem działania lub reintegracji: {num(p)} z {num(n)} "
            f"({pct(share(p, n))}); z przydzielonym case managerem: {num(_process(st, 'with_case_manager'))}.")


def _co_decision_weak(st, d, th) -> bool:
    s = share(_process(st, "co_decided"), _process(st, "with_plan"))
    return s is not None and s < th["plan"]["min_share_co_decided"]


def _co_decision_evidence(st, d, th) -> str:
    p, c = _process(st, "with_plan"), _process(st, "co_decided")
    return (f"Spośród {people_gen(p)} z indywidualnym planem o swoim planie "
            f"{plural(c, 'współdecydowała', 'współdecydowały', 'współdecydowało')} {people(c)} ({pct(share(c, p))}).")


def _supervision_evidence(st, d, th) -> str:
    return (f"W metryczce zaznaczono, że kadra KIS nie miała w okresie superwizji przypadków; etaty osób "
            f"objętych superwizją: {num(st.get('staff.supervised_fte', 0), 2)} z {num(st['staff.fte'], 2)}.")


def _deep(st) -> tuple[float, float]:
    deep = sum(st[f"participants.group.{g}.{s}"] for g in DEEPEST_DEFICIT_GROUPS for s in SEXES)
    total = sum(st[f"participants.group.{g}.{s}"] for g, _ in L.ART1_GROUP for s in SEXES)
    return deep, total


def _deep_weak(st, d, th) -> bool:
    deep, total = _deep(st)
    t = th["deepest_deficits"]
    return total >= t["min_participants"] and deep / total < t["min_share"]


def _deep_evidence(st, d, th) -> str:
    deep, total = _deep(st)
    return (f"Z {people_gen(total)} uczestniczących w okresie {people(deep)} ({pct(share(deep, total))}) "
            f"{plural(deep, 'należy', 'należą', 'należy')} do grup o największych deficytach (bezdomni, "
            "uzależnieni, osoby z zaburzeniami psychicznymi, zwalniani z zakładów karnych, uchodźcy).")


def _hours_evidence(st, d, th) -> str:
    return (f"Reintegracja społeczna to {num(st['hours.social'])} z {num(st['hours.total'])} godzin udziału "
            f"uczestników, czyli {pct(d['share.social_hours'])}.")


def _missing_areas(st) -> list[str]:
    return [AREA_NAMES[a] for a in L.NEW_PROFILE_AREAS if not st[f"lsr.area_covered.{a}"]]


def _areas_evidence(st, d, th) -> str:
    covered = int(st["lsr.new_areas_covered"])
    return (f"Usługi LSR obejmują {covered} z {len(L.NEW_PROFILE_AREAS)} nowych obszarów; brak usług w obszarach: "
            f"{', '.join(_missing_areas(st))}.")


KIS_RULES: dict[str, Rule] = {r.id: r for r in (
    Rule("CASE_MANAGER", "Brak case managera w kadrze własnej KIS",
         lambda st, d, th: "case manager w kadrze własnej KIS (także oddelegowany z OPS)",
         _no_case_manager, _staff_evidence,
         "Zatrudnić w KIS case managera (choćby przez przesunięcie etatu z OPS) odpowiedzialnego za indywidualne "
         "plany działania i koordynację usług partnerów LSR.",
         "001 l. 7011–7026 (§3.1, rekomendacje dla KIS nr 2: obowiązkowo zatrudniać case managerów, przesunięcia "
         "kadrowe z OPS); l. 2155–2165 (tabela 4, zasada siódma)",
         "w kadrze własnej KIS nie ma case managera",
         {"gmina": "zapewnić KIS etat case managera, np. przez przesunięcie z OPS",
          "rops": "szkolić case managerów KIS",
          "ministerstwo": "wprowadzić obowiązek zatrudniania case managera w KIS i zapewnić jego finansowanie"},
         {"gmina": "świadczenie i rozwój usług", "rops": "szkolenia", "ministerstwo": "określanie standardów usług"},
         note="Liczy się stanowisko z „Własna kadra KIS” = TAK albo z formą zatrudnienia „oddelegowanie z OPS” "
              "(przesunięcie kadrowe z OPS, 001 l. 7011–7016); kadra partnera i wolontariusze się nie liczą."),
    Rule("TRIADA", "Niepełna triada kadrowa KIS",
         lambda st, d, th: ("w kadrze własnej KIS (także oddelegowanej z OPS) psycholog lub psychoterapeuta, "
                            "pracownik socjalny i pedagog"),
         _no_triad, _triad_evidence,
         "Uzupełnić kadrę KIS o brakujące profesje triady (także na część etatu lub specjalistów o podwójnych "
         "kompetencjach), tak aby KIS miał własną kadrę specjalistów.",
         "001 l. 2303–2311 (§1.3.4: niezbędna triada profesji pomocowych zatrudniona w KIS); l. 2096–2104 "
         "(tabela 4, zasada druga: własna kadra specjalistów); l. 7011–7016 (rekomendacje dla KIS nr 2)",
         "kadra własna KIS nie obejmuje pełnej triady (psycholog/psychoterapeuta, pracownik socjalny, pedagog)",
         {"gmina": "zapewnić KIS minimalny zakres kadry własnej",
          "rops": "wspierać KIS w pozyskiwaniu specjalistów",
          "ministerstwo": "określić minimalny standard kadrowy KIS"},
         {"gmina": "świadczenie i rozwój usług", "rops": "wsparcie subsydiarne",
          "ministerstwo": "określanie standardów usług"},
         note="Kadra własna jak w regule CASE_MANAGER (z oddelegowanymi z OPS)."),
    Rule("OBCIAZENIE_CM", "Zbyt wielu uczestników na etat case managera",
         lambda st, d, th: (f"nie więcej niż {count(th['caseload']['max_per_fte'], 'uczestnik', 'uczestników', 'uczestników')} w okresie na etat "
                            "case managera"),
         lambda st, d, th: (_caseload(st) or 0) > th["caseload"]["max_per_fte"], _caseload_evidence,
         "Zwiększyć liczbę etatów case managerów (np. przez przesunięcie etatów z OPS) albo ograniczyć liczbę "
         "osób prowadzonych jednocześnie, tak aby każdy uczestnik miał realny kontakt ze swoim case managerem.",
         "001 l. 2665–2700 (§1.3.9: case manager koordynuje indywidualne plany każdego klienta); l. 7011–7026 "
         "(rekomendacje dla KIS nr 2)",
         "na etat case managera przypada zbyt wielu uczestników",
         {"gmina": "finansować etaty case managerów proporcjonalnie do liczby uczestników",
          "rops": "analizować obciążenie case managerów w regionie",
          "ministerstwo": "określić standard liczby uczestników na etat case managera"},
         {"gmina": "świadczenie i rozwój usług", "rops": "badania i analizy regionalne",
          "ministerstwo": "określanie standardów usług"},
         since="2.0", needs=("v2.staff.fte.case_manager",),     # no case-manager FTE: not evaluated
         note="Źródło nie podaje normy obciążenia; próg jest założeniem (zob. komentarz w pliku progów). Liczą się "
              "wszystkie etaty case managerów z arkusza Kadra, bo obciążenie dzielą wszyscy, którzy prowadzą "
              "przypadki uczestników. Bez etatu case managera reguła nie jest sprawdzana (wtedy działa CASE_MANAGER)."),
    Rule("PLAN_IPR", "Nie każdy uczestnik ma indywidualny plan",
         lambda st, d, th: (f"indywidualny plan działania lub reintegracji ma co najmniej "
                            f"{pct(th['plan']['min_share_with_plan'])} uczestniczących w okresie"),
         _plan_weak, _plan_evidence,
         "Opracować z każdym uczestnikiem indywidualny plan działania (IPD/IPR) po kilkutygodniowej diagnozie "
         "i prowadzić do niego kartę usług doradczych.",
         "001 l. 2683–2700 (§1.3.9: IPD dla każdego klienta, ustalenie IPD wymaga kilku tygodni); 002 l. 271–275 "
         "(indywidualne plany reintegracji społecznej)",
         "nie każdy uczestnik ma indywidualny plan działania",
         {"gmina": "wymagać od KIS indywidualnych planów dla wszystkich uczestników",
          "rops": "upowszechniać wzory IPD i karty usług doradczych",
          "ministerstwo": "wpisać indywidualny plan do standardu usług KIS"},
         {"gmina": "nadzór nad jakością / superwizja", "rops": "upowszechnianie metodyk działania i innowacji",
          "ministerstwo": "określanie standardów usług"},
         since="2.0",
         note="Próg jest niższy niż 100%, bo ustalenie IPD wymaga kilku tygodni (001 l. 2687–2689): osoby przyjęte "
              "pod koniec okresu mogą jeszcze nie mieć planu."),
    Rule("WSPOLDECYZJA", "Uczestnicy rzadko współdecydują o swoim planie",
         lambda st, d, th: (f"co najmniej {pct(th['plan']['min_share_co_decided'])} osób z indywidualnym planem "
                            "współdecydowało o nim"),
         _co_decision_weak, _co_decision_evidence,
         "Ustalać indywidualne plany razem z uczestnikami: włączać ich w wybór i dookreślanie usług, a nie "
         "narzucać treści planu lub kontraktu.",
         "001 l. 2474–2486 (odbiorcy włączani w wybór usług; krytyka narzucania treści kontraktów i IPD); "
         "tabela 4, zasada czwarta (l. 2117–2129: upodmiotowienie klientów, uspołecznienie kontraktów)",
         "uczestnicy rzadko współdecydują o swoim planie",
         {"gmina": "wymagać współdecydowania uczestników o planach w standardzie KIS",
          "rops": "szkolić kadrę KIS w pracy na rzecz upodmiotowienia uczestników",
          "ministerstwo": "wpisać współdecydowanie uczestnika do standardu usług"},
         {"gmina": "nadzór nad jakością / superwizja", "rops": "szkolenia",
          "ministerstwo": "określanie standardów usług"},
         since="2.0", note="Próg jest założeniem (źródło nie podaje liczby)."),
    Rule("SUPERWIZJA", "Brak superwizji kadry KIS",
         lambda st, d, th: "kadra KIS ma superwizję przypadków w okresie",
         lambda st, d, th: st.get("lsr.supervision", 0) == 0, _supervision_evidence,
         "Zapewnić kadrze KIS regularną superwizję przypadków (np. przez ROPS lub superwizora zewnętrznego), "
         "która ocenia skuteczność pracy z uczestnikami i chroni przed wypaleniem.",
         "001 l. 7070–7077 (§3.1, rekomendacje dla KIS nr 5: nadzór nad przypadkami); 002 l. 173–177 "
         "(superwizja usługi reintegracji); 001 l. 4957–4989 (brak superwizji, obowiązkowa superwizja kadr)",
         "kadra KIS nie ma superwizji",
         {"gmina": "finansować superwizję kadry KIS",
          "rops": "organizować superwizję dla kadr KIS w regionie",
          "ministerstwo": "wprowadzić obowiązkową superwizję kadr podmiotów reintegracyjnych"},
         {"gmina": "nadzór nad jakością / superwizja", "rops": "wsparcie subsydiarne",
          "ministerstwo": "określanie standardów usług"},
         since="2.0"),
    Rule("DEFICYTY", "Mało uczestników o największych deficytach",
         lambda st, d, th: (f"co najmniej {pct(th['deepest_deficits']['min_share'])} uczestników należy do grup "
                            "o największych deficytach (gdy uczestników jest co najmniej "
                            f"{num(th['deepest_deficits']['min_participants'])})"),
         _deep_weak, _deep_evidence,
         "Kierować ofertę KIS przede wszystkim do osób o największych deficytach (bezdomnych, uzależnionych, osób "
         "z zaburzeniami psychicznymi, opuszczających zakłady karne, uchodźców realizujących program integracji), we współpracy z OPS i placówkami leczenia.",
         "001 l. 7028–7046 (§3.1, rekomendacje dla KIS nr 3: osoby o największych deficytach); l. 2106–2117 "
         "(tabela 4, zasada trzecia)",
         "uczestnicy z grup o największych deficytach stanowią małą część",
         {"gmina": "kierować do KIS klientów OPS o największych deficytach",
          "rops": "analizować w regionie, do kogo trafia oferta KIS",
          "ministerstwo": "określić w kierunkach polityki reintegracji grupę docelową KIS"},
         {"gmina": "planowanie lokalne", "rops": "badania i analizy regionalne",
          "ministerstwo": "ustalanie kierunków polityki reintegracji"},
         note="Grupy o największych deficytach: bezdomni, uzależnieni od alkoholu, uzależnieni od narkotyków, osoby "
              "z zaburzeniami psychicznymi, zwalniani z zakładów karnych, uchodźcy; długotrwale bezrobotni i osoby "
              "z niepełnosprawnościami nie są liczeni, bo arkusz nie pokazuje ich deficytów społeczno-kulturowych. "
              "Próg jest założeniem."),
    Rule("GODZINY_SPOLECZNE", "Za mały udział reintegracji społecznej w godzinach udziału",
         lambda st, d, th: f"reintegracja społeczna co najmniej {pct(th['social_hours']['min_share'])} godzin udziału",
         lambda st, d, th: d["share.social_hours"] is not None and d["share.social_hours"] < th["social_hours"]["min_share"],
         _hours_evidence,
         "Przebudować plan zajęć tak, aby 2/3 tygodniowego uczestnictwa stanowiły zajęcia reintegracji społecznej "
         "(warsztaty integracyjne, poradnictwo indywidualne, akademie), a reintegracja zawodowa była uzupełnieniem.",
         "002 l. 263–269 (element drugi wzorca: 2/3 tygodniowego uczestnictwa); 001 l. 7052–7064 (§3.1, "
         "rekomendacje dla KIS nr 4)",
         "reintegracja społeczna nie osiąga 2/3 godzin udziału",
         {"gmina": "planować ofertę KIS z przewagą reintegracji społecznej",
          "rops": "upowszechniać wzorzec usług z 2/3 czasu na reintegrację społeczną",
          "ministerstwo": "wpisać proporcję 2/3 reintegracji społecznej do standardu usług KIS"},
         {"gmina": "planowanie lokalne", "rops": "upowszechnianie metodyk działania i innowacji",
          "ministerstwo": "określanie standardów usług"}),
    Rule("NOWE_OBSZARY", "Nie wszystkie nowe obszary usług są pokryte",
         lambda st, d, th: f"usługi w co najmniej {num(th['new_areas']['min_covered'])} z 4 nowych obszarów "
         "(profilaktyka zdrowotna, kultura i dziedzictwo, edukacja ogólna, sport i rekreacja)",
         lambda st, d, th: st["lsr.new_areas_covered"] < th["new_areas"]["min_covered"], _areas_evidence,
         "Uruchomić z partnerami typu C usługi w brakujących obszarach, np. akademie zdrowia, kultury, sportu "
         "i rekreacji oraz edukację ogólnorozwojową (budżet domowy, obsługa urządzeń elektronicznych).",
         "001 l. 6932–6944 (§3.1, rekomendacje dotyczące KSR nr 1: rozszerzenie profilu KIS); 002 l. 167–171 "
         "i 271–273 (partnerstwo w sferach zdrowia, kultury, sportu i edukacji; akademie)",
         "usługi nie obejmują wszystkich nowych obszarów",
         {"gmina": "udostępniać uczestnikom KIS ofertę gminnych instytucji kultury, sportu, oświaty i zdrowia",
          "rops": "upowszechniać akademie i inne formy usług w nowych obszarach",
          "ministerstwo": "uwzględnić cztery nowe obszary w standardzie usług i w kryteriach finansowania"},
         {"gmina": "świadczenie i rozwój usług", "rops": "upowszechnianie metodyk działania i innowacji",
          "ministerstwo": "określanie standardów usług"}),
)}
