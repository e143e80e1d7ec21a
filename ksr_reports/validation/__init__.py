"""Validation of LSR workbooks (DESIGN §5): findings as data, one report per file and per run.

Public API (used by the CLI, the rollup and ``ksr run``):

* ``validate_file(path, *, period=None, terc=None) -> FileReport``
* ``validate_paths(paths, **same) -> RunReport``
* ``FileReport``: ``path, status ('valid'|'warnings'|'invalid'|'unreadable'), lsr_id, period,
  issues (list[Finding]), data (typed ``LsrData`` or None), sha256``
* ``Finding``: ``severity ('error'|'warning'), code, sheet, cell, message``
"""
from .report import FileReport, Finding, RunReport
from .engine import validate_file, validate_paths

__all__ = ["FileReport", "Finding", "RunReport", "validate_file", "validate_paths"]
