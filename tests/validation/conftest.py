"""Fixtures for the validation tests: the valid base workbook and the TERC register."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from .corpus import write_valid

# The official register is never copied into the repo: use it where this machine has it.
TERC_CANDIDATES = (Path(os.environ.get("KSR_TERC", "/nonexistent")),
                   Path(__file__).resolve().parents[3] / "shared" / "data" / "TERC_Urzedowy_2022-01-01.csv",
                   Path("/work/shared/data/TERC_Urzedowy_2022-01-01.csv"))
TERC_PATH = next((p for p in TERC_CANDIDATES if p.exists()), None)
needs_terc = pytest.mark.skipif(TERC_PATH is None, reason="official TERC file not available")


@pytest.fixture(scope="session")
def valid_path(tmp_path_factory) -> Path:
    return write_valid(tmp_path_factory.mktemp("valid") / "LSR_valid.xlsx")
