"""The LSR monitoring workbook, defined once (DESIGN §4).

Every sheet, column, type, closed list and count-table layout lives here. The
template generator, the reader, the validator, the sample generator and the data
dictionary all derive from this module; no other module hard-codes a sheet name,
a cell position or a list value.

Layout conventions (1-based Excel rows):
* table sheets: row 1 title, row 2 help, row 3 column headers, row 4 column help,
  data from row 5 (``TABLE_FIRST_DATA_ROW``);
* the form sheet ("Metryczka"): row 3 headers, one field per row from row 4,
  label in column A, value in column B, help in column C;
* the count sheet ("Uczestnicy"): grids stacked from row 4, each with a title row,
  a header row and one row per category; labels in column A, counts from column B.

Versions: every field, column, grid, grid row and sheet carries the template version that
introduced it (``since``; a grid row may also end, ``rows_until``). ``layout(version)``
returns the sheets as that version has them, with its own positions (form rows and grid
stacking follow from what the version holds). The module-level constants (``FORM``,
``TABLES``, ``PARTICIPANTS``…) are the layout of the current ``TEMPLATE_VERSION``; the
reader and the validator use the layout of the file's own version (1.0 files keep counting,
DESIGN §10).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, replace

from . import lists as L
from .model import (  # noqa: F401  (re-exported: the specification's building blocks)
    CONTROL_SHEET, FORM_FIRST_ROW, GRID_FIRST_ROW, INSTRUCTIONS_SHEET, LISTS_SHEET, META_FIELDS, META_SHEET,
    SUPPORTED_VERSIONS, TABLE_FIRST_DATA_ROW, TABLE_HEADER_ROW, TABLE_HELP_ROW, TEMPLATE_ID, TEMPLATE_VERSION, TYPES,
    Column, FormSheet, Grid, GridSheet, TableSheet, _stack, a1, col_letter, has, version_key,
)

C = Column  # short alias for the declarations below

# ---------------------------------------------------------------- 1. Metryczka
_FORM = FormSheet(
    key="form",
    name="Metryczka",
    title="Metryczka Lokalnej Sieci na rzecz Reintegracji (LSR)",
    help="Uzupełnij kolumnę B. Pola oznaczone * są obowiązkowe. Kod TERYT to 7 cyfr kodu gminy siedziby LSR.",
    fields=(
        C("lsr_name", "Nazwa LSR", "text", "Pełna nazwa lokalnej sieci, np. „Lokalna Sieć na rzecz Reintegracji w Gminie Chełmno”.", True, width=50),
        C("teryt", "Kod TERYT gminy siedziby", "teryt", "7 cyfr: województwo (2), powiat (2), gmina (2), rodzaj gminy (1: miejska, 2: wiejska, 3: miejsko-wiejska), np. 0404011.", True),
        C("gmina", "Gmina", "text", "Nazwa gminy siedziby LSR.", True),
        C("powiat", "Powiat", "text", "Nazwa powiatu.", True),
        C("voivodeship", "Województwo", "choice", "Wybierz z listy.", True, L.VOIVODESHIPS),
        C("period", "Okres sprawozdawczy", "period", "Rok (np. 2025) albo półrocze (2025-H1, 2025-H2).", True),
        C("kis_name", "Nazwa KIS – lidera LSR", "text", "Klub Integracji Społecznej pełniący rolę głównego węzła LSR.", True, width=50),
        # since 2.0: the KIS register kept by the wojewoda (KIS annual report, art. 18a ust. 6; DESIGN §10)
        C("kis_register_no", "Numer KIS w rejestrze prowadzonym przez wojewodę", "text",
          "Numer wpisu KIS do rejestru wojewody, np. KIS/04/12/2019, dokładnie jak w decyzji.", False,
          width=30, since="2.0"),
        C("kis_anchoring", "Umocowanie KIS", "choice", "Wybierz formę organizacyjną KIS (Biała Księga §1.3.3).", True, L.KIS_ANCHORING),
        C("auspices", "KIS działa pod auspicjami samorządu", "yesno", "TAK, jeśli samorząd gminy formalnie powierzył KIS koordynację reintegracji (zasada 1 nowego KIS).", True, L.YES_NO),
        C("created_on", "Data utworzenia LSR", "date", "Data decyzji lub porozumienia tworzącego LSR (RRRR-MM-DD).", True),
        C("creation_mode", "Tryb utworzenia LSR", "choice", "Administracyjny (zarządzenie lub uchwała) albo obywatelski (oddolny), zob. narzędzia animacji cz. IV.", True, L.CREATION_MODE),
        # since 2.0 (DESIGN §10): volunteers as people by sex (the CAS set), network quality
        C("volunteers_women", "Wolontariuszki w okresie (osoby)", "int",
          "Kobiety działające jako wolontariuszki w KIS lub LSR w okresie (osoby, nie etaty), np. 3.", False,
          max_value=200, width=12, since="2.0"),
        C("volunteers_men", "Wolontariusze w okresie (osoby)", "int",
          "Mężczyźni działający jako wolontariusze w KIS lub LSR w okresie (osoby, nie etaty), np. 2.", False,
          max_value=200, width=12, since="2.0"),
        C("lsr_meetings", "Posiedzenia LSR w okresie", "int",
          "Liczba posiedzeń LSR (spotkań członków sieci) w okresie, np. 4 przy spotkaniach co kwartał.", False,
          max_value=100, width=12, since="2.0"),
        # 004 card 4 (lines 1363–1375): "Lokalny monitoring LSR", results presented at LSR meetings
        C("local_monitoring", "LSR prowadzi lokalny monitoring", "yesno",
          "TAK, jeśli LSR ustaliła tryb i terminy monitoringu, a wyniki omawia na posiedzeniach, np. co kwartał.",
          False, L.YES_NO, width=12, since="2.0"),
        C("konwent", "Udział w konwencie regionalnym lub RSR", "yesno",
          "TAK, jeśli LSR lub KIS brała w okresie udział w konwencie regionalnym lub spotkaniu RSR, np. konwent w ROPS.",
          False, L.YES_NO, width=12, since="2.0"),
        # 002 lines 173–177: supervision of the reintegration service
        C("supervision", "Superwizja pracy z uczestnikami w KIS", "yesno",
          "TAK, jeśli kadra KIS miała w okresie superwizję pracy z uczestnikami, np. grupową co miesiąc.",
          False, L.YES_NO, width=12, since="2.0"),
        C("coordinator", "Koordynator LSR (imię i nazwisko)", "text", "Osoba do kontaktu w sprawie sprawozdania (nie dotyczy uczestników).", True),
        C("email", "E-mail koordynatora", "email", "Adres do odpowiedzi ROPS.", True),
        C("phone", "Telefon koordynatora", "phone", "Numer telefonu, np. 56 123 45 67.", False),
        C("filled_on", "Data wypełnienia", "date", "Data przygotowania tej wersji sprawozdania (RRRR-MM-DD). Nowsza wersja zastępuje starszą.", True),
    ),
)

# ---------------------------------------------------------------- 2. Interesariusze
STAKEHOLDERS = TableSheet(
    key="stakeholders", name="Interesariusze",
    title="Interesariusze LSR (członkowie sieci)",
    help="Jeden wiersz = jedna instytucja. Typ A: reintegracja głównym celem (KIS, CIS, spółdzielnia socjalna); "
         "B: jednym z celów (OPS, PCPR, PUP); C: nie jest celem, ale oferuje usługi (dom kultury, biblioteka, szkoła, "
         "klub sportowy, przychodnia, pracodawca). Identyfikator (I01…) jest nadany – używaj go w innych arkuszach.",
    capacity=80, id_prefix="I", min_rows=1,
    columns=(
        C("id", "Identyfikator", "id", "Nadany automatycznie; nie zmieniaj.", True, width=12),
        C("name", "Nazwa instytucji", "text", "Pełna nazwa instytucji lub organizacji.", True, width=40),
        C("type", "Typ (A/B/C)", "choice", "A – reintegracja głównym celem; B – jednym z celów; C – nie jest celem, ale oferuje usługi dla uczestników.", True, L.STAKEHOLDER_TYPE, width=10),
        C("sector", "Sektor", "choice", "Wybierz z listy.", True, L.SECTOR),
        C("field", "Dziedzina", "choice", "Główna dziedzina działania.", True, L.FIELD, width=28),
        C("level", "Zasięg", "choice", "Zasięg działania instytucji.", True, L.LEVEL),
        C("joined_on", "Data przystąpienia", "date", "RRRR-MM-DD.", False),
        C("declaration", "Deklaracja współpracy podpisana", "yesno", "TAK, jeśli instytucja podpisała deklarację lub list intencyjny.", True, L.YES_NO, width=14),
        C("contact", "Wskazana osoba do kontaktu", "yesno", "TAK, jeśli instytucja wskazała osobę do kontaktu w LSR.", False, L.YES_NO, width=14),
        C("res_staff", "Wnosi zasoby kadrowe", "yesno", "TAK/NIE.", False, L.YES_NO, width=12),
        C("res_technical", "Wnosi zasoby techniczne", "yesno", "TAK/NIE.", False, L.YES_NO, width=12),
        C("res_premises", "Wnosi zasoby lokalowe", "yesno", "TAK/NIE.", False, L.YES_NO, width=12),
        C("res_financial", "Wnosi zasoby finansowe", "yesno", "TAK/NIE.", False, L.YES_NO, width=12),
    ),
)

# ---------------------------------------------------------------- 3. Partnerstwa
PARTNERSHIPS = TableSheet(
    key="partnerships", name="Partnerstwa",
    title="Partnerstwa lokalne",
    help="Jeden wiersz = jedno partnerstwo. Lider i członkowie to identyfikatory z arkusza Interesariusze "
         "(członków oddziel średnikiem, np. I01; I04; I07).",
    capacity=20, id_prefix="P",
    columns=(
        C("id", "Identyfikator", "id", "Nadany automatycznie; nie zmieniaj.", True, width=12),
        C("name", "Nazwa partnerstwa", "text", "Nazwa lub krótki opis.", True, width=34),
        C("goal", "Cel partnerstwa", "text", "Główny cel współpracy.", False, width=34),
        C("leader", "Lider (identyfikator)", "ref", "Identyfikator interesariusza, np. I01 (zwykle KIS).", True, width=14),
        # since 2.0: 001 lines 778–780 ("Ich liderem powinien być także KIS")
        C("kis_leads", "Liderem partnerstwa jest KIS", "yesno",
          "TAK, jeśli liderem partnerstwa jest KIS, np. TAK dla umowy partnerskiej, którą prowadzi KIS z OPS.",
          False, L.YES_NO, width=14, since="2.0"),
        C("members", "Członkowie (identyfikatory)", "ref_list", "Identyfikatory oddzielone średnikiem, np. I02; I05.", True, width=26),
        C("form", "Forma", "choice", "Umowa partnerska, stowarzyszenie, fundacja albo porozumienie nieformalne.", True, L.PARTNERSHIP_FORM, width=22),
        C("signed_on", "Data zawarcia", "date", "RRRR-MM-DD.", False),
        C("action_plan", "Przyjęty plan działania", "yesno", "TAK/NIE.", True, L.YES_NO, width=12),
        C("evaluated_on", "Ostatnia ewaluacja", "date", "Data ostatniej oceny działania partnerstwa (RRRR-MM-DD).", False),
        # since 2.0: 001 lines 2588–2596 (cooperation evaluated every half year with the evaluation card)
        C("evaluations", "Ewaluacje w okresie", "int",
          "Ile razy w okresie oceniono współpracę w partnerstwie, np. 2 (ocena co pół roku kartą oceny współpracy).",
          False, max_value=12, width=12, since="2.0"),
        C("area", "Obszar działania", "choice", "Główny obszar usług partnerstwa.", False, L.SERVICE_AREA, width=28),
    ),
)

# ---------------------------------------------------------------- 4. Kadra
STAFF = TableSheet(
    key="staff", name="Kadra",
    title="Kadra KIS i LSR (bez nazwisk)",
    help="Jeden wiersz = jedno stanowisko lub osoba. Nie wpisuj nazwisk. Etat jako liczba dziesiętna (np. 0,5).",
    capacity=40, min_rows=1,
    columns=(
        C("role", "Rola", "choice", "Wybierz z listy (w nowym KIS obowiązkowy jest case manager).", True, L.STAFF_ROLE, width=28),
        C("fte", "Wymiar etatu", "decimal", "Liczba etatów, np. 1 albo 0,5.", True, max_value=1.5, width=12),
        C("contract", "Forma zatrudnienia", "choice", "Wybierz z listy.", True, L.CONTRACT_TYPE, width=24),
        C("own", "Własna kadra KIS", "yesno", "TAK – zatrudniony przez KIS; NIE – kadra partnera.", True, L.YES_NO, width=12),
        C("funding", "Finansowanie stanowiska", "choice", "Budżet, projekt albo oba.", True, L.STAFF_FUNDING, width=16),
        # since 2.0: 002 lines 173–177 (supervision)
        C("supervised", "Superwizja w okresie", "yesno",
          "TAK, jeśli osoba miała w okresie superwizję pracy z uczestnikami, np. grupową raz w miesiącu.", False,
          L.YES_NO, width=12, since="2.0"),
    ),
)

# ---------------------------------------------------------------- 5. Uczestnicy (counts only)
# Declared in 2.0 order; ``layout(version)`` keeps the grids a version has and stacks them.
_PARTICIPANTS = GridSheet(
    key="participants", name="Uczestnicy",
    title="Uczestnicy – wyłącznie liczby (bez danych osobowych)",
    help="Wpisz liczby osób (liczby całkowite, 0, gdy brak). Każdą osobę licz raz, w jednej głównej grupie. "
         "Nie wpisuj nazwisk ani numerów PESEL. Sprawdź bilans w arkuszu Kontrola.",
    grids=(
        Grid("groups", "Uczestnicy w okresie według grupy (art. 1 ust. 2 ustawy) i płci",
             "Osoby uczestniczące w okresie (na początek okresu + przyjęci). Jedna główna grupa na osobę.",
             L.ART1_GROUP, L.SEX, total_column=True),
        # since 2.0: the CAS item "osoby, które rozpoczęły udział" by group × sex (DESIGN §10)
        Grid("started", "Osoby, które rozpoczęły udział w okresie, według grupy i płci",
             "Tylko osoby przyjęte w okresie, jedna główna grupa na osobę; suma dla każdej płci równa liczbie "
             "przyjętych w okresie, np. 3 kobiety długotrwale bezrobotne + 2 uzależnione od alkoholu = 5 przyjętych kobiet.",
             L.ART1_GROUP, L.SEX, total_column=True, since="2.0"),
        Grid("flow", "Przepływ uczestników w okresie",
             "Bilans: na początek + przyjęci − ukończyli − przerwali − przeszli do CIS = na koniec.",
             L.FLOW_STAGE, L.SEX, total_column=True),
        # since 2.0: the individual process (001 lines 2683–2744, 2476–2486; 002 line 271)
        Grid("process", "Indywidualny proces reintegracji uczestników w okresie",
             "Osoby spośród uczestników w okresie; każdy wiersz ≤ liczba uczestników, a plan przeglądnięty i "
             "współdecydowanie ≤ osoby z planem, np. 12 osób z IPR, w tym 9 z planem przeglądniętym.",
             L.PROCESS, L.SEX, total_column=True, since="2.0"),
        Grid("referrals", "Osoby przyjęte w okresie według źródła skierowania",
             "Suma równa liczbie przyjętych w okresie.", L.REFERRAL_SOURCE, L.COUNT_COLUMN),
        Grid("duration", "Czas udziału osób, które zakończyły udział w okresie",
             "Suma równa: ukończyli + przerwali + przeszli do CIS.", L.DURATION_BUCKET, L.COUNT_COLUMN),
        Grid("spheres", "Diagnoza i poprawa w pięciu sferach życia",
             "Liczba osób z deficytem zdiagnozowanym w sferze i liczba osób z odnotowaną poprawą (poprawa ≤ diagnoza).",
             L.LIFE_SPHERE, L.SPHERE_MEASURE),
        Grid("measures", "Niezatrudnieniowe miary sukcesu",
             "Osoby objęte pomiarem i osoby z udokumentowaną poprawą (Biała Księga §1.3.12).",
             L.NON_EMPLOYMENT_MEASURE, L.MEASURE_COLUMNS),
        # 2.0 asks the transfer to CIS once, in the flow ("Przeszli do CIS"); 1.0 files keep their "cis" row
        Grid("outcomes", "Sytuacja osób, które ukończyły udział",
             "Jedna sytuacja na osobę; suma nie większa niż liczba osób, które ukończyły udział. "
             "Przejście do CIS wpisz tylko w tabeli przepływu.",
             L.OUTCOME, L.SEX, total_column=True, rows_until=(("cis", "1.0"),)),
        # since 2.0: "monitoring pół roku po wyjściu z KIS" (001 line 2726)
        Grid("followup", "Sytuacja pół roku po wyjściu z KIS",
             "Osoby, które zakończyły udział co najmniej pół roku temu i z którymi się skontaktowano; suma sytuacji "
             "równa liczbie tych osób, np. 10 = 4 pracują + 1 w spółdzielni + 2 szukają pracy + 3 bez zmiany.",
             L.FOLLOWUP, L.COUNT_COLUMN, since="2.0"),
        Grid("hours", "Godziny udziału w okresie",
             "Model usług: 2/3 czasu udziału to reintegracja społeczna.", L.HOURS, L.HOURS_COLUMNS),
    ),
)

# ---------------------------------------------------------------- 6. Usługi
SERVICES = TableSheet(
    key="services", name="Usługi",
    title="Usługi reintegracyjne w okresie",
    help="Jeden wiersz = jedna usługa (np. akademia zdrowia, warsztaty grupowe). Realizator: identyfikator "
         "interesariusza; puste pole oznacza, że usługę prowadzi sam KIS.",
    capacity=100, min_rows=1,
    columns=(
        C("name", "Nazwa usługi", "text", "Krótka nazwa usługi.", True, width=34),
        C("area", "Obszar", "choice", "Wybierz obszar usługi.", True, L.SERVICE_AREA, width=28),
        C("sphere", "Sfera życia", "choice", "Sfera, której dotyczy usługa.", True, L.LIFE_SPHERE, width=18),
        C("form", "Forma", "choice", "Forma realizacji.", True, L.SERVICE_FORM, width=24),
        C("provider", "Realizator (identyfikator)", "ref", "Identyfikator interesariusza, np. I03; puste = KIS.", False, width=14),
        C("participants", "Liczba uczestników", "int", "Liczba osób korzystających z usługi.", True, max_value=400, width=12),
        C("hours", "Liczba godzin", "decimal", "Łączna liczba godzin usługi w okresie.", True, width=12),
        C("in_kind", "Wkład rzeczowy partnera (zł)", "decimal", "Wartość wkładu niefinansowego partnera w złotych.", False, width=14),
        # since 2.0: art. 18 ust. 2 of the act on social employment (the KIS annual report, DESIGN §10)
        C("art18", "Usługa z art. 18 ust. 2 ustawy", "choice",
          "Forma z art. 18 ust. 2 ustawy, np. poradnictwo prawne; dla innych usług wybierz „nie dotyczy”.",
          False, L.ART18_SERVICE, width=26, since="2.0"),
    ),
)

# ---------------------------------------------------------------- 7. Finansowanie
FUNDING = TableSheet(
    key="funding", name="Finansowanie",
    title="Finansowanie KIS i LSR w okresie",
    help="Jeden wiersz = jedno źródło lub projekt. Kwoty w złotych.",
    capacity=30, min_rows=1,
    columns=(
        C("source", "Źródło", "choice", "Wybierz z listy.", True, L.FUNDING_SOURCE, width=28),
        C("amount", "Kwota (zł)", "decimal", "Kwota w złotych w okresie.", True, width=14),
        C("time_limited", "Projekt ograniczony w czasie", "yesno", "TAK, jeśli środki pochodzą z projektu o określonym końcu.", True, L.YES_NO, width=14),
        C("ends_on", "Finansowanie kończy się", "date", "Data końca finansowania (RRRR-MM-DD), jeśli znana.", False),
        C("note", "Uwagi", "text", "Np. nazwa projektu.", False, width=30),
    ),
)

# ---------------------------------------------------------------- 8. Animacja
ANIMATION = TableSheet(
    key="animation", name="Animacja",
    title="Działania animacyjne sieci (narzędzia animacji, karty 1–13)",
    help="Jeden wiersz = jedno wydarzenie. Podaj liczbę instytucji każdego typu.",
    capacity=60,
    columns=(
        C("date", "Data", "date", "RRRR-MM-DD, w okresie sprawozdawczym.", True),
        C("kind", "Rodzaj działania", "choice", "Wybierz z listy.", True, L.ANIMATION_KIND, width=24),
        C("institutions", "Liczba instytucji", "int", "Wszystkie instytucje biorące udział.", True, max_value=200, width=12),
        C("type_a", "w tym typu A", "int", "Liczba instytucji typu A.", False, width=10),
        C("type_b", "w tym typu B", "int", "Liczba instytucji typu B.", False, width=10),
        C("type_c", "w tym typu C", "int", "Liczba instytucji typu C.", False, width=10),
        C("rops", "Udział RSR/ROPS", "yesno", "TAK, jeśli uczestniczył przedstawiciel ROPS/RSR.", True, L.YES_NO, width=12),
    ),
)

# ---------------------------------------------------------------- 9. Bariery i potrzeby
BARRIERS = TableSheet(
    key="barriers", name="Bariery",
    title="Bariery i potrzeby",
    help="Jeden wiersz = jedna bariera. Opisz podjęte działanie i potrzebne wsparcie RSR/KSR.",
    capacity=30,
    columns=(
        C("category", "Kategoria", "choice", "Wybierz z listy.", True, L.BARRIER_CATEGORY, width=30),
        C("description", "Opis bariery", "text", "Krótki opis.", True, width=40),
        C("action", "Podjęte działanie", "text", "Co zrobiono; puste = brak działania.", False, width=40),
        C("support", "Potrzebne wsparcie RSR/KSR", "text", "Czego LSR oczekuje od ROPS lub ministerstwa.", False, width=40),
    ),
)

PRACTICES = TableSheet(
    key="practices", name="Dobre praktyki",
    title="Dobre praktyki",
    help="Rozwiązania warte upowszechnienia w sieci regionalnej i krajowej.",
    capacity=15,
    columns=(
        C("title", "Nazwa praktyki", "text", "Krótka nazwa.", True, width=34),
        C("description", "Opis", "text", "Na czym polega i co dała.", True, width=60),
        C("partners", "Partnerzy (identyfikatory)", "ref_list", "Identyfikatory interesariuszy oddzielone średnikiem.", False, width=24),
    ),
)

_TABLES = (STAKEHOLDERS, PARTNERSHIPS, STAFF, SERVICES, FUNDING, ANIMATION, BARRIERS, PRACTICES)

# The sheets a coordinator fills, as a closed list for the "Wyjaśnienia" sheet. Set on the lists module so
# the dropdown gets a stable defined name like every other list (the names themselves live only here).
L.INPUT_SHEET = tuple((sheet.key, sheet.name) for sheet in (_FORM, STAKEHOLDERS, PARTNERSHIPS, STAFF, _PARTICIPANTS,
                                                           SERVICES, FUNDING, ANIMATION, BARRIERS, PRACTICES))

# ---------------------------------------------------------------- 10. Wyjaśnienia (since 2.0, DESIGN §10)
EXPLANATIONS = TableSheet(
    key="explanations", name="Wyjaśnienia",
    title="Wyjaśnienia do ostrzeżeń",
    help="Jeden wiersz = jedno wyjaśnienie ostrzeżenia z walidacji. Wskaż arkusz i komórkę (np. D14) albo kod "
         "ostrzeżenia z ostatniej kolumny kopii z uwagami. Ostrzeżenie zostaje, ale w raportach widać Twoje wyjaśnienie.",
    capacity=40, since="2.0",
    columns=(
        C("sheet", "Arkusz", "choice", "Arkusz, którego dotyczy ostrzeżenie, np. Uczestnicy.", True, L.INPUT_SHEET, width=18),
        C("cell", "Komórka", "text", "Adres komórki z ostrzeżeniem, np. D14; puste, gdy podajesz kod.", False, width=12),
        C("code", "Kod ostrzeżenia", "text", "Kod z ostatniej kolumny kopii z uwagami, np. skopiowany z wiersza ostrzeżenia; puste, gdy podajesz komórkę.",
          False, width=26),
        C("text", "Wyjaśnienie", "text", "Dlaczego wartość jest poprawna, np. „Dwa nabory w okresie, stąd wielu przyjętych”.", True, width=70),
    ),
)
_TABLES += (EXPLANATIONS,)


@dataclass(frozen=True)
class Layout:
    """The sheets of one template version, with that version's positions."""

    version: str
    form: FormSheet
    tables: tuple[TableSheet, ...]
    participants: GridSheet

    @property
    def input_sheets(self) -> tuple:
        by_key = {t.key: t for t in self.tables}
        head = (self.form, by_key["stakeholders"], by_key["partnerships"], by_key["staff"], self.participants)
        return head + tuple(t for t in self.tables if t.key not in {"stakeholders", "partnerships", "staff"})

    @property
    def visible_sheet_names(self) -> tuple[str, ...]:
        return (INSTRUCTIONS_SHEET,) + tuple(s.name for s in self.input_sheets) + (CONTROL_SHEET,)

    @property
    def all_sheet_names(self) -> tuple[str, ...]:
        return self.visible_sheet_names + (LISTS_SHEET, META_SHEET)

    def table(self, key: str) -> TableSheet:
        return next(t for t in self.tables if t.key == key)

    def has_table(self, key: str) -> bool:
        return any(t.key == key for t in self.tables)

    def grid(self, key: str) -> Grid:
        return self.participants.grid(key)

    def has_grid(self, key: str) -> bool:
        return any(g.key == key for g in self.participants.grids)

    @property
    def balances(self) -> tuple[tuple[str, str], ...]:
        return tuple((k, v) for k, v in BALANCES if has(BALANCE_SINCE.get(k, "1.0"), self.version))


def _form_for(version: str) -> FormSheet:
    return replace(_FORM, fields=tuple(f for f in _FORM.fields if has(f.since, version)))


def _table_for(t: TableSheet, version: str) -> TableSheet:
    return replace(t, columns=tuple(c for c in t.columns if has(c.since, version)))


def _grid_for(g: Grid, version: str) -> Grid:
    dropped = {k for k, last in g.rows_until if version_key(version) > version_key(last)}
    return replace(g, rows=tuple(r for r in g.rows if r[0] not in dropped)) if dropped else g


def layout(version: str = TEMPLATE_VERSION) -> Layout:
    """The sheets of template ``version`` (a supported one; others get the current layout). One object
    per version (cached), so callers may cache on it."""
    return _layout(version if version in SUPPORTED_VERSIONS else TEMPLATE_VERSION)


@functools.cache
def _layout(version: str) -> Layout:
    grids = _stack(_grid_for(g, version) for g in _PARTICIPANTS.grids if has(g.since, version))
    return Layout(version, _form_for(version),
                  tuple(_table_for(t, version) for t in _TABLES if has(t.since, version)),
                  replace(_PARTICIPANTS, grids=grids))


CURRENT = layout(TEMPLATE_VERSION)
FORM = CURRENT.form
PARTICIPANTS = CURRENT.participants
TABLES: tuple[TableSheet, ...] = CURRENT.tables
STAKEHOLDERS, PARTNERSHIPS, STAFF, SERVICES, FUNDING, ANIMATION, BARRIERS, PRACTICES, EXPLANATIONS = (
    CURRENT.table(k) for k in ("stakeholders", "partnerships", "staff", "services", "funding", "animation",
                               "barriers", "practices", "explanations"))

# Order of the sheets a coordinator sees.
INPUT_SHEETS = CURRENT.input_sheets
VISIBLE_SHEET_NAMES = CURRENT.visible_sheet_names
ALL_SHEET_NAMES = CURRENT.all_sheet_names


def table(key: str) -> TableSheet:
    """The table sheet with this key (current version)."""
    return CURRENT.table(key)


def grid(key: str) -> Grid:
    """The count grid with this key (sheet "Uczestnicy", current version)."""
    return PARTICIPANTS.grid(key)


def closed_lists() -> dict[str, tuple]:
    """Every closed list used by any column, keyed by a stable list name (for dropdown names)."""
    out: dict[str, tuple] = {}
    for col in FORM.fields + tuple(c for t in TABLES for c in t.columns):
        if col.choices:
            name = list_name(col.choices)
            out.setdefault(name, col.choices)
    return out


def list_name(choices: tuple) -> str:
    """Defined name of a closed list in the workbook (e.g. ``lista_SECTOR``)."""
    for attr in dir(L):
        if getattr(L, attr) is choices:
            return f"lista_{attr}"
    raise KeyError(choices)


# ---- balances the specification defines (used by samples, validator and the Kontrola sheet)
# Each is (code, Polish description); implementations live where they are checked.
BALANCES = (
    ("flow", "na początek + przyjęci − ukończyli − przerwali − przeszli do CIS = na koniec (dla każdej płci)"),
    ("groups_total", "suma grup art. 1 = na początek + przyjęci (dla każdej płci)"),
    ("referrals_total", "suma źródeł skierowania = przyjęci"),
    ("duration_total", "suma przedziałów czasu udziału = ukończyli + przerwali + przeszli do CIS"),
    ("spheres", "poprawa ≤ diagnoza ≤ liczba uczestników (dla każdej sfery)"),
    ("measures", "poprawa ≤ objęci pomiarem ≤ liczba uczestników (dla każdej miary)"),
    ("outcomes", "suma sytuacji po zakończeniu ≤ ukończyli (dla każdej płci)"),
    ("hours", "godziny reintegracji społecznej ≤ łączna liczba godzin"),
    # since 2.0 (DESIGN §10; issue 13 item 1)
    ("started_total", "suma osób, które rozpoczęły udział (grupy) = przyjęci w okresie (dla każdej płci)"),
    ("process", "każdy wiersz procesu ≤ uczestnicy w okresie; plan przeglądnięty i współdecydowanie ≤ osoby z planem "
                "(dla każdej płci)"),
    ("followup", "suma sytuacji pół roku po wyjściu = osoby, z którymi się skontaktowano"),
)
BALANCE_SINCE = {"started_total": "2.0", "process": "2.0", "followup": "2.0"}
