"""The one exception tree of skyledger. Each error carries its context; the CLI and the API translate them.

SkyledgerError
 ├── ConfigError        bad configuration, lexicon or registry (fails at load, not per report)
 ├── IngestError        an input that cannot be read at all (missing, binary, malformed, unreachable)
 │    └── FetchError    a URL that does not resolve or answers with an error
 ├── StoreError         the database cannot be opened, migrated or written
 ├── NotFoundError      an id that names nothing (event, claim, report)
 ├── AuthError          a missing, unknown or revoked token; a write to a read-only store
 └── UsageError         arguments that contradict each other or a value of the wrong form
"""

from __future__ import annotations


class SkyledgerError(Exception):
    """Base of every error skyledger raises on purpose. ``str(error)`` is one line for the user."""

    exit_code = 1

    def __init__(self, message: str, *, path: str | None = None, locator: str | None = None) -> None:
        self.message = message
        self.path = path
        self.locator = locator
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}: "
            if self.locator:
                where = f"{self.path} ({self.locator}): "
        elif self.locator:
            where = f"{self.locator}: "
        return f"{where}{self.message}"


class ConfigError(SkyledgerError):
    pass


class IngestError(SkyledgerError):
    pass


class FetchError(IngestError):
    pass


class StoreError(SkyledgerError):
    pass


class NotFoundError(SkyledgerError):
    pass


class AuthError(SkyledgerError):
    pass


class UsageError(SkyledgerError):
    exit_code = 2
