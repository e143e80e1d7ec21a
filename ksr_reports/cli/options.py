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


class Number(click.ParamType):
    """A whole number, shown in help as LICZBA (click's INTEGER RANGE and [1<=x<=64] are English), with
    an optional range stated in the option's help and checked here with a Polish message."""

    name = "liczba"

    def __init__(self, low: int | None = None, high: int | None = None):
        self.low, self.high = low, high

    def get_metavar(self, param, ctx=None) -> str:
        return "LICZBA"

    def convert(self, value, param, ctx):
        try:
            number = int(value)
        except (TypeError, ValueError):
            self.fail(f"„{value}” nie jest liczbą całkowitą.", param, ctx)
        if (self.low is not None and number < self.low) or (self.high is not None and number > self.high):
            self.fail(f"{number} jest poza zakresem – podaj liczbę od {self.low} do {self.high}.", param, ctx)
        return number


def workers_option():
    return click.option("--workers", type=Number(1, 64),
                        help="Liczba procesów, od 1 do 64 (domyślnie zależnie od liczby plików).")


class Seconds(click.ParamType):
    """A time limit in seconds, shown as LICZBA: a whole or decimal number (comma or point) from 0 to
    one day; 0 means no limit (None)."""

    name = "sekundy"
    HIGH = 86_400

    def get_metavar(self, param, ctx=None) -> str:
        return "LICZBA"

    def convert(self, value, param, ctx):
        if value is None or isinstance(value, float):
            return value
        try:
            seconds = float(str(value).strip().replace(",", "."))
        except ValueError:
            self.fail(f"„{value}” nie jest liczbą sekund.", param, ctx)
        if not 0 <= seconds <= self.HIGH:      # also NaN
            self.fail(f"{value} jest poza zakresem – podaj liczbę sekund od 0 do {self.HIGH} (0 – bez limitu).",
                      param, ctx)
        return seconds or None


def file_timeout_option():
    """``--file-timeout``: how long one untrusted file may be read in its child process (``sandbox``)."""
    return click.option("--file-timeout", type=Seconds(), default="60", show_default=False,
                        help="Najdłuższy czas czytania jednego pliku w sekundach (domyślnie 60, 0 – bez limitu); "
                             "plik czytany dłużej zostaje odrzucony, a pozostałe są sprawdzane dalej.")


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
