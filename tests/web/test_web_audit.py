"""GET /api/audit: the build's audit findings, filtered, as JSON or CSV, with the one error shape."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from caravan.ledger.build import build
from caravan.settings import Settings
from caravan.web.app import create_app

# src-a is published 2025-01-20: a figure for the whole of 2025 from it comes before the year ended.
EARLY = "trade.turnover,CHN,KGZ,2025,21,bn USD,src-a,table 3 (forecast),reported,\n"


@pytest.fixture
def client(tiny_settings: Settings) -> Iterator[TestClient]:
    with (tiny_settings.data / "observations/main.csv").open("a", encoding="utf-8") as fh:
        fh.write(EARLY)
    build(tiny_settings, force=True)
    with TestClient(create_app(tiny_settings, cache=False), raise_server_exceptions=False) as test_client:
        yield test_client


def test_audit_lists_the_builds_findings(client: TestClient, tiny_settings: Settings) -> None:
    response = client.get("/api/audit")
    assert response.status_code == 200
    findings = response.json()
    assert findings, "the early figure should be flagged"
    assert [f["severity"] for f in findings] == sorted((f["severity"] for f in findings), key=lambda s: s != "error")
    early = next(f for f in findings if f["check_name"] == "not-yet-ended")
    assert early["severity"] == "warning" and early["period"] == "2025" and early["subject"] == "CHN"
    assert len(early["observations"]) == 1 and early["observations"][0].startswith("o-")
    assert early["message"] and early["text"]
    # Every finding's observations exist: the dashboard links to them.
    for oid in early["observations"]:
        assert client.get(f"/api/observations/{oid}").status_code == 200


def test_audit_filters_by_severity_and_check(client: TestClient) -> None:
    warnings = client.get("/api/audit", params={"severity": "warning"}).json()
    assert warnings and all(f["severity"] == "warning" for f in warnings)
    assert client.get("/api/audit", params={"severity": "error"}).json() == []
    only = client.get("/api/audit", params={"check": "not-yet-ended"}).json()
    assert only and {f["check_name"] for f in only} == {"not-yet-ended"}


def test_audit_as_csv(client: TestClient) -> None:
    response = client.get("/api/audit", params={"format": "csv"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows and {"severity", "check_name", "observations", "message"} <= set(rows[0])


@pytest.mark.parametrize(
    "params",
    [{"severity": "fatal"}, {"check": "DROP TABLE"}, {"check": "x" * 41}, {"format": "xml"}],
)
def test_audit_bad_parameters_have_the_one_error_shape(client: TestClient, params: dict[str, str]) -> None:
    response = client.get("/api/audit", params=params)
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"error"} and body["error"]["code"] == "bad_request"
    assert body["error"]["message"]


def test_audit_is_in_the_openapi_document(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    operation = spec["paths"]["/api/audit"]["get"]
    assert operation["summary"] and "AuditFinding" in str(operation["responses"]["200"])
    assert "422" in operation["responses"]


def test_the_tiny_data_is_untouched(tiny_data: Path) -> None:
    # The fixture writes a fresh folder per test: the early row never leaks into other tests.
    assert "forecast" not in (tiny_data / "observations/main.csv").read_text(encoding="utf-8")
