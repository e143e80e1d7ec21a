"""The ``Rule`` record, table 5 of the model and the small text helpers shared by the rule modules.

A rule is evaluated on the additive statistics of ONE LSR. ``Rule.evaluated`` says whether that LSR
reported what the rule needs: a rule on an item that only template 2.0 asks (``since="2.0"``) is
"not evaluated" for a 1.0 workbook (``lsr.v2`` == 0) and never reported as a weakness there
(issue 13, "nie raportowano"). Keys that only 2.0 statistics carry are read with ``st.get(key, 0)``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ..lang import count, num, pct, plural

Check = Callable[[dict, dict, dict], bool]
Text = Callable[[dict, dict, dict], str]

# 001 §1.4, tab. 5 (lines 3066–3136): tasks of each level under a reformed system of reintegration.
# Every reform task of a rule names the table-5 task it serves (``Rule.reform_basis``).
TABLE5 = {
    "gmina": ("świadczenie i rozwój usług", "koordynacja horyzontalna", "nadzór nad jakością / superwizja",
              "planowanie lokalne", "współpraca z innymi instytucjami i organizacjami / sieciowanie"),
    "rops": ("planowanie regionalne", "szkolenia", "badania i analizy regionalne",
             "upowszechnianie metodyk działania i innowacji", "koordynacja wertykalna",
             "współpraca z innymi instytucjami i organizacjami / sieciowanie", "wsparcie subsydiarne"),
    "ministerstwo": ("ustalanie kierunków polityki reintegracji", "planowanie krótko- i długoterminowe",
                     "zapewnianie finansowania", "badania i analizy", "określanie standardów usług",
                     "upowszechnianie wiedzy"),
}


def reported_v2(st: dict) -> bool:
    """The LSR filled a 2.0 workbook, i.e. reported the items only 2.0 asks (``lsr.v2``)."""
    return st.get("lsr.v2", 0) > 0


@dataclass(frozen=True)
class Rule:
    """One explainable recommendation rule.

    ``reform`` maps level (gmina / rops / ministerstwo) to the task the weakness calls for at that level;
    ``reform_basis`` maps the same levels to the table-5 task (``TABLE5``) that task belongs to.
    ``since`` is the template version that first asks the data; ``evaluated(st)`` is False for an LSR that
    did not report it (derived from ``since`` unless given)."""

    id: str
    title: str
    condition: Text          # the condition in words, with the thresholds in force
    check: Check             # (stats, derived, thresholds) -> weakness found (only called when evaluated)
    evidence: Text           # sentence with the figures of the unit
    action: str
    source: str              # seed and lines, e.g. "001 l. 7028–7031 (§3.1, rekomendacje dla KIS nr 3)"
    pattern: str             # how the weakness reads in "w N z M LSR <pattern>"
    reform: dict[str, str] = field(default_factory=dict)
    reform_basis: dict[str, str] = field(default_factory=dict)
    since: str = "1.0"
    note: str = ""           # how the rule reads the workbook (decisions, assumptions) – for the catalogue
    needs: tuple[str, ...] = ()   # statistics that must be > 0 for the rule to be evaluated (markers)

    def evaluated(self, st: dict) -> bool:
        """Whether the LSR reported what this rule needs: a 2.0-only rule on a 1.0 workbook, or a rule on
        keys an LSR read from a format-1 rollup file lacks (``lsr.counted_v2`` = 0), is not evaluated."""
        if self.since == "2.0" and not reported_v2(st):
            return False
        return all(st.get(k, 0) > 0 for k in self.needs)


def own_staff_counted(st: dict) -> bool:
    """The KIS's own posts were counted (``lsr.with_kis_*``): false only for an LSR read from a format-1
    rollup file, whose statistics have the any-post flags ``lsr.with_case_manager``/``with_core_triad`` only."""
    return st.get("lsr.counted_v2", 0) > 0


def people(n: float) -> str:
    """A number of persons as the subject of a sentence: "1 osoba", "2 osoby", "5 osób"."""
    return count(n, "osoba", "osoby", "osób")


def people_gen(n: float) -> str:
    """A number of persons in the genitive: "z 1 osoby", "z 5 osób"."""
    return count(n, "osoby", "osób", "osób")


def th_pct(section: str, key: str) -> Text:
    """The threshold ``section.key`` as a percentage, for condition texts."""
    return lambda st, d, th: pct(th[section][key])


def share(num_: float, den: float) -> float | None:
    return None if not den else num_ / den


__all__ = ["Rule", "Check", "Text", "TABLE5", "reported_v2", "own_staff_counted", "people", "people_gen", "th_pct", "share",
           "count", "num", "pct", "plural"]
