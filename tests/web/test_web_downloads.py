"""Downloads: every row, UTF-8 with a BOM, named after the view, with a Frictionless descriptor beside it."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

BOM = b"\xef\xbb\xbf"


def rows_of(content: bytes) -> list[dict[str, str]]:
    """The rows of a CSV download, read as a spreadsheet would (the BOM is not part of the first column)."""
    assert content.startswith(BOM), content[:20]
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def descriptor_of(client: TestClient, response: Any) -> dict[str, Any]:
    """The Data Package the download links to (`Link: <...>; rel="describedby"`)."""
    link = response.headers["link"]
    assert 'rel="describedby"' in link
    target = link.split(">")[0].lstrip("<")
    described = client.get(target)
    assert described.status_code == 200 and described.headers["content-type"].startswith("application/json")
    return dict(described.json())


@pytest.mark.parametrize(
    "path",
    [
        "/api/observations",
        "/api/sources",
        "/api/people/figures",
        "/api/commitments",
        "/api/timeline",
        "/api/trade/mirror?b=KAZ",
    ],
)
def test_a_download_is_utf8_with_a_bom_and_reads_back_in_any_script(client: TestClient, path: str) -> None:
    response = client.get(path + ("&" if "?" in path else "?") + "format=csv")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(BOM) and not response.content[3:].startswith(BOM)
    rows = rows_of(response.content)
    assert rows and "\ufeff" not in next(iter(rows[0]))


def test_the_observations_download_has_every_row_not_a_page(client: TestClient) -> None:
    listing = client.get("/api/observations").json()
    assert listing["limit"] == 100 and len(listing["items"]) == 100  # the JSON listing is paged
    total = listing["total"]
    assert total > 100, "the real ledger holds more observations than one page"
    response = client.get("/api/observations", params={"format": "csv"})
    rows = rows_of(response.content)
    assert len(rows) == total
    assert len({r["id"] for r in rows}) == total
    page = client.get("/api/observations", params={"format": "csv", "limit": 7, "offset": 3})
    assert len(rows_of(page.content)) == 7  # an explicit page is still a page


def test_a_filtered_download_has_every_matching_row(client: TestClient) -> None:
    params = {"indicator": "trade.turnover", "entity": "KAZ"}
    total = client.get("/api/observations", params=params).json()["total"]
    response = client.get("/api/observations", params={**params, "format": "csv"})
    rows = rows_of(response.content)
    assert len(rows) == total and {r["indicator"] for r in rows} == {"trade.turnover"}
    disposition = response.headers["content-disposition"]
    assert disposition == 'attachment; filename="observations-trade.turnover-KAZ.csv"'


def test_the_mirror_download_is_named_after_both_parties_and_its_years(client: TestClient) -> None:
    body = client.get("/api/trade/mirror", params={"b": "UZB"}).json()
    years = sorted({r["year"] for r in body["rows"]})
    assert len(years) > 1
    response = client.get("/api/trade/mirror", params={"b": "UZB", "format": "csv"})
    expected = f"mirror-CHN-UZB-{years[0]}-{years[-1]}.csv"
    assert response.headers["content-disposition"] == f'attachment; filename="{expected}"'
    assert len(rows_of(response.content)) == len(body["rows"])
    several = client.get("/api/trade/mirror", params={"b": "KAZ,UZB", "format": "csv"})
    assert 'filename="mirror-CHN-KAZ-UZB-' in several.headers["content-disposition"]


def test_the_descriptor_gives_each_columns_meaning_and_every_source_cited(client: TestClient) -> None:
    response = client.get("/api/observations", params={"indicator": "trade.turnover", "format": "csv"})
    rows = rows_of(response.content)
    package = descriptor_of(client, response)
    assert package["profile"] == "tabular-data-package"
    (resource,) = package["resources"]
    assert resource["path"].startswith("/api/observations?") and "format=csv" in resource["path"]
    assert resource["encoding"] == "utf-8-sig"
    fields = {f["name"]: f for f in resource["schema"]["fields"]}
    assert list(fields) == list(rows[0])
    assert fields["value"]["type"] == "number" and fields["value"]["description"]
    assert fields["unit"]["description"] and fields["source_id"]["description"]
    cited = {r["source_id"] for r in rows if r["source_id"]}
    assert cited and {s["id"] for s in package["sources"]} == cited
    assert all(s["path"].startswith("http") and s["title"] for s in package["sources"])


def test_a_trade_descriptor_carries_the_units_of_its_columns(client: TestClient) -> None:
    response = client.get("/api/trade/mirror", params={"b": "KAZ", "format": "csv"})
    fields = {f["name"]: f for f in descriptor_of(client, response)["resources"][0]["schema"]["fields"]}
    assert fields["first_reports"]["unit"] == "USD" and fields["gap"]["unit"] == "USD"
    assert "unit" not in fields["year"] and "unit" not in fields["flow"]
    # Titles and descriptions come from the result's own column metadata, as the JSON's `fields`.
    assert fields["gap"]["title"] == "Gap" and "minus" in fields["gap"]["description"]
    assert "unit" not in fields["ratio"] and fields["ratio"]["title"] == "Ratio"
    body = client.get("/api/trade/mirror", params={"b": "KAZ"}).json()
    assert body["units"]["first_reports"] == "USD"
    meaning = {f["name"]: f for f in body["fields"]}
    assert [f["name"] for f in body["fields"]] == body["columns"]
    assert meaning["gap"]["unit"] == "USD" and meaning["gap"]["role"] == "measure"
    assert meaning["year"]["role"] == "dimension" and meaning["year"]["unit"] is None
    zh = client.get("/api/trade/mirror", params={"b": "KAZ", "lang": "zh"}).json()
    assert {f["name"]: f for f in zh["fields"]}["gap"]["label"]["zh"] == "差额"
    assert zh["rows"] == body["rows"] and zh["fields"][0]["label"] == body["fields"][0]["label"]
    # The server chooses the one display unit of the result; the dashboard only divides and formats.
    assert body["display"]["unit"] in ("bn USD", "mn USD", "USD")
    assert body["display"]["scale"] == {"bn USD": 1e9, "mn USD": 1e6, "USD": 1.0}[body["display"]["unit"]]
    assert len(body["row_sources"]) == len(body["rows"])
    listed = {s["id"] for s in body["sources"]}
    for row, ids in zip(body["rows"], body["row_sources"], strict=True):
        assert set(ids) <= listed
        assert set(ids) == {row[k] for k in ("first_source", "second_source") if row[k]}


def test_a_download_and_its_descriptor_validate_with_frictionless(client: TestClient, tmp_path: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    response = client.get("/api/people/figures", params={"format": "csv"})
    package = descriptor_of(client, response)
    (tmp_path / "people.csv").write_bytes(response.content)
    package["resources"][0]["path"] = "people.csv"
    (tmp_path / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_a_gas_descriptor_carries_the_units_and_titles_of_its_columns(client: TestClient) -> None:
    response = client.get("/api/energy/utilisation", params={"format": "csv"})
    fields = {f["name"]: f for f in descriptor_of(client, response)["resources"][0]["schema"]["fields"]}
    assert list(fields) == response.content.decode("utf-8-sig").splitlines()[0].split(",")
    assert fields["delivered_bcm"]["unit"] == "bcm" and fields["capacity_bcm"]["unit"] == "bcm/year"
    assert fields["utilisation"]["title"] == "Utilisation" and "unit" not in fields["utilisation"]
    checks = client.get("/api/energy/cumulative", params={"format": "csv"})
    fields = {f["name"]: f for f in descriptor_of(client, checks)["resources"][0]["schema"]["fields"]}
    assert fields["gap_bcm"]["unit"] == "bcm" and fields["gap_percent"]["unit"] == "%"
