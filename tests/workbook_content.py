"""Compare workbooks by content (values, validations, protection, names), not bytes."""
from __future__ import annotations

from pathlib import Path

import openpyxl


def workbook_content(path: Path) -> dict:
    wb = openpyxl.load_workbook(path)
    out = {"sheets": wb.sheetnames, "names": sorted((n, d.attr_text) for n, d in wb.defined_names.items())}
    for ws in wb.worksheets:
        cells = {c.coordinate: c.value for row in ws.iter_rows() for c in row if c.value is not None}
        dvs = sorted((str(dv.sqref), dv.type, dv.formula1, dv.operator, dv.prompt, dv.error) for dv in ws.data_validations.dataValidation)
        out[ws.title] = {"cells": cells, "validations": dvs, "state": ws.sheet_state, "protected": ws.protection.sheet,
                         "freeze": ws.freeze_panes,
                         "unlocked": sorted(c.coordinate for row in ws.iter_rows() for c in row if c.protection.locked is False)}
    return out
