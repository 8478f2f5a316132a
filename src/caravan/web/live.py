"""Serving while the data changes: a new build opened off the event loop, the build header, and a cache that forgets.

A build published while the server runs is opened by the first request after it,
in a worker thread (`FollowBuilds`), so reading its resident tables never stalls
the event loop.

Each answer read from the ledger names its build in the `X-Caravan-Build`
header (set by `get_ledger`, see `caravan.web.deps`). The response cache keeps
answers of the current build only: when a newer build is published it is
emptied before the next lookup, and an answer that was being computed while
the build changed is not kept.
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool

from caravan.web.cache import ResponseCache
from caravan.web.deps import BUILD_HEADER, BUILD_STATE, LiveLedger
from caravan.web.security import ASGIApp, Message, Receive, Scope, Send


class FollowBuilds:
    """Open a newly published build in a worker thread before a request reads it.

    Opening a build reads its resident tables (a fraction of a second, longer on a busy
    machine); done on the event loop, it would stall every connection. The first request
    after a publication waits in a thread for the new build; requests arriving meanwhile
    wait for the same opening; every layer inside then finds the build current.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Switch to a newer build off the event loop, then pass the request on."""
        live = live_ledger(scope)
        if live is not None and scope["type"] == "http" and live.stale():
            await run_in_threadpool(live.refresh)
        await self.app(scope, receive, send)


class BuildHeader:
    """Add `X-Caravan-Build: <id>` to every answer that read a build of the ledger."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on; name the build in the answer's headers."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def named(message: Message) -> None:
            if message["type"] == "http.response.start":
                build = scope.get("state", {}).get(BUILD_STATE)
                if build is not None:
                    headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"x-caravan-build"]
                    headers.append((BUILD_HEADER.lower().encode(), str(build).encode()))
                    message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, named)


class BuildCache(ResponseCache):
    """The response cache, emptied whenever the ledger's current build changes."""

    def __init__(self, app: ASGIApp) -> None:
        super().__init__(app)
        self.build: str | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Empty the cache if a newer build is published, then answer as the cache does."""
        live = live_ledger(scope)
        if live is None or scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        before = live.build_id
        if before != self.build:
            self.entries.clear()
            self.build = before
        await super().__call__(scope, receive, send)
        # Between the lookup and the store no other request ran (one event loop); if the build
        # changed meanwhile, what was stored may come from either build: drop it all.
        if live.build_id != before:
            self.entries.clear()


def live_ledger(scope: Scope) -> LiveLedger | None:
    """The server's ledger provider for the app answering `scope` (None outside a started app)."""
    app = scope.get("app")
    state = getattr(app, "state", None)
    return getattr(state, "ledgers", None)
