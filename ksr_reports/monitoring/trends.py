"""Figures of the reports' section on change over time (DESIGN §11, issue 14 §2): pure computation.

``build(period, current, history)`` lines up the run's period with up to four earlier periods of the
same kind that the archive has data for (years with years, half-years with half-years, never mixed) and
sums, once per period, only the statistics the key indicators read (``KEYS``): a national report over
five periods × 2,477 LSRs sums about 35 columns instead of 330. An LSR absent from a period did not report:
it is absent from that period's sums and shown as missing by the reports, never as zero.

The year-on-year change is computed on the LSRs that reported in BOTH periods (``Trend.common``):
otherwise an LSR joining the network would look like growth and one that did not report like a fall.

Key indicators (``INDICATORS``) follow the passages the recommendation rules cite: type C stakeholders
and formal partnerships with them (001 §3.1, recommendations on the KSR nr 1–2, l. 6932–6963), case-manager
FTE (001 §3.1, recommendations for the KIS nr 2, l. 7011–7026), the share of social reintegration hours
(002 l. 263–269, element two: 2/3), the share of time-limited project money (001 §3.2 nr 4, l. 7126–7128;
table 9 nr 1, l. 6444–6499), and participants, new entrants, completers and their employment (001 §1.3.12,
l. 2883–2899: employment is one measure of success beside the non-employment ones).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from ..indicators.derive import EMPLOYMENT_OUTCOMES, SEXES, derive
from ..indicators.model import Unit
from ..periods import earlier_periods, period_bounds, period_kind, year_before
from .history import History

DEPTH = 4                     # earlier periods shown besides the run's own (issue 14: up to five periods)


@dataclass(frozen=True)
class Indicator:
    """One key indicator of the trend table.

    ``kind``: "people" (a count of persons: small-cell rules apply in regional and national reports),
    "count", "fte", "pln", "lsrs" (number of LSRs with a feature; TAK/NIE for one LSR) or "share".
    An additive indicator is the sum of ``keys``; a share is ``derive(...)[derived]``, whose inputs
    are listed in ``keys`` so that only they need to be summed."""

    id: str
    label: str
    kind: str
    keys: tuple[str, ...]
    derived: str = ""
    chart: str = ""           # label of its series in the chart of shares ("" = not drawn)

    def value(self, st: dict, d: dict | None = None) -> float | None:
        """The indicator of summed statistics ``st`` (``d``: ``derive(st)`` when already computed)."""
        if self.derived:
            return (d if d is not None else derive(st))[self.derived]
        return exact_sum([st.get(k, 0) for k in self.keys])


def _flow(*stages: str) -> tuple[str, ...]:
    return tuple(f"flow.{stage}.{s}" for stage in stages for s in SEXES)


_EMPLOYED = tuple(f"outcomes.{o}.{s}" for o in EMPLOYMENT_OUTCOMES for s in SEXES)

INDICATORS: tuple[Indicator, ...] = (
    Indicator("participants", "Uczestnicy w okresie (osoby)", "people", _flow("start", "entered")),
    Indicator("entered", "w tym osoby, które rozpoczęły udział w okresie", "people", _flow("entered")),
    Indicator("completed", "Osoby, które ukończyły udział", "people", _flow("completed")),
    Indicator("employment", "Odsetek ukończeń zakończonych zatrudnieniem", "share", _flow("completed") + _EMPLOYED,
              "share.employment_outcome", chart="ukończenia zakończone zatrudnieniem"),
    Indicator("type_c", "Interesariusze typu C", "count", ("stakeholders.type.C",)),
    Indicator("type_c_share", "Udział interesariuszy typu C", "share", ("stakeholders", "stakeholders.type.C"),
              "share.type_c", chart="interesariusze typu C"),
    Indicator("lsr_type_c", "LSR z interesariuszem typu C", "lsrs", ("lsr.with_type_c",)),
    Indicator("formal", "Formalne partnerstwa", "count", ("partnerships.formal",)),
    Indicator("lsr_formal_c", "LSR z formalnym partnerstwem z udziałem typu C", "lsrs",
              ("lsr.with_formal_partnership_c",)),
    Indicator("cm_fte", "Etaty case managera", "fte", ("staff.fte.role.case_manager",)),
    Indicator("social_hours", "Udział godzin reintegracji społecznej", "share", ("hours.total", "hours.social"),
              "share.social_hours", chart="godziny reintegracji społecznej"),
    Indicator("funding", "Finansowanie ogółem (tys. zł)", "pln", ("funding.total",)),
    Indicator("time_limited", "Udział środków projektowych", "share", ("funding.total", "funding.time_limited"),
              "share.time_limited", chart="środki projektowe"),
)
BY_ID = {i.id: i for i in INDICATORS}
LSR_COUNT = "lsr.count"
# every statistic an indicator reads, once, in a fixed order
KEYS: tuple[str, ...] = tuple(dict.fromkeys((LSR_COUNT,) + tuple(k for i in INDICATORS for k in i.keys)))


def exact_sum(values: list[float]) -> float:
    """Sum of statistics by the rule of ``indicators.stats.add_stats``: counts (ints) exactly, decimals
    (FTE, hours, złoty: two places) in hundredths, so the result does not depend on the order."""
    s = sum(values)
    if type(s) is not int:
        s = sum(round(v * 100) for v in values) / 100
    return s


@dataclass
class Sums:
    """The ``KEYS`` statistics of a set of LSRs: one column per key (an LSR per position, in the order of
    ``ids``) and their exact totals."""

    ids: list[str]
    columns: dict[str, list[float]]

    @cached_property
    def totals(self) -> dict[str, float]:
        return {k: exact_sum(col) for k, col in self.columns.items()}

    @cached_property
    def derived(self) -> dict:
        return derive(self.totals)

    def value(self, ind: Indicator) -> float | None:
        return ind.value(self.totals, self.derived)

    def parts(self, ind: Indicator) -> list[float]:
        """Per-LSR values of an additive indicator (the contributions disclosure control weighs)."""
        cols = [self.columns[k] for k in ind.keys]
        return [exact_sum(list(v)) for v in zip(*cols)] if len(cols) > 1 else list(cols[0])

    def subset(self, ids: set[str]) -> "Sums":
        keep = [i for i, x in enumerate(self.ids) if x in ids]
        return Sums([self.ids[i] for i in keep], {k: [col[i] for i in keep] for k, col in self.columns.items()})

    @property
    def lsrs(self) -> int:
        return len(self.ids)


def sums(units: list[Unit], keys: tuple[str, ...] = KEYS) -> Sums:
    """The ``keys`` columns of ``units`` (statistics read once; a missing key counts 0, as in add_stats)."""
    stats = [u.stats for u in units]
    return Sums([u.unit_id for u in units], {k: [st.get(k, 0) for st in stats] for k in keys})


@dataclass
class Trend:
    """The periods of the section (oldest first, ending with the run's) and their figures."""

    period: str
    periods: list[str]
    units: dict[str, list[Unit]]              # period -> the LSRs that reported
    figures: dict[str, Sums]                  # period -> their sums
    previous: str                             # the same period a year earlier
    common: tuple[Sums, Sums] | None = None   # (year earlier, now) over the LSRs that reported in both
    names: dict[str, str] = field(default_factory=dict)   # LSR -> its newest name

    @property
    def earlier(self) -> list[str]:
        return self.periods[:-1]

    @property
    def lsr_ids(self) -> list[str]:
        """Every LSR that reported in any period shown, in TERYT order."""
        return sorted({u.unit_id for us in self.units.values() for u in us})

    @cached_property
    def _by_id(self) -> dict[str, dict[str, Unit]]:
        return {p: {u.unit_id: u for u in us} for p, us in self.units.items()}

    def reported(self, lsr_id: str) -> dict[str, Unit]:
        """period -> the LSR's unit, for the periods shown in which it reported."""
        return {p: self._by_id[p][lsr_id] for p in self.periods if lsr_id in self._by_id[p]}

    def change(self, ind: Indicator) -> tuple[float | None, float | None]:
        """The indicator a year earlier and now, on the LSRs that reported in both (None, None without them)."""
        if self.common is None:
            return None, None
        before, now = self.common
        return before.value(ind), now.value(ind)


def _start(period: str):
    return period_bounds(period)[0]


def earlier_with_data(period: str, history: History, depth: int = DEPTH) -> list[str]:
    """Up to ``depth`` earlier periods of the same kind as ``period`` that have at least one LSR, oldest first."""
    kind, start = period_kind(period), _start(period)
    found = [p for p, us in history.units.items() if us and period_kind(p) == kind and _start(p) < start]
    return sorted(found, key=_start)[-depth:]


def build(period: str, current: list[Unit], history: History, depth: int = DEPTH, contiguous: bool = False) -> Trend:
    """The trend of ``current`` (the run's LSRs in ``period``) against ``history`` (already limited to the
    region, or to the LSR, the report is about). ``contiguous`` (the LSR card): every period from the oldest
    with data on, so a period without a report is shown as missing instead of being left out."""
    if history.period != period:
        raise ValueError(f"history is for {history.period}, the report for {period}")
    earlier = earlier_with_data(period, history, depth)
    if contiguous and earlier:
        earlier = [p for p in earlier_periods(period, depth) if _start(p) >= _start(earlier[0])]
    periods = earlier + [period]
    units = {p: list(history.units.get(p, [])) for p in periods[:-1]}
    units[period] = list(current)
    figures = {p: sums(us) for p, us in units.items()}
    previous = year_before(period)
    common = None
    if previous in figures:
        both = set(figures[previous].ids) & set(figures[period].ids)
        if both:
            common = (figures[previous].subset(both), figures[period].subset(both))
    names = {u.unit_id: u.name for p in periods for u in units[p]}     # the newest period's name wins
    return Trend(period, periods, units, figures, previous, common, names)

