"""The uncached API's fast path: answers sent before routing (`caravan.web.direct`) are the routes' own, byte for byte,
and only when certain; a running app keeps what it loaded out of the collector's full scans."""

from __future__ import annotations

import asyncio
import gc
import gzip
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote

import pytest
from fastapi.testclient import TestClient

from caravan.settings import Settings
from caravan.web.app import create_app
from caravan.web.direct import DOUBT, DirectAnswers, checked_parameters, plain_value
from caravan.web.security import Message, Scope

PAIR = "/api/observations?indicator=trade.turnover&subject=CHN&counterpart=KAZ"

# Requests the direct answers take (plainly valid parameters) ...
TAKEN = [
    PAIR,
    PAIR + "&derived=false",
    PAIR + "&limit=1&offset=1",
    "/api/observations",
    "/api/observations?entity=KAZ&limit=1000",
    "/api/observations?method=derived&offset=10000000",
    "/api/observations?period=2024&derived=true&limit=1",
    "/api/observations?indicator=absent.indicator",
    "/api/observations?subject=%E4%B8%AD%E5%9B%BD",  # percent-encoded UTF-8 (中国): no rows
    "/api/observations?entity=KAZ&unknown=1&unknown=2",  # parameters the route does not declare
    "/api/observations?indicator=" + "x" * 100,
    "/api/indicators",
    "/api/indicators?lang=ru",
    "/api/indicators/trade.turnover",
    "/api/indicators/trade%2Eturnover",
]
# ... and requests they leave to the routes (downloads, errors, doubtful or repeated values).
LEFT = [
    PAIR + "&format=csv",
    PAIR + "&lang=zh",  # labels in another language: the encoded answers are the English ones
    "/api/observations?entity=KAZ&lang=ru&unknown=1",
    PAIR + "&format=json",
    "/api/indicators?format=csv",
    "/api/observations?entity=KAZ&format=datapackage",
    "/api/observations?limit=0",
    "/api/observations?limit=1001",
    "/api/observations?limit=-1",
    "/api/observations?limit=+5",
    "/api/observations?limit=05",
    "/api/observations?limit=5.0",
    "/api/observations?limit=",
    "/api/observations?offset=10000001",
    "/api/observations?offset=1e3",
    "/api/observations?derived=True",
    "/api/observations?derived=1",
    "/api/observations?derived=no",
    "/api/observations?indicator=",
    "/api/observations?indicator=" + "x" * 101,
    "/api/observations?indicator=trade.turnover&indicator=trade.exports",
    "/api/observations/",
    "/api/indicators/",
    "/api/indicators/absent.indicator",
    "/api/indicators/trade.turnover/",
]


@pytest.fixture(scope="module")
def clients(real_settings: Settings) -> Iterator[tuple[TestClient, TestClient]]:
    """The app with its direct answers, and the same app answering every request through its routes."""
    with (
        TestClient(create_app(real_settings, cache=False), raise_server_exceptions=False) as direct,
        TestClient(create_app(real_settings, cache=False, direct=False), raise_server_exceptions=False) as routed,
    ):
        yield direct, routed


def _answer(
    client: TestClient, path: str, method: str = "GET", encoding: str = "identity"
) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
    response = client.request(method, path, headers={"Accept-Encoding": encoding})
    # Sorted: the order of differently named fields carries no meaning (RFC 9110, 5.3), and a gzipped whole
    # answer gets its Content-Encoding before the build header rather than after.
    return response.status_code, sorted(h for h in response.headers.raw if h[0] != b"date"), response.content


def _scope(client: TestClient, path: str, headers: list[tuple[bytes, bytes]]) -> Scope:
    target, _, query = path.partition("?")
    return {
        "type": "http",
        "method": "GET",
        "path": unquote(target),  # as a server hands it on: percent-decoded
        "query_string": query.encode(),
        "headers": headers,
        "app": client.app,
    }


def _passes_on(
    client: TestClient, path: str, headers: list[tuple[bytes, bytes]] | None = None
) -> tuple[bool, list[Message]]:
    """Run the direct answers alone on one request: whether they passed it on, and what they sent."""
    passed: list[Scope] = []
    sent: list[Message] = []

    async def routes(scope: Scope, receive: Any, send: Any) -> None:
        passed.append(scope)

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        sent.append(message)

    asyncio.run(DirectAnswers(routes)(_scope(client, path, headers or []), receive, send))
    return bool(passed), sent


@pytest.mark.parametrize("path", TAKEN + LEFT)
def test_every_answer_is_the_routes_own(clients: tuple[TestClient, TestClient], path: str) -> None:
    direct, routed = clients
    for method in ("GET", "HEAD"):
        for encoding in ("identity", "gzip"):
            assert _answer(direct, path, method, encoding) == _answer(routed, path, method, encoding), (method, path)


@pytest.mark.parametrize("path", TAKEN)
def test_plainly_valid_requests_are_answered_before_routing(clients: tuple[TestClient, TestClient], path: str) -> None:
    direct, routed = clients
    passed, sent = _passes_on(direct, path)
    assert not passed
    assert sent[0]["status"] == 200
    assert sent[1]["body"] == routed.get(path).content
    assert set(sent[0]["headers"]) <= set(_answer(routed, path)[1])  # content-length and type as the route's


@pytest.mark.parametrize("path", LEFT)
def test_downloads_errors_and_doubtful_values_go_to_the_routes(
    clients: tuple[TestClient, TestClient], path: str
) -> None:
    direct, _ = clients
    assert _passes_on(direct, path) == (True, [])


def test_an_answer_names_its_build_and_revalidates(clients: tuple[TestClient, TestClient]) -> None:
    direct, routed = clients
    first = direct.get(PAIR)
    assert first.headers["x-caravan-build"] == routed.get(PAIR).headers["x-caravan-build"]
    again = direct.get(PAIR, headers={"If-None-Match": first.headers["etag"]})
    assert (again.status_code, again.content) == (304, b"")
    zipped = direct.get(PAIR, headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["content-encoding"] == "gzip"
    assert zipped.content == first.content  # the client unzips it


def test_whole_answers_go_out_gzipped_once_per_build_as_the_gzip_layer_compresses(
    clients: tuple[TestClient, TestClient],
) -> None:
    direct, routed = clients
    for path in ("/api/indicators", PAIR):
        passed, sent = _passes_on(direct, path, [(b"accept-encoding", b"gzip, br")])
        with routed.stream("GET", path, headers={"Accept-Encoding": "gzip, br"}) as answer:
            raw = b"".join(answer.iter_raw())
            assert answer.headers["content-encoding"] == "gzip"
        assert not passed
        if path == PAIR:  # a page is sent as it is, and the gzip layer around compresses it
            assert (dict(sent[0]["headers"]).get(b"content-encoding"), sent[1]["body"]) == (
                None,
                routed.get(path).content,
            )
        else:
            assert dict(sent[0]["headers"])[b"content-encoding"] == b"gzip"
            assert sent[1]["body"] == raw
            assert gzip.decompress(raw) == routed.get(path).content


def test_without_resident_tables_every_request_goes_to_the_routes(real_settings: Settings) -> None:
    with TestClient(create_app(real_settings, cache=False, resident=False)) as queried:
        assert _passes_on(queried, PAIR) == (True, [])


def test_values_are_read_as_their_schema_says_or_doubted() -> None:
    text = {"anyOf": [{"type": "string", "maxLength": 3}, {"type": "null"}]}
    count = {"type": "integer", "minimum": 1, "maximum": 10, "default": 1}
    flag = {"type": "boolean", "default": True}
    assert plain_value("abc", text) == "abc"
    assert plain_value("10", count) == 10
    assert plain_value("false", flag) is False
    doubts = [("abcd", text), ("", text), ("11", count), ("0", count), ("1_0", count), ("yes", flag)]
    doubts += [("a", {"type": "string", "pattern": "a"}), ("json", {"$ref": "#/components/schemas/TableFormat"})]
    assert [plain_value(value, schema) for value, schema in doubts] == [DOUBT] * len(doubts)
    declared = {"name": text, "count": count}
    assert checked_parameters(b"name=ab&count=3&other=x", declared) == {"name": "ab", "count": 3}
    assert checked_parameters(b"name=ab&name=cd", declared) is None
    assert checked_parameters(b"", declared) == {}


def test_a_running_app_keeps_what_it_loaded_out_of_the_collectors_scans(real_settings: Settings) -> None:
    gc.unfreeze()  # whatever an earlier app left frozen
    with TestClient(create_app(real_settings, cache=False)):
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0  # handed back when it stops
