"""The API's one error shape, `{"error": {"code": str, "message": str}}`, for every kind of error."""

from __future__ import annotations

import html

import pytest
from fastapi.testclient import TestClient

from caravan.settings import Settings
from caravan.web.app import MAX_BODY_BYTES, create_app


def assert_error_shape(response, status: int, code: str) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code
    message = body["error"]["message"]
    assert isinstance(message, str) and message and "\n" not in message
    return message


@pytest.mark.parametrize(
    "path",
    ["/api/entities/XXX", "/api/indicators/no.such", "/api/observations/o-000", "/api/sources/no-such-source"],
)
def test_unknown_ids_are_not_found(client: TestClient, path: str) -> None:
    assert_error_shape(client.get(path), 404, "not_found")


def test_unknown_route_is_not_found(client: TestClient) -> None:
    message = assert_error_shape(client.get("/api/no-such-thing"), 404, "not_found")
    assert "/docs" in message


def test_unknown_country_profile_is_not_found(client: TestClient) -> None:
    message = assert_error_shape(client.get("/country/FRA"), 404, "not_found")
    assert "KAZ" in message


def test_unknown_source_page_is_not_found(client: TestClient) -> None:
    message = assert_error_shape(client.get("/sources/no-such-source"), 404, "not_found")
    assert "no-such-source" in message


@pytest.mark.parametrize(
    "path",
    [
        "/api/observations?limit=0",
        "/api/observations?limit=100000",
        "/api/observations?offset=-1",
        "/api/observations?format=xml",
        "/api/timeline?since=yesterday",
        "/?lang=fr",
    ],
)
def test_invalid_parameters_are_bad_requests(client: TestClient, path: str) -> None:
    message = assert_error_shape(client.get(path), 400, "bad_request")
    assert "/docs" in message


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_writes_are_not_allowed(client: TestClient, method: str) -> None:
    message = assert_error_shape(getattr(client, method)("/api/entities"), 405, "method_not_allowed")
    assert "read-only" in message


def test_oversized_body_is_refused(client: TestClient) -> None:
    body = b"x" * (MAX_BODY_BYTES + 1)
    response = client.post("/api/claims/check", content=body, headers={"content-type": "application/json"})
    assert_error_shape(response, 413, "payload_too_large")


def test_missing_ledger_is_unavailable(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from caravan.errors import LedgerError

    app = create_app(Settings(ledger=tmp_path / "none.duckdb", data=tmp_path))
    with pytest.raises(LedgerError, match="caravan build"), TestClient(app):
        pass


def test_errors_carry_the_security_headers(client: TestClient) -> None:
    response = client.get("/api/entities/XXX")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


def test_openapi_documents_the_one_error_shape(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    assert "HTTPValidationError" not in spec["components"]["schemas"]
    for path, operations in spec["paths"].items():
        for operation in operations.values():
            for status in ("404", "422"):
                schema = operation["responses"][status]["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/ErrorResponse"}, (path, status)


def test_oversized_streamed_body_is_refused(server: str) -> None:
    """A body sent in chunks, without a Content-Length, is cut off at the cap too."""
    import httpx

    def chunks():  # type: ignore[no-untyped-def]
        for _ in range(MAX_BODY_BYTES // 8192 + 2):
            yield b"x" * 8192

    response = httpx.post(
        f"{server}/api/claims/check", content=chunks(), headers={"content-type": "application/json"}, timeout=30
    )
    assert_error_shape(response, 413, "payload_too_large")


BROWSER = {"accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


@pytest.mark.parametrize(
    ("path", "status", "words"),
    [
        ("/country/FRA", 404, "no profile for 'FRA'"),
        ("/country/FRA?lang=zh", 404, "未找到页面"),
        ("/no-such-page?lang=ru", 404, "Страница не найдена"),
        ("/sources/no-such-source", 404, "no-such-source"),
    ],
)
def test_a_browser_gets_an_error_page_in_its_language(client: TestClient, path: str, status: int, words: str) -> None:
    response = client.get(path, headers=BROWSER)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    assert words in html.unescape(response.text)
    assert '<a class="brand"' in response.text  # the site's navigation, so the reader can go on
    assert "/docs for the parameters" not in response.text and '{"error"' not in response.text


def test_an_unknown_language_offers_the_three_that_exist(client: TestClient) -> None:
    response = client.get("/trade?lang=de", headers=BROWSER)
    assert response.status_code == 400 and response.headers["content-type"].startswith("text/html")
    for code in ("en", "zh", "ru"):
        assert f'href="/trade?lang={code}"' in response.text


def test_the_api_keeps_json_for_a_browser(client: TestClient) -> None:
    assert_error_shape(client.get("/api/entities/XXX", headers=BROWSER), 404, "not_found")
    assert_error_shape(client.get("/api/observations?limit=0", headers=BROWSER), 400, "bad_request")


@pytest.mark.parametrize(("lang", "title"), [("en", "Kazakhstan"), ("zh", "哈萨克斯坦"), ("ru", "Казахстан")])
def test_a_country_page_is_titled_with_the_country(client: TestClient, lang: str, title: str) -> None:
    text = client.get(f"/country/KAZ?lang={lang}").text
    head = text.split("</title>")[0]
    assert title in head


@pytest.mark.parametrize(
    "path",
    ["/api/sources/no-such-source", "/api/commitments/no-such", "/api/indicators/no.such", "/api/people?indicator=x"],
)
def test_web_messages_carry_no_command_line_hint(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code in (400, 404), response.text
    message = response.json()["error"]["message"]
    assert "`caravan" not in message and "caravan " not in message, message


def test_the_command_line_keeps_its_hint() -> None:
    from caravan.errors import NotFoundError

    error = NotFoundError("no source 'x'", hint="`caravan sources` lists them")
    assert str(error) == "no source 'x'; `caravan sources` lists them" and error.plain == "no source 'x'"
