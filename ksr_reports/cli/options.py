"""Shared click option types and callbacks."""
from __future__ import annotations

import sys

import click

from ..periods import is_period


def period_option(required: bool = False):
    def check(ctx, param, value):
        if value is not None and not is_period(value):
            raise click.BadParameter(f"niepoprawny okres „{value}”; podaj rok (np. 2025) albo półrocze (2025-H1, 2025-H2).")
        return value
    return click.option("--period", "-p", callback=check, required=required, metavar="OKRES",
                        help="Okres sprawozdawczy: rok (2025) albo półrocze (2025-H1, 2025-H2).")


PROGRESS_FROM = 20   # show a progress bar on stderr from this many files


class ProgressBar:
    """click progress bar on stderr, opened lazily once the total is known (stdout stays clean)."""

    def __init__(self):
        self.bar = None
        self.done = 0

    def __call__(self, done: int, total: int) -> None:
        if total < PROGRESS_FROM:
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="Sprawdzanie plików", file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.done)
        self.done = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
