"""Property: whatever lands in any input cell, the validator reports and never crashes."""
from __future__ import annotations

import datetime as dt
import os

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ksr_reports import spec as S
from ksr_reports.validation import validate_file

from .corpus import write_valid


def _input_cells() -> list[tuple[str, str]]:
    cells = [(S.FORM.name, S.FORM.cell_of(f.key)) for f in S.FORM.fields]
    for t in S.TABLES:
        first = 1 if t.id_prefix else 0
        cells += [(t.name, S.a1(S.TABLE_FIRST_DATA_ROW + r, c)) for r in (0, 1, t.capacity - 1)
                  for c in range(first, len(t.columns))]
    cells += [(S.PARTICIPANTS.name, g.cell_of(rk, ck)) for g in S.PARTICIPANTS.grids for rk, _ in g.rows for ck, _ in g.columns]
    return cells


TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)
VALUES = st.one_of(
    TEXT, st.sampled_from(["brak", "=1/0", "=A1", "0,5", "1 200", "44051401359", "Jan Kowalski", "TAK", "I01; I99",
                           "2025-13-45", "  ", "🙂", "\u202e", "-0", "1e308"]),
    st.integers(-10**15, 10**15), st.floats(allow_nan=False, allow_infinity=False), st.booleans(),
    st.dates(dt.date(1900, 3, 1), dt.date(2200, 1, 1)), st.none(),
)


@pytest.fixture(scope="module")
def base_book(tmp_path_factory):
    path = write_valid(tmp_path_factory.mktemp("prop") / "base.xlsx")
    return openpyxl.load_workbook(path), tmp_path_factory.mktemp("prop-out")


# KSR_PROPERTY_EXAMPLES=500 for a deeper run; 50 keeps the suite fast.
@settings(max_examples=int(os.environ.get("KSR_PROPERTY_EXAMPLES", 50)), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cells=st.lists(st.tuples(st.sampled_from(_input_cells()), VALUES), min_size=1, max_size=4))
def test_random_values_in_input_cells_never_crash(base_book, cells):
    wb, outdir = base_book
    ws_cells = [(wb[sheet][ref], value) for (sheet, ref), value in cells]
    saved = [(c, c.value) for c, _ in ws_cells]
    try:
        for cell, value in ws_cells:
            cell.value = value
        path = outdir / "case.xlsx"
        wb.save(path)
    finally:
        for cell, old in saved:
            cell.value = old
    report = validate_file(path)
    written = {(sheet, ref) for (sheet, ref), _ in cells}
    if report.status == "unreadable":   # only a number no date can hold, in a date cell, may do that
        assert {f.code for f in report.issues} == {"VALUE_OUT_OF_RANGE"}
        assert {(f.sheet, f.cell) for f in report.issues} <= written
    assert not [f for f in report.issues if f.code == "CHECK_FAILED"], report.issues
    assert all(f.message and f.sheet for f in report.issues)
    report.to_dict()
