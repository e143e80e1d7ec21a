"""Opening an untrusted workbook with calamine, after the pre-flight, and what its failures mean.

``open_workbook`` is the one place that hands a file to python-calamine. Its exceptions become
``Refusal``s with Polish codes (``refusal_of``); the library's own text stays in ``Refusal.debug``.
``quiet_stderr`` silences file descriptor 2 while calamine works: a Rust panic prints its trace there.
"""
from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path

from .codes import Refusal, part_where

CORRUPT_UNKNOWN = "program czytający arkusze nie rozpoznał jego zawartości"
_FATAL = (KeyboardInterrupt, SystemExit, MemoryError)


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


def refusal_of(error: BaseException) -> Refusal:
    """The ``Refusal`` for an exception calamine raised opening or reading a workbook."""
    import python_calamine as pc

    text = str(error)
    debug = f"{type(error).__name__}: {text[:300]}"
    if isinstance(error, pc.PasswordError):
        return Refusal("FILE_ENCRYPTED", debug=debug)
    if "macrosheets/" in text:
        return Refusal("FILE_MACRO_SHEET", sheet=text.rsplit("/", 1)[-1].removesuffix(".xml"), debug=debug)
    if "entity" in text:
        return Refusal("FILE_XML_ENTITIES", where="", debug=debug)
    if "Relationship" in text or "not found" in text.lower():
        return Refusal("FILE_PART_MISSING", where="", debug=debug)
    if isinstance(error, pc.ZipError) or "declared" in text or "zip" in text.lower():
        return Refusal("FILE_CORRUPT", detail="archiwum zip jest niekompletne lub uszkodzone", debug=debug)
    if isinstance(error, pc.XmlError):
        return Refusal("FILE_XML_BROKEN", where=part_where(), debug=debug)
    return Refusal("FILE_CORRUPT", detail=CORRUPT_UNKNOWN, debug=debug)


def open_workbook(path: Path):
    """``python_calamine.CalamineWorkbook`` of ``path`` (already pre-flighted), read by its content
    whatever its extension; ``Refusal`` when calamine cannot open it."""
    import python_calamine as pc

    try:
        with open(path, "rb") as fh, quiet_stderr():
            return pc.CalamineWorkbook.from_filelike(fh)
    except OSError as e:
        from .codes import os_error_text
        raise Refusal("FILE_NOT_FOUND", detail=os_error_text(e), debug=str(e)) from e
    except _FATAL:
        raise
    except BaseException as e:      # calamine errors and panics (a PanicException is a BaseException)
        raise refusal_of(e) from e


def tell_debug(path, refusal: Refusal) -> None:
    """Under ``ksr --debug`` (``KSR_DEBUG`` set, also in child processes), the library's own words."""
    if refusal.debug and os.environ.get("KSR_DEBUG"):
        print(f"[debug] {Path(path).name}: {refusal.code}: {refusal.debug}", file=sys.stderr)
