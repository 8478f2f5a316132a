"""One error family: every failure Caravan expects is a `CaravanError`.

Subclasses also inherit the built-in they resemble, so callers may catch
either. Messages say what went wrong and what to do next; the CLI prints them
as one line on stderr and exits with status 1.
"""

from __future__ import annotations


class CaravanError(Exception):
    """Root of every error Caravan raises on purpose.

    A message may end with a hint for the command line (`caravan sources` lists
    them), given apart as `hint`: the CLI prints message and hint as one line,
    while the web shows `plain`, the message alone, to people who have no
    command line.
    """

    def __init__(self, message: str = "", *, hint: str | None = None) -> None:
        self.plain = message
        self.hint = hint
        super().__init__(f"{message}; {hint}" if hint else message)


class InputError(CaravanError, ValueError):
    """A value given by a user (an argument, a file) is not acceptable."""


class NoRouteError(InputError):
    """The question is well formed, but the network offers no route under its constraints."""


class DataError(InputError):
    """A curated or imported data file is wrong; the message names file and place."""

    def __init__(self, path: str, where: str | None, problem: str) -> None:
        self.path = path
        self.where = where
        self.problem = problem
        place = f"{path}:{where}" if where else path
        super().__init__(f"{place}: {problem}")


class NotFoundError(CaravanError, LookupError):
    """Something asked for by id or name is not in the ledger."""


class LedgerError(CaravanError, RuntimeError):
    """The ledger file is missing, unreadable or of another schema version."""
