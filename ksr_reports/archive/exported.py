"""Reading an archive export back (``ksr archive import``), safely: the file may come from anywhere.

Called in a child process (``importer.examine_for_import``). The pre-flight checks the container and
every sheet with the rollup reader's limits before calamine sees anything; then the hidden marker, the
exact Polish headers of each sheet, the row counts the marker states, and every value's type. Any
failure is a KsrError with a Polish message saying where.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import python_calamine as pc

from ..errors import KsrError
from ..rollup.reader import MAX_CELLS, MAX_COLS
from . import layout as Y

MAX_ROWS = Y.MAX_SHEET_ROWS + 1
MAX_TEXT = 10_000


@dataclass
class ExportData:
    """The tables of an export: sheet name -> rows as dicts (codes, not Polish words); ``stats`` holds the
    statistics of each submission row, in the same order as ``tables["Sprawozdania"]``."""
    schema_version: str = ""
    tables: dict[str, list[dict]] = field(default_factory=dict)
    stats: list[dict] = field(default_factory=list)


def _fail(path: Path, where: str, what: str) -> KsrError:
    return KsrError(f"{path.name}{', ' + where if where else ''}: {what} Plik nie jest eksportem archiwum w postaci "
                    "zapisanej przez program; wykonaj eksport ponownie.")


def _text(value, path, where) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if value is None:
        return ""
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        text = str(value)
        if len(text) <= MAX_TEXT:
            return text
    raise _fail(path, where, "nieoczekiwana wartość.")


def _number(value, path, where, optional=False):
    if optional and value in ("", None):
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
        raise _fail(path, where, f"oczekiwano nieujemnej liczby, jest „{str(value)[:40]}”.")
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _value(value, col: Y.Column, path: Path, where: str):
    if isinstance(col.kind, dict):
        text = _text(value, path, where)
        codes = {v: k for k, v in col.kind.items()}
        if text not in codes:
            raise _fail(path, where, f"nieznana wartość „{text[:40]}”.")
        return codes[text]
    if col.kind == Y.INT:
        return _number(value, path, where)
    if col.kind == Y.OPT_INT:
        return _number(value, path, where, optional=True)
    return _text(value, path, where)


def _sheets(wb, table: Y.Table) -> list[str]:
    names = [table.sheet]
    while f"{table.sheet} ({len(names) + 1})" in wb.sheet_names:
        names.append(f"{table.sheet} ({len(names) + 1})")
    return [n for n in names if n in wb.sheet_names]


def _read_table(wb, table: Y.Table, path: Path, data: ExportData) -> None:
    rows_out: list[dict] = []
    names = _sheets(wb, table)
    if not names:
        raise _fail(path, "", f"brak arkusza „{table.sheet}”.")
    n = len(table.columns)
    for name in names:
        rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        header = [_text(v, path, f"arkusz {name}, wiersz 1") for v in (rows[0] if rows else [])]
        while header and not header[-1]:
            header.pop()
        if tuple(header[:n]) != table.headers:
            raise _fail(path, f"arkusz {name}, wiersz 1", "układ kolumn inny niż w eksporcie archiwum.")
        extra = header[n:]
        if table is not Y.SUBMISSIONS and extra:
            raise _fail(path, f"arkusz {name}, wiersz 1", "nadmiarowe kolumny.")
        if len(set(extra)) != len(extra) or not all(Y.STAT_KEY_RE.match(k) and len(k) < 100 for k in extra):
            raise _fail(path, f"arkusz {name}, wiersz 1", "niepoprawne nazwy kolumn statystyk.")
        for r, row in enumerate(rows[1:], start=2):
            if not any(v not in ("", None) for v in row):
                continue
            row = list(row) + [""] * (n + len(extra) - len(row))
            rows_out.append({c.key: _value(row[i], c, path, f"arkusz {name}, wiersz {r}, kolumna {c.header}")
                             for i, c in enumerate(table.columns)})
            if table is Y.SUBMISSIONS:
                data.stats.append({k: _number(v, path, f"arkusz {name}, wiersz {r}, kolumna {k}")
                                   for k, v in zip(extra, row[n:]) if v not in ("", None)})
    data.tables[table.sheet] = rows_out


def read_export(path) -> ExportData:
    """The content of an archive export; KsrError when the file is not one or does not check out."""
    from ..validation.engine import quiet_stderr
    from ..validation.preflight import PreflightError, preflight

    path = Path(path)
    try:
        preflight(path, max_rows=MAX_ROWS, max_cols=MAX_COLS, max_cells=MAX_CELLS)
    except PreflightError as e:
        where = f"arkusz {e.params['sheet']}" if e.params.get("sheet") else ""
        raise _fail(path, where, e.what) from e
    try:
        wb = pc.CalamineWorkbook.from_path(str(path))
    except Exception as e:  # calamine raises several types for corrupt or encrypted input
        raise _fail(path, "", f"nie można otworzyć skoroszytu ({type(e).__name__}).") from e
    data = ExportData()
    try:
        with quiet_stderr():
            if Y.MARKER_SHEET not in wb.sheet_names:
                raise _fail(path, "", f"brak ukrytego arkusza {Y.MARKER_SHEET}.")
            marker = {}
            for row in wb.get_sheet_by_name(Y.MARKER_SHEET).to_python(skip_empty_area=False):
                if len(row) >= 2 and isinstance(row[0], str) and isinstance(row[1], str):
                    marker[row[0]] = row[1]
            if marker.get("kind") != Y.EXPORT_KIND or marker.get("format_version") != Y.EXPORT_FORMAT:
                raise _fail(path, f"arkusz {Y.MARKER_SHEET}", "nieznany rodzaj lub wersja eksportu.")
            data.schema_version = marker.get("schema_version", "")
            for table in Y.TABLES:
                _read_table(wb, table, path, data)
                if marker.get(f"rows:{table.sheet}") != str(len(data.tables[table.sheet])):
                    raise _fail(path, f"arkusz {table.sheet}", "liczba wierszy nie zgadza się z opisem eksportu "
                                "(arkusz był edytowany?).")
    except KsrError:
        raise
    except (KeyboardInterrupt, SystemExit, MemoryError):
        raise
    except BaseException as e:  # anything calamine throws on a malformed sheet, panics included
        raise _fail(path, "", f"nie można odczytać eksportu ({type(e).__name__}).") from e
    finally:
        wb.close()
    _check_references(data, path)
    return data


def _check_references(data: ExportData, path: Path) -> None:
    """Every file and submission names a run of the export, every finding and run decision a file of it,
    and no file, submission or run appears twice (the merge relies on it)."""
    t = data.tables
    runs = [r["fingerprint"] for r in t[Y.RUNS.sheet]]
    files = [(r["sha256"], r["name"]) for r in t[Y.FILES.sheet]]
    subs = [(r["sha256"], r["via"]) for r in t[Y.SUBMISSIONS.sheet]]
    if len(set(runs)) != len(runs) or len(set(files)) != len(files) or len(set(subs)) != len(subs):
        raise _fail(path, "", "powtórzone wiersze przebiegów, plików lub sprawozdań.")
    runs_set, files_set = set(runs), set(files)
    for table in (Y.FILES, Y.SUBMISSIONS, Y.RUN_FILES):
        if any(r["run"] not in runs_set for r in t[table.sheet]):
            raise _fail(path, f"arkusz {table.sheet}", "identyfikator przebiegu, którego nie ma w arkuszu "
                        f"{Y.RUNS.sheet}.")
    for table in (Y.FINDINGS, Y.RUN_FILES):
        if any((r["sha256"], r["name"]) not in files_set for r in t[table.sheet]):
            raise _fail(path, f"arkusz {table.sheet}", f"plik, którego nie ma w arkuszu {Y.FILES.sheet}.")
