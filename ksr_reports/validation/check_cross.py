"""Cross-sheet checks: unique ids, references to stakeholders, balances of the count tables,
privacy (PESEL anywhere) and plausibility warnings."""
from __future__ import annotations

from typing import Iterator

from .. import spec as S
from ..balances import Imbalance, check_balances
from .catalogue import Code, finding
from .check_cells import table_rows
from .context import Context
from .locate import label_of
from .privacy import mask
from .report import Finding

# Plausibility thresholds (warnings). DESIGN §5: "a KIS with 400 participants".
MAX_PARTICIPANTS = 400
FULL_TIME_HOURS_PER_YEAR = 2000
REF_TARGET = "stakeholders"      # table key every reference points into


def check_ids(ctx: Context) -> Iterator[Finding]:
    """Ids of each table with an id column are unique."""
    for t in ctx.layout.tables:
        id_cols = [c for c in t.columns if c.type == "id"]
        for col in id_cols:
            seen: dict[str, int] = {}
            for raw, row in table_rows(ctx, t):
                ident = row.get(col.key)
                if ident in seen:
                    yield finding(Code.ID_DUPLICATE, t.name, raw.cells[col.key].ref, col.label, value=ident,
                                  other=seen[ident])
                elif ident:
                    seen[ident] = raw.row


def check_references(ctx: Context) -> Iterator[Finding]:
    """Every stakeholder id used elsewhere (leader, members, providers, partners) names a filled stakeholder row."""
    target = ctx.layout.table(REF_TARGET)
    if target.name in ctx.raw.missing_sheets or target.name in ctx.broken_sheets:
        return
    id_key = next(c.key for c in target.columns if c.type == "id")
    known = {row.get(id_key) for _, row in table_rows(ctx, target)}
    for t in ctx.layout.tables:
        for col in (c for c in t.columns if c.type in ("ref", "ref_list")):
            for raw, row in table_rows(ctx, t):
                value = row.get(col.key)
                ids = value if isinstance(value, tuple) else (value,) if value else ()
                for ident in ids:
                    if ident not in known:
                        yield finding(Code.REF_UNKNOWN, t.name, raw.cells[col.key].ref, col.label, value=ident,
                                      target=target.name)


def check_animation_types(ctx: Context) -> Iterator[Finding]:
    """Institutions by type A, B, C cannot outnumber all institutions of the event."""
    t = ctx.layout.table("animation")
    for raw, row in table_rows(ctx, t):
        total = row.get("institutions")
        parts = sum(row.get(k) or 0 for k in ("type_a", "type_b", "type_c"))
        if isinstance(total, int) and parts > total:
            yield finding(Code.ANIMATION_TYPES_SUM, t.name, raw.cells["institutions"].ref,
                          t.column("institutions").label, value=total, sum=parts)


def _balance_code(b: Imbalance) -> Code:
    if b.code:
        return Code[b.code]
    if b.balance in ("spheres", "measures"):
        return Code[f"BALANCE_{b.balance.upper()}" + ("" if b.col == "improved" else "_TOTAL")]
    return Code[f"BALANCE_{b.balance.upper()}"]


def _grid_usable(ctx: Context) -> bool:
    name = ctx.layout.participants.name
    return (name not in ctx.raw.missing_sheets and name not in ctx.broken_sheets
            and not any(p.cell.sheet == name for p in ctx.data.problems))


def check_participant_balances(ctx: Context) -> Iterator[Finding]:
    """The balances of the spec (flow, sums, improved ≤ diagnosed, outcomes ≤ completers, hours)."""
    if not _grid_usable(ctx):
        return   # unreadable counts are reported as type errors; balances over them would mislead
    sheet = ctx.layout.participants.name
    for b in check_balances(ctx.data.grids, ctx.version):
        yield finding(_balance_code(b), sheet, b.cell, label_of(sheet, b.cell, ctx.version),
                      left=b.left, right=b.right, formula=b.formula, grid=ctx.layout.grid(b.grid).title)


def check_pesel(ctx: Context) -> Iterator[Finding]:
    """A PESEL (valid checksum and birth date) in any cell of any sheet, as text or as a number."""
    for sheet, ref, pesel in ctx.scan.pesels:
        yield finding(Code.PRIVACY_PESEL, sheet, ref, label_of(sheet, ref, ctx.version), masked=mask(pesel))


def _participants(ctx: Context) -> int:
    flow = ctx.data.grids.get("flow", {})
    return sum(v for (stage, _), v in flow.items() if stage in ("start", "entered"))


def check_plausibility(ctx: Context) -> Iterator[Finding]:
    """Warnings for figures that are possible but unlikely (thresholds above)."""
    lay = ctx.layout
    sheet = lay.participants.name
    people = _participants(ctx)
    if _grid_usable(ctx):
        if people > MAX_PARTICIPANTS:
            ref = lay.grid("flow").cell_of("entered", S.lists.SEX[0][0])
            yield finding(Code.PLAUS_PARTICIPANTS, sheet, ref, label_of(sheet, ref, ctx.version), value=people,
                          limit=MAX_PARTICIPANTS, grid=lay.grid("flow").title)
        hours = ctx.data.grids.get("hours", {}).get(("total", "hours"), 0)
        limit = FULL_TIME_HOURS_PER_YEAR // (2 if ctx.period and "-H" in ctx.period else 1)
        if people and hours / people > limit:
            ref = lay.grid("hours").cell_of("total", "hours")
            yield finding(Code.PLAUS_HOURS, sheet, ref, label_of(sheet, ref, ctx.version), value=round(hours / people), limit=limit)
    yield from _funding_zero(ctx)
    if people and _grid_usable(ctx):
        services = lay.table("services")
        for raw, row in table_rows(ctx, services):
            n = row.get("participants")
            if isinstance(n, int) and n > people:
                yield finding(Code.PLAUS_SERVICE_PARTICIPANTS, services.name, raw.cells["participants"].ref,
                              services.column("participants").label, value=n, total=people)


def _funding_zero(ctx: Context) -> Iterator[Finding]:
    funding = ctx.layout.table("funding")
    rows = table_rows(ctx, funding)
    amounts = [row.get("amount") for _, row in rows]
    if rows and all(isinstance(a, (int, float)) for a in amounts) and sum(amounts) == 0:
        cell = rows[0][0].cells["amount"]
        yield finding(Code.PLAUS_FUNDING_ZERO, cell.sheet, cell.ref, funding.column("amount").label)


CHECKS = (check_ids, check_references, check_animation_types, check_participant_balances, check_pesel,
          check_plausibility)
