"""The workbook specification is self-consistent and is the only source of layout."""
from __future__ import annotations

import dataclasses

import pytest

from ksr_reports import spec as S
from ksr_reports.spec import _check
from ksr_reports.spec import workbook as W


def test_spec_passes_its_own_check():
    _check.check_spec()


def test_every_closed_list_column_has_a_named_list():
    names = S.closed_lists()
    for col in S.FORM.fields + tuple(c for t in S.TABLES for c in t.columns):
        if col.type in ("choice", "yesno"):
            assert S.list_name(col.choices) in names
            assert col.values and all(v.strip() for v in col.values)


def test_grids_are_stacked_without_overlap_and_cells_are_addressed():
    rows = []
    for g in S.PARTICIPANTS.grids:
        rows += list(range(g.top, g.top + g.height))
    assert len(rows) == len(set(rows))
    flow = S.grid("flow")
    assert flow.cell_of("start", "f") == f"B{flow.first_row}"
    assert flow.cell_of("end", "m") == f"C{flow.first_row + 5}"


def test_a1_and_column_letters():
    assert S.col_letter(0) == "A" and S.col_letter(25) == "Z" and S.col_letter(26) == "AA"
    assert S.a1(5, 2) == "C5"


@pytest.mark.parametrize("broken", [
    {"type": "liczba"},                       # unknown type
    {"key": "Zła Nazwa"},                     # key must be snake_case
    {"type": "choice", "choices": ()},        # a closed list needs values
    {"type": "text", "choices": S.lists.YES_NO},  # only closed lists may carry values
])
def test_a_broken_column_fails_the_check(monkeypatch, broken):
    bad = dataclasses.replace(S.STAFF.columns[0], **broken)
    staff = dataclasses.replace(S.STAFF, columns=(bad,) + S.STAFF.columns[1:])
    monkeypatch.setattr(W, "TABLES", tuple(staff if t.key == "staff" else t for t in W.TABLES))
    with pytest.raises(_check.SpecError):
        _check.check_spec()


def test_duplicate_sheet_names_fail_the_check(monkeypatch):
    monkeypatch.setattr(W, "ALL_SHEET_NAMES", W.ALL_SHEET_NAMES + (W.ALL_SHEET_NAMES[1],))
    with pytest.raises(_check.SpecError):
        _check.check_spec()


def test_no_module_outside_spec_hard_codes_a_sheet_name():
    """Sheet names appear only in the specification (and Polish prose)."""
    import pathlib
    root = pathlib.Path(S.__file__).parent.parent
    names = [s.name for s in S.INPUT_SHEETS if s.name not in ("Kadra", "Usługi", "Animacja", "Bariery")]
    import ast
    for path in root.rglob("*.py"):
        if "spec" in path.parts:
            continue
        # string constants of the code (docstrings and comments may name a sheet in prose)
        consts = {n.value for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                  if isinstance(n, ast.Constant) and isinstance(n.value, str)}
        for name in names:
            assert name not in consts, f"{path} hard-codes sheet {name}"


def test_committed_data_dictionary_is_current():
    from ksr_reports.spec.dictionary import render
    from .conftest import ROOT

    committed = (ROOT / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    assert committed == render(), "run: python -m ksr_reports.spec.dictionary > docs/data-dictionary.md"
