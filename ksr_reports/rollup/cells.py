"""Cell formats and hand-written rows of the rollup workbook.

``Formats`` holds the workbook's xlsxwriter formats; ``Rows`` collects the data rows of one sheet
as worksheet XML that the writer puts into the sheet after xlsxwriter has closed the workbook
(per cell, xlsxwriter's bookkeeping costs ten times more than the XML). Texts are inline strings,
never formulas or links.
"""
from __future__ import annotations

import math
import re
from functools import lru_cache
from xml.sax.saxutils import escape

import xlsxwriter

from ..spec import col_letter

_ESCAPE_X = re.compile("_x[0-9A-Fa-f]{4}_")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BORDER = {"border": 1, "border_color": "#BFBFBF", "valign": "top"}
_TOTAL = {"bold": True, "border": 1, "bg_color": "#E2EFDA", "valign": "top"}


class Formats:
    """The formats of one rollup workbook (numbers: Polish separators come from the reader's locale)."""

    def __init__(self, wb: xlsxwriter.Workbook):
        add = wb.add_format
        self.title = add({"bold": True, "font_size": 14, "font_color": "#1F3864"})
        self.note = add({"italic": True, "font_color": "#404040", "text_wrap": True, "valign": "top"})
        self.caption = add({"italic": True, "font_color": "#404040"})
        self.header = add({"bold": True, "bg_color": "#D9E2F3", "border": 1, "text_wrap": True, "valign": "top"})
        self.unit_header = add({"bold": True, "bg_color": "#D9E2F3", "border": 1, "text_wrap": True,
                                "valign": "top", "font_size": 9})
        self.section = add({"bold": True, "bg_color": "#F2F2F2", "border": 1, "border_color": "#BFBFBF"})
        self.text = add(_BORDER)
        self.indent = add({**_BORDER, "indent": 2})
        self.wrap = add({**_BORDER, "text_wrap": True})
        self.int = add({**_BORDER, "num_format": "#,##0"})
        self.dec = add({**_BORDER, "num_format": "#,##0.00"})
        self.pct = add({**_BORDER, "num_format": "0.0%"})
        self.total_text = add(_TOTAL)
        self.total_int = add({**_TOTAL, "num_format": "#,##0"})
        self.total_dec = add({**_TOTAL, "num_format": "#,##0.00"})
        self.total_pct = add({**_TOTAL, "num_format": "0.0%"})
        # "nie raportowano" (an item only template 2.0 asks, unit without 2.0 LSRs): right, like the numbers
        self.not_reported = add({**_BORDER, "align": "right", "italic": True, "font_color": "#595959"})
        self.total_not_reported = add({**_TOTAL, "align": "right", "italic": True})

    def for_value(self, value, kind: str, total: bool = False):
        """The number format of ``value`` of ``kind`` ("count", "number", "share"), bold in a total."""
        if kind == "share":
            return self.total_pct if total else self.pct
        if isinstance(value, float) and not value.is_integer() or kind == "number":
            return self.total_dec if total else self.dec
        return self.total_int if total else self.int


def put_value(ws, r: int, c: int, value, kind: str, fmt: Formats, total: bool = False) -> None:
    """A number, or "–" where a ratio has no denominator (public xlsxwriter calls)."""
    if value is None:
        ws.write_string(r, c, "–", fmt.total_text if total else fmt.text)
    else:
        ws.write_number(r, c, value, fmt.for_value(value, kind, total))


@lru_cache(maxsize=None)
def letter(c: int) -> str:
    """Column letters of 0-based column ``c``."""
    return col_letter(c)


def lines(text: str, width: int) -> int:
    """Lines a wrapped cell of ``width`` characters needs for ``text`` (words are not split; each line break
    starts a new line)."""
    if "\n" in text:
        return sum(lines(part, width) for part in text.split("\n"))
    n, used = 1, 0
    for word in text.split():
        if used and used + 1 + len(word) > width:
            n, used = n + 1, 0
        used += len(word) + (1 if used else 0)
        if used > width:                       # a word longer than the cell is broken
            n, used = n + (used - 1) // width, (used - 1) % width + 1
    return n


def _style(fmt) -> int:
    # TODO(issue 16): xlsxwriter gives no public way to learn a format's style index before closing.
    return fmt.xf_index or fmt._get_xf_index()


def inline(ref: str, text: str, style: int | None = None) -> str:
    """A text cell as an inline string (never a formula), escaped, characters XML cannot hold dropped."""
    text = _NOT_XML.sub("", text)
    # readers turn _xHHHH_ into a character and drop a bare \r: escape both as xlsxwriter does
    text = escape(_ESCAPE_X.sub(r"_x005F\g<0>", text).replace("\r", "_x000D_"))
    space = ' xml:space="preserve"' if text != text.strip() else ""
    s = f' s="{style}"' if style else ""
    return f'<c r="{ref}"{s} t="inlineStr"><is><t{space}>{text}</t></is></c>'


def canonical_number(value):
    """An int, or a float that is not integral (as it reads back); refuses what a cell cannot hold."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, float) and math.isfinite(value):
        return int(value) if value.is_integer() else value
    if isinstance(value, int):
        return value
    raise ValueError(f"statystyka nie jest liczbą skończoną: {value!r}")


class Rows:
    """Data rows of one sheet, kept as worksheet XML; they must be the sheet's last rows."""

    def __init__(self, ws) -> None:
        self.ws, self.parts, self.last = ws, [], 0

    def add(self, r: int, cells: list[str], height: float | None = None) -> None:
        """Row ``r`` (0-based, as xlsxwriter counts) made of ``text``/``number`` cells."""
        ht = f' ht="{height}" customHeight="1"' if height else ""
        self.parts.append(f'<row r="{r + 1}"{ht}>{"".join(cells)}</row>')
        self.last = r + 1

    @staticmethod
    def text(r: int, c: int, text: str, style) -> str:
        ref = f"{letter(c)}{r + 1}"
        if not text:
            return f'<c r="{ref}" s="{_style(style)}"/>'
        return inline(ref, text, _style(style))

    @staticmethod
    def number(r: int, c: int, value, style) -> str:
        if value.__class__ is not int:
            value = canonical_number(value)
        return f'<c r="{letter(c)}{r + 1}" s="{_style(style)}"><v>{value!r}</v></c>'

    def value(self, r: int, c: int, value, kind: str, fmt: Formats, total: bool = False) -> str:
        """A number, or "–" where a ratio has no denominator (as ``put_value``)."""
        if value is None:
            return self.text(r, c, "–", fmt.total_text if total else fmt.text)
        return self.number(r, c, value, fmt.for_value(value, kind, total))
