"""The building blocks of the workbook specification: versions, fixed rows, A1 references and the
dataclasses a sheet is declared with (``workbook.py`` declares the sheets themselves).

Split from ``workbook.py`` so that the declarations stay readable; everything here is re-exported
by ``ksr_reports.spec``.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

TEMPLATE_ID = "KSR-LSR"
TEMPLATE_VERSION = "2.0"
SUPPORTED_VERSIONS = ("1.0", "2.0")


def version_key(version: str) -> tuple[int, ...]:
    """'2.0' -> (2, 0), for comparing template versions (an unparsable one sorts first)."""
    try:
        return tuple(int(p) for p in version.split("."))
    except (ValueError, AttributeError):
        return (0,)


def has(item_since: str, version: str) -> bool:
    """True when an item introduced in ``item_since`` exists in a workbook of ``version``."""
    return version_key(item_since) <= version_key(version)

# Column types understood by the template, reader and validator.
TYPES = (
    "text", "int", "decimal", "date", "yesno", "choice", "ref", "ref_list",
    "teryt", "period", "email", "phone", "id",
)

TABLE_HEADER_ROW = 3
TABLE_HELP_ROW = 4
TABLE_FIRST_DATA_ROW = 5
FORM_FIRST_ROW = 4
GRID_FIRST_ROW = 4

META_SHEET = "_meta"
LISTS_SHEET = "_listy"
INSTRUCTIONS_SHEET = "Instrukcja"
CONTROL_SHEET = "Kontrola"
# Cells of the metadata sheet (label in A, value in B).
META_FIELDS = (("template_id", "szablon"), ("template_version", "wersja"), ("period", "okres"))


def _letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


_LETTERS = tuple(_letters(i) for i in range(702))      # A … ZZ: every column a sheet may use, precomputed


def col_letter(index: int) -> str:
    """0-based column index -> Excel letters (0 -> A, 26 -> AA)."""
    return _LETTERS[index] if 0 <= index < 702 else _letters(index)


def a1(row: int, col: int) -> str:
    """1-based row, 0-based column -> A1 reference."""
    return f"{_LETTERS[col] if 0 <= col < 702 else _letters(col)}{row}"


@dataclass(frozen=True)
class Column:
    """One input column of a table sheet, or one field of the form sheet."""

    key: str
    label: str
    type: str
    help: str
    required: bool = False
    choices: tuple = ()          # closed list: tuple of (key, Polish value)
    width: int = 18
    max_value: float | None = None  # upper bound for numbers (plausibility is a warning)
    since: str = "1.0"              # template version that introduced the column

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(v for _, v in self.choices)

    def key_of(self, value: str) -> str | None:
        for k, v in self.choices:
            if v == value:
                return k
        return None


@dataclass(frozen=True)
class FormSheet:
    key: str
    name: str
    title: str
    help: str
    fields: tuple[Column, ...]
    since: str = "1.0"

    def row_of(self, key: str) -> int:
        for i, f in enumerate(self.fields):
            if f.key == key:
                return FORM_FIRST_ROW + i
        raise KeyError(key)

    def cell_of(self, key: str) -> str:
        return a1(self.row_of(key), 1)

    def field(self, key: str) -> Column:
        return next(f for f in self.fields if f.key == key)


@dataclass(frozen=True)
class TableSheet:
    key: str
    name: str
    title: str
    help: str
    columns: tuple[Column, ...]
    capacity: int                 # number of prepared input rows
    id_prefix: str = ""           # ids prefilled in the first column (e.g. I01..I80)
    min_rows: int = 0             # at least this many filled rows are required
    since: str = "1.0"

    @property
    def last_data_row(self) -> int:
        return TABLE_FIRST_DATA_ROW + self.capacity - 1

    def col_index(self, key: str) -> int:
        for i, c in enumerate(self.columns):
            if c.key == key:
                return i
        raise KeyError(key)

    def column(self, key: str) -> Column:
        return self.columns[self.col_index(key)]

    def prefilled_id(self, n: int) -> str:
        return f"{self.id_prefix}{n:02d}"


@dataclass(frozen=True)
class Grid:
    """A fixed count table: category rows × value columns, all whole numbers ≥ 0."""

    key: str
    title: str
    help: str
    rows: tuple
    columns: tuple
    total_column: bool = False    # template shows a live "Razem" formula column
    top: int = 0                  # filled by GridSheet: row of the grid's title
    since: str = "1.0"
    rows_until: tuple = ()        # (row key, last version that has the row): rows a later version dropped

    @property
    def header_row(self) -> int:
        return self.top + 1

    @property
    def first_row(self) -> int:
        return self.top + 2

    def row_of(self, row_key: str) -> int:
        return self.first_row + [k for k, _ in self.rows].index(row_key)

    def col_of(self, col_key: str) -> int:
        return 1 + [k for k, _ in self.columns].index(col_key)

    def cell_of(self, row_key: str, col_key: str) -> str:
        return a1(self.row_of(row_key), self.col_of(col_key))

    @property
    def height(self) -> int:
        return 2 + len(self.rows)


@dataclass(frozen=True)
class GridSheet:
    key: str
    name: str
    title: str
    help: str
    grids: tuple[Grid, ...] = field(default_factory=tuple)
    since: str = "1.0"

    def grid(self, key: str) -> Grid:
        return next(g for g in self.grids if g.key == key)


def _stack(grids) -> tuple[Grid, ...]:
    """Give each grid its top row: stacked from GRID_FIRST_ROW with one blank row between."""
    out, top = [], GRID_FIRST_ROW
    for g in grids:
        placed = replace(g, top=top)
        out.append(placed)
        top += placed.height + 1
    return tuple(out)
