"""The sheet pre-scan as production runs it (``scan_sheet``), the text-volume check over all sheets,
and the look-up of numbers no date can hold (named after calamine panicked on one)."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from .codes import Refusal
from .container import read_part
from .exact import parsed_scan, too_many
from .fastpath import CLASS, cell_counts, far, fast_facts, sheet_data
from .limits import MAX_DATE_SERIAL, MAX_TEXT_BYTES
from .package import Package, spaced
from .parts import sheet_parts
from .pesel import pesel_like


# Numbers no date can hold (Excel's last date is serial 2958465): calamine panics on them in date cells.
_HUGE_NUMBER = re.compile(rb"<(?:\w+:)?c\b[^>]*?\br=\"([A-Z]{1,3}\d{1,7})\"[^>]*>\s*<(?:\w+:)?v>"
                          rb"(-?\d{7,}(?:\.\d*)?(?:[eE][+-]?\d+)?|-?\d+(?:\.\d*)?[eE]\+?\d{2,})</")
# A shared-string cell, loosely (any quoting, blanks, prefix): a superset of what calamine resolves.
_STRING_CELL = re.compile(rb"""t\s*=\s*["']s["']""")
# The same written the usual way, with the index of its string (an exact subset of the above).
_STRING_INDEX = re.compile(rb'<c r="[A-Z]+\d+"(?: s="\d+")? t="s"(?: [a-z]+="[^"]*")*><v>(\d+)</v></c>')


def check_text_volume(zf: zipfile.ZipFile, sheets: list[tuple[str, str]], package: Package) -> None:
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
    volumes = {sheet: _text_bytes(read_part(zf, part), lengths, longest) for sheet, part in sheets}
    if sum(volumes.values()) > MAX_TEXT_BYTES:
        sheet = max(volumes, key=volumes.get)
        raise Refusal("FILE_TOO_MUCH_TEXT", sheet=sheet, size=spaced(sum(volumes.values()) // 2**20),
                      limit=spaced(MAX_TEXT_BYTES // 2**20))


def _text_bytes(xml: bytes, lengths: list[int], longest: int) -> int:
    """An upper bound of the memory the shared-string cells of one sheet take once read: 4 bytes per
    byte of each cell's string (of the longest string when the cell is not written the usual way or
    the strings come in several parts)."""
    users = len(_STRING_CELL.findall(xml))
    known = [int(i) for i in _STRING_INDEX.findall(xml)] if lengths else []
    total = sum(lengths[i] if i < len(lengths) else longest for i in known)
    return 4 * (total + (users - len(known)) * longest)


def scan_sheet(name: str, xml: bytes, package: Package, is_input_sheet: bool, part: str = "") -> str:
    """Pre-scan one sheet (``part``: its zip member, for messages; ``is_input_sheet``: formulas matter):
    refuse it (``Refusal``) when calamine must not load it, else record its facts in ``package``.

    A canonical sheet without far-looking references takes the fast path (``fastpath``); any other
    sheet, or one the fast path cannot decide exactly, the parse (``exact.parsed_scan``). Returns
    which one decided: "fast" or "exact" (the equivalence tests check the fast path was taken)."""
    image = xml.translate(CLASS)
    bounds = sheet_data(xml)
    counts = None if bounds is None else cell_counts(xml, image, bounds)
    if counts is not None:
        too_many(name, counts[0], package)
        package.cells[name] = counts[0]
    if counts is None or far(xml, image, package.max_cols, bounds, counts[1] > 0) \
            or not fast_facts(name, xml, package, is_input_sheet, *bounds):
        parsed_scan(name, xml, package, is_input_sheet, part)
        path = "exact"
    else:
        path = "fast"
    # calamine reads values only inside <sheetData>: a PESEL elsewhere is never read
    if not package.pesel_candidates and pesel_like(xml, image, *(bounds or (0, len(xml))), clean=bounds is not None):
        package.pesel_candidates = True
    return path


def huge_numbers(path: Path) -> list[tuple[str, str, str]]:
    """(sheet, A1 ref, value) of numbers no date can hold (Excel's last date is serial 2958465):
    calamine panics on them in date cells. Looked up only after such a panic, to name the cells."""
    out = []
    try:
        with zipfile.ZipFile(path) as zf:
            names = {i.filename for i in zf.infolist()}
            for sheet, part in sheet_parts(zf, names).parts.items():
                for m in _HUGE_NUMBER.finditer(read_part(zf, part)):
                    text = m.group(2).decode()
                    if abs(float(text)) > MAX_DATE_SERIAL:
                        out.append((sheet, m.group(1).decode(), text))
    except Exception:   # the file was already read once; a second failure only loses the detail
        pass
    return out

