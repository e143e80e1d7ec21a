"""Writing the rollup workbook (xlsxwriter): summary, charts, data quality, lineage, statistics, meta.

Safety and reproducibility: the workbook never turns text into formulas or links and every
input-derived text goes through ``write_string``; the creation date is pinned to the data
date of the rollup, so the same inputs give a byte-identical file.
"""
from __future__ import annotations

import datetime as dt
import io
import json
import math
import os
import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import xlsxwriter

from ..indicators import DERIVED, derive
from ..indicators.model import Rollup
from ..spec import col_letter
from . import layout as Y
from .charts import write_charts_sheet
from .reader import stats_digest

PERIOD_LABEL = {"region": "Zestawienie regionalne (RSR)", "national": "Zestawienie krajowe (KSR)"}


def _created(rollup: Rollup) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(rollup.generated_on[:10])
    except ValueError:
        return dt.datetime(2025, 1, 1)


class Formats:
    def __init__(self, wb: xlsxwriter.Workbook):
        add = wb.add_format
        self.title = add({"bold": True, "font_size": 14, "font_color": "#1F3864"})
        self.note = add({"italic": True, "font_color": "#404040"})
        self.header = add({"bold": True, "bg_color": "#D9E2F3", "border": 1, "text_wrap": True, "valign": "top"})
        self.text = add({"border": 1, "border_color": "#BFBFBF", "valign": "top"})
        self.wrap = add({"border": 1, "border_color": "#BFBFBF", "text_wrap": True, "valign": "top"})
        self.int = add({"border": 1, "border_color": "#BFBFBF", "num_format": "#,##0"})
        self.dec = add({"border": 1, "border_color": "#BFBFBF", "num_format": "#,##0.00"})
        self.pct = add({"border": 1, "border_color": "#BFBFBF", "num_format": "0.0%"})
        self.total_text = add({"bold": True, "border": 1, "bg_color": "#E2EFDA"})
        self.total_int = add({"bold": True, "border": 1, "bg_color": "#E2EFDA", "num_format": "#,##0"})
        self.total_dec = add({"bold": True, "border": 1, "bg_color": "#E2EFDA", "num_format": "#,##0.00"})
        self.total_pct = add({"bold": True, "border": 1, "bg_color": "#E2EFDA", "num_format": "0.0%"})

    def for_value(self, value, kind: str, total: bool = False):
        if kind == "share":
            return self.total_pct if total else self.pct
        if isinstance(value, float) and not value.is_integer() or kind == "number":
            return self.total_dec if total else self.dec
        return self.total_int if total else self.int


def _put_value(ws, r: int, c: int, value, kind: str, fmt: Formats, total: bool = False) -> None:
    """A number, or "–" where a ratio has no denominator."""
    if value is None:
        ws.write_string(r, c, "–", fmt.total_text if total else fmt.text)
    else:
        ws.write_number(r, c, value, fmt.for_value(value, kind, total))


class _Rows:
    """Data rows of one sheet, kept as worksheet XML and put into the sheet after xlsxwriter has
    closed the workbook (``_put_rows``): per cell, xlsxwriter's bookkeeping costs ten times more
    than the XML. They must be the sheet's last rows. Texts are inline strings (``_inline``);
    styles are the xlsxwriter formats' own indexes."""

    def __init__(self, ws) -> None:
        self.ws, self.parts, self.last = ws, [], 0

    def add(self, r: int, cells: list[str]) -> None:
        """Row ``r`` (0-based, as xlsxwriter counts) made of ``text``/``number`` cells."""
        self.parts.append(f'<row r="{r + 1}">{"".join(cells)}</row>')
        self.last = r + 1

    @staticmethod
    def text(r: int, c: int, text: str, style) -> str:
        ref = f"{_LETTERS[c]}{r + 1}"
        if not text:
            return f'<c r="{ref}" s="{style.xf_index or style._get_xf_index()}"/>'
        return _inline(ref, text, style.xf_index or style._get_xf_index())

    @staticmethod
    def number(r: int, c: int, value, style) -> str:
        if value.__class__ is not int:
            value = _canonical_number(value)
        return f'<c r="{_LETTERS[c]}{r + 1}" s="{style.xf_index or style._get_xf_index()}"><v>{value!r}</v></c>'

    def value(self, r: int, c: int, value, kind: str, fmt: Formats, total: bool = False) -> str:
        """A number, or "–" where a ratio has no denominator (as ``_put_value``)."""
        if value is None:
            return self.text(r, c, "–", fmt.total_text if total else fmt.text)
        return self.number(r, c, value, fmt.for_value(value, kind, total))


def _summary_row(rows: _Rows, r: int, code: str, name: str, stats: dict, fmt: Formats, total: bool = False) -> None:
    style = fmt.total_text if total else fmt.text
    cells = [rows.text(r, 0, code, style), rows.text(r, 1, name, style)]
    c = 2
    for key, _ in Y.SUMMARY_COUNTS:
        cells.append(rows.value(r, c, stats.get(key, 0), "count", fmt, total))
        c += 1
    derived = derive(stats)
    for key, (_, kind) in DERIVED.items():
        cells.append(rows.value(r, c, derived[key], kind, fmt, total))
        c += 1
    rows.add(r, cells)


def _summary_sheet(wb, rollup: Rollup, units, totals: dict, fmt: Formats) -> _Rows:
    ws = wb.add_worksheet(Y.SUMMARY_SHEET)
    ws.write_string(0, 0, f"{PERIOD_LABEL[rollup.level]} – {rollup.title}, okres {rollup.period}", fmt.title)
    ws.write_string(1, 0, f"Stan danych na {rollup.generated_on or '–'} (najpóźniejsza data wypełnienia "
                          f"uwzględnionych sprawozdań). Uwzględniono LSR: {len(rollup.lsrs)}. Wiersz „Razem” "
                          "policzono z sum statystyk, nie jako średnią wskaźników.", fmt.note)
    unit_label = "Kod TERYT LSR" if rollup.level == "region" else "Kod województwa"
    headers = [unit_label, "Nazwa"] + [label for _, label in Y.SUMMARY_COUNTS] + [label for label, _ in DERIVED.values()]
    for c, label in enumerate(headers):
        ws.write_string(3, c, label, fmt.header)
    ws.set_row(3, 75)
    ws.set_column(0, 0, 14)
    ws.set_column(1, 1, 44)
    ws.set_column(2, len(headers) - 1, 13)
    rows = _Rows(ws)
    for r, unit in enumerate(units, start=4):
        _summary_row(rows, r, unit.unit_id, unit.name[:Y.MAX_TEXT], unit.stats, fmt)
    last = 4 + len(units)
    _summary_row(rows, last, "", "Razem", totals, fmt, total=True)
    ws.freeze_panes(4, 2)
    ws.autofilter(3, 0, max(3, last - 1), len(headers) - 1)
    return rows


def _table(ws, columns, rows: list[dict], first: int, fmt: Formats,
           labels: dict[str, dict] | None = None) -> tuple[int, _Rows]:
    """Header at row ``first`` and one row per dict (the sheet's last rows, as ``_Rows``; texts are
    never formulas). Returns the next free row and the data rows."""
    labels = labels or {}
    for c, (_, header, width) in enumerate(columns):
        ws.write_string(first, c, header, fmt.header)
        ws.set_column(c, c, width)
    out = _Rows(ws)
    for r, row in enumerate(rows, start=first + 1):
        cells = []
        for c, (key, _, _) in enumerate(columns):
            value = row.get(key, "")
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                cells.append(out.number(r, c, value, fmt.int))
            else:
                text = labels.get(key, {}).get(value, value)
                cells.append(out.text(r, c, str(text or ""), fmt.wrap if key == "note" else fmt.text))
        out.add(r, cells)
    return first + len(rows) + 2, out


LABELS = {"decision": Y.DECISIONS, "status": Y.STATUSES, "kind": Y.KINDS}


def _completeness_block(ws, comp: dict, row: int, fmt: Formats) -> int:
    ws.write_string(row, 0, "Kompletność według rejestru oczekiwanych LSR", fmt.header)
    items = (("Oczekiwane", comp["expected"]), ("Otrzymane", comp["received"]), ("Poprawne", comp["valid"]),
             ("Poprawne z ostrzeżeniami", comp["warnings"]), ("Z błędami (nieuwzględnione)", comp["invalid"]),
             ("Brakujące", comp["missing"]))
    for i, (label, value) in enumerate(items, start=row + 1):
        ws.write_string(i, 0, label, fmt.text)
        ws.write_number(i, 1, value, fmt.int)
    r = row + len(items) + 1
    ws.write_string(r, 0, "Wskaźnik sprawozdawczości (uwzględnione / oczekiwane)", fmt.text)
    _put_value(ws, r, 1, comp["rate"], "share", fmt)
    r += 2
    for key, title in (("missing_units", "Brakujące LSR (brak sprawozdania)"),
                       ("invalid_units", "LSR bez poprawnego sprawozdania"),
                       ("unexpected_units", "LSR spoza rejestru (uwzględnione)")):
        if comp[key]:
            ws.write_string(r, 0, title, fmt.header)
            for i, unit in enumerate(comp[key], start=r + 1):
                ws.write_string(i, 0, unit["lsr_id"], fmt.text)
                ws.write_string(i, 1, (unit.get("name") or "")[:Y.MAX_TEXT], fmt.text)
            r += len(comp[key]) + 2
    return r


def _quality_sheet(wb, rollup: Rollup, fmt: Formats) -> _Rows:
    ws = wb.add_worksheet(Y.QUALITY_SHEET)
    ws.write_string(0, 0, "Jakość danych: status każdego pliku wejściowego", fmt.title)
    ws.write_string(1, 0, "Pliki „odrzucone”, „pominięte – błędy” i „nieczytelne” nie wchodzą do zestawienia; "
                          "popraw je i uruchom zestawienie ponownie.", fmt.note)
    row = 3
    if rollup.completeness:
        row = _completeness_block(ws, rollup.completeness, row, fmt)
    counts: dict[str, int] = {}
    for q in rollup.quality:
        counts[q["decision"]] = counts.get(q["decision"], 0) + 1
    ws.write_string(row, 0, "Pliki według decyzji", fmt.header)
    for i, (decision, label) in enumerate(Y.DECISIONS.items(), start=row + 1):
        ws.write_string(i, 0, label, fmt.text)
        ws.write_number(i, 1, counts.get(decision, 0), fmt.int)
    row += len(Y.DECISIONS) + 2
    end, rows = _table(ws, Y.QUALITY_COLUMNS, rollup.quality, row, fmt, LABELS)
    ws.freeze_panes(row + 1, 1)
    ws.autofilter(row, 0, max(row, end - 2), len(Y.QUALITY_COLUMNS) - 1)
    return rows


def _lineage_sheet(wb, rollup: Rollup, fmt: Formats) -> _Rows:
    ws = wb.add_worksheet(Y.LINEAGE_SHEET)
    ws.write_string(0, 0, "Pochodzenie danych: każdy plik wejściowy z sumą kontrolną SHA-256", fmt.title)
    end, rows = _table(ws, Y.LINEAGE_COLUMNS, rollup.lineage, 2, fmt, LABELS)
    ws.freeze_panes(3, 1)
    ws.autofilter(2, 0, max(2, end - 2), len(Y.LINEAGE_COLUMNS) - 1)
    return rows


def _stats_sheet(wb, rollup: Rollup, fmt: Formats):
    """One row per counted LSR: identification, then every STAT_KEYS value (read back by load_rollup).

    xlsxwriter writes the header row only; the data rows (~250 numbers per LSR, 600,000 cells for
    the whole country) are put into the sheet's XML by ``_put_rows`` after the workbook is closed:
    per cell, xlsxwriter's bookkeeping cost ten times more than the XML itself."""
    ws = wb.add_worksheet(Y.STATS_SHEET)
    for c, key in enumerate(Y.STATS_HEADER):
        ws.write_string(0, c, key, fmt.header)
    ws.freeze_panes(1, 1)
    return ws


_LETTERS = [col_letter(c) for c in range(len(Y.STATS_HEADER))]
_ESCAPE_X = re.compile("_x[0-9A-Fa-f]{4}_")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _inline(ref: str, text: str, style: int | None = None) -> str:
    """A text cell as an inline string (never a formula), escaped, characters XML cannot hold dropped."""
    text = _NOT_XML.sub("", text)
    # readers turn _xHHHH_ into a character and drop a bare \r: escape both as xlsxwriter does
    text = escape(_ESCAPE_X.sub(r"_x005F\g<0>", text).replace("\r", "_x000D_"))
    space = ' xml:space="preserve"' if text != text.strip() else ""
    s = f' s="{style}"' if style else ""
    return f'<c r="{ref}"{s} t="inlineStr"><is><t{space}>{text}</t></is></c>'


def _canonical_number(value):
    """An int, or a float that is not integral (as it reads back); refuses what a cell cannot hold."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, float) and math.isfinite(value):
        return int(value) if value.is_integer() else value
    if isinstance(value, int):
        return value
    raise ValueError(f"statystyka nie jest liczbą skończoną: {value!r}")


_ZEROS = [0] * len(Y.STAT_KEYS)


def _stats_rows(rollup: Rollup) -> str:
    """The data rows of the statistics sheet as worksheet XML (rows 2 …; no styles)."""
    span = f"1:{len(Y.STATS_HEADER)}"
    first = len(Y.UNIT_COLUMNS)
    letters = _LETTERS[first:]
    out = []
    for r, u in enumerate(rollup.lsrs, start=2):
        ident = (u.unit_id, u.region, u.period, u.name[:Y.MAX_TEXT], u.sha256, u.source, u.filled_on, u.status)
        cells = "".join(_inline(f"{_LETTERS[c]}{r}", str(text)) for c, text in enumerate(ident) if text)
        values = [v if v.__class__ is int else _canonical_number(v) for v in map(u.stats.get, Y.STAT_KEYS, _ZEROS)]
        numbers = "".join([f'<c r="{col}{r}"><v>{v!r}</v></c>' for col, v in zip(letters, values)])
        out.append(f'<row r="{r}" spans="{span}">{cells}{numbers}</row>')
    return "".join(out)


def _put_rows(package: bytes, rows: dict[str, tuple[str, int]], out: Path) -> None:
    """Write the xlsxwriter ``package`` to ``out`` with, per sheet part, its rows' XML appended to
    the sheet's data (``rows``: part -> (rows XML, last row number))."""
    with zipfile.ZipFile(io.BytesIO(package)) as src:
        parts = [(info, src.read(info)) for info in src.infolist()]
    tmp = out.with_name(out.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for info, data in parts:
            if info.filename in rows:
                rows_xml, last_row = rows[info.filename]
                xml = data.decode("utf-8")
                head, end, tail = xml.partition("</sheetData>")
                if not end:
                    raise ValueError(f"{info.filename}: brak sekcji sheetData")
                head = re.sub(r'(<dimension ref="A1:[A-Z]+)\d+"', rf'\g<1>{last_row}"', head, count=1)
                data = (head + rows_xml + end + tail).encode("utf-8")
                dst.writestr(info, data, compresslevel=1)    # the bulk of the file: fast deflate
                continue
            dst.writestr(info, data)
    os.replace(tmp, out)


def _meta_sheet(wb, rollup: Rollup) -> None:
    ws = wb.add_worksheet(Y.ROLLUP_META_SHEET)
    values = {"kind": Y.ROLLUP_KIND, "format_version": Y.ROLLUP_FORMAT_VERSION, "level": rollup.level,
              "period": rollup.period, "region": rollup.region or "", "generated_on": rollup.generated_on,
              "lsr_count": str(len(rollup.lsrs)), "stats_sha256": stats_digest(rollup.lsrs)}
    rows = [(k, values[k]) for k in Y.META_KEYS]
    rows += [("quality", json.dumps(q, ensure_ascii=False, sort_keys=True)) for q in rollup.quality]
    rows += [("lineage", json.dumps(x, ensure_ascii=False, sort_keys=True)) for x in rollup.lineage]
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
    wb.set_properties({"created": _created(rollup), "title": f"{PERIOD_LABEL[rollup.level]} {rollup.period}",
                       "author": "ksr-reports"})
    fmt = Formats(wb)
    units, totals = rollup.units, rollup.totals      # each is a full pass over the LSRs: compute once
    raw = [_summary_sheet(wb, rollup, units, totals, fmt)]
    write_charts_sheet(wb, rollup, units, totals, fmt)
    raw.append(_quality_sheet(wb, rollup, fmt))
    raw.append(_lineage_sheet(wb, rollup, fmt))
    stats = _stats_sheet(wb, rollup, fmt)
    _meta_sheet(wb, rollup)
    wb.close()
    sheets = wb.worksheets()

    def part(ws) -> str:
        return f"xl/worksheets/sheet{sheets.index(ws) + 1}.xml"   # xlsxwriter's naming
    rows = {part(r.ws): ("".join(r.parts), r.last) for r in raw if r.parts}
    rows[part(stats)] = (_stats_rows(rollup), len(rollup.lsrs) + 1)
    _put_rows(package.getvalue(), rows, out)
    return out
