"""Writing the rollup workbook (xlsxwriter): summary, charts, data quality, lineage, statistics, meta.

Safety and reproducibility: the workbook never turns text into formulas or links and every
input-derived text goes through ``write_string``; the creation date is pinned to the data
date of the rollup, so the same inputs give a byte-identical file.
"""
from __future__ import annotations

import datetime as dt
import io
import json
import os
import posixpath
import re
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

import xlsxwriter

from .. import lang
from ..indicators.model import Rollup
from . import layout as Y
from .cells import Formats, Rows, Styles, canonical_number, inline, letter, lines, put_value
from .charts import write_charts_sheet
from .printing import page_setup
from .reader import stats_digest
from .summary import LEVEL_LABEL, write_summary_sheet


def _created(rollup: Rollup) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(rollup.generated_on[:10])
    except ValueError:
        return dt.datetime(2025, 1, 1)


def _name(path: str) -> str:
    """The file name of a path as written on any system (documents show names, never paths)."""
    return re.split(r"[\\/]", path or "")[-1]


def _print_title(rollup: Rollup, sheet: str) -> str:
    return f"{LEVEL_LABEL[rollup.level]} – {rollup.title}, {lang.period(rollup.period)} – {sheet.lower()}"


def _cell_text(key: str, value) -> str:
    """What a person reads for a quality or lineage value: Polish labels, file names, periods."""
    if key in LABELS:
        return LABELS[key].get(value, value) or ""
    if key in ("file", "via"):
        return _name(str(value or ""))
    if key == "period":
        return lang.period(value) if value else ""
    return str(value or "")


def _table(ws, columns, rows: list[dict], first: int, fmt: Formats) -> tuple[int, Rows]:
    """Header at row ``first`` and one row per dict (the sheet's last rows, as ``Rows``; texts are
    never formulas). Returns the next free row and the data rows."""
    for c, (_, header, width) in enumerate(columns):
        ws.write_string(first, c, header, fmt.header)
        ws.set_column(c, c, width)
    ws.set_row(first, 30)
    out = Rows(ws, fmt.styles)
    for r, row in enumerate(rows, start=first + 1):
        cells, height = [], 1
        for c, (key, _, width) in enumerate(columns):
            value = row.get(key, "")
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                cells.append(out.number(r, c, value, fmt.int))
            else:
                text = _cell_text(key, value)
                height = max(height, lines(text, width))
                cells.append(out.text(r, c, text, fmt.wrap))
        out.add(r, cells, 15 * height if height > 1 else None)
    return first + len(rows) + 2, out


LABELS = {"decision": Y.DECISIONS, "status": Y.STATUSES, "kind": Y.KINDS}


def _columns(columns, rows: list[dict]):
    """The columns without "Z zestawienia" when no row came from a rollup file (a regional run)."""
    return tuple(col for col in columns if col[0] != "via" or any(r.get("via") for r in rows))


def _completeness_block(ws, comp: dict, row: int, fmt: Formats) -> int:
    ws.write_string(row, 0, "Kompletność według rejestru oczekiwanych LSR", fmt.header)
    ws.write_string(row, 1, "Liczba LSR", fmt.header)
    items = (("Oczekiwane", comp["expected"]), ("Otrzymane", comp["received"]), ("Poprawne", comp["valid"]),
             ("Poprawne z ostrzeżeniami", comp["warnings"]), ("Z błędami (nieuwzględnione)", comp["invalid"]),
             ("Brakujące", comp["missing"]))
    for i, (label, value) in enumerate(items, start=row + 1):
        ws.write_string(i, 0, label, fmt.text)
        ws.write_number(i, 1, value, fmt.int)
    r = row + len(items) + 1
    ws.write_string(r, 0, "Wskaźnik sprawozdawczości (uwzględnione / oczekiwane)", fmt.wrap)
    put_value(ws, r, 1, comp["rate"], "share", fmt)
    r += 2
    for key, title in (("missing_units", "Brakujące LSR (brak sprawozdania)"),
                       ("invalid_units", "LSR bez poprawnego sprawozdania"),
                       ("unexpected_units", "LSR spoza rejestru (uwzględnione)")):
        if comp[key]:
            ws.write_string(r, 0, title, fmt.header)
            ws.write_string(r, 1, "Kod TERYT LSR", fmt.header)
            for i, unit in enumerate(comp[key], start=r + 1):
                ws.write_string(i, 0, (unit.get("name") or "")[:Y.MAX_TEXT], fmt.wrap)
                ws.write_string(i, 1, unit["lsr_id"], fmt.text)
            r += len(comp[key]) + 2
    return r


def _sheet_title(ws, title: str, note: str | None, last_col: int, fmt: Formats) -> None:
    """Title in row 1 and a wrapped note merged across the table's width in row 2."""
    ws.write_string(0, 0, title, fmt.title)
    if note:
        ws.merge_range(1, 0, 1, last_col, note, fmt.note)
        ws.set_row(1, 30)


def _with_outliers(quality: list[dict], outliers: list[dict]) -> list[dict]:
    """The quality rows, each counted file's row with the text of its values to explain (``Rollup.outliers``)."""
    from ..monitoring.outliers import outlier_text

    by_file: dict[tuple[str, str], list[str]] = {}
    for o in outliers:
        by_file.setdefault((o.get("lsr_id", ""), o.get("file", "")), []).append(outlier_text(o))
    return [{**q, "outliers": "\n".join(by_file.get((q.get("lsr_id", ""), q.get("file", "")), []))}
            if q.get("decision") == "counted" else q for q in quality]


def _quality_sheet(wb, rollup: Rollup, fmt: Formats) -> Rows:
    ws = wb.add_worksheet(Y.QUALITY_SHEET)
    columns = _columns(Y.QUALITY_COLUMNS, rollup.quality)
    quality = rollup.quality
    if rollup.outliers:
        quality, columns = _with_outliers(quality, rollup.outliers), columns + (Y.OUTLIERS_COLUMN,)
    _sheet_title(ws, "Jakość danych: wynik sprawdzenia i decyzja dla każdego pliku wejściowego",
                 "Pliki „odrzucone”, „pominięte – błędy” i „nieczytelne” nie wchodzą do zestawienia; "
                 "popraw je według uwag w ostatniej kolumnie i uruchom zestawienie ponownie.", len(columns) - 1, fmt)
    row = 3
    if rollup.completeness:
        row = _completeness_block(ws, rollup.completeness, row, fmt)
    counts: dict[str, int] = {}
    for q in quality:
        counts[q["decision"]] = counts.get(q["decision"], 0) + 1
    ws.write_string(row, 0, "Pliki według decyzji", fmt.header)
    ws.write_string(row, 1, "Liczba plików", fmt.header)
    for i, (decision, label) in enumerate(Y.DECISIONS.items(), start=row + 1):
        ws.write_string(i, 0, label, fmt.text)
        ws.write_number(i, 1, counts.get(decision, 0), fmt.int)
    row += len(Y.DECISIONS) + 2
    end, rows = _table(ws, columns, quality, row, fmt)
    ws.freeze_panes(row + 1, 1)
    ws.autofilter(row, 0, max(row, end - 2), len(columns) - 1)
    page_setup(ws, _print_title(rollup, Y.QUALITY_SHEET), landscape=True, header_rows=(row, row))
    return rows


def _lineage_sheet(wb, rollup: Rollup, fmt: Formats) -> Rows:
    ws = wb.add_worksheet(Y.LINEAGE_SHEET)
    columns = _columns(Y.LINEAGE_COLUMNS, rollup.lineage)
    _sheet_title(ws, "Pochodzenie danych: każdy plik wejściowy z sumą kontrolną SHA-256",
                 "Suma kontrolna pozwala sprawdzić, że zestawienie policzono z tych samych plików, które "
                 "przekazały LSR (zmiana pliku zmienia sumę).", len(columns) - 1, fmt)
    end, rows = _table(ws, columns, rollup.lineage, 3, fmt)
    ws.freeze_panes(4, 1)
    ws.autofilter(3, 0, max(3, end - 2), len(columns) - 1)
    page_setup(ws, _print_title(rollup, Y.LINEAGE_SHEET), landscape=True, header_rows=(3, 3))
    return rows


def _stats_sheet(wb, rollup: Rollup, fmt: Formats):
    """One row per counted LSR: identification, then every STAT_KEYS value (read back by load_rollup).

    A hidden, technical sheet (machine keys as headers): people read the summary. xlsxwriter writes
    the header row and, in row 2, the style probe (``Styles``); ``_put_rows`` replaces the probe
    with the data rows (~250 numbers per LSR, 820,000 cells for the whole country) after the workbook
    is closed: per cell, xlsxwriter's bookkeeping cost several times more than the XML itself."""
    ws = wb.add_worksheet(Y.STATS_SHEET)
    for c, key in enumerate(Y.STATS_HEADER):
        ws.write_string(0, c, key, fmt.header)
    fmt.styles.probe(ws, PROBE_ROW)
    ws.freeze_panes(1, 1)
    ws.hide()


PROBE_ROW = 1                                     # 0-based: where the statistics rows begin
_LETTERS = [letter(c) for c in range(len(Y.STATS_HEADER))]
_ZEROS = [0] * len(Y.STAT_KEYS)


def _stats_rows(rollup: Rollup) -> str:
    """The data rows of the statistics sheet as worksheet XML (rows 2 …; no styles)."""
    span = f"1:{len(Y.STATS_HEADER)}"
    first = len(Y.UNIT_COLUMNS)
    letters = _LETTERS[first:]
    out = []
    for r, u in enumerate(rollup.lsrs, start=2):
        ident = (u.unit_id, u.region, u.period, u.name[:Y.MAX_TEXT], u.sha256, u.source, u.filled_on, u.status)
        cells = "".join(inline(f"{_LETTERS[c]}{r}", str(text)) for c, text in enumerate(ident) if text)
        values = [v if v.__class__ is int else canonical_number(v) for v in map(u.stats.get, Y.STAT_KEYS, _ZEROS)]
        numbers = "".join([f'<c r="{col}{r}"><v>{v!r}</v></c>' for col, v in zip(letters, values)])
        out.append(f'<row r="{r}" spans="{span}">{cells}{numbers}</row>')
    return "".join(out)


_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
       "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
       "rel": "http://schemas.openxmlformats.org/package/2006/relationships"}


def _sheet_parts(src: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> package part, found as any reader finds them (workbook.xml and its relationships),
    not by the writer's part names."""
    rels = ET.fromstring(src.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels.iterfind("rel:Relationship", _NS)}
    book = ET.fromstring(src.read("xl/workbook.xml"))
    out = {}
    for sheet in book.iterfind("m:sheets/m:sheet", _NS):
        path = target[sheet.get(f"{{{_NS['r']}}}id")]
        out[sheet.get("name")] = path[1:] if path.startswith("/") else posixpath.normpath(posixpath.join("xl", path))
    return out


def _append_rows(xml: str, rows_xml: str, last_row: int, part: str) -> str:
    """Sheet ``xml`` with ``rows_xml`` appended to its data and its dimension reaching ``last_row``."""
    head, end, tail = xml.partition("</sheetData>")
    head, found = re.subn(r'(<dimension ref="A1:[A-Z]+)\d+"', rf'\g<1>{last_row}"', head, count=1)
    if not end or not found:
        raise ValueError(f"{part}: brak sekcji sheetData lub wymiaru arkusza")
    return head + rows_xml + end + tail


def _put_rows(package: bytes, rows: dict[str, tuple[str, int]], styles: Styles, probe_sheet: str,
              out: Path) -> None:
    """Write the xlsxwriter ``package`` to ``out`` with, per sheet, its rows' XML appended to the
    sheet's data (``rows``: sheet name -> (rows XML, last row number)); the style probe of
    ``probe_sheet`` gives the style numbers of the rows' placeholders and is removed."""
    with zipfile.ZipFile(io.BytesIO(package)) as src:
        parts = [(info, src.read(info)) for info in src.infolist()]
        part_of = _sheet_parts(src)
    probe_part = part_of[probe_sheet]
    probe_xml = next(data for info, data in parts if info.filename == probe_part).decode("utf-8")
    probe_xml, numbers = styles.read_probe(probe_xml, PROBE_ROW)
    by_part = {part_of[sheet]: v for sheet, v in rows.items()}
    tmp = out.with_name(out.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for info, data in parts:
            name = info.filename
            if name != probe_part and name not in by_part:
                dst.writestr(info, data)
                continue
            xml = probe_xml if name == probe_part else data.decode("utf-8")
            if name in by_part:
                rows_xml, last_row = by_part[name]
                xml = _append_rows(xml, Styles.resolve(rows_xml, numbers), last_row, name)
            dst.writestr(info, xml.encode("utf-8"), compresslevel=1)    # the bulk of the file: fast deflate
    os.replace(tmp, out)


def _meta_sheet(wb, rollup: Rollup) -> None:
    ws = wb.add_worksheet(Y.ROLLUP_META_SHEET)
    values = {"kind": Y.ROLLUP_KIND, "format_version": Y.ROLLUP_FORMAT_VERSION, "level": rollup.level,
              "period": rollup.period, "region": rollup.region or "", "generated_on": rollup.generated_on,
              "lsr_count": str(len(rollup.lsrs)), "stats_sha256": stats_digest(rollup.lsrs)}
    rows = [(k, values[k]) for k in Y.META_KEYS]
    rows += [("quality", json.dumps(q, ensure_ascii=False, sort_keys=True)) for q in rollup.quality]
    rows += [("lineage", json.dumps(x, ensure_ascii=False, sort_keys=True)) for x in rollup.lineage]
    rows += [("texts", json.dumps({"lsr_id": u.unit_id, "texts": u.texts}, ensure_ascii=False, sort_keys=True))
             for u in rollup.lsrs if u.texts]
    if rollup.completeness is not None:
        rows.append(("completeness", json.dumps(rollup.completeness, ensure_ascii=False, sort_keys=True)))
    for r, (key, value) in enumerate(rows):
        ws.write_string(r, 0, key)
        ws.write_string(r, 1, value)
    ws.hide()


def write_rollup(rollup: Rollup, out_path) -> Path:
    """Write the rollup workbook; the same rollup always gives the same bytes."""
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    package = io.BytesIO()
    wb = xlsxwriter.Workbook(package, {"strings_to_formulas": False, "strings_to_urls": False,
                                        "strings_to_numbers": False})
    title = f"{LEVEL_LABEL[rollup.level]} – {rollup.title}, {lang.period(rollup.period)}"
    wb.set_properties({"created": _created(rollup), "title": title, "author": "ksr-reports", "language": "pl-PL"})
    fmt = Formats(wb)
    units, totals = rollup.units, rollup.totals      # each is a full pass over the LSRs: compute once
    raw = [write_summary_sheet(wb, rollup, units, totals, fmt)]
    write_charts_sheet(wb, rollup, units, totals, fmt)
    raw.append(_quality_sheet(wb, rollup, fmt))
    raw.append(_lineage_sheet(wb, rollup, fmt))
    _stats_sheet(wb, rollup, fmt)
    _meta_sheet(wb, rollup)
    wb.close()
    rows = {r.sheet: ("".join(r.parts), r.last) for r in raw if r.parts}
    rows[Y.STATS_SHEET] = (_stats_rows(rollup), len(rollup.lsrs) + 1)
    _put_rows(package.getvalue(), rows, fmt.styles, Y.STATS_SHEET, out)
    return out
