"""The pre-flight's regex fast path must report exactly what a real XML parse of the sheet reports."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from ksr_reports import spec as S
from ksr_reports.validation import preflight as P

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
        for sheet, part in P._sheet_parts(zf, names).items():
            xml = zf.read(part)
            package = P.Package()
            try:
                scan(sheet, xml, package, sheet in inputs)
                error = None
            except P.PreflightError as e:
                error = (e.code, e.params)
            out.append((sheet, P._canonical(xml), package.formulas, package.hidden_rows, package.merged, error))
    return out


@pytest.mark.parametrize("case", FACT_CASES, ids=[c.id for c in FACT_CASES])
def test_fast_path_equals_xml_parse_on_corpus_files(case, tmp_path):
    path = case.make(tmp_path)
    fast, parsed = _facts(P._fast_scan, path), _facts(P._parsed_scan, path)
    assert all(canonical for _, canonical, *_ in fast)       # openpyxl writes canonical sheets
    assert fast == parsed
    assert any(f[2] or f[3] or f[4] or f[5] for f in fast)   # the case really has something to find


def test_fast_path_equals_xml_parse_on_samples():
    assert SAMPLES
    for path in SAMPLES[:6]:
        fast = _facts(P._fast_scan, path)
        assert all(canonical for _, canonical, *_ in fast)   # xlsxwriter writes canonical sheets
        assert fast == _facts(P._parsed_scan, path)


@pytest.mark.parametrize("xml, canonical", [
    (b'<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>', True),
    (b"<sheetData><row r='1'><c r='A1'><v>1</v></c></row></sheetData>", False),
    (b'<sheetData><row r="1"><c s="1" r="A1"><v>1</v></c></row></sheetData>', False),
    (b'<sheetData><row r="1"><c\nr="A1"><v>1</v></c></row></sheetData>', False),
    (b'<sheetData><row><c r="A1"><v>1</v></c></row></sheetData>', False),
    (b'<x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row></x:sheetData>', False),
    (b'<sheetData><row r="1"><c r="A1"><y:v>1</y:v></c></row></sheetData>', False),
])
def test_canonical_form_is_recognised_strictly(xml, canonical):
    assert P._canonical(xml) is canonical


def test_parsed_scan_places_cells_without_reference_like_calamine():
    xml = (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
           b'<row r="3"><c><v>1</v></c><c><f>A1</f><v>2</v></c></row><row><c r="C9"><v>3</v></c></row>'
           b'</sheetData></worksheet>')
    package = P.Package()
    P._parsed_scan("Usługi", xml, package, True)
    assert package.formulas == {"Usługi": [("B3", "A1")]}
    far = xml.replace(b"<row><c r=\"C9\">", b"<row><c r=\"GS9\">")
    with pytest.raises(P.PreflightError) as e:
        P._parsed_scan("Usługi", far, P.Package(), True)
    assert e.value.params["cell"] == "GS9"
