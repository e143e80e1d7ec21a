"""The file-level finding codes: why an untrusted file cannot be used at all, in Polish.

Every refusal of the intake has a stable code here, with a *what* text (``{placeholders}`` filled
per file) and a *how to fix*; the validation catalogue (``ksr_reports.validation.catalogue``) adds
these codes to its own, so docs/validation.md lists them in the group "plik". The reader library's
own text (often English) never reaches a user: a ``Refusal`` keeps it in ``debug`` (shown only by
``ksr --debug``).

Numbers agree with their nouns: ``{count:wiersz|wiersze|wierszy}`` (see ``render``).
"""
from __future__ import annotations

import string
from typing import NamedTuple

from .. import lang

ERROR, WARNING = "error", "warning"
FILE_GROUP = "plik"


class Entry(NamedTuple):
    severity: str
    what: str
    fix: str
    group: str


def error(what: str, fix: str, group: str = FILE_GROUP) -> Entry:
    return Entry(ERROR, what, fix, group)


def warning(what: str, fix: str, group: str = FILE_GROUP) -> Entry:
    return Entry(WARNING, what, fix, group)


SAVE_AS_XLSX = "Otwórz plik w Excelu lub LibreOffice i zapisz go jako „Skoroszyt programu Excel (.xlsx)”, potem prześlij plik .xlsx."
USE_TEMPLATE = "Prześlij arkusz utworzony z szablonu LSR."
RESAVE = ("Otwórz plik w Excelu lub LibreOffice (jeśli program zaproponuje naprawę, zgódź się), zapisz go jako .xlsx i "
          "prześlij ponownie; jeśli się nie otwiera, przenieś dane do czystego szablonu LSR.")


class FileCodes:
    """The codes (attributes in catalogue order; ``entries()`` lists them)."""

    FILE_NOT_FOUND = error("plik nie istnieje lub nie można go otworzyć ({detail}).", "Sprawdź ścieżkę do pliku.")
    FILE_EMPTY = error("plik jest pusty (0 bajtów).", "Poproś o ponowne przesłanie arkusza zapisanego jako .xlsx.")
    FILE_NOT_XLSX = error("to nie jest skoroszyt Excela (.xlsx) – plik zawiera {detail}.",
                          "Otwórz szablon LSR w Excelu lub LibreOffice, wypełnij go i zapisz jako „Skoroszyt programu "
                          "Excel (.xlsx)”.")
    FILE_XLS = error("to skoroszyt w starym formacie Excel 97–2003 lub starszym (.xls), którego program nie czyta.",
                     SAVE_AS_XLSX)
    FILE_XLSB = error("to skoroszyt binarny Excela (.xlsb), którego program nie czyta.",
                      "W Excelu wybierz Plik → Zapisz jako → „Skoroszyt programu Excel (.xlsx)” i prześlij plik .xlsx.")
    FILE_ODS = error("to arkusz w formacie OpenDocument ({form}) programu LibreOffice lub OpenOffice, a program czyta "
                     "tylko skoroszyty .xlsx.",
                     "W LibreOffice wybierz Plik → Zapisz jako, typ pliku „Excel 2007–365 (.xlsx)”, i prześlij nowy plik.")
    FILE_NUMBERS = error("to dokument programu Numbers (Apple), którego program nie czyta.",
                         "W programie Numbers wybierz Plik → Eksportuj do → Excel i prześlij wyeksportowany plik .xlsx.")
    FILE_LAYOUT = error("to skoroszyt zapisany w nietypowym układzie wewnętrznym (tak zapisują pliki niektóre programy "
                        "i systemy inne niż Excel i LibreOffice), którego program nie czyta.", SAVE_AS_XLSX)
    FILE_SPREADSHEETML = error("to arkusz XML programu Excel 2003 (SpreadsheetML), a nie skoroszyt .xlsx.", SAVE_AS_XLSX)
    FILE_HTML = error("to strona internetowa (HTML) z tabelą, a nie skoroszyt Excela – tak zapisują tabele niektóre "
                      "systemy i przeglądarki, nawet gdy nadają plikowi rozszerzenie arkusza.",
                      "Wypełnij szablon LSR w Excelu lub LibreOffice (dane z tej tabeli można do niego wkleić) i zapisz "
                      "go jako „Skoroszyt programu Excel (.xlsx)”.")
    FILE_CSV = error("to plik tekstowy z wartościami rozdzielonymi {separator} (CSV), a nie skoroszyt Excela.",
                     "Wypełnij szablon LSR (dane z pliku CSV można do niego wkleić) i zapisz go jako „Skoroszyt programu "
                     "Excel (.xlsx)”.")
    FILE_SYLK = error("to plik w dawnym formacie wymiany danych SYLK (.slk), a nie skoroszyt .xlsx.", SAVE_AS_XLSX)
    FILE_DIF = error("to plik w dawnym formacie wymiany danych DIF (.dif), a nie skoroszyt .xlsx.", SAVE_AS_XLSX)
    FILE_TEXT = error("to zwykły plik tekstowy, a nie skoroszyt Excela.",
                      "Prześlij szablon LSR wypełniony w Excelu lub LibreOffice i zapisany jako .xlsx.")
    FILE_ENCRYPTED = error("plik jest zaszyfrowany hasłem, więc nie da się go odczytać.",
                           "Usuń hasło (w Excelu: Plik → Informacje → Chroń skoroszyt → Szyfruj przy użyciu hasła, "
                           "wyczyść pole) i prześlij plik ponownie.")
    FILE_CORRUPT = error("plik jest uszkodzony i nie da się go odczytać ({detail}).", RESAVE)
    FILE_XML_BROKEN = error("plik zawiera błędny zapis XML{where}, więc nie da się go odczytać.", RESAVE)
    FILE_XML_ENTITIES = error("plik zawiera deklaracje typu dokumentu lub encje XML{where}, których Excel i LibreOffice "
                              "nie zapisują; plik mógł zostać celowo spreparowany.",
                              "Nie otwieraj pliku; poproś nadawcę o arkusz wypełniony w szablonie LSR i zapisany w Excelu "
                              "lub LibreOffice.")
    FILE_PART_MISSING = error("skoroszyt odwołuje się do części pliku{where}, której w nim nie ma (plik zapisano niekompletnie "
                              "albo jest uszkodzony).", RESAVE)
    FILE_MACRO_SHEET = error("skoroszyt zawiera arkusz makr programu Excel 4.0 („{macro}”), którego program nie czyta.",
                             "Usuń arkusz makr (prawy przycisk myszy na karcie arkusza → Usuń) albo przenieś dane do "
                             "czystego szablonu LSR, zapisz jako .xlsx i prześlij ponownie.")
    FILE_EXTENSION = warning("plik ma {ext} ({kind}); program sprawdził go jak zwykły skoroszyt .xlsx (makr "
                             "nie uruchamia).",
                             "Przy następnym przesłaniu zapisz arkusz jako „Skoroszyt programu Excel (.xlsx)”.")
    FILE_TIMEOUT = error("plik czytał się zbyt długo (dłużej niż {limit:sekundę|sekundy|sekund}), więc jego odczyt "
                         "przerwano; zwykle to nietypowa budowa pliku albo bardzo dużo danych wklejonych poza tabelami.",
                         "Otwórz plik w Excelu lub LibreOffice, usuń dane spoza tabel, zapisz go ponownie jako .xlsx i "
                         "prześlij jeszcze raz (osoba uruchamiająca program może wydłużyć limit opcją --file-timeout).")
    ZIP_TOO_MANY_ENTRIES = error("plik zawiera {count:część|części|części} (dopuszczalne najwyżej {limit}); to nie jest "
                                 "zwykły skoroszyt.", USE_TEMPLATE)
    ZIP_TOO_LARGE = error("po rozpakowaniu plik miałby {size} MB (dopuszczalne {limit} MB); to może być celowo "
                          "spreparowany plik.",
                          "Prześlij arkusz utworzony z szablonu LSR, bez wklejonych obrazów i dużych obiektów.")
    ZIP_PART_TOO_LARGE = error("część „{entry}” po rozpakowaniu ma ponad {limit} MB; to może być celowo spreparowany "
                               "plik.", "Prześlij arkusz utworzony z szablonu LSR, bez wklejonych obrazów i dużych obiektów.")
    ZIP_RATIO = error("część „{entry}” jest skompresowana podejrzanie mocno ({size} MB z {packed} kB); to może być celowo "
                      "spreparowany plik.", USE_TEMPLATE)
    ZIP_DUPLICATE = error("plik zawiera dwie części o tej samej nazwie „{entry}” (plik zmanipulowany lub uszkodzony).",
                          "Zapisz arkusz ponownie w Excelu lub LibreOffice i prześlij jeszcze raz.")
    FILE_DIMENSIONS = error("arkusz sięga komórki {ref} ({rows:wiersz|wiersze|wierszy} × {cols:kolumna|kolumny|kolumn}), "
                            "czyli daleko poza obszar, który program czyta; pierwsza taka wartość jest w komórce {far}.",
                            "Usuń wartości wpisane daleko poza tabelami (Ctrl+End pokazuje ostatnią komórkę) i zapisz plik.")
    FILE_TOO_MANY_CELLS = error("arkusz ma co najmniej {cells:komórkę|komórki|komórek}, a dopuszczalne jest najwyżej "
                                "{limit}; tak duży plik zająłby przy odczycie gigabajty pamięci.",
                                "Usuń dane wklejone poza tabelami (np. całe kolumny lub wiersze skopiowane z innego pliku) "
                                "i zapisz plik.")
    FILE_TOO_MUCH_TEXT = error("teksty w komórkach (najwięcej w tym arkuszu) zajęłyby przy odczycie około {size} MB "
                               "pamięci (dopuszczalne {limit} MB): długie teksty powtarzają się w wielu komórkach.",
                               "Skróć bardzo długie teksty (opis wystarczy w kilku zdaniach), usuń komórki wypełnione "
                               "poza tabelami i zapisz plik.")


def part_where(part: str = "", line: int = 0, column: int = 0) -> str:
    """The ``{where}`` of the XML and part codes: " w części „xl/workbook.xml” (wiersz 2, znak 27)"."""
    where = f" w części „{part}”" if part else ""
    return f"{where} (wiersz {line}, znak {column})" if line else where


def entries(namespace: type) -> list[tuple[str, Entry]]:
    """The ``Entry`` attributes of a class body, in the order they were written."""
    return [(name, value) for name, value in vars(namespace).items() if isinstance(value, Entry)]


FILE_CODES: dict[str, Entry] = dict(entries(FileCodes))


class Refusal(Exception):
    """The file cannot be handed to the reader; ``code`` (a ``FileCodes`` name) and ``params`` say why.

    ``params`` may hold ``sheet`` and ``cell`` (the location); ``debug`` keeps the reader library's own
    text for ``ksr --debug``, never for a user's message."""

    def __init__(self, code: str, *, debug: str = "", **params):
        if code not in FILE_CODES:
            raise ValueError(f"unknown file code {code}")
        super().__init__(code)
        self.code = code
        self.params = params
        self.debug = debug

    @property
    def what(self) -> str:
        """The Polish description of the problem (the catalogue's text, without location)."""
        return render(FILE_CODES[self.code].what, **self.params)

    @property
    def fix(self) -> str:
        """The Polish advice on how to fix it."""
        return render(FILE_CODES[self.code].fix, **self.params)


class _Polish(string.Formatter):
    """``str.format`` with two Polish specs: ``{n:one|few|many}`` (number + agreeing phrase) and
    ``{code:okres}`` (a period code as people read it)."""

    def format_field(self, value, format_spec: str) -> str:
        if format_spec == "okres":
            return lang.period(str(value))
        if "|" in format_spec:
            forms = format_spec.split("|")
            n = _number(value)
            if n is None:
                return f"{value} {forms[-1]}"
            phrase = lang.plural(n, *forms)
            return f"{value if isinstance(value, str) else lang.num(n, 0 if float(n).is_integer() else 1)} {phrase}"
        return super().format_field(value, format_spec)


def _number(value) -> float | int | None:
    """The number in ``value`` (also text such as "1 234" or "2,5" that a caller formatted)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    try:
        n = float(str(value).replace(" ", "").replace(lang.NBSP, "").replace(",", "."))
    except ValueError:
        return None
    return int(n) if n.is_integer() else n


_FORMAT = _Polish()


def render(text: str, **params) -> str:
    """Fill a catalogue text: plain placeholders, agreeing counts and periods (see module doc)."""
    return _FORMAT.format(text, **params)


_OS_ERRORS = {"ENOENT": "nie ma takiego pliku", "EACCES": "brak uprawnień do odczytu", "EPERM": "brak uprawnień do odczytu",
              "EISDIR": "to jest folder, nie plik", "ENAMETOOLONG": "za długa nazwa pliku", "EBUSY": "plik jest zajęty"}


def os_error_text(error: OSError) -> str:
    """A system error opening a file, in Polish (the system's own text is often English)."""
    import errno
    name = errno.errorcode.get(error.errno or 0, "")
    return _OS_ERRORS.get(name, f"błąd systemu {name or type(error).__name__}")
