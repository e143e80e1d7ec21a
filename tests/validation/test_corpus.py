"""The corpus of bad inputs: each gives its specific code at its cell, through the library and the CLI."""
from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from ksr_reports.cli import main
from ksr_reports.indicators import lsr_stats
from ksr_reports.intake import FILE_CODES
from ksr_reports.validation import Code, validate_file
from ksr_reports.validation.catalogue import ROLLUP_GROUPS
from tests.readable.checks import internal_codes
from tests.readable.extract import CONSOLE, Snippet

from .conftest import TERC_PATH, needs_terc
from .corpus import CASES, SERVICES, Case, form, part_of, reader_words

# Codes reached by dedicated tests rather than by a corpus file.
EXTRA_CASES = {"FILE_NOT_FOUND": "test_engine.py", "CHECK_FAILED": "test_engine.py",
               # given by the sandbox to a file read for longer than --file-timeout
               "FILE_TIMEOUT": "../test_sandbox_timeout.py",
               # added by `ksr run` against history and the region, not by validation of one file
               "OUTLIER_HISTORY": "../test_outliers.py", "OUTLIER_REGION": "../test_outliers.py"}
TERC_CASES = [
    Case("terc_unknown", "TERYT_UNKNOWN", "Metryczka", "B5", data=form("teryt", "0404093")),
    Case("terc_name", "TERC_NAME_MISMATCH", "Metryczka", "B6", data=form("gmina", "Chełmża")),
]


def _located(report, case):
    return [f for f in report.issues if f.code == case.code and f.sheet == case.sheet and f.cell == case.cell]


# Errors about a rollup file read back or the register, not findings of one LSR workbook: each has its bad
# file in ../test_rollup_codes.py (test_every_rollup_and_register_code_has_a_case).
ROLLUP_AND_REGISTER = {c.name for c in Code if c.value.group in ROLLUP_GROUPS}


def test_corpus_is_large_and_covers_the_whole_catalogue():
    assert len(CASES) >= 25
    covered = {c.code for c in CASES + TERC_CASES} | set(EXTRA_CASES) | ROLLUP_AND_REGISTER
    assert covered == set(Code.__members__)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case_gives_its_code_at_its_cell_and_cli_exit_code(case, tmp_path, valid_path):
    path = case.make(tmp_path)
    report = validate_file(path, **case.kwargs)
    hits = _located(report, case)
    assert hits, [(f.code, f.sheet, f.cell) for f in report.issues]
    finding = hits[0]
    severity = Code[case.code].severity
    assert finding.severity == severity
    if case.cell:
        assert finding.message.startswith(f"{case.sheet}!{case.cell}")
    expected_status = {"error": ("invalid", "unreadable"), "warning": ("warnings",)}[severity]
    assert report.status in expected_status
    # The CLI: the bad file and a valid one in the same run; the valid one is still validated.
    args = ["validate", "--format", "json", str(path), str(valid_path)]
    if case.kwargs.get("period"):
        args += ["--period", case.kwargs["period"]]
    result = CliRunner().invoke(main, args)
    assert "Traceback" not in result.output
    assert result.exit_code == (1 if severity == "error" else 0 if case.kwargs.get("period") is None else 1)
    files = json.loads(result.output)["files"]
    assert [f["path"] for f in files] == [str(path), str(valid_path)]
    assert any(i["code"] == case.code and i["cell"] == case.cell for i in files[0]["issues"])
    if not case.kwargs:
        assert files[1]["status"] == "valid" and files[1]["issues"] == []


@needs_terc
@pytest.mark.parametrize("case", TERC_CASES, ids=[c.id for c in TERC_CASES])
def test_terc_cases(case, tmp_path):
    path = case.make(tmp_path)
    assert not _located(validate_file(path), case), "TERC checks need the register"
    report = validate_file(path, terc=TERC_PATH)
    assert _located(report, case)
    result = CliRunner().invoke(main, ["validate", "--terc", str(TERC_PATH), str(path)])
    assert result.exit_code == (1 if Code[case.code].severity == "error" else 0)
    assert case.code in json.dumps([f.code for f in report.issues])


# ---- the file-level cases: every kind of file a user may send has its own Polish reason (issue 16)
FILE_LEVEL = [c for c in CASES if c.code in FILE_CODES]
XML_PLACE = re.compile(r" w części „[^”]+”")
LINE_AND_CHARACTER = re.compile(r"\(wiersz \d+, znak \d+\)")


@pytest.mark.parametrize("case", FILE_LEVEL, ids=[c.id for c in FILE_LEVEL])
def test_file_level_message_is_polish_and_located(case, tmp_path):
    """No English, no internal code, a place (the file, a sheet, a part) and, for broken XML, the
    part with the line and character where the parser stopped."""
    report = validate_file(case.make(tmp_path), **case.kwargs)
    finding = _located(report, case)[0]
    assert not reader_words(finding.message), (reader_words(finding.message), finding.message)
    assert internal_codes([Snippet(case.id, "komunikat", finding.message, CONSOLE)]) == [], finding.message
    expected_place = f"{case.sheet}!{case.cell}" if case.cell else f"Arkusz {case.sheet}" if case.sheet else "Plik"
    assert finding.message.startswith(f"{expected_place}: "), finding.message
    if case.code == "FILE_XML_BROKEN":
        assert XML_PLACE.search(finding.message) and LINE_AND_CHARACTER.search(finding.message), finding.message
    if case.code == "FILE_XML_ENTITIES":
        assert XML_PLACE.search(finding.message), finding.message
    if case.code == "FILE_PART_MISSING":
        assert case.sheet or "„xl/" in finding.message, finding.message


@pytest.mark.parametrize("case_id, words", [
    ("text_renamed", "rozdzielonymi średnikami"), ("unicode_text", "rozdzielonymi tabulatorami"),
    ("png_named_xlsx", "obraz PNG"), ("pdf_named_xlsx", "dokument PDF"),
    ("sheet_xml_cut_off", f"„{part_of(SERVICES.name)}”"), ("shared_strings_cut_off", "„xl/sharedStrings.xml”"),
    ("entity_in_shared_strings", "„xl/sharedStrings.xml”"),
    ("macro_sheet", "arkusz makr programu Excel 4.0"),
    ("relationships_part_missing", "„xl/_rels/workbook.xml.rels”"),
    ("sent_as_xls", "rozszerzenie .xls (jak pliki starego formatu Excel 97–2003)"),
    ("sent_as_xlsm", "rozszerzenie .xlsm (skoroszyt z makrami)"),
    ("sent_as_xltx", "rozszerzenie .xltx (szablon Excela)"),
])
def test_file_level_message_names_what_it_found(case_id, words, tmp_path):
    case = next(c for c in CASES if c.id == case_id)
    assert words in _located(validate_file(case.make(tmp_path)), case)[0].message


@pytest.mark.parametrize("suffix", [".xls", ".xlsm", ".xltx"])
def test_workbook_under_another_extension_is_checked_as_xlsx_and_keeps_its_statistics(suffix, tmp_path, valid_path):
    """Only the extension warning: the same data, the same statistics as the .xlsx it is."""
    case = next(c for c in CASES if c.code == "FILE_EXTENSION" and c.suffix == suffix)
    path = case.make(tmp_path)
    assert path.suffix == suffix
    report, valid = validate_file(path), validate_file(valid_path)
    assert report.status == "warnings" and [f.code for f in report.issues] == ["FILE_EXTENSION"]
    assert (report.lsr_id, report.period) == (valid.lsr_id, valid.period)
    assert lsr_stats(report.data) == lsr_stats(valid.data)
