"""The zip container of an Office Open XML file, checked before any member is read.

Member count, declared and real sizes, compression ratio (zip bombs), duplicate names, and zip
features that make Python's ``zipfile`` and calamine's zip reader see different members (a comment,
a second end record, Unicode-path fields): Excel and LibreOffice write none of them. ``read_part``
inflates one member, refusing one larger than it may be (declared sizes can lie).
"""
from __future__ import annotations

import struct
import zipfile
import zlib

from .codes import Refusal
from .limits import MAX_ENTRIES, MAX_PART_BYTES, MAX_TOTAL_BYTES, MIN_RATIO, RATIO_MIN_SIZE


def check_entries(zf: zipfile.ZipFile) -> None:
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        raise Refusal("ZIP_TOO_MANY_ENTRIES", count=len(infos), limit=f"{MAX_ENTRIES:,}".replace(",", "\u00a0"))
    seen: set[str] = set()
    for info in infos:
        if info.filename in seen:
            raise Refusal("ZIP_DUPLICATE", entry=info.filename)
        seen.add(info.filename)
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL_BYTES:
        raise Refusal("ZIP_TOO_LARGE", size=total // 2**20, limit=MAX_TOTAL_BYTES // 2**20)
    for info in infos:
        if info.file_size > RATIO_MIN_SIZE and info.compress_size < info.file_size * MIN_RATIO:
            raise Refusal("ZIP_RATIO", entry=info.filename, size=f"{info.file_size / 2**20:.1f}".replace(".", ","),
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


def check_container(zf: zipfile.ZipFile, blob: bytes | None) -> None:
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
        raise Refusal("FILE_CORRUPT", detail="nietypowa budowa archiwum zip")


def read_part(zf: zipfile.ZipFile, name: str) -> bytes:
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
        raise Refusal("ZIP_PART_TOO_LARGE", entry=name, limit=MAX_PART_BYTES // 2**20)
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

