"""Everything a check may look at, gathered once per file."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..periods import is_period, period_bounds
from ..reader import LsrData, RawWorkbook
from ..intake import Package
from .scan import Scan
from .terc import TercRegister


@dataclass
class Context:
    raw: RawWorkbook
    data: LsrData
    package: Package
    scan: Scan
    terc: TercRegister | None = None
    expected_period: str | None = None
    broken_sheets: set[str] = field(default_factory=set)   # layout shifted: cell checks would mislead

    @property
    def layout(self):
        """The sheets as the file's own template version has them (``spec.layout``)."""
        return self.raw.layout

    @property
    def version(self) -> str:
        return self.raw.version

    @property
    def period(self) -> str | None:
        """The period dates are checked against: the workbook's own, else the run's, else the template's."""
        for candidate in (self.data.period, self.expected_period, self.raw.meta.get("period")):
            if candidate and is_period(candidate):
                return candidate
        return None

    @property
    def bounds(self) -> tuple[dt.date, dt.date] | None:
        return period_bounds(self.period) if self.period else None
