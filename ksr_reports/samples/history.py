"""Earlier periods of the sample LSRs and one corrected resubmission: the demo of monitoring over time
(issue 14 §5, DESIGN §11).

An earlier period of a sample LSR is the same LSR, a little smaller: its partners, partnerships, staff,
services, funding sources, activities and barriers are those of the base-period sample (every date moved
back by whole periods), and its count tables are drawn again by the generator at the size it had then
(``SampleLsr.sizes``), so every balance holds by construction. The size shrinks by a per-LSR factor of
``YEARLY_GROWTH`` per period going back; funding amounts by ``FUNDING_GROWTH``; the hours per participant
move by at most ``HOURS_DRIFT``; an LSR with more than ``MIN_TYPE_C_BEFORE_JOINING`` type C partners had
one fewer a period earlier (its newest partner had not joined yet). So on every indicator an own-history check looks at (participants,
entrants, staff FTE, type C stakeholders, funding, hours per participant) an ordinary sample LSR changes
by at most ±25 % a period, well below the "do wyjaśnienia" jump of the thresholds.

Two LSRs tell a story instead:

* ``PLANTED_JUMP`` had ``JUMP_SIZE`` of its base size in the period before the base one: its participants
  jump by more than 2.5 times (and by more than 15 persons) in the base period, so the own-history check
  (the value doubled and changed by at least 10 persons) warns about it;
* ``CORRECTED`` first sent a version of its base-period workbook with the total hours of participation
  typed with an extra zero (``write_correction``), filled a few days before the real sample, which
  therefore supersedes it in a run.
"""
from __future__ import annotations

import copy
import datetime as dt
import random
from dataclasses import replace
from pathlib import Path

from .. import spec as S
from ..periods import period_kind, previous_period
from ..template import build_template
from .generate import SampleLsr, generate_lsr, pilot_lsrs, sample_data, sample_file_name

PLANTED_JUMP = "0664011"        # Zamość (region 06): 42 participants in 2025, 16 in 2024
CORRECTED = "0404011"           # Chełmno (region 04)
YEARLY_GROWTH = (0.87, 0.93)    # size one period earlier, as a share of the size in the period after it
FUNDING_GROWTH = (0.93, 0.99)   # funding one period earlier, likewise
HOURS_DRIFT = (0.96, 1.04)      # hours per participant one period earlier, likewise
MIN_TYPE_C_BEFORE_JOINING = 5  # above this many type C partners, one fewer a period earlier (6 → 5: a fifth)
JUMP_SIZE = 0.36                # size of PLANTED_JUMP in the period before the base one
CORRECTION_DAYS_EARLIER = 4     # the first version was filled this many days before the real sample
CORRECTION_SUFFIX = "pierwsza_wersja"
MAX_STEPS = 40                  # how far back an earlier period may lie


def steps_back(base_period: str, period: str) -> int:
    """How many periods of the same kind ``period`` lies before ``base_period`` (ValueError otherwise)."""
    if period_kind(period) != period_kind(base_period):
        raise ValueError(f"okresy {period} i {base_period} są różnego rodzaju (rok i półrocze)")
    p = base_period
    for k in range(1, MAX_STEPS + 1):
        p = previous_period(p)
        if p == period:
            return k
    raise ValueError(f"okres {period} nie jest wcześniejszy niż {base_period}")


def _factors(seed: int, lsr: SampleLsr, k: int) -> tuple[float, float, float]:
    """(size, funding, hours per participant) ``k`` periods before the base one, as shares of the base
    period's; drawn from the LSR's own stream, so a period's factors do not depend on which others are asked."""
    rng = random.Random(f"{seed}:{lsr.teryt}:history")
    size = funding = hours = 1.0
    for step in range(1, k + 1):
        grow, fund, drift = rng.uniform(*YEARLY_GROWTH), rng.uniform(*FUNDING_GROWTH), rng.uniform(*HOURS_DRIFT)
        size *= JUMP_SIZE if step == 1 and lsr.teryt == PLANTED_JUMP else grow
        funding, hours = funding * fund, hours * drift
    return size, funding, hours


def _months_earlier(day: dt.date, months: int) -> dt.date:
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    for d in (day.day, 30, 29, 28):          # the same day, or the month's last when it has fewer days
        try:
            return dt.date(year, month + 1, d)
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")


def _move_dates(data: dict, months: int) -> None:
    """Every date of the form and the tables ``months`` earlier (their order and distances stay)."""
    rows = [data["form"]] + [r for table in data["tables"].values() for r in table]
    for row in rows:
        for key, value in row.items():
            if isinstance(value, dt.date):
                row[key] = _months_earlier(value, months)


def _sizes(grids: dict, size: float) -> tuple[tuple[int, int], ...]:
    """(persons supported, at the start) per sex at ``size`` of the base period's counts."""
    flow, out = grids["flow"], []
    for sex, _ in S.lists.SEX:
        start, entered = flow[("start", sex)], flow[("entered", sex)]
        at_start, new = max(1, round(start * size)), max(2, round(entered * size))
        out.append((at_start + new, at_start))
    return tuple(out)


def _persons(grids: dict) -> int:
    return sum(v for (stage, _), v in grids["flow"].items() if stage in ("start", "entered"))


def _before_newest_partner(data: dict) -> None:
    """The LSR one period earlier, before its newest type C partner joined (only with more than
    ``MIN_TYPE_C_BEFORE_JOINING`` of them, so the count changes by less than a quarter): the last
    stakeholder row goes when it is of type C, and every reference to it (leader, members, provider, partners)."""
    rows = data["tables"]["stakeholders"]
    type_c = sum(r["type"] == "C" for r in rows)
    if not rows or rows[-1]["type"] != "C" or type_c <= MIN_TYPE_C_BEFORE_JOINING:
        return
    gone = S.STAKEHOLDERS.prefilled_id(len(rows))
    rows.pop()
    for table in S.TABLES:
        for col in (c for c in table.columns if c.type in ("ref", "ref_list")):
            for row in data["tables"].get(table.key, []):
                value = row.get(col.key)
                if col.type == "ref" and value == gone:
                    row[col.key] = None
                    row.update({"in_kind": None} if "in_kind" in row else {})   # and its in-kind contribution
                elif col.type == "ref_list" and value:
                    row[col.key] = "; ".join(i for i in value.split("; ") if i != gone) or None


def earlier_data(lsr: SampleLsr, period: str, *, seed: int = 2025, base_period: str = "2025") -> dict:
    """Filled workbook data of ``lsr`` for ``period``, an earlier period of the same kind as ``base_period``."""
    k = steps_back(base_period, period)
    size, funding, hours = _factors(seed, lsr, k)
    base = sample_data(lsr, seed, base_period)
    data = copy.deepcopy(base)
    data["form"]["period"] = period
    _move_dates(data, k * (12 if period_kind(period) == "year" else 6))
    drawn = generate_lsr(replace(lsr, sizes=_sizes(base["grids"], size)), period,
                         random.Random(f"{seed}:{lsr.teryt}:{period}"))
    grids = data["grids"] = drawn["grids"]
    people, base_people = _persons(grids), _persons(base["grids"])
    base_hours = base["grids"]["hours"]
    total = round(base_hours[("total", "hours")] / base_people * hours * people)
    grids["hours"] = {("total", "hours"): total,
                      ("social", "hours"): round(total * base_hours[("social", "hours")] / base_hours[("total", "hours")])}
    for service in data["tables"]["services"]:
        service["participants"] = min(people, max(1, round(service["participants"] * size)))
    for row in data["tables"]["funding"]:
        row["amount"] = float(round(row["amount"] * funding, -2))
    for _ in range(k):
        _before_newest_partner(data)
    return data


def history_path(outdir: str | Path, lsr: SampleLsr, period: str) -> Path:
    return Path(outdir) / period / lsr.teryt[:2] / sample_file_name(lsr, period)


def write_history_samples(outdir: str | Path, *, seed: int = 2025, base_period: str = "2025",
                          periods=("2023", "2024")) -> list[Path]:
    """One workbook per sample LSR per earlier period: ``outdir/<period>/<woj>/LSR_<teryt>_<period>.xlsx``."""
    paths = []
    for period in periods:
        for lsr in pilot_lsrs():
            path = history_path(outdir, lsr, period)
            build_template(path, data=earlier_data(lsr, period, seed=seed, base_period=base_period))
            paths.append(path)
    return paths


def correction_data(seed: int = 2025, period: str = "2025") -> dict:
    """The first, wrong version of ``CORRECTED``'s sample: total hours with an extra zero, filled earlier."""
    lsr = next(l for l in pilot_lsrs() if l.teryt == CORRECTED)
    data = sample_data(lsr, seed, period)
    data["grids"]["hours"][("total", "hours")] *= 10
    data["form"]["filled_on"] -= dt.timedelta(days=CORRECTION_DAYS_EARLIER)
    return data


def write_correction(samples_dir: str | Path, *, seed: int = 2025, period: str = "2025") -> tuple[Path, str]:
    """Write the first version of ``CORRECTED``'s workbook beside its real sample in ``samples_dir/<woj>/``
    (valid, so a run lists it as superseded by the sample); returns (path, TERYT of the LSR)."""
    path = Path(samples_dir) / CORRECTED[:2] / f"LSR_{CORRECTED}_{period}_{CORRECTION_SUFFIX}.xlsx"
    build_template(path, data=correction_data(seed, period))
    return path, CORRECTED
