"""Static files gzipped once per version of each file (issue #16, item 6): bytes, ETags, 304 and headers.

Driven against a real `caravan serve` on loopback (the `server` fixture), reading the bytes as sent
(httpx would otherwise undo the gzip itself), and, for a file that changes, a real app on a folder.
"""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.testclient import TestClient

from caravan.web.conditional import IMMUTABLE
from caravan.web.encoded import GZIP_MINIMUM_SIZE
from caravan.web.static_files import CompressedStaticFiles
from caravan.web.vendor import vendor_url

STATIC = Path(__file__).resolve().parents[2] / "src" / "caravan" / "web" / "static"
GZIP = {"accept-encoding": "gzip, deflate"}
PLAIN = {"accept-encoding": "identity"}
# Headers a static answer carries whatever its encoding (Cache-Control from caravan.web.conditional).
SAME = ("etag", "last-modified", "content-type", "cache-control", "accept-ranges")


def raw(base: str, path: str, headers: dict[str, str]) -> tuple[httpx.Response, bytes]:
    """The answer to GET `path` and its body exactly as the server sent it (not decoded)."""
    with httpx.Client(base_url=base, timeout=30) as http, http.stream("GET", path, headers=headers) as response:
        return response, b"".join(response.iter_raw())


FILES = [
    (vendor_url("countries-50m.json"), "vendor/countries-50m.json", IMMUTABLE.decode()),
    (vendor_url("d3.min.js"), "vendor/d3.min.js", IMMUTABLE.decode()),
    ("/static/vendor/d3.min.js", "vendor/d3.min.js", "no-cache"),  # not at its versioned address
    ("/static/css/caravan.css", "css/caravan.css", "no-cache"),
    ("/static/js/map.js", "js/map.js", "no-cache"),
]


@pytest.mark.parametrize("path,name,policy", FILES)
def test_a_static_file_is_sent_gzipped_to_a_client_that_accepts_it(
    server: str, path: str, name: str, policy: str
) -> None:
    on_disk = (STATIC / name).read_bytes()
    zipped, body = raw(server, path, GZIP)
    assert zipped.status_code == 200 and zipped.headers["content-encoding"] == "gzip", path
    assert gzip.decompress(body) == on_disk and len(body) < len(on_disk)
    assert zipped.headers["content-length"] == str(len(body))
    assert "accept-encoding" in zipped.headers["vary"].lower()
    assert zipped.headers["cache-control"] == policy
    plain, plain_body = raw(server, path, PLAIN)
    assert plain.status_code == 200 and "content-encoding" not in plain.headers
    assert plain_body == on_disk
    assert [zipped.headers.get(h) for h in SAME] == [plain.headers.get(h) for h in SAME]
    _, again_body = raw(server, path, GZIP)
    assert again_body == body  # compressed once: the same bytes each time


@pytest.mark.parametrize("path,name,policy", FILES)
def test_a_static_file_still_answers_304_to_its_etag(server: str, path: str, name: str, policy: str) -> None:
    first, _ = raw(server, path, GZIP)
    for accept in (GZIP, PLAIN):
        again, body = raw(server, path, {**accept, "if-none-match": first.headers["etag"]})
        assert again.status_code == 304 and body == b"", path
        assert again.headers["etag"] == first.headers["etag"]
        assert again.headers["cache-control"] == policy
    since, _ = raw(server, path, {**GZIP, "if-modified-since": first.headers["last-modified"]})
    assert since.status_code == 304


def test_small_files_ranges_and_head_are_answered_as_before(server: str) -> None:
    favicon = (STATIC / "favicon.svg").read_bytes()
    assert len(favicon) < GZIP_MINIMUM_SIZE  # too short to be worth compressing, as for the gzip layer
    small, body = raw(server, "/static/favicon.svg", GZIP)
    assert small.status_code == 200 and "content-encoding" not in small.headers and body == favicon
    on_disk = (STATIC / "vendor" / "d3.min.js").read_bytes()
    part, body = raw(server, vendor_url("d3.min.js"), {**GZIP, "range": "bytes=0-99"})
    assert part.status_code == 206 and "content-encoding" not in part.headers and body == on_disk[:100]
    with httpx.Client(base_url=server, timeout=30) as http:
        head = http.head(vendor_url("d3.min.js"), headers=GZIP)
        get, _ = raw(server, vendor_url("d3.min.js"), GZIP)
    assert head.status_code == 200 and head.content == b""
    assert [head.headers.get(h) for h in (*SAME, "content-encoding", "content-length")] == [
        get.headers.get(h) for h in (*SAME, "content-encoding", "content-length")
    ]


def test_an_edited_file_is_compressed_again_under_its_new_etag(tmp_path: Path) -> None:
    served = tmp_path / "app.js"
    served.write_text("const first = 1;\n" * 200)
    app = Starlette(routes=[Mount("/static", CompressedStaticFiles(directory=tmp_path))])
    with TestClient(app) as client:
        first = client.get("/static/app.js", headers=GZIP)
        assert first.headers["content-encoding"] == "gzip" and first.text == served.read_text()
        served.write_text("const second = 2;\n" * 300)
        os.utime(served, ns=(1, 1))  # a new modification time, whatever the clock's resolution
        second = client.get("/static/app.js", headers=GZIP)
        assert second.headers["content-encoding"] == "gzip" and second.text == served.read_text()
        assert second.headers["etag"] != first.headers["etag"]
        for tag, status in ((first.headers["etag"], 200), (second.headers["etag"], 304)):
            assert client.get("/static/app.js", headers={**GZIP, "if-none-match": tag}).status_code == status
