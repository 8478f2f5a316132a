"""A bounded cache of API answers (plain ASGI middleware).

The ledger is read-only while it is served (a rebuild writes a new file that
this process never sees), so the answer to a GET request is a function of its
path and query alone: the cache keeps the most recent answers, in memory,
bounded by count and by size. It sits inside the security and outside the
gzip layer, so each stored answer is sent as it was first produced.
"""

from __future__ import annotations

from collections import OrderedDict

from caravan.web.security import ASGIApp, Message, Receive, Scope, Send

Stored = tuple[Message, bytes]


class ResponseCache:
    """Answer repeated GET requests under a path prefix from memory.

    Only complete 200 answers are kept; requests with a body, other methods
    and streaming answers pass straight through.
    """

    def __init__(
        self, app: ASGIApp, prefix: str = "/api/", max_entries: int = 1024, max_bytes: int = 512 * 1024
    ) -> None:
        self.app = app
        self.prefix = prefix
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.entries: OrderedDict[tuple[str, bytes, bool], Stored] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def _key(self, scope: Scope) -> tuple[str, bytes, bool]:
        gzip = any(n == b"accept-encoding" and b"gzip" in v for n, v in scope.get("headers", []))
        return scope["path"], scope.get("query_string", b""), gzip

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Send a stored answer, or pass the request on and store a cacheable answer."""
        if scope["type"] != "http" or scope["method"] != "GET" or not scope["path"].startswith(self.prefix):
            await self.app(scope, receive, send)
            return
        key = self._key(scope)
        stored = self.entries.get(key)
        if stored is not None:
            self.entries.move_to_end(key)
            self.hits += 1
            start, body = stored
            await send(dict(start))
            await send({"type": "http.response.body", "body": body})
            return
        self.misses += 1
        start_message: Message | None = None
        chunks: list[bytes] = []
        cacheable = True

        async def capture(message: Message) -> None:
            nonlocal start_message, cacheable
            if message["type"] == "http.response.start":
                start_message = message
                cacheable = message["status"] == 200
            elif message["type"] == "http.response.body":
                if message.get("more_body"):
                    cacheable = False
                chunks.append(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, capture)
        body = b"".join(chunks)
        if cacheable and start_message is not None and len(body) <= self.max_bytes:
            self.entries[key] = (dict(start_message), body)
            if len(self.entries) > self.max_entries:
                self.entries.popitem(last=False)
