"""The error catalogue: well-formed entries and current generated docs."""
from __future__ import annotations

import re
from pathlib import Path

from ksr_reports.validation.catalogue import Code, finding, markdown

DOCS = Path(__file__).resolve().parents[2] / "docs" / "validation.md"


def test_docs_are_generated_from_the_catalogue():
    assert DOCS.read_text(encoding="utf-8") == markdown() + "\n", \
        "run: python -m ksr_reports.validation > docs/validation.md"


def test_every_entry_says_what_and_how_to_fix_in_polish():
    for code in Code:
        entry = code.value
        assert entry.severity in ("error", "warning")
        assert re.fullmatch(r"[A-Z][A-Z0-9_]+", code.name)
        assert entry.what[0].islower() or entry.what[0] in "„{", code      # follows "where: "
        assert entry.what.rstrip().endswith((".", "}")) and entry.fix.endswith("."), code
        assert entry.fix[0].isupper(), code


def test_finding_message_is_where_what_fix():
    f = finding(Code.REQUIRED_FIELD, "Metryczka", "B4", "Nazwa LSR")
    assert f.message == "Metryczka!B4 (Nazwa LSR): pole obowiązkowe jest puste. Uzupełnij pole w kolumnie B."
    assert finding(Code.FILE_EMPTY).message.startswith("Plik: ")
    assert finding(Code.SHEET_MISSING, "Kadra", name="Kadra").message.startswith("Arkusz Kadra: brak arkusza")
