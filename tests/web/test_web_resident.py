"""Every endpoint that reads the resident tables answers byte for byte as the ledger's queries do."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from caravan.ledger.store import Ledger
from caravan.settings import Settings
from caravan.web.app import create_app


@pytest.fixture(scope="module")
def clients(real_settings: Settings) -> Iterator[tuple[TestClient, TestClient]]:
    """The app uncached reading memory, and uncached querying the build for every request."""
    with (
        TestClient(create_app(real_settings, cache=False), raise_server_exceptions=False) as resident,
        TestClient(create_app(real_settings, cache=False, resident=False), raise_server_exceptions=False) as queried,
    ):
        yield resident, queried


def _paths(settings: Settings) -> list[str]:
    with Ledger(settings.ledger) as ledger:
        derived = ledger.query("SELECT id FROM observation WHERE method = 'derived' ORDER BY id LIMIT 1")[0]["id"]
        bounded = ledger.query("SELECT id FROM observation WHERE bound = 'lower' ORDER BY id LIMIT 1")[0]["id"]
        lone = ledger.query("SELECT id FROM observation WHERE counterpart IS NULL ORDER BY id LIMIT 1")[0]["id"]
        kinds = [r["kind"] for r in ledger.query("SELECT DISTINCT kind FROM entity ORDER BY kind")]
    return [
        "/api/observations?indicator=trade.turnover&subject=CHN&counterpart=KAZ",
        "/api/observations?indicator=trade.turnover&subject=KAZ&counterpart=CHN&derived=false",
        "/api/observations?indicator=trade.turnover&limit=7&offset=5",
        "/api/observations?entity=KAZ&limit=50",
        "/api/observations?entity=UZB&method=derived&offset=3",
        "/api/observations?period=2024&limit=1000",
        "/api/observations?limit=1000&offset=2000",
        "/api/observations?offset=10000000",
        "/api/observations?indicator=absent.indicator",
        "/api/observations?indicator=trade.turnover&subject=CHN&counterpart=KAZ&format=csv",
        "/api/observations?entity=TKM&format=datapackage",
        f"/api/observations/{derived}",
        f"/api/observations/{bounded}",
        f"/api/observations/{lone}",
        "/api/observations/o-absent",
        "/api/indicators",
        "/api/indicators?format=csv",
        "/api/indicators/trade.turnover",
        "/api/indicators/absent.indicator",
        "/api/entities",
        *(f"/api/entities?kind={kind}" for kind in kinds),
        "/api/entities?kind=absent",
        "/api/entities/KAZ",
        "/api/entities/ABSENT",
        "/api/overview",
        "/country/KAZ",
        "/trade",
    ]


def test_every_switched_endpoint_answers_as_the_ledger_query(
    clients: tuple[TestClient, TestClient], real_settings: Settings
) -> None:
    resident, queried = clients
    statuses = set()
    for path in _paths(real_settings):
        mine, theirs = resident.get(path), queried.get(path)
        assert (mine.status_code, mine.content) == (theirs.status_code, theirs.content), path
        statuses.add(mine.status_code)
    assert statuses == {200, 404}  # the comparison covered answers and the not-found error alike


def test_a_single_pair_shows_its_bounds_and_missing_fields(clients: tuple[TestClient, TestClient]) -> None:
    resident, _ = clients
    items = resident.get("/api/observations?entity=KAZ&limit=1000").json()["items"]
    assert {i["bound"] for i in items} >= {"exact", "lower"}
    assert any(i["source_id"] is None and i["method"] == "derived" for i in items)  # unknown is null, not zero
    assert any(i["counterpart"] is None for i in items)
