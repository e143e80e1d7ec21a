"""How much an untrusted file may hold before it is refused, in one place.

The zip limits follow Apache POI's (ratio below 1 % above 100 kB is a bomb). The sheet limits are
per kind of workbook (``Limits``): calamine allocates a dense grid per sheet, so a value far out
must be refused before it loads anything; rollup files and archive exports are wider and longer
than LSR workbooks.
"""
from __future__ import annotations

from dataclasses import dataclass

MAX_ENTRIES = 1000                           # zip members
MAX_TOTAL_BYTES = 200 * 1024 * 1024          # declared uncompressed size of all parts
MAX_PART_BYTES = 64 * 1024 * 1024            # any single part we decompress ourselves
RATIO_MIN_SIZE = 100 * 1024                  # Apache POI: ratio checked above 100 kB ...
MIN_RATIO = 0.01                             # ... and below 1 % is a bomb
MAX_IN_MEMORY = 32 * 1024 * 1024             # files up to this size are read once, whole
# Cells (<c> elements) one sheet may hold: the LSR template has about 4,000 in its largest sheet,
# its tables' overflow checks read 10,000 rows; 20,000 rows of 150 long texts (within the size
# limits) made the reader take half a minute and 1.4 GB (review of issue 6).
MAX_CELLS = 250_000
# Memory the shared-string cells of a whole workbook may take once read, counted as 4 bytes per byte
# of each cell's string (calamine copies the string into the cell, Python again at up to 4 bytes a
# character): the samples need about 2 MB; a 5,000-character text copied into a thousand cells, 20 MB.
MAX_TEXT_BYTES = 256 * 1024 * 1024
MAX_DATE_SERIAL = 2958465                    # Excel's last date (9999-12-31)


@dataclass(frozen=True)
class Limits:
    """The largest sheet of one kind of workbook: rows and columns holding a value, ``<c>`` elements.
    Row limits have five digits (the fast path of the pre-scan relies on it)."""

    rows: int
    cols: int
    cells: int = MAX_CELLS

    def __post_init__(self):
        if not 10_000 <= self.rows < 100_000:
            raise ValueError("row limit must have five digits")
        if not 27 <= self.cols < 702:
            raise ValueError("column limit must have two letters")


LSR = Limits(rows=20_000, cols=200)                                   # the LSR workbook (reader/raw.py reads within it)
ROLLUP_STATS_ROWS = 20_000                                             # one row per LSR of the statistics sheet
ROLLUP = Limits(rows=50_000, cols=400, cells=ROLLUP_STATS_ROWS * 400)  # rollup files (meta sheet rows, ~330 statistics columns)
REGISTER = Limits(rows=20_000, cols=100)                              # the register of expected LSRs
