"""Pre-flight inspection of a file before calamine parses it.

calamine allocates a dense grid for each sheet (a single value at XFD1048576 aborts the
whole process) and trusts the zip container, so the container is checked here first: the
zip directory (sizes, ratios, duplicates, features other zip readers see differently), then
every member holding sheet data. A sheet written the usual way ("canonical": every <c>/<row>
starts with r="…", no prefixes) takes a few regex searches; any other sheet, or one with a
far-looking reference, is parsed as XML, placing cells the way calamine does. The same pass
collects what calamine cannot tell us: formulas, hidden rows, merged ranges, and whether a
PESEL scan is worth running. ``ksr_reports.sandbox`` is the safety net behind it.
"""
from __future__ import annotations

import functools
import hashlib
import html
import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from defusedxml import ElementTree as DET

from .. import spec as S
from ..reader.raw import MAX_COLS, MAX_ROWS
from .catalogue import Code, os_error_text, render

OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
MAX_ENTRIES = 1000
# Cells (<c> elements) one sheet may hold: the LSR template has about 4,000 in its largest sheet,
# its tables' overflow checks read 10,000 rows; 20,000 rows of 150 long texts (within the size
# limits) made the reader take half a minute and 1.4 GB (review of issue 6).
MAX_CELLS = 250_000
# Memory the shared-string cells of a whole workbook may take once read, counted as 4 bytes per byte
# of each cell's string (calamine copies the string into the cell, Python again at up to 4 bytes a
# character): the samples need about 2 MB; a 5,000-character text copied into a thousand cells, 20 MB.
MAX_TEXT_BYTES = 256 * 1024 * 1024
MAX_TOTAL_BYTES = 200 * 1024 * 1024          # declared uncompressed size of all parts
MAX_PART_BYTES = 64 * 1024 * 1024            # any single part we decompress ourselves
RATIO_MIN_SIZE = 100 * 1024                  # Apache POI: ratio checked above 100 kB ...
MIN_RATIO = 0.01                             # ... and below 1 % is a bomb
ODS_MIME = b"application/vnd.oasis.opendocument"
_ENCRYPTED_STREAMS = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))

_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
# Numbers no date can hold (Excel's last date is serial 2958465): calamine panics on them in date cells.
_HUGE_NUMBER = re.compile(rb"<(?:\w+:)?c\b[^>]*?\br=\"([A-Z]{1,3}\d{1,7})\"[^>]*>\s*<(?:\w+:)?v>"
                          rb"(-?\d{7,}(?:\.\d*)?(?:[eE][+-]?\d+)?|-?\d+(?:\.\d*)?[eE]\+?\d{2,})</")
MAX_DATE_SERIAL = 2958465
_MERGE = re.compile(rb"<mergeCell ref=\"([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)\"")
# A cell value in exponent form (its size decides), a string item (shared or inline), a tag, 10 digits.
_V_EXPONENT = re.compile(rb"<v\b[^>]*>[-+0-9.\s]*[eE]")         # the fast probe (one literal prefix)
_EXPONENT_VALUE = re.compile(rb"<(?:\w+:)?v\b[^>]*>\s*([-+]?(?:\d+\.?\d*|\.\d+)[eE][-+]?\d+)\s*</")
_STRING = re.compile(rb"<((?:\w+:)?(?:si|is))\b[^>]*>(.*?)</\1\s*>", re.S)
_TAG = re.compile(rb"<[^>]*>")
_DIGITS_NOT_DECIMALS = re.compile(r"(?<![0-9.])[0-9]{10,}")


@functools.lru_cache(maxsize=4)
def _far_cell(max_cols: int) -> re.Pattern:
    """A canonical cell reference (upper case, see ``_canonical``) with 3 or more letters, a 5-digit
    row or two letters beyond column ``max_cols``: only such a sheet needs its dimensions computed
    exactly (row limits are 5-digit numbers)."""
    if not 27 <= max_cols < 702:
        raise ValueError("column limit must have two letters")
    first, second = S.col_letter(max_cols - 1)
    beyond = [f"{first}[{chr(ord(second) + 1)}-Z]"] if second != "Z" else []
    beyond += [f"[{chr(ord(first) + 1)}-Z][A-Z]"] if first != "Z" else []
    return re.compile(rf'<c r="(?:[A-Z]{{3}}|[A-Z]{{1,2}}\d{{5}}|(?:{"|".join(beyond)})\d)'.encode())


# Fast paths for canonical sheets (r first, upper case, no namespace prefix, double quotes), decided
# by C-speed translation and counting instead of regexes (these cost ~2 ms per workbook). _CLASS maps
# upper-case letters to b"A", digits to b"1", every other byte to itself; a sheet is canonical
# when, in that image, every cell starts <c r="A1 or <c r="AA1 (one or two upper-case letters, then a
# digit), every row starts <row r="1, there is one r= per element and no "r =" form (a later r
# attribute), and no element is prefixed.
_CLASS = bytes(65 if 65 <= b <= 90 else 49 if 48 <= b <= 57 else b for b in range(256))
_SPACED_R = re.compile(rb"r\s+=")
_ROW_DIGITS = re.compile(r"\d+")
_PREFIXED = re.compile(rb":(?:c|row|v|f|is)[\s>/]")                 # perhaps a prefixed element
_REF_TEXT = re.compile(r"\$?([A-Za-z]+)\$?(\d+)")      # as loose as calamine: any case, any length
_FORMULA_START = re.compile(rb"<f[ >/]")
_REF_ATTR = re.compile(rb"\br=\"([A-Z]{1,3})(\d{1,7})\"")
# Two-byte searches as compiled patterns: re scans for a literal two-byte prefix about 2.4 times
# faster than bytes.find does (which has no skip table for such short needles).
_LT_T, _AMP_HASH, _COLON_T, _COLON_V, _COLON_TV = (re.compile(p) for p in (rb"<t", rb"&#", rb":t", rb":v", rb":[tv]"))
SHARED_STRINGS = "xl/sharedStrings.xml"


class PreflightError(Exception):
    """The file cannot be handed to calamine; ``code`` and ``params`` describe why."""

    def __init__(self, code: Code, **params):
        super().__init__(code.name)
        self.code = code
        self.params = params

    @property
    def what(self) -> str:
        """The Polish description of the problem (the catalogue's text, without location)."""
        return render(self.code.value.what, **self.params)

    @property
    def fix(self) -> str:
        """The Polish advice on how to fix it."""
        return render(self.code.value.fix, **self.params)


@dataclass
class Package:
    """What the container told us about each sheet (by sheet name)."""

    formulas: dict[str, list[tuple[str, str]]] = field(default_factory=dict)   # (A1 ref, formula text)
    hidden_rows: dict[str, list[int]] = field(default_factory=dict)
    merged: dict[str, list[tuple[tuple[int, int], tuple[int, int]]]] = field(default_factory=dict)  # 0-based
    pesel_candidates: bool = False      # some 11-digit number or text exists: worth a full PESEL scan
    sha256: str = ""                    # of the file's bytes, when it was read whole (small files)
    sheet_names: list[str] = field(default_factory=list)   # as workbook.xml lists them
    diverted: bool = False              # a sheet named ``divert`` exists: the sheets were not scanned
    max_rows: int = MAX_ROWS            # a cell with a value beyond these is refused (FILE_DIMENSIONS)
    max_cols: int = MAX_COLS
    max_cells: int = MAX_CELLS          # more cells in one sheet are refused (FILE_TOO_MANY_CELLS)
    strings: bytes = b""                # the shared strings, while the sheets are scanned
    strings_parts: int = 0              # members calamine may take for them (it matches the name in any case)
    cells: dict[str, int] = field(default_factory=dict)    # cells per scanned sheet (or part)


def col_number(letters: bytes | str) -> int:
    """Excel column letters -> 1-based column number."""
    n = 0
    for ch in (letters if isinstance(letters, str) else letters.decode()).upper():
        n = n * 26 + ord(ch) - 64
    return n


def _sniff(path: Path, head: bytes | None = None) -> None:
    if head is None:
        try:
            with path.open("rb") as fh:
                head = fh.read(8)
        except OSError as e:
            raise PreflightError(Code.FILE_NOT_FOUND, detail=os_error_text(e)) from e
    head = head[:8]
    if not head:
        raise PreflightError(Code.FILE_EMPTY)
    if head == OLE2_MAGIC:
        data = path.read_bytes()[:4 * 1024 * 1024]
        if any(s in data for s in _ENCRYPTED_STREAMS):
            raise PreflightError(Code.FILE_ENCRYPTED)
        raise PreflightError(Code.FILE_XLS)
    if head[:4] not in ZIP_MAGICS:
        kind = "tekst" if _looks_textual(path) else "dane binarne"
        raise PreflightError(Code.FILE_NOT_XLSX, detail=kind)


def _looks_textual(path: Path) -> bool:
    chunk = path.open("rb").read(512)
    return b"\x00" not in chunk


def _check_entries(zf: zipfile.ZipFile) -> None:
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        raise PreflightError(Code.ZIP_TOO_MANY_ENTRIES, count=len(infos), limit=MAX_ENTRIES)
    seen: set[str] = set()
    for info in infos:
        if info.filename in seen:
            raise PreflightError(Code.ZIP_DUPLICATE, entry=info.filename)
        seen.add(info.filename)
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL_BYTES:
        raise PreflightError(Code.ZIP_TOO_LARGE, size=total // 2**20, limit=MAX_TOTAL_BYTES // 2**20)
    for info in infos:
        if info.file_size > RATIO_MIN_SIZE and info.compress_size < info.file_size * MIN_RATIO:
            raise PreflightError(Code.ZIP_RATIO, entry=info.filename, size=f"{info.file_size / 2**20:.1f}".replace(".", ","),
                                 packed=max(1, info.compress_size // 1024))


_LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")   # zip local file header (30 bytes)


def _extra_ids(extra: bytes) -> set[int]:
    ids, i = set(), 0
    while i + 4 <= len(extra):
        header_id, size = struct.unpack_from("<HH", extra, i)
        ids.add(header_id)
        i += 4 + size
    return ids


UNICODE_PATH = 0x7075      # Info-ZIP Unicode path: other zip readers rename the member with it


def _check_container(zf: zipfile.ZipFile, blob: bytes | None) -> None:
    """Refuse zip features that make Python's zipfile and calamine's zip reader see different
    members: a second end-of-central-directory record (e.g. hidden in the comment), a comment,
    Unicode-path fields. Office programs write none of them."""
    odd = bool(zf.comment)
    for info in zf.infolist():
        odd = odd or UNICODE_PATH in _extra_ids(info.extra)
        if blob is not None and not odd and info.header_offset + _LOCAL_HEADER.size <= len(blob):
            *_, name_len, extra_len = _LOCAL_HEADER.unpack_from(blob, info.header_offset)
            start = info.header_offset + _LOCAL_HEADER.size + name_len
            odd = UNICODE_PATH in _extra_ids(blob[start:start + extra_len])
    if blob is not None and blob.count(b"PK\x05\x06", max(0, len(blob) - 65_557)) > 1:
        odd = True
    if odd:
        raise PreflightError(Code.FILE_CORRUPT, detail="nietypowa budowa archiwum zip")


def _read_part(zf: zipfile.ZipFile, name: str) -> bytes:
    """Decompress one part, refusing parts larger than they may be (declared sizes can lie).

    When the whole file is in memory (``zf.blob``), a plain stored or deflated member is inflated
    straight from its bytes: zipfile's per-member file object cost more than the inflating."""
    info = zf.getinfo(name)
    blob = getattr(zf, "blob", None)
    raw = _member_bytes(blob, info) if blob is not None else None
    if raw is None:
        with zf.open(info) as fh:
            data = fh.read(MAX_PART_BYTES + 1)
    elif info.compress_type == zipfile.ZIP_STORED:
        data = bytes(raw[:MAX_PART_BYTES + 1])
    else:
        inflate = zlib.decompressobj(-15)
        data = inflate.decompress(raw, MAX_PART_BYTES + 1)
        if not inflate.eof and len(data) <= MAX_PART_BYTES:
            raise zipfile.BadZipFile(f"{name}: niekompletne dane")
    if len(data) > MAX_PART_BYTES:
        raise PreflightError(Code.ZIP_TOO_LARGE, size=MAX_PART_BYTES // 2**20, limit=MAX_PART_BYTES // 2**20)
    return data


def _member_bytes(blob: bytes, info: zipfile.ZipInfo) -> memoryview | None:
    """The compressed bytes of a plain member (not encrypted, stored or deflated), else None."""
    offset = info.header_offset
    if offset < 0 or offset + _LOCAL_HEADER.size > len(blob):
        return None
    signature, _, flags, method, _, _, _, _, _, name_len, extra_len = _LOCAL_HEADER.unpack_from(blob, offset)
    if signature != b"PK\x03\x04" or flags & 1 or method not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) \
            or method != info.compress_type:
        return None
    start = offset + _LOCAL_HEADER.size + name_len + extra_len
    if start + info.compress_size > len(blob):
        raise zipfile.BadZipFile(f"{info.filename}: plik jest ucięty")
    return memoryview(blob)[start:start + info.compress_size]


def _sheet_parts(zf: zipfile.ZipFile, names: set[str], listed: list[str] | None = None) -> dict[str, str]:
    """Sheet name -> part name inside the zip, from workbook.xml and its relationships; ``listed``
    receives every sheet name workbook.xml lists (also those without a part)."""
    if "xl/workbook.xml" not in names:
        if "mimetype" in names and _read_part(zf, "mimetype").startswith(ODS_MIME):
            raise PreflightError(Code.FILE_ODS)
        if "content.xml" in names:
            raise PreflightError(Code.FILE_ODS)
        raise PreflightError(Code.FILE_NOT_XLSX, detail="archiwum zip bez skoroszytu")
    rels_name = "xl/_rels/workbook.xml.rels"
    book_xml = _read_part(zf, "xl/workbook.xml")
    rels_xml = _read_part(zf, rels_name) if rels_name in names else None
    key = (book_xml, rels_xml, frozenset(names))
    known = _PARTS_SEEN.get(key)            # workbooks from one template share these parts byte for byte
    if known is None:
        known = _parse_sheet_parts(book_xml, rels_xml, names)
        if len(book_xml) + len(rels_xml or b"") <= 64 * 1024:     # only usual sizes are kept
            if len(_PARTS_SEEN) >= 32:
                _PARTS_SEEN.clear()
            _PARTS_SEEN[key] = known
    if listed is not None:
        listed.extend(known[0])
    return dict(known[1])


_PARTS_SEEN: dict[tuple, tuple[tuple[str, ...], dict[str, str]]] = {}


def _parse_sheet_parts(book_xml: bytes, rels_xml: bytes | None, names: set[str]) -> tuple[tuple[str, ...], dict[str, str]]:
    """Every sheet name workbook.xml lists, and sheet name -> part for those whose part exists."""
    book = DET.fromstring(book_xml)
    rels = DET.fromstring(rels_xml) if rels_xml is not None else None
    targets = {}
    for rel in (rels if rels is not None else []):
        target = rel.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else f"xl/{target}"   # literally, as calamine
        targets[rel.get("Id")] = target
    out, listed = {}, []
    for el in book.iter():
        if el.tag.endswith("}sheet") or el.tag == "sheet":
            listed.append(el.get("name", ""))
            part = targets.get(el.get(f"{_REL_NS}id"))
            if part and part in names:
                out[el.get("name", "")] = part
    return tuple(listed), out


def _pesel_length(run: bytes | str) -> bool:
    """A run of digits a reader could take for a PESEL: 10–11 digits as written, or once its leading
    zeros are dropped (a number written 044051401359 reads as 44051401359)."""
    stripped = len(run.lstrip(b"0" if isinstance(run, bytes) else "0"))
    return 10 <= len(run) <= 11 or 10 <= stripped <= 11


def _digit_runs(image: bytes, xml: bytes, start: int, end: int) -> bool:
    """Some run of digits between ``start`` and ``end`` of PESEL length (``_pesel_length``), not
    the decimals of a fraction."""
    i = image.find(b"1" * 10, start, end)
    while i != -1:
        j = i + 10
        while j < end and image[j] == 49:
            j += 1
        if (i == start or xml[i - 1] != 46) and _pesel_length(xml[i:j]):
            return True
        i = image.find(b"1" * 10, j, end)
    return False


def _pesel_like(xml: bytes, image: bytes | None = None, start: int = 0, end: int | None = None,
                clean: bool = False) -> bool:
    """Some number or text between ``start`` and ``end`` that a reader could see as a PESEL-sized
    number (``_pesel_length``; rich-text runs, several text pieces, character references and
    exponent forms included): worth a full PESEL scan, which decides. Comments, CDATA sections and
    processing instructions count as such text (they can hide digits from a byte search).

    ``image`` is ``xml.translate(_CLASS)``: digits are b"1" (no other byte is), upper-case letters b"A".
    ``clean``: the caller knows there is no comment, CDATA or processing instruction (``_sheet_data``)."""
    image = xml.translate(_CLASS) if image is None else image
    end = len(xml) if end is None else end
    if _digit_runs(image, xml, start, end):
        return True
    if not clean and _markup(xml, start, end):
        return True
    pieces = xml.count(b"<t", start, end) if _LT_T.search(xml, start, end) else 0
    colon = _COLON_TV.search(xml, start, end) is not None      # a prefixed t or v: one search for both
    references = _AMP_HASH.search(xml, start, end) is not None
    if (pieces and pieces != xml.count(b"<si>", start, end) + xml.count(b"<is>", start, end)) \
            or references or (colon and _COLON_T.search(xml, start, end)):
        # character references, prefixed names, or strings in several pieces (rich-text runs, several
        # <t>): the text of every string, markup removed and references resolved, looked at again
        texts = [html.unescape(_TAG.sub(b"", m.group(2)).decode("utf-8", "replace"))
                 for m in _STRING.finditer(xml, start, end)]
        if references:
            texts.append(html.unescape(xml[start:end].decode("utf-8", "replace")))
        if any(_pesel_length(run) for text in texts for run in _DIGITS_NOT_DECIMALS.findall(text)):
            return True
    if _V_EXPONENT.search(xml, start, end) or (colon and _COLON_V.search(xml, start, end)
                                                and _EXPONENT_VALUE.search(xml, start, end)):
        for m in _EXPONENT_VALUE.finditer(xml, start, end):    # e.g. 4.4051401359E+10, 440514013.59E2
            try:
                value = abs(float(m.group(1)))
            except (ValueError, OverflowError):
                continue
            if 1e9 <= value < 1e13:
                return True
    return False


def _sheet_data(xml: bytes) -> tuple[int, int] | None:
    """Where calamine looks for cells: from the first <sheetData> to the first </sheetData> after it
    (calamine may stop earlier, at a prefixed end tag: it then reads less); None when the sheet has
    none, an empty one, the name appears before it, or the sheet holds a comment, CDATA section,
    DOCTYPE or processing instruction (markup the byte search would take for tags; such a sheet is
    parsed as XML). Found by two reviews: a tag's bytes in a comment or an attribute value fooled
    a plain search."""
    start = xml.find(b"<sheetData>")
    end = xml.find(b"</sheetData>", start)
    # the name exactly twice: no copy of either tag hides in an attribute value or a malformed tag
    if start < 0 or end < 0 or xml.count(b"sheetData") != 2 or _markup(xml, 0, len(xml)):
        return None
    return start, end


def _markup(xml: bytes, start: int, end: int) -> bool:
    """A comment, CDATA section, DOCTYPE or processing instruction (other than the XML declaration)
    between ``start`` and ``end``. Searched by its rare second character ("!", "?": one fast pass each)."""
    for mark in (b"!", b"?"):
        i = xml.find(mark, max(start, 1), end)
        while i != -1:
            if xml[i - 1] == 60 and (mark == b"!" or i - 1 >= _declaration_end(xml)):     # "<!" or "<?"
                return True
            i = xml.find(mark, i + 1, end)
    return False


def _declaration_end(xml: bytes) -> int:
    """Where the XML declaration (<?xml …?>, the only processing instruction allowed) ends, else 0."""
    return xml.find(b"?>") + 2 if xml[:64].lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<?xml") else 0


def _canonical(xml: bytes, image: bytes | None = None, bounds: tuple[int, int] | None = None) -> bool:
    return _cell_counts(xml, image, bounds) is not None


def _cell_counts(xml: bytes, image: bytes | None = None, bounds: tuple[int, int] | None = None) -> tuple[int, int] | None:
    """Every <row> and <c> element is written as Excel, LibreOffice and our template write it:
    no namespace prefix, the ``r`` attribute first, in double quotes, a reference of one or two
    upper-case letters. Only then are the fast paths exact; any other sheet is parsed as XML
    (``_parsed_scan``). Decided by counting inside <sheetData> (calamine reads cells only there,
    and no other element inside it starts with "<c" or "<row"); ``image`` is ``xml.translate(_CLASS)``.

    ``_cell_counts``: the number of cells and of cells with a two-letter reference of a canonical
    sheet, None for any other sheet."""
    bounds = bounds or _sheet_data(xml)
    if bounds is None:
        return None
    s, e = bounds
    t = xml.translate(_CLASS) if image is None else image
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


def _far(xml: bytes, image: bytes, max_cols: int, bounds: tuple[int, int], two_letter: bool) -> bool:
    """A canonical sheet (see ``_canonical``) with a cell in a 5-digit row, or in a two-letter column
    beyond ``max_cols`` (``two_letter``: it has two-letter references), inside ``bounds`` (its
    <sheetData>): only such a sheet needs its dimensions computed exactly."""
    s, e = bounds
    if image.find(b'<c r="A11111', s, e) != -1:
        return True
    return two_letter and (image.find(b'<c r="AA11111', s, e) != -1 or _far_cell(max_cols).search(xml, s, e) is not None)


def _formulas(xml: bytes, s: int = 0, e: int | None = None) -> list[tuple[str, str]]:
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


# A shared-string cell, loosely (any quoting, blanks, prefix): a superset of what calamine resolves.
_STRING_CELL = re.compile(rb"""t\s*=\s*["']s["']""")
# The same written the usual way, with the index of its string (an exact subset of the above).
_STRING_INDEX = re.compile(rb'<c r="[A-Z]+\d+"(?: s="\d+")? t="s"(?: [a-z]+="[^"]*")*><v>(\d+)</v></c>')


def _check_text_volume(zf: zipfile.ZipFile, sheets: list[tuple[str, str]], package: Package) -> None:
    """calamine copies a shared string into every cell that uses it, and Python once more (up to 4
    bytes per character): a long text used by many cells multiplies. Refused when the text of all
    sheets' shared-string cells (``_text_bytes``) exceeds MAX_TEXT_BYTES. Typical workbooks pass on
    one multiplication (every cell of every sheet holding the longest shared string); only others
    have their sheets inflated again and their string cells counted."""
    if not package.strings:
        return
    pieces = [len(item) for item in package.strings.split(b"</si>")]    # item i and the markup before it
    longest = max(pieces)
    if 4 * longest * sum(package.cells.values()) <= MAX_TEXT_BYTES:
        return
    lengths = pieces if package.strings_parts == 1 else []
    volumes = {sheet: _text_bytes(_read_part(zf, part), lengths, longest) for sheet, part in sheets}
    if sum(volumes.values()) > MAX_TEXT_BYTES:
        sheet = max(volumes, key=volumes.get)
        raise PreflightError(Code.FILE_TOO_MUCH_TEXT, sheet=sheet, size=_spaced(sum(volumes.values()) // 2**20),
                             limit=_spaced(MAX_TEXT_BYTES // 2**20))


def _text_bytes(xml: bytes, lengths: list[int], longest: int) -> int:
    """An upper bound of the memory the shared-string cells of one sheet take once read: 4 bytes per
    byte of each cell's string (of the longest string when the cell is not written the usual way or
    the strings come in several parts)."""
    users = len(_STRING_CELL.findall(xml))
    known = [int(i) for i in _STRING_INDEX.findall(xml)] if lengths else []
    total = sum(lengths[i] if i < len(lengths) else longest for i in known)
    return 4 * (total + (users - len(known)) * longest)


def _spaced(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def _too_many(name: str, cells: int, package: Package) -> None:
    if cells > package.max_cells:
        raise PreflightError(Code.FILE_TOO_MANY_CELLS, sheet=name, cells=_spaced(cells), limit=_spaced(package.max_cells))


def _too_large(name: str, cells: list[tuple[int, int]], package: Package) -> None:
    """``cells``: (row, column) of every cell holding a value, 1-based."""
    if not cells:
        return
    max_row = max(r for r, _ in cells)
    max_col = max(c for _, c in cells)
    limit_rows, limit_cols = package.max_rows, package.max_cols
    if max_row > limit_rows or max_col > limit_cols:
        r, c = next((r, c) for r, c in cells if r > limit_rows or c > limit_cols)
        far = S.a1(r, c - 1)
        raise PreflightError(Code.FILE_DIMENSIONS, sheet=name, cell=far, ref=far, rows=max_row, cols=max_col)


def _fast_scan(name: str, xml: bytes, package: Package, is_input_sheet: bool, image: bytes | None = None) -> None:
    """A canonical sheet: a few C-speed searches, inside its <sheetData> (where calamine reads cells,
    formulas and rows), decide which (exact) regex passes are needed.

    A cell far out (beyond MAX_COLS or with a 5-digit row) sends the sheet to the full parse,
    which decides exactly whether it holds a value there."""
    image = xml.translate(_CLASS) if image is None else image
    bounds = _sheet_data(xml)
    counts = None if bounds is None else _cell_counts(xml, image, bounds)
    if counts is not None:
        _too_many(name, counts[0], package)
    if counts is None or _far(xml, image, package.max_cols, bounds, counts[1] > 0) \
            or not _fast_facts(name, xml, package, is_input_sheet, *bounds):
        return _parsed_scan(name, xml, package, is_input_sheet)


def _fast_facts(name: str, xml: bytes, package: Package, is_input_sheet: bool, s: int, e: int) -> bool:
    """Formulas, hidden rows and merged ranges of a canonical sheet by regex, when the regexes are
    exact for it; False (nothing recorded) when the sheet must be parsed instead."""
    formulas = None
    if is_input_sheet and xml.find(b"<f", s, e) != -1:
        if xml.count(b"<f", s, e) != sum(xml.count(form, s, e) for form in (b"<f>", b"<f ", b"<f/")):
            return False                      # <f\t…> or another element named f…: parse
        formulas = _formulas(xml, s, e)
    if xml.find(b"hidden", s, e) != -1:       # rare: any spelling of the attribute is parsed exactly
        return False
    merged = _fast_merges(xml)
    if merged is False:
        return False
    if formulas:
        package.formulas[name] = formulas
    if merged is not None:
        package.merged[name] = merged
    return True


def _fast_merges(xml: bytes) -> list | None | bool:
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


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


def _split_ref(ref: str | None) -> tuple[int, int] | None:
    m = _REF_TEXT.fullmatch(ref or "")
    return (int(m.group(2)), col_number(m.group(1))) if m else None


def _parsed_scan(name: str, xml: bytes, package: Package, is_input_sheet: bool) -> None:
    """Any other sheet: a streaming XML parse that places cells the way calamine does (a missing
    ``r`` means the next row or column), so no attribute order, quoting or prefix can hide a cell."""
    valued: list[tuple[int, int]] = []
    formulas: list[tuple[str, str]] = []
    hidden: set[int] = set()
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = []
    # calamine: a row without r follows the last row; a cell without r is the next column of the
    # current row (columns restart after </row>); a cell's own r decides its place.
    row, last_row, col, cell, has_value, in_cell, count = 0, 0, 0, (0, 0), False, False, 0
    for event, el in DET.iterparse(io.BytesIO(xml), events=("start", "end")):
        tag = _local(el.tag)
        if event == "start":
            if tag == "row":
                digits = _ROW_DIGITS.search(el.get("r", ""))     # calamine ignores letters in a row's r
                row = int(digits.group()) if digits else last_row + 1
                if el.get("hidden") in ("1", "true"):
                    hidden.add(row)
            elif tag == "c":
                cell = _split_ref(el.get("r")) or (row, col + 1)
                col = cell[1]
                has_value, in_cell = False, True
                count += 1
                if count > package.max_cells:         # stop parsing at once
                    _too_many(name, count, package)
            elif tag == "mergeCell":
                a, _, b = (el.get("ref") or "").partition(":")
                pa, pb = _split_ref(a), _split_ref(b or a)
                if pa and pb:
                    merged.append(((pa[0] - 1, pa[1] - 1), (pb[0] - 1, pb[1] - 1)))
            continue
        if tag in ("v", "is", "f"):
            if in_cell:                 # not the f of a data validation in extLst (x14), say
                has_value = True
                if tag == "f" and is_input_sheet:
                    formulas.append((S.a1(cell[0], cell[1] - 1), el.text or ""))
        elif tag == "c":
            in_cell = False
            if has_value:
                valued.append(cell)
        elif tag == "row":
            last_row, col = row, 0
            el.clear()
    package.cells[name] = count
    _too_large(name, valued, package)
    if formulas:
        package.formulas[name] = formulas
    if hidden:
        package.hidden_rows[name] = sorted(hidden)
    if merged:
        package.merged[name] = merged


def _scan_sheet(name: str, xml: bytes, package: Package, is_input_sheet: bool) -> None:
    image = xml.translate(_CLASS)
    bounds = _sheet_data(xml)
    counts = None if bounds is None else _cell_counts(xml, image, bounds)
    if counts is not None:
        _too_many(name, counts[0], package)
        package.cells[name] = counts[0]
    if counts is None or _far(xml, image, package.max_cols, bounds, counts[1] > 0) \
            or not _fast_facts(name, xml, package, is_input_sheet, *bounds):
        _parsed_scan(name, xml, package, is_input_sheet)
    # calamine reads values only inside <sheetData>: a PESEL elsewhere is never read
    if not package.pesel_candidates and _pesel_like(xml, image, *(bounds or (0, len(xml))), clean=bounds is not None):
        package.pesel_candidates = True


def huge_numbers(path: Path) -> list[tuple[str, str, str]]:
    """(sheet, A1 ref, value) of numbers no date can hold (Excel's last date is serial 2958465):
    calamine panics on them in date cells. Looked up only after such a panic, to name the cells."""
    out = []
    try:
        with zipfile.ZipFile(path) as zf:
            names = {i.filename for i in zf.infolist()}
            for sheet, part in _sheet_parts(zf, names).items():
                for m in _HUGE_NUMBER.finditer(_read_part(zf, part)):
                    text = m.group(2).decode()
                    if abs(float(text)) > MAX_DATE_SERIAL:
                        out.append((sheet, m.group(1).decode(), text))
    except Exception:   # the file was already read once; a second failure only loses the detail
        pass
    return out


MAX_IN_MEMORY = 32 * 1024 * 1024     # files up to this size are read once, whole


def _read_small(path: Path) -> bytes | None:
    """The file's bytes when it is small enough to hold (LSR workbooks are ~50 kB), else None."""
    try:
        if path.stat().st_size > MAX_IN_MEMORY:
            return None
        return path.read_bytes()
    except OSError as e:
        raise PreflightError(Code.FILE_NOT_FOUND, detail=os_error_text(e)) from e


def preflight(path: Path, *, max_rows: int = MAX_ROWS, max_cols: int = MAX_COLS, max_cells: int = MAX_CELLS,
              divert: str | None = None) -> Package:
    """Check the container of ``path``; raise PreflightError with a catalogue code if calamine must not see it.

    ``max_rows``/``max_cols``: the largest sheet calamine may load (rollup files are wider than LSR
    workbooks); row limits must have five digits. ``max_cells``: the most cells one sheet may hold.
    ``divert``: a sheet name that marks another kind of workbook (a rollup file); when the workbook
    lists it, only the container has been checked and ``Package.diverted`` is set (the caller
    pre-flights it again with that kind's limits)."""
    if not 10_000 <= max_rows < 100_000:
        raise ValueError("row limit must have five digits")
    blob = _read_small(path)
    _sniff(path, blob)
    try:
        with zipfile.ZipFile(io.BytesIO(blob) if blob is not None else path) as zf:
            zf.blob = blob
            _check_container(zf, blob)
            _check_entries(zf)
            names = {i.filename for i in zf.infolist()}
            package = Package(max_rows=max_rows, max_cols=max_cols, max_cells=max_cells,
                              sha256=hashlib.sha256(blob).hexdigest() if blob is not None else "")
            inputs = {sheet.name for sheet in S.INPUT_SHEETS}
            parts = _sheet_parts(zf, names, package.sheet_names)
            if divert is not None and divert in package.sheet_names:
                package.diverted = True
                return package
            # calamine finds the shared strings whatever the case of their name: every such member counts
            string_parts = sorted(n for n in names if n.lower() == SHARED_STRINGS.lower())
            package.strings = b"".join(_read_part(zf, n) for n in string_parts)
            package.strings_parts = len(string_parts)
            scanned = list(parts.items())
            for sheet, part in scanned:
                _scan_sheet(sheet, _read_part(zf, part), package, sheet in inputs)
            # calamine may resolve a sheet to another part than we do (odd relationships, duplicate
            # names): every other member holding sheet data is checked too, under its part name.
            for part in sorted(names - set(parts.values()) - set(string_parts)):
                if not part.endswith("/"):
                    data = _read_part(zf, part)
                    if b"sheetData" in data:
                        _scan_sheet(part, data, package, False)
                        scanned.append((part, part))
            _check_text_volume(zf, scanned, package)
            if not package.pesel_candidates and package.strings:
                package.pesel_candidates = _pesel_like(package.strings)
            package.strings = b""
            return package
    except PreflightError:
        raise
    except (zipfile.BadZipFile, EOFError) as e:
        raise PreflightError(Code.FILE_CORRUPT, detail="archiwum zip jest niekompletne lub uszkodzone") from e
    except (zipfile.LargeZipFile, OSError, ValueError, KeyError,
            NotImplementedError, DET.ParseError) as e:
        raise PreflightError(Code.FILE_CORRUPT, detail=_short(e)) from e
    except Exception as e:  # defusedxml refusals (entities, DTD) and anything else hostile
        raise PreflightError(Code.FILE_CORRUPT, detail=_short(e)) from e


def _short(e: Exception) -> str:
    text = str(e) or type(e).__name__
    return text[:120]
