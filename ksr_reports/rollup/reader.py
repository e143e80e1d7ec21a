"""Reading rollup workbooks back (``load_rollup``), safely: they may come from anywhere.

A rollup file is trusted only as far as it checks out: a known zip shape (no zip bomb),
the hidden ``_rollup_meta`` sheet with kind ``KSR-ROLLUP`` and our format version, the
exact statistics header, numbers where numbers belong, and a SHA-256 of the statistics
that matches the meta sheet (so figures edited by hand are refused, not summed).
Every failure is a ``KsrError`` with a stable code of the catalogue's group "zestawienie" (``ROLLUP_*``,
docs/validation.md) and its Polish message: where (file, sheet, row, column), what, how to fix it.
"""
from __future__ import annotations

import hashlib
import json
import math
import re
from pathlib import Path
from typing import Any

import python_calamine as pc

from ..errors import KsrError
from ..intake import FATAL, ROLLUP, Refusal, open_workbook, preflight, quiet_stderr, tell_debug
from ..intake.limits import ROLLUP_STATS_ROWS
from ..indicators.model import Rollup, Unit
from ..periods import is_period
from ..spec.model import col_letter
from ..validation.catalogue import fatal, place
from . import layout as Y
from .texts import clean_texts

MAX_STATS_ROWS = ROLLUP_STATS_ROWS
MAX_META_ROWS = ROLLUP.rows
MAX_COLS = ROLLUP.cols                 # the statistics sheet has len(STATS_HEADER) columns (~330 in format 2)
assert len(Y.STATS_HEADER) < MAX_COLS
TERYT_RE = re.compile(r"^\d{7}$")
_ZEROS = [0] * len(Y.STAT_KEYS)
META_WORDS = "ukryty arkusz z opisem zestawienia"     # the meta sheet as users read of it (its name is internal)


def _sheet(name: str) -> str:
    """A sheet as a message names it: the hidden meta sheet by what it holds, any other by its name."""
    return META_WORDS if name == Y.ROLLUP_META_SHEET else f"arkusz „{name}”"


def _rows(wb: pc.CalamineWorkbook, name: str, path: Path, max_rows: int, max_cols: int) -> list[list[Any]]:
    sheet = wb.get_sheet_by_name(name)
    if sheet.total_height > max_rows or sheet.total_width > max_cols:     # the last row's and column's 0-based index
        raise fatal("ROLLUP_SIZE", place(path.name, _sheet(name)), rows=sheet.total_height + 1,
                    cols=sheet.total_width + 1)
    return sheet.to_python(skip_empty_area=False)


def _open(path: Path):
    """The rollup workbook, pre-flighted with the rollup limits (calamine allocates a dense grid per
    sheet, so a cell far out, or one hidden by odd XML, is refused before calamine loads anything)."""
    try:
        package = preflight(path, limits=ROLLUP, marker=Y.ROLLUP_META_SHEET)
        if package.foreign:
            raise fatal("ROLLUP_NOT_ROLLUP", path.name)
        return open_workbook(path)
    except Refusal as e:
        tell_debug(path, e)
        sheet = e.params.get("sheet")
        raise fatal("ROLLUP_REFUSED", place(path.name, _sheet(sheet) if sheet else ""), reason=e.what) from e


def _read_meta(wb: pc.CalamineWorkbook, path: Path) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Key–value meta rows and the JSON rows (quality, lineage, completeness) of the meta sheet."""
    if Y.ROLLUP_META_SHEET not in wb.sheet_names:
        raise fatal("ROLLUP_NOT_ROLLUP", path.name)
    meta: dict[str, str] = {}
    blobs: dict[str, list[str]] = {k: [] for k in Y.META_JSON_KEYS}
    for row in _rows(wb, Y.ROLLUP_META_SHEET, path, MAX_META_ROWS, 4):
        if len(row) < 2 or not isinstance(row[0], str):
            continue
        key, value = row[0], row[1]
        if key in blobs and isinstance(value, str):
            blobs[key].append(value)
        elif key in Y.META_KEYS:
            meta[key] = value if isinstance(value, str) else str(value)
    return meta, blobs


def is_rollup_workbook(path) -> bool:
    """True when ``path`` is a workbook written by ``ksr rollup`` (hidden meta sheet, kind KSR-ROLLUP).

    Never raises: anything unreadable, foreign or hostile is simply "not a rollup workbook"."""
    path = Path(path)
    try:
        wb = _open(path)
    except Exception:
        return False
    try:
        meta, _ = _read_meta(wb, path)
        return meta.get("kind") == Y.ROLLUP_KIND
    except FATAL:
        raise
    except BaseException:       # calamine panics included
        return False
    finally:
        wb.close()


def canonical(value):
    """Numbers as they round-trip through a workbook: integral floats become ints."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def stats_digest(units: list[Unit], keys: tuple[str, ...] = Y.STAT_KEYS, texts: bool = True) -> str:
    """SHA-256 of the per-LSR statistics in a canonical form (detects hand edits of a rollup file).

    ``keys``: the statistics columns in the file's order (a format-1 file has its own, shorter list);
    ``texts``: format 2 also covers the LSRs' texts (format 1 had none)."""
    h = hashlib.sha256()
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode
    zeros = _ZEROS if keys is Y.STAT_KEYS else [0] * len(keys)
    for u in units:
        st = u.stats
        row = [u.unit_id, u.region, u.period, u.sha256]
        row += [int(v) if isinstance(v, float) and v.is_integer() else v for v in map(st.get, keys, zeros)]
        h.update(dumps(row).encode())
        h.update(b"\n")
        if texts and u.texts:
            h.update(dumps(u.texts).encode())
            h.update(b"\n")
    return h.hexdigest()


def _number(value, where: str):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
        shown = ("PRAWDA" if value else "FAŁSZ") if isinstance(value, bool) else str(value)[:40]
        raise fatal("ROLLUP_NUMBER", where, value=shown)
    return canonical(value)


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()


def _unit(row: list[Any], r: int, period: str, path: Path, keys: tuple[str, ...]) -> Unit:
    ident = dict(zip(Y.UNIT_COLUMNS, (_text(v) for v in row[:len(Y.UNIT_COLUMNS)])))
    if not TERYT_RE.match(ident["lsr_id"]) or ident["region"] != ident["lsr_id"][:2] or ident["period"] != period:
        raise fatal("ROLLUP_IDENTITY", place(path.name, _sheet(Y.STATS_SHEET), f"wiersz {r}"),
                    lsr_id=ident["lsr_id"][:20], region=ident["region"][:5], period=ident["period"][:10])
    start = len(Y.UNIT_COLUMNS)
    values = row[start:start + len(keys)]
    values += [""] * (len(keys) - len(values))
    stats = {} if keys is Y.STAT_KEYS else dict.fromkeys(Y.STAT_KEYS, 0)   # older format: missing keys = 0
    for key, value in zip(keys, values):
        kind = type(value)
        if kind is float and 0 <= value < math.inf:            # the usual cell: a finite non-negative number
            stats[key] = int(value) if value.is_integer() else value
        elif kind is int and value >= 0:
            stats[key] = value
        else:                                                   # anything else: the located message
            column = col_letter(start + keys.index(key))
            stats[key] = _number(value, place(path.name, _sheet(Y.STATS_SHEET), f"wiersz {r}", f"kolumna {column}"))
    return Unit(ident["lsr_id"], ident["name"], "lsr", ident["region"], period, stats,
                source=ident["source_file"], sha256=ident["source_sha256"], filled_on=ident["filled_on"],
                status=ident["status"] or "valid")


def _older_keys(header: tuple[str, ...], path: Path) -> tuple[str, ...]:
    """Statistics columns of a file of an older format: unique keys this version knows (a key it no
    longer computes would be silently lost, so the file is refused instead)."""
    keys = header[len(Y.UNIT_COLUMNS):]
    while keys and not keys[-1]:
        keys = keys[:-1]
    known = set(Y.STAT_KEYS)
    if header[:len(Y.UNIT_COLUMNS)] != Y.UNIT_COLUMNS or len(set(keys)) != len(keys) \
            or not all(k in known for k in keys):
        raise fatal("ROLLUP_COLUMNS", place(path.name, _sheet(Y.STATS_SHEET), "wiersz 1"))
    return keys


def _read_units(wb: pc.CalamineWorkbook, path: Path, period: str, fmt: str) -> tuple[list[Unit], tuple[str, ...]]:
    """Units of the statistics sheet and its statistics columns (``STAT_KEYS`` in the current format)."""
    if Y.STATS_SHEET not in wb.sheet_names:
        raise fatal("ROLLUP_STATS_MISSING", path.name, sheet=Y.STATS_SHEET)
    rows = _rows(wb, Y.STATS_SHEET, path, MAX_STATS_ROWS, len(Y.STATS_HEADER) + 1)
    header = tuple(_text(v) for v in rows[0]) if rows else ()
    if fmt == Y.ROLLUP_FORMAT_VERSION:
        if header[:len(Y.STATS_HEADER)] != Y.STATS_HEADER or any(header[len(Y.STATS_HEADER):]):
            raise fatal("ROLLUP_COLUMNS", place(path.name, _sheet(Y.STATS_SHEET), "wiersz 1"))
        keys = Y.STAT_KEYS
    else:
        keys = _older_keys(header, path)
    units = [_unit(row, r, period, path, keys) for r, row in enumerate(rows[1:], start=2) if any(v != "" for v in row)]
    return units, keys


def _check_meta(meta: dict[str, str], path: Path) -> None:
    if meta.get("kind") != Y.ROLLUP_KIND:
        raise fatal("ROLLUP_KIND", path.name)
    if meta.get("format_version") not in Y.READABLE_ROLLUP_FORMATS:
        raise fatal("ROLLUP_FORMAT", path.name, version=meta.get("format_version", "")[:10],
                    readable=" i ".join(Y.READABLE_ROLLUP_FORMATS))
    if meta.get("level") not in ("region", "national") or not is_period(meta.get("period", "")):
        raise fatal("ROLLUP_LEVEL_PERIOD", path.name)


def _json_rows(blobs: list[str], path: Path) -> list:
    try:
        return [json.loads(b) for b in blobs]
    except ValueError as e:
        raise fatal("ROLLUP_META_DAMAGED", path.name) from e


def _attach_texts(units: list[Unit], rows: list) -> None:
    """The texts rows of the meta sheet (``{"lsr_id": …, "texts": {…}}``) onto their units, as written
    (the checksum covers them; ``load_rollup`` keeps only the expected shape after checking it)."""
    by_id = {u.unit_id: u for u in units}
    for row in rows:
        if isinstance(row, dict) and row.get("lsr_id") in by_id and isinstance(row.get("texts"), dict):
            by_id[row["lsr_id"]].texts = row["texts"]


def load_rollup(path) -> Rollup:
    """Read a rollup workbook back exactly (statistics round-trip losslessly); KsrError if it is not one."""
    path = Path(path)
    wb = _open(path)
    try:
        with quiet_stderr():          # a calamine crash must not print its Rust trace to the user
            meta, blobs = _read_meta(wb, path)
            _check_meta(meta, path)
            units, keys = _read_units(wb, path, meta["period"], meta["format_version"])
    except KsrError:
        raise
    except FATAL:
        raise
    except BaseException as e:  # anything calamine or a malformed sheet throws, panics included
        tell_debug(path, f"{type(e).__name__}: {e}")      # ksr --debug: the library's own words (never in the message)
        raise fatal("ROLLUP_UNREADABLE", path.name) from e
    finally:
        wb.close()
    current = meta["format_version"] == Y.ROLLUP_FORMAT_VERSION
    if current:
        _attach_texts(units, _json_rows(blobs["texts"], path))
    if meta.get("lsr_count") != str(len(units)) or meta.get("stats_sha256") != stats_digest(units, keys, current):
        raise fatal("ROLLUP_CHECKSUM", place(path.name, _sheet(Y.STATS_SHEET)))
    for u in units:
        u.texts = clean_texts(u.texts)
    completeness = _json_rows(blobs["completeness"], path)
    return Rollup(level=meta["level"], period=meta["period"], region=meta.get("region") or None, lsrs=units,
                  quality=_json_rows(blobs["quality"], path), completeness=completeness[0] if completeness else None,
                  lineage=_json_rows(blobs["lineage"], path), generated_on=meta.get("generated_on", ""))
