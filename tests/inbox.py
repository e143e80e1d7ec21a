"""A realistic, mixed ROPS inbox for województwo 04 (kujawsko-pomorskie), built from the sample generator.

Shared by the ``ksr run`` tests and the readable-text guard: every decision a run can take and every
kind of file a ROPS really receives is in it once. Deterministic (fixed seeds, fixed bytes) and fast
(about 0.5 s: seven small workbooks are built, the rest are bytes).
"""
from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path

from ksr_reports.samples.generate import generate_lsr, pilot_lsrs
from ksr_reports.template import build_template

REGION = "04"

# File name → the decision a regional run over the inbox must take (``podsumowanie.json`` "decision").
EXPECTED_DECISIONS = {
    "LSR_0404011_2025.xlsx": "counted",
    "LSR_0463011_2025.xlsx": "counted",
    "LSR_0405011_2025.xlsx": "counted",              # counted, with a warning
    "LSR_0402032_2025.xlsx": "invalid",
    "LSR_0404011_kopia.xlsx": "duplicate",
    "LSR_0463011_stara_wersja.xlsx": "superseded",
    "LSR_0663011_2025.xlsx": "refused",              # another województwo
    "LSR_0405011_2024.xlsx": "refused",              # another period
    "LSR_uszkodzony.xlsx": "unreadable",
    "pismo_przewodnie.docx": "unreadable",
    "skan.jpg": "unreadable",
    "skan.png": "unreadable",
}


def _lsr(teryt: str):
    return next(lsr for lsr in pilot_lsrs() if lsr.teryt == teryt)


def _build(folder: Path, name: str, teryt: str, seed: int, period: str = "2025", change=None) -> Path:
    data = generate_lsr(_lsr(teryt), period, random.Random(seed))
    if change:
        change(data)
    path = folder / name
    build_template(path, data=data)
    return path


def _filled_on(day: dt.date):
    def change(data):
        data["form"]["filled_on"] = day
    return change


def _no_funding(data) -> None:
    for row in data["tables"]["funding"]:
        row["amount"] = 0


def _broken_balance(data) -> None:
    data["grids"]["flow"][("end", "m")] += 3


def _docx(path: Path) -> None:
    from docx import Document    # python-docx comes with docxtpl, a dependency of the reports

    doc = Document()
    doc.add_paragraph("Pismo przewodnie do sprawozdania LSR za 2025 r.")
    doc.core_properties.created = dt.datetime(2026, 1, 20)   # fixed, so the inbox is the same every time
    doc.save(path)


def make_mixed_inbox(folder: Path) -> Path:
    """Create ``folder`` (if needed) and fill it with a ROPS inbox for województwo 04; return ``folder``.

    The files (decisions in ``EXPECTED_DECISIONS``):

    * ``LSR_0404011_2025.xlsx`` – valid; counted.
    * ``LSR_0463011_2025.xlsx`` – valid, filled on 2026-01-25; counted (the newer submission).
    * ``LSR_0405011_2025.xlsx`` – valid with a warning (every funding amount is 0 zł); counted with warnings.
    * ``LSR_0402032_2025.xlsx`` – with errors (participant balance broken: 3 men too many at the end); invalid.
    * ``LSR_0404011_kopia.xlsx`` – a byte-identical copy of ``LSR_0404011_2025.xlsx`` under another name; duplicate.
    * ``LSR_0463011_stara_wersja.xlsx`` – the same LSR as ``LSR_0463011_2025.xlsx``, filled earlier (2026-01-02);
      superseded by it.
    * ``LSR_0663011_2025.xlsx`` – an LSR of another województwo (06, lubelskie); refused.
    * ``LSR_0405011_2024.xlsx`` – a valid file of another period (2024); refused.
    * ``LSR_uszkodzony.xlsx`` – random bytes named .xlsx; unreadable.
    * ``pismo_przewodnie.docx`` – a Word letter sent by mistake; unreadable.
    * ``skan.jpg`` and ``skan.png`` – two inputs with one stem (their feedback names must differ); unreadable.
    * ``~$LSR_0404011_2025.xlsx`` – an Excel lock file; ignored (not an input at all).
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    valid = _build(folder, "LSR_0404011_2025.xlsx", "0404011", 1)
    shutil.copyfile(valid, folder / "LSR_0404011_kopia.xlsx")
    _build(folder, "LSR_0463011_2025.xlsx", "0463011", 2, change=_filled_on(dt.date(2026, 1, 25)))
    _build(folder, "LSR_0463011_stara_wersja.xlsx", "0463011", 3, change=_filled_on(dt.date(2026, 1, 2)))
    _build(folder, "LSR_0405011_2025.xlsx", "0405011", 4, change=_no_funding)
    _build(folder, "LSR_0402032_2025.xlsx", "0402032", 5, change=_broken_balance)
    _build(folder, "LSR_0663011_2025.xlsx", "0663011", 6)
    _build(folder, "LSR_0405011_2024.xlsx", "0405011", 7, period="2024")
    (folder / "LSR_uszkodzony.xlsx").write_bytes(random.Random(8).randbytes(4096))
    _docx(folder / "pismo_przewodnie.docx")
    (folder / "skan.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(64))
    (folder / "skan.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (folder / "~$LSR_0404011_2025.xlsx").write_bytes(b"lock")
    return folder
