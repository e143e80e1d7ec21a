"""Layout of the rollup workbook, defined once: sheet names, columns, Polish labels.

The writer and the reader both derive from this module, so a rollup file written by one
version of ``ksr rollup`` is read back by the same definitions.
"""
from __future__ import annotations

from ..indicators import STAT_KEYS
from ..indicators.model import ROLLUP_FORMAT_VERSION, ROLLUP_KIND, ROLLUP_META_SHEET  # noqa: F401

SUMMARY_SHEET = "Podsumowanie"
CHARTS_SHEET = "Wykresy"
QUALITY_SHEET = "Jakość danych"
LINEAGE_SHEET = "Pochodzenie danych"
STATS_SHEET = "Statystyki"

# Machine-readable sheet: identification columns of one LSR, then every STAT_KEYS column.
UNIT_COLUMNS = ("lsr_id", "region", "period", "name", "source_sha256", "source_file", "filled_on", "status")
STATS_HEADER = UNIT_COLUMNS + STAT_KEYS

# Key–value rows of the hidden meta sheet (label in A, value in B). JSON rows follow them.
META_KEYS = ("kind", "format_version", "level", "period", "region", "generated_on", "lsr_count", "stats_sha256")
META_JSON_KEYS = ("quality", "lineage", "completeness")

# What the rollup did with an input (decision) → Polish label.
DECISIONS = {
    "counted": "uwzględniony",
    "duplicate": "duplikat – policzony raz",
    "superseded": "zastąpiony nowszą wersją",
    "refused": "odrzucony",
    "invalid": "pominięty – błędy",
    "unreadable": "nieczytelny",
}
# Decisions that make ``ksr rollup`` exit with 1 (an input the user must look at).
FAILED_DECISIONS = ("refused", "invalid", "unreadable")

STATUSES = {
    "valid": "poprawny",
    "warnings": "poprawny z ostrzeżeniami",
    "invalid": "z błędami",
    "unreadable": "nieczytelny",
}
KINDS = {"lsr": "arkusz LSR", "rollup": "zestawienie", "": ""}

# Quality sheet and lineage sheet columns: (row key, Polish header, width).
QUALITY_COLUMNS = (
    ("file", "Plik", 34), ("via", "Z zestawienia", 28), ("kind", "Rodzaj", 14), ("lsr_id", "Kod TERYT LSR", 14),
    ("period", "Okres", 10), ("status", "Wynik walidacji", 22), ("decision", "W zestawieniu", 24),
    ("errors", "Błędy", 8), ("warnings", "Ostrzeżenia", 12), ("note", "Uwagi – co zrobić", 90),
)
LINEAGE_COLUMNS = (
    ("file", "Plik", 34), ("path", "Ścieżka", 50), ("via", "Z zestawienia", 28), ("sha256", "SHA-256", 66),
    ("lsr_id", "Kod TERYT LSR", 14), ("period", "Okres", 10), ("status", "Wynik walidacji", 22),
    ("decision", "W zestawieniu", 24),
)

# Key counts shown before the derived indicators on the summary sheet: (stat key, Polish label).
SUMMARY_COUNTS = (
    ("lsr.count", "Liczba LSR"),
    ("stakeholders", "Liczba interesariuszy"),
    ("stakeholders.type.A", "typ A"),
    ("stakeholders.type.B", "typ B"),
    ("stakeholders.type.C", "typ C"),
    ("partnerships.formal", "Partnerstwa formalne"),
    ("partnerships.formal_with_c", "w tym z członkiem typu C"),
    ("staff.fte", "Etaty kadry"),
    ("services", "Liczba usług"),
    ("services.hours", "Godziny usług"),
    ("services.in_kind", "Wkład rzeczowy partnerów (zł)"),
    ("funding.total", "Finansowanie ogółem (zł)"),
    ("animation.events", "Działania animacyjne"),
    ("barriers", "Zgłoszone bariery"),
)

MAX_TEXT = 255        # input-derived names are cut to this length in outputs
MAX_NOTE = 2000       # notes (validation messages) are cut to this length
