"""The HTTP API against the real app on the real ledger (FastAPI's TestClient, no mocks)."""

from __future__ import annotations

import csv
import io
import threading

import httpx
import pytest
from fastapi.testclient import TestClient

from caravan.ledger.store import Ledger, ObservationFilter
from caravan.settings import Settings


def test_meta_describes_the_ledger(client: TestClient, real_ledger: Ledger) -> None:
    body = client.get("/api/meta").json()
    assert body["ledger"]["schema_version"] == real_ledger.meta["schema_version"]
    assert body["counts"]["observation"] == len(real_ledger.observations())
    assert "analyses" not in body  # every analysis is part of the package; nothing to report as missing


def test_entities_have_names_in_three_languages(client: TestClient) -> None:
    rows = client.get("/api/entities", params={"kind": "country"}).json()
    by_id = {r["id"]: r for r in rows}
    assert {"CHN", "KAZ", "KGZ", "TJK", "TKM", "UZB"} <= set(by_id)
    assert by_id["KAZ"]["name_zh"] and by_id["KAZ"]["name_ru"]
    assert client.get("/api/entities/KAZ").json()["name_en"] == "Kazakhstan"


def test_indicators_match_the_ledger(client: TestClient, real_ledger: Ledger) -> None:
    rows = client.get("/api/indicators").json()
    assert [r["id"] for r in rows] == [r["id"] for r in real_ledger.indicators()]
    one = rows[0]["id"]
    assert client.get(f"/api/indicators/{one}").json()["id"] == one


def test_observations_filter_like_the_ledger(client: TestClient, real_ledger: Ledger) -> None:
    expected = real_ledger.observations(ObservationFilter(indicator="trade.turnover", subject="CHN"))
    params = {"indicator": "trade.turnover", "subject": "CHN", "limit": 1000}
    body = client.get("/api/observations", params=params).json()
    assert body["total"] == len(expected)
    assert sorted(r["id"] for r in body["items"]) == sorted(r["id"] for r in expected)
    assert all(r["source_url"] for r in body["items"] if r["method"] != "derived")


def test_observations_paginate_without_gaps_or_overlaps(client: TestClient, real_ledger: Ledger) -> None:
    expected = [r["id"] for r in real_ledger.observations()]
    seen: list[str] = []
    offset = 0
    while True:
        page = client.get("/api/observations", params={"limit": 97, "offset": offset}).json()
        assert page["total"] == len(expected)
        seen += [r["id"] for r in page["items"]]
        offset += 97
        if offset >= page["total"]:
            break
    assert len(seen) == len(set(seen)) == len(expected)
    assert set(seen) == set(expected)


@pytest.mark.parametrize("param", ["subject", "counterpart", "period", "entity"])
def test_each_observation_filter_narrows(client: TestClient, param: str) -> None:
    value = {"subject": "KAZ", "counterpart": "KAZ", "period": "2024", "entity": "KAZ"}[param]
    items = client.get("/api/observations", params={param: value, "limit": 1000}).json()["items"]
    assert items
    if param == "entity":
        assert all(value in (r["subject"], r["counterpart"]) for r in items)
    else:
        assert all(r[param] == value for r in items)


def test_filter_values_are_parameters_not_sql(client: TestClient) -> None:
    body = client.get("/api/observations", params={"subject": "CHN' OR '1'='1"}).json()
    assert body["total"] == 0
    assert client.get("/api/sources", params={"q": "'; DROP TABLE source; --"}).json() == []
    assert client.get("/api/sources").json()


def test_derived_observation_shows_its_lineage(client: TestClient, real_ledger: Ledger) -> None:
    derived = real_ledger.observations(ObservationFilter(method="derived"))
    assert derived, "the build derives observations (shares of group) from the curated data"
    body = client.get(f"/api/observations/{derived[0]['id']}").json()
    assert body["method"] == "derived"
    assert body["lineage"] and all(r["source_id"] for r in body["lineage"])


def test_source_entry_lists_what_it_supports(client: TestClient, real_ledger: Ledger) -> None:
    catalogue = client.get("/api/sources").json()
    assert len(catalogue) == len(real_ledger.sources())
    busiest = max(catalogue, key=lambda s: s["observations"])
    entry = client.get(f"/api/sources/{busiest['id']}").json()
    assert len(entry["observations"]) == busiest["observations"]
    assert entry["url"].startswith("http")


def test_source_search(client: TestClient) -> None:
    catalogue = client.get("/api/sources").json()
    publisher = catalogue[0]["publisher"]
    found = client.get("/api/sources", params={"q": publisher.upper()}).json()
    assert catalogue[0]["id"] in {s["id"] for s in found}
    assert len(found) <= len(catalogue)


def test_timeline_is_in_date_order(client: TestClient) -> None:
    events = client.get("/api/timeline").json()
    assert [e["date"] for e in events] == sorted(e["date"] for e in events)
    if events:
        later = client.get("/api/timeline", params={"since": events[-1]["date"]}).json()
        assert all(e["date"] >= events[-1]["date"] for e in later)


def test_a_commitment_reads_in_english_without_internal_ids(client: TestClient, real_ledger: Ledger) -> None:
    rows = [r for r in client.get("/api/commitments").json() if r["target"] is not None]
    assert rows
    for row in rows:
        indicator = real_ledger.indicator(row["target"]["indicator"])
        assert row["target_text"].startswith(indicator["name"] + " "), row["target_text"]
        assert row["target"]["indicator"] not in row["target_text"]
        assert " person " not in row["target_text"]  # "500,000 people"
        for reporter in row["target"]["reporters"]:
            assert f"figures of {reporter['subject']}," not in (row["target"]["explanation"] or "")
    # bound for C5: "by the figures of Central Asia …", not "by C5's figures"
    assert not [r for r in rows if "'s figures" in (r["target"]["explanation"] or "")]


def test_commitments_come_from_the_tracker(client: TestClient, real_ledger: Ledger) -> None:
    from caravan.institutions.commitments import list_commitments

    rows = client.get("/api/commitments").json()
    expected = list_commitments(real_ledger)
    assert [r["id"] for r in rows] == [c.id for c in expected]
    assert [r["assessed_status"] for r in rows] == [c.assessed_status for c in expected]
    for row in rows:
        assert isinstance(row["evidence"], list)
        if row["target"] is not None:
            target = row["target"]
            assert target["outcome"] in ("met", "on track", "behind", "missed", "split", "unknown", "no data")
            # one evaluation per reporter; a bilateral turnover has both sides, each the subject of its own series
            assert target["reporters"] and target["reporters"][0]["subject"] == target["subject"]
            # each reporter by its name, not its id: "China: met (106.3 bn USD (2025))"
            assert target["by_reporter"].startswith(real_ledger.entity(target["subject"])["name_en"] + ":")
            if target["indicator"] == "trade.turnover" and target["counterpart"]:
                assert [(r["subject"], r["counterpart"]) for r in target["reporters"]] == [
                    (target["subject"], target["counterpart"]),
                    (target["counterpart"], target["subject"]),
                ]
    if rows:
        one = client.get(f"/api/commitments/{rows[0]['id']}").json()
        assert one["id"] == rows[0]["id"]
        pillar = rows[0]["pillar"]
        only = client.get("/api/commitments", params={"pillar": pillar}).json()
        assert only and all(r["pillar"] == pillar for r in only)


def test_commitments_by_summit_count_what_the_tracker_assesses(client: TestClient, real_ledger: Ledger) -> None:
    from caravan.institutions.commitments import STATUSES, list_commitments

    tallies = client.get("/api/commitments/summits").json()
    everything = list_commitments(real_ledger)
    assert sum(t["commitments"] for t in tallies) == len(everything)
    xian = next(t for t in tallies if t["event_id"] == "summit.xian-2023")
    assert "Xi'an" in xian["title"]["en"] and set(xian["by_status"]) == set(STATUSES)
    made = [c for c in everything if c.event_id == "summit.xian-2023"]
    assert xian["commitments"] == len(made) == sum(xian["by_status"].values())
    assert xian["by_status"]["done"] == sum(c.assessed_status == "done" for c in made)
    only = client.get("/api/commitments", params={"summit": "summit.xian-2023"}).json()
    assert [r["id"] for r in only] == [c.id for c in made]
    done = client.get("/api/commitments", params={"summit": "summit.xian-2023", "status": "done"}).json()
    assert len(done) == xian["by_status"]["done"] and all(r["assessed_status"] == "done" for r in done)
    missing = client.get("/api/commitments", params={"summit": "summit.nowhere"})
    assert missing.status_code == 404 and "summit.xian-2023" in missing.json()["error"]["message"]


def test_overview_has_every_pillar_for_every_country(client: TestClient) -> None:
    cells = client.get("/api/overview").json()
    assert len(cells) == 36
    for cell in cells:
        if cell["observation_id"]:
            assert cell["source_id"] and cell["url"]
        for point in cell["series"]:
            assert point["observation_id"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/entities",
        "/api/indicators",
        "/api/observations?indicator=trade.turnover",
        "/api/sources",
        "/api/timeline",
        "/api/commitments",
        "/api/commitments/summits",
        "/api/overview",
    ],
)
def test_every_table_downloads_as_csv(client: TestClient, path: str) -> None:
    json_path = path
    response = client.get(path + ("&" if "?" in path else "?") + "format=csv")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    expected = client.get(json_path).json()
    items = expected["items"] if isinstance(expected, dict) else expected
    # A download is the whole view: every row of a paged listing, its first page first.
    assert len(rows) == (expected["total"] if isinstance(expected, dict) else len(items))
    assert rows
    if "id" in rows[0]:
        assert [r["id"] for r in rows[: len(items)]] == [str(i["id"]) for i in items]


def test_security_headers_and_no_cors(client: TestClient) -> None:
    response = client.get("/api/entities", headers={"origin": "https://elsewhere.example"})
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "http" not in csp
    assert response.headers["x-frame-options"] == "DENY"
    assert "access-control-allow-origin" not in response.headers
    preflight = client.options(
        "/api/entities", headers={"origin": "https://elsewhere.example", "access-control-request-method": "GET"}
    )
    assert "access-control-allow-origin" not in preflight.headers


def test_openapi_documents_every_endpoint(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    for path in ("/api/entities", "/api/observations", "/api/sources/{source_id}", "/api/timeline", "/api/commitments"):
        assert path in spec["paths"]
        for operation in spec["paths"][path].values():
            assert operation.get("description") or operation.get("summary")
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "/static/vendor/swagger-ui-bundle.js" in docs.text
    assert "http" not in docs.text.split("<body>")[0].replace("http-equiv", "")


@pytest.mark.parametrize("lang,title", [("en", "Trade"), ("zh", "贸易"), ("ru", "Торговля")])
def test_pages_render_in_each_language(client: TestClient, lang: str, title: str) -> None:
    page = client.get("/trade", params={"lang": lang})
    assert page.status_code == 200
    assert f'<html lang="{lang}">' in page.text
    assert f"<h1>{title}</h1>" in page.text
    assert "<script>" not in page.text and "style=" not in page.text  # nothing inline: the CSP allows none


def test_static_assets_are_local(client: TestClient) -> None:
    page = client.get("/corridors").text
    head = page.split("<body")[0]
    assert "http://" not in head and "https://" not in head and 'src="//' not in head
    for name in ("d3.min.js", "topojson-client.min.js", "countries-50m.json"):
        assert client.get(f"/static/vendor/{name}").status_code == 200, f"{name} missing: run scripts/setup"


def test_concurrent_requests_each_get_their_answer(server: str, real_settings: Settings) -> None:
    """Many threads querying one server at once: every answer is complete and right."""
    with Ledger(real_settings.ledger) as ledger:
        expected = {c: len(ledger.observations(ObservationFilter(entity=c))) for c in ("KAZ", "KGZ", "TJK", "UZB")}
    errors: list[str] = []

    def worker(country: str) -> None:
        with httpx.Client(base_url=server, timeout=30) as http:
            for _ in range(15):
                body = http.get("/api/observations", params={"entity": country, "limit": 5}).json()
                if body.get("total") != expected[country]:
                    errors.append(f"{country}: {body}")

    threads = [threading.Thread(target=worker, args=(c,)) for c in expected for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_search_answers_in_the_readers_language(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "Kazakhstan", "lang": "ru"}).json()
    assert hits[0]["id"] == "KAZ" and hits[0]["title"] == "Казахстан" and hits[0]["path"] == "/country/KAZ"
    only = client.get("/api/search", params={"q": "gas", "kind": "indicator", "limit": 3}).json()
    assert len(only) == 3 and {h["kind"] for h in only} == {"indicator"}
    assert client.get("/api/search").status_code == 400
    assert client.get("/api/search", params={"q": "gas", "kind": "people"}).status_code == 400


def test_every_figure_of_the_overview_is_shown_to_the_digits_it_means(client: TestClient) -> None:
    from caravan.figures import format_number, significant_digits

    cells = [c for c in client.get("/api/overview").json() if c["value"] is not None]
    assert cells
    for cell in cells:
        assert cell["value_shown"] is not None, cell
        if significant_digits(cell["value"]) > 7:  # a dataset's full precision (4.639262641019178 bcm)
            assert significant_digits(cell["value_shown"]) <= 4, cell
        assert format_number(cell["value_shown"]) in cell["text"], cell
    assert any(significant_digits(c["value"]) > 7 for c in cells)  # the rule is exercised
