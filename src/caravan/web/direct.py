"""The API's busiest reads answered before routing, from the bytes a build encoded when it was opened.

A page of observations, the indicators' list and one indicator are what the
dashboard and most clients ask for, and with the build's tables in memory their
answers cost nothing to compute: what a request spends is routing, dependency
solving, parameter and response validation and serialisation in FastAPI, about
three quarters of its server time. `DirectAnswers` (plain ASGI, inside every other
layer of `caravan.web.app`, so the build header, ETag and 304, gzip, the cache and
the security headers all still apply) answers those requests itself when it can be
certain of the answer, and passes everything else to the routes unchanged.

It is certain only of a request on the resident build whose query parameters are
each given once and each plainly valid under the route's own declared schema (read
from the app's OpenAPI document, as `caravan.web.cache` reads it): a string within
its length, a non-negative integer in its range written in plain digits, `true` or
`false`. Parameters the route does not declare are ignored, as the route ignores
them. Anything else — a download (`format`), an empty, repeated or doubtful value,
an id the build does not hold — goes to the route, which validates it and answers
with its own errors. The bytes sent are those the route would send
(`tests/web/test_web_direct.py` compares both on many requests).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl

from caravan.web.cache import query_parameters
from caravan.web.deps import BUILD_FILE_STATE, BUILD_STATE, OpenBuild
from caravan.web.encoded import EncodedTables, accepts_gzip
from caravan.web.live import live_ledger
from caravan.web.routers import indicators, observations
from caravan.web.security import ASGIApp, Receive, Scope, Send

Listing = Callable[[EncodedTables, dict[str, Any]], bytes]

LISTINGS: dict[str, Listing] = {
    "/api/observations": observations.direct_page,
    "/api/indicators": indicators.direct_list,
}
"""Paths answered here, each with the function that writes its answer from checked parameters."""
INDICATOR_PREFIX = "/api/indicators/"

DOUBT = object()
"""What `plain_value` answers for a value it is not certain of."""
_SCHEMA_WORDS = frozenset(
    {"type", "title", "description", "default", "maxLength", "minLength", "minimum", "maximum"}
    | {"exclusiveMinimum", "exclusiveMaximum"}
)
_PLAIN_INTEGER = re.compile(r"0|[1-9][0-9]{0,17}")
_BOOLEANS = {"true": True, "false": False}
_HEADERS = [(b"content-type", b"application/json")]
_GZIPPED = [(b"vary", b"Accept-Encoding"), (b"content-encoding", b"gzip")]


def plain_value(value: str, schema: dict[str, Any]) -> Any:
    """A query value converted as its schema reads it, or `DOUBT` unless it is plainly valid.

    Only schemas made of a type (string, integer or boolean, or one of them or null) and
    length or range bounds are understood; any other word (an enum, a pattern, a reference)
    is a doubt, and so is an empty value.
    """
    if "anyOf" in schema:
        branches = [b for b in schema["anyOf"] if b.get("type") != "null"]
        if len(branches) != 1:
            return DOUBT
        schema = branches[0]
    if not value or not _SCHEMA_WORDS.issuperset(schema):
        return DOUBT
    kind = schema.get("type")
    if kind == "string":
        length = len(value)
        if length > schema.get("maxLength", length) or length < schema.get("minLength", 0):
            return DOUBT
        return value
    if kind == "integer":
        if _PLAIN_INTEGER.fullmatch(value) is None:
            return DOUBT
        number = int(value)
        if not _in_range(number, schema):
            return DOUBT
        return number
    if kind == "boolean":
        return _BOOLEANS.get(value, DOUBT)
    return DOUBT


def _in_range(number: int, schema: dict[str, Any]) -> bool:
    low, high = schema.get("minimum"), schema.get("maximum")
    above, below = schema.get("exclusiveMinimum"), schema.get("exclusiveMaximum")
    return (
        (low is None or number >= low)
        and (high is None or number <= high)
        and (above is None or number > above)
        and (below is None or number < below)
    )


def checked_parameters(query: bytes, declared: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    """The declared query parameters, converted, or None if any of them is given twice or is not plainly valid.

    The query string is read as Starlette reads it (Latin-1, then percent-decoded as UTF-8).
    """
    if not query:
        return {}
    given: dict[str, Any] = {}
    for name, value in parse_qsl(query.decode("latin-1"), keep_blank_values=True):
        schema = declared.get(name)
        if schema is None:
            continue  # not a parameter of the route: the route ignores it too
        if name in given:
            return None
        converted = plain_value(value, schema)
        if converted is DOUBT:
            return None
        given[name] = converted
    return given


class DirectAnswers:
    """Answer the resident build's observation pages and indicators without routing, when certain."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    def _answer(self, scope: Scope, held: OpenBuild) -> bytes | None:
        encoded = held.encoded
        if encoded is None:
            return None
        path: str = scope["path"]
        listing = LISTINGS.get(path)
        if listing is not None:
            declared = query_parameters(scope)  # kept per path by `caravan.web.cache`
            params = None if declared is None else checked_parameters(scope.get("query_string", b""), declared)
            return None if params is None else listing(encoded, params)
        if path.startswith(INDICATOR_PREFIX):
            indicator_id = path[len(INDICATOR_PREFIX) :]
            if indicator_id and "/" not in indicator_id:
                return indicators.direct_one(encoded, indicator_id)
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Send the encoded answer, or pass the request on to the routes."""
        live = live_ledger(scope) if scope["type"] == "http" and scope["method"] == "GET" else None
        path = scope.get("path", "")
        if live is None or not live.resident or (path not in LISTINGS and not path.startswith(INDICATOR_PREFIX)):
            await self.app(scope, receive, send)
            return
        held = live.acquire()
        try:
            body = self._answer(scope, held)
            compressed = held.encoded.compressed if held.encoded is not None else None
            if body is not None:
                state = scope.setdefault("state", {})
                state[BUILD_STATE], state[BUILD_FILE_STATE] = held.build_id, held.file
        finally:
            live.release(held)
        if body is None:
            await self.app(scope, receive, send)
            return
        zipped = compressed.get(body) if compressed and accepts_gzip(scope) else None
        if zipped is not None:  # gzipped once per build; the gzip layer passes an encoded answer on as it is
            headers = [(b"content-length", str(len(zipped)).encode()), *_HEADERS, *_GZIPPED]
            body = zipped
        else:
            headers = [(b"content-length", str(len(body)).encode()), *_HEADERS]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})
