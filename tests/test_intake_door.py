"""One door for untrusted files (issue 16): only ``ksr_reports/intake`` hands a file to a reader library."""
from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "ksr_reports"
READERS = re.compile(r"CalamineWorkbook\.from_|load_workbook\(|defusedxml|ElementTree\.(?:parse|fromstring|iterparse)")
# zip files the program writes itself, or reads back right after writing them (never an input)
OWN_ZIPS = {"rollup/writer.py", "web/results.py", "regenerate.py"}   # regenerate: the committed artefacts


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if not rel.startswith("intake/"):
            yield rel, path.read_text(encoding="utf-8")


def test_no_module_outside_intake_opens_a_file_with_a_reader_library():
    found = [(rel, m.group()) for rel, text in _modules() for m in READERS.finditer(text)]
    assert not found, found


def test_zip_files_are_opened_outside_intake_only_for_the_programs_own_outputs():
    found = [rel for rel, text in _modules() if "zipfile.ZipFile(" in text and rel not in OWN_ZIPS]
    assert not found, found


def test_no_module_over_600_lines_and_intake_modules_small():
    sizes = {p.relative_to(PACKAGE).as_posix(): len(p.read_text(encoding="utf-8").splitlines())
             for p in PACKAGE.rglob("*.py")}
    assert max(sizes.values()) <= 600, max(sizes.items(), key=lambda kv: kv[1])
    intake = {k: v for k, v in sizes.items() if k.startswith("intake/")}
    assert len(intake) >= 10 and max(intake.values()) <= 300, intake
