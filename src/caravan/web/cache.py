"""A bounded cache of API answers (plain ASGI middleware).

A ledger build is immutable, so the answer to a GET request is a function of
the build and of the request's canonical key: its path and the query
parameters its route declares, in a fixed order (unknown parameters, which the
route ignores, are not part of it, so they cannot fill the cache). The cache
keeps the most recent answers, in memory, bounded by count, by the size of one
answer and by the bytes of all. It sits inside the security and outside the
gzip layer, so each stored answer is sent as it was first produced.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from typing import Any
from urllib.parse import parse_qsl

from starlette.routing import compile_path

from caravan.web.security import ASGIApp, Message, Receive, Scope, Send

Stored = tuple[Message, bytes]
RequestKey = tuple[str, tuple[tuple[str, str], ...]]

_PARAMS = "caravan_query_params"
_MEMO = "caravan_query_params_by_path"
MEMO_PATHS = 4096
"""Paths whose route parameters `query_parameters` keeps at most."""


def query_parameters(scope: Scope) -> dict[str, dict[str, Any]] | None:
    """The query parameters (name → JSON schema) the API route at this path declares (None: not an API route).

    Read from the app's own OpenAPI document, the public description of every route and
    its parameters, compiled once per application; the answer for each path seen is kept
    (up to `MEMO_PATHS` of them, then forgotten all at once), so a path is matched against
    the routes once rather than on every request for it.
    """
    app = scope.get("app")
    state = getattr(app, "state", None)
    if app is None or state is None or not hasattr(app, "openapi"):
        return None
    path = scope["path"]
    memo: dict[str, dict[str, dict[str, Any]] | None] | None = getattr(state, _MEMO, None)
    if memo is not None and path in memo:
        return memo[path]
    table: list[tuple[re.Pattern[str], dict[str, dict[str, Any]]]] | None = getattr(state, _PARAMS, None)
    if table is None:
        table = []
        for route, operations in app.openapi().get("paths", {}).items():
            get = operations.get("get")
            if get is not None:
                regex, _, _ = compile_path(route)
                params = {p["name"]: p.get("schema", {}) for p in get.get("parameters", []) if p.get("in") == "query"}
                table.append((regex, params))
        setattr(state, _PARAMS, table)
    if memo is None or len(memo) >= MEMO_PATHS:
        memo = {}
        setattr(state, _MEMO, memo)
    found = memo[path] = next((params for regex, params in table if regex.match(path)), None)
    return found


def build_id(scope: Scope) -> str:
    """The id of the ledger build now current for the app answering `scope` ("" when none is open)."""
    app = scope.get("app")
    ledgers = getattr(getattr(app, "state", None), "ledgers", None) if app is not None else None
    return str(getattr(ledgers, "build_id", "") or "")


def request_key(scope: Scope) -> RequestKey:
    """The canonical key of a GET request: its path and its route's known parameters, sorted by name.

    Values of a repeated parameter keep their order (`via=A&via=B` is not `via=B&via=A`).
    """
    pairs = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
    known = query_parameters(scope)
    if known is not None:
        pairs = [(k, v) for k, v in pairs if k in known]
    return scope["path"], tuple(sorted(pairs, key=lambda kv: kv[0]))


class ResponseCache:
    """Answer repeated GET requests under a path prefix from memory.

    Only complete 200 answers are kept; requests with a body, other methods
    and streaming answers pass straight through.
    """

    def __init__(
        self,
        app: ASGIApp,
        prefix: str = "/api/",
        max_entries: int = 1024,
        max_bytes: int = 512 * 1024,
        max_total_bytes: int = 32 * 1024 * 1024,
    ) -> None:
        self.app = app
        self.prefix = prefix
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.max_total_bytes = max_total_bytes
        self.entries: OrderedDict[tuple[Any, ...], Stored] = OrderedDict()
        self.total_bytes = 0
        self.hits = 0
        self.misses = 0

    def _key(self, scope: Scope) -> tuple[Any, ...]:
        gzip = any(n == b"accept-encoding" and b"gzip" in v for n, v in scope.get("headers", []))
        return build_id(scope), request_key(scope), gzip

    def _store(self, key: tuple[Any, ...], start: Message, body: bytes) -> None:
        old = self.entries.pop(key, None)
        if old is not None:
            self.total_bytes -= len(old[1])
        self.entries[key] = (dict(start), body)
        self.total_bytes += len(body)
        while self.entries and (len(self.entries) > self.max_entries or self.total_bytes > self.max_total_bytes):
            _, (_, dropped) = self.entries.popitem(last=False)
            self.total_bytes -= len(dropped)

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
            self._store(key, start_message, body)
