"""The balances of the participant tables (spec ``BALANCES``), computed from typed data.

One implementation serves the validator (as findings), the sample generator's tests and
anyone else who needs to know whether the counts of a workbook add up.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import spec as S

L = S.lists


@dataclass(frozen=True)
class Imbalance:
    balance: str          # key of spec.BALANCES
    grid: str             # grid holding the cell to fix
    row: str
    col: str
    left: int             # value found
    right: int            # value expected (or upper bound)
    formula: str          # Polish explanation with the numbers, e.g. "10 + 6 − 3 − 1 − 0 = 12"
    version: str = S.TEMPLATE_VERSION   # template version whose positions ``cell`` uses
    code: str | None = None             # catalogue code when one balance has several (e.g. process vs plan)

    @property
    def cell(self) -> str:
        return S.layout(self.version).grid(self.grid).cell_of(self.row, self.col)


def _sum(values: dict, grid: str, col: str) -> int:
    return sum(v for (_, c), v in values.get(grid, {}).items() if c == col)


def check_balances(grids: dict[str, dict[tuple[str, str], int]], version: str = S.TEMPLATE_VERSION) -> list[Imbalance]:
    """Every violated balance of the count tables of a ``version`` workbook (empty cells count as 0)."""
    lay = S.layout(version)
    out = _balances_v1(grids, lay)
    if lay.has_grid("started"):
        out += _balances_v2(grids, lay)
    return out


def _balances_v1(grids: dict, lay: S.Layout) -> list[Imbalance]:
    """The balances every version has (the 1.0 set)."""
    v = lay.version
    out: list[Imbalance] = []
    f = grids["flow"]
    for sex, _ in L.SEX:
        st, en, co, dr, ci, end = (f.get((k, sex), 0) for k in ("start", "entered", "completed", "dropped", "to_cis", "end"))
        expected = st + en - co - dr - ci
        if end != expected:
            out.append(Imbalance("flow", "flow", "end", sex, end, expected, f"{st} + {en} − {co} − {dr} − {ci} = {expected}", v))
        groups = _sum(grids, "groups", sex)
        if groups != st + en:
            out.append(Imbalance("groups_total", "groups", lay.grid("groups").rows[-1][0], sex, groups, st + en,
                                 f"{st} + {en} = {st + en}", v))
        outcomes = _sum(grids, "outcomes", sex)
        if outcomes > co:
            out.append(Imbalance("outcomes", "outcomes", lay.grid("outcomes").rows[-1][0], sex, outcomes, co,
                                 f"ukończyli: {co}", v))
    entered = sum(f.get(("entered", s), 0) for s, _ in L.SEX)
    referrals = _sum(grids, "referrals", "persons")
    if referrals != entered:
        out.append(Imbalance("referrals_total", "referrals", lay.grid("referrals").rows[-1][0], "persons", referrals,
                             entered, f"przyjęci: {entered}", v))
    leavers = sum(f.get((k, s), 0) for k in ("completed", "dropped", "to_cis") for s, _ in L.SEX)
    duration = _sum(grids, "duration", "persons")
    if duration != leavers:
        out.append(Imbalance("duration_total", "duration", lay.grid("duration").rows[-1][0], "persons", duration, leavers,
                             f"ukończyli + przerwali + do CIS = {leavers}", v))
    participants = sum(f.get((k, s), 0) for k in ("start", "entered") for s, _ in L.SEX)
    for grid, low, high in (("spheres", "improved", "diagnosed"), ("measures", "improved", "measured")):
        for rk, _ in lay.grid(grid).rows:
            lo, hi = grids[grid].get((rk, low), 0), grids[grid].get((rk, high), 0)
            if lo > hi:
                out.append(Imbalance(grid, grid, rk, low, lo, hi, f"{lo} > {hi}", v))
            if hi > participants:
                out.append(Imbalance(grid, grid, rk, high, hi, participants, f"uczestnicy w okresie: {participants}", v))
    h = grids["hours"]
    social, total = h.get(("social", "hours"), 0), h.get(("total", "hours"), 0)
    if social > total:
        out.append(Imbalance("hours", "hours", "social", "hours", social, total, f"{social} > {total}", v))
    return out


def _balances_v2(grids: dict, lay: S.Layout) -> list[Imbalance]:
    """The balances of the 2.0 grids (spec ``BALANCE_SINCE``): started, process, follow-up."""
    v = lay.version
    out: list[Imbalance] = []
    f, started, process = grids["flow"], grids.get("started", {}), grids.get("process", {})
    last_group = lay.grid("started").rows[-1][0]
    for sex, _ in L.SEX:
        entered = f.get(("entered", sex), 0)
        total = sum(n for (_, c), n in started.items() if c == sex)
        if total != entered:      # CAS item: started by group × sex = the flow's "entered" (one question, one answer)
            out.append(Imbalance("started_total", "started", last_group, sex, total, entered,
                                 f"przyjęci w okresie: {entered}", v))
        people = f.get(("start", sex), 0) + entered
        with_plan = process.get(("with_plan", sex), 0)
        for rk, _ in L.PROCESS:
            n = process.get((rk, sex), 0)
            if n > people:
                out.append(Imbalance("process", "process", rk, sex, n, people,
                                     f"uczestnicy w okresie: {people}", v, "BALANCE_PROCESS"))
            elif rk in L.PROCESS_BOUNDED_BY_PLAN and n > with_plan:
                out.append(Imbalance("process", "process", rk, sex, n, with_plan,
                                     f"osoby z planem: {with_plan}", v, "BALANCE_PROCESS_PLAN"))
    fu = grids.get("followup", {})
    followed = fu.get(("followed_up", "persons"), 0)
    statuses = sum(fu.get((k, "persons"), 0) for k in L.FOLLOWUP_STATUSES)
    if statuses != followed:
        out.append(Imbalance("followup", "followup", L.FOLLOWUP_STATUSES[-1], "persons", statuses, followed,
                             " + ".join(str(fu.get((k, "persons"), 0)) for k in L.FOLLOWUP_STATUSES) + f" = {statuses}", v))
    return out
