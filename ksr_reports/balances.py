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

    @property
    def cell(self) -> str:
        return S.grid(self.grid).cell_of(self.row, self.col)


def _sum(values: dict, grid: str, col: str) -> int:
    return sum(values[grid].get((rk, col), 0) for rk, _ in S.grid(grid).rows)


def check_balances(grids: dict[str, dict[tuple[str, str], int]]) -> list[Imbalance]:
    """Every violated balance of the count tables (empty cells count as 0)."""
    out: list[Imbalance] = []
    f = grids["flow"]
    for sex, _ in L.SEX:
        st, en, co, dr, ci, end = (f.get((k, sex), 0) for k in ("start", "entered", "completed", "dropped", "to_cis", "end"))
        expected = st + en - co - dr - ci
        if end != expected:
            out.append(Imbalance("flow", "flow", "end", sex, end, expected, f"{st} + {en} − {co} − {dr} − {ci} = {expected}"))
        groups = _sum(grids, "groups", sex)
        if groups != st + en:
            out.append(Imbalance("groups_total", "groups", S.grid("groups").rows[-1][0], sex, groups, st + en,
                                 f"{st} + {en} = {st + en}"))
        outcomes = _sum(grids, "outcomes", sex)
        if outcomes > co:
            out.append(Imbalance("outcomes", "outcomes", S.grid("outcomes").rows[-1][0], sex, outcomes, co,
                                 f"ukończyli: {co}"))
    entered = sum(f.get(("entered", s), 0) for s, _ in L.SEX)
    referrals = _sum(grids, "referrals", "persons")
    if referrals != entered:
        out.append(Imbalance("referrals_total", "referrals", S.grid("referrals").rows[-1][0], "persons", referrals,
                             entered, f"przyjęci: {entered}"))
    leavers = sum(f.get((k, s), 0) for k in ("completed", "dropped", "to_cis") for s, _ in L.SEX)
    duration = _sum(grids, "duration", "persons")
    if duration != leavers:
        out.append(Imbalance("duration_total", "duration", S.grid("duration").rows[-1][0], "persons", duration, leavers,
                             f"ukończyli + przerwali + do CIS = {leavers}"))
    participants = sum(f.get((k, s), 0) for k in ("start", "entered") for s, _ in L.SEX)
    for grid, low, high in (("spheres", "improved", "diagnosed"), ("measures", "improved", "measured")):
        for rk, _ in S.grid(grid).rows:
            lo, hi = grids[grid].get((rk, low), 0), grids[grid].get((rk, high), 0)
            if lo > hi:
                out.append(Imbalance(grid, grid, rk, low, lo, hi, f"{lo} > {hi}"))
            if hi > participants:
                out.append(Imbalance(grid, grid, rk, high, hi, participants, f"uczestnicy w okresie: {participants}"))
    h = grids["hours"]
    social, total = h.get(("social", "hours"), 0), h.get(("total", "hours"), 0)
    if social > total:
        out.append(Imbalance("hours", "hours", "social", "hours", social, total, f"{social} > {total}"))
    return out
