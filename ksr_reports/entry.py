"""The ``ksr`` console script.

* No console encoding can crash a command: Windows consoles and redirected output use code pages
  (cp1250, cp852) that lack characters the texts use ("–", "„”", "→", "…"). Standard output and
  error are set to replace what the encoding cannot show: with a close ASCII look-alike ("-", '"',
  "->", "...") or, for anything else, "?". Text the encoding can show is written unchanged.
* The command line is imported lazily, so that Ctrl+C pressed while Python is still starting up ends
  quietly instead of with a traceback.
"""
from __future__ import annotations

import codecs
import sys

ERRORS = "ksr-console"
# Look-alikes for characters missing from cp852 or cp1250 (each is plain ASCII, so always encodable).
LOOK_ALIKES = {
    "–": "-", "—": "-", "−": "-", "‑": "-", "→": "->", "←": "<-", "„": '"', "”": '"', "“": '"', "‘": "'",
    "’": "'", "…": "...", "•": "*", "≠": "<>", "≤": "<=", "≥": ">=", "×": "x", "\u00a0": " ", "\u202f": " ",
    "\u2009": " ", "«": '"', "»": '"', "✓": "+", "✗": "x",
}


def _replace(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text = error.object[error.start:error.end]
    return "".join(LOOK_ALIKES.get(ch, "?") for ch in text), error.end


def register_errors() -> str:
    """Register the ``ksr-console`` encoding error handler (idempotent); returns its name."""
    try:
        codecs.lookup_error(ERRORS)
    except LookupError:
        codecs.register_error(ERRORS, _replace)
    return ERRORS


def safe_console() -> None:
    """Make sys.stdout and sys.stderr replace, never refuse, characters their encoding lacks."""
    register_errors()
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors=ERRORS)
            except (ValueError, OSError):     # a closed or unusual stream: leave it as it is
                pass


def main() -> None:
    safe_console()
    try:
        from .cli import main as cli
    except KeyboardInterrupt:
        sys.stderr.write("Przerwano.\n")
        raise SystemExit(1) from None      # as click does for Ctrl+C
    cli()
