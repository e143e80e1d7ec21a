"""Closed lists of the LSR workbook: every Polish value a dropdown offers.

Each list is a tuple of ``(key, Polish value)`` pairs. Keys are stable English-ish
identifiers used by code (indicators, rules); values are what the coordinator sees
and types. Sources are cited per list (seed numbers refer to ``shared/seeds``).
"""
from __future__ import annotations

YES_NO = (("yes", "TAK"), ("no", "NIE"))

# DESIGN §3: the 16 województwa, TERYT codes 02..32.
VOIVODESHIPS = (
    ("02", "dolnośląskie"), ("04", "kujawsko-pomorskie"), ("06", "lubelskie"),
    ("08", "lubuskie"), ("10", "łódzkie"), ("12", "małopolskie"), ("14", "mazowieckie"),
    ("16", "opolskie"), ("18", "podkarpackie"), ("20", "podlaskie"), ("22", "pomorskie"),
    ("24", "śląskie"), ("26", "świętokrzyskie"), ("28", "warmińsko-mazurskie"),
    ("30", "wielkopolskie"), ("32", "zachodniopomorskie"),
)

# 001 §1.3.3 (KIS under the auspices of local government) and DESIGN §4.1.
KIS_ANCHORING = (
    ("gmina_unit", "jednostka organizacyjna gminy"),
    ("within_ops", "w strukturze OPS/PCPR"),
    ("ngo", "prowadzony przez organizację pozarządową"),
    ("other", "inne"),
)
FUNDING_SOURCES_SINCE_2 = ("alcohol_program", "pfron")   # lines a 1.0 workbook could not report ("nie raportowano")

# 004 part IV: administrative vs civic path of creating an LSR.
CREATION_MODE = (
    ("admin_decision", "administracyjny – zarządzenie wójta/burmistrza/prezydenta"),
    ("admin_resolution", "administracyjny – uchwała rady gminy"),
    ("civic", "obywatelski – oddolny"),
)

# 001 §1.2.2 A, 004 part II: stakeholder types.
STAKEHOLDER_TYPE = (("A", "A"), ("B", "B"), ("C", "C"))

SECTOR = (
    ("public", "publiczny"), ("ngo", "pozarządowy"), ("private", "prywatny"),
    ("church", "kościelny"),
)

# 004 (stakeholder survey fields).
FIELD = (
    ("social_assistance", "pomoc społeczna"),
    ("labour_market", "rynek pracy"),
    ("reintegration", "reintegracja"),
    ("culture", "kultura i dziedzictwo narodowe"),
    ("education", "edukacja i oświata"),
    ("health", "ochrona i profilaktyka zdrowia"),
    ("sport", "sport i rekreacja"),
    ("employer", "pracodawca"),
    ("local_admin", "administracja samorządowa"),
    ("other", "inne"),
)

LEVEL = (
    ("local", "lokalny"), ("county", "powiatowy"), ("regional", "regionalny"),
    ("national", "krajowy"),
)

PARTNERSHIP_FORM = (
    ("agreement", "umowa partnerska"),
    ("association", "stowarzyszenie"),
    ("foundation", "fundacja"),
    ("informal", "porozumienie nieformalne"),
)
# Forms that count as a *formal* partnership (001 §1.2.2: umowa partnerska led by the KIS).
FORMAL_PARTNERSHIP_FORMS = ("agreement", "association", "foundation")

# 001 §1.3.9 (case managers obligatory; core triad psychologist/psychotherapist,
# social worker, pedagogue) and DESIGN §4.4.
STAFF_ROLE = (
    ("manager", "kierownik KIS"),
    ("case_manager", "case manager"),
    ("psychologist", "psycholog"),
    ("psychotherapist", "psychoterapeuta"),
    ("social_worker", "pracownik socjalny"),
    ("pedagogue", "pedagog"),
    ("career_adviser", "doradca zawodowy"),
    ("lawyer", "prawnik"),
    ("addiction_therapist", "terapeuta uzależnień"),
    ("family_worker", "specjalista ds. pracy z rodziną"),
    ("it", "informatyk"),
    ("instructor", "instruktor"),
    ("other", "inne"),
)

CONTRACT_TYPE = (
    ("employment", "umowa o pracę"),
    ("civil", "umowa cywilnoprawna"),
    ("seconded", "oddelegowanie z OPS"),
    ("volunteer", "wolontariat"),
)

STAFF_FUNDING = (("budget", "budżet"), ("project", "projekt"), ("mixed", "budżet i projekt"))

# 002 service pattern + KSR goals (health prevention, culture and heritage, general
# education, sport and recreation): the four "new profile" areas are marked in NEW_PROFILE_AREAS.
SERVICE_AREA = (
    ("health", "profilaktyka i ochrona zdrowia"),
    ("culture", "kultura i dziedzictwo narodowe"),
    ("general_education", "edukacja ogólna"),
    ("sport", "sport i rekreacja"),
    ("social_reintegration", "reintegracja społeczna"),
    ("vocational_reintegration", "reintegracja zawodowa"),
    ("living_support", "wsparcie socjalno-bytowe"),
)
NEW_PROFILE_AREAS = ("health", "culture", "general_education", "sport")

# 002: individual diagnosis in five life spheres.
LIFE_SPHERE = (
    ("living", "socjalno-bytowa"),
    ("health", "zdrowotna"),
    ("vocational", "zawodowa"),
    ("psychological", "psychologiczna"),
    ("social", "społeczna"),
)

SERVICE_FORM = (
    ("group_workshop", "warsztaty grupowe"),
    ("individual_counselling", "poradnictwo indywidualne"),
    ("academy", "akademia"),
    ("general_education", "edukacja ogólnorozwojowa"),
    ("internship", "staż/praktyka"),
    ("other", "inne"),
)

# DESIGN §4.7; own income = paid/economic activity + donations (see OWN_INCOME_SOURCES).
FUNDING_SOURCE = (
    ("gmina_budget", "budżet gminy"),
    ("county_budget", "budżet powiatu"),
    ("labour_fund", "Fundusz Pracy"),
    ("esf", "EFS+/projekty UE"),
    ("state_budget", "budżet państwa/wojewoda"),
    ("paid_activity", "działalność odpłatna/gospodarcza"),
    ("donations", "darowizny"),
    # since 2.0: the KIS annual report / CAS funding lines (issue 13; DESIGN §10 "Official KIS reporting")
    ("alcohol_program", "gminny program profilaktyki i rozwiązywania problemów alkoholowych"),
    ("pfron", "PFRON"),
    ("other", "inne"),
)
OWN_INCOME_SOURCES = ("paid_activity", "donations")

# Since 2.0: services of art. 18 ust. 2 of the act on social employment (the KIS annual report to the
# wojewoda, art. 18a ust. 6; DESIGN §10 "Official KIS reporting"); "nie dotyczy" for the model's other services.
ART18_SERVICE = (
    ("public_works_social", "prace społecznie użyteczne"),
    ("public_works", "roboty publiczne"),
    ("legal_advice", "poradnictwo prawne"),
    ("self_help", "działalność samopomocowa"),
    ("none", "nie dotyczy"),
)

# 004 cards 1–13: animation tools.
ANIMATION_KIND = (
    ("meeting", "spotkanie animacyjne"),
    ("seminar", "seminarium"),
    ("letter_of_intent", "list intencyjny"),
    ("survey", "ankieta"),
    ("interview", "wywiad IDI/FGI"),
    ("working_group", "grupa robocza"),
    ("convention", "konwent"),
    ("training", "szkolenie"),
    ("study_visit", "wizyta studyjna"),
    ("other", "inne"),
)

# 001 §1.3.13 (participation barriers) and DESIGN §4.9.
BARRIER_CATEGORY = (
    ("financial", "finansowe"),
    ("staff", "kadrowe"),
    ("cooperation", "współpraca"),
    ("legal", "prawne"),
    ("transport", "dojazd"),
    ("care_duties", "obowiązki opiekuńcze uczestników"),
    ("motivation", "motywacja"),
    ("other", "inne"),
)

# ---- row/column labels of the count tables (sheet "Uczestnicy") ----

SEX = (("f", "Kobiety"), ("m", "Mężczyźni"))

# Art. 1 ust. 2 ustawy o zatrudnieniu socjalnym (current text), DESIGN §1.
ART1_GROUP = (
    ("homeless", "bezdomni realizujący indywidualny program wychodzenia z bezdomności"),
    ("alcohol", "uzależnieni od alkoholu"),
    ("drugs", "uzależnieni od narkotyków lub innych środków odurzających"),
    ("mental", "osoby z zaburzeniami psychicznymi"),
    ("long_unemployed", "długotrwale bezrobotni"),
    ("ex_prisoners", "zwalniani z zakładów karnych"),
    ("refugees", "uchodźcy realizujący indywidualny program integracji"),
    ("disabled", "osoby z niepełnosprawnościami"),
)

FLOW_STAGE = (
    ("start", "Uczestnicy na początek okresu"),
    ("entered", "Przyjęci w okresie"),
    ("completed", "Ukończyli udział w okresie"),
    ("dropped", "Przerwali udział (rezygnacja, skreślenie)"),
    ("to_cis", "Przeszli do CIS"),
    ("end", "Uczestnicy na koniec okresu"),
)

REFERRAL_SOURCE = (
    ("ops", "ośrodek pomocy społecznej (OPS/MOPS/GOPS)"),
    ("pup", "powiatowy urząd pracy"),
    ("pcpr", "PCPR"),
    ("health", "placówka leczenia uzależnień lub ochrony zdrowia"),
    ("ngo", "organizacja pozarządowa"),
    ("justice", "kurator sądowy / zakład karny"),
    ("self", "zgłoszenie własne"),
    ("other", "inne"),
)

# 001 §1.3.11 (long-term support: 9–18 months is too short).
DURATION_BUCKET = (
    ("lt3", "do 3 miesięcy"),
    ("3to6", "od 3 do 6 miesięcy"),
    ("6to9", "od 6 do 9 miesięcy"),
    ("9to12", "od 9 do 12 miesięcy"),
    ("12to18", "od 12 do 18 miesięcy"),
    ("gt18", "powyżej 18 miesięcy"),
)
SHORT_DURATION_BUCKETS = ("lt3", "3to6", "6to9", "9to12")  # under 12 months

SPHERE_MEASURE = (("diagnosed", "Zdiagnozowano deficyt (osoby)"), ("improved", "Odnotowano poprawę (osoby)"))

# 001 end of §1.3: success measures of the new KIS (non-employment).
NON_EMPLOYMENT_MEASURE = (
    ("communication", "umiejętności komunikacyjne"),
    ("formal_affairs", "uporządkowanie spraw formalnych"),
    ("health", "zmiany zdrowotne (np. terapia uzależnień)"),
    ("motivation", "motywacja"),
    ("culture_health", "uczestnictwo w kulturze i zachowania prozdrowotne"),
    ("social_ties", "więzi społeczne"),
    ("emotions", "kontrola emocji"),
    ("life_goals", "umiejętność wyznaczania celów życiowych"),
    ("self_esteem", "poczucie własnej wartości"),
)
MEASURE_COLUMNS = (("measured", "Objęci pomiarem (osoby)"), ("improved", "Udokumentowana poprawa (osoby)"))

# CAS "dane o KIS": what completers did after leaving.
OUTCOME = (
    ("open_market", "zatrudnienie na otwartym rynku pracy"),
    ("social_coop", "spółdzielnia socjalna"),
    ("cis", "centrum integracji społecznej"),
    ("supported", "zatrudnienie wspierane"),
    ("own_business", "własna działalność gospodarcza"),
    ("education", "kształcenie lub szkolenie"),
    ("none", "bez zmiany sytuacji zawodowej"),
)

# Since 2.0 (a CAS item): persons who *started* in the period use ART1_GROUP × SEX (grid "started").

# Since 2.0: the individual reintegration process (001 service card, lines 2683–2744: IPD for every client;
# 002 line 271: individual reintegration plans; 001 lines 2476–2486: the participant takes part in choosing
# and shaping the services, against plans and contracts "imposed" by staff).
PROCESS = (
    ("with_plan", "z indywidualnym planem działania lub reintegracji (IPD/IPR)"),
    ("with_case_manager", "z przydzielonym case managerem"),
    ("with_contract", "z kontraktem socjalnym"),
    ("plan_reviewed", "z planem przeglądniętym w okresie"),
    ("co_decided", "uczestnik współdecydował o swoim planie"),
)
PROCESS_BOUNDED_BY_PLAN = ("plan_reviewed", "co_decided")   # each ≤ with_plan

# Since 2.0: "monitoring pół roku po wyjściu z KIS" (001 line 2726, the service card).
FOLLOWUP = (
    ("followed_up", "Osoby, z którymi skontaktowano się pół roku po wyjściu z KIS"),
    ("fu_employed", "w tym: pracują (otwarty rynek pracy, zatrudnienie wspierane, własna firma)"),
    ("fu_social_economy", "w tym: pracują w spółdzielni socjalnej lub CIS"),
    ("fu_education", "w tym: uczą się lub szkolą"),
    ("fu_searching", "w tym: szukają pracy"),
    ("fu_no_change", "w tym: bez zmiany sytuacji"),
    ("fu_unknown", "w tym: sytuacja nieustalona"),
)
FOLLOWUP_STATUSES = tuple(k for k, _ in FOLLOWUP[1:])

HOURS = (
    ("total", "Łączna liczba godzin udziału uczestników"),
    ("social", "w tym: godziny reintegracji społecznej"),
)
HOURS_COLUMNS = (("hours", "Liczba godzin"),)
COUNT_COLUMN = (("persons", "Liczba osób"),)
