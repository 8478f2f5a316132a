"""HTTP semantics and hardening: HEAD, ETag and 304, Cache-Control, bounded parameters, the cache key, CSV cells."""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st

from caravan.output import Format, csv_safe, render
from caravan.settings import Settings
from caravan.web import vendor
from caravan.web.app import create_app
from caravan.web.cache import MEMO_PATHS, ResponseCache, query_parameters
from caravan.web.conditional import IMMUTABLE

PAGES_AND_API = ["/", "/country/KAZ", "/sources", "/api/meta", "/api/entities", "/api/observations?limit=5"]


@pytest.mark.parametrize("path", PAGES_AND_API)
def test_head_answers_every_get_route_without_a_body(client: TestClient, path: str) -> None:
    get = client.get(path)
    head = client.head(path)
    assert get.status_code == head.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]
    assert head.headers["etag"] == get.headers["etag"]


@pytest.mark.parametrize("path", PAGES_AND_API)
def test_a_matching_etag_gets_304_and_cache_control(client: TestClient, path: str) -> None:
    first = client.get(path)
    tag = first.headers["etag"]
    assert tag.startswith('W/"') and first.headers["cache-control"] == "no-cache"
    again = client.get(path, headers={"if-none-match": tag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == tag
    other = client.get(path, headers={"if-none-match": 'W/"not-this-one"'})
    assert other.status_code == 200 and other.content == first.content


def test_etag_follows_the_known_parameters_only(client: TestClient) -> None:
    base = client.get("/api/observations?limit=5").headers["etag"]
    assert client.get("/api/observations?limit=5&utm_source=x").headers["etag"] == base
    assert client.get("/api/observations?limit=6").headers["etag"] != base


def test_errors_are_not_tagged_or_kept(client: TestClient) -> None:
    response = client.get("/api/entities/XXX")
    assert response.status_code == 404
    assert "etag" not in response.headers and response.headers["cache-control"] == "no-store"


def test_own_static_files_are_revalidated_by_their_etag(client: TestClient) -> None:
    for path in ("/static/favicon.svg", "/static/css/caravan.css", "/static/js/map.js"):
        response = client.get(path)
        assert response.status_code == 200 and response.headers["cache-control"] == "no-cache", path
        again = client.get(path, headers={"if-none-match": response.headers["etag"]})
        assert again.status_code == 304 and again.content == b"", path
    assert client.head("/static/favicon.svg").status_code == 200


def test_pinned_vendor_files_at_their_versioned_address_are_kept_a_year(client: TestClient) -> None:
    page = client.get("/corridors").text
    linked = re.findall(r'src="(/static/vendor/[^"?]+\?v=[0-9a-f]+)"', page)
    assert len(linked) == 2  # d3 and topojson-client
    atlas = re.search(r'data-atlas="([^"]+)"', page)
    assert atlas is not None and "?v=" in atlas.group(1)
    docs = client.get("/docs").text
    linked += re.findall(r'(?:src|href)="(/static/vendor/[^"?]+\?v=[0-9a-f]+)"', docs)
    assert len(linked) == 4
    for url in [*linked, atlas.group(1)]:
        response = client.get(url)
        assert response.status_code == 200 and response.headers["cache-control"] == IMMUTABLE.decode(), url
        assert client.head(url).headers["cache-control"] == IMMUTABLE.decode()
        plain = url.split("?")[0]
        for other in (plain, plain + "?v=0123456789abcdef"):  # not the address of these bytes: revalidated
            answer = client.get(other)
            assert answer.status_code == 200 and answer.headers["cache-control"] == "no-cache", other
            assert client.get(other, headers={"if-none-match": answer.headers["etag"]}).status_code == 304
    missing = client.get("/static/vendor/absent.js?v=0123456789abcdef")
    assert missing.status_code == 404 and "immutable" not in missing.headers.get("cache-control", "")


def test_a_new_version_of_a_vendor_file_has_a_new_address(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vendor, "VENDOR", tmp_path)
    (tmp_path / "d3.min.js").write_text("// d3 7.9.2")
    first = vendor.vendor_url("d3.min.js")
    assert vendor.is_versioned(*first.split("?"))
    (tmp_path / "d3.min.js").write_text("// d3 7.9.3, a new pin")
    os.utime(tmp_path / "d3.min.js", ns=(1, 1))  # a new modification time, whatever the clock's resolution
    second = vendor.vendor_url("d3.min.js")
    assert second != first and vendor.is_versioned(*second.split("?"))
    assert not vendor.is_versioned(*first.split("?"))  # the old address is no longer immutable
    (tmp_path / "d3.min.js").unlink()
    assert vendor.vendor_url("d3.min.js") == "/static/vendor/d3.min.js"
    assert not vendor.is_versioned("/static/vendor/d3.min.js", first.split("?")[1])
    assert vendor.vendor_url("unpinned.js") == "/static/vendor/unpinned.js"


@pytest.mark.parametrize(
    "path,parameter,allowed",
    [
        ("/api/observations?offset=9223372036854775808", "offset", "from 0 to 10000000"),
        ("/api/observations?offset=-1", "offset", "from 0 to 10000000"),
        ("/api/observations?limit=1000000", "limit", "from 1 to 1000"),
        ("/api/routes?from=city.urumqi&to=city.almaty&alternatives=99", "alternatives", "from 1 to 5"),
        ("/api/routes?from=city.urumqi&to=city.almaty&year=99999999999999999999", "year", "from 1800 to 2100"),
        ("/api/trade/mirror?a=CHN&b=KAZ&cif_fob=1e400", "cif_fob", "more than 0 and at most 3"),
    ],
)
def test_out_of_range_parameters_are_400_naming_the_range(
    client: TestClient, path: str, parameter: str, allowed: str
) -> None:
    response = client.get(path)
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["code"] == "bad_request"
    assert error["message"].startswith(parameter) and allowed in error["message"]


@given(st.integers(min_value=-(2**80), max_value=2**80), st.integers(min_value=-(2**80), max_value=2**80))
@settings(max_examples=40, deadline=None)
def test_no_paging_value_is_a_server_error(client: TestClient, limit: int, offset: int) -> None:
    response = client.get(f"/api/observations?limit={limit}&offset={offset}")
    assert response.status_code in (200, 400), response.text


def test_the_cache_ignores_unknown_parameters_and_is_bounded_in_bytes(real_settings: Settings) -> None:
    app = create_app(real_settings)
    with TestClient(app) as test_client:
        cache = _cache_of(app)
        for i in range(30):
            assert test_client.get(f"/api/entities?junk={i}").status_code == 200
        assert len(cache.entries) == 1 and cache.hits == 29
        cache.max_total_bytes = 3 * max(len(body) for _, body in cache.entries.values())
        for limit in range(1, 12):
            test_client.get(f"/api/observations?limit={limit * 50}")
        assert cache.total_bytes <= cache.max_total_bytes
        assert cache.total_bytes == sum(len(body) for _, body in cache.entries.values())


def _cache_of(app) -> ResponseCache:  # type: ignore[no-untyped-def]
    layer = app.middleware_stack
    while layer is not None and not isinstance(layer, ResponseCache):
        layer = getattr(layer, "app", None)
    assert layer is not None, "the app has no response cache"
    return layer


@pytest.mark.parametrize("cell", ["=1+1", "+89.4 %", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_csv_cells_that_look_like_formulas_are_neutralised(cell: str) -> None:
    text = render([{"a": cell, "n": -5.0}], Format.CSV) or ""
    row = next(csv.DictReader(io.StringIO(text, newline="")))
    assert row["a"] == "'" + cell and row["n"] == "-5.0"


@given(st.text())
def test_csv_safe_never_starts_with_a_formula_character(text: str) -> None:
    safe = csv_safe(text)
    assert not safe.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert safe.removeprefix("'") == text or safe == text


def test_csv_downloads_neutralise_formula_cells(client: TestClient) -> None:
    response = client.get("/api/observations?limit=1000&format=csv")
    assert response.status_code == 200
    for row in csv.reader(io.StringIO(response.content.decode("utf-8-sig"))):
        assert not any(cell.startswith(("=", "+", "@", "\t", "\r")) for cell in row), row


def test_head_and_304_through_the_real_server(server: str) -> None:
    import httpx

    head = httpx.head(f"{server}/api/sources", timeout=30)
    assert head.status_code == 200 and head.content == b""
    got = httpx.get(f"{server}/api/sources", timeout=30)
    assert got.headers["etag"] == head.headers["etag"]
    again = httpx.get(f"{server}/api/sources", headers={"if-none-match": got.headers["etag"]}, timeout=30)
    assert again.status_code == 304 and again.content == b""


def test_only_the_embed_may_be_framed(client: TestClient) -> None:
    embed = client.get("/embed/chart", params={"indicator": "trade.turnover", "a": "CHN", "b": "KAZ"})
    assert embed.status_code == 200 and "frame-ancestors *" in embed.headers["content-security-policy"]
    assert "x-frame-options" not in embed.headers and '<base target="_blank">' in embed.text
    page = client.get("/trade")
    assert (
        page.headers["x-frame-options"] == "DENY"
        and "frame-ancestors 'none'" in page.headers["content-security-policy"]
    )
    missing = client.get("/embed/chart", params={"indicator": "no.such", "a": "CHN", "b": "KAZ"})
    assert missing.status_code == 404


def test_route_parameters_are_kept_per_path_within_a_bound(client: TestClient) -> None:
    app = client.app
    assert "limit" in (query_parameters({"app": app, "path": "/api/observations"}) or {})
    for n in range(MEMO_PATHS + 10):  # ids without end: the memo forgets rather than grows
        assert query_parameters({"app": app, "path": f"/api/indicators/x{n}"}) == {}
    assert len(app.state.caravan_query_params_by_path) <= MEMO_PATHS  # type: ignore[attr-defined]
    assert query_parameters({"app": app, "path": "/static/css/app.css"}) is None
