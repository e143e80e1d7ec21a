"""Nouns of this domain with the four forms a number decides between, for the agreement checker.

Each entry: nominative singular, genitive singular, nominative plural, genitive plural, and whether
the noun is masculine-personal (virile). Polish: 1 → nominative singular ("1 plik"); 2–4, 22–24 …
→ nominative plural ("3 pliki"); 0, 5–21, 25 … → genitive plural ("5 plików"); a fraction →
genitive singular ("1,5 etatu"). For virile nouns "3 uczestników" is also right (accusative and
the "trzech uczestników" construction), so only the other forms are flagged for them.

"rok" is left out on purpose: a year number is followed by "roku" in dates ("2025 roku").
"""
from __future__ import annotations

from typing import NamedTuple


class Forms(NamedTuple):
    nom_sg: str
    gen_sg: str
    nom_pl: str
    gen_pl: str
    virile: bool = False


NOUNS: tuple[Forms, ...] = (
    Forms("osoba", "osoby", "osoby", "osób"),
    Forms("plik", "pliku", "pliki", "plików"),
    Forms("arkusz", "arkusza", "arkusze", "arkuszy"),
    Forms("skoroszyt", "skoroszytu", "skoroszyty", "skoroszytów"),
    Forms("błąd", "błędu", "błędy", "błędów"),
    Forms("ostrzeżenie", "ostrzeżenia", "ostrzeżenia", "ostrzeżeń"),
    Forms("uwaga", "uwagi", "uwagi", "uwag"),
    Forms("reguła", "reguły", "reguły", "reguł"),
    Forms("wiersz", "wiersza", "wiersze", "wierszy"),
    Forms("kolumna", "kolumny", "kolumny", "kolumn"),
    Forms("komórka", "komórki", "komórki", "komórek"),
    Forms("pole", "pola", "pola", "pól"),
    Forms("partnerstwo", "partnerstwa", "partnerstwa", "partnerstw"),
    Forms("porozumienie", "porozumienia", "porozumienia", "porozumień"),
    Forms("interesariusz", "interesariusza", "interesariusze", "interesariuszy", True),
    Forms("uczestnik", "uczestnika", "uczestnicy", "uczestników", True),
    Forms("mężczyzna", "mężczyzny", "mężczyźni", "mężczyzn", True),
    Forms("pracownik", "pracownika", "pracownicy", "pracowników", True),
    Forms("kobieta", "kobiety", "kobiety", "kobiet"),
    Forms("działanie", "działania", "działania", "działań"),
    Forms("spotkanie", "spotkania", "spotkania", "spotkań"),
    Forms("wydarzenie", "wydarzenia", "wydarzenia", "wydarzeń"),
    Forms("rodzaj", "rodzaju", "rodzaje", "rodzajów"),
    Forms("województwo", "województwa", "województwa", "województw"),
    Forms("gmina", "gminy", "gminy", "gmin"),
    Forms("powiat", "powiatu", "powiaty", "powiatów"),
    Forms("usługa", "usługi", "usługi", "usług"),
    Forms("godzina", "godziny", "godziny", "godzin"),
    Forms("etat", "etatu", "etaty", "etatów"),
    Forms("obszar", "obszaru", "obszary", "obszarów"),
    Forms("bariera", "bariery", "bariery", "barier"),
    Forms("jednostka", "jednostki", "jednostki", "jednostek"),
    Forms("instytucja", "instytucji", "instytucje", "instytucji"),
    Forms("kryterium", "kryterium", "kryteria", "kryteriów"),
    Forms("wskaźnik", "wskaźnika", "wskaźniki", "wskaźników"),
    Forms("kategoria", "kategorii", "kategorie", "kategorii"),
    Forms("rekomendacja", "rekomendacji", "rekomendacje", "rekomendacji"),
    Forms("wniosek", "wniosku", "wnioski", "wniosków"),
    Forms("zgłoszenie", "zgłoszenia", "zgłoszenia", "zgłoszeń"),
    Forms("umowa", "umowy", "umowy", "umów"),
    Forms("zestawienie", "zestawienia", "zestawienia", "zestawień"),
    Forms("raport", "raportu", "raporty", "raportów"),
    Forms("duplikat", "duplikatu", "duplikaty", "duplikatów"),
    Forms("problem", "problemu", "problemy", "problemów"),
    Forms("znak", "znaku", "znaki", "znaków"),
    Forms("cyfra", "cyfry", "cyfry", "cyfr"),
    Forms("miesiąc", "miesiąca", "miesiące", "miesięcy"),
    Forms("sfera", "sfery", "sfery", "sfer"),
    Forms("miara", "miary", "miary", "miar"),
    Forms("forma", "formy", "formy", "form"),
    Forms("wersja", "wersji", "wersje", "wersji"),
    Forms("złoty", "złotego", "złote", "złotych"),
    Forms("strona", "strony", "strony", "stron"),
    Forms("tabela", "tabeli", "tabele", "tabel"),
    Forms("przypadek", "przypadku", "przypadki", "przypadków"),
    Forms("region", "regionu", "regiony", "regionów"),
)

# every form → the entries it belongs to (a form may be shared: "osoby" is gen_sg and nom_pl)
BY_FORM: dict[str, list[Forms]] = {}
for _f in NOUNS:
    for _form in set(_f[:4]):
        BY_FORM.setdefault(_form, []).append(_f)
