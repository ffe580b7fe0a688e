"""The one error a `counterclaim` command raises for a failure the user can fix."""

from __future__ import annotations


class CommandError(Exception):
    """A failure the user can fix; printed without a traceback, with its exit code."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code
