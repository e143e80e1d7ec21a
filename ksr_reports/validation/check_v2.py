"""Checks of the items template 2.0 added (DESIGN §10), and coordinators' explanations of warnings.

A 1.0 workbook has none of these items, so every check here returns nothing for it (its layout has
no „Wyjaśnienia” sheet, no process grid and no supervision columns). ``explain`` marks the warnings
a row of „Wyjaśnienia” explains: they stay warnings, carry the coordinator's text and are counted
(``LsrData.explained_warnings`` → statistic ``warnings.explained``).
"""
from __future__ import annotations

import dataclasses
import re
from typing import Iterator

from .catalogue import Code, WARNING, finding
from .check_cells import table_rows
from .context import Context
from .locate import label_of
from .report import Finding

EXPLAINED = "Wyjaśnienie koordynatora:"     # how an explained warning's message ends (text, feedback, JSON)
_A1 = re.compile(r"^\$?([A-Z]{1,3})\$?(\d{1,7})$")


def _counts_usable(ctx: Context) -> bool:
    name = ctx.layout.participants.name
    return (name not in ctx.raw.missing_sheets and name not in ctx.broken_sheets
            and not any(p.cell.sheet == name for p in ctx.data.problems))


def check_case_manager_staff(ctx: Context) -> Iterator[Finding]:
    """Participants with an assigned case manager but no case-manager post in "Kadra" (001 §1.3.9: the case
    manager is obligatory in the new KIS; the process grid and the staff list should tell the same story)."""
    lay = ctx.layout
    if not lay.has_grid("process") or not _counts_usable(ctx):
        return
    staff = lay.table("staff")
    if staff.name in ctx.raw.missing_sheets or staff.name in ctx.broken_sheets:
        return
    grid = lay.grid("process")
    assigned = sum(v for (rk, _), v in ctx.data.grids.get("process", {}).items() if rk == "with_case_manager")
    has_post = any(r.get("role") == "case_manager" and (r.get("fte") or 0) > 0 for r in ctx.data.tables["staff"])
    if assigned and not has_post:
        sex = grid.columns[0][0]
        ref = grid.cell_of("with_case_manager", sex)
        sheet = lay.participants.name
        yield finding(Code.PLAUS_CASE_MANAGER_STAFF, sheet, ref, label_of(sheet, ref, ctx.version), value=assigned,
                      staff_sheet=staff.name, grid=grid.title)


def check_supervision(ctx: Context) -> Iterator[Finding]:
    """The form says "no supervision" while staff rows say some posts had it (002 lines 173–177)."""
    lay = ctx.layout
    form = lay.form
    if not lay.has_table("staff") or "supervision" not in {f.key for f in form.fields} \
            or form.name in ctx.broken_sheets:
        return
    staff = lay.table("staff")
    supervised = [raw for raw, row in table_rows(ctx, staff) if row.get("supervised") == "yes"]
    if ctx.data.form.get("supervision") == "no" and supervised:
        yield finding(Code.PLAUS_SUPERVISION, form.name, form.cell_of("supervision"), form.field("supervision").label,
                      count=len(supervised), staff_sheet=staff.name)


def check_explanations(ctx: Context) -> Iterator[Finding]:
    """Each explanation names a cell (an A1 reference) or a code; otherwise it cannot be matched."""
    if not ctx.layout.has_table("explanations"):
        return
    t = ctx.layout.table("explanations")
    for raw, row in table_rows(ctx, t):
        cell, code = (row.get("cell") or "").strip(), (row.get("code") or "").strip()
        if not cell and not code:
            yield finding(Code.EXPLANATION_TARGET, t.name, raw.cells["cell"].ref, t.column("cell").label)
        elif cell and not _A1.match(cell.upper()):
            yield finding(Code.EXPLANATION_CELL, t.name, raw.cells["cell"].ref, t.column("cell").label, value=cell)


CHECKS = (check_case_manager_staff, check_supervision, check_explanations)


def explanation_targets(rows, sheet_names: dict[str, str]) -> tuple[dict[tuple[str, str], str],
                                                                     dict[tuple[str, str], str]]:
    """(sheet name, cell) -> text and (sheet name, code) -> text of „Wyjaśnienia” rows.

    ``rows`` are dicts with ``sheet`` (the list key, e.g. "participants"), ``cell``, ``code`` and ``text``: the
    typed rows of a workbook, or the same rows kept with an LSR's statistics (``rollup/texts.py``), so the run
    can match warnings it adds after validation (``monitoring.outliers``) in the parent process."""
    by_cell: dict[tuple[str, str], str] = {}
    by_code: dict[tuple[str, str], str] = {}
    for row in rows:
        text = (row.get("text") or "").strip()
        sheet = sheet_names.get(row.get("sheet"), "")
        if not text:
            continue
        m = _A1.match((row.get("cell") or "").strip().upper())
        if m:
            by_cell.setdefault((sheet, f"{m.group(1)}{m.group(2)}"), text)
        code = (row.get("code") or "").strip().upper()
        if code:
            by_code.setdefault((sheet, code), text)
    return by_cell, by_code


def explained(f: Finding, by_cell: dict, by_code: dict) -> Finding | None:
    """``f`` marked as explained when it is a warning a „Wyjaśnienia” row names (by sheet and cell, or sheet and
    code): the text on ``explanation`` and at the end of the message. None when no row explains it."""
    text = (by_cell.get((f.sheet, f.cell)) or by_code.get((f.sheet, f.code))) if f.severity == WARNING else None
    if not text:
        return None
    return dataclasses.replace(f, explanation=text, message=f"{f.message} {EXPLAINED} „{text}”")


def explain(ctx: Context, issues: list[Finding]) -> list[Finding]:
    """The findings with every warning a „Wyjaśnienia” row explains marked (``Finding.explanation``); the count
    is kept on the data (``explained_warnings``). Errors are never explained away: they still block the file."""
    if not ctx.layout.has_table("explanations") or not ctx.data.tables.get("explanations"):
        return issues
    names = dict(ctx.layout.table("explanations").column("sheet").choices)
    by_cell, by_code = explanation_targets(ctx.data.tables.get("explanations", []), names)
    out, count = [], 0
    for f in issues:
        marked = explained(f, by_cell, by_code)
        if marked is not None:
            count += 1
            f = marked
        out.append(f)
    ctx.data.explained_warnings = count
    return out
