"""The error catalogue: every finding the validator can report, with a stable code.

Each code has a severity (``error`` blocks the file from rollups, ``warning`` does not)
and a Polish message in two parts: *what* rule failed (with ``{placeholders}``) and *how
to fix it*. The *where* part (``Arkusz!A1 (etykieta kolumny)``) is added by ``finding``.
Codes are stable: rollups, annotated copies and users' notes refer to them.

Numbers agree with their nouns through the Polish language layer: a placeholder written
``{count:wiersz|wiersze|wierszy}`` becomes "1 wiersz", "2 wiersze", "5 wierszy" (``lang.count``);
``{period:okres}`` shows a period code as people read it ("I półrocze 2025", ``lang.period``).

``python -m ksr_reports.validation > docs/validation.md`` regenerates the docs.
"""
from __future__ import annotations

import string
from enum import Enum

from ..errors import KsrError
from ..intake.codes import ERROR, WARNING, Entry, FileCodes, entries, error, os_error_text, render, warning
from .report import Finding

_e, _w = error, warning
F, S, C, K, X, P, Q = ("plik", "struktura", "komórki", "kody i okres", "powiązania i bilanse", "ochrona danych",
                       "wiarygodność")
R, G = "zestawienie", "rejestr"      # fatal errors about a rollup file read back and the register of expected LSRs
ROLLUP_GROUPS = (R, G)

# what the rollup and register codes advise, in the words of their readers (ROPS and ministry staff)
RECREATE = "Utwórz zestawienie ponownie albo poproś o nowy plik ROPS, który je przesłał."
AS_WRITTEN = ("Zestawień nie poprawia się ręcznie: utwórz zestawienie ponownie albo poproś o nowy plik ROPS, który "
              "je przesłał.")
BLANK_REGISTER = ("wzoru rejestru LSR (plik rejestr_LSR.xlsx, do pobrania w programie na stronie „Skrzynka ROPS” albo "
                  "na stronie głównej w części „Wzory do pobrania”)")


class _Checks:
    """The codes of the checks (plain attributes, in catalogue order; joined with the file-level codes
    of ``ksr_reports.intake`` into ``Code`` below)."""

    # ---- file: not our workbook, or calamine could not read a value
    NOT_TEMPLATE = _e("to nie jest arkusz sprawozdania LSR: nie ma w nim ukrytego arkusza, po którym program rozpoznaje "
                      "szablon LSR.",
                      "Pobierz czysty szablon LSR od ROPS, przenieś do niego dane i prześlij ponownie.", F)
    VALUE_OUT_OF_RANGE = _e("liczba {value} w komórce sformatowanej jako data lub czas jest poza zakresem dat, "
                            "przez co pliku nie da się odczytać.",
                            "Wpisz w tej komórce poprawną datę (RRRR-MM-DD) albo zmień format komórki na „Liczbowy”.", F)
    CHECK_FAILED = _e("jedno ze sprawdzeń nie powiodło się z powodu błędu programu (sprawdzenie nr {check}); plik nie "
                      "został w pełni sprawdzony.",
                      "Zgłoś problem w ROPS i dołącz ten plik; ROPS przekaże go autorom programu.", F)
    TEMPLATE_VERSION = _e("nieznana wersja szablonu LSR „{version}” (obsługiwane: {supported}).",
                          "Przenieś dane do aktualnego szablonu LSR (do pobrania w ROPS) i prześlij ponownie.", F)

    # ---- structure
    SHEET_MISSING = _e("brak arkusza „{name}”.", "Nie usuwaj arkuszy szablonu; przywróć arkusz z czystego szablonu LSR.", S)
    SHEET_RENAMED = _e("arkusz „{name}” ma zmienioną nazwę na „{found}”.", "Przywróć nazwę arkusza „{name}”.", S)
    COLUMN_RENAMED = _e("nagłówek kolumny zmieniono na „{found}”.",
                        "Przywróć nagłówek „{column}” i nie zmieniaj układu tabeli.", S)
    COLUMN_MISSING = _e("brak kolumny „{column}”.",
                        "Przywróć kolumnę z czystego szablonu; nie usuwaj kolumn.", S)
    COLUMN_MOVED = _e("kolumna „{column}” jest w kolumnie {found} zamiast {expected}.",
                      "Nie wstawiaj, nie usuwaj i nie przestawiaj kolumn; przenieś dane do czystego szablonu.", S)
    COLUMN_EXTRA = _e("dodatkowa kolumna „{found}”, której nie ma w szablonie.",
                      "Usuń dodaną kolumnę; dodatkowe informacje wpisz w kolumnie uwag lub opisu.", S)
    LABEL_CHANGED = _e("etykieta wiersza zmieniona na „{found}” (powinno być „{expected_label}”).",
                       "Nie wstawiaj, nie usuwaj i nie przestawiaj wierszy; przywróć układ z czystego szablonu.", S)
    DATA_OVERFLOW = _e("{count:wypełniony wiersz|wypełnione wiersze|wypełnionych wierszy} poniżej przygotowanej tabeli ({rows}); "
                       "tabela ma {capacity:wiersz|wiersze|wierszy}.",
                       "Wpisz dane tylko w przygotowanych wierszach; jeśli brakuje miejsca, połącz pozycje lub skontaktuj się z ROPS.", S)
    DATA_OUTSIDE_COLUMNS = _w("wartości poza kolumnami tabeli (liczba komórek: {count}, np. „{value}”) nie zostaną odczytane.",
                              "Przenieś te informacje do właściwej kolumny albo je usuń.", S)
    CELL_FORMULA = _e("komórka zawiera formułę ({formula}); program nie ufa wynikom formuł.",
                      "Wpisz w tej komórce samą wartość (skopiuj i wklej jako wartości).", S)
    CELL_MERGED = _e("scalone komórki {range} obejmują pola do wypełnienia.",
                     "Rozdziel scalone komórki (Scal i wyśrodkuj → Rozdziel) i wpisz wartość w każdą komórkę.", S)
    ROW_HIDDEN = _w("wiersz {row} jest ukryty, a zawiera pola do wypełnienia.",
                    "Odkryj wiersz i sprawdź jego zawartość; ukryte dane też są liczone.", S)

    # ---- cells
    REQUIRED_FIELD = _e("pole obowiązkowe jest puste.", "Uzupełnij pole w kolumnie B.", C)
    REQUIRED_CELL = _e("brak wartości w wypełnionym wierszu {row}.",
                       "Uzupełnij komórkę albo usuń cały wiersz, jeśli jest zbędny.", C)
    TABLE_MIN_ROWS = _e("tabela ma {count:wypełniony wiersz|wypełnione wiersze|wypełnionych wierszy}, a powinna mieć co najmniej {min:wiersz|wiersze|wierszy}.",
                        "Wpisz co najmniej {min:pozycję|pozycje|pozycji} od wiersza {first}.", C)
    TYPE_INT = _e("„{value}” nie jest liczbą całkowitą.", "Wpisz liczbę, np. 0, 3 albo 12.", C)
    TYPE_INT_FRACTION = _e("liczba {value} ma część ułamkową, a tu liczy się osoby lub sztuki.",
                           "Wpisz liczbę całkowitą.", C)
    TYPE_DECIMAL = _e("„{value}” nie jest liczbą.", "Wpisz liczbę, np. 0,5 albo 1200.", C)
    TYPE_PLACEHOLDER = _e("wpisano „{value}” zamiast liczby.", "Wpisz 0, jeśli wartość wynosi zero, albo właściwą liczbę.", C)
    RANGE_NEGATIVE = _e("wartość {value} jest ujemna.", "Wpisz liczbę większą lub równą 0.", C)
    TYPE_DATE = _e("„{value}” nie jest poprawną datą.", "Wpisz datę w formacie RRRR-MM-DD, np. 2025-03-31.", C)
    LIST_VALUE = _e("wartość „{value}” nie należy do listy dozwolonych wartości.{hint}", "Wybierz wartość z listy rozwijanej.", C)
    REF_FORMAT = _e("„{value}” nie jest identyfikatorem interesariusza.",
                    "Wpisz identyfikator z arkusza Interesariusze, np. I03 (kilka oddziel średnikiem).", C)
    EMAIL_FORMAT = _e("„{value}” nie jest poprawnym adresem e-mail.", "Wpisz adres w postaci nazwa@domena.pl.", C)
    NUMBER_AS_TEXT = _w("liczba „{value}” jest zapisana jako tekst (odczytano {read}); sumy w arkuszu Kontrola jej nie uwzględniają.",
                        "Wpisz liczbę ponownie jako liczbę (bez spacji i apostrofu).", C)
    DATE_AS_TEXT = _w("data „{value}” jest zapisana jako tekst (odczytano {read}).",
                      "Sprawdź, czy data jest właściwa, i wpisz ją w formacie RRRR-MM-DD.", C)
    DATE_AS_NUMBER = _w("data jest zapisana jako liczba {value} (odczytano {read}).",
                        "Sprawdź datę i ustaw format komórki „Data”.", C)
    DATE_OUTSIDE_PERIOD = _e("data {value} jest poza okresem sprawozdawczym ({period:okres}: {start} – {end}).",
                             "Wpisz tylko działania z okresu sprawozdawczego albo popraw datę.", C)
    DATE_AFTER_PERIOD = _e("data {value} jest późniejsza niż koniec okresu sprawozdawczego ({end}).",
                           "Popraw datę; sprawozdanie opisuje stan na koniec okresu sprawozdawczego ({period:okres}).", C)
    DATE_BEFORE_PERIOD = _e("data {value} jest wcześniejsza niż początek okresu sprawozdawczego ({start}).",
                            "Wpisz datę faktycznego wypełnienia sprawozdania.", C)
    RANGE_MAX = _w("wartość {value} jest większa niż {max}, co jest mało prawdopodobne.",
                   "Sprawdź wartość; jeśli jest poprawna, pozostaw ją.", C)

    # ---- codes and period
    TERYT_FORMAT = _e("„{value}” nie jest 7-cyfrowym kodem TERYT gminy.",
                      "Wpisz 7 cyfr kodu gminy (np. 0404011), jako tekst, z zerem na początku.", K)
    TERYT_VOIVODESHIP_CODE = _e("kod {value} zaczyna się od {woj}, a kody województw to liczby parzyste 02–32.",
                                "Sprawdź kod TERYT gminy w rejestrze TERC (GUS).", K)
    TERYT_KIND = _e("ostatnia cyfra kodu {value} to {kind}, a gmina ma rodzaj 1 (miejska), 2 (wiejska) albo 3 (miejsko-wiejska).",
                    "Wpisz kod całej gminy, nie jej części (rodzaje 4, 5, 8, 9 to miasta i obszary wiejskie w gminach).", K)
    TERYT_VOIVODESHIP_MISMATCH = _e("kod TERYT {value} należy do województwa {code_woj}, a wybrano „{chosen}”.",
                                    "Popraw kod TERYT albo pole „Województwo”.", K)
    TERYT_UNKNOWN = _e("kodu {value} nie ma w rejestrze TERC ({register}).", "Sprawdź kod TERYT gminy w rejestrze TERC (GUS).", K)
    TERC_NAME_MISMATCH = _w("„{value}” różni się od nazwy w rejestrze TERC dla kodu {teryt}: „{official}”.",
                            "Wpisz nazwę zgodną z rejestrem TERC albo sprawdź kod TERYT.", K)
    PERIOD_FORMAT = _e("„{value}” nie jest okresem sprawozdawczym.", "Wpisz rok (np. 2025) albo półrocze (2025-H1, 2025-H2).", K)
    PERIOD_MISMATCH = _e("okres „{value:okres}” różni się od okresu zbieranych sprawozdań („{expected:okres}”).",
                         "Prześlij sprawozdanie za okres „{expected:okres}” albo popraw okres w metryczce.", K)
    PERIOD_TEMPLATE_MISMATCH = _w("okres „{value:okres}” różni się od okresu, dla którego wydano szablon („{template:okres}”).",
                                  "Sprawdź, czy wypełniono właściwy szablon i okres.", K)

    # ---- ids, references, balances
    ID_DUPLICATE = _e("identyfikator {value} występuje też w wierszu {other}.", "Nadaj każdemu wierszowi inny identyfikator.", X)
    REF_UNKNOWN = _e("identyfikator {value} nie wskazuje żadnego wypełnionego wiersza w arkuszu {target}.",
                     "Wpisz identyfikator istniejącego interesariusza albo uzupełnij jego wiersz.", X)
    ANIMATION_TYPES_SUM = _e("suma instytucji typu A, B i C ({sum}) przekracza liczbę instytucji ({value}).",
                             "Popraw liczbę instytucji albo liczby według typów.", X)
    BALANCE_FLOW = _e("liczba osób na koniec okresu ({left}) nie zgadza się z bilansem: {formula} ≠ {left}.",
                      "Popraw liczby w tabeli „{grid}”.", X)
    BALANCE_GROUPS_TOTAL = _e("suma osób we wszystkich grupach ({left}) nie zgadza się z liczbą uczestników w okresie "
                              "(na początek + przyjęci): {formula} ≠ {left}.",
                              "Popraw liczby w tabeli „{grid}”; każda osoba liczy się raz, w jednej głównej grupie.", X)
    BALANCE_REFERRALS_TOTAL = _e("suma źródeł skierowania ({left}) różni się od liczby przyjętych w okresie ({right}).",
                                 "Popraw liczby w tabeli „{grid}”.", X)
    BALANCE_DURATION_TOTAL = _e("suma przedziałów czasu udziału ({left}) różni się od liczby osób, które zakończyły udział "
                                "({formula}).", "Popraw liczby w tabeli „{grid}”.", X)
    BALANCE_SPHERES = _e("liczba osób z poprawą ({left}) jest większa niż liczba osób ze zdiagnozowanym deficytem ({right}).",
                         "Popraw liczby w tabeli „{grid}”; poprawa dotyczy tylko osób z diagnozą.", X)
    BALANCE_SPHERES_TOTAL = _e("liczba osób z diagnozą ({left}) jest większa niż liczba uczestników w okresie ({right}).",
                               "Popraw liczby w tabeli „{grid}”.", X)
    BALANCE_MEASURES = _e("liczba osób z udokumentowaną poprawą ({left}) jest większa niż liczba objętych pomiarem ({right}).",
                          "Popraw liczby w tabeli „{grid}”.", X)
    BALANCE_MEASURES_TOTAL = _e("liczba osób objętych pomiarem ({left}) jest większa niż liczba uczestników w okresie ({right}).",
                                "Popraw liczby w tabeli „{grid}”.", X)
    BALANCE_OUTCOMES = _e("suma sytuacji po zakończeniu udziału ({left}) jest większa niż liczba osób, które ukończyły udział ({right}).",
                          "Popraw liczby w tabeli „{grid}”; jedna sytuacja na osobę.", X)
    BALANCE_HOURS = _e("godziny reintegracji społecznej ({left}) przekraczają łączną liczbę godzin udziału ({right}).",
                       "Popraw liczby w tabeli „{grid}”.", X)
    # since template 2.0 (issue 13; spec BALANCE_SINCE)
    BALANCE_STARTED_TOTAL = _e("suma osób, które rozpoczęły udział, we wszystkich grupach ({left}) różni się od liczby "
                               "przyjętych w okresie w tabeli przepływu ({right}).",
                               "Popraw liczby w tabeli „{grid}” albo liczbę przyjętych; każda przyjęta osoba liczy się "
                               "raz, w jednej głównej grupie.", X)
    BALANCE_PROCESS = _e("liczba osób w tym wierszu ({left}) jest większa niż liczba uczestników w okresie ({right}).",
                         "Popraw liczbę w tabeli „{grid}”; licz tylko uczestników tego okresu.", X)
    BALANCE_PROCESS_PLAN = _e("liczba osób w tym wierszu ({left}) jest większa niż liczba osób z indywidualnym planem "
                              "({right}).",
                              "Popraw liczbę w tabeli „{grid}”; przegląd planu i współdecydowanie dotyczą tylko osób, "
                              "które mają plan.", X)
    BALANCE_FOLLOWUP = _e("suma sytuacji pół roku po wyjściu ({formula}) różni się od liczby osób, z którymi się "
                          "skontaktowano ({right}).",
                          "Popraw liczby w tabeli „{grid}”; każda osoba ma jedną sytuację, a nieznaną wpisz w wierszu "
                          "„sytuacja nieustalona”.", X)

    # ---- privacy
    PRIVACY_PESEL = _e("komórka zawiera numer PESEL ({masked}); dane osobowe nie mogą trafić do sprawozdania.",
                       "Usuń numer PESEL; sprawozdanie zawiera wyłącznie liczby i nazwy instytucji.", P)
    PRIVACY_NAME = _e("„{value}” wygląda na imię i nazwisko w tabeli liczbowej; tu wpisuje się tylko liczby osób.",
                      "Usuń dane osobowe i wpisz liczbę osób.", P)

    # ---- plausibility
    PLAUS_PARTICIPANTS = _w("liczba uczestników w okresie ({value}) jest bardzo duża jak na jeden KIS (próg {limit}).",
                            "Sprawdź liczby w tabeli „{grid}”; jeśli są poprawne, pozostaw je.", Q)
    PLAUS_HOURS = _w("średnio {value:godzina|godziny|godzin} udziału na uczestnika w okresie to więcej niż pełny etat ({limit} godz.).",
                     "Sprawdź łączną liczbę godzin (suma godzin wszystkich uczestników, nie iloczyn).", Q)
    PLAUS_FUNDING_ZERO = _w("łączna kwota finansowania w okresie wynosi 0 zł.",
                            "Wpisz kwoty finansowania KIS i LSR w okresie.", Q)
    PLAUS_CASE_MANAGER_STAFF = _w("wpisano osoby z przydzielonym case managerem ({value}), a w arkuszu „{staff_sheet}” "
                                  "nie ma etatu case managera.",
                                  "Dopisz stanowisko case managera w arkuszu „{staff_sheet}” albo popraw liczbę w tabeli "
                                  "„{grid}”.", Q)
    PLAUS_SUPERVISION = _w("w metryczce wpisano NIE dla superwizji, a w arkuszu „{staff_sheet}” superwizję zaznaczono "
                           "przy {count:stanowisku|stanowiskach|stanowiskach}.",
                           "Popraw odpowiedź w metryczce albo w kolumnie superwizji w arkuszu „{staff_sheet}”.", Q)
    EXPLANATION_TARGET = _w("wyjaśnienie nie wskazuje komórki ani kodu ostrzeżenia, więc nie można go przypisać.",
                            "Wpisz adres komórki (np. D14) albo kod ostrzeżenia z kopii z uwagami.", Q)
    EXPLANATION_CELL = _w("„{value}” nie jest adresem komórki.", "Wpisz adres w postaci litery kolumny i numeru wiersza, "
                          "np. D14.", Q)
    PLAUS_SERVICE_PARTICIPANTS = _w("usługa ma {value:uczestnika|uczestników|uczestników}, więcej niż wszystkich uczestników w okresie ({total}).",
                                    "Sprawdź liczbę uczestników usługi.", Q)
    # values to explain, found by the run against history and the region (monitoring.outliers; DESIGN §11):
    # warnings, never errors; {value}, {compared}, {change} are formatted by the language layer
    OUTLIER_HISTORY = _w("{indicator} wynosi {value}, a {compared} – {change}; tak duża zmiana wobec poprzedniego "
                         "okresu wymaga sprawdzenia.",
                         "Sprawdź {check}. Jeśli dane są poprawne, wyjaśnij zmianę w arkuszu „Wyjaśnienia” ({how}).", Q)
    OUTLIER_REGION = _w("{indicator} wynosi {value}, a {compared} – to wartość nietypowo {direction} na tle LSR "
                        "województwa.",
                        "Sprawdź {check}. Jeśli dane są poprawne, wyjaśnij różnicę w arkuszu „Wyjaśnienia” ({how}).", Q)

    # ---- rollup files read back (``rollup.reader.load_rollup``): fatal for that file; in a national rollup or run
    # the file is listed as unreadable and the other inputs count. The location comes first (``place``).
    ROLLUP_NOT_ROLLUP = _e("to nie jest zestawienie regionalne ani krajowe – brak w nim ukrytego arkusza z opisem "
                           "zestawienia, który program dodaje do każdego zestawienia.",
                           "Podaj arkusze sprawozdań LSR albo zestawienia w postaci, w jakiej zapisał je program.", R)
    ROLLUP_KIND = _e("ukryty arkusz z opisem zestawienia nie oznacza zestawienia regionalnego ani krajowego.",
                     "Podaj arkusze sprawozdań LSR albo zestawienia w postaci, w jakiej zapisał je program.", R)
    ROLLUP_FORMAT = _e("zestawienie zapisano w formacie w wersji „{version}”, a ta wersja programu czyta formaty w "
                       "wersjach {readable}.",
                       "Utwórz zestawienie ponownie w wersji programu, której używasz, albo zaktualizuj program do "
                       "wersji, w której je utworzono.", R)
    ROLLUP_LEVEL_PERIOD = _e("ukryty arkusz z opisem zestawienia nie podaje poprawnego poziomu zestawienia (regionalne "
                             "albo krajowe) lub jego okresu.", RECREATE, R)
    ROLLUP_STATS_MISSING = _e("brak ukrytego arkusza „{sheet}” ze statystykami poszczególnych LSR.", RECREATE, R)
    ROLLUP_COLUMNS = _e("układ kolumn nie odpowiada żadnej wersji formatu zestawienia, którą czyta ta wersja programu.",
                        "Utwórz zestawienie ponownie w wersji programu, której używasz, albo poproś o to ROPS, który "
                        "je przesłał.", R)
    ROLLUP_NUMBER = _e("oczekiwano nieujemnej liczby, a jest „{value}”.", AS_WRITTEN, R)
    ROLLUP_IDENTITY = _e("kod TERYT gminy siedziby LSR („{lsr_id}”), kod województwa („{region}”) lub okres "
                         "(„{period:okres}”) jest niepoprawny albo niezgodny z opisem zestawienia.", AS_WRITTEN, R)
    ROLLUP_CHECKSUM = _e("statystyki nie zgadzają się z sumą kontrolną zapisaną w zestawieniu – zestawienie zmieniono "
                         "po jego utworzeniu (np. poprawiono liczby ręcznie).", AS_WRITTEN, R)
    ROLLUP_META_DAMAGED = _e("zapisane w ukrytym arkuszu z opisem zestawienia dane o jakości i pochodzeniu danych albo "
                             "teksty z arkuszy LSR są uszkodzone.", AS_WRITTEN, R)
    ROLLUP_SIZE = _e("nietypowy rozmiar arkusza ({rows:wiersz|wiersze|wierszy} × {cols:kolumna|kolumny|kolumn}), "
                     "jakiego program nie zapisuje w zestawieniach.", AS_WRITTEN, R)
    ROLLUP_REFUSED = _e("{reason}", "Plik nie jest zestawieniem w postaci, w jakiej zapisuje je program. " + RECREATE,
                        R)
    ROLLUP_UNREADABLE = _e("nie można odczytać zestawienia – program czytający arkusze zgłosił w nim błąd.",
                           RECREATE, R)

    # ---- the register of expected LSRs (``rollup.register.read_register``): fatal, nothing is written
    REGISTER_REFUSED = _e("{reason}", f"Przepisz kody TERYT do czystego {BLANK_REGISTER} i zapisz go jako "
                          "„Skoroszyt programu Excel (.xlsx)”.", G)
    REGISTER_SHEET_MISSING = _e("brak arkusza „{sheet}”.",
                                f"Wpisz kody TERYT do {BLANK_REGISTER} i nie zmieniaj nazwy arkusza.", G)
    REGISTER_TOO_LARGE = _e("za duży arkusz ({rows:wiersz|wiersze|wierszy} × {cols:kolumna|kolumny|kolumn}); rejestr "
                            "może mieć najwyżej {limit:wpis|wpisy|wpisów} i {max_cols:kolumnę|kolumny|kolumn}.",
                            "Usuń zbędne wiersze i kolumny (także dane wklejone daleko poza tabelą) i zapisz plik.", G)
    REGISTER_HEADER = _e("oczekiwano nagłówka „{expected}”.",
                         f"Nie zmieniaj nagłówków ani wierszy nad nimi we wzorze rejestru; jeśli zostały zmienione, "
                         f"przepisz kody do czystego {BLANK_REGISTER}.", G)
    REGISTER_CODE = _e("„{value}” nie jest kodem TERYT gminy (7 cyfr, ostatnia 1, 2 albo 3).",
                       "Popraw kod albo usuń wiersz.", G)
    REGISTER_DUPLICATE = _e("kod {value} powtarza się (pierwszy raz w komórce {first}).", "Usuń powtórzony wiersz.", G)
    REGISTER_CRASH = _e("nie można odczytać rejestru – program czytający arkusze przerwał na nim pracę.",
                        "Otwórz rejestr w Excelu lub LibreOffice i zapisz go ponownie jako .xlsx; jeśli to nie pomoże, "
                        f"przepisz kody do czystego {BLANK_REGISTER}.", G)



class _CodeBase(Enum):
    """Stable finding codes (the value holds severity, message template and fix)."""

    @property
    def severity(self) -> str:
        return self.value.severity

    def fields(self) -> set[str]:
        """Placeholders used by the message template."""
        fmt = string.Formatter()
        return {f for text in (self.value.what, self.value.fix) for _, f, _, _ in fmt.parse(text) if f}


Code = _CodeBase("Code", entries(FileCodes) + entries(_Checks), module=__name__, qualname="Code")


def template_text(text: str) -> str:
    """A catalogue text as the docs show it: ``{count:wiersz|wiersze|wierszy}`` → ``{count} wierszy``."""
    import re
    text = re.sub(r"\{(\w+):okres\}", r"{\1}", text)
    return re.sub(r"\{(\w+):[^|}]*\|[^|}]*\|([^|}]*)\}", r"{\1} \2", text)


def where(sheet: str = "", cell: str = "", label: str = "") -> str:
    """The location prefix of a message: ``Arkusz!A1 (etykieta)``, ``Arkusz`` or ``Plik``."""
    place = f"{sheet}!{cell}" if sheet and cell else (f"Arkusz {sheet}" if sheet else "Plik")
    return f"{place} ({label})" if label else place


def finding(code: Code, sheet: str = "", cell: str = "", label: str = "", **params) -> Finding:
    """Build a located finding with its Polish message (where → what → how to fix)."""
    what = render(code.value.what, **params)
    fix = render(code.value.fix, **params)
    return Finding(code.severity, code.name, sheet, cell, f"{where(sheet, cell, label)}: {what} {fix}",
                   label, what, fix)


def place(*parts) -> str:
    """Where in a file a rollup-file or register message points, its parts joined: ``place("RSR_04.xlsx",
    "arkusz „Statystyki”", "wiersz 5")`` → „RSR_04.xlsx, arkusz „Statystyki”, wiersz 5” (empty parts left out)."""
    return ", ".join(str(p) for p in parts if p not in (None, ""))


def message(code: Code | str, where: str = "", **params) -> str:
    """The Polish message of a catalogue code, *where: what fix* (``where`` from ``place``; without it the
    sentence starts with a capital letter)."""
    code = Code[code] if isinstance(code, str) else code
    text = f"{render(code.value.what, **params)} {render(code.value.fix, **params)}"
    return f"{where}: {text}" if where else text[:1].upper() + text[1:]


def fatal(code: Code | str, where: str = "", **params) -> KsrError:
    """The ``KsrError`` of a rollup-file or register code: its ``code`` and its ``message`` (raise it)."""
    code = Code[code] if isinstance(code, str) else code
    return KsrError(message(code, where, **params), code=code.name)


def markdown() -> str:
    """The catalogue as a Markdown page (docs/validation.md)."""
    lines = ["# Walidacja arkuszy LSR – katalog komunikatów", "",
             "<!-- Generated by `python -m ksr_reports.validation > docs/validation.md`; do not edit. -->", "",
             "Each finding has a stable code, a severity (**error** blocks the file from rollups, **warning** is",
             "reported but the file is used), a location (sheet and A1 cell, with the column label) and a Polish",
             "message shaped *where → what → how to fix*. `{…}` are filled in per finding.", "",
             "Template versions: a workbook is checked with the layout of its own version (`spec.layout`), so a 1.0",
             "file gets no finding about items only 2.0 asks (the 2.0 balances, `PLAUS_CASE_MANAGER_STAFF`,",
             "`PLAUS_SUPERVISION`, `EXPLANATION_*`). Explanations: a warning whose sheet and cell, or sheet and code,",
             "match a row of the 2.0 sheet „Wyjaśnienia” stays a warning with its code, but carries the coordinator's",
             "text (`explanation` in JSON, „Wyjaśnienie koordynatora: …” at the end of the message, in the annotated",
             "copy) and is counted (`warnings.explained`). Errors are never explained away.", "",
             "`OUTLIER_HISTORY` and `OUTLIER_REGION` are added by `ksr run`, not by `ksr validate`: values to explain",
             "against the LSR's own earlier periods (archive) and against the other LSRs of its województwo in the",
             "same run (DESIGN §11; thresholds in the `[outliers]` section of",
             "`ksr_reports/recommendations/thresholds.toml`).", "",
             "The last two groups are not findings in an LSR workbook but the errors about the other files a rollup",
             "reads (docs/rollup.md), each fatal for its file: **zestawienie** (`ROLLUP_*`) – a regional or national",
             "rollup file read back by `ksr rollup --level national`, `ksr run` over a ministry folder and",
             "`ksr report` on a rollup file (in a rollup or run the file is listed as *nieczytelny* in „Jakość",
             "danych” and the run summary, and the other inputs still count); **rejestr** (`REGISTER_*`) – the",
             "register of expected LSRs given with `--register` to `ksr rollup` and `ksr run` (the command stops, exit",
             "1, before writing anything). Their messages start with the file and, where known, the sheet, row,",
             "column or cell („RSR_04.xlsx, arkusz „Statystyki”, wiersz 5, kolumna AB: …”, „Rejestr rejestr.xlsx,",
             "arkusz „Rejestr LSR”, komórka A6: …”; the hidden meta sheet is named „ukryty arkusz z opisem",
             "zestawienia”); `{reason}` is the *what* of the file-level code (group „plik”) that refused the file.",
             "The code travels with the error (`KsrError.code`) but is not shown to users.", ""]
    groups: dict[str, list[Code]] = {}
    for code in Code:
        groups.setdefault(code.value.group, []).append(code)
    for group, codes in groups.items():
        lines += [f"## {group.capitalize()}", "", "| kod | poziom | komunikat | jak poprawić |", "|---|---|---|---|"]
        for code in codes:
            level = "błąd" if code.severity == ERROR else "ostrzeżenie"
            cell = lambda s: s.replace("|", "\\|")  # noqa: E731
            what, fix = template_text(code.value.what), template_text(code.value.fix)
            lines.append(f"| `{code.name}` | {level} | {cell(what)} | {cell(fix)} |")
        lines.append("")
    return "\n".join(lines)
