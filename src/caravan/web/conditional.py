"""HTTP semantics around the app (plain ASGI): HEAD on every GET route, ETag, 304 and Cache-Control.

An answer is a function of the ledger build it is read from and of the request's
canonical key (path and the known query parameters, `cache.request_key`), so
its entity tag is written from those two before the app runs: a client that
sends the tag back gets 304 without the answer being computed again, and a new
build changes every tag. Pages and API answers are `no-cache` (a client keeps
them but asks each time, cheaply). A pinned vendor file asked for at its
versioned address (`caravan.web.vendor.vendor_url`) is `immutable` for a year:
a new version has a new address. Every other static file is `no-cache` and
revalidated by the ETag and Last-Modified the static files answer with (304 on a match).
"""

from __future__ import annotations

import hashlib

from caravan import __version__
from caravan.web.cache import build_id, request_key
from caravan.web.security import ASGIApp, Message, Receive, Scope, Send
from caravan.web.vendor import is_versioned

STATIC_PREFIX = "/static/"
REVALIDATE = b"no-cache"
IMMUTABLE = b"public, max-age=31536000, immutable"


def entity_tag(scope: Scope) -> bytes:
    """The weak entity tag of the answer to this request: its build, Caravan's version and the request key."""
    digest = hashlib.blake2b(repr((build_id(scope), __version__, request_key(scope))).encode(), digest_size=12)
    return b'W/"' + digest.hexdigest().encode() + b'"'


def _matches(header: bytes, tag: bytes) -> bool:
    # If-None-Match: a list of tags, or "*"; weak comparison (RFC 9110, 13.1.2).
    candidates = [t.strip() for t in header.split(b",")]
    bare = tag.removeprefix(b"W/")
    return any(c == b"*" or c.removeprefix(b"W/") == bare for c in candidates)


class HeadAsGet:
    """Answer HEAD on every GET route: run the request as GET and send the headers without the body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Rewrite HEAD to GET and drop the body of the answer."""
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return
        scope = dict(scope, method="GET")
        started = False

        async def headers_only(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                await send(message)
            elif message["type"] == "http.response.body" and started:
                if not message.get("more_body"):
                    await send({"type": "http.response.body", "body": b""})
            else:
                await send(message)

        await self.app(scope, receive, headers_only)


class Revalidate:
    """Give GET answers an ETag and Cache-Control, and answer 304 when the client's tag still holds."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer 304 from the tag alone, or tag the answer on its way out."""
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        if scope["path"].startswith(STATIC_PREFIX):
            versioned = is_versioned(scope["path"], scope.get("query_string", b"").decode("latin-1"))
            policy = IMMUTABLE if versioned else REVALIDATE
            await self.app(scope, receive, _with_headers(send, [(b"cache-control", policy)], ok_only=versioned))
            return
        tag = entity_tag(scope)
        sent = dict(scope.get("headers", [])).get(b"if-none-match")
        if sent is not None and _matches(sent, tag):
            await send(
                {
                    "type": "http.response.start",
                    "status": 304,
                    "headers": [(b"etag", tag), (b"cache-control", REVALIDATE), (b"vary", b"Accept-Encoding")],
                }
            )
            await send({"type": "http.response.body", "body": b""})
            return

        async def tagged(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                if message["status"] == 200 and b"etag" not in names:
                    headers.append((b"etag", tag))
                if b"cache-control" not in names:
                    headers.append((b"cache-control", REVALIDATE if message["status"] == 200 else b"no-store"))
                message = dict(message, headers=headers)
            await send(message)

        await self.app(scope, receive, tagged)


def _with_headers(send: Send, extra: list[tuple[bytes, bytes]], *, ok_only: bool = False) -> Send:
    """Add headers the answer does not set itself (with `ok_only`, to 200 and 304 answers only)."""

    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start" and (not ok_only or message["status"] in (200, 304)):
            names = {name.lower() for name, _ in message.get("headers", [])}
            message = dict(message, headers=[*message.get("headers", []), *(h for h in extra if h[0] not in names)])
        await send(message)

    return sending
