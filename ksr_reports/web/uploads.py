"""Uploaded files of the local page: safe names and an all-or-nothing save with limits.

``safe_name`` turns whatever name a browser sends into one plain file name that is safe on Windows and
Linux (Polish letters kept). ``save_uploads`` streams the form's files into a temporary folder next to the
target folder, enforcing the limits of ``Settings`` while reading (a browser's stated sizes are not
trusted), and moves them into the target only when every file was accepted: a refused upload leaves
nothing behind. Files are never opened as workbooks here – the jobs read them through the sandbox.
"""
from __future__ import annotations

import os
import re
import secrets
import shutil
import unicodedata
from pathlib import Path
from typing import Iterable

from .. import lang

MAX_NAME_CHARS = 100        # the run folder's path + this name + "_uwagi.xlsx" stays under Windows' 260
MAX_NAME_BYTES = 200        # UTF-8 bytes (file systems allow 255)
FALLBACK_STEM = "plik"
CHUNK = 1 << 16
# Windows: reserved characters (replaced); reserved device names (any case, with any extension).
RESERVED_CHARS = re.compile(r'[<>:"/\\|?*]')
RESERVED_NAMES = re.compile(r"^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])$", re.IGNORECASE)
# Unicode categories dropped: controls, format characters (bidirectional overrides, zero-width), line and
# paragraph separators, surrogates, private use, unassigned.
DROPPED_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"}


class UploadError(Exception):
    """An upload refused as a whole; the message is Polish and says what to do."""


def _base(name: str) -> str:
    """The last part of a name that may carry folders ("folder/sub/a.xlsx", "C:\\x\\a.xlsx")."""
    return re.split(r"[/\\]", name)[-1]


def _clean_chars(text: str) -> str:
    text = re.sub(r"\s+", " ", text)          # tabs and line breaks become spaces
    text = "".join(c for c in text if unicodedata.category(c) not in DROPPED_CATEGORIES)
    return RESERVED_CHARS.sub("_", unicodedata.normalize("NFC", text))


def _cap(stem: str, suffix: str) -> str:
    room_chars = MAX_NAME_CHARS - len(suffix)
    room_bytes = MAX_NAME_BYTES - len(suffix.encode("utf-8"))
    stem = stem[:room_chars]
    while len(stem.encode("utf-8")) > room_bytes:
        stem = stem[:-1]
    return stem.rstrip(" .") or FALLBACK_STEM


def safe_name(name: str) -> str:
    """A plain file name from an uploaded name: the last path part only, no control, bidirectional or
    reserved characters, no leading or trailing dots and spaces, no Windows device names (CON, NUL, …),
    at most ``MAX_NAME_CHARS`` characters with the extension kept; never empty. Polish letters stay."""
    text = _clean_chars(_base(str(name or "")))
    stem, dot, suffix = text.rpartition(".")
    if not dot or not re.fullmatch(r"[0-9A-Za-z]{1,10}", suffix):
        stem, suffix = text, ""
    stem = stem.strip(" .")
    if not stem:
        stem = FALLBACK_STEM
    if RESERVED_NAMES.match(stem.split(".")[0].rstrip(" ")):
        stem = "_" + stem
    suffix = f".{suffix}" if suffix else ""
    return _cap(stem, suffix) + suffix


def _unique(name: str, used: set[str]) -> str:
    """``name`` or "name (2).xlsx", "name (3).xlsx" … – distinct ignoring case (Windows folders ignore it)."""
    stem, suffix = os.path.splitext(name)
    candidate, n = name, 2
    while candidate.casefold() in used:
        tail = f" ({n}){suffix}"
        candidate = _cap(stem, tail) + tail
        n += 1
    used.add(candidate.casefold())
    return candidate


def _chosen(files: Iterable) -> list:
    """The files the form really carries (an empty file input sends one part without a name)."""
    return [f for f in files if f is not None and getattr(f, "filename", None)]


def _check_names(files: list, settings) -> list[str]:
    if not files:
        raise UploadError("Nie wybrano żadnego pliku. Wybierz jeden lub więcej plików .xlsx i wyślij formularz ponownie.")
    if len(files) > settings.max_files:
        raise UploadError(f"Wybrano {lang.count(len(files), 'plik', 'pliki', 'plików')}, a naraz można wysłać najwyżej "
                          f"{lang.num(settings.max_files)}. Podziel pliki na kilka części i wyślij je po kolei.")
    # Any kind of file is saved: the intake names what each one is (an .xls, .ods, PDF …) and how to fix it,
    # and the other files of the form are still checked (issue 16: one door, one reason per kind of file).
    names = [safe_name(f.filename) for f in files]
    used: set[str] = set()
    return [_unique(n, used) for n in names]


def _stream(upload, target: Path, name: str, settings, budget: list[int]) -> None:
    """Copy one upload in blocks, stopping as soon as it passes the per-file or whole-upload limit."""
    limit, written = settings.max_file_bytes, 0
    with target.open("xb") as out:
        while True:
            block = upload.stream.read(CHUNK)
            if not block:
                break
            written += len(block)
            budget[0] -= len(block)
            if written > limit:
                raise UploadError(f"Plik „{name}” jest większy niż {lang.num(settings.max_file_mb)} MB – tyle wynosi "
                                  "największy przyjmowany plik. Sprawdź, czy to właściwy plik (arkusz LSR ma zwykle "
                                  "kilkaset kilobajtów), i wyślij formularz bez niego. Żaden plik nie został zapisany.")
            if budget[0] < 0:
                raise UploadError(f"Przesłane pliki są za duże: razem można wysłać najwyżej "
                                  f"{lang.num(settings.max_request_mb)} MB. Podziel pliki na kilka części i wyślij je "
                                  "po kolei. Żaden plik nie został zapisany.")
            out.write(block)


def save_uploads(files: list, folder: Path, settings) -> list[Path]:
    """Save the form's files (werkzeug ``FileStorage``) into ``folder`` under safe, distinct names; return the
    paths in the order given. All or nothing: files are written to a temporary folder beside ``folder``
    and moved in only when every one was accepted. Raises ``UploadError`` (Polish) for no file, too many
    files or a file over the size limit (any kind of file is saved: the check names what it is)."""
    files = _chosen(files)
    names = _check_names(files, settings)
    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    temp = folder.parent / f".{folder.name}.czesciowe-{secrets.token_hex(6)}"
    temp.mkdir()
    try:
        budget = [settings.max_request_bytes]
        for upload, name in zip(files, names):
            _stream(upload, temp / name, name, settings, budget)
        if not folder.exists():
            os.replace(temp, folder)
            return [folder / n for n in names]
        used = {p.name.casefold() for p in folder.iterdir()}
        out = []
        for name in names:
            final = folder / _unique(name, used)
            os.replace(temp / name, final)
            out.append(final)
        return out
    finally:
        shutil.rmtree(temp, ignore_errors=True)
