"""``ksr template``: the blank LSR workbook, generated from the specification with xlsxwriter."""
from .build import build_template

__all__ = ["build_template"]
