"""The register of expected LSRs (kept by ROPS) and the completeness it gives.

``write_register_template`` makes the blank register (Polish headers, instructions);
``read_register`` reads a filled one (codes may have lost their leading zero in Excel);
``completeness`` compares it with what the rollup received and counted.
A register that cannot be used stops the command: a ``KsrError`` with a stable code of the catalogue's
group "rejestr" (``REGISTER_*``, docs/validation.md) and its Polish message, the cell named.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import xlsxwriter

from ..errors import KsrError
from ..indicators.model import REGION_NAMES, Unit
from ..validation.catalogue import fatal, place

REGISTER_SHEET = "Rejestr LSR"
REGISTER_HEADERS = ("Kod TERYT gminy siedziby LSR", "Gmina", "Nazwa LSR", "Uwagi")
HEADER_ROW = 4          # 1-based row of the headers; entries start on the next row
MAX_ENTRIES = 5_000
MAX_COLS = 50
TERYT_RE = re.compile(r"^\d{6}[123]$")
INSTRUCTIONS = (
    "Rejestr oczekiwanych sprawozdań LSR – prowadzi go ROPS.",
    "Jeden wiersz = jedna LSR, która powinna złożyć sprawozdanie za okres.",
    "Kolumna A (obowiązkowa): 7-cyfrowy kod TERYT gminy siedziby LSR, np. 0404011 (ostatnia cyfra 1, 2 albo 3).",
    "Kolumny B–D są pomocnicze (nazwa gminy, nazwa LSR, uwagi).",
    "Nie zmieniaj wiersza nagłówków ani nazwy arkusza; dopisuj kolejne wiersze poniżej.",
    "Wypełniony rejestr dołącz do zestawienia regionalnego (w programie: strona „Skrzynka ROPS”, pole „Rejestr "
    "oczekiwanych LSR”); wynik pokaże, których LSR brakuje, i wskaźnik sprawozdawczości.",
)


@dataclass(frozen=True)
class Expected:
    lsr_id: str
    gmina: str
    name: str
    cell: str


def write_register_template(path, *, region: str | None = None) -> Path:
    """Write the blank register workbook (for one województwo when ``region`` is given)."""
    if region is not None and region not in REGION_NAMES:
        raise KsrError(f"Nieznany kod województwa „{region}”; podaj kod 02, 04, … 32.", exit_code=2)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False})
    wb.set_properties({"created": dt.datetime(2025, 1, 1), "title": "Rejestr LSR"})
    bold = wb.add_format({"bold": True, "font_size": 13})
    head = wb.add_format({"bold": True, "bg_color": "#D9E2F3", "border": 1, "text_wrap": True})
    text = wb.add_format({"num_format": "@", "border": 1, "border_color": "#BFBFBF"})
    ws = wb.add_worksheet(REGISTER_SHEET)
    title = "Rejestr LSR" + (f" – województwo {REGION_NAMES[region]} ({region})" if region else "")
    ws.write_string(0, 0, title, bold)
    ws.write_string(1, 0, INSTRUCTIONS[2])
    for c, (label, width) in enumerate(zip(REGISTER_HEADERS, (30, 26, 50, 40))):
        ws.write_string(HEADER_ROW - 1, c, label, head)
        ws.set_column(c, c, width, text)
    rule = {"validate": "length", "criteria": "==", "value": 7, "error_title": "Kod TERYT",
            "error_message": "Wpisz 7 cyfr kodu TERYT gminy siedziby LSR."}
    if region:
        rule = {"validate": "custom", "value": f'=AND(LEN(A{HEADER_ROW + 1})=7,LEFT(A{HEADER_ROW + 1},2)="{region}")',
                "error_title": "Kod TERYT", "error_message": f"Wpisz 7 cyfr kodu TERYT gminy z województwa {region}."}
    ws.data_validation(HEADER_ROW, 0, HEADER_ROW + 999, 0, rule)
    ws.freeze_panes(HEADER_ROW, 0)
    info = wb.add_worksheet("Instrukcja")
    info.set_column(0, 0, 110)
    for sheet in (ws, info):          # printed: all columns on the page's width (the texts ran off the page)
        sheet.set_landscape()
        sheet.set_paper(9)            # A4
        sheet.fit_to_pages(1, 0)
    for r, line in enumerate(INSTRUCTIONS):
        info.write_string(r, 0, line, bold if r == 0 else None)
    wb.close()
    return path


def _code(value) -> str:
    """TERYT as text; a number that lost its leading zero in Excel gets it back."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:07d}"
    return str(value or "").strip()


def _file(path: Path) -> str:
    """The register as its messages name it first."""
    return f"Rejestr {path.name}"


def _find_rows(path: Path) -> list[list]:
    from ..intake import REGISTER, Refusal, open_workbook, preflight, tell_debug

    try:                          # calamine must not see a sheet it would crash on
        preflight(path, limits=REGISTER)
        wb = open_workbook(path)
    except Refusal as e:
        tell_debug(path, e)
        sheet = e.params.get("sheet")
        raise fatal("REGISTER_REFUSED", place(_file(path), f"arkusz „{sheet}”" if sheet else ""),
                    reason=e.what) from e
    try:
        if REGISTER_SHEET not in wb.sheet_names:
            raise fatal("REGISTER_SHEET_MISSING", _file(path), sheet=REGISTER_SHEET)
        sheet = wb.get_sheet_by_name(REGISTER_SHEET)
        rows, cols = sheet.total_height + 1, sheet.total_width + 1     # (calamine gives the last 0-based index)
        if rows > MAX_ENTRIES + HEADER_ROW or cols > MAX_COLS:
            raise fatal("REGISTER_TOO_LARGE", place(_file(path), f"arkusz „{REGISTER_SHEET}”"),
                        rows=rows, cols=cols, limit=MAX_ENTRIES, max_cols=MAX_COLS)
        return sheet.to_python(skip_empty_area=False)
    finally:
        wb.close()


def read_register(path, *, file_timeout: float | None = 60) -> list[Expected]:
    """Expected LSRs of a filled register; KsrError naming the cell for a bad or repeated code.

    The file is read in a child process (``ksr_reports.intake.sandbox``): a register that crashes the
    reader ends in a Polish message (``REGISTER_CRASH``), not in an aborted run; one read for more than
    ``file_timeout`` seconds (the command's ``--file-timeout``; None: no limit), in ``FILE_TIMEOUT``'s."""
    from ..intake.sandbox import isolated_map, timeout_message

    path = Path(path)

    def crashed(_):
        raise fatal("REGISTER_CRASH", _file(path))

    def timed_out(_):
        raise KsrError(timeout_message(path, file_timeout), code="FILE_TIMEOUT")
    rows = isolated_map(_find_rows, [path], workers=1, on_crash=crashed, timeout=file_timeout,
                        on_timeout=timed_out)[0]
    header = [str(v).strip() for v in rows[HEADER_ROW - 1]] if len(rows) >= HEADER_ROW else []
    if not header or header[0] != REGISTER_HEADERS[0]:
        raise fatal("REGISTER_HEADER", _cell(path, f"A{HEADER_ROW}"), expected=REGISTER_HEADERS[0])
    out: list[Expected] = []
    seen: dict[str, str] = {}
    for r, row in enumerate(rows[HEADER_ROW:], start=HEADER_ROW + 1):
        cells = [_code(row[0]) if row else ""] + [str(v).strip() for v in row[1:3]]
        if not any(cells):
            continue
        code, ref = cells[0], f"A{r}"
        if not TERYT_RE.match(code):
            raise fatal("REGISTER_CODE", _cell(path, ref), value=code[:30])
        if code in seen:
            raise fatal("REGISTER_DUPLICATE", _cell(path, ref), value=code, first=seen[code])
        seen[code] = ref
        out.append(Expected(code, (cells + ["", ""])[1], (cells + ["", "", ""])[2], f"{REGISTER_SHEET}!{ref}"))
    return out


def _cell(path: Path, ref: str) -> str:
    """Where a register message points: the file, the sheet and the cell."""
    return place(_file(path), f"arkusz „{REGISTER_SHEET}”", f"komórka {ref}")


def completeness(expected: list[Expected], lsrs: list[Unit], quality: list[dict], region: str | None) -> dict:
    """Expected / received / valid / with warnings / invalid / missing and the reporting rate."""
    outside = [e for e in expected if region and e.lsr_id[:2] != region]
    expected = [e for e in expected if not region or e.lsr_id[:2] == region]
    counted = {u.unit_id: u for u in lsrs}
    received = {q["lsr_id"] for q in quality if q.get("lsr_id") and q.get("decision") != "refused"}
    ids = [e.lsr_id for e in expected]
    valid = [i for i in ids if i in counted and counted[i].status == "valid"]
    warn = [i for i in ids if i in counted and counted[i].status == "warnings"]
    invalid = [i for i in ids if i in received and i not in counted]
    missing = [e for e in expected if e.lsr_id not in received and e.lsr_id not in counted]
    names = {e.lsr_id: e.name or e.gmina for e in expected}
    n = len(expected)
    return {
        "expected": n, "received": n - len(missing), "valid": len(valid), "warnings": len(warn),
        "invalid": len(invalid), "missing": len(missing),
        "rate": (len(valid) + len(warn)) / n if n else None,
        "missing_units": [{"lsr_id": e.lsr_id, "name": e.name or e.gmina} for e in missing],
        "invalid_units": [{"lsr_id": i, "name": names[i]} for i in invalid],
        "unexpected_units": [{"lsr_id": u.unit_id, "name": u.name} for u in lsrs if u.unit_id not in names],
        "outside_region": len(outside),
    }
