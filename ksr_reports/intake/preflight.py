"""The pre-flight: everything checked about an untrusted file before calamine may see it.

In order: the kind of file from its first bytes (``kinds.sniff``); the zip container (``container``);
the sheets workbook.xml lists (``parts``): a workbook without the sheet that marks the kind the
caller expects (``marker``) is ``Package.foreign`` and nothing more is read – its sheets would never
be loaded – and one listing ``divert`` (a rollup file among LSR workbooks) is ``Package.diverted``;
then every member holding sheet data (``prescan.scan_sheet``), the shared strings and the text volume
they would take once read. Any failure is a ``Refusal`` with a file-level code; a failure nobody
foresaw is ``FILE_CORRUPT`` with a Polish detail, the library's text kept for ``--debug``.
"""
from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

from .. import spec as S
from .codes import Refusal, os_error_text
from .container import check_container, check_entries, read_part
from .kinds import HEAD_BYTES, sniff
from .limits import LSR, MAX_IN_MEMORY, Limits
from .package import Package
from .parts import sheet_parts
from .pesel import pesel_like
from .prescan import check_text_volume, scan_sheet

SHARED_STRINGS = "xl/sharedStrings.xml"
BROKEN_ZIP = "archiwum zip jest niekompletne lub uszkodzone"


def _read(path: Path) -> tuple[bytes | None, bytes]:
    """The file's bytes when it is small enough to hold (LSR workbooks are ~50 kB), else None; and
    its first bytes."""
    try:
        if path.stat().st_size > MAX_IN_MEMORY:
            with path.open("rb") as fh:
                return None, fh.read(HEAD_BYTES)
        blob = path.read_bytes()
        return blob, blob[:HEAD_BYTES]
    except OSError as e:
        raise Refusal("FILE_NOT_FOUND", detail=os_error_text(e), debug=str(e)) from e


def preflight(path: Path, *, limits: Limits = LSR, marker: str | None = None, divert: str | None = None) -> Package:
    """Check ``path``; raise ``Refusal`` if calamine must not see it, else return what was learnt.

    ``limits``: the largest sheet of the kind of workbook expected. ``marker``: a sheet every workbook
    of that kind has (the LSR template's hidden metadata sheet); without it the workbook is
    ``foreign``. ``divert``: a sheet that marks another kind (a rollup file); then only the container
    has been checked and ``diverted`` is set (the caller pre-flights it again with that kind's limits)."""
    path = Path(path)
    blob, head = _read(path)
    sniff(path, head)
    try:
        with zipfile.ZipFile(io.BytesIO(blob) if blob is not None else path) as zf:
            zf.blob = blob
            check_container(zf, blob)
            check_entries(zf)
            return _scan(zf, blob, limits, marker, divert)
    except Refusal:
        raise
    except (zipfile.BadZipFile, EOFError) as e:
        raise Refusal("FILE_CORRUPT", detail=BROKEN_ZIP, debug=str(e)) from e
    except Exception as e:   # anything else hostile (a bug in a check is also a refused file, never a crash)
        raise Refusal("FILE_CORRUPT", detail="nietypowa budowa pliku", debug=f"{type(e).__name__}: {e}") from e


def _scan(zf: zipfile.ZipFile, blob: bytes | None, limits: Limits, marker: str | None, divert: str | None) -> Package:
    names = {i.filename for i in zf.infolist()}
    package = Package(limits=limits, sha256=hashlib.sha256(blob).hexdigest() if blob is not None else "")
    sheets = sheet_parts(zf, names)
    package.sheet_names = list(sheets.listed)
    if divert is not None and divert in package.sheet_names:
        package.diverted = True
        return package
    if marker is not None and marker not in package.sheet_names:
        package.foreign = True
        return package
    if sheets.macro:
        raise Refusal("FILE_MACRO_SHEET", sheet=sheets.macro[0], macro=sheets.macro[0])
    inputs = {sheet.name for sheet in S.INPUT_SHEETS}
    # calamine finds the shared strings whatever the case of their name: every such member counts
    string_parts = sorted(n for n in names if n.lower() == SHARED_STRINGS.lower())
    package.strings = b"".join(read_part(zf, n) for n in string_parts)
    package.strings_parts = len(string_parts)
    scanned = list(sheets.parts.items())
    for sheet, part in scanned:
        scan_sheet(sheet, read_part(zf, part), package, sheet in inputs, part)
    # calamine may resolve a sheet to another part than we do (odd relationships, duplicate
    # names): every other member holding sheet data is checked too, under its part name.
    # A member named like a folder ("…/") counts too: calamine matches targets without regard to case (review).
    for part in sorted(names - set(sheets.parts.values()) - set(string_parts)):
        data = read_part(zf, part)
        if b"sheetData" in data:
            scan_sheet(part, data, package, False, part)
            scanned.append((part, part))
    check_text_volume(zf, scanned, package)
    if not package.pesel_candidates and package.strings:
        package.pesel_candidates = pesel_like(package.strings)
    package.strings = b""
    return package
