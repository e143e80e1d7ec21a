"""Layout of the archive export workbook, defined once: the writer (``export.py``) and the reader
(``exported.py``) both derive from it, so an export is read back by the same definitions.

Every table of the archive becomes a sheet with Polish headers (codes such as decisions, statuses and
kinds shown as Polish words, mapped back on import); the statistics sheet has one column per statistic
with the statistic's key as its header. A table longer than ``MAX_SHEET_ROWS`` continues on sheets
"Uwagi (2)", "Uwagi (3)", … . The hidden ``MARKER_SHEET`` (label in A, value in B) says what the file is.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..rollup.layout import DECISIONS as RUN_DECISIONS, KINDS as FILE_KINDS, STATUSES as FILE_STATUSES

MARKER_SHEET = "_ksr_archiwum"
EXPORT_KIND = "KSR-ARCHIWUM"
EXPORT_FORMAT = "1"
INFO_SHEET = "Informacje"
MAX_SHEET_ROWS = 99_998          # data rows per sheet: with the header, the reader's pre-flight limit (5 digits)
STAT_KEY_RE = re.compile(r"^[a-z0-9_]+(\.[A-Za-z0-9_]+)*$")

DECISIONS = {**RUN_DECISIONS, "imported": "zaimportowany", "": ""}
STATUSES = {**FILE_STATUSES, "": ""}
KINDS = {"lsr": FILE_KINDS["lsr"], "rollup": FILE_KINDS["rollup"], "": ""}
LEVELS = {"region": "zestawienie regionalne", "national": "zestawienie krajowe", "import": "import do archiwum"}
SEVERITIES = {"error": "błąd", "warning": "ostrzeżenie"}
TEXT_KINDS = {"barriers": "bariera z prośbą o wsparcie", "practices": "dobra praktyka",
              "explanations": "wyjaśnienie ostrzeżenia"}
TEXT_FIELDS = {"category": "kategoria", "description": "opis", "support": "oczekiwane wsparcie", "title": "tytuł",
               "sheet": "arkusz", "cell": "komórka", "code": "kod", "text": "treść"}

TEXT, INT, OPT_INT = "text", "int", "opt_int"     # column kinds; a dict kind maps codes to Polish words


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int
    kind: object = TEXT


@dataclass(frozen=True)
class Table:
    sheet: str
    columns: tuple[Column, ...]

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(c.header for c in self.columns)


SHA = "Suma kontrolna SHA-256"
RUN = Column("run", "Identyfikator przebiegu", 66)

FILES = Table("Pliki", (
    Column("name", "Plik", 32), Column("sha256", SHA, 66), Column("size", "Rozmiar (bajty)", 12, OPT_INT),
    Column("received_at", "Otrzymano (UTC)", 24), Column("kind", "Rodzaj", 12, KINDS),
    Column("lsr_id", "Kod TERYT LSR", 11), Column("period", "Okres", 9), Column("region", "Kod województwa", 10),
    Column("template_version", "Wersja szablonu", 9), Column("status", "Wynik sprawdzenia", 18, STATUSES),
    Column("errors", "Błędy", 7, INT), Column("warnings", "Ostrzeżenia", 7, INT),
    Column("explained", "Wyjaśnione ostrzeżenia", 11, INT), Column("decision", "Decyzja", 20, DECISIONS),
    Column("note", "Uwagi", 60), RUN))

SUBMISSIONS = Table("Sprawozdania", (
    Column("lsr_id", "Kod TERYT LSR", 11), Column("name", "Nazwa LSR", 30), Column("region", "Kod województwa", 10),
    Column("period", "Okres", 9), Column("filled_on", "Data wypełnienia", 12), Column("source", "Plik", 30),
    Column("sha256", SHA, 66), Column("via", "Z zestawienia (SHA-256)", 66), Column("status", "Wynik sprawdzenia", 18, STATUSES),
    Column("template_version", "Wersja szablonu", 9), Column("decision", "Decyzja", 20, DECISIONS),
    Column("note", "Uwagi", 40), Column("received_at", "Otrzymano (UTC)", 24), RUN))

FINDINGS = Table("Uwagi", (
    Column("name", "Plik", 32), Column("sha256", SHA, 66), Column("seq", "Nr", 5, INT),
    Column("severity", "Rodzaj uwagi", 12, SEVERITIES), Column("code", "Kod", 14), Column("sheet", "Arkusz", 18),
    Column("cell", "Komórka", 9), Column("message", "Treść", 80),
    Column("explanation", "Wyjaśnienie koordynatora", 50)))

TEXTS = Table("Teksty", (
    Column("sha256", SHA, 66), Column("via", "Z zestawienia (SHA-256)", 66), Column("lsr_id", "Kod TERYT LSR", 11),
    Column("period", "Okres", 9), Column("kind", "Rodzaj tekstu", 26, TEXT_KINDS), Column("seq", "Nr", 5, INT),
    Column("field", "Pole", 18, TEXT_FIELDS), Column("text", "Treść", 80)))

RUNS = Table("Przebiegi", (
    Column("fingerprint", "Identyfikator przebiegu", 66), Column("level", "Rodzaj przebiegu", 22, LEVELS),
    Column("period", "Okres", 9), Column("region", "Kod województwa", 10), Column("inputs", "Pliki", 7, INT),
    Column("counted", "Uwzględnione", 12, INT), Column("first_at", "Pierwszy raz (UTC)", 24),
    Column("last_at", "Ostatni raz (UTC)", 24), Column("times", "Liczba powtórzeń", 10, INT)))

RUN_FILES = Table("Decyzje przebiegów", (
    RUN, Column("name", "Plik", 32), Column("sha256", SHA, 66), Column("decision", "Decyzja", 20, DECISIONS)))

TABLES = (FILES, SUBMISSIONS, FINDINGS, TEXTS, RUNS, RUN_FILES)


def sheet_names(table: Table, rows: int) -> list[str]:
    """Sheets a table of ``rows`` rows takes: "Uwagi", then "Uwagi (2)", … (Excel: at most 31 characters)."""
    parts = max(1, -(-rows // MAX_SHEET_ROWS))
    return [table.sheet] + [f"{table.sheet} ({i})" for i in range(2, parts + 1)]
