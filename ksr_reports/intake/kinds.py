"""What kind of file this is, from its bytes (never its name): the specific reason a file that is
not an Office Open XML workbook is refused, and the note for a workbook under another extension.

Looked at in order: nothing at all; an OLE2 compound file (Excel 97–2003, or an encrypted Office
file, which is an OLE2 container too); a raw BIFF2–4 stream (Excel 2–4); a zip (the container is
checked next; ``zip_kind`` names a zip without ``xl/workbook.xml``); otherwise the signature of a
binary format people send instead (an image, a PDF, an archive), or the first bytes of a text (UTF-16
text, Excel's "Unicode text", decoded first). Text formats are told apart by their first line (SYLK ``ID;``, DIF
``TABLE``, SpreadsheetML and flat OpenDocument by their XML namespace, HTML by its tags) or, for
CSV, by a separator repeated the same number of times on the first lines.
"""
from __future__ import annotations

import re
from pathlib import Path

from .codes import Refusal
from .container import read_part

OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
HEAD_BYTES = 4096
_ENCRYPTED_STREAMS = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))
_BIFF_BOF = (b"\x09\x00", b"\x09\x02", b"\x09\x04", b"\x09\x08")      # BOF record of BIFF2, 3, 4 (and 5–8 streams)
ODS_MIME = b"application/vnd.oasis.opendocument"
# Signatures of files people send instead of a workbook, named in the message (checked before the zero-byte
# test of binary data: a PDF's first bytes may all be text).
_BINARY = ((b"\x89PNG", "obraz PNG"), (b"\xff\xd8\xff", "obraz JPEG"), (b"GIF8", "obraz GIF"),
           (b"%PDF-", "dokument PDF"), (b"\x1f\x8b", "archiwum gzip"), (b"Rar!", "archiwum RAR"), (b"7z\xbc\xaf", "archiwum 7-Zip"))
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")      # Excel's "Unicode text" (.txt, tab-separated) is UTF-16
_HTML = re.compile(rb"<(?:!doctype\s+html|html|table|head|body)\b", re.I)
_SPREADSHEETML = (b"urn:schemas-microsoft-com:office:spreadsheet", b'progid="Excel.Sheet"')
_OPENDOCUMENT = b"urn:oasis:names:tc:opendocument:xmlns:office"
_SEPARATORS = ((";", "średnikami"), ("\t", "tabulatorami"), (",", "przecinkami"), ("|", "pionowymi kreskami"))

# Extensions under which a real .xlsx may arrive, named for the note that goes with it (FILE_EXTENSION).
EXTENSION_KINDS = {".xlsm": "skoroszyt z makrami", ".xltx": "szablon Excela", ".xltm": "szablon Excela z makrami",
                   ".xls": "jak pliki starego formatu Excel 97–2003"}


def sniff(path: Path, head: bytes) -> None:
    """Refuse ``path`` unless its first bytes (``head``, at least ``HEAD_BYTES`` of them when the file
    has as many) start a zip: each other kind with its own code."""
    if not head:
        raise Refusal("FILE_EMPTY")
    if head[:8] == OLE2_MAGIC:
        with path.open("rb") as fh:
            data = fh.read(4 * 1024 * 1024)
        if any(s in data for s in _ENCRYPTED_STREAMS):
            raise Refusal("FILE_ENCRYPTED")
        raise Refusal("FILE_XLS")
    if head[:4] in ZIP_MAGICS:
        return
    if head[:2] in _BIFF_BOF and len(head) >= 4 and head[2] in (4, 6, 8, 16) and head[3] == 0:
        raise Refusal("FILE_XLS")
    named = next((name for magic, name in _BINARY if head.startswith(magic)), None)
    if named:
        raise Refusal("FILE_NOT_XLSX", detail=named)
    cut = len(head) >= HEAD_BYTES         # the file goes on: the head's last line may be incomplete
    if head.startswith(_UTF16_BOMS):
        _text_kind(head.decode("utf-16", "replace").encode("utf-8"), cut)
    if b"\x00" in head[:512]:
        raise Refusal("FILE_NOT_XLSX", detail="dane binarne innego rodzaju")
    _text_kind(head, cut)


def _text_kind(head: bytes, cut: bool) -> None:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(b"ID;"):
        raise Refusal("FILE_SYLK")
    if re.match(rb"TABLE\r?\n0,1\r?\n", text):
        raise Refusal("FILE_DIF")
    if text.startswith(b"<"):
        if any(mark in head for mark in _SPREADSHEETML):
            raise Refusal("FILE_SPREADSHEETML")
        if _OPENDOCUMENT in head:
            raise Refusal("FILE_ODS", form="płaski plik XML .fods")
        if _HTML.search(head):
            raise Refusal("FILE_HTML")
        raise Refusal("FILE_NOT_XLSX", detail="dokument XML innego rodzaju")
    if _HTML.search(head[:1024]):
        raise Refusal("FILE_HTML")
    separator = _csv_separator(head, cut)
    if separator:
        raise Refusal("FILE_CSV", separator=separator)
    raise Refusal("FILE_TEXT")


def _csv_separator(head: bytes, cut: bool) -> str | None:
    """The separator of a CSV file: the same number (at least one) of it on each of the first
    complete lines (at least two; the last one is left out when the head was ``cut``), else None."""
    lines = head.decode("utf-8", "replace").splitlines()
    lines = (lines[:-1] if cut else lines)[:10]
    lines = [line for line in lines if line.strip()]
    if len(lines) < 2:
        return None
    for sep, name in _SEPARATORS:
        counts = {line.count(sep) for line in lines}
        if len(counts) == 1 and counts.pop() > 0:
            return name
    return None


def zip_kind(zf, names: set[str]) -> Refusal:
    """Why a zip without ``xl/workbook.xml`` is not a workbook this program reads."""
    if any(n.replace("\\", "/").lower().endswith("workbook.bin") for n in names):
        return Refusal("FILE_XLSB")
    if ("mimetype" in names and read_part(zf, "mimetype").startswith(ODS_MIME)) or "content.xml" in names:
        return Refusal("FILE_ODS", form=".ods")
    if any(n.startswith("Index/") and n.endswith(".iwa") for n in names) \
            or any(n.endswith(".numbers/Index.zip") or n == "Index.zip" for n in names):
        return Refusal("FILE_NUMBERS")
    if "word/document.xml" in names:
        return Refusal("FILE_NOT_XLSX", detail="dokument programu Word (.docx)")
    if "ppt/presentation.xml" in names:
        return Refusal("FILE_NOT_XLSX", detail="prezentację programu PowerPoint (.pptx)")
    if not names:
        return Refusal("FILE_NOT_XLSX", detail="puste archiwum zip")
    if any(n.replace("\\", "/").lower().endswith("workbook.xml") for n in names):
        return Refusal("FILE_LAYOUT")
    inner = sorted(n for n in names if n.lower().endswith((".xlsx", ".xlsm", ".xls", ".ods")))
    if inner:
        return Refusal("FILE_NOT_XLSX", detail=f"archiwum zip, a w nim plik „{inner[0].rsplit('/', 1)[-1]}”")
    return Refusal("FILE_NOT_XLSX", detail="archiwum zip bez skoroszytu (np. spakowane pliki)")


def extension_note(path: Path) -> tuple[str, str] | None:
    """(how the name ends, what that stands for) when a workbook read as .xlsx carries another extension."""
    ext = path.suffix.lower()
    if ext == ".xlsx":
        return None
    if not ext:
        return "nazwę bez rozszerzenia", "system nie rozpozna w nim skoroszytu"
    return f"rozszerzenie {ext}", EXTENSION_KINDS.get(ext, "jak pliki innego rodzaju")
