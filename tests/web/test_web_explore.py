"""The explorer through the API and its page, and claim checks stored by content key, on the real ledger."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from caravan.explore import explore
from caravan.ledger.store import Ledger
from caravan.settings import Settings
from caravan.web.app import create_app

SENTENCE = "China's trade with Central Asian nations reached $94.8 billion in 2024."
EXPORTS = "/api/explore?indicator=trade.exports&pair=KAZ:CHN&pair=UZB:CHN"


def test_the_endpoint_answers_what_the_library_computes(client: TestClient, real_ledger: Ledger) -> None:
    response = client.get(f"{EXPORTS}&scale=relative&from=2010")
    assert response.status_code == 200
    body = response.json()
    expected = explore(real_ledger, "trade.exports", ["KAZ:CHN", "UZB:CHN"], scale="relative", start=2010).to_dict()
    assert body["series"] == expected["series"] and body["columns"] == expected["columns"]
    assert [s["reporter"] for s in body["series"]] == ["KAZ", "UZB"]
    assert all(p["source_id"] and p["observation_id"] for s in body["series"] for p in s["points"])
    assert body["per_capita"]["available"] is True and body["per_capita"]["applied"] is False


def test_per_capita_answers_the_library_figures_per_person(client: TestClient, real_ledger: Ledger) -> None:
    response = client.get(f"{EXPORTS}&per_capita=true&from=2019&to=2020&lang=ru")
    assert response.status_code == 200
    body = response.json()
    pairs = ["KAZ:CHN", "UZB:CHN"]
    expected = explore(real_ledger, "trade.exports", pairs, start=2019, end=2020, per_capita=True).to_dict("ru")
    assert body["series"] == expected["series"] and body["per_capita"] == expected["per_capita"]
    per = body["per_capita"]
    assert (per["applied"], per["unit"], per["unit_label"]) == (True, "USD/person", "долл. США на человека")
    assert per["population_of"] == {"KAZ:CHN": "KAZ", "UZB:CHN": "UZB"}
    point = body["series"][0]["points"][0]
    assert point["y"] == point["per_capita"]["value"]
    assert point["per_capita"]["population_source_id"] == "wdi-population"
    assert "wdi-population" in [s["id"] for s in body["sources"]]
    download = client.get(f"{EXPORTS}&per_capita=true&from=2019&to=2020&format=csv")
    header = download.text.splitlines()[0]
    assert header.endswith("population_of,population") and ",KAZ,19209555" in download.text
    share = client.get("/api/explore?indicator=trade.partner_share&per_capita=true").json()["per_capita"]
    assert share["available"] is False and "percentage" in share["reason"]


def test_the_download_has_every_point_and_its_descriptor_the_column_meanings(client: TestClient) -> None:
    body = client.get(EXPORTS).json()
    response = client.get(f"{EXPORTS}&format=csv")
    assert response.status_code == 200
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == sum(len(s["points"]) for s in body["series"])
    assert list(rows[0]) == [c["name"] for c in body["columns"]]
    assert "explore-trade.exports-KAZ-CHN-UZB-CHN" in response.headers["content-disposition"]
    package = client.get(f"{EXPORTS}&format=datapackage").json()
    fields = {f["name"]: f for f in package["resources"][0]["schema"]["fields"]}
    assert fields["value"]["unit"] == "bn USD" and fields["reporter"]["title"] == "Reporter (whose statistics)"
    assert {s["id"] for s in package["sources"]} == {s["id"] for s in body["sources"]}


@pytest.mark.parametrize(
    ("query", "status", "words"),
    [
        ("indicator=no.such", 404, "no indicator 'no.such'"),
        ("indicator=trade.exports&pair=A:B:C", 400, "is not a pair"),
        ("indicator=trade.exports&scale=cubic", 400, "scale: Input should be 'linear', 'log' or 'relative'"),
        ("indicator=trade.exports&from=2024&to=2020", 400, "ends before it starts"),
    ],
)
def test_bad_choices_answer_in_the_one_error_shape(client: TestClient, query: str, status: int, words: str) -> None:
    response = client.get(f"/api/explore?{query}")
    assert response.status_code == status
    assert words in response.json()["error"]["message"]


def test_the_page_is_titled_with_its_indicator_and_keeps_the_view_in_its_language_links(client: TestClient) -> None:
    html = client.get("/explore?indicator=gas.delivered&pair=TKM:CHN&scale=log&lang=ru").text
    assert "<title>Обозреватель: Natural gas delivered · Caravan</title>" in html
    assert 'href="/explore?indicator=gas.delivered&amp;pair=TKM%3ACHN&amp;scale=log&amp;lang=zh"' in html
    assert client.get("/explore?indicator=no.such").status_code == 404


@pytest.mark.parametrize(("page", "pillar"), [("/trade", "trade"), ("/energy", "energy"), ("/people", "people")])
def test_each_pillar_page_links_its_explorer(client: TestClient, page: str, pillar: str) -> None:
    assert f'<p class="explore-link"><a href="/explore?pillar={pillar}">' in client.get(page).text


def test_a_claim_check_is_stored_by_its_content_and_reopened(client: TestClient) -> None:
    checked = client.post("/api/claims/check", json={"text": SENTENCE, "lang": "en"}).json()
    key = checked["check"]
    assert len(key) == 16 and checked["build"] and checked["built_at"]
    again = client.post("/api/claims/check", json={"text": SENTENCE, "lang": "en"}).json()
    assert again["check"] == key  # the same question, the same key
    other = client.post("/api/claims/check", json={"text": SENTENCE}).json()
    assert other["check"] != key  # the language asked for is part of the question
    stored = client.get(f"/api/claims/checks/{key}")
    assert stored.status_code == 200
    reopened = stored.json()
    for field in ("text", "lang", "counts", "claims", "check", "build", "built_at"):
        assert reopened[field] == again[field], field


@pytest.mark.parametrize(("key", "status"), [("0123456789abcdef", 404), ("not-a-key", 400)])
def test_an_unknown_check_is_a_clear_error(client: TestClient, key: str, status: int) -> None:
    response = client.get(f"/api/claims/checks/{key}")
    assert response.status_code == status
    assert response.json()["error"]["message"]


def test_a_server_that_cannot_store_a_check_still_checks(real_settings: Settings, tmp_path: Path) -> None:
    blocked = tmp_path / "caravan.duckdb"
    blocked.symlink_to(real_settings.ledger.resolve())
    (tmp_path / "caravan.duckdb.runs").write_text("a file where the runs folder would be", encoding="utf-8")
    settings = Settings(ledger=blocked, data=real_settings.data)
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        response = client.post("/api/claims/check", json={"text": SENTENCE, "lang": "en"})
    assert response.status_code == 200
    body = response.json()
    assert body["check"] is None and body["counts"] == {"supported": 1} and body["built_at"]


def test_a_page_asks_at_once_for_every_module_it_imports_and_a_map_view_for_its_shapes(client: TestClient) -> None:
    import re

    from caravan.web.pages import STATIC

    def imports(module: str) -> set[str]:  # read the modules' own import lines, independently of the server
        text = (STATIC / "js" / module).read_text(encoding="utf-8")
        named = re.findall(r'from "(\.[^"]+)"', text)
        found = {(Path(module).parent / m).as_posix().replace("pages/../", "").removeprefix("./") for m in named}
        return found | {deep for f in found for deep in imports(f)}

    html = client.get("/explore?indicator=trade.exports&view=map").text
    preloaded = set(re.findall(r'<link rel="modulepreload" href="/static/js/([^"]+)">', html))
    assert preloaded == imports("pages/explore.js") and "map.js" in preloaded
    shapes = r'<link rel="preload" href="/static/vendor/countries-50m\.json\?v=\w+" as="fetch" crossorigin>'
    assert re.search(shapes, html)
    assert '<link rel="preload" href="/static/i18n/en.json" as="fetch" crossorigin>' in html
    # The chart view draws no map: it does not ask for the shapes before it needs them.
    chart_head = client.get("/explore?indicator=trade.exports&view=chart").text.split("</head>")[0]
    assert "countries-50m.json?v" not in chart_head
    assert "countries-50m.json" in client.get("/energy").text.split("</head>")[0]
    assert '<link rel="preload" href="/static/i18n/zh.json"' in client.get("/claims?lang=zh").text
