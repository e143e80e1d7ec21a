"""The one base exception for fatal problems; the CLI turns it into a Polish message and an exit code."""
from __future__ import annotations


class KsrError(Exception):
    """A fatal, user-facing problem (message in Polish). ``exit_code`` follows DESIGN §9.

    ``code``: the stable catalogue code (``ksr_reports.validation.catalogue``, e.g. ``ROLLUP_CHECKSUM``) when
    the problem has one (rollup files and the register), else None; never shown to users, kept for programs
    and tests. Both attributes survive pickling (an error raised in a child process)."""

    exit_code = 1

    def __init__(self, message: str, exit_code: int | None = None, *, code: str | None = None):
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code
        self.code = code


class UsageError(KsrError):
    """Wrong arguments or options (exit code 2)."""

    exit_code = 2
