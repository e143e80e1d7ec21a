"""Rollup LSR → RSR → KSR (DESIGN §6, issue 4): exact, composable indicators with completeness and lineage.

Public API (used by the CLI, ``ksr run`` and the Word reports):

* ``build_rollup(paths, *, level, period=None, register=None, progress=None) -> Rollup``
* ``write_rollup(rollup, out_path) -> Path`` and ``load_rollup(path) -> Rollup`` (lossless round trip)
* ``is_rollup_workbook(path) -> bool``
* ``write_register_template(path, *, region=None)``, ``read_register(path)``
"""
from .build import build_rollup, failed_inputs, rollup_records
from .reader import is_rollup_workbook, load_rollup
from .register import read_register, write_register_template
from .writer import write_rollup

__all__ = ["build_rollup", "failed_inputs", "rollup_records", "is_rollup_workbook", "load_rollup", "read_register",
           "write_register_template", "write_rollup"]
