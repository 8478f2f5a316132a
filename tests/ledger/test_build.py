"""Building the ledger: from the real data/, derived rows, atomicity, schema checks."""

from __future__ import annotations

import math
from pathlib import Path

import duckdb
import pytest

from caravan.errors import LedgerError
from caravan.ledger.build import build
from caravan.ledger.schema import SCHEMA_VERSION, markdown
from caravan.ledger.store import Ledger, ObservationFilter
from caravan.settings import Settings
from caravan.units import scale

ROOT = Path(__file__).resolve().parents[2]


def test_real_data_builds_with_enough_cited_facts(real_ledger: Ledger) -> None:
    counts = {
        t: real_ledger.query(f"SELECT count(*) AS n FROM {t}")[0]["n"]
        for t in ("source", "entity", "indicator", "observation")
    }
    reported = real_ledger.query("SELECT count(*) AS n FROM observation WHERE method <> 'derived'")[0]["n"]
    cited = real_ledger.query("SELECT count(DISTINCT source_id) AS n FROM observation")[0]["n"]
    assert reported >= 300, counts
    assert cited >= 80, counts


def test_every_reported_observation_has_a_source_with_an_address(real_ledger: Ledger) -> None:
    orphans = real_ledger.query(
        """
        SELECT o.id, o.file FROM observation o LEFT JOIN source s ON s.id = o.source_id
        WHERE o.method <> 'derived' AND (s.url IS NULL OR NOT regexp_matches(s.url, '^https?://[^ ]+$')
              OR o.locator IS NULL OR length(trim(o.locator)) = 0)
        """
    )
    assert orphans == []


def test_every_derived_observation_rests_on_cited_ones(real_ledger: Ledger) -> None:
    derived = real_ledger.observations(ObservationFilter(method="derived"))
    assert derived, "the real data should yield derived rows (sums, growth, shares)"
    for row in derived:
        assert row["source_id"] is None and row["derived_from"]
        inputs = real_ledger.lineage(row["id"])
        assert inputs and all(i["source_url"] for i in inputs)


def test_derived_values_match_their_inputs(real_ledger: Ledger) -> None:
    for row in real_ledger.observations(ObservationFilter(method="derived")):
        inputs = [real_ledger.observation(i) for i in row["derived_from"]]
        ind = row["indicator"]
        if ind.endswith(".yoy"):
            prev, cur = inputs
            expected = (cur["value_std"] / prev["value_std"] - 1) * 100
            assert prev["period_end"].year + 1 == cur["period_end"].year
        elif ind.endswith(".share_of_group"):
            part, total = inputs
            expected = part["value_std"] / total["value_std"] * 100
        else:
            expected = sum(i["value_std"] for i in inputs)
            assert len(inputs) == 5
            assert {i["counterpart"] for i in inputs} | {i["subject"] for i in inputs} >= {
                "KAZ",
                "KGZ",
                "TJK",
                "TKM",
                "UZB",
            }
            assert len({i["source_id"] for i in inputs}) == 1
        assert math.isclose(row["value_std"], expected, rel_tol=1e-9), (row, inputs)


def test_tiny_derivations_by_hand(tiny_ledger: Ledger) -> None:
    rows = {
        (r["indicator"], r["subject"], r["counterpart"], r["period"]): r
        for r in tiny_ledger.observations(ObservationFilter(method="derived"))
    }
    total = rows[("trade.turnover", "CHN", "C5", "2023")]
    assert math.isclose(total["value"], 41 + 19.8 + 3.9 + 10.6 + 14)
    assert total["unit"] == "bn USD"
    growth = rows[("trade.turnover.yoy", "CHN", "KAZ", "2024")]
    assert math.isclose(growth["value"], (43.8 / 41 - 1) * 100)
    share = rows[("trade.turnover.share_of_group", "CHN", "KAZ", "2023")]
    assert math.isclose(share["value"], 41 / 89.3 * 100)
    # China's and Kazakhstan's figures are never mixed in one derivation.
    assert ("trade.turnover.yoy", "KAZ", "CHN", "2024") not in rows


def test_values_are_kept_as_printed_and_standardised(tiny_ledger: Ledger) -> None:
    (row,) = tiny_ledger.observations(ObservationFilter(indicator="trade.turnover_cny"))
    assert (row["value"], row["unit"], row["currency"]) == (674.15, "bn CNY", "CNY")
    assert math.isclose(row["value_std"], scale(674.15, "bn CNY", "CNY"))
    (cum,) = tiny_ledger.observations(ObservationFilter(indicator="gas.delivered.cumulative"))
    assert cum["period_kind"] == "cumulative-to-date" and cum["note"] == "over"


def test_unchanged_inputs_skip_and_force_rebuilds(tiny_settings: Settings) -> None:
    first = build(tiny_settings)
    assert not first.skipped
    again = build(tiny_settings)
    assert again.skipped and again.counts == first.counts
    assert not build(tiny_settings, force=True).skipped


def test_build_is_reproducible(tiny_settings: Settings) -> None:
    def dump() -> list[tuple[object, ...]]:
        with Ledger(tiny_settings.ledger) as ledger:
            return ledger.con.execute("SELECT * EXCLUDE (file) FROM observation ORDER BY id").fetchall()

    build(tiny_settings, force=True)
    first = dump()
    build(tiny_settings, force=True)
    assert dump() == first


def test_missing_ledger_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(LedgerError, match="run `caravan build` first"):
        Ledger(tmp_path / "none.duckdb")


def test_older_schema_is_detected(tiny_settings: Settings) -> None:
    build(tiny_settings, force=True)
    con = duckdb.connect(str(tiny_settings.ledger))
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION - 1)])
    con.close()
    with pytest.raises(LedgerError, match=r"schema version .* rebuild"):
        Ledger(tiny_settings.ledger)
    # A rebuild (not skipped, since the stored version differs) repairs it.
    assert not build(tiny_settings).skipped
    Ledger(tiny_settings.ledger).close()


def test_not_a_ledger(tmp_path: Path) -> None:
    path = tmp_path / "other.duckdb"
    duckdb.connect(str(path)).close()
    with pytest.raises(LedgerError, match="not a Caravan ledger"):
        Ledger(path)


def test_schema_docs_are_current() -> None:
    assert (ROOT / "docs" / "ledger-schema.md").read_text(encoding="utf-8") == markdown(), (
        "docs/ledger-schema.md is stale: run `uv run caravan schema > docs/ledger-schema.md`"
    )
