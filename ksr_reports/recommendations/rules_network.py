"""Rules on the network: stakeholders, partnerships, the KIS as leader, key partners, OPS, konwent.

Sources: 001 §1.2.2 (lines 740–780), §3.1 recommendations on the KSR (6932–6963) and on the KIS
(6999–7077), §3.2 (7095–7132), table 9 (6434–6560). Line numbers are those of
``001_ae46e6e63d1f7abf.txt`` in the seeds.
"""
from __future__ import annotations

from ._base import Rule, count, num, pct, plural, share

# Table 9 nr 2–4 (001 l. 6505–6571): the key partners a unit needs in its network. Each is
# (label in the genitive, after "brak"; stakeholder statistics that show it: any one > 0 suffices).
KEY_PARTNERS = (
    ("urzędu pracy lub innej instytucji rynku pracy", ("stakeholders.field.labour_market",)),
    ("organizacji pozarządowej", ("stakeholders.sector.ngo",)),
    ("pracodawcy (przedsiębiorcy, także społecznego)", ("stakeholders.field.employer", "stakeholders.sector.private")),
)


def _type_c_weak(st, d, th) -> bool:
    t = th["type_c"]
    n, c = st["stakeholders"], st["stakeholders.type.C"]
    return c < t["min_count"] or (share(c, n) or 0) < t["min_share"]


def _stakeholders_evidence(st, d, th) -> str:
    n = st["stakeholders"]
    a, b, c = (st[f"stakeholders.type.{t}"] for t in "ABC")
    return (f"LSR ma {num(n)} {plural(int(n), 'interesariusza', 'interesariuszy', 'interesariuszy')}: "
            f"typu A – {num(a)}, typu B – {num(b)}, typu C – {num(c)} ({pct(share(c, n))} sieci).")


def _formal_weak(st, d, th) -> bool:
    """No formal partnership; for an LSR that reported the leader (2.0), none led by the KIS either."""
    if st["partnerships.formal"] == 0:
        return True
    return st.get("lsr.v2", 0) > 0 and st.get("partnerships.formal_kis_leads", 0) == 0


def _partnership_evidence(st, d, th) -> str:
    p, formal = st["partnerships"], st["partnerships.formal"]
    if not p:
        return "LSR nie zgłosiła żadnego partnerstwa."
    text = (f"LSR zgłosiła {num(p)} {plural(int(p), 'partnerstwo', 'partnerstwa', 'partnerstw')}, "
            f"w tym formalnych (umowa partnerska, stowarzyszenie, fundacja): {num(formal)}")
    if st.get("lsr.v2", 0) > 0:
        return text + f"; formalne partnerstwa, których liderem jest KIS: {num(st.get('partnerships.formal_kis_leads', 0))}."
    return text + "; nie podano, czy liderem partnerstw jest KIS."


def _partnership_c_evidence(st, d, th) -> str:
    return (f"LSR ma {count(st['stakeholders.type.C'], 'interesariusza', 'interesariuszy', 'interesariuszy')} typu C "
            f"i {count(st['partnerships.formal'], 'formalne partnerstwo', 'formalne partnerstwa', 'formalnych partnerstw')}, "
            "ale żadne formalne partnerstwo nie obejmuje interesariusza typu C.")


def _kis_leads_weak(st, d, th) -> bool:
    s = share(st.get("partnerships.kis_leads", 0), st["partnerships"])
    return s is not None and s < th["kis_leads"]["min_share"]


def _kis_leads_evidence(st, d, th) -> str:
    p, k = st["partnerships"], st.get("partnerships.kis_leads", 0)
    return (f"KIS jest liderem {num(k)} z {num(p)} "
            f"{plural(int(p), 'partnerstwa', 'partnerstw', 'partnerstw')} LSR ({pct(share(k, p))}).")


def _missing_key_partners(st) -> list[str]:
    return [label for label, keys in KEY_PARTNERS if not any(st.get(k, 0) > 0 for k in keys)]


def _key_partners_evidence(st, d, th) -> str:
    n = st["stakeholders"]
    return (f"Wśród {count(n, 'interesariusza', 'interesariuszy', 'interesariuszy')} LSR brak: "
            f"{'; '.join(_missing_key_partners(st))}.")


def _referrals_total(st) -> float:
    return sum(v for k, v in st.items() if k.startswith("referrals."))


def _ops_weak(st, d, th) -> bool:
    t = th["ops_kis"]
    if st["stakeholders.field.social_assistance"] == 0:
        return True
    total = _referrals_total(st)
    return total >= t["min_referrals"] and st["referrals.ops"] / total < t["min_share_referrals"]


def _ops_evidence(st, d, th) -> str:
    total, ops = _referrals_total(st), st["referrals.ops"]
    refs = (f"ośrodek pomocy społecznej skierował {num(ops)} z {count(total, 'osoby', 'osób', 'osób')} przyjętych "
            f"w okresie ({pct(share(ops, total))})" if total else "w okresie nie przyjęto nikogo")
    return (f"Liczba instytucji pomocy społecznej (OPS) wśród interesariuszy LSR: "
            f"{num(st['stakeholders.field.social_assistance'])}; {refs}.")


def _konwent_evidence(st, d, th) -> str:
    return "W metryczce LSR zaznaczono, że ani LSR, ani KIS nie uczestniczyły w okresie w konwencie regionalnym ani w RSR."


NETWORK_RULES: dict[str, Rule] = {r.id: r for r in (
    Rule("TYP_C", "Za mało interesariuszy typu C w sieci",
         lambda st, d, th: (f"co najmniej {count(th['type_c']['min_count'], 'interesariusz', 'interesariuszy', 'interesariuszy')} typu C (instytucji spoza "
                            f"pomocy społecznej i rynku pracy), stanowiących co najmniej {pct(th['type_c']['min_share'])} "
                            "interesariuszy LSR"),
         _type_c_weak, _stakeholders_evidence,
         "Pozyskać do LSR kolejne instytucje typu C – dom kultury, bibliotekę, szkołę, placówkę ochrony zdrowia, klub "
         "sportowy, lokalnego pracodawcę – i uzgodnić z każdą, z jakich jej usług mogą korzystać uczestnicy KIS.",
         "001 l. 6932–6944 (§3.1, rekomendacje dotyczące KSR nr 1: interesariusze typu C mają znaczenie krytyczne); "
         "l. 747–750 (§1.2.2: hub z możliwie jak największą liczbą interesariuszy typu A, B i C)",
         "sieć ma za mało interesariuszy typu C",
         {"gmina": "włączać gminne instytucje kultury, oświaty, zdrowia i sportu do LSR",
          "rops": "prowadzić regionalną bazę instytucji typu C i animować ich udział w LSR",
          "ministerstwo": "wpisać udział instytucji spoza pomocy społecznej i rynku pracy do standardu usług reintegracji"},
         {"gmina": "współpraca z innymi instytucjami i organizacjami / sieciowanie",
          "rops": "współpraca z innymi instytucjami i organizacjami / sieciowanie",
          "ministerstwo": "określanie standardów usług"},
         note="Próg liczby i udziału interesariuszy typu C jest założeniem: źródło mówi o „możliwie jak największej "
              "liczbie” (001 l. 749), nie podaje liczby."),
    Rule("PARTNERSTWO_FORMALNE", "Brak sformalizowanego partnerstwa prowadzonego przez KIS",
         lambda st, d, th: ("co najmniej jedno partnerstwo formalne (umowa partnerska, stowarzyszenie lub fundacja), "
                            "którego liderem jest KIS (lidera sprawdza się, gdy LSR podała, czy liderem jest KIS)"),
         _formal_weak, _partnership_evidence,
         "Zawrzeć pod przewodnictwem KIS umowę partnerską z kluczowymi członkami LSR, określającą rolę i wkład "
         "każdego partnera; rozważyć konwent instytucji i karty współpracy partnerskiej.",
         "001 l. 6946–6963 (§3.1, rekomendacje dotyczące KSR nr 2); l. 774–780 (§1.2.2: partnerstwa sformalizowane, "
         "ich liderem powinien być KIS)",
         "nie ma formalnego partnerstwa prowadzonego przez KIS",
         {"gmina": "nadawać partnerstwom LSR formę umowy partnerskiej z udziałem jednostek gminy i KIS jako liderem",
          "rops": "udostępniać LSR wzory umów partnerskich i kart współpracy, szkolić koordynatorów",
          "ministerstwo": "opracować standard umowy partnerskiej LSR"},
         {"gmina": "koordynacja horyzontalna", "rops": "szkolenia", "ministerstwo": "określanie standardów usług"},
         note="Przy sprawozdaniach, które nie podają, czy liderem partnerstwa jest KIS, sprawdza się tylko istnienie "
              "partnerstwa formalnego."),
    Rule("PARTNERSTWO_TYP_C", "Formalne partnerstwa bez udziału interesariusza typu C",
         lambda st, d, th: "interesariusz typu C w co najmniej jednym formalnym partnerstwie",
         lambda st, d, th: st["stakeholders.type.C"] > 0 and st["partnerships.formal"] > 0
         and st["partnerships.formal_with_c"] == 0, _partnership_c_evidence,
         "Włączyć interesariuszy typu C do formalnego partnerstwa LSR, tak aby ich usługi były dostępne dla "
         "uczestników KIS na podstawie umowy, a nie doraźnie.",
         "001 l. 770–776 (§1.2.2: partnerstwa z udziałem interesariuszy typu C); l. 6932–6963 (§3.1, "
         "rekomendacje dotyczące KSR nr 1 i nr 2)",
         "nie ma formalnego partnerstwa z udziałem interesariusza typu C",
         {"gmina": "zapraszać instytucje typu C do umów partnerskich LSR",
          "rops": "promować partnerstwa z instytucjami typu C w RSR",
          "ministerstwo": "premiować w finansowaniu partnerstwa z udziałem instytucji typu C"},
         {"gmina": "współpraca z innymi instytucjami i organizacjami / sieciowanie",
          "rops": "współpraca z innymi instytucjami i organizacjami / sieciowanie",
          "ministerstwo": "zapewnianie finansowania"}),
    Rule("AUSPICJE", "KIS nie działa pod auspicjami samorządu",
         lambda st, d, th: "KIS działa pod auspicjami władz samorządowych",
         lambda st, d, th: st["lsr.auspices"] == 0,
         lambda st, d, th: "W metryczce LSR zaznaczono, że KIS nie działa pod auspicjami władz samorządowych.",
         "Uzyskać formalne umocowanie KIS przez samorząd (zarządzenie wójta/burmistrza lub uchwała rady gminy), "
         "które nada mu status koordynatora lokalnej sieci.",
         "001 l. 6999–7007 (§3.1, rekomendacje dla KIS o poszerzonym profilu nr 1); l. 2086–2094 (tabela 4, "
         "zasada pierwsza); l. 740–745 (poziom progowy: KIS działa pod auspicjami władz)",
         "KIS nie działa pod auspicjami samorządu",
         {"gmina": "formalnie umocować KIS jako koordynatora LSR",
          "rops": "rozmawiać z samorządami o umocowaniu KIS",
          "ministerstwo": "uregulować umocowanie KIS w samorządzie w przepisach"},
         {"gmina": "koordynacja horyzontalna", "rops": "koordynacja wertykalna",
          "ministerstwo": "ustalanie kierunków polityki reintegracji"}),
    Rule("LIDER_KIS", "KIS rzadko prowadzi partnerstwa LSR",
         lambda st, d, th: f"KIS jest liderem co najmniej {pct(th['kis_leads']['min_share'])} partnerstw LSR",
         _kis_leads_weak, _kis_leads_evidence,
         "Powierzyć KIS rolę lidera partnerstw LSR: KIS inicjuje porozumienia, zwołuje spotkania partnerów "
         "i koordynuje wspólne projekty.",
         "001 l. 7070–7077 (§3.1, rekomendacje dla KIS nr 5: KIS liderem i koordynatorem lokalnych sieci); "
         "l. 778–780 (liderem partnerstw powinien być KIS); tabela 4, zasada piąta (l. 2131–2138)",
         "KIS prowadzi mniejszość partnerstw LSR",
         {"gmina": "powierzyć KIS koordynację partnerstw lokalnych",
          "rops": "szkolić kadrę KIS w prowadzeniu partnerstw",
          "ministerstwo": "wpisać rolę KIS jako lidera sieci do przepisów o zatrudnieniu socjalnym"},
         {"gmina": "koordynacja horyzontalna", "rops": "szkolenia",
          "ministerstwo": "ustalanie kierunków polityki reintegracji"},
         since="2.0",
         note="Próg udziału partnerstw prowadzonych przez KIS jest założeniem (źródło nie podaje liczby)."),
    Rule("KLUCZOWI_PARTNERZY", "W sieci brakuje kluczowych partnerów",
         lambda st, d, th: ("wśród interesariuszy LSR są: instytucja rynku pracy, organizacja pozarządowa "
                            "i pracodawca"),
         lambda st, d, th: bool(_missing_key_partners(st)), _key_partners_evidence,
         "Pozyskać do LSR brakujących kluczowych partnerów (powiatowy urząd pracy, lokalne organizacje "
         "pozarządowe, pracodawców, w tym przedsiębiorców społecznych) i uzgodnić ich udział w ścieżkach "
         "reintegracji.",
         "001 l. 6505–6571 (tabela 9, rekomendacje nr 2–4: kluczowi partnerzy, organizacje pozarządowe, pracodawcy)",
         "w sieci brakuje kluczowego partnera: instytucji rynku pracy, organizacji pozarządowej lub pracodawcy",
         {"gmina": "nie tworzyć podmiotu reintegracyjnego bez poparcia kluczowych partnerów",
          "rops": "prowadzić bazę organizacji pozarządowych i przedsiębiorców dla LSR",
          "ministerstwo": "uzależnić finansowanie nowych podmiotów od udziału kluczowych partnerów"},
         {"gmina": "planowanie lokalne",
          "rops": "współpraca z innymi instytucjami i organizacjami / sieciowanie",
          "ministerstwo": "zapewnianie finansowania"},
         note="Pracodawcę pokazuje dziedzina „pracodawca” albo sektor prywatny; instytucję rynku pracy – dziedzina "
              "„rynek pracy”. Ośrodek pomocy społecznej sprawdza reguła OPS_KIS."),
    Rule("OPS_KIS", "Słaba relacja KIS z ośrodkiem pomocy społecznej",
         lambda st, d, th: (f"ośrodek pomocy społecznej jest w sieci i kieruje co najmniej "
                            f"{pct(th['ops_kis']['min_share_referrals'])} osób przyjmowanych do KIS (gdy przyjętych "
                            f"jest co najmniej {num(th['ops_kis']['min_referrals'])})"),
         _ops_weak, _ops_evidence,
         "Zbudować stałą współpracę z OPS: wspólne kierowanie klientów OPS do KIS, uzgadnianie planów "
         "reintegracji z pracownikami socjalnymi, udział OPS w partnerstwie LSR.",
         "001 l. 7130–7132 (§3.2 nr 5: symbiotyczna relacja KIS i OPS); l. 7016–7026 (§3.1, rekomendacje dla KIS "
         "nr 2: klienci OPS trafiają do KIS)",
         "relacja KIS z OPS jest słaba (OPS poza siecią albo mało skierowań z OPS)",
         {"gmina": "powiązać zadania OPS i KIS (wspólne kierowanie klientów, przesunięcia kadrowe)",
          "rops": "upowszechniać wzory współpracy OPS i KIS",
          "ministerstwo": "określić w przepisach relację OPS i KIS"},
         {"gmina": "koordynacja horyzontalna", "rops": "upowszechnianie metodyk działania i innowacji",
          "ministerstwo": "ustalanie kierunków polityki reintegracji"},
         note="OPS w sieci pokazuje dziedzina „pomoc społeczna” interesariusza; udział skierowań z OPS jest progiem "
              "przyjętym jako założenie (źródło nie podaje liczby)."),
    Rule("KONWENT", "LSR i KIS poza konwentem i siecią regionalną",
         lambda st, d, th: "LSR lub KIS uczestniczy w konwencie regionalnym albo w Regionalnej Sieci na rzecz Reintegracji",
         lambda st, d, th: st.get("lsr.konwent", 0) == 0, _konwent_evidence,
         "Zgłosić przedstawiciela KIS do konwentu instytucji i do Regionalnej Sieci na rzecz Reintegracji "
         "przy ROPS oraz organizować lokalny konwent instytucji LSR.",
         "001 l. 7070–7077 (§3.1, rekomendacje dla KIS nr 5: organizacja konwentu); l. 6946–6958 (rekomendacje "
         "dotyczące KSR nr 2: regularny konwent instytucji); l. 6965–6975 (nr 3: RSR przy ROPS)",
         "sieć i jej KIS nie uczestniczą w konwencie regionalnym ani w RSR",
         {"gmina": "delegować przedstawicieli instytucji gminy do konwentu LSR",
          "rops": "zwoływać konwent regionalny i zapraszać do RSR wszystkie LSR",
          "ministerstwo": "wspierać powiązanie RSR w Krajową Sieć Reintegracji"},
         {"gmina": "współpraca z innymi instytucjami i organizacjami / sieciowanie",
          "rops": "koordynacja wertykalna", "ministerstwo": "upowszechnianie wiedzy"},
         since="2.0"),
)}
