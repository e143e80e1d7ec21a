"""Layout of the rollup workbook, defined once: sheet names, columns, Polish labels.

The writer and the reader both derive from this module, so a rollup file written by one
version of ``ksr rollup`` is read back by the same definitions.
"""
from __future__ import annotations

import importlib

from .. import lang
from ..indicators import STAT_KEYS
from ..spec import lists as _lists

_derive = importlib.import_module("..indicators.derive", __package__)   # the module (the package exports a function)
from ..indicators.model import (READABLE_ROLLUP_FORMATS, ROLLUP_FORMAT_VERSION, ROLLUP_KIND,  # noqa: F401
                                ROLLUP_META_SHEET)

SUMMARY_SHEET = "Podsumowanie"
CHARTS_SHEET = "Wykresy"
QUALITY_SHEET = "Jakość danych"
LINEAGE_SHEET = "Pochodzenie danych"
STATS_SHEET = "Statystyki"

# Machine-readable sheet (hidden; read back by ``load_rollup``): identification columns of one LSR,
# then every STAT_KEYS column. Its headers are keys, not words: it is not for people.
UNIT_COLUMNS = ("lsr_id", "region", "period", "name", "source_sha256", "source_file", "filled_on", "status")
STATS_HEADER = UNIT_COLUMNS + STAT_KEYS

# Key–value rows of the hidden meta sheet (label in A, value in B). JSON rows follow them.
META_KEYS = ("kind", "format_version", "level", "period", "region", "generated_on", "lsr_count", "stats_sha256")
META_JSON_KEYS = ("quality", "lineage", "completeness", "texts")   # "texts" since format 2

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

# Quality sheet and lineage sheet columns: (row key, Polish header, width). File columns show file
# names only (the full path stays in the run summary on the console, key "path" of a quality row).
QUALITY_COLUMNS = (
    ("file", "Plik", 30), ("via", "Z zestawienia", 22), ("kind", "Rodzaj", 12), ("lsr_id", "Kod TERYT LSR", 11),
    ("period", "Okres", 14), ("status", "Wynik sprawdzenia", 16), ("decision", "W zestawieniu", 18),
    ("errors", "Błędy", 7), ("warnings", "Ostrzeżenia", 12), ("note", "Uwagi – co zrobić", 60),
)
# Shown after the quality columns when the run found values to explain (``Rollup.outliers``, DESIGN §11): per
# file, each value with what it was compared with and the coordinator's explanation (or that there is none).
OUTLIERS_COLUMN = ("outliers", "Wartości do wyjaśnienia i wyjaśnienia koordynatora", 70)
LINEAGE_COLUMNS = (
    ("file", "Plik", 30), ("via", "Z zestawienia", 22), ("lsr_id", "Kod TERYT LSR", 11), ("period", "Okres", 14),
    ("status", "Wynik sprawdzenia", 16), ("decision", "W zestawieniu", 18), ("sha256", "Suma kontrolna SHA-256", 68),
)

# The summary sheet: indicators as rows in thematic sections, units (LSRs or regions) as columns.
# Each row is (source, key, label, kind): source "stat" reads a summed statistic (label given here),
# "derived" a DERIVED indicator (label None: DERIVED's own); kind "count", "number" (2 decimals) or
# "share"; a label starting with "w tym" is shown indented under the row above.
_D = "derived"
SUMMARY_SECTIONS = (
    ("Sieć i interesariusze", (
        ("stat", "lsr.count", "Liczba LSR", "count"),
        ("stat", "stakeholders", "Liczba interesariuszy", "count"),
        ("stat", "stakeholders.type.A", "w tym typu A", "count"),
        ("stat", "stakeholders.type.B", "w tym typu B", "count"),
        ("stat", "stakeholders.type.C", "w tym typu C", "count"),
        (_D, "stakeholders.per_lsr", None, None),
        (_D, "share.type_c", None, None),
        (_D, "share.declarations", None, None),
        ("stat", "partnerships.formal", "Liczba formalnych partnerstw", "count"),
        ("stat", "partnerships.formal_with_c", "w tym z członkiem typu C", "count"),
        (_D, "share.formal_partnerships_with_c", None, None),
        (_D, "share.lsr_with_type_c", None, None),
        (_D, "share.lsr_with_formal_partnership_c", None, None),
        (_D, "share.lsr_auspices", None, None),
    )),
    ("Kadra", (
        ("stat", "staff.fte", "Etaty kadry", "number"),
        (_D, "staff.fte.per_lsr", None, None),
        (_D, "share.staff_own", None, None),
        (_D, "participants.per_fte", None, None),
        (_D, "share.lsr_with_case_manager", None, None),
        (_D, "share.lsr_with_core_triad", None, None),
    )),
    ("Uczestnicy i efekty udziału", (
        (_D, "participants", None, None),
        (_D, "participants.women", None, None),
        (_D, "participants.end", None, None),
        (_D, "leavers", None, None),
        (_D, "completed", None, None),
        (_D, "share.completion", None, None),
        (_D, "share.dropout", None, None),
        (_D, "share.to_cis", None, None),
        (_D, "share.support_under_12m", None, None),
        (_D, "share.employment_outcome", None, None),
    )),
    ("Usługi", (
        ("stat", "services", "Liczba usług", "count"),
        ("stat", "services.hours", "Godziny usług", "number"),
        ("stat", "services.in_kind", "Wkład rzeczowy partnerów (zł)", "number"),
        (_D, "share.social_hours", None, None),
        (_D, "share.lsr_social_hours_target", None, None),
        (_D, "share.services_type_c_hours", None, None),
        (_D, "share.new_profile_hours", None, None),
        (_D, "share.lsr_all_new_areas", None, None),
        (_D, "new_areas.coverage", None, None),
    )),
    ("Finansowanie działań", (
        ("stat", "funding.total", "Finansowanie ogółem (zł)", "number"),
        (_D, "share.own_income", None, None),
        (_D, "share.time_limited", None, None),
        (_D, "share.ending_6m", None, None),
        (_D, "share.lsr_funding_ending_6m", None, None),
        (_D, "funding.per_participant", None, None),
    )),
    ("Animacja i bariery", (
        ("stat", "animation.events", "Działania animacyjne", "count"),
        (_D, "animation.per_lsr", None, None),
        ("stat", "barriers", "Zgłoszone bariery", "count"),
        (_D, "share.barriers_without_action", None, None),
    )),
    ("Poprawa w sferach życia (osoby z poprawą wśród osób z deficytem)", tuple(
        (_D, f"share.improved.sphere.{key}", None, None) for key in
        ("living", "health", "vocational", "psychological", "social"))
        + tuple((_D, k, None, None) for k in ("spheres.diagnosed_per_participant",) if k in _derive.DERIVED)),
    ("Poprawa w zakresie działań innych niż zatrudnienie", tuple(
        (_D, f"share.improved.measure.{key}", None, None) for key in
        ("communication", "formal_affairs", "health", "motivation", "culture_health", "social_ties", "emotions",
         "life_goals", "self_esteem"))),
)

# Items only template 2.0 asks (issue 13; DESIGN §10): shown as "nie raportowano" in a column whose unit has
# no 2.0 LSR (``lsr.v2`` = 0), never as 0. The derived ones are ``derive.V2_DERIVED`` (None without 2.0 data).
V2_DERIVED = tuple(getattr(_derive, "V2_DERIVED", {}))
V2_STATS = ("funding.source.alcohol_program", "funding.source.pfron", "explanations")
_V2_SECTIONS = (
    ("Proces indywidualny i sytuacja pół roku po wyjściu (skoroszyt w wersji 2.0)",
     ("share.ipr_coverage", "share.with_case_manager", "share.with_contract", "share.plan_reviewed",
      "share.co_decided", "caseload.case_manager", "followup.followed_up", "share.followup_coverage",
      "share.followup_working")),
    ("Jakość sieci, superwizja i wolontariat (skoroszyt w wersji 2.0)",
     ("share.formal_partnerships_kis_leads", "share.lsr_with_formal_partnership_kis",
      "partnerships.evaluations_per_partnership", "lsr.meetings.per_lsr", "share.lsr_local_monitoring",
      "share.lsr_konwent", "share.lsr_supervision", "share.staff_supervised", "volunteers", "volunteers.women",
      "volunteers.per_lsr")),
)


def _with_v2(sections):
    """The sections above plus the 2.0 ones: every ``V2_DERIVED`` key once (a key not placed in a 2.0
    section goes to the last one), the number of 2.0 LSRs and the two 2.0 funding lines."""
    out = []
    for title, rows in sections:
        if title == "Sieć i interesariusze" and "lsr.v2" in _derive.DERIVED:
            rows = rows[:1] + ((_D, "lsr.v2", None, None),) + rows[1:]
        if title == "Finansowanie działań":
            rows = rows[:1] + tuple(("stat", k, f"w tym {dict(_FUNDING)[k.rsplit('.', 1)[1]]} (zł)", "number")
                                    for k in V2_STATS[:2] if k in STAT_KEYS) + rows[1:]
        if title == "Animacja i bariery" and "explanations" in STAT_KEYS:
            rows = rows + (("stat", "explanations", "Wyjaśnienia koordynatorów do ostrzeżeń", "count"),)
        out.append((title, rows))
    placed = [k for _, keys in _V2_SECTIONS for k in keys if k in V2_DERIVED]
    rest = [k for k in V2_DERIVED if k not in placed]
    for i, (title, keys) in enumerate(_V2_SECTIONS):
        keys = [k for k in keys if k in V2_DERIVED] + (rest if i == len(_V2_SECTIONS) - 1 else [])
        if keys:
            out.append((title, tuple((_D, k, None, None) for k in keys)))
    return tuple(out)


_FUNDING = _lists.FUNDING_SOURCE
SUMMARY_SECTIONS = _with_v2(SUMMARY_SECTIONS)
V2_ONLY = frozenset(V2_DERIVED) | frozenset(V2_STATS)
NOT_REPORTED = lang.NOT_REPORTED

# Unit columns of the summary printed on one landscape page; more units are printed across several
# pages, the indicator and total columns repeated on each.
UNITS_PER_PAGE = 8

MAX_TEXT = 255        # input-derived names are cut to this length in outputs
MAX_NOTE = 2000       # notes (validation messages) are cut to this length
