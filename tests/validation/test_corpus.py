"""The corpus of bad inputs: each gives its specific code at its cell, through the library and the CLI."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from ksr_reports.cli import main
from ksr_reports.validation import Code, validate_file

from .conftest import TERC_PATH, needs_terc
from .corpus import CASES, Case, form

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


def test_corpus_is_large_and_covers_the_whole_catalogue():
    assert len(CASES) >= 25
    covered = {c.code for c in CASES + TERC_CASES} | set(EXTRA_CASES)
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
