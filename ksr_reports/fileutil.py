"""Small file helpers shared by stages."""
from __future__ import annotations

import hashlib
from pathlib import Path


def sha256_of(path: Path) -> str:
    """SHA-256 of a file's bytes (lineage, exact-duplicate detection), read in 1 MiB blocks."""
    h = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


# Office lock files ("~$x.xlsx", ".~lock.x.xlsx#") and hidden files are never inputs.
IGNORED_PREFIXES = ("~$", ".~lock", ".")


def is_input_name(name: str) -> bool:
    """A file a folder of received files holds for the program to read (any kind: a .xls or .pdf sent by
    mistake is reported, not ignored), not an office lock file or a hidden file."""
    return not name.startswith(IGNORED_PREFIXES)


def readable_name(path) -> str:
    """The file's name as it can be shown and written (UTF-8): bytes of a name that is not valid UTF-8
    (a Linux file system holding a name written in another code page, e.g. unpacked from an old zip)
    become "�". On Windows every name is readable and comes back unchanged."""
    name = Path(path).name
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def has_readable_name(path) -> bool:
    """False when the file's name cannot be written into a text or a workbook as it is."""
    return readable_name(path) == Path(path).name
