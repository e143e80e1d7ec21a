"""``ksr archive export``: everything in the archive as one workbook people can read (and
``ksr archive import`` can read back), so the archive is never a lock-in. Layout: ``layout.py``."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import xlsxwriter

from .. import lang
from ..errors import KsrError
from ..intake.codes import os_error_text
from ..indicators import STAT_KEYS
from . import codec
from . import layout as Y
from .schema import SCHEMA_VERSION

_ORDER = {k: i for i, k in enumerate(STAT_KEYS)}

_QUERIES = {
    "Pliki": "SELECT f.name, f.sha256, f.size, r.first_at, f.kind, f.lsr_id, f.period, f.region, f.template_version, "
             "f.status, f.errors, f.warnings, f.explained, f.decision, f.note, r.fingerprint "
             "FROM files f JOIN runs r ON r.id = f.first_run ORDER BY f.period, f.name, f.sha256",
    "Sprawozdania": "SELECT s.lsr_id, s.name, s.region, s.period, s.filled_on, s.source, s.sha256, s.via, s.status, "
                    "s.template_version, s.decision, s.note, r.first_at, r.fingerprint, s.keyset, s.vals "
                    "FROM submissions s JOIN runs r ON r.id = s.first_run ORDER BY s.period, s.lsr_id, s.sha256, s.via",
    "Uwagi": "SELECT f.name, f.sha256, u.seq, u.severity, u.code, u.sheet, u.cell, u.message, u.explanation "
             "FROM findings u JOIN files f ON f.id = u.file_id ORDER BY f.name, f.sha256, u.seq",
    "Przebiegi": "SELECT fingerprint, level, period, region, inputs, counted, first_at, last_at, times FROM runs "
                 "ORDER BY first_at, fingerprint",
    "Decyzje przebiegów": "SELECT r.fingerprint, f.name, f.sha256, x.decision FROM run_files x "
                          "JOIN runs r ON r.id = x.run_id JOIN files f ON f.id = x.file_id "
                          "ORDER BY r.first_at, r.fingerprint, f.name, f.sha256",
}


def stat_columns(keysets: dict[int, tuple[str, ...]]) -> list[str]:
    """Every statistic key the archive holds: this version's keys in their order, then any others sorted."""
    keys = {k for ks in keysets.values() for k in ks}
    return sorted(keys, key=lambda k: (0, _ORDER[k], "") if k in _ORDER else (1, 0, k))


def _texts_rows(db) -> list[tuple]:
    rows = []
    for sha, via, lsr, period, texts in db.execute("SELECT sha256, via, lsr_id, period, texts FROM submissions "
                                                    "WHERE texts != '{}' ORDER BY sha256, via"):
        for kind, items in sorted(json.loads(texts).items()):
            for seq, item in enumerate(items, start=1):
                rows += [(sha, via, lsr, period, kind, seq, field, value) for field, value in item.items()]
    return rows


def _cell(ws, r: int, c: int, value, kind) -> None:
    if isinstance(kind, dict):
        ws.write_string(r, c, kind.get(value, value or ""))
    elif kind in (Y.INT, Y.OPT_INT):
        if value is not None:
            ws.write_number(r, c, value)
    elif value is not None and value != "":
        ws.write_string(r, c, str(value))


def _table(wb, table: Y.Table, rows: list, head, extra: list[str] = (), stats=None) -> None:
    """The table on one sheet or more (``layout.sheet_names``); ``stats(row)`` gives the values of ``extra``."""
    n = len(table.columns)
    for part, name in enumerate(Y.sheet_names(table, len(rows))):
        ws = wb.add_worksheet(name)
        for c, col in enumerate(table.columns):
            ws.set_column(c, c, col.width)
            ws.write_string(0, c, col.header, head)
        for c, key in enumerate(extra, start=n):
            ws.write_string(0, c, key, head)
        if extra:
            ws.set_column(n, n + len(extra) - 1, 12)
        ws.freeze_panes(1, 0)
        chunk = rows[part * Y.MAX_SHEET_ROWS:(part + 1) * Y.MAX_SHEET_ROWS]
        for r, row in enumerate(chunk, start=1):
            for c, col in enumerate(table.columns):
                _cell(ws, r, c, row[c], col.kind)
            if stats is not None:
                values = stats(row)
                for c, key in enumerate(extra, start=n):
                    if key in values:
                        ws.write_number(r, c, values[key])


def _info(wb, info: dict, exported_at: str, head) -> None:
    ws = wb.add_worksheet(Y.INFO_SHEET)
    ws.set_column(0, 0, 44)
    ws.set_column(1, 3, 16)
    ws.write_string(0, 0, "Archiwum przebiegów – eksport całej zawartości", head)
    lines = [("Data eksportu (UTC)", exported_at), ("Wersja schematu archiwum", str(info["schema_version"])),
             ("Pliki otrzymane", lang.num(info["files"])), ("Sprawozdania LSR ze statystykami", lang.num(info["submissions"])),
             ("Uwagi ze sprawdzenia plików", lang.num(info["findings"])), ("Przebiegi", lang.num(info["runs"]))]
    for r, (label, value) in enumerate(lines, start=2):
        ws.write_string(r, 0, label)
        ws.write_string(r, 1, value)
    r = len(lines) + 3
    for c, text in enumerate(("Okres", "Liczba LSR", "Sprawozdania", "Pliki")):
        ws.write_string(r, c, text, head)
    for r, p in enumerate(info["periods"], start=r + 1):
        ws.write_string(r, 0, lang.period(p["period"]) if p["period"] else "okres nieznany")
        for c, key in enumerate(("lsrs", "submissions", "files"), start=1):
            ws.write_number(r, c, p[key])
    ws.activate()


def write_export(arc, out: Path) -> Path:
    """Write the archive ``arc`` to ``out`` (.xlsx); KsrError when the file cannot be written."""
    exported_at = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    info = arc.info()
    with arc.read() as db:
        keysets = codec.keysets(db)
        tables = {name: db.execute(sql).fetchall() for name, sql in _QUERIES.items()}
        tables["Teksty"] = _texts_rows(db)
    extra = stat_columns(keysets)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        wb = xlsxwriter.Workbook(str(out), {"strings_to_formulas": False, "strings_to_urls": False,
                                            "strings_to_numbers": False, "constant_memory": True})
        wb.set_properties({"title": "Archiwum przebiegów – eksport", "created": dt.datetime(2000, 1, 1)})
        head = wb.add_format({"bold": True, "text_wrap": True, "valign": "top"})
        _info(wb, info, exported_at, head)
        for table in Y.TABLES:
            if table is Y.SUBMISSIONS:
                _table(wb, table, tables[table.sheet], head, extra,
                       lambda row: codec.decode(keysets[row[-2]], row[-1]))
            else:
                _table(wb, table, tables[table.sheet], head)
        marker = wb.add_worksheet(Y.MARKER_SHEET)
        counts = [(f"rows:{t.sheet}", str(len(tables[t.sheet]))) for t in Y.TABLES]
        for r, (k, v) in enumerate([("kind", Y.EXPORT_KIND), ("format_version", Y.EXPORT_FORMAT),
                                    ("schema_version", str(SCHEMA_VERSION)), ("exported_at", exported_at), *counts]):
            marker.write_string(r, 0, k)
            marker.write_string(r, 1, v)
        marker.hide()
        wb.close()
    except (OSError, xlsxwriter.exceptions.XlsxWriterException) as e:
        reason = os_error_text(e) if isinstance(e, OSError) else "błąd zapisu skoroszytu"
        raise KsrError(f"Nie można zapisać pliku {out} ({reason}). Sprawdź, czy plik nie "
                       "jest otwarty w innym programie i czy katalog pozwala na zapis.") from e
    return out
