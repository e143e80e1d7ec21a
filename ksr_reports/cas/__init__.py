"""``ksr cas``: the figures of the KIS annual report to the wojewoda / the CAS set from one LSR workbook.

So the KIS types its data once (issue 13 item 2; DESIGN §2, §10): the workbook is read and
validated in a child process (``read.py``), the figures are computed from its typed data
(``figures.py``), what it cannot supply is listed (``gaps.py``), and one sheet is written
(``writer.py``).

Public API:
* ``cas_from_workbook(path, out_path) -> CasFigures`` – the whole command (``KsrError`` for a bad file);
* ``build_cas(data, version, *, file_name="", warnings=0) -> CasFigures`` – from typed ``LsrData``;
* ``write_cas(figures, out_path) -> Path``.
"""
from __future__ import annotations

from pathlib import Path

from .figures import build_cas
from .model import CasFigures, Facts, Gap, Row, Table
from .read import read_workbook
from .writer import write_cas


def cas_from_workbook(path, out_path) -> CasFigures:
    """Read the workbook safely, compute the figures and write ``out_path``; returns the figures."""
    report = read_workbook(path)
    data = report.data
    figures = build_cas(data, data.version, file_name=Path(path).name,
                        warnings=len(report.warnings))
    write_cas(figures, out_path)
    return figures


__all__ = ["CasFigures", "Facts", "Gap", "Row", "Table", "build_cas", "cas_from_workbook", "write_cas"]
