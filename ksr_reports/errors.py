"""The one base exception for fatal problems; the CLI turns it into a Polish message and an exit code."""
from __future__ import annotations


class KsrError(Exception):
    """A fatal, user-facing problem (message in Polish). ``exit_code`` follows DESIGN §9."""

    exit_code = 1

    def __init__(self, message: str, exit_code: int | None = None):
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code


class UsageError(KsrError):
    """Wrong arguments or options (exit code 2)."""

    exit_code = 2
