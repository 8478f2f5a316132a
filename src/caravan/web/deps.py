"""Request dependencies: a ledger cursor per request, safe under concurrent requests.

The application opens the ledger once, read-only; each request gets its own
DuckDB cursor on that database (a cursor is a separate connection to the same
database, so requests served on different threads never share one).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request

from caravan.ledger.store import Ledger


class CursorLedger(Ledger):
    """A `Ledger` whose queries run on a cursor of an already open ledger."""

    def __init__(self, base: Ledger) -> None:
        self.path = base.path
        self.meta = base.meta
        self.con = base.con.cursor()


async def get_ledger(request: Request) -> AsyncIterator[Ledger]:
    """A ledger for the span of one request, on its own cursor.

    Async so that opening and closing the cursor (both instant) cost no trip to the thread pool.
    """
    ledger = CursorLedger(request.app.state.ledger)
    try:
        yield ledger
    finally:
        ledger.close()


LedgerDep = Annotated[Ledger, Depends(get_ledger)]
