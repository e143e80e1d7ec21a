"""The figures of the KIS annual report as data: sections of facts and tables, and the gaps.

``build_cas`` (``figures.py``) fills these; ``writer.py`` lays them out in a workbook. A value in a
table is a number, or a text saying why the workbook does not supply it ("nie raportowano w arkuszu
w wersji 1.0"): a figure the workbook did not ask is never shown as 0 (DESIGN §10).
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Row:
    """One line of a table: a label and one value per value column (a number, or the text saying
    why the figure is missing)."""

    label: str
    values: tuple
    style: str = "item"          # "item"; "sub" (indented: a part of the group above); "group"; "total"


@dataclass(frozen=True)
class Table:
    """A table of figures with a label column; ``kind`` sets the number format of its values."""

    title: str
    headers: tuple[str, ...]     # the label column's header first, then one per value column
    rows: tuple[Row, ...]
    kinds: tuple[str, ...]       # per value column: "int" (persons, services), "dec" (FTE, hours, złoty)
    note: str = ""               # a sentence under the title: what the figures are and where from


@dataclass(frozen=True)
class Facts:
    """A key–value section (identification of the KIS and of the report)."""

    title: str
    items: tuple[tuple[str, str], ...]
    note: str = ""


@dataclass(frozen=True)
class Gap:
    """An item of the annual report the workbook cannot supply, and why."""

    item: str
    reason: str


@dataclass
class CasFigures:
    """Everything the output workbook shows, in order."""

    kis_name: str
    period: str                  # the period code of the workbook ("2025", "2025-H1")
    version: str                 # the template version of the source workbook
    sections: list = field(default_factory=list)     # Facts and Table, in reading order
    gaps: list[Gap] = field(default_factory=list)
    warnings: int = 0            # validation warnings of the source workbook
    explained: int = 0           # of them, explained by the coordinator (sheet "Wyjaśnienia", template 2.0)
    filled_on: object = None     # the workbook's fill date (the output's creation date: reproducible)

    def table(self, title_start: str) -> Table:
        """The table whose title starts with ``title_start`` (tests and callers look figures up by it)."""
        return next(s for s in self.sections if isinstance(s, Table) and s.title.startswith(title_start))
