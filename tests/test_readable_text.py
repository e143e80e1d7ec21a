"""The readable-text guard (issue 12, item 9): every word a person reads from ksr's outputs is right.

Renders ``ksr demo`` and a mixed ROPS inbox's ``ksr run`` (``tests/inbox.py``), runs ``ksr validate`` and
every ``--help``, renders the local page of ``ksr serve`` (every page, a check and a run result), and checks all text a person reads, one test per output family: Polish spelling
(Hunspell pl_PL through spylls, with a short justified allow-list), number agreement after numerals,
no internal codes, no English, no paths in documents. The checkers themselves are tested on small
strings below. ``python -m tests.readable.report OUTDIR`` prints the problems of any output folder.

Spelling is skipped (not failed) where Debian's hunspell-pl is not installed; the other checks run.
"""
from __future__ import annotations

import time

import pytest

from tests.readable.checks import (Speller, agreement, all_checks, dictionary_missing, english, internal_codes,
                                   listed_words, package_names, paths)
from tests.readable.extract import CONSOLE, DOCUMENT, FORM, SUMMARY, Snippet
from tests.readable.sources import FAMILIES, demo_snippets, family, help_snippets, literal_words, \
    mixed_inbox_snippets, page_snippets

MAX_SHOWN = 40
needs_dictionary = pytest.mark.skipif(dictionary_missing() is not None, reason=f"spelling: {dictionary_missing()}")


class _Counts:
    """Prints the guard's figures in pytest's final summary (the lead quotes them in the note)."""

    def __init__(self):
        self.speller: Speller | None = None
        self.texts = 0
        self.seconds = 0.0

    def pytest_terminal_summary(self, terminalreporter):
        if not self.texts:
            return
        words = (f"{self.speller.checked} words spelled ({len(self.speller.unique)} distinct)"
                 if self.speller and self.speller.checked else f"spelling skipped ({dictionary_missing()})")
        terminalreporter.write_line(
            f"readable-text guard: {self.texts} texts, {words}; allow-list {len(listed_words())} entries "
            f"+ {len(package_names())} place-name words from the package; outputs generated in {self.seconds:.1f} s")


@pytest.fixture(scope="session")
def guard_counts(request) -> _Counts:
    counts = _Counts()
    request.config.pluginmanager.register(counts, "readable-text-guard-counts")
    return counts


@pytest.fixture(scope="session")
def readable_texts(tmp_path_factory, guard_counts) -> dict[str, list[Snippet]]:
    """Every text a person reads from the demo, the mixed inbox's run and the console, by family."""
    start = time.perf_counter()
    work = tmp_path_factory.mktemp("readable")
    snippets = demo_snippets(work / "demo") + mixed_inbox_snippets(work / "skrzynka") + help_snippets() \
        + page_snippets(work / "strona")
    guard_counts.seconds = time.perf_counter() - start
    guard_counts.texts = len(snippets)
    by_family: dict[str, list[Snippet]] = {f: [] for f in FAMILIES}
    for s in snippets:
        by_family[family(s)].append(s)
    return by_family


@pytest.fixture(scope="session")
def speller(guard_counts) -> Speller:
    if dictionary_missing():
        pytest.skip(f"spelling: {dictionary_missing()}")
    guard_counts.speller = Speller()
    return guard_counts.speller


def _report(problems) -> str:
    shown = "\n".join(str(p) for p in problems[:MAX_SHOWN])
    more = f"\n… and {len(problems) - MAX_SHOWN} more (python -m tests.readable.report OUTDIR)" \
        if len(problems) > MAX_SHOWN else ""
    return f"{len(problems)} problems in what people read:\n{shown}{more}"


# sources each family must contain, so that a crashed or empty run cannot pass as "clean"
EXPECTED_SOURCES = {
    "word": ("demo/rops/04/RSR_04_2025.docx", "demo/ministerstwo/wyniki/KSR_2025.docx",
             "demo/karta_LSR_przyklad.docx", "skrzynka-wyniki/RSR_04_2025.docx"),
    "rollup": ("demo/rops/04/RSR_04_2025.xlsx", "demo/ministerstwo/wyniki/KSR_2025.xlsx",
               "skrzynka-wyniki/RSR_04_2025.xlsx", "demo/cas_LSR_przyklad.xlsx"),
    "template": ("demo/szablon_LSR.xlsx", "skrzynka-wyniki/informacje_zwrotne/LSR_0402032_2025_uwagi.xlsx"),
    "feedback": ("demo/rops/04/podsumowanie.txt", "skrzynka-wyniki/podsumowanie.txt",
                 "skrzynka-wyniki/informacje_zwrotne/LSR_0402032_2025_uwagi.txt"),
    "console": ("ksr --help", "ksr run --help", "ksr run", "ksr validate"),
    "page": ("strona /", "strona /sprawdz", "strona /skrzynka", "strona /ministerstwo", "strona /pomoc",
             "strona wynik sprawdzenia", "strona wynik przebiegu ROPS", "strona logowanie"),
}


@pytest.mark.parametrize("name", FAMILIES)
def test_readable_text(name, readable_texts):
    """Agreement after numerals, no internal codes, no English, no paths in documents."""
    snippets = readable_texts[name]
    sources = {s.source for s in snippets}
    missing = [src for src in EXPECTED_SOURCES[name] if src not in sources]
    assert not missing, f"outputs missing (did a command fail?): {missing}"
    problems = all_checks(snippets, None, literal_words())
    assert not problems, _report(problems)


@needs_dictionary
@pytest.mark.parametrize("name", FAMILIES)
def test_spelling(name, readable_texts, speller):
    """Polish spelling (Hunspell pl_PL) of every word people read."""
    problems = speller.check(readable_texts[name], literal_words())
    assert not problems, _report(problems)


# --- the checkers themselves ------------------------------------------------------------------

def _doc(text: str, kind: str = DOCUMENT, source: str = "raport.docx") -> Snippet:
    return Snippet(source, "akapit 1", text, kind)


@pytest.mark.parametrize("text", [
    "Zgłoszono 7 partnerstw, w tym 4 formalnych, z czego 3 z udziałem typu C.",
    "Wsparciem objęto 5 osoby.",
    "Przetworzono 4 plików wejściowych.",
    "4 reguł wskazało słabości.",
    "Odbyło się 3 działań animacyjnych.",
    "LSR_zly_bilans.xlsx: 2 błędów – plik nie wchodzi do zestawienia.",
    "Objęto wsparciem łącznie 204 osób.",
    "Etat: 1,5 etatów.",
    "Liczba: 1 plików.",
    "Zrealizowano 5 formalne partnerstw.",
    "Mamy 3 plik.",
    "Mamy 21 osoba.",
])
def test_agreement_flags_wrong_forms(text):
    assert agreement([_doc(text)]), text


@pytest.mark.parametrize("text", [
    "Zgłoszono 7 partnerstw, w tym 4 formalne partnerstwa.",
    "4 formalne partnerstwa",
    "5 osób",
    "1,5 etatu",
    "2,5 osoby",
    "31 marca 2025",
    "Raport za 2025 r. obejmuje 1 231 osób.",
    "Wsparciem objęto łącznie 1\u00a0231 osób.",
    "z 4 województw; w 3 województwach; dla 2 osób",
    "art. 38 ust. 2 ustawy; Tabela 4. Uczestnicy; § 3 osoby",
    "Sieć liczy 33 interesariuszy.",           # virile: accusative "trzydziestu trzech interesariuszy"
    "brak 3 osób w kadrze",                    # genitive after "brak"
    "udział 3 osób",                          # genitive governed by a noun
    "pozycje 1–4 osoby",                       # a range, not checked
    "22 z 24 LSR",
    "12 z 12 kryteriów",
    "1 plik, 2 pliki, 5 plików, 22 pliki, 12 plików, 0 plików",
    "3 uczestników",
    "4 nowe obszary usług",
])
def test_agreement_accepts_right_forms(text):
    assert agreement([_doc(text)]) == [], text


@pytest.mark.parametrize("text, flagged", [
    ("Brak interesariuszy typu C w sieci [TYP_C]", "TYP_C"),
    ("Metryczka!B4: REQUIRED_FIELD", "REQUIRED_FIELD"),
    ("Niepełna triada kadrowa KIS [TRIADA]", "TRIADA"),
    ("lsr.with_type_c", "lsr.with_type_c"),
    ("kolumna lsr_id", "lsr_id"),
    ("Okres 2025-H1", "2025-H1"),
])
def test_internal_codes_flagged(text, flagged):
    problems = internal_codes([_doc(text)])
    assert problems and flagged in problems[0].problem


@pytest.mark.parametrize("text", [
    "Plik LSR_0402032_2025.xlsx przyjęto.",
    "kontakt: lsr.0402032@kis.example.pl",
    "np. 0404011, m.in. KIS, tj. LSR",
    "TRIADA KADROWA",                          # a heading in capitals, not a rule id in text
    "Okres: I półrocze 2025",
])
def test_internal_codes_not_flagged(text):
    assert internal_codes([_doc(text)]) == [], text


def test_internal_codes_allowed_in_the_annotated_copys_code_column():
    cell = Snippet("x_uwagi.xlsx", "Uwagi!E3", "REQUIRED_FIELD", FORM, code_column=True)
    assert internal_codes([cell]) == []


def test_period_codes_are_input_in_the_template_and_on_the_console():
    hint = "Rok (np. 2025) albo półrocze (2025-H1, 2025-H2)."
    assert internal_codes([_doc(hint, FORM, "szablon.xlsx"), _doc(hint, CONSOLE, "ksr run --help")]) == []


def test_english_words_flagged_and_options_not():
    assert "invalid" in english([_doc("status „invalid”")])[0].problem
    assert english([_doc("Użycie: ksr run [OPTIONS] INBOX", CONSOLE)])
    assert english([_doc("wartość None")])
    assert english([_doc("-o, --output KATALOG  Katalog wyników [domyślnie: wyniki]", CONSOLE)]) == []
    assert english([_doc("Zestawienie regionalne, plik Excel, tekst dla człowieka")]) == []


def test_paths_flagged_in_documents_not_on_the_console():
    assert paths([_doc("/tmp/x/RSR.xlsx")])
    assert paths([_doc("C:\\Users\\rops\\RSR.xlsx")])
    assert paths([_doc("Katalog reguł: docs/recommendations.md")])
    assert paths([_doc("Progi: thresholds.toml w pakiecie")])
    assert paths([_doc("sprawdzono programem ksr validate")])
    assert paths([_doc("/tmp/x/RSR.xlsx", CONSOLE, "ksr run")]) == []
    assert paths([_doc("  raport (docx): /tmp/x/RSR.docx", SUMMARY, "wyniki/podsumowanie.txt")]) == []
    assert paths([_doc("Plik RSR_04_2025.xlsx; progi z pliku moje_progi.toml; działalność odpłatna/gospodarcza")]) == []


@needs_dictionary
def test_speller_flags_misspellings_and_keeps_domain_terms():
    speller = Speller()
    assert speller.check([_doc("Przetworzono 4 plikuw wejściowych.")])
    assert speller.check([_doc("Raport regionalny RSR: 4 LSR, KIS, ROPS; gmina Golub-Dobrzyń, "
                               "województwo kujawsko-pomorskie; e-mail lsr@kis.example.pl; kod 0404011.")]) == []
    assert speller.checked > 0


def test_extraction_reads_what_people_see_and_skips_what_they_do_not(tmp_path):
    """Visible cells, comments and prompts of visible sheets (not hidden sheets, rows or columns);
    Word paragraphs, tables, headers, footers and the title."""
    import openpyxl
    from docx import Document
    from openpyxl.comments import Comment
    from openpyxl.worksheet.datavalidation import DataValidation

    from tests.readable.extract import docx_snippets, xlsx_snippets

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Uwagi"
    ws["A1"], ws["B1"], ws["C1"], ws["D1"] = "Opis", "Kod", "ukryta kolumna", "=SUMA(1)"
    ws["A2"], ws["B2"] = "widoczny tekst", "REQUIRED_FIELD"
    ws["A2"].comment = Comment("treść komentarza", "Sprawdzenie arkusza LSR")
    ws.column_dimensions["C"].hidden = True
    ws["A5"] = "ukryty wiersz"
    ws.row_dimensions[5].hidden = True
    dv = DataValidation(type="list", formula1='"a,b"', prompt="podpowiedź", promptTitle="tytuł")
    ws.add_data_validation(dv)
    dv.add("A3")
    hidden = wb.create_sheet("_listy")
    hidden["A1"] = "lista ukryta"
    hidden.sheet_state = "hidden"
    wb.save(tmp_path / "x.xlsx")
    texts = {s.text: s for s in xlsx_snippets(tmp_path / "x.xlsx")}
    assert {"widoczny tekst", "treść komentarza", "Sprawdzenie arkusza LSR", "podpowiedź", "tytuł"} <= set(texts)
    assert not {"ukryta kolumna", "ukryty wiersz", "lista ukryta", "=SUMA(1)"} & set(texts)
    assert texts["REQUIRED_FIELD"].code_column and not texts["widoczny tekst"].code_column

    doc = Document()
    doc.core_properties.title = "Tytuł raportu"
    doc.add_paragraph("Akapit treści")
    doc.add_table(rows=1, cols=1).cell(0, 0).text = "Komórka tabeli"
    doc.sections[0].header.paragraphs[0].text = "Nagłówek strony"
    doc.sections[0].footer.paragraphs[0].text = "Stopka strony"
    doc.save(tmp_path / "x.docx")
    texts = {s.text for s in docx_snippets(tmp_path / "x.docx")}
    assert {"Tytuł raportu", "Akapit treści", "Komórka tabeli", "Nagłówek strony", "Stopka strony"} <= texts
