"""The one door for untrusted files (issue 16): everything between a file someone sent and the rest
of the program.

* ``preflight(path, limits=…, marker=…, divert=…) -> Package`` – the kind of file, the zip container,
  every sheet's XML, before calamine may see it; ``Refusal`` (a file-level code) when it must not;
* ``open_workbook(path)`` – the only call that hands a file to python-calamine (after ``preflight``),
  its failures as ``Refusal``s; ``quiet_stderr`` around calamine work;
* ``Refusal``, ``FileCodes`` / ``FILE_CODES`` – the file-level finding codes with Polish texts
  (``codes.py``), joined into the validation catalogue;
* ``Limits`` and the kinds' limits ``LSR``, ``ROLLUP``, ``REGISTER`` (``limits.py``);
* ``isolated_map``, ``run_isolated``, ``default_workers`` – reading in child processes with a time
  limit per file (``sandbox.py``).

Modules: ``codes`` (file-level codes, ``Refusal``), ``limits``, ``kinds`` (what a file is from its bytes),
``container`` (zip checks), ``parts`` (sheets of workbook.xml), ``package`` (``Package``), ``prescan``
(one sheet: ``fastpath`` or ``exact``; ``pesel``), ``xmlerrors``, ``preflight``, ``workbook``
(calamine), ``editing`` (openpyxl, for annotated copies), ``sandbox`` with ``lanes`` (child processes).
Nothing here imports validation, rollup or reports.
"""
from .codes import FILE_CODES, FileCodes, Refusal, render
from .limits import LSR, REGISTER, ROLLUP, Limits
from .package import Package
from .preflight import preflight
from .prescan import huge_numbers
from .workbook import FATAL, open_workbook, quiet_stderr, tell_debug

__all__ = ["FATAL", "FILE_CODES", "FileCodes", "LSR", "Limits", "Package", "REGISTER", "ROLLUP", "Refusal", "huge_numbers",
           "open_workbook", "preflight", "quiet_stderr", "render", "tell_debug"]
