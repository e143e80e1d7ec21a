"""Cell formats and hand-written rows of the rollup workbook.

``Formats`` holds the workbook's xlsxwriter formats; ``Rows`` collects the data rows of one sheet
as worksheet XML that the writer puts into the sheet after xlsxwriter has closed the workbook
(per cell, xlsxwriter's bookkeeping costs several times more than the XML). Texts are inline strings,
never formulas or links. The rows name their cell styles by placeholders that ``Styles`` resolves
from xlsxwriter's own output (only public xlsxwriter calls: see ``Styles``).
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
        made = []

        def add(properties: dict):
            made.append(wb.add_format(properties))
            return made[-1]

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
        self.styles = Styles(made)

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


class Styles:
    """Cell style numbers of hand-written cells, learnt from the file xlsxwriter writes.

    xlsxwriter numbers its cell styles (the ``s`` attribute of a cell, an index into the workbook's
    ``cellXfs``) only while it writes the file, and offers no public way to ask a format's number.
    So hand-written cells carry a placeholder per format; ``probe`` writes one blank cell per format
    with the public ``write_blank`` into a row of a sheet the writer rewrites anyway, and ``read_probe``
    takes the ``s`` that xlsxwriter gave each of those cells (valid in every sheet of the workbook)
    and removes the row. Placeholders are framed by U+0001, which no written text holds (``_NOT_XML``)."""

    def __init__(self, formats: list) -> None:
        self.formats = formats
        self.token = {id(f): f"\x01{i}\x01" for i, f in enumerate(formats)}

    def probe(self, ws, row: int) -> None:
        """One blank cell per format in row ``row`` (0-based) of ``ws``, from column A on."""
        for c, f in enumerate(self.formats):
            ws.write_blank(row, c, None, f)

    def read_probe(self, sheet_xml: str, row: int) -> tuple[str, list[str]]:
        """``sheet_xml`` without the probe row, and the style number of each format (in order)."""
        found = re.search(rf'<row r="{row + 1}"[^>]*>(.*?)</row>', sheet_xml, re.S)
        numbers = {}
        for tag in re.findall(r"<c\b[^>]*>", found.group(1) if found else ""):
            ref, style = re.search(r'\br="([A-Z]+)\d+"', tag), re.search(r'\bs="(\d+)"', tag)
            numbers[ref.group(1) if ref else ""] = style.group(1) if style else "0"
        if not found or sorted(numbers) != sorted(letter(c) for c in range(len(self.formats))):
            raise ValueError(f"wiersz {row + 1}: brak komórek wzorcowych stylów")
        in_order = [numbers[letter(c)] for c in range(len(self.formats))]
        return sheet_xml[:found.start()] + sheet_xml[found.end():], in_order

    @staticmethod
    def resolve(xml: str, numbers: list[str]) -> str:
        """``xml`` with every placeholder replaced by its format's style number (``read_probe``)."""
        if "\x01" not in xml:                  # the statistics rows: no styles, one fast scan
            return xml
        pieces = xml.split("\x01")            # placeholders sit at the odd places: "\x01<i>\x01"
        pieces[1::2] = [numbers[int(i)] for i in pieces[1::2]]
        return "".join(pieces)


def inline(ref: str, text: str, style: str | None = None) -> str:
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
    """Data rows of one sheet, kept as worksheet XML; they must be the sheet's last rows. Their styles
    are placeholders until the writer resolves them (``Styles``)."""

    def __init__(self, ws, styles: Styles) -> None:
        self.sheet, self.token, self.parts, self.last = ws.get_name(), styles.token, [], 0

    def add(self, r: int, cells: list[str], height: float | None = None) -> None:
        """Row ``r`` (0-based, as xlsxwriter counts) made of ``text``/``number`` cells."""
        ht = f' ht="{height}" customHeight="1"' if height else ""
        self.parts.append(f'<row r="{r + 1}"{ht}>{"".join(cells)}</row>')
        self.last = r + 1

    def text(self, r: int, c: int, text: str, style) -> str:
        ref = f"{letter(c)}{r + 1}"
        if not text:
            return f'<c r="{ref}" s="{self.token[id(style)]}"/>'
        return inline(ref, text, self.token[id(style)])

    def number(self, r: int, c: int, value, style) -> str:
        if value.__class__ is not int:
            value = canonical_number(value)
        return f'<c r="{letter(c)}{r + 1}" s="{self.token[id(style)]}"><v>{value!r}</v></c>'

    def value(self, r: int, c: int, value, kind: str, fmt: Formats, total: bool = False) -> str:
        """A number, or "–" where a ratio has no denominator (as ``put_value``)."""
        if value is None:
            return self.text(r, c, "–", fmt.total_text if total else fmt.text)
        return self.number(r, c, value, fmt.for_value(value, kind, total))
