"""Validation of LSR workbooks (DESIGN §5): findings as data, one report per file and per run.

Public API (used by the CLI, the rollup and ``ksr run``):

* ``validate_file(path, *, period=None, terc=None) -> FileReport`` – never raises for a bad file;
  ``terc`` is a loaded ``TercRegister`` or a path to an official TERC file (an unusable TERC
  file raises ``UsageError``: that is a usage problem, not a problem of the workbook).
* ``validate_paths(paths, *, period=None, terc=None) -> RunReport`` – folders searched for every file (not lock or hidden files).
* ``annotate(file_report, outdir) -> Path | None`` – the highlighted, commented copy.
* ``FileReport``: ``path, status ('valid'|'warnings'|'invalid'|'unreadable'), valid, lsr_id, period,
  issues (list[Finding]), errors, warnings, data (typed ``LsrData`` or None), sha256, to_dict()``
* ``Finding``: ``severity ('error'|'warning'), code, sheet, cell, message``
* ``Code``: the error catalogue (``catalogue.py``; docs/validation.md is generated from it).
"""
from .report import FileReport, Finding, RunReport
from .catalogue import Code
from .engine import validate_file, validate_paths
from .annotate import annotate
from .terc import TercRegister

__all__ = ["Code", "FileReport", "Finding", "RunReport", "TercRegister", "annotate", "validate_file", "validate_paths"]
