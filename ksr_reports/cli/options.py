"""Shared click option types and callbacks."""
from __future__ import annotations

import click

from ..periods import is_period


def period_option(required: bool = False):
    def check(ctx, param, value):
        if value is not None and not is_period(value):
            raise click.BadParameter(f"niepoprawny okres „{value}”; podaj rok (np. 2025) albo półrocze (2025-H1, 2025-H2).")
        return value
    return click.option("--period", "-p", callback=check, required=required, metavar="OKRES",
                        help="Okres sprawozdawczy: rok (2025) albo półrocze (2025-H1, 2025-H2).")
