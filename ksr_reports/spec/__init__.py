"""The single specification of the LSR workbook (see ``workbook.py``), checked at import."""
from . import lists
from .workbook import (  # noqa: F401  (public re-exports)
    ALL_SHEET_NAMES, ANIMATION, BALANCE_SINCE, BALANCES, BARRIERS, CURRENT, EXPLANATIONS, Layout, has, layout,
    version_key, CONTROL_SHEET, FORM, FORM_FIRST_ROW, FUNDING,
    GRID_FIRST_ROW, INPUT_SHEETS, INSTRUCTIONS_SHEET, LISTS_SHEET, META_FIELDS, META_SHEET,
    PARTICIPANTS, PARTNERSHIPS, PRACTICES, SERVICES, STAFF, STAKEHOLDERS, SUPPORTED_VERSIONS,
    TABLE_FIRST_DATA_ROW, TABLE_HEADER_ROW, TABLE_HELP_ROW, TABLES, TEMPLATE_ID, TEMPLATE_VERSION,
    TYPES, VISIBLE_SHEET_NAMES, Column, FormSheet, Grid, GridSheet, TableSheet, a1, closed_lists,
    col_letter, grid, list_name, table,
)
from ._check import check_spec

check_spec()
