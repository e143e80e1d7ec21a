"""Pre-flight inspection of a file before calamine parses it.

calamine allocates a dense grid for each sheet (a single value at XFD1048576 aborts the
whole process) and trusts the zip container, so the container is checked here first, from
the zip central directory and a regex pass over the sheet XML (no DOM). The same pass
collects what calamine cannot tell us: which cells hold formulas and which rows are hidden.
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from defusedxml import ElementTree as DET

from .. import spec as S
from ..reader.raw import MAX_COLS, MAX_ROWS
from .catalogue import Code

OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
MAX_ENTRIES = 1000
MAX_TOTAL_BYTES = 200 * 1024 * 1024          # declared uncompressed size of all parts
MAX_PART_BYTES = 64 * 1024 * 1024            # any single part we decompress ourselves
RATIO_MIN_SIZE = 100 * 1024                  # Apache POI: ratio checked above 100 kB ...
MIN_RATIO = 0.01                             # ... and below 1 % is a bomb
ODS_MIME = b"application/vnd.oasis.opendocument"
_ENCRYPTED_STREAMS = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))

_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_CELL_WITH_VALUE = re.compile(rb"<(?:\w+:)?c\b[^>]*?\br=\"([A-Z]{1,3})(\d{1,7})\"[^>]*>\s*<(?:\w+:)?(?:v|f|is)\b")
_FORMULA_CELL = re.compile(rb"<(?:\w+:)?c\b[^>]*?\br=\"([A-Z]{1,3}\d{1,7})\"[^>]*>\s*<(?:\w+:)?f\b[^>]*?(?:/>|>([^<]*)<)")
# Numbers no date can hold (Excel's last date is serial 2958465): calamine panics on them in date cells.
_HUGE_NUMBER = re.compile(rb"<(?:\w+:)?c\b[^>]*?\br=\"([A-Z]{1,3}\d{1,7})\"[^>]*>\s*<(?:\w+:)?v>"
                          rb"(-?\d{7,}(?:\.\d*)?(?:[eE][+-]?\d+)?|-?\d+(?:\.\d*)?[eE]\+?\d{2,})</")
MAX_DATE_SERIAL = 2958465
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)\"")
# An 11-digit run (text or a whole number) or a float in exponent form of that size.
_DIGIT_MAP = bytes(49 if 48 <= b <= 57 else 48 for b in range(256))      # digits -> b"1", the rest -> b"0"
# A number in exponent form of PESEL size (…E+10, …E9): a digit before the E, so that cell
# references such as r="E10" do not count.
_EXPONENT = re.compile(rb"\d[eE]\+?(?:0?9|10)<")
# Fast paths for the usual attribute order (r first, no namespace prefix); checked before use.
_CELL_FAST = re.compile(rb"<c r=\"([A-Z]{1,3})(\d{1,7})\"[^>]*>\s*<[vfi]")
_FORMULA_START = re.compile(rb"<f[ >/]")
_REF_ATTR = re.compile(rb"\br=\"([A-Z]{1,3}\d{1,7})\"")
SHARED_STRINGS = "xl/sharedStrings.xml"
_HIDDEN_ROW = re.compile(rb"<(?:\w+:)?row\b[^>]*?\br=\"(\d+)\"[^>]*?\bhidden=\"(?:1|true)\"")
_HIDDEN_ROW_REV = re.compile(rb"<(?:\w+:)?row\b[^>]*?\bhidden=\"(?:1|true)\"[^>]*?\br=\"(\d+)\"")


class PreflightError(Exception):
    """The file cannot be handed to calamine; ``code`` and ``params`` describe why."""

    def __init__(self, code: Code, **params):
        super().__init__(code.name)
        self.code = code
        self.params = params


@dataclass
class Package:
    """What the container told us about each sheet (by sheet name)."""

    formulas: dict[str, list[tuple[str, str]]] = field(default_factory=dict)   # (A1 ref, formula text)
    hidden_rows: dict[str, list[int]] = field(default_factory=dict)
    huge_numbers: list[tuple[str, str, str]] = field(default_factory=list)   # (sheet, A1 ref, value)
    merged: dict[str, list[tuple[tuple[int, int], tuple[int, int]]]] = field(default_factory=dict)  # 0-based
    pesel_candidates: bool = False      # some 11-digit number or text exists: worth a full PESEL scan


def col_number(letters: bytes | str) -> int:
    """Excel column letters -> 1-based column number."""
    n = 0
    for ch in letters if isinstance(letters, str) else letters.decode():
        n = n * 26 + ord(ch) - 64
    return n


def _sniff(path: Path) -> None:
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as e:
        raise PreflightError(Code.FILE_NOT_FOUND, detail=e.strerror or type(e).__name__) from e
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


def _read_part(zf: zipfile.ZipFile, name: str) -> bytes:
    """Decompress one part, refusing parts larger than they may be (declared sizes can lie)."""
    with zf.open(name) as fh:
        data = fh.read(MAX_PART_BYTES + 1)
    if len(data) > MAX_PART_BYTES:
        raise PreflightError(Code.ZIP_TOO_LARGE, size=MAX_PART_BYTES // 2**20, limit=MAX_PART_BYTES // 2**20)
    return data


def _sheet_parts(zf: zipfile.ZipFile, names: set[str]) -> dict[str, str]:
    """Sheet name -> part name inside the zip, from workbook.xml and its relationships."""
    if "xl/workbook.xml" not in names:
        if "mimetype" in names and _read_part(zf, "mimetype").startswith(ODS_MIME):
            raise PreflightError(Code.FILE_ODS)
        if "content.xml" in names:
            raise PreflightError(Code.FILE_ODS)
        raise PreflightError(Code.FILE_NOT_XLSX, detail="archiwum zip bez skoroszytu")
    book = DET.fromstring(_read_part(zf, "xl/workbook.xml"))
    rels_name = "xl/_rels/workbook.xml.rels"
    rels = DET.fromstring(_read_part(zf, rels_name)) if rels_name in names else None
    targets = {}
    for rel in (rels if rels is not None else []):
        target = rel.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
        targets[rel.get("Id")] = target
    out = {}
    for el in book.iter():
        if el.tag.endswith("}sheet") or el.tag == "sheet":
            part = targets.get(el.get(f"{_REL_NS}id"))
            if part and part in names:
                out[el.get("name", "")] = part
    return out


def _pesel_like(xml: bytes, digits: bytes | None = None) -> bool:
    """Some run of 10–11 digits (text or number) or a float of that size: worth a PESEL scan."""
    digits = xml.translate(_DIGIT_MAP) if digits is None else digits
    return _has_digit_run(digits, 10, 11) or _EXPONENT.search(xml) is not None


def _has_digit_run(digits: bytes, low: int, high: int) -> bool:
    """A run of ``low``–``high`` digits in the translated bytes (longer runs are other numbers)."""
    probe = b"1" * low
    i = digits.find(probe)
    while i != -1:
        j = i + low
        while j < len(digits) and digits[j] == 49:
            j += 1
        if j - i <= high and (i == 0 or digits[i - 1] != 49):
            return True
        i = digits.find(probe, j)
    return False


def _valued_cells(xml: bytes) -> list[tuple[bytes, bytes]]:
    if xml.count(b"<c ") == xml.count(b'<c r="'):
        return _CELL_FAST.findall(xml)
    return _CELL_WITH_VALUE.findall(xml)


def _formulas(xml: bytes) -> list[tuple[str, str]]:
    if b":f" in xml or xml.count(b"<c ") != xml.count(b'<c r="'):
        return [(m.group(1).decode(), (m.group(2) or b"").decode("utf-8", "replace")) for m in _FORMULA_CELL.finditer(xml)]
    out = []
    for m in _FORMULA_START.finditer(xml):
        start = xml.rfind(b"<c ", 0, m.start())
        ref = _REF_ATTR.search(xml, start, m.start())
        end = xml.find(b"<", m.end())
        text = xml[m.end():end] if xml[m.start() + 2:m.start() + 3] != b"/" and xml[m.end() - 1:m.end()] == b">" else b""
        if ref:
            out.append((ref.group(1).decode(), text.decode("utf-8", "replace")))
    return out


def _dimensions(name: str, xml: bytes) -> None:
    cells = _valued_cells(xml)
    if not cells:
        return
    max_row = max(map(int, {r for _, r in cells}))
    letters = max({c for c, _ in cells}, key=lambda c: (len(c), c))
    max_col = col_number(letters)
    if max_row > MAX_ROWS or max_col > MAX_COLS:
        far = next(c + r for c, r in cells if int(r) > MAX_ROWS or col_number(c) > MAX_COLS).decode()
        raise PreflightError(Code.FILE_DIMENSIONS, sheet=name, cell=far, ref=far, rows=max_row, cols=max_col)


def _scan_sheet(name: str, xml: bytes, package: Package, is_input_sheet: bool) -> None:
    _dimensions(name, xml)
    if is_input_sheet and (b"<f" in xml or b":f" in xml):
        package.formulas[name] = _formulas(xml)
    digits = xml.translate(_DIGIT_MAP)
    maybe_huge = b"1" * 7 in digits or b"E+" in xml or b"e+" in xml
    for m in _HUGE_NUMBER.finditer(xml) if maybe_huge else ():
        text = m.group(2).decode()
        if abs(float(text)) > MAX_DATE_SERIAL:
            package.huge_numbers.append((name, m.group(1).decode(), text))
    if b"hidden=" in xml:
        rows = {int(m.group(1)) for rx in (_HIDDEN_ROW, _HIDDEN_ROW_REV) for m in rx.finditer(xml)}
        package.hidden_rows[name] = sorted(rows)
    if b"mergeCell " in xml:
        package.merged[name] = [((int(r0) - 1, col_number(c0) - 1), (int(r1) - 1, col_number(c1) - 1))
                                for c0, r0, c1, r1 in _MERGE.findall(xml)]
    if not package.pesel_candidates and _pesel_like(xml, digits):
        package.pesel_candidates = True


def preflight(path: Path) -> Package:
    """Check the container of ``path``; raise PreflightError with a catalogue code if calamine must not see it."""
    _sniff(path)
    try:
        with zipfile.ZipFile(path) as zf:
            _check_entries(zf)
            names = {i.filename for i in zf.infolist()}
            package = Package()
            inputs = {sheet.name for sheet in S.INPUT_SHEETS}
            for sheet, part in _sheet_parts(zf, names).items():
                _scan_sheet(sheet, _read_part(zf, part), package, sheet in inputs)
            if not package.pesel_candidates and SHARED_STRINGS in names:
                package.pesel_candidates = _pesel_like(_read_part(zf, SHARED_STRINGS))
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
