"""How `caravan serve` runs uvicorn: connection limits, and a deadline for every request's head.

uvicorn closes a kept-alive connection only after a response, and any byte
received cancels that timer; a socket that connects and says nothing, or sends
its request head one byte at a time, is kept open for ever. The protocol below
gives each request head (from the connection's start, or from the end of the
previous response) `request_timeout` seconds to arrive in full; an idle or slow
client is then closed. A request whose head has arrived is never cut short.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

KEEP_ALIVE_SECONDS = 5
"""Idle time after a response before a kept-alive connection is closed (uvicorn's own timer)."""
LIMIT_CONCURRENCY = 1000
"""Connections and requests at once beyond which uvicorn answers 503 (idle sockets count until closed)."""
BACKLOG = 512
"""Connections the kernel queues before the server accepts them."""


def timed_protocol(request_timeout: float) -> type[H11Protocol]:
    """The h11 protocol of uvicorn with a deadline for each request head."""

    class TimedH11Protocol(H11Protocol):
        """uvicorn's h11 protocol that closes a connection whose request head is late."""

        _head_timer: asyncio.TimerHandle | None = None

        def _arm(self) -> None:
            self._disarm()
            self._head_timer = self.loop.call_later(request_timeout, self._head_late)

        def _disarm(self) -> None:
            if self._head_timer is not None:
                self._head_timer.cancel()
                self._head_timer = None

        def _head_late(self) -> None:
            self._head_timer = None
            if self.transport.is_closing() or (self.cycle is not None and not self.cycle.response_complete):
                return  # closed already, or the head came in and the request is being answered
            with contextlib.suppress(h11.LocalProtocolError):
                self.conn.send(h11.ConnectionClosed())
            self.transport.close()

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._arm()

        def handle_events(self) -> None:
            super().handle_events()
            if self.cycle is not None and not self.cycle.response_complete:
                self._disarm()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            if not self.transport.is_closing():
                self._arm()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

    return TimedH11Protocol


def uvicorn_options(request_timeout: float) -> dict[str, Any]:
    """The uvicorn settings `caravan serve` runs with (besides host, port and log level).

    Args:
        request_timeout: Seconds a client has to send a whole request head
            (`caravan serve --request-timeout`).
    """
    return {
        "http": timed_protocol(request_timeout),
        "timeout_keep_alive": KEEP_ALIVE_SECONDS,
        "limit_concurrency": LIMIT_CONCURRENCY,
        "backlog": BACKLOG,
        "server_header": False,
    }
