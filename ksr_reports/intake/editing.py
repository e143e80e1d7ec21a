"""Opening a pre-flighted workbook with openpyxl, for the annotated copy (``validation/annotate.py``).

Read from its bytes, so a workbook that arrived as .xls, .xlsm or .xltx (``FILE_EXTENSION``) is copied
like any other (openpyxl judges a path by its extension); macros are never kept. Only a file the
pre-flight passed and the validator read comes here.
"""
from __future__ import annotations

import io
import warnings
from pathlib import Path


def open_for_copy(path: Path):
    """The openpyxl workbook of ``path`` (already pre-flighted and read by the validator)."""
    import openpyxl

    data = Path(path).read_bytes()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")     # openpyxl: unsupported extensions (e.g. data validation lists)
        wb = openpyxl.load_workbook(io.BytesIO(data), keep_vba=False, rich_text=False)
    wb.template = False         # a copy of an .xltx/.xltm input is saved as a workbook (Excel checks the type)
    return wb
