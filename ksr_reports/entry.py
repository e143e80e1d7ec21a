"""The ``ksr`` console script: imports the command line lazily, so that Ctrl+C pressed while
Python is still starting up ends quietly instead of with a traceback."""
from __future__ import annotations

import sys


def main() -> None:
    try:
        from .cli import main as cli
    except KeyboardInterrupt:
        sys.stderr.write("Przerwano.\n")
        raise SystemExit(1) from None      # as click does for Ctrl+C
    cli()
