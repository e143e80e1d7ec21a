"""The pre-scan production runs (``intake.prescan.scan_sheet``, which takes the fast path for a canonical sheet)
must report exactly what the exact XML parse (``intake.exact.parsed_scan``) reports."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from ksr_reports import spec as S
from ksr_reports.intake import Refusal
from ksr_reports.intake import preflight as PF
from ksr_reports.intake.exact import parsed_scan
from ksr_reports.intake.fastpath import canonical, sheet_data
from ksr_reports.intake.package import Package
from ksr_reports.intake.parts import sheet_parts
from ksr_reports.intake.pesel import pesel_like
from ksr_reports.intake.prescan import scan_sheet

from .corpus import CASES

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "workbooks" / "samples").rglob("*.xlsx"))
# Corpus files whose sheets carry formulas, merged ranges, hidden rows or many rows.
FACT_CASES = [c for c in CASES if c.id in {"formula_input", "merged_input", "hidden_row", "rows_10000",
                                           "outside_columns", "huge_number_in_date"}]


def _facts(scan, path: Path) -> list:
    out = []
    with zipfile.ZipFile(path) as zf:
        names = {i.filename for i in zf.infolist()}
        inputs = {s.name for s in S.INPUT_SHEETS}
        for sheet, part in sheet_parts(zf, names).parts.items():
            xml = zf.read(part)
            package = Package()
            try:
                scan(sheet, xml, package, sheet in inputs)
                error = None
            except Refusal as e:
                error = (e.code, e.params)
            out.append((sheet, canonical(xml), package.formulas, package.hidden_rows, package.merged, error))
    return out


@pytest.mark.parametrize("case", FACT_CASES, ids=[c.id for c in FACT_CASES])
def test_fast_path_equals_xml_parse_on_corpus_files(case, tmp_path):
    path = case.make(tmp_path)
    fast, parsed = _facts(scan_sheet, path), _facts(parsed_scan, path)
    assert all(canonical for _, canonical, *_ in fast)       # openpyxl writes canonical sheets
    assert fast == parsed
    assert any(f[2] or f[3] or f[4] or f[5] for f in fast)   # the case really has something to find


def test_fast_path_equals_xml_parse_on_samples():
    assert SAMPLES
    for path in SAMPLES[:6]:
        fast = _facts(scan_sheet, path)
        assert all(canonical for _, canonical, *_ in fast)   # xlsxwriter writes canonical sheets
        assert fast == _facts(parsed_scan, path)


@pytest.mark.parametrize("xml, expected", [
    (b'<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>', True),
    (b"<sheetData><row r='1'><c r='A1'><v>1</v></c></row></sheetData>", False),
    (b'<sheetData><row r="1"><c s="1" r="A1"><v>1</v></c></row></sheetData>', False),
    (b'<sheetData><row r="1"><c\nr="A1"><v>1</v></c></row></sheetData>', False),
    (b'<sheetData><row><c r="A1"><v>1</v></c></row></sheetData>', False),
    (b'<x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row></x:sheetData>', False),
    (b'<sheetData><row r="1"><c r="A1"><y:v>1</y:v></c></row></sheetData>', False),
    (b'<sheetData><row r="1"><c r="e1"><f>A2</f><v>1</v></c></row></sheetData>', False),      # lower case
    (b'<sheetData><row r="1"><c r="E1"><f>A2</f><v>1</v></c></row></sheetData>', True),
    (b'<sheetData><row r="1"><c r="A1" t="s" r ="XFD1"><v>1</v></c></row></sheetData>', False),
    (b'<sheetData><row r="1"><c r="A1" t="s" r="XFD1"><v>1</v></c></row></sheetData>', False),
    (b"<sheetData><row r=\"1\"><c r=\"A1\" t=\"s\" r='XFD1'><v>1</v></c></row></sheetData>", False),
    (b'<sheetData><row r="1"><c r="AAA1"><v>1</v></c></row></sheetData>', False),
])
def test_canonical_form_is_recognised_strictly(xml, expected):
    assert canonical(xml) is expected


def test_parsed_scan_places_cells_without_reference_like_calamine():
    xml = (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
           b'<row r="3"><c><v>1</v></c><c><f>A1</f><v>2</v></c></row><row><c r="C9"><v>3</v></c></row>'
           b'</sheetData></worksheet>')
    package = Package()
    parsed_scan("Usługi", xml, package, True)
    assert package.formulas == {"Usługi": [("B3", "A1")]}
    far = xml.replace(b"<row><c r=\"C9\">", b"<row><c r=\"GS9\">")
    with pytest.raises(Refusal) as e:
        parsed_scan("Usługi", far, Package(), True)
    assert e.value.params["cell"] == "GS9"


def _variants(seed: int = 7, count: int = 3000):
    """Sheets built from cells written in many ways: canonical, odd attribute order, quotes, blanks,
    prefixes, references in lower case, with 3 letters or 5 digits, cells or rows without r, a second r,
    formulas, hidden rows, merged ranges, values outside <sheetData>."""
    import random

    rnd = random.Random(seed)
    refs = ["A1", "B7", "GR9", "GS9", "AA12", "Z9999", "A10000", "A60000", "ZZ3", "AAA1", "b3", "e5", "ee7", "XFD1048576"]

    def cell(ref: str) -> bytes:
        value = rnd.choice([b"<v>1</v>", b"<v>12345678901</v>", b'<f>SUM(A1:A2)</f><v>3</v>', b"",
                            b'<is><t>tekst r = " r</t></is>', b"<v>4.4051401E10</v>"])
        form = rnd.randrange(9)
        if form == 0:
            return b'<c r="%s" s="1">%s</c>' % (ref.encode(), value)
        if form == 1:
            return b'<c s="1" r="%s">%s</c>' % (ref.encode(), value)
        if form == 2:
            return b"<c r='%s'>%s</c>" % (ref.encode(), value)
        if form == 3:
            return b'<c\tr="%s">%s</c>' % (ref.encode(), value)
        if form == 4:
            return b"<c>%s</c>" % value
        if form == 5:
            return b'<c r="A1" r="%s">%s</c>' % (ref.encode(), value)
        if form == 6:
            return b'<c r = "%s">%s</c>' % (ref.encode(), value)
        if form == 7:
            return b'<x:c r="%s"><x:v>1</x:v></x:c>' % ref.encode()
        return b'<c r="%s"/>' % ref.encode()

    out = []
    for _ in range(count):
        rows = []
        for n in range(rnd.randrange(1, 5)):
            row_attr = rnd.choice([b' r="%d"' % (n + 1), b' r="%d" hidden="1"' % (n + 1), b"", b' hidden="true" r="3"',
                                   b" r='4'", b' r="12000"'])
            canonical_cells = [b'<c r="%s%d" s="2"><v>%d</v></c>' % (rnd.choice([b"A", b"B", b"AB"]), n + 1, n)
                               for _ in range(rnd.randrange(3))]
            odd = [cell(rnd.choice(refs))] if rnd.random() < 0.5 else []
            rows.append(b"<row%s>%s</row>" % (row_attr, b"".join(canonical_cells + odd)))
        outside = b'<c r="XFD1048576"><v>1</v></c>' if rnd.random() < 0.2 else b""
        merged = b'<mergeCells count="1"><mergeCell ref="A1:B2"/></mergeCells>' if rnd.random() < 0.3 else b""
        out.append(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                   + b"".join(rows) + b"</sheetData>" + outside + merged + b"</worksheet>")
    return out


def _outcome(scan, xml: bytes, taken: list | None = None):
    package = Package()
    try:
        path = scan("Usługi", xml, package, True)
        if taken is not None:
            taken.append(path)
    except Refusal as e:
        return ("refused", e.params["cell"])
    return package.formulas, package.hidden_rows, package.merged


def test_fast_path_is_exact_whenever_it_claims_a_sheet():
    """The counting fast path may send any sheet to the XML parse, but a sheet it keeps must give
    exactly the parse's facts and refusals (cells outside <sheetData> are not read by calamine)."""
    kept, taken = 0, []
    for xml in _variants():
        if canonical(xml):
            kept += 1
            inside = xml.split(b"</sheetData>")[0] + b"</sheetData></worksheet>"
            tail = xml[xml.index(b"</sheetData>") + len(b"</sheetData>"):]
            merged_only = inside[:-len(b"</worksheet>")] + tail.replace(b'<c r="XFD1048576"><v>1</v></c>', b"")
            fast = _outcome(scan_sheet, xml, taken)
            # what calamine sees; refusing for a far cell outside <sheetData> is allowed (stricter)
            assert fast == _outcome(parsed_scan, merged_only) or fast == _outcome(parsed_scan, xml) \
                and fast[0] == "refused", xml
    assert 250 < kept < 3000       # both kinds of sheet are generated
    assert taken.count("fast") > 100    # and production decided many of them on its fast path


def test_calamine_reads_no_cell_outside_sheet_data(tmp_path):
    """The fast path counts only inside <sheetData>: calamine must ignore a far cell after it
    (checked in a child process, since calamine would abort on it otherwise)."""
    import subprocess
    import sys

    import xlsxwriter

    path = tmp_path / "outside.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    wb.add_worksheet("A").write("A1", 1)
    wb.close()
    with zipfile.ZipFile(path) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(b"</sheetData>", b'</sheetData><c r="XFD1048576"><v>2</v></c>')
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    code = ("import python_calamine as pc, sys; wb = pc.CalamineWorkbook.from_path(sys.argv[1]); "
            "print(wb.get_sheet_by_name('A').to_python())")
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.strip() == "[[1.0]]"


HEAD = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
FAR = b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'


@pytest.mark.parametrize("xml", [
    HEAD + b"<sheetData><!--</sheetData>--><row r=\"1\"><c r=\"A1\"><v>1</v></c></row>" + FAR + b"</sheetData></worksheet>",
    HEAD + b"<!--<sheetData></sheetData>--><sheetData>" + FAR + b"</sheetData></worksheet>",
    HEAD + b"<sheetData><?x </sheetData>?>" + FAR + b"</sheetData></worksheet>",
    HEAD + b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[</sheetData>]]></t></is></c></row>' + FAR
    + b"</sheetData></worksheet>",
], ids=["comment", "comment-before", "processing-instruction", "cdata"])
def test_markup_that_hides_tags_sends_the_sheet_to_the_parse(xml):
    """Found by review: a </sheetData> inside a comment, CDATA or processing instruction made the
    byte search count over an empty region while calamine read the far cell (and aborted)."""
    assert sheet_data(xml) is None
    with pytest.raises(Refusal) as e:
        scan_sheet("Usługi", xml, Package(), True)
    assert e.value.code == "FILE_DIMENSIONS" and e.value.params["cell"] == "XFD1048576"


def _facts_of(scan, xml: bytes):
    package = Package()
    scan("Usługi", xml, package, True)
    return package.formulas, package.hidden_rows, package.merged


@pytest.mark.parametrize("body, tail", [
    (b'<row r="3" hidden ="1"><c r="A3"><v>1</v></c></row>', b""),
    (b"<row r=\"3\" hidden='1'><c r=\"A3\"><v>1</v></c></row>", b""),
    (b'<row r="3" spans="1>2" hidden="1"><c r="A3"><v>1</v></c></row>', b""),
    (b'<row r="3" hidden="&#49;"><c r="A3"><v>1</v></c></row>', b""),
    (b'<row r="3"><c r="B3"><f\tt="normal">SUM(A1)</f><v>1</v></c></row>', b""),
    (b'<row r="3"><c r="B3"><f>SUM(A1)</f><v>1</v></c></row>', b"<!--<c r=\"C9\"><f>EVIL()</f>-->"),
    (b'<row r="3"><c r="B03"><f>SUM(A1)</f><v>1</v></c></row>', b""),
    (b'<row r="3"><c r="B3"><v>1</v></c></row>', b'<mergeCells count="1"><mergeCell ref="a1:b2"/></mergeCells>'),
    (b'<row r="3"><c r="B3"><v>1</v></c></row>', b'<mergeCells count="1"><mergeCell ref="$A$1:$B$2"/></mergeCells>'),
    (b'<row r="3"><c r="B3"><v>1</v></c></row>', b"<mergeCells count=\"1\"><mergeCell ref='A1:B2'/></mergeCells>"),
    (b'<row r="3"><c r="B3"><v>1</v></c></row>', b'<mergeCells count="1"><mergeCell ref = "A1:B2"/></mergeCells>'),
    (b'<row r="3"><c r="B3"><v>1</v></c></row>', b'<mergeCells count="1"><mergeCell ref="A1"/></mergeCells>'),
    (b'<row r="3"><c r="B3"><v>1</v></c></row>', b'<x:mergeCells count="1"><x:mergeCell ref="A1:B2"/></x:mergeCells>'),
    (b'<row r="3"><c r="B3"><v>1</v></c></row>', b'<mergeCells count="1"><mergeCell ref="A1:B2"/></mergeCells>'),
])
def test_facts_of_any_spelling_equal_the_parse(body, tail):
    """Found by review: hidden rows, formulas and merged ranges written in unusual ways were missed
    or made up by the fast path; now it either reads them exactly or leaves the sheet to the parse."""
    xml = HEAD.replace(b"<worksheet ", b'<worksheet xmlns:x="urn:x" ') + b"<sheetData>" + body + b"</sheetData>" \
        + tail + b"</worksheet>"
    assert _facts_of(scan_sheet, xml) == _facts_of(parsed_scan, xml)


def test_parse_ignores_formulas_outside_cells():
    """A data validation's <xm:f> in extLst is not a formula of the last cell (found by review)."""
    xml = (HEAD + b'<sheetData><row r="3"><c r="B3"><v>1</v></c></row></sheetData><extLst><ext><x14:dataValidations>'
           b'<x14:dataValidation><x14:formula1><xm:f>Lists!$A$1</xm:f></x14:formula1></x14:dataValidation>'
           b"</x14:dataValidations></ext></extLst></worksheet>")
    xml = xml.replace(b"<worksheet ", b'<worksheet xmlns:x14="urn:x14" xmlns:xm="urn:xm" ')
    assert _facts_of(parsed_scan, xml) == ({}, {}, {})


@pytest.mark.parametrize("xml, expected", [
    (b"<v>044051401359</v>", True), (b"<v>002070803628</v>", True), (b"<v>440514013.59E2</v>", True),
    (b"<v>4405140135900E-2</v>", True), (b"<v>2.070803628E+009</v>", True), (b"<v>4.4051401e10</v>", True),
    (b"<is><r><t>440514</t></r><r><t>01359</t></r></is>", True),
    (b'<si><r><rPr><b/><sz val="11"/></rPr><t>440514</t></r><r><t xml:space="preserve">01359</t></r></si>', True),
    (b"<t>440514<![CDATA[01359]]></t>", True), (b"<t>&#52;&#52;&#48;514&#48;1359</t>", True),
    (b"<v>12345</v>", False), (b"<v>1.5E3</v>", False), (b'<c r="A1"><v>1</v></c><c r="E10"><v>2</v></c>', False),
    (b"<t>ul. Polna 1A/2</t>", False),
])
def test_pesel_pre_check_sees_numbers_however_written(xml, expected):
    """Found by review: leading zeros, exponent forms, rich-text runs, CDATA and character references
    hid PESEL-sized numbers from the pre-check, so the PESEL scan never ran."""
    assert pesel_like(xml) is expected


def test_rich_text_pesel_in_shared_strings_reaches_the_scan(tmp_path):
    """End to end: a partly bold number in a cell (two rich-text runs in sharedStrings.xml)."""
    import xlsxwriter

    path = tmp_path / "rich.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("A")
    ws.write_rich_string("A1", wb.add_format({"bold": True}), "440514", "01359")
    wb.close()
    assert PF(path).pesel_candidates


@pytest.mark.parametrize("xml", [
    HEAD + b'<sheetData><row r="1" spans="</sheetData>"><c r="A1"><v>1</v></c></row>' + FAR + b"</sheetData></worksheet>",
    HEAD + b"<sheetData><row r='1' spans='</sheetData>'><c r=\"A1\"><v>1</v></c></row>" + FAR + b"</sheetData></worksheet>",
    HEAD.replace(b"<worksheet ", b'<worksheet a="&lt;x" b="<sheetData></sheetData>" ') + b"<sheetData>" + FAR
    + b"</sheetData></worksheet>",
    HEAD + b'<dimension ref="A1" x="<sheetData></sheetData>"/><sheetData>' + FAR + b"</sheetData></worksheet>",
    HEAD + b'<sheetData><row r="1" </sheetData><c r="A1"><v>1</v></c></row>' + FAR + b"</sheetData></worksheet>",
    HEAD + b'<sheetData><row r="1"><c r="A1"><v>1</v></c></row </sheetData>>' + FAR + b"</sheetData></worksheet>",
])
def test_tag_bytes_inside_tags_do_not_move_the_region(xml):
    """Found by the second review: <sheetData>/</sheetData> inside an attribute value or a malformed
    tag moved the region the fast path counts in, while calamine read the far cell."""
    assert sheet_data(xml) is None
    with pytest.raises(Refusal) as e:      # the parse refuses the far cell, or the malformed XML (located)
        scan_sheet("Usługi", xml, Package(), True, "xl/worksheets/sheet1.xml")
    assert e.value.code in ("FILE_DIMENSIONS", "FILE_XML_BROKEN")
    if e.value.code == "FILE_XML_BROKEN":
        assert re.search(r"„xl/worksheets/sheet1.xml” \(wiersz \d+, znak \d+\)", e.value.what)
    else:
        raise AssertionError("a far cell passed")


@pytest.mark.parametrize("xml", [
    b"<c r=\"A1\"><v >440514013.59E2</v></c>", b'<c r="A1"><v xml:space="preserve">440514013.59E2</v></c>',
    b"<v>440514013.e2</v>", b"<v>440514013.E2</v>", b'<c t="str"><v>440514<?x y?>01359</v></c>',
    b"<is><t>440514</t><t>01359</t></is>", b"<si><r><t>440514</t><t>01359</t></r></si>",
    b"<si><t>440514</t><r><t>01359</t></r></si>", b"<si><r><rPr/><t>440514</t></r><r><t>01359</t></r></si>",
    b"<si><r><t>440514</t></r><r><t/></r><r><t>01359</t></r></si>", b"<si><r ><t>440514</t ></r><r><t>01359</t></r></si>",
    b"<x:si><x:r><x:t>440514</x:t></x:r><x:r><x:t>01359</x:t></x:r></x:si>",
    b"<si><t>440514</t><rPh sb=\"0\" eb=\"1\"><t>x</t></rPh></si><si><r><t>4405</t></r><r><t>1401359</t></r></si>",
])
def test_pesel_pre_check_second_review(xml):
    assert pesel_like(xml)


def test_separate_values_are_not_joined_into_a_pesel():
    assert not pesel_like(b'<c r="A1"><v>12345</v></c><c r="B1"><v>67890</v></c><si><t>12345</t></si><si><t>67890</t></si>')


@pytest.mark.parametrize("body, tail", [
    (b'<row r="3"><c r="B3"><f t="shared" ref="B3:B4" si="0">SUM(A1)</f><v>1</v></c></row>', b""),
    (b'<row r="3"><c r="B3"><f aca="false">SUM(A1)</f><v>1</v></c></row>', b""),
    (b'<row r="3"><c r="B3"><v>1</v></c><f>EVIL()</f></row>', b""),
    (b'<row r="3"><c r="B3"/><f>EVIL()</f></row>', b""),
    (b'<row r="3"><c r="B3"><v>1</v></c></row>', b'<mergeCells count="1"><mergeCell a-ref="A1:B2" ref="C3:D4"/></mergeCells>'),
    (b'<row r="3"><c r="B3"><v>1</v></c></row>', b'<mergeCells count="1"><mergeCell x:ref="A1:B2"/></mergeCells>'),
])
def test_facts_second_review(body, tail):
    xml = HEAD.replace(b"<worksheet ", b'<worksheet xmlns:x="urn:x" ') + b"<sheetData>" + body + b"</sheetData>" \
        + tail + b"</worksheet>"
    assert _facts_of(scan_sheet, xml) == _facts_of(parsed_scan, xml)


@pytest.mark.parametrize("xml, expected", [
    (b"<si><t>00211312345</t></si>", True),            # a PESEL of someone born in 2000, as text
    (b"<v>2070803628</v>", True),                      # 02070803628 read as a number
    (b"<v>0.333333333333333</v>", False),              # the decimals of a fraction
    (b"<v>44051401359.5</v>", True),
    (b"<si><t>PL61109010140000071219812874</t></si>", False),    # a bank account number
])
def test_pesel_pre_check_lengths(xml, expected):
    assert pesel_like(xml) is expected

