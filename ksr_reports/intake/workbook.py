"""Opening an untrusted workbook with calamine, after the pre-flight, and what its failures mean.

``open_workbook`` is the one place that hands a file to python-calamine. Its exceptions become
``Refusal``s with Polish codes (``refusal_of``); the library's own text stays in ``Refusal.debug``.
``quiet_stderr`` silences file descriptor 2 while calamine works: a Rust panic prints its trace there.
"""
from __future__ import annotations

import os
import re
import sys
import zipfile
from contextlib import contextmanager
from pathlib import Path

from .codes import Refusal

CORRUPT_UNKNOWN = "program czytający arkusze nie rozpoznał jego zawartości"
# What reading an untrusted file must never swallow: the user stopping, the interpreter ending, memory running out.
FATAL = (KeyboardInterrupt, SystemExit, MemoryError)


@contextmanager
def quiet_stderr():
    """Silence file descriptor 2 while calamine runs: a Rust panic prints its own trace there,
    which must never reach a user (the panic itself is caught and reported)."""
    try:
        saved = os.dup(2)
    except OSError:
        yield
        return
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def refusal_of(error: BaseException, path: Path | str | None = None) -> Refusal:
    """The ``Refusal`` for an exception calamine raised opening or reading a workbook.

    With ``path`` (the file calamine failed on), a failure without a place is placed: calamine's own
    error for the file read as .xlsx replaces its "cannot detect the format" (``from_filelike``
    tries every format and keeps none of their errors); a broken or missing part is found again with
    the pre-flight's parser (``FILE_XML_BROKEN`` with the part, line and character)."""
    path = Path(path) if path is not None else None
    if path is not None and _UNDETECTED in str(error):
        error = _xlsx_error(path) or error
    refusal = _classify(error)
    if path is not None and not refusal.params.get("where") and not refusal.params.get("sheet") \
            and (refusal.code in _LOCATABLE or refusal.params.get("detail") == CORRUPT_UNKNOWN):
        refusal = _located(path, refusal)
    return refusal


_UNDETECTED = "Cannot detect file format"
# calamine's errors for XML that is not shaped as the format says (XlsxError::UnexpectedNode, XmlEof, XmlAttr,
# Xml): broken XML for a person
_XML_SHAPE = ("Expecting '", "Unexpected end of xml", "Xml attribute error", "Xml error")
_LOCATABLE = ("FILE_XML_BROKEN", "FILE_XML_ENTITIES", "FILE_PART_MISSING")
_MISSING_PART = re.compile(r"File not found '([^']{1,200})'")
SHARED_STRINGS_DETAIL = "komórki odwołują się do tekstów, których nie ma w pliku"


def _classify(error: BaseException) -> Refusal:
    """The code calamine's exception stands for (its text kept in ``debug``, never shown)."""
    import python_calamine as pc

    text = str(error)
    debug = f"{type(error).__name__}: {text[:300]}"
    if isinstance(error, pc.PasswordError):
        return Refusal("FILE_ENCRYPTED", debug=debug)
    if "macrosheets/" in text:
        macro = text.rsplit("/", 1)[-1].removesuffix(".xml")     # the part's name: the sheet's is not known here
        return Refusal("FILE_MACRO_SHEET", macro=macro, debug=debug)
    if isinstance(error, pc.XmlError):
        # quick-xml ignores a DOCTYPE: an "unrecognized entity" or an "&" not closed is broken XML unless the
        # part declares entities, which the pre-flight's parser tells (``_located``: FILE_XML_ENTITIES)
        return Refusal("FILE_XML_BROKEN", where="", debug=debug)
    if isinstance(error, pc.WorksheetNotFound):    # a sheet workbook.xml lists, without its part
        return Refusal("FILE_PART_MISSING", sheet=text[:100], where="", debug=debug)
    missing = _MISSING_PART.search(text)
    if missing:
        return Refusal("FILE_PART_MISSING", where=f" „{missing.group(1)}”", debug=debug)
    if "shared strings" in text:
        return Refusal("FILE_CORRUPT", detail=SHARED_STRINGS_DETAIL, debug=debug)
    if "Relationship" in text or "not found" in text.lower():
        return Refusal("FILE_PART_MISSING", where="", debug=debug)
    if isinstance(error, pc.ZipError) or "declared" in text or "zip" in text.lower():
        return Refusal("FILE_CORRUPT", detail="archiwum zip jest niekompletne lub uszkodzone", debug=debug)
    if text.startswith(_XML_SHAPE):
        return Refusal("FILE_XML_BROKEN", where="", debug=debug)
    return Refusal("FILE_CORRUPT", detail=CORRUPT_UNKNOWN, debug=debug)


def _xlsx_error(path: Path) -> BaseException | None:
    """calamine's own error for ``path`` read as .xlsx (the pre-flight found the parts of one)."""
    import shutil
    import tempfile

    import python_calamine as pc

    try:
        with tempfile.TemporaryDirectory() as folder, quiet_stderr():
            target = path if path.suffix.lower() == ".xlsx" else shutil.copyfile(path, Path(folder) / "kopia.xlsx")
            pc.CalamineWorkbook.from_path(str(target)).close()
    except FATAL:
        raise
    except BaseException as e:
        return e
    return None


def _located(path: Path, refusal: Refusal) -> Refusal:
    """``refusal`` with its place: the first sheet workbook.xml lists without a part (a missing part),
    or the first part calamine reads that the pre-flight's XML parser refuses; else ``refusal``."""
    from .container import read_part
    from .parts import WORKBOOK, sheet_parts
    from .xmlerrors import parsed

    try:
        with zipfile.ZipFile(path) as zf:
            names = {i.filename for i in zf.infolist()}
            sheets = sheet_parts(zf, names)      # workbook.xml and its relationships, parsed
            if refusal.code == "FILE_PART_MISSING":
                missing = [name for name in sheets.listed if name not in sheets.parts]
                if missing:
                    return Refusal("FILE_PART_MISSING", sheet=missing[0], where="", debug=refusal.debug)
                return refusal
            order = [WORKBOOK, "xl/_rels/workbook.xml.rels"] + sorted(n for n in names if n.lower() in _READ_AT_OPEN)
            for part in [*order, *sheets.parts.values()]:
                if part in names:
                    parsed(part, read_part(zf, part))
    except Refusal as found:
        if found.code in _LOCATABLE:
            found.debug = refusal.debug
            return found
    except Exception:      # the place is a courtesy: an unreadable container keeps the first answer
        pass
    return refusal


_READ_AT_OPEN = ("xl/sharedstrings.xml", "xl/styles.xml")


def open_workbook(path: Path):
    """``python_calamine.CalamineWorkbook`` of ``path`` (already pre-flighted), read by its content
    whatever its extension; ``Refusal`` when calamine cannot open it (placed, see ``refusal_of``)."""
    import python_calamine as pc

    try:
        with open(path, "rb") as fh, quiet_stderr():
            return pc.CalamineWorkbook.from_filelike(fh)
    except OSError as e:
        from .codes import os_error_text
        raise Refusal("FILE_NOT_FOUND", detail=os_error_text(e), debug=str(e)) from e
    except FATAL:
        raise
    except BaseException as e:      # calamine errors and panics (a PanicException is a BaseException)
        raise refusal_of(e, path) from e


def tell_debug(path, said: Refusal | str) -> None:
    """Under ``ksr --debug`` (``KSR_DEBUG`` set, also in child processes), the library's own words: a
    refusal's ``debug`` text, or any text for developers."""
    text = f"{said.code}: {said.debug}" if isinstance(said, Refusal) and said.debug else said
    if text and isinstance(text, str) and os.environ.get("KSR_DEBUG"):
        print(f"[debug] {Path(path).name}: {text}", file=sys.stderr)
