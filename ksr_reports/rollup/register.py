"""The register of expected LSRs (kept by ROPS) and the completeness it gives.

``write_register_template`` makes the blank register (Polish headers, instructions);
``read_register`` reads a filled one (codes may have lost their leading zero in Excel);
``completeness`` compares it with what the rollup received and counted.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import xlsxwriter

from ..errors import KsrError
from ..indicators.model import REGION_NAMES, Unit

REGISTER_SHEET = "Rejestr LSR"
REGISTER_HEADERS = ("Kod TERYT gminy siedziby LSR", "Gmina", "Nazwa LSR", "Uwagi")
HEADER_ROW = 4          # 1-based row of the headers; entries start on the next row
MAX_ENTRIES = 5_000
TERYT_RE = re.compile(r"^\d{6}[123]$")
INSTRUCTIONS = (
    "Rejestr oczekiwanych sprawozdań LSR – prowadzi go ROPS.",
    "Jeden wiersz = jedna LSR, która powinna złożyć sprawozdanie za okres.",
    "Kolumna A (obowiązkowa): 7-cyfrowy kod TERYT gminy siedziby LSR, np. 0404011 (ostatnia cyfra 1, 2 albo 3).",
    "Kolumny B–D są pomocnicze (nazwa gminy, nazwa LSR, uwagi).",
    "Nie zmieniaj wiersza nagłówków ani nazwy arkusza; dopisuj kolejne wiersze poniżej.",
    "Użycie: ksr rollup KATALOG --level region -o zestawienie.xlsx --register rejestr.xlsx",
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


def _find_rows(path: Path) -> list[list]:
    from ..intake import REGISTER, Refusal, open_workbook, preflight

    try:                          # calamine must not see a sheet it would crash on
        preflight(path, limits=REGISTER)
        wb = open_workbook(path)
    except Refusal as e:
        raise KsrError(f"Rejestr {path.name}: {e.what} Użyj wzoru z polecenia "
                       "ksr register-template.") from e
    try:
        if REGISTER_SHEET not in wb.sheet_names:
            raise KsrError(f"Rejestr {path.name}: brak arkusza „{REGISTER_SHEET}”. Użyj wzoru z polecenia "
                           "ksr register-template i nie zmieniaj nazwy arkusza.")
        sheet = wb.get_sheet_by_name(REGISTER_SHEET)
        if sheet.total_height > MAX_ENTRIES + HEADER_ROW or sheet.total_width > 50:
            raise KsrError(f"Rejestr {path.name}: arkusz „{REGISTER_SHEET}” ma ponad {MAX_ENTRIES} wierszy lub "
                           "50 kolumn. Usuń zbędne wiersze i kolumny.")
        return sheet.to_python(skip_empty_area=False)
    finally:
        wb.close()


def read_register(path) -> list[Expected]:
    """Expected LSRs of a filled register; KsrError naming the cell for a bad or repeated code.

    The file is read in a child process (``ksr_reports.intake.sandbox``): a register that crashes the
    reader ends in a Polish message, not in an aborted run."""
    from ..intake.sandbox import run_isolated

    path = Path(path)
    rows = run_isolated(_find_rows, path, crash_message=(
        f"Rejestr {path.name}: nie można go odczytać (program czytający arkusze przerwał pracę). "
        "Wypełnij ponownie wzór z polecenia ksr register-template."))
    header = [str(v).strip() for v in rows[HEADER_ROW - 1]] if len(rows) >= HEADER_ROW else []
    if not header or header[0] != REGISTER_HEADERS[0]:
        raise KsrError(f"Rejestr {path.name}, {REGISTER_SHEET}!A{HEADER_ROW}: oczekiwano nagłówka "
                       f"„{REGISTER_HEADERS[0]}”. Użyj wzoru z polecenia ksr register-template.")
    out: list[Expected] = []
    seen: dict[str, str] = {}
    for r, row in enumerate(rows[HEADER_ROW:], start=HEADER_ROW + 1):
        cells = [_code(row[0]) if row else ""] + [str(v).strip() for v in row[1:3]]
        if not any(cells):
            continue
        code, cell = cells[0], f"{REGISTER_SHEET}!A{r}"
        if not TERYT_RE.match(code):
            raise KsrError(f"Rejestr {path.name}, {cell}: „{code[:30]}” nie jest kodem TERYT gminy (7 cyfr, "
                           "ostatnia 1, 2 albo 3). Popraw kod albo usuń wiersz.")
        if code in seen:
            raise KsrError(f"Rejestr {path.name}, {cell}: kod {code} powtarza się (pierwszy raz w {seen[code]}). "
                           "Usuń powtórzony wiersz.")
        seen[code] = cell
        out.append(Expected(code, (cells + ["", ""])[1], (cells + ["", "", ""])[2], cell))
    return out


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
