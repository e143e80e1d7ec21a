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


from ..errors import KsrError
from ..intake.limits import ROLLUP
from . import layout as Y

MAX_ROWS = Y.MAX_SHEET_ROWS + 1
MAX_TEXT = 10_000
# Every number of an export is below 2**53: the export writes numbers as doubles, exact only up to there, so
# a larger one was not written by the program; and below it each fits the archive (SQLite's 64-bit INTEGER,
# ``codec.encode``'s int range), so no value of a checked export can fail when it is written.
MAX_NUMBER = 2**53

# The key of each table's rows: what the archive's schema keeps unique (schema.py: runs.fingerprint,
# files (sha256, name), submissions (sha256, via), findings (file, seq), run_files (run, file)) and, for the
# texts, one value per field of each text. Refused when repeated, with what the repeated row is.
KEYS = {
    Y.RUNS.sheet: (("fingerprint",), lambda r: f"przebieg {r['fingerprint'][:16]}…"),
    Y.FILES.sheet: (("sha256", "name"), lambda r: f"plik „{r['name'][:60]}”"),
    Y.SUBMISSIONS.sheet: (("sha256", "via"), lambda r: f"sprawozdanie LSR {r['lsr_id'][:11]} z pliku „{r['source'][:60]}”"),
    Y.FINDINGS.sheet: (("sha256", "name", "seq"), lambda r: f"uwaga nr {r['seq']} do pliku „{r['name'][:60]}”"),
    Y.TEXTS.sheet: (("sha256", "via", "kind", "seq", "field"),
                    lambda r: f"pole „{Y.TEXT_FIELDS[r['field']]}” tekstu nr {r['seq']} sprawozdania LSR {r['lsr_id'][:11]}"),
    Y.RUN_FILES.sheet: (("run", "sha256", "name"), lambda r: f"decyzja przebiegu o pliku „{r['name'][:60]}”"),
}


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


def _number(value, path, where, optional=False, integer=False):
    """A statistic (``integer=False``) or a count, size or number of a table: non-negative, below
    ``MAX_NUMBER``; integral floats become ints."""
    if optional and value in ("", None):
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
        raise _fail(path, where, f"oczekiwano nieujemnej liczby, jest „{str(value)[:40]}”.")
    if value >= MAX_NUMBER:
        shown = f"{value:.0f}" if isinstance(value, float) else str(value)
        raise _fail(path, where, f"liczba {shown[:40]} jest za duża, by mogła pochodzić z archiwum.")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if integer and not isinstance(value, int):
        raise _fail(path, where, f"oczekiwano liczby całkowitej, jest „{str(value)[:40]}”.")
    return value


def _value(value, col: Y.Column, path: Path, where: str):
    if isinstance(col.kind, dict):
        text = _text(value, path, where)
        codes = {v: k for k, v in col.kind.items()}
        if text not in codes:
            raise _fail(path, where, f"nieznana wartość „{text[:40]}”.")
        return codes[text]
    if col.kind == Y.INT:
        return _number(value, path, where, integer=True)
    if col.kind == Y.OPT_INT:
        return _number(value, path, where, optional=True, integer=True)
    return _text(value, path, where)


def _sheets(wb, table: Y.Table) -> list[str]:
    names = [table.sheet]
    while f"{table.sheet} ({len(names) + 1})" in wb.sheet_names:
        names.append(f"{table.sheet} ({len(names) + 1})")
    return [n for n in names if n in wb.sheet_names]


def _read_table(wb, table: Y.Table, path: Path, data: ExportData) -> list[tuple[str, int]]:
    """Read ``table`` into ``data``; returns where each row was, in order: (sheet, row number)."""
    rows_out: list[dict] = []
    where: list[tuple[str, int]] = []
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
            where.append((name, r))
    data.tables[table.sheet] = rows_out
    return where


def read_export(path) -> ExportData:
    """The content of an archive export; KsrError when the file is not one or does not check out."""
    from ..intake import FATAL, Limits, Refusal, open_workbook, preflight, quiet_stderr

    path = Path(path)
    try:
        package = preflight(path, limits=Limits(rows=MAX_ROWS, cols=ROLLUP.cols, cells=ROLLUP.cells),
                            marker=Y.MARKER_SHEET)
        if package.foreign:
            raise _fail(path, "", f"brak ukrytego arkusza {Y.MARKER_SHEET}.")
        wb = open_workbook(path)
    except Refusal as e:
        where = f"arkusz {e.params['sheet']}" if e.params.get("sheet") else ""
        raise _fail(path, where, e.what) from e
    data = ExportData()
    where: dict[str, list[tuple[str, int]]] = {}
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
                where[table.sheet] = _read_table(wb, table, path, data)
                if marker.get(f"rows:{table.sheet}") != str(len(data.tables[table.sheet])):
                    raise _fail(path, f"arkusz {table.sheet}", "liczba wierszy nie zgadza się z opisem eksportu "
                                "(arkusz był edytowany?).")
    except KsrError:
        raise
    except FATAL:
        raise
    except BaseException as e:  # anything calamine throws on a malformed sheet, panics included
        raise _fail(path, "", "program czytający arkusze nie rozpoznał zawartości eksportu.") from e
    finally:
        wb.close()
    _check_references(data, path, where)
    return data


def _check_references(data: ExportData, path: Path, where: dict[str, list[tuple[str, int]]]) -> None:
    """No row repeats its table's key (``KEYS``: the merge relies on it, the archive's schema enforces it),
    every file and submission names a run of the export, every finding and run decision a file of it.
    ``where``: (sheet, row number) of each row, per table (``_read_table``)."""
    t = data.tables

    def at(sheet: str, i: int) -> str:
        return "arkusz {}, wiersz {}".format(*where[sheet][i])

    for sheet, (cols, what) in KEYS.items():
        seen: dict[tuple, int] = {}
        for i, r in enumerate(t[sheet]):
            first = seen.setdefault(tuple(r[c] for c in cols), i)
            if first != i:
                name, row = where[sheet][first]
                earlier = f"w wierszu {row}" if name == where[sheet][i][0] else f"w arkuszu {name}, wierszu {row}"
                raise _fail(path, at(sheet, i), f"{what(r)} występuje drugi raz (pierwszy raz {earlier}).")
    runs = {r["fingerprint"] for r in t[Y.RUNS.sheet]}
    files = {(r["sha256"], r["name"]) for r in t[Y.FILES.sheet]}
    for table in (Y.FILES, Y.SUBMISSIONS, Y.RUN_FILES):
        for i, r in enumerate(t[table.sheet]):
            if r["run"] not in runs:
                raise _fail(path, at(table.sheet, i), "identyfikator przebiegu, którego nie ma w arkuszu "
                            f"{Y.RUNS.sheet}.")
    for table in (Y.FINDINGS, Y.RUN_FILES):
        for i, r in enumerate(t[table.sheet]):
            if (r["sha256"], r["name"]) not in files:
                raise _fail(path, at(table.sheet, i), f"plik, którego nie ma w arkuszu {Y.FILES.sheet}.")
