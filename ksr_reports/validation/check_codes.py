"""Codes: TERYT structure, its województwo, the optional TERC register; the reporting period."""
from __future__ import annotations

from typing import Iterator

from .. import spec as S
from ..reader.coerce import fold
from .catalogue import Code, finding
from .context import Context
from .report import Finding

GMINA_KINDS = ("1", "2", "3")
VOIVODESHIP_CODES = tuple(code for code, _ in S.lists.VOIVODESHIPS)


def _form_ok(ctx: Context) -> bool:
    form = ctx.layout.form
    return form.name not in ctx.raw.missing_sheets and form.name not in ctx.broken_sheets


def _where(ctx: Context, key: str) -> tuple[str, str, str]:
    form = ctx.layout.form
    return form.name, form.cell_of(key), form.field(key).label


def check_teryt(ctx: Context) -> Iterator[Finding]:
    """WWPPGGR: WW an existing województwo (even 02–32) matching the chosen one, R a gmina kind (1/2/3)."""
    teryt = ctx.data.form.get("teryt")
    if not teryt or not _form_ok(ctx):
        return
    woj, kind = teryt[:2], teryt[6]
    if woj not in VOIVODESHIP_CODES:
        yield finding(Code.TERYT_VOIVODESHIP_CODE, *_where(ctx, "teryt"), value=teryt, woj=woj)
    if kind not in GMINA_KINDS:
        yield finding(Code.TERYT_KIND, *_where(ctx, "teryt"), value=teryt, kind=kind)
    chosen = ctx.data.form.get("voivodeship")
    if chosen and woj in VOIVODESHIP_CODES and chosen != woj:
        names = dict(S.lists.VOIVODESHIPS)
        yield finding(Code.TERYT_VOIVODESHIP_MISMATCH, *_where(ctx, "teryt"), value=teryt,
                      code_woj=f"{woj} {names[woj]}", chosen=names[chosen])


def check_terc(ctx: Context) -> Iterator[Finding]:
    """With a TERC register: the code exists, and the gmina and powiat names match it (names: warnings)."""
    teryt, register = ctx.data.form.get("teryt"), ctx.terc
    if register is None or not teryt or not _form_ok(ctx):
        return
    official = register.gminy.get(teryt)
    if official is None:
        yield finding(Code.TERYT_UNKNOWN, *_where(ctx, "teryt"), value=teryt, register=register.source)
        return
    names = (("gmina", official), ("powiat", register.powiaty.get(teryt[:4])))
    for key, expected in names:
        given = ctx.data.form.get(key)
        if expected and given and fold(_strip_prefix(given)) != fold(expected):
            yield finding(Code.TERC_NAME_MISMATCH, *_where(ctx, key), value=given, teryt=teryt, official=expected)


def _strip_prefix(name: str) -> str:
    """'powiat chełmiński' / 'gmina Chełmno' / 'm. Toruń' -> the bare name used by TERC."""
    for prefix in ("powiat ", "gmina miejska ", "gmina wiejska ", "gmina ", "miasto ", "m. "):
        if name.lower().startswith(prefix):
            return name[len(prefix):]
    return name


def check_period(ctx: Context) -> Iterator[Finding]:
    """The period matches the run's ``--period`` (error) and the template's period (warning)."""
    period = ctx.data.period
    if not period or not _form_ok(ctx):
        return
    if ctx.expected_period and period != ctx.expected_period:
        yield finding(Code.PERIOD_MISMATCH, *_where(ctx, "period"), value=period, expected=ctx.expected_period)
    template_period = ctx.raw.meta.get("period")
    if template_period and template_period != period:
        yield finding(Code.PERIOD_TEMPLATE_MISMATCH, *_where(ctx, "period"), value=period, template=template_period)


CHECKS = (check_teryt, check_terc, check_period)
