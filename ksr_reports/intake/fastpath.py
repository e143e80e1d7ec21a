"""The fast path of the sheet pre-scan: a sheet written the usual way ("canonical": every <c>/<row>
starts with r="…", no namespace prefix, double quotes – Excel, LibreOffice, xlsxwriter, openpyxl) is
recognised by counting inside its <sheetData> on a translated image of its bytes, and its facts
(formulas, hidden rows, merged ranges) are taken with a few exact regular expressions. Whatever it
cannot decide exactly goes to the parse (``exact.parsed_scan``); ``prescan.scan_sheet`` chooses, and
a generated-sheet test checks that both give the same facts.
"""
from __future__ import annotations

import functools
import html
import re

from .. import spec as S
from .exact import col_number
from .package import Package

_MERGE = re.compile(rb"<mergeCell ref=\"([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)\"")


@functools.lru_cache(maxsize=4)
def far_cell(max_cols: int) -> re.Pattern:
    """A canonical cell reference (upper case, see ``canonical``) with 3 or more letters, a 5-digit
    row or two letters beyond column ``max_cols``: only such a sheet needs its dimensions computed
    exactly (row limits are 5-digit numbers)."""
    if not 27 <= max_cols < 702:
        raise ValueError("column limit must have two letters")
    first, second = S.col_letter(max_cols - 1)
    beyond = [f"{first}[{chr(ord(second) + 1)}-Z]"] if second != "Z" else []
    beyond += [f"[{chr(ord(first) + 1)}-Z][A-Z]"] if first != "Z" else []
    return re.compile(rf'<c r="(?:[A-Z]{{3}}|[A-Z]{{1,2}}\d{{5}}|(?:{"|".join(beyond)})\d)'.encode())


# Fast paths for canonical sheets (r first, upper case, no namespace prefix, double quotes), decided
# by C-speed translation and counting instead of regexes (these cost ~2 ms per workbook). CLASS maps
# upper-case letters to b"A", digits to b"1", every other byte to itself; a sheet is canonical
# when, in that image, every cell starts <c r="A1 or <c r="AA1 (one or two upper-case letters, then a
# digit), every row starts <row r="1, there is one r= per element and no "r =" form (a later r
# attribute), and no element is prefixed.
CLASS = bytes(65 if 65 <= b <= 90 else 49 if 48 <= b <= 57 else b for b in range(256))
_SPACED_R = re.compile(rb"r\s+=")
_PREFIXED = re.compile(rb":(?:c|row|v|f|is)[\s>/]")                 # perhaps a prefixed element
_FORMULA_START = re.compile(rb"<f[ >/]")
_REF_ATTR = re.compile(rb"\br=\"([A-Z]{1,3})(\d{1,7})\"")
def sheet_data(xml: bytes) -> tuple[int, int] | None:
    """Where calamine looks for cells: from the first <sheetData> to the first </sheetData> after it
    (calamine may stop earlier, at a prefixed end tag: it then reads less); None when the sheet has
    none, an empty one, the name appears before it, or the sheet holds a comment, CDATA section,
    DOCTYPE or processing instruction (markup the byte search would take for tags; such a sheet is
    parsed as XML). Found by two reviews: a tag's bytes in a comment or an attribute value fooled
    a plain search."""
    start = xml.find(b"<sheetData>")
    end = xml.find(b"</sheetData>", start)
    # the name exactly twice: no copy of either tag hides in an attribute value or a malformed tag
    if start < 0 or end < 0 or xml.count(b"sheetData") != 2 or markup(xml, 0, len(xml)):
        return None
    return start, end


def markup(xml: bytes, start: int, end: int) -> bool:
    """A comment, CDATA section, DOCTYPE or processing instruction (other than the XML declaration)
    between ``start`` and ``end``. Searched by its rare second character ("!", "?": one fast pass each)."""
    for mark in (b"!", b"?"):
        i = xml.find(mark, max(start, 1), end)
        while i != -1:
            if xml[i - 1] == 60 and (mark == b"!" or i - 1 >= declaration_end(xml)):     # "<!" or "<?"
                return True
            i = xml.find(mark, i + 1, end)
    return False


def declaration_end(xml: bytes) -> int:
    """Where the XML declaration (<?xml …?>, the only processing instruction allowed) ends, else 0."""
    return xml.find(b"?>") + 2 if xml[:64].lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<?xml") else 0


def canonical(xml: bytes, image: bytes | None = None, bounds: tuple[int, int] | None = None) -> bool:
    return cell_counts(xml, image, bounds) is not None


def cell_counts(xml: bytes, image: bytes | None = None, bounds: tuple[int, int] | None = None) -> tuple[int, int] | None:
    """Every <row> and <c> element is written as Excel, LibreOffice and our template write it:
    no namespace prefix, the ``r`` attribute first, in double quotes, a reference of one or two
    upper-case letters. Only then are the fast paths exact; any other sheet is parsed as XML
    (``parsed_scan``). Decided by counting inside <sheetData> (calamine reads cells only there,
    and no other element inside it starts with "<c" or "<row"); ``image`` is ``xml.translate(CLASS)``.

    ``cell_counts``: the number of cells and of cells with a two-letter reference of a canonical
    sheet, None for any other sheet."""
    bounds = bounds or sheet_data(xml)
    if bounds is None:
        return None
    s, e = bounds
    t = xml.translate(CLASS) if image is None else image
    cells = xml.count(b"<c", s, e)
    one = t.count(b'<c r="A1', s, e)
    two = t.count(b'<c r="AA1', s, e) if one != cells else 0      # the two forms never overlap
    if one + two != cells:
        return None
    rows = xml.count(b"<row", s, e)
    if t.count(b'<row r="1', s, e) != rows:
        return None
    # Exactly one r attribute per element and no blank before "=": an r attribute after another one shows.
    if t.count(b"r=", s, e) != cells + rows or _SPACED_R.search(xml, s, e) is not None:
        return None
    return None if _PREFIXED.search(xml, s, e) is not None else (cells, two)


def far(xml: bytes, image: bytes, max_cols: int, bounds: tuple[int, int], two_letter: bool) -> bool:
    """A canonical sheet (see ``canonical``) with a cell in a 5-digit row, or in a two-letter column
    beyond ``max_cols`` (``two_letter``: it has two-letter references), inside ``bounds`` (its
    <sheetData>): only such a sheet needs its dimensions computed exactly."""
    s, e = bounds
    if image.find(b'<c r="A11111', s, e) != -1:
        return True
    return two_letter and (image.find(b'<c r="AA11111', s, e) != -1 or far_cell(max_cols).search(xml, s, e) is not None)


def cell_formulas(xml: bytes, s: int = 0, e: int | None = None) -> list[tuple[str, str]]:
    """(A1 ref, text) of every formula of a canonical sheet between ``s`` and ``e`` (its <sheetData>)."""
    out = []
    for m in _FORMULA_START.finditer(xml, s, len(xml) if e is None else e):
        start = xml.rfind(b"<c ", 0, m.start())
        cell_open = xml.find(b">", start, m.start())
        if start < 0 or cell_open == -1 or xml[cell_open - 1:cell_open] == b"/" or xml.find(b"</c>", start, m.start()) != -1:
            continue                          # not inside a cell: calamine ignores it, so does the parse
        ref = _REF_ATTR.search(xml, start, m.start())
        gt = xml.find(b">", m.start())        # the end of <f …> (attributes such as t, ref, si, aca)
        end = xml.find(b"<", gt)
        text = xml[gt + 1:end] if gt != -1 and xml[gt - 1:gt] != b"/" else b""
        if ref:
            letters, digits = ref.group(1), ref.group(2)
            out.append((f"{letters.decode()}{int(digits)}", html.unescape(text.decode("utf-8", "replace"))))
    return out

def fast_facts(name: str, xml: bytes, package: Package, is_input_sheet: bool, s: int, e: int) -> bool:
    """Formulas, hidden rows and merged ranges of a canonical sheet by regex, when the regexes are
    exact for it; False (nothing recorded) when the sheet must be parsed instead."""
    formulas = None
    if is_input_sheet and xml.find(b"<f", s, e) != -1:
        if xml.count(b"<f", s, e) != sum(xml.count(form, s, e) for form in (b"<f>", b"<f ", b"<f/")):
            return False                      # <f\t…> or another element named f…: parse
        formulas = cell_formulas(xml, s, e)
    if xml.find(b"hidden", s, e) != -1:       # rare: any spelling of the attribute is parsed exactly
        return False
    merged = fast_merges(xml)
    if merged is False:
        return False
    if formulas:
        package.formulas[name] = formulas
    if merged is not None:
        package.merged[name] = merged
    return True


def fast_merges(xml: bytes) -> list | None | bool:
    """The merged ranges of a sheet whose <mergeCells> block is written the usual way (its own
    regex is exact for it, whatever the cells look like); None when the sheet has none, False
    when the block must be parsed (prefixes, quotes, $, lower case, one-cell ranges, a second block)."""
    first = xml.find(b"mergeCell")
    if first == -1:
        return None
    at = first - 1
    if not xml.startswith(b"<mergeCells", at):
        return False                        # a prefixed block, or the name elsewhere first: parse
    stop = xml.find(b"</mergeCells>", at)
    if stop == -1 or xml.find(b"mergeCell", stop + 13) != -1:
        return False
    found = _MERGE.findall(xml, at, stop)
    if len(found) != xml.count(b"<mergeCell ", at, stop) or xml.count(b"mergeCell", at, stop) != len(found) + 1 \
            or xml.count(b"ref=", at, stop) != len(found):
        return False
    return [((int(r0) - 1, col_number(c0) - 1), (int(r1) - 1, col_number(c1) - 1)) for c0, r0, c1, r1 in found]

