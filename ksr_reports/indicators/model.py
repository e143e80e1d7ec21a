"""The in-memory result of a rollup, shared by the rollup writer/reader and the reports.

A ``Rollup`` always keeps the statistics of every LSR it covers (``lsrs``): the regional
file carries them in its machine-readable sheet, so the national rollup can be computed
from regional files or LSR files alike, LSRs are never double-counted, and "in N of M
LSRs" statements are possible at every level.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from .. import spec as S
from .derive import derive
from .stats import add_stats

REGION_NAMES = dict(S.lists.VOIVODESHIPS)


@dataclass
class Unit:
    unit_id: str            # TERYT of the seat gmina (LSR) or the województwo code (region)
    name: str
    level: str              # "lsr" | "region"
    region: str             # województwo code, e.g. "04"
    period: str
    stats: dict[str, float]
    source: str = ""        # file the statistics came from
    sha256: str = ""
    filled_on: str = ""     # ISO fill date of the LSR workbook (decides which submission is newer)
    status: str = "valid"   # validation status of the counted LSR file: "valid" | "warnings"
    # What the coordinator wrote (barrier support requests, good practices, explanations of warnings),
    # shortened, for the regional report; not statistics: never summed (see rollup/texts.py)
    texts: dict = field(default_factory=dict)

    @cached_property
    def derived(self) -> dict:
        """Indicators derived from ``stats``, computed once: the rules, the report tables and the
        summary sheet all read them (``stats`` is never changed after a unit is built)."""
        return derive(self.stats)


def recency(unit, mtime: float, via: str, path: str) -> tuple:
    """Which of two submissions of one LSR is newer (the larger key): fill date, then file time (an LSR known
    only from a rollup file has none), a directly given file before one inside a rollup, then the path.
    The one ranking of versions: the selection (``rollup/select.py``), the version a correction replaces
    (``run_monitor``) and each LSR's current file among the values to explain (``monitoring/outliers.py``).
    ``unit`` needs only ``filled_on`` (a ``Unit`` or an examined input record)."""
    return unit.filled_on, mtime, via == "", path


@dataclass
class Rollup:
    level: str                          # "region" | "national"
    period: str
    region: str | None                  # województwo code for a regional rollup
    lsrs: list[Unit]                    # one per counted LSR (never duplicates)
    quality: list[dict] = field(default_factory=list)      # one row per input: path, lsr_id, status, errors, warnings, note
    completeness: dict | None = None     # expected/received/valid/warnings/invalid/missing/rate when a register is given
    lineage: list[dict] = field(default_factory=list)      # path, sha256, lsr_id, period, status
    generated_on: str = ""
    # Values to explain found by ``monitoring.outliers`` in this run (DESIGN §11): one dict per warning with
    # lsr_id, name, file, code, kind ("history" | "region"), label, value, compared, message, explanation
    outliers: list[dict] = field(default_factory=list)

    @property
    def totals(self) -> dict[str, float]:
        return add_stats(u.stats for u in self.lsrs)

    @property
    def units(self) -> list[Unit]:
        """Units compared in outputs: LSRs of a region, or regions of the country."""
        if self.level == "region":
            return sorted(self.lsrs, key=lambda u: u.unit_id)
        by_region: dict[str, list[Unit]] = {}
        for u in self.lsrs:
            by_region.setdefault(u.region, []).append(u)
        return [Unit(code, REGION_NAMES.get(code, code), "region", code, self.period,
                     add_stats(x.stats for x in units)) for code, units in sorted(by_region.items())]

    @property
    def title(self) -> str:
        if self.level == "region":
            return f"województwo {REGION_NAMES.get(self.region or '', self.region)}"
        return "Polska"

# Marker of a rollup workbook written by ``ksr rollup`` (hidden key–value sheet, label in A, value in B).
ROLLUP_META_SHEET = "_rollup_meta"
ROLLUP_KIND = "KSR-ROLLUP"
# Format 2 (issue 13): the statistics sheet gained the 2.0 keys, the meta sheet the LSRs' texts. Files of
# format 1 are still read (missing keys = 0, so lsr.v2 = 0: "nie raportowano"); policy in docs/rollup.md.
ROLLUP_FORMAT_VERSION = "2"
READABLE_ROLLUP_FORMATS = ("1", "2")
