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
            raise PreflightError(Code.ZIP_RATIO, entry=info.filename, size=round(info.file_size / 2**20, 1),
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


def _scan_sheet(name: str, xml: bytes, package: Package) -> None:
    max_row = max_col = 0
    last_ref = ""
    for m in _CELL_WITH_VALUE.finditer(xml):
        r, c = int(m.group(2)), col_number(m.group(1))
        if r > max_row or c > max_col:
            last_ref = (m.group(1) + m.group(2)).decode()
        max_row, max_col = max(max_row, r), max(max_col, c)
    if max_row > MAX_ROWS or max_col > MAX_COLS:
        raise PreflightError(Code.FILE_DIMENSIONS, sheet=name, cell=last_ref, ref=last_ref, rows=max_row, cols=max_col)
    if b"<f" in xml or b":f" in xml:
        package.formulas[name] = [(m.group(1).decode(), (m.group(2) or b"").decode("utf-8", "replace"))
                                  for m in _FORMULA_CELL.finditer(xml)]
    for m in _HUGE_NUMBER.finditer(xml):
        text = m.group(2).decode()
        if abs(float(text)) > MAX_DATE_SERIAL:
            package.huge_numbers.append((name, m.group(1).decode(), text))
    if b"hidden=" in xml:
        rows = {int(m.group(1)) for rx in (_HIDDEN_ROW, _HIDDEN_ROW_REV) for m in rx.finditer(xml)}
        package.hidden_rows[name] = sorted(rows)


def preflight(path: Path) -> Package:
    """Check the container of ``path``; raise PreflightError with a catalogue code if calamine must not see it."""
    _sniff(path)
    try:
        with zipfile.ZipFile(path) as zf:
            _check_entries(zf)
            names = {i.filename for i in zf.infolist()}
            package = Package()
            for sheet, part in _sheet_parts(zf, names).items():
                _scan_sheet(sheet, _read_part(zf, part), package)
            return package
    except PreflightError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, KeyError,
            NotImplementedError, DET.ParseError) as e:
        raise PreflightError(Code.FILE_CORRUPT, detail=_short(e)) from e
    except Exception as e:  # defusedxml refusals (entities, DTD) and anything else hostile
        raise PreflightError(Code.FILE_CORRUPT, detail=_short(e)) from e


def _short(e: Exception) -> str:
    text = str(e) or type(e).__name__
    return text[:120]
