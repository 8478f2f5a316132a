"""Totals, growth, partners and products on the sample data, against figures worked out by hand."""

from __future__ import annotations

import pytest

from caravan.errors import InputError, NotFoundError
from caravan.ledger.backends import TradeTables, open_trade
from caravan.ledger.build import build
from caravan.settings import Settings
from caravan.trade import partners, products, totals


def by(rows: list[dict], *keys: str) -> dict:
    return {tuple(r[k] for k in keys) if len(keys) > 1 else r[keys[0]]: r for r in rows}


def test_summary_baci_china_kazakhstan(duck: TradeTables) -> None:
    result = totals.summary(duck, "CHN", ["KAZ"], dataset="baci")
    rows = by(result.rows, "year")
    # 2020: China -> KAZ 150 + 450 + 400 = 1,000 thousand US$; KAZ -> China 300 + 100 = 400.
    assert rows[2020]["exports"] == pytest.approx(1_000_000)
    assert rows[2020]["imports"] == pytest.approx(400_000)
    assert rows[2020]["turnover"] == pytest.approx(1_400_000)
    assert rows[2020]["balance"] == pytest.approx(600_000)
    # 2019 turnover 600 thousand: growth 1400 / 600 - 1.
    assert rows[2020]["turnover_yoy_pct"] == pytest.approx((1400 / 600 - 1) * 100)
    assert rows[2019]["turnover_yoy_pct"] is None
    assert [s["publisher"] for s in result.sources] == ["CEPII", "CEPII"]
    assert result.dataset == "baci"


def test_summary_dots_uses_china_own_reports(duck: TradeTables) -> None:
    result = totals.summary(duck, "CHN", ["KAZ", "TJK"], dataset="imf-dots")
    rows = by(result.rows, "partner", "year")
    assert rows[("KAZ", 2020)]["exports"] == pytest.approx(120.5e6)
    assert rows[("KAZ", 2020)]["imports"] == pytest.approx(80e6)
    assert rows[("TJK", 2020)]["turnover"] == pytest.approx(100e6)
    assert {s["title"].split(":")[0] for s in result.sources} == {"Direction of Trade Statistics, CHN"}


def test_cagr_by_hand() -> None:
    assert totals.cagr(100, 121, 2) == pytest.approx(10.0)
    assert totals.cagr(100, 100, 5) == pytest.approx(0.0)
    assert totals.cagr(0, 100, 2) is None
    assert totals.cagr(100, 50, 0) is None


def test_growth_over_a_span(duck: TradeTables) -> None:
    result = totals.growth(duck, 2019, 2020, "CHN", ["KAZ"], dataset="baci")
    row = result.rows[0]
    assert row["turnover_cagr_pct"] == pytest.approx((1400 / 600 - 1) * 100)
    assert row["exports_cagr_pct"] == pytest.approx((1000 / 400 - 1) * 100)
    with pytest.raises(InputError):
        totals.growth(duck, 2020, 2020)


def test_partners_ranked_with_shares(duck: TradeTables) -> None:
    result = partners.partners(duck, "KAZ", 2020, dataset="baci")
    rows = by(result.rows, "partner")
    # KAZ 2020: China 300+100+1000 = 1400, Russia 750+100 = 850, Germany 300+400 = 700; total 2950.
    assert [r["partner"] for r in result.rows] == ["CHN", "RUS", "DEU"]
    assert rows["CHN"]["rank"] == 1
    assert rows["CHN"]["share_pct"] == pytest.approx(1400 / 2950 * 100)
    assert rows["DEU"]["share_pct"] == pytest.approx(700 / 2950 * 100)


def test_china_is_kazakhstans_largest_partner_with_the_data_it_rests_on(duck: TradeTables) -> None:
    result = partners.partner_position(duck, "CHN", ["KAZ", "UZB"], year=2020, dataset="baci")
    rows = by(result.rows, "country")
    assert rows["KAZ"]["is_largest"] is True
    assert rows["KAZ"]["largest_partner"] == "CHN"
    assert rows["UZB"]["share_pct"] == pytest.approx(100.0)
    assert result.sources and all(s["publisher"] == "CEPII" for s in result.sources)


def test_dots_world_row_is_the_denominator(duck: TradeTables) -> None:
    result = partners.partner_position(duck, "CHN", ["KAZ"], year=2020, dataset="imf-dots")
    row = result.rows[0]
    # Kazakhstan's own reports: China 70 + 66 (estimate); world 500 + 400.
    assert row["turnover"] == pytest.approx(136e6)
    assert row["world_turnover"] == pytest.approx(900e6)
    assert row["share_pct"] == pytest.approx(136 / 900 * 100)
    assert row["largest_partner"] == "RUS"
    assert row["rank"] == 2


def test_shares_in_chinas_trade(duck: TradeTables) -> None:
    result = partners.shares_in_trade_of(duck, "CHN", ["KAZ", "UZB"], year=2020, dataset="baci")
    rows = by(result.rows, "partner")
    # China 2020: KAZ 1400, UZB 250, DEU 3500: total 5150.
    assert rows["KAZ"]["share_pct"] == pytest.approx(1400 / 5150 * 100)
    assert rows["UZB"]["rank"] == 3


def test_products_by_chapter_with_atlas_names(duck: TradeTables) -> None:
    result = products.products(duck, ["CHN"], ["KAZ"], year=2020, level="chapter")
    rows = by(result.rows, "code")
    assert [r["code"] for r in result.rows] == ["85", "87", "04"]
    assert rows["85"]["share_pct"] == pytest.approx(45.0)
    assert rows["04"]["value_usd"] == pytest.approx(150_000)
    assert "Dairy" in rows["04"]["name"]
    assert "vehicles" in rows["87"]["name"].lower()


def test_products_keep_leading_zero_at_subheading(duck: TradeTables) -> None:
    result = products.products(duck, ["CHN"], ["KAZ"], year=2019, level="subheading")
    assert "040655" in {r["code"] for r in result.rows}


def test_products_by_section_and_both_directions(duck: TradeTables) -> None:
    result = products.products(duck, ["CHN"], ["KAZ"], year=2020, level="section", both_directions=True)
    assert sum(r["value_usd"] for r in result.rows) == pytest.approx(1_400_000)
    assert all(r["name"] for r in result.rows)
    # WCO sections by Roman numeral: 8517 (telephones) is in XVI, machinery and electrical equipment.
    sections = {r["code"]: r for r in result.rows}
    assert "XVI" in sections and sections["XVI"]["name"].startswith("Machinery")
    sectors = products.products(duck, ["CHN"], ["KAZ"], year=2020, level="sector", both_directions=True)
    assert sum(r["value_usd"] for r in sectors.rows) == pytest.approx(1_400_000)
    assert all(r["name"] for r in sectors.rows) and not set(sectors.rows[0]["code"]) - set("0123456789")
    top = products.products(duck, ["CHN"], ["KAZ"], year=2020, level="heading", limit=1)
    assert [r["code"] for r in top.rows] == ["8517"]


def test_summary_without_imports_uses_the_ledgers_cited_figures(tiny_settings: Settings) -> None:
    build(tiny_settings, force=True)
    with open_trade(tiny_settings) as tables:
        result = totals.summary(tables, "CHN", ["KAZ", "UZB"])
        with pytest.raises(NotFoundError, match="caravan import"):
            partners.partners(tables, "KAZ", 2023)  # a ranking needs every partner: bulk data only
    assert result.dataset == "ledger" and result.notes[0].startswith("no bulk trade data imported")
    rows = by(result.rows, "partner", "year")
    # The tiny ledger: CHN-KAZ turnover 41 bn (2023) and 43.8 bn (2024), CHN-UZB 14 bn (2023).
    assert rows[("KAZ", 2023)]["turnover"] == pytest.approx(41e9)
    assert rows[("KAZ", 2024)]["turnover_yoy_pct"] == pytest.approx((43.8 / 41 - 1) * 100)
    assert rows[("KAZ", 2023)]["exports"] is None and rows[("KAZ", 2023)]["balance"] is None
    assert rows[("UZB", 2023)]["turnover"] == pytest.approx(14e9)
    # Kazakhstan's own figure (30.1 bn, src-b) is the partner's report, not China's.
    assert [s["id"] for s in result.sources] == ["src-a"]


def test_summary_can_be_asked_for_the_ledger_beside_bulk_data(duck: TradeTables) -> None:
    assert totals.summary(duck, "CHN", ["KAZ"]).dataset == "imf-dots"
    ledger = totals.summary(duck, "CHN", ["KAZ"], dataset="ledger")
    assert ledger.dataset == "ledger" and not ledger.notes[0].startswith("no bulk")
    assert {r["year"] for r in ledger.rows} == {2023, 2024}


def test_flows_between_and_world_totals(duck: TradeTables) -> None:
    result = totals.flows_between(duck, ["CHN"], ["KAZ", "UZB"], dataset="baci", years=[2020])
    rows = by(result.rows, "exporter", "importer")
    assert rows[("CHN", "KAZ")]["value_usd"] == pytest.approx(1_000_000)
    assert rows[("UZB", "CHN")]["value_usd"] == pytest.approx(50_000)
    world = by(totals.exporter_totals(duck, dataset="baci", years=[2020]).rows, "exporter")
    assert world["CHN"]["value_usd"] == pytest.approx((150 + 450 + 400 + 200 + 2000) * 1000)


def test_missing_dataset_says_what_to_do(duck: TradeTables) -> None:
    with pytest.raises(NotFoundError, match="caravan import"):
        products.products(duck, ["CHN"], ["KAZ"], year=2020, dataset="imf-dots")


def test_sources_are_gathered_by_the_query_itself(duck: TradeTables) -> None:
    flows = totals.flows_between(duck, ["CHN"], ["KAZ"], dataset="baci")
    assert len(flows.sources) == 2 and "source_ids" not in flows.columns
    assert all("source_ids" not in r for r in flows.rows)
    one_year = products.products(duck, ["CHN"], ["KAZ"], year=2020, level="chapter")
    [source] = one_year.sources
    assert source["publisher"] == "CEPII" and "2020" in source["title"]
    world = totals.exporter_totals(duck, dataset="baci", years=[2019])
    assert [s["title"] for s in world.sources] == [s["title"] for s in flows.sources if "2019" in s["title"]]
