"""The ledger's named queries that the surfaces call instead of writing SQL of their own."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from caravan.errors import NotFoundError
from caravan.ledger.build import table_counts
from caravan.ledger.store import Ledger, one_per_period
from caravan.sources.vocabulary import Tier, printed_digits, printed_digits_sql, tier_rank, tier_rank_sql


def test_series_rows_of_one_pair_with_their_sources(tiny_ledger: Ledger) -> None:
    rows = tiny_ledger.series_rows("trade.turnover", "CHN", "KAZ")
    assert [(r["period"], r["value"], r["source_id"], r["publisher"]) for r in rows] == [
        ("2023", 41.0, "src-a", "Example Customs"),
        ("2024", 43.8, "src-a", "Example Customs"),
    ]
    assert {r["bound"] for r in rows} == {"exact"}
    (gas,) = tiny_ledger.series_rows("gas.delivered.cumulative", "C5", "CHN")
    assert (gas["period_kind"], gas["value"], gas["bound"]) == ("cumulative-to-date", 423.2, "lower")


def test_series_rows_until_a_date(tiny_ledger: Ledger) -> None:
    until = tiny_ledger.series_rows("trade.turnover", "CHN", "KAZ", until=date(2023, 12, 31))
    assert [r["period"] for r in until] == ["2023"]
    assert tiny_ledger.series_rows("trade.turnover", "CHN", "KAZ", until=date(2023, 12, 30)) == []


def test_series_rows_without_a_counterpart(tiny_ledger: Ledger) -> None:
    """None is the subject's own figures (an exchange rate), not every counterpart's."""
    rows = tiny_ledger.series_rows("fx.cny_per_usd", "CHN", None)
    assert [(r["period"], r["value"]) for r in rows] == [("2024", 7.1217)]
    assert tiny_ledger.series_rows("trade.turnover", "CHN", None) == []


def test_table_counts(tiny_ledger: Ledger, tiny_settings_path: Path) -> None:
    counts = tiny_ledger.table_counts(("observation", "event", "commitment"))
    assert counts == {"observation": len(tiny_ledger.observations()), "event": 1, "commitment": 1}
    every = tiny_ledger.table_counts()
    assert "meta" not in every and "change" not in every
    assert every["source"] == 2
    assert table_counts(tiny_settings_path) == every


def test_table_counts_of_no_table(tiny_ledger: Ledger) -> None:
    with pytest.raises(NotFoundError, match="no table nothing"):
        tiny_ledger.table_counts(["source", "nothing"])


def test_entities_within(tiny_ledger: Ledger) -> None:
    assert [r["id"] for r in tiny_ledger.entities_within(["KAZ"], ["city", "port"])] == ["city.example"]
    assert tiny_ledger.entities_within(["KGZ"], ["city"]) == []
    assert tiny_ledger.entities_within(["KAZ"], ["port"]) == []
    assert tiny_ledger.entities_within([], ["city"]) == []


def test_edges_touching(real_ledger: Ledger) -> None:
    """The edges with an end in the countries, and no others, each with both ends' names."""
    edges = real_ledger.edges_touching(["KAZ"])
    ids = [e["id"] for e in edges]
    assert "rail.alashankou-dostyk" in ids
    assert "rail.zhengzhou-xian" not in ids
    country = {r["id"]: r["country"] for r in real_ledger.query("SELECT id, country FROM node")}
    every = real_ledger.query("SELECT id, from_node, to_node FROM edge")
    assert sorted(ids) == sorted(e["id"] for e in every if "KAZ" in (country[e["from_node"]], country[e["to_node"]]))
    dostyk = edges[ids.index("rail.alashankou-dostyk")]
    assert (dostyk["a_en"], dostyk["a_zh"]) == ("Alashankou", "阿拉山口")
    assert real_ledger.edges_touching([]) == []


@pytest.fixture
def tiny_settings_path(tiny_ledger: Ledger) -> Path:
    """The tiny ledger's path (built by `tiny_ledger`)."""
    return tiny_ledger.path


def _row(oid: str, end: date, *, tier: str | None, source: str, family: str = "Customs", bound: str = "exact") -> dict:
    return {
        "id": oid,
        "period_end": end,
        "primary_authority": family,
        "bound": bound,
        "method": "reported",
        "tier": tier,
        "source_id": source,
    }


def test_one_per_period_prefers_the_better_tier_within_a_family() -> None:
    """A newspaper's copy (source id first in the alphabet) does not stand for the publisher's own release."""
    end = date(2024, 12, 31)
    copy = _row("o1", end, tier="media", source="a-newspaper")
    own = _row("o2", end, tier="official", source="z-customs")
    family, picked = one_per_period([copy, own])
    assert family == "Customs"
    assert [r["id"] for r in picked] == ["o2"]
    # An exact figure still comes before a bound, whatever its tier.
    bound = _row("o3", end, tier="official", source="z-customs", bound="lower")
    assert [r["id"] for r in one_per_period([bound, copy])[1]] == ["o1"]


def test_tier_rank_is_the_order_of_tiers() -> None:
    assert [tier_rank(t.value) for t in Tier] == list(range(len(Tier)))
    assert tier_rank(None) == tier_rank("secondary") == tier_rank("no-such-tier")


def test_tier_rank_sql_agrees_with_tier_rank(tiny_ledger: Ledger) -> None:
    for tier in [*(t.value for t in Tier), None, "no-such-tier"]:
        ((rank,),) = tiny_ledger.con.execute(
            f"SELECT {tier_rank_sql('t')} FROM (SELECT ?::VARCHAR AS t)", [tier]
        ).fetchall()
        assert rank == tier_rank(tier), tier


@pytest.mark.parametrize(
    ("value", "digits"), [(43.82, 4), (44.0, 2), (44, 2), (43.8, 3), (1_300_000, 2), (0.05, 1), (2077216, 7), (None, 0)]
)
def test_printed_digits(value: float | None, digits: int) -> None:
    assert printed_digits(value) == digits


def test_printed_digits_sql_agrees_with_printed_digits(tiny_ledger: Ledger) -> None:
    for value in (43.82, 44.0, 43.8, 1_300_000.0, 0.05, 2077216.0, 106.3, 5.132913458):
        ((sql,),) = tiny_ledger.con.execute(
            f"SELECT {printed_digits_sql('v')} FROM (SELECT ?::DOUBLE AS v)", [value]
        ).fetchall()
        assert sql == printed_digits(value), value


def test_one_per_period_prefers_the_more_precise_of_two_copies() -> None:
    """China's customs' 43.82 bn, as two newspapers printed it, stands before a speech's rounder '44 bn'."""
    end = date(2024, 12, 31)
    rounder = {**_row("o1", end, tier="media", source="a-speech"), "value": 44.0}
    precise = {**_row("o2", end, tier="media", source="z-newspaper"), "value": 43.82}
    assert [r["id"] for r in one_per_period([rounder, precise])[1]] == ["o2"]
