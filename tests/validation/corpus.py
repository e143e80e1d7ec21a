"""A corpus of bad LSR workbooks built in code: each case makes one file and names the finding
(code, sheet, cell) it must produce. Valid workbooks come from the sample generator and the
template builder; bad ones mutate the data, post-edit the xlsx with openpyxl, or write bytes."""
from __future__ import annotations

import copy
import io
import random
import re
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable

import openpyxl

from ksr_reports import spec as S
from ksr_reports.samples import generate_lsr
from ksr_reports.samples.generate import pilot_lsrs
from ksr_reports.template import build_template

L = S.lists
BASE_LSR = pilot_lsrs()[0]          # 0404011 Chełmno, kujawsko-pomorskie, profile "strong"
PERIOD = "2025"
VALID_PESEL = "44051401359"          # a textbook-valid PESEL (checksum and date)


@lru_cache(maxsize=1)
def _base() -> dict:
    return generate_lsr(BASE_LSR, PERIOD, random.Random("corpus"))


def base_data() -> dict:
    """A fresh deep copy of the valid base workbook's data."""
    return copy.deepcopy(_base())


def write_valid(path: Path, data: dict | None = None) -> Path:
    return build_template(path, data=data or base_data())


@dataclass
class Case:
    id: str
    code: str
    sheet: str = ""
    cell: str = ""
    data: Callable[[dict], None] | None = None          # mutate the workbook data before building
    edit: Callable[[openpyxl.Workbook], None] | None = None   # post-edit the built xlsx
    raw: Callable[[Path], None] | None = None           # write the file's bytes directly
    kwargs: dict = field(default_factory=dict)          # validate_file options (period, terc)
    suffix: str = ".xlsx"                               # the file's extension as sent (.xls, .xlsm, …)

    def make(self, directory: Path) -> Path:
        path = directory / f"{self.id}{self.suffix}"
        if self.raw:
            self.raw(path)
            return path
        built = path.with_suffix(".xlsx")                # openpyxl judges a file by its extension
        data = base_data()
        if self.data:
            self.data(data)
        write_valid(built, data)
        if self.edit:
            wb = openpyxl.load_workbook(built)
            self.edit(wb)
            wb.save(built)
        return built if built == path else built.replace(path)


# ---------------------------------------------------------------- helpers for the cases
def form(key, value):
    def mutate(d):
        d["form"][key] = value
    return mutate


def cell_in(table: str, row: int, key: str, value):
    def mutate(d):
        d["tables"][table][row][key] = value
    return mutate


def grid_add(grid: str, row: str, col: str, delta=None, value=None):
    def mutate(d):
        g = d["grids"][grid]
        g[(row, col)] = value if value is not None else g.get((row, col), 0) + delta
    return mutate


def all_of(*mutations):
    def mutate(d):
        for m in mutations:
            m(d)
    return mutate


def tref(table: S.TableSheet, row: int, key: str) -> str:
    """A1 reference of the n-th (0-based) data row's column ``key``."""
    return S.a1(S.TABLE_FIRST_DATA_ROW + row, table.col_index(key))


def gref(grid: str, row: str, col: str) -> str:
    return S.grid(grid).cell_of(row, col)


def fref(key: str) -> str:
    return S.FORM.cell_of(key)


def participants(d) -> int:
    return sum(v for (stage, _), v in d["grids"]["flow"].items() if stage in ("start", "entered"))


def set_cell(sheet: str, ref: str, value):
    def edit(wb):
        wb[sheet][ref] = value
    return edit


def write_bytes(content: bytes):
    def raw(path: Path):
        path.write_bytes(content)
    return raw


@lru_cache(maxsize=1)
def _valid_bytes() -> bytes:
    """Bytes of the valid base workbook (built once in a temporary folder)."""
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        return write_valid(Path(d) / "base.xlsx").read_bytes()


def zip_with(extra: Callable[[zipfile.ZipFile], None]):
    """A valid workbook's zip with extra entries appended."""
    def raw(path: Path):
        path.write_bytes(_valid_bytes())
        with zipfile.ZipFile(path, "a") as zf:
            extra(zf)
    return raw


def _declared_huge(path: Path):
    """A tiny zip whose central directory claims an entry of ~4 GB."""
    path.write_bytes(_valid_bytes())
    data = bytearray(path.read_bytes())
    at = data.find(b"PK\x01\x02")
    data[at + 24:at + 28] = (0xFFFFFFF0).to_bytes(4, "little")
    path.write_bytes(bytes(data))


def _part_over_its_declared_size(path: Path):
    """A member that declares 1 kB and inflates to more than the 64 MB any one part may have."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        with zipfile.ZipFile(io.BytesIO(_valid_bytes())) as src:
            for info in src.infolist():
                zf.writestr(info, src.read(info))
        zf.writestr("xl/media/zz.bin", bytes(65 * 2**20))
    data = bytearray(path.read_bytes())
    name = b"xl/media/zz.bin"
    for signature, offset in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):   # uncompressed size: central, local
        at = data.find(signature)
        while at != -1:
            name_at = at + (46 if signature == b"PK\x01\x02" else 30)
            if data[name_at:name_at + len(name)] == name:
                data[at + offset:at + offset + 4] = (1024).to_bytes(4, "little")
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))


def _many_entries(zf: zipfile.ZipFile):
    for i in range(1001):
        zf.writestr(f"xl/media/x{i}.txt", "x")


def _bomb(zf: zipfile.ZipFile):
    zf.writestr(zipfile.ZipInfo("xl/media/bomb.bin"), b"\0" * (30 * 2**20), compress_type=zipfile.ZIP_DEFLATED)


def _duplicate(zf: zipfile.ZipFile):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        zf.writestr("xl/workbook.xml", zf.read("xl/workbook.xml"))


def part_of(sheet: str) -> str:
    """The zip member holding ``sheet`` in the valid workbook (xlsxwriter numbers them in order)."""
    import io

    book = zipfile.ZipFile(io.BytesIO(_valid_bytes())).read("xl/workbook.xml").decode()
    names = [n.split('"', 1)[0] for n in book.split('<sheet name="')[1:]]
    return f"xl/worksheets/sheet{names.index(sheet) + 1}.xml"


def parts_edited(edit: dict[str, Callable[[bytes], bytes]] | None = None, drop: tuple[str, ...] = (),
                 add: dict[str, bytes | str] | None = None):
    """The valid workbook's zip with members edited by hand (what a broken or hostile generator could
    write), some left out and some added."""
    def raw(path: Path):
        import io

        src = zipfile.ZipFile(io.BytesIO(_valid_bytes()))
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
            for info in src.infolist():
                if info.filename not in drop:
                    data = src.read(info.filename)
                    out.writestr(info, (edit or {}).get(info.filename, lambda x: x)(data))
            for name, data in (add or {}).items():
                out.writestr(name, data)
    return raw


def zip_of(members: dict[str, bytes | str]):
    """A zip holding just ``members`` (a file of another program named .xlsx)."""
    def raw(path: Path):
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in members.items():
                zf.writestr(name, data)
    return raw


def sheet_xml(sheet: str, edit: Callable[[bytes], bytes], strings: Callable[[bytes], bytes] | None = None):
    """The valid workbook with one sheet's XML edited by hand (what a hostile generator could write),
    and its shared strings too when ``strings`` is given."""
    def raw(path: Path):
        import io

        src = zipfile.ZipFile(io.BytesIO(_valid_bytes()))
        book = src.read("xl/workbook.xml").decode()
        index = [n for n in book.split("<sheet ")[1:]].index(next(n for n in book.split("<sheet ")[1:]
                                                                  if f'name="{sheet}"' in n)) + 1
        part = f"xl/worksheets/sheet{index}.xml"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
            for info in src.infolist():
                data = src.read(info.filename)
                if info.filename == part:
                    data = edit(data)
                elif strings and info.filename == "xl/sharedStrings.xml":
                    data = strings(data)
                out.writestr(info, data)
    return raw


def _pesel_in_renamed_strings(path: Path):
    """A PESEL in a barrier description, the shared strings stored as xl/SharedStrings.xml: calamine
    finds that part whatever the case of its name, so the PESEL pre-check must too."""
    import io

    data = base_data()
    cell_in("barriers", 0, "description", f"Pani X, PESEL {VALID_PESEL}, nie ma dojazdu")(data)
    buf = io.BytesIO()
    write_valid(path, data)
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            name = "xl/SharedStrings.xml" if info.filename == "xl/sharedStrings.xml" else info.filename
            out.writestr(name, src.read(info))
    path.write_bytes(buf.getvalue())


def _long_first_string(xml: bytes) -> bytes:
    """The first shared string replaced by 30,000 varied letters (10,000 cells of it: 300 MB of text)."""
    rnd = random.Random(3)
    text = "".join(rnd.choice("abcdefghijklmnoprstuwyz ") for _ in range(30_000)).encode()
    start = xml.index(b"<si>")
    return xml[:start] + b"<si><t>" + text + b"</t></si>" + xml[xml.index(b"</si>", start) + 5:]


def _string_cells(xml: bytes) -> bytes:
    """10,000 cells below the table, each showing shared string 0."""
    rows = "".join(f'<row r="{r}">' + "".join(f'<c r="{S.col_letter(c)}{r}" t="s"><v>0</v></c>' for c in range(50))
                   + "</row>" for r in range(300, 500))
    return xml.replace(b"</sheetData>", rows.encode() + b"</sheetData>")


def far_row(cell_markup: bytes):
    """Append a row holding ``cell_markup`` at the end of sheetData."""
    return lambda xml: xml.replace(b"</sheetData>", b'<row r="60000">' + cell_markup + b"</row></sheetData>")


def _many_cells(with_ref: bool):
    """Usługi with 2,000 rows × 151 cells below its table: within the sheet-size limits, but 302,000
    cells (calamine and the reader would need gigabytes with long texts in them)."""
    def rows(xml: bytes) -> bytes:
        rnd, out = random.Random(7), []      # varied values: a sheet of ones would look like a zip bomb
        for r in range(300, 2300):
            cells = (f'<c r="{S.col_letter(c)}{r}"><v>{rnd.randrange(10**6)}</v></c>' if with_ref
                     else f"<c><v>{rnd.randrange(10**6)}</v></c>" for c in range(151))
            out.append(f'<row r="{r}">{"".join(cells)}</row>')
        return xml.replace(b"</sheetData>", "".join(out).encode() + b"</sheetData>")
    return rows


def _ods(path: Path):
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED)
        zf.writestr("content.xml", "<office:document-content/>")


def _truncated(path: Path):
    data = _valid_bytes()
    path.write_bytes(data[: len(data) // 2])


def _plain_workbook(path: Path):
    wb = openpyxl.Workbook()
    wb.active["A1"] = "Lista obecności"
    wb.save(path)


# OLE2 compound file: the magic number, then directory entry names in UTF-16LE.
OLE2 = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504)
# An encrypted OOXML file is an OLE2 container with EncryptionInfo/EncryptedPackage streams.
# (We cannot encrypt without extra libraries; this minimal container carries the stream names,
# which is what the pre-flight and Excel use to recognise it.)
OLE2_ENCRYPTED = OLE2 + "EncryptionInfo".encode("utf-16-le") + bytes(4) + "EncryptedPackage".encode("utf-16-le")


# ---------------------------------------------------------------- other kinds of file (issue 16)
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
MACRO_REL = "http://schemas.microsoft.com/office/2006/relationships/xlMacrosheet"

# Excel's binary workbook (.xlsb): the same package, its parts in BIFF12 records instead of XML.
XLSB = zip_of({
    "[Content_Types].xml": f'<Types xmlns="{CT}"><Default Extension="bin" ContentType="application/'
                           'vnd.ms-excel.sheet.binary.macroEnabled.main"/></Types>',
    "_rels/.rels": f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{OFFICE_REL}/officeDocument" '
                   'Target="xl/workbook.bin"/></Relationships>',
    "xl/workbook.bin": bytes.fromhex("8301 00 8001 32 00000000"),
    "xl/worksheets/sheet1.bin": bytes.fromhex("8101 00 9301 17 00000000"),
})
# Apple Numbers: a zip of Snappy-compressed protobuf archives under Index/.
NUMBERS = zip_of({"Index/Document.iwa": b"\x00\x1f\x00\x00\x1d\x08\x01", "Index/Metadata.iwa": b"\x00\x05\x00\x00\x03",
                  "Metadata/Properties.plist": b"bplist00\xd0\x08\x00", "preview.jpg": b"\xff\xd8\xff\xe0"})
# A workbook whose parts are not where Excel puts them (some systems' exports): workbook.xml under wtf/.
LAYOUT = zip_of({
    "[Content_Types].xml": f'<Types xmlns="{CT}"><Override PartName="/wtf/workbook.xml" ContentType="application/'
                           'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
    "_rels/.rels": f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{OFFICE_REL}/officeDocument" '
                   'Target="wtf/workbook.xml"/></Relationships>',
    "wtf/workbook.xml": f'<workbook xmlns="{MAIN}" xmlns:r="{OFFICE_REL}"><sheets><sheet name="Metryczka" sheetId="1" '
                        'r:id="rId1"/></sheets></workbook>',
    "wtf/_rels/workbook.xml.rels": f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{OFFICE_REL}/'
                                   'worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    "wtf/worksheets/sheet1.xml": f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
                                 '</sheetData></worksheet>',
})
SPREADSHEETML = ('<?xml version="1.0"?>\r\n<?mso-application progid="Excel.Sheet"?>\r\n'
                 '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
                 'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">\r\n'
                 ' <Worksheet ss:Name="Metryczka"><Table><Row><Cell><Data ss:Type="String">Nazwa LSR</Data></Cell>'
                 '<Cell><Data ss:Type="String">Chełmno</Data></Cell></Row></Table></Worksheet>\r\n</Workbook>\r\n')
HTML_TABLE = ('<!DOCTYPE html>\n<html lang="pl"><head><meta charset="utf-8"><title>Sprawozdanie LSR</title></head>\n'
              "<body><table><tr><th>Gmina</th><th>Uczestnicy</th></tr><tr><td>Chełmno</td><td>12</td></tr></table>"
              "</body></html>\n")
SYLK = 'ID;PWXL;N;E\r\nC;Y1;X1;K"Gmina"\r\nC;Y1;X2;K"Uczestnicy"\r\nC;Y2;X1;K"Chełmno"\r\nC;Y2;X2;K12\r\nE\r\n'
DIF = ('TABLE\r\n0,1\r\n"EXCEL"\r\nVECTORS\r\n0,2\r\n""\r\nTUPLES\r\n0,2\r\n""\r\nDATA\r\n0,0\r\n""\r\n-1,0\r\n'
       'BOT\r\n1,0\r\n"Gmina"\r\n1,0\r\n"Uczestnicy"\r\n-1,0\r\n'
       'BOT\r\n1,0\r\n"Chełmno"\r\n0,12\r\nV\r\n-1,0\r\nEOD\r\n')
# A PDF whose first bytes hold no zero byte (a binary signature, not the bytes' look, names it).
PDF = (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
       b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")


def _png(path: Path):
    from PIL import Image

    Image.new("RGB", (8, 8), "white").save(path, "PNG")


def _truncated_part(xml: bytes) -> bytes:
    """A part cut off in the middle (a copy or a save that stopped)."""
    return xml[: len(xml) // 2]


ENTITY_DOCTYPE = b'<!DOCTYPE worksheet [<!ENTITY firma "Kowalski i Syn">]>'


def _entity_in_sheet(xml: bytes) -> bytes:
    """A document type declaration with an entity, used by a cell below the table."""
    xml = xml.replace(b"?>", b"?>" + ENTITY_DOCTYPE, 1)
    return xml.replace(b"</sheetData>", b'<row r="300"><c r="A300" t="inlineStr"><is><t>&firma;</t></is></c></row>'
                                        b"</sheetData>")


def _entity_in_strings(xml: bytes) -> bytes:
    """The same in the shared strings (calamine reads them when it opens the workbook)."""
    xml = xml.replace(b"?>", b"?>" + ENTITY_DOCTYPE.replace(b"worksheet", b"sst"), 1)
    return xml.replace(b"<si><t>", b"<si><t>&firma;", 1)


def _macro_sheet(path: Path):
    """An Excel 4.0 macro sheet listed in workbook.xml beside the template's sheets."""
    def book(xml: bytes) -> bytes:
        return xml.replace(b"</sheets>", b'<sheet name="Makro1" sheetId="99" r:id="rId99"/></sheets>')

    def rels(xml: bytes) -> bytes:
        return xml.replace(b"</Relationships>", f'<Relationship Id="rId99" Type="{MACRO_REL}" '
                                                f'Target="macrosheets/sheet1.xml"/></Relationships>'.encode())

    def types(xml: bytes) -> bytes:
        return xml.replace(b"</Types>", b'<Override PartName="/xl/macrosheets/sheet1.xml" ContentType="application/'
                                        b'vnd.ms-excel.macrosheet+xml"/></Types>')

    macro = ('<xm:macrosheet xmlns="' + MAIN + '" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
             '<sheetData><row r="1"><c r="A1" t="str"><f>HALT()</f><v>TRUE</v></c></row></sheetData></xm:macrosheet>')
    parts_edited({"xl/workbook.xml": book, "xl/_rels/workbook.xml.rels": rels, "[Content_Types].xml": types},
                 add={"xl/macrosheets/sheet1.xml": macro})(path)


def _retarget(sheet: str, target: str):
    """The relationship of ``sheet`` pointing at ``target`` (a part the file does not hold)."""
    part = part_of(sheet).removeprefix("xl/")
    return parts_edited({"xl/_rels/workbook.xml.rels": lambda xml: xml.replace(f'Target="{part}"'.encode(),
                                                                               f'Target="{target}"'.encode())})


def _unknown_relationship(sheet: str):
    """``sheet`` listed in workbook.xml with a relationship id the relationships part lacks."""
    rid = f'r:id="rId{int(part_of(sheet).removeprefix("xl/worksheets/sheet").removesuffix(".xml"))}"'
    return parts_edited({"xl/workbook.xml": lambda xml: xml.replace(rid.encode() + b"/>", b'r:id="rId777"/>')})


def _valid_copy(path: Path):
    path.write_bytes(_valid_bytes())


def _delete_sheet(name):
    def edit(wb):
        del wb[name]
    return edit


def _rename_sheet(name, new):
    def edit(wb):
        wb[name].title = new
    return edit


def _insert_col(sheet, idx):
    def edit(wb):
        ws = wb[sheet]
        ws.insert_cols(idx)
        ws.cell(S.TABLE_HEADER_ROW, idx, "Uwagi koordynatora")
    return edit


def _delete_col(sheet, idx):
    def edit(wb):
        wb[sheet].delete_cols(idx)
    return edit


def _insert_row(sheet, idx):
    def edit(wb):
        wb[sheet].insert_rows(idx)
    return edit


def _fill_rows(sheet: S.TableSheet, n: int):
    def edit(wb):
        ws = wb[sheet.name]
        for r in range(sheet.last_data_row + 1, sheet.last_data_row + 1 + n):
            ws.cell(r, 1, f"Usługa {r}")
    return edit


def _serial_date(sheet, ref, serial):
    def edit(wb):
        wb[sheet][ref] = serial
        wb[sheet][ref].number_format = "General"
    return edit


def _merge(sheet, rng):
    def edit(wb):
        wb[sheet].merge_cells(rng)
    return edit


def _hide_row(sheet, row):
    def edit(wb):
        wb[sheet].row_dimensions[row].hidden = True
    return edit


def _scale_participants(d):
    for key in ("start", "end"):
        d["grids"]["flow"][(key, "f")] += 400
    d["grids"]["groups"][(L.ART1_GROUP[0][0], "f")] += 400


def _funding_zero(d):
    for row in d["tables"]["funding"]:
        row["amount"] = 0.0


def _hours_per_person(d):
    total = participants(d) * 5000
    d["grids"]["hours"][("total", "hours")] = total
    d["grids"]["hours"][("social", "hours")] = total * 3 // 4


def _service_people(d):
    d["tables"]["services"][0]["participants"] = participants(d) + 1


def _people(d, sex: str) -> int:
    return d["grids"]["flow"][("start", sex)] + d["grids"]["flow"][("entered", sex)]


def _process_over_participants(d):
    d["grids"]["process"][("with_contract", "f")] = _people(d, "f") + 1


def _process_over_plan(d):
    d["grids"]["process"].update({("with_plan", "m"): 1, ("plan_reviewed", "m"): 1, ("co_decided", "m"): 2})


def _no_case_manager_post(d):
    d["tables"]["staff"] = [r for r in d["tables"]["staff"] if r["role"] != L.STAFF_ROLE[1][1]]


def explanation(cell=None, code=None, text="Liczba jest poprawna: dwa nabory w okresie."):
    def mutate(d):
        d["tables"].setdefault("explanations", []).append(
            {"sheet": S.PARTICIPANTS.name, "cell": cell, "code": code, "text": text})
    return mutate


SERVICES, STAFF, FUNDING, ANIMATION, STAKEHOLDERS, PARTNERSHIPS, BARRIERS = (
    S.SERVICES, S.STAFF, S.FUNDING, S.ANIMATION, S.STAKEHOLDERS, S.PARTNERSHIPS, S.BARRIERS)
P, F = S.PARTICIPANTS.name, S.FORM.name
FIRST_GROUP = L.ART1_GROUP[0][0]
OVERFLOW_ROW = SERVICES.last_data_row + 1

CASES: list[Case] = [
    # ---- file level
    Case("empty", "FILE_EMPTY", raw=write_bytes(b"")),
    Case("text_renamed", "FILE_CSV", raw=write_bytes("Imię;Nazwisko\nJan;Kowalski\n".encode())),
    Case("cp1250_text", "FILE_TEXT", raw=write_bytes("Łódź;żółć;gęślą\n".encode("cp1250"))),
    Case("old_xls", "FILE_XLS", raw=write_bytes(OLE2)),
    Case("encrypted", "FILE_ENCRYPTED", raw=write_bytes(OLE2_ENCRYPTED)),
    Case("ods_renamed", "FILE_ODS", raw=_ods),
    Case("truncated", "FILE_CORRUPT", raw=_truncated),
    Case("zip_many_entries", "ZIP_TOO_MANY_ENTRIES", raw=zip_with(_many_entries)),
    Case("zip_declared_huge", "ZIP_TOO_LARGE", raw=_declared_huge),
    Case("zip_part_over_declared_size", "ZIP_PART_TOO_LARGE", raw=_part_over_its_declared_size),
    Case("zip_bomb_ratio", "ZIP_RATIO", raw=zip_with(_bomb)),
    Case("zip_duplicate", "ZIP_DUPLICATE", raw=zip_with(_duplicate)),
    Case("absurd_dimensions", "FILE_DIMENSIONS", S.INSTRUCTIONS_SHEET, "XFD1048576", edit=set_cell(S.INSTRUCTIONS_SHEET, "XFD1048576", "x")),
    # Cells calamine places far out although no canonical r="…" says so: the sheet is parsed as XML.
    Case("far_cell_single_quotes", "FILE_DIMENSIONS", S.INSTRUCTIONS_SHEET, "ZZ60000",
         raw=sheet_xml(S.INSTRUCTIONS_SHEET, far_row(b"<c r='ZZ60000' t='inlineStr'><is><t>x</t></is></c>"))),
    Case("far_cell_spaced_attribute", "FILE_DIMENSIONS", S.INSTRUCTIONS_SHEET, "A60000",
         raw=sheet_xml(S.INSTRUCTIONS_SHEET, far_row(b'<c t="n" r = "A60000"><v>1</v></c>'))),
    Case("far_cell_without_ref", "FILE_DIMENSIONS", S.INSTRUCTIONS_SHEET, "A60000",
         raw=sheet_xml(S.INSTRUCTIONS_SHEET, far_row(b"<c><v>1</v></c>"))),
    Case("far_cell_lower_case", "FILE_DIMENSIONS", S.INSTRUCTIONS_SHEET, "XFD60000",
         raw=sheet_xml(S.INSTRUCTIONS_SHEET, far_row(b'<c r="xfd60000"><v>1</v></c>'))),
    # Far cells in sheets the reader loads, written canonically or not.
    Case("far_cell_in_read_sheet", "FILE_DIMENSIONS", SERVICES.name, "XFD1048576", raw=sheet_xml(SERVICES.name, (
        lambda xml: xml.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>')))),
    Case("far_row_in_read_sheet", "FILE_DIMENSIONS", SERVICES.name, "A60000",
         raw=sheet_xml(SERVICES.name, far_row(b'<c r="A60000"><v>1</v></c>'))),
    Case("far_cell_single_quotes_in_read_sheet", "FILE_DIMENSIONS", STAFF.name, "ZZ60000",
         raw=sheet_xml(STAFF.name, far_row(b"<c r='ZZ60000' t='inlineStr'><is><t>x</t></is></c>"))),
    Case("too_many_cells", "FILE_TOO_MANY_CELLS", SERVICES.name, raw=sheet_xml(SERVICES.name, _many_cells(True))),
    Case("too_many_cells_without_ref", "FILE_TOO_MANY_CELLS", SERVICES.name,
         raw=sheet_xml(SERVICES.name, _many_cells(False))),
    Case("long_text_in_many_cells", "FILE_TOO_MUCH_TEXT", SERVICES.name,
         raw=sheet_xml(SERVICES.name, _string_cells, strings=_long_first_string)),
    # Sheet data in a part the workbook does not name: calamine may still reach it, so it is checked.
    Case("far_cell_in_unnamed_part", "FILE_DIMENSIONS", "xl/zapas/arkusz.xml", "A60000", raw=zip_with(
        lambda zf: zf.writestr("xl/zapas/arkusz.xml", '<worksheet><sheetData><row r="60000"><c r="A60000">'
                                                      "<v>1</v></c></row></sheetData></worksheet>"))),
    Case("zip_comment", "FILE_CORRUPT", raw=zip_with(lambda zf: setattr(zf, "comment", b"PK\x05\x06 ukryty koniec"))),
    Case("not_template", "NOT_TEMPLATE", raw=_plain_workbook),
    # ---- other kinds of file, each with its own reason (issue 16)
    Case("xlsb_named_xlsx", "FILE_XLSB", raw=XLSB),
    Case("numbers_named_xlsx", "FILE_NUMBERS", raw=NUMBERS),
    Case("workbook_in_odd_folder", "FILE_LAYOUT", raw=LAYOUT),
    Case("spreadsheetml_2003", "FILE_SPREADSHEETML", raw=write_bytes(SPREADSHEETML.encode())),
    Case("html_table", "FILE_HTML", raw=write_bytes(HTML_TABLE.encode())),
    Case("unicode_text", "FILE_CSV", raw=write_bytes("Gmina\tUczestnicy\r\nChełmno\t12\r\n".encode("utf-16"))),
    Case("sylk", "FILE_SYLK", raw=write_bytes(SYLK.encode("cp1250"))),
    Case("dif", "FILE_DIF", raw=write_bytes(DIF.encode("cp1250"))),
    Case("png_named_xlsx", "FILE_NOT_XLSX", raw=_png),
    Case("pdf_named_xlsx", "FILE_NOT_XLSX", raw=write_bytes(PDF)),
    Case("sheet_xml_cut_off", "FILE_XML_BROKEN", raw=parts_edited({part_of(SERVICES.name): _truncated_part})),
    Case("shared_strings_cut_off", "FILE_XML_BROKEN", raw=parts_edited({"xl/sharedStrings.xml": _truncated_part})),
    Case("entity_in_sheet", "FILE_XML_ENTITIES", raw=parts_edited({part_of(SERVICES.name): _entity_in_sheet})),
    Case("entity_in_shared_strings", "FILE_XML_ENTITIES",
         raw=parts_edited({"xl/sharedStrings.xml": _entity_in_strings})),
    Case("macro_sheet", "FILE_MACRO_SHEET", "Makro1", raw=_macro_sheet),
    Case("sheet_part_missing", "FILE_PART_MISSING", SERVICES.name, raw=parts_edited(drop=(part_of(SERVICES.name),))),
    Case("relationship_target_missing", "FILE_PART_MISSING", STAFF.name,
         raw=_retarget(STAFF.name, "worksheets/sheet99.xml")),
    Case("relationship_id_unknown", "FILE_PART_MISSING", SERVICES.name, raw=_unknown_relationship(SERVICES.name)),
    Case("relationships_part_missing", "FILE_PART_MISSING", raw=parts_edited(drop=("xl/_rels/workbook.xml.rels",))),
    Case("sent_as_xls", "FILE_EXTENSION", raw=_valid_copy, suffix=".xls"),
    Case("sent_as_xlsm", "FILE_EXTENSION", raw=_valid_copy, suffix=".xlsm"),
    Case("sent_as_xltx", "FILE_EXTENSION", raw=_valid_copy, suffix=".xltx"),
    Case("huge_number_in_date", "VALUE_OUT_OF_RANGE", S.STAKEHOLDERS.name, "G5", edit=set_cell(S.STAKEHOLDERS.name, "G5", -4.0e16)),
    Case("template_version", "TEMPLATE_VERSION", edit=set_cell(S.META_SHEET, "B2", "9.9")),
    # ---- structure
    Case("sheet_missing", "SHEET_MISSING", ANIMATION.name, edit=_delete_sheet(ANIMATION.name)),
    Case("sheet_renamed", "SHEET_RENAMED", "Kadra 2025", edit=_rename_sheet(STAFF.name, "Kadra 2025")),
    Case("column_renamed", "COLUMN_RENAMED", STAFF.name, S.a1(3, 1), edit=set_cell(STAFF.name, "B3", "Etat")),
    Case("column_deleted", "COLUMN_MISSING", SERVICES.name, S.a1(3, 1), edit=_delete_col(SERVICES.name, 2)),
    Case("column_moved", "COLUMN_MOVED", SERVICES.name, S.a1(3, 2), edit=_delete_col(SERVICES.name, 2)),
    Case("column_inserted", "COLUMN_EXTRA", SERVICES.name, S.a1(3, 1), edit=_insert_col(SERVICES.name, 2)),
    Case("column_added_right", "COLUMN_EXTRA", STAFF.name, S.a1(3, len(STAFF.columns)),
         edit=set_cell(STAFF.name, S.a1(3, len(STAFF.columns)), "Uwagi")),
    Case("row_inserted", "LABEL_CHANGED", P, gref("groups", FIRST_GROUP, "f").replace("B", "A"),
         edit=_insert_row(P, S.grid("groups").first_row)),
    Case("rows_10000", "DATA_OVERFLOW", SERVICES.name, S.a1(OVERFLOW_ROW, 0), edit=_fill_rows(SERVICES, 10_000)),
    Case("outside_columns", "DATA_OUTSIDE_COLUMNS", SERVICES.name, "J5", edit=set_cell(SERVICES.name, "J5", "notatka")),
    Case("formula_input", "CELL_FORMULA", SERVICES.name, tref(SERVICES, 0, "participants"),
         edit=set_cell(SERVICES.name, tref(SERVICES, 0, "participants"), "=2+3")),
    Case("merged_input", "CELL_MERGED", STAFF.name, "A5", edit=_merge(STAFF.name, "A5:B5")),
    Case("hidden_row", "ROW_HIDDEN", STAKEHOLDERS.name, "A6", edit=_hide_row(STAKEHOLDERS.name, 6)),
    # ---- cells
    Case("required_field", "REQUIRED_FIELD", F, fref("lsr_name"), data=form("lsr_name", None)),
    Case("required_cell", "REQUIRED_CELL", STAFF.name, tref(STAFF, 0, "contract"), data=cell_in("staff", 0, "contract", None)),
    Case("min_rows", "TABLE_MIN_ROWS", STAFF.name, "A5", data=lambda d: d["tables"].update(staff=[])),
    Case("int_text", "TYPE_INT", SERVICES.name, tref(SERVICES, 0, "participants"),
         data=cell_in("services", 0, "participants", "około 12")),
    Case("equals_text_in_number", "TYPE_INT", SERVICES.name, tref(SERVICES, 1, "participants"),
         data=cell_in("services", 1, "participants", "=2+2")),
    Case("int_fraction", "TYPE_INT_FRACTION", P, gref("groups", FIRST_GROUP, "f"),
         data=grid_add("groups", FIRST_GROUP, "f", value=2.5)),
    Case("decimal_text", "TYPE_DECIMAL", FUNDING.name, tref(FUNDING, 0, "amount"), data=cell_in("funding", 0, "amount", "dużo")),
    Case("brak_in_count", "TYPE_PLACEHOLDER", P, gref("referrals", "other", "persons"),
         data=grid_add("referrals", "other", "persons", value="brak")),
    Case("negative", "RANGE_NEGATIVE", SERVICES.name, tref(SERVICES, 0, "hours"), data=cell_in("services", 0, "hours", -5.0)),
    Case("bad_date", "TYPE_DATE", ANIMATION.name, tref(ANIMATION, 0, "date"), data=cell_in("animation", 0, "date", "31.02.2025")),
    Case("list_value", "LIST_VALUE", SERVICES.name, tref(SERVICES, 0, "area"), data=cell_in("services", 0, "area", "zdrowie")),
    Case("emoji_in_list", "LIST_VALUE", STAFF.name, tref(STAFF, 0, "own"), data=cell_in("staff", 0, "own", "👍")),
    Case("zero_width_in_list", "LIST_VALUE", STAFF.name, tref(STAFF, 0, "own"), data=cell_in("staff", 0, "own", "TAK\u200b!")),
    Case("ref_format", "REF_FORMAT", PARTNERSHIPS.name, tref(PARTNERSHIPS, 0, "leader"),
         data=cell_in("partnerships", 0, "leader", "KIS")),
    Case("email", "EMAIL_FORMAT", F, fref("email"), data=form("email", "koordynator(at)gmina.pl")),
    Case("number_as_text", "NUMBER_AS_TEXT", FUNDING.name, tref(FUNDING, 0, "amount"),
         data=lambda d: d["tables"]["funding"][0].update(amount=f"{d['tables']['funding'][0]['amount']:.2f}".replace(".", ","))),
    Case("date_as_text", "DATE_AS_TEXT", F, fref("created_on"), data=form("created_on", "15.03.2023")),
    Case("date_as_number", "DATE_AS_NUMBER", STAKEHOLDERS.name, tref(STAKEHOLDERS, 0, "joined_on"),
         edit=_serial_date(STAKEHOLDERS.name, tref(STAKEHOLDERS, 0, "joined_on"), 45000)),
    Case("date_outside", "DATE_OUTSIDE_PERIOD", ANIMATION.name, tref(ANIMATION, 0, "date"),
         data=cell_in("animation", 0, "date", "2024-12-31")),
    Case("date_after", "DATE_AFTER_PERIOD", STAKEHOLDERS.name, tref(STAKEHOLDERS, 1, "joined_on"),
         data=cell_in("stakeholders", 1, "joined_on", "2026-02-01")),
    Case("date_before", "DATE_BEFORE_PERIOD", F, fref("filled_on"), data=form("filled_on", "2024-12-01")),
    Case("fte_max", "RANGE_MAX", STAFF.name, tref(STAFF, 0, "fte"), data=cell_in("staff", 0, "fte", 2.0)),
    # ---- codes and period
    Case("teryt_format", "TERYT_FORMAT", F, fref("teryt"), data=form("teryt", "04040")),
    Case("teryt_woj", "TERYT_VOIVODESHIP_CODE", F, fref("teryt"), data=form("teryt", "0504011")),
    Case("teryt_kind", "TERYT_KIND", F, fref("teryt"), data=form("teryt", "0404014")),
    Case("teryt_mismatch", "TERYT_VOIVODESHIP_MISMATCH", F, fref("teryt"), data=form("voivodeship", "lubelskie")),
    Case("period_format", "PERIOD_FORMAT", F, fref("period"), data=form("period", "2025-Q1")),
    Case("period_run", "PERIOD_MISMATCH", F, fref("period"), kwargs={"period": "2024"}),
    Case("period_template", "PERIOD_TEMPLATE_MISMATCH", F, fref("period"), edit=set_cell(S.META_SHEET, "B3", "2024")),
    # ---- ids, references, consistency
    Case("id_duplicate", "ID_DUPLICATE", STAKEHOLDERS.name, "A6", edit=set_cell(STAKEHOLDERS.name, "A6", "I01")),
    Case("ref_unknown", "REF_UNKNOWN", PARTNERSHIPS.name, tref(PARTNERSHIPS, 0, "members"),
         data=cell_in("partnerships", 0, "members", "I02; I77")),
    Case("provider_unknown", "REF_UNKNOWN", SERVICES.name, tref(SERVICES, 0, "provider"),
         data=cell_in("services", 0, "provider", "I79")),
    Case("animation_types", "ANIMATION_TYPES_SUM", ANIMATION.name, tref(ANIMATION, 0, "institutions"),
         data=cell_in("animation", 0, "type_a", 99)),
    Case("balance_flow", "BALANCE_FLOW", P, gref("flow", "end", "m"), data=grid_add("flow", "end", "m", 1)),
    Case("balance_groups", "BALANCE_GROUPS_TOTAL", P, gref("groups", L.ART1_GROUP[-1][0], "f"),
         data=grid_add("groups", FIRST_GROUP, "f", 1)),
    Case("balance_referrals", "BALANCE_REFERRALS_TOTAL", P, gref("referrals", L.REFERRAL_SOURCE[-1][0], "persons"),
         data=grid_add("referrals", "ops", "persons", 1)),
    Case("balance_duration", "BALANCE_DURATION_TOTAL", P, gref("duration", L.DURATION_BUCKET[-1][0], "persons"),
         data=grid_add("duration", "gt18", "persons", 1)),
    Case("balance_spheres", "BALANCE_SPHERES", P, gref("spheres", "health", "improved"),
         data=lambda d: d["grids"]["spheres"].update({("health", "improved"): d["grids"]["spheres"][("health", "diagnosed")] + 1})),
    Case("balance_spheres_total", "BALANCE_SPHERES_TOTAL", P, gref("spheres", "health", "diagnosed"),
         data=lambda d: d["grids"]["spheres"].update({("health", "diagnosed"): participants(d) + 1})),
    Case("balance_measures", "BALANCE_MEASURES", P, gref("measures", "motivation", "improved"),
         data=lambda d: d["grids"]["measures"].update({("motivation", "improved"): d["grids"]["measures"][("motivation", "measured")] + 1})),
    Case("balance_measures_total", "BALANCE_MEASURES_TOTAL", P, gref("measures", "motivation", "measured"),
         data=lambda d: d["grids"]["measures"].update({("motivation", "measured"): participants(d) + 1})),
    Case("balance_outcomes", "BALANCE_OUTCOMES", P, gref("outcomes", L.OUTCOME[-1][0], "m"),
         data=grid_add("outcomes", "none", "m", 50)),
    Case("balance_hours", "BALANCE_HOURS", P, gref("hours", "social", "hours"),
         data=lambda d: d["grids"]["hours"].update({("social", "hours"): d["grids"]["hours"][("total", "hours")] + 1})),
    # ---- balances of the 2.0 grids
    Case("balance_started", "BALANCE_STARTED_TOTAL", P, gref("started", L.ART1_GROUP[-1][0], "f"),
         data=grid_add("started", "homeless", "f", 1)),
    Case("balance_process", "BALANCE_PROCESS", P, gref("process", "with_contract", "f"), data=_process_over_participants),
    Case("balance_process_plan", "BALANCE_PROCESS_PLAN", P, gref("process", "co_decided", "m"), data=_process_over_plan),
    Case("balance_followup", "BALANCE_FOLLOWUP", P, gref("followup", "fu_unknown", "persons"),
         data=grid_add("followup", "fu_searching", "persons", 1)),
    # ---- privacy
    Case("pesel_text", "PRIVACY_PESEL", BARRIERS.name, tref(BARRIERS, 0, "description"),
         data=cell_in("barriers", 0, "description", f"Pani X, PESEL {VALID_PESEL}, nie ma dojazdu")),
    Case("pesel_in_renamed_shared_strings", "PRIVACY_PESEL", BARRIERS.name, tref(BARRIERS, 0, "description"),
         raw=_pesel_in_renamed_strings),
    Case("pesel_number", "PRIVACY_PESEL", SERVICES.name, tref(SERVICES, 0, "in_kind"),
         data=cell_in("services", 0, "in_kind", float(VALID_PESEL))),
    Case("pesel_hidden_sheet", "PRIVACY_PESEL", S.LISTS_SHEET, "A40", edit=set_cell(S.LISTS_SHEET, "A40", VALID_PESEL)),
    Case("name_in_count", "PRIVACY_NAME", P, gref("groups", "alcohol", "m"),
         data=grid_add("groups", "alcohol", "m", value="Jan Kowalski")),
    # ---- plausibility
    Case("many_participants", "PLAUS_PARTICIPANTS", P, gref("flow", "entered", "f"), data=_scale_participants),
    Case("hours_per_person", "PLAUS_HOURS", P, gref("hours", "total", "hours"), data=_hours_per_person),
    Case("funding_zero", "PLAUS_FUNDING_ZERO", FUNDING.name, tref(FUNDING, 0, "amount"), data=_funding_zero),
    Case("service_people", "PLAUS_SERVICE_PARTICIPANTS", SERVICES.name, tref(SERVICES, 0, "participants"),
         data=_service_people),
    Case("case_manager_no_post", "PLAUS_CASE_MANAGER_STAFF", P, gref("process", "with_case_manager", "f"),
         data=_no_case_manager_post),
    Case("supervision_mismatch", "PLAUS_SUPERVISION", F, fref("supervision"), data=form("supervision", "NIE")),
    Case("explanation_no_target", "EXPLANATION_TARGET", S.EXPLANATIONS.name, tref(S.EXPLANATIONS, 0, "cell"),
         data=explanation()),
    Case("explanation_bad_cell", "EXPLANATION_CELL", S.EXPLANATIONS.name, tref(S.EXPLANATIONS, 0, "cell"),
         data=explanation(cell="wiersz 14")),
]


# ---------------------------------------------------------------- what a reader library says (never for a user)
READER_WORDS = re.compile(
    r"\b(?:error|errors|not|found|invalid|unrecognized|unexpected|expecting|expected|missing|relationship|sheet|"
    r"file|cannot|detect|unsupported|unknown|failed|the|is|of|and)\b"
    r"|\b\w*(?:Error|Exception)\b|WorksheetNotFound|BadZipFile|Traceback|panicked|calamine|quick-xml|defusedxml",
    re.I)


def reader_words(message: str) -> list[str]:
    """English in a message: the readable-text guard's English words (``tests.readable.checks.english``)
    and the words and exception names a reader library's own error text would bring."""
    from tests.readable.checks import english
    from tests.readable.extract import CONSOLE, Snippet

    found = [m.group() for m in READER_WORDS.finditer(message)]
    found += [p.problem for p in english([Snippet("komunikat", "", message, CONSOLE)])]
    return found
