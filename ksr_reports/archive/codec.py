"""Statistics in the archive: one shared key list per layout + one packed value array per submission.

A submission's statistics are ~330 numbers under the same keys as every other submission of the same
program version. The key list is stored once (table ``keysets``) and the values as an array in key order.
The array is binary (little-endian): the width of the ints (4 or 8 bytes), the number of float values,
their positions and values (IEEE doubles), then every other value as an int of that width. Measured on 9,908 units (benchmarks/bench_archive.py):
decoding into dicts takes ~0.6 of the time of a JSON value array and ~0.5 of a JSON object per row, which
is what keeps ``Archive.history`` of a national report under half a second. Arrays written as JSON text
(the first version of this module) are still read.

Values round-trip exactly: ints stay ints, floats are stored bit for bit. An integral float becomes an
int, as the rollup reader does (``rollup.reader.canonical``): the same LSR read from its own workbook or
from a rollup file then archives identically.
"""
from __future__ import annotations

import json
import math
import sqlite3
import struct

_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode


def canonical(value):
    """The stored form of one statistic: integral floats as ints; bools as 0/1."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"statistic is not finite: {value!r}")
        return int(value) if value.is_integer() else value
    if isinstance(value, int):
        return value
    raise TypeError(f"statistic is not a number: {value!r}")


def encode(stats: dict) -> tuple[tuple[str, ...], bytes]:
    """(key list, packed value array) of one statistics dict."""
    values = [canonical(v) for v in stats.values()]
    floats = [i for i, v in enumerate(values) if type(v) is float]
    ints = [v for v in values if type(v) is not float]
    if len(values) > 0xFFFF or any(not -2**63 <= v < 2**63 for v in ints):
        raise ValueError("statistics out of the archive's range")
    wide = any(not -2**31 <= v < 2**31 for v in ints)
    return tuple(stats), struct.pack(f"<BH{len(floats)}H{len(floats)}d{len(ints)}{'q' if wide else 'i'}",
                                     8 if wide else 4, len(floats), *floats, *(values[i] for i in floats), *ints)


def decode(keys: tuple[str, ...], values) -> dict:
    """The statistics dict back from its key list and value array (packed, or JSON text)."""
    if isinstance(values, str):
        return dict(zip(keys, json.loads(values)))
    width, n = struct.unpack_from("<BH", values)
    positions = struct.unpack_from(f"<{n}H", values, 3)
    floats = struct.unpack_from(f"<{n}d", values, 3 + 2 * n)
    start = 3 + 10 * n
    out = list(struct.unpack_from(f"<{(len(values) - start) // width}{'q' if width == 8 else 'i'}", values, start))
    for i, v in zip(positions, floats):      # ascending positions: each lands where it was
        out.insert(i, v)
    return dict(zip(keys, out))


def keyset_id(db: sqlite3.Connection, keys: tuple[str, ...], cache: dict) -> int:
    """Id of the key list (added when new). ``cache`` lives for one transaction only: an id added in a
    transaction that is rolled back must not be reused later."""
    found = cache.get(keys)
    if found is not None:
        return found
    text = _dumps(list(keys))
    row = db.execute("SELECT id FROM keysets WHERE keys = ?", (text,)).fetchone()
    ident = row[0] if row else db.execute("INSERT INTO keysets (keys) VALUES (?)", (text,)).lastrowid
    cache[keys] = ident
    return ident


def keysets(db: sqlite3.Connection) -> dict[int, tuple[str, ...]]:
    """Every key list by id (a handful of rows: one per statistics layout ever archived)."""
    return {i: tuple(json.loads(k)) for i, k in db.execute("SELECT id, keys FROM keysets")}


def dumps(value) -> str:
    """Compact JSON (texts, fingerprints) with sorted keys, so equal content gives equal text."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
