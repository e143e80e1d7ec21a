"""Statistics of earlier periods, as the archive gives them (DESIGN §11).

A ``History`` holds, for each earlier period of the same kind as the run's period (years with years,
half-years with half-years: never mixed), the current submission of every LSR the archive has for it:
the newest archived version by fill date, then by when it was received and, within one run, the version that
run counted (docs/archive.md, "The current submission"). An LSR that did
not report in a period is simply absent from that period: readers show it as missing, never as zero.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..indicators.model import Unit
from ..periods import earlier_periods


@dataclass
class History:
    period: str                                   # the run's period (not itself in ``units``)
    periods: list[str] = field(default_factory=list)   # earlier periods of the same kind asked for, oldest first
    units: dict[str, list[Unit]] = field(default_factory=dict)   # period -> LSR units (level "lsr"), by unit_id

    @classmethod
    def empty(cls, period: str, depth: int = 4) -> "History":
        return cls(period, earlier_periods(period, depth), {})

    def of_period(self, period: str) -> list[Unit]:
        return self.units.get(period, [])

    def of_lsr(self, lsr_id: str) -> dict[str, Unit]:
        """period -> the LSR's unit, for the periods it reported in."""
        out = {}
        for p in self.periods:
            for u in self.units.get(p, []):
                if u.unit_id == lsr_id:
                    out[p] = u
                    break
        return out

    def in_region(self, region: str) -> "History":
        return History(self.period, list(self.periods),
                       {p: [u for u in us if u.region == region] for p, us in self.units.items()})

    @property
    def reported(self) -> list[str]:
        """Earlier periods with at least one LSR."""
        return [p for p in self.periods if self.units.get(p)]
