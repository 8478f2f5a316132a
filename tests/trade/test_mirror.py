"""Mirror statistics on the sample DOTS workbooks and the tiny curated ledger, checked by hand."""

from __future__ import annotations

import pytest

from caravan.errors import InputError
from caravan.explore import explore
from caravan.ledger.backends import TradeTables, open_trade
from caravan.ledger.build import build
from caravan.ledger.store import Ledger
from caravan.settings import Settings
from caravan.trade.mirror import largest_gaps, mirror, mirrors


def rows_by_flow(rows: list[dict]) -> dict:
    return {(r["year"], r["flow"]): r for r in rows}


def test_mirror_china_kazakhstan_side_by_side(duck: TradeTables) -> None:
    result = mirror(duck, "CHN", "KAZ")
    rows = rows_by_flow(result.rows)
    out = rows[(2020, "CHN -> KAZ")]
    # China reports exports of 120.5 (FOB); Kazakhstan reports imports of 66.0 (CIF, an IMF estimate).
    assert out["first_reports"] == pytest.approx(120.5e6)
    assert out["second_reports"] == pytest.approx(66e6)
    assert out["gap"] == pytest.approx(-54.5e6)
    assert out["ratio"] == pytest.approx(66 / 120.5)
    assert out["second_fob"] == pytest.approx(60e6)
    assert out["adjusted_gap"] == pytest.approx(-60.5e6)
    back = rows[(2020, "KAZ -> CHN")]
    assert back["first_reports"] == pytest.approx(70e6)
    assert back["second_reports"] == pytest.approx(80e6)
    assert back["ratio"] == pytest.approx(80 / 70)
    turnover = rows[(2020, "CHN <-> KAZ")]
    assert turnover["first_reports"] == pytest.approx(200.5e6)
    assert turnover["second_reports"] == pytest.approx(136e6)
    assert turnover["second_fob"] is None
    # Each row says its partner and measure, so no reader parses the flow's text.
    assert {(r["partner"], r["measure"]) for r in result.rows} == {("KAZ", "direction"), ("KAZ", "turnover")}
    assert (out["measure"], back["measure"], turnover["measure"]) == ("direction", "direction", "turnover")
    # 2019: only China's figure exists; the row shows it with the partner's side empty.
    lone = rows[(2019, "CHN -> KAZ")]
    assert lone["first_reports"] == pytest.approx(100e6)
    assert lone["second_reports"] is None and lone["gap"] is None
    publishers = {s["id"].split(".")[0] for s in result.sources}
    assert "imf-dots" in publishers


def test_curated_ledger_fills_the_mirror_where_bulk_data_is_absent(duck: TradeTables) -> None:
    result = mirror(duck, "CHN", "KAZ", years=[2024])
    [row] = result.rows
    # The tiny curated data: China's customs 43.8 bn, Kazakhstan's statistics 30.1 bn for 2024.
    assert row["flow"] == "CHN <-> KAZ"
    assert row["first_reports"] == pytest.approx(43.8e9)
    assert row["second_reports"] == pytest.approx(30.1e9)
    assert row["first_source"] == "src-a" and row["second_source"] == "src-b"
    assert {s["id"] for s in result.sources} == {"src-a", "src-b"}


def test_mirror_cif_fob_factor_is_a_parameter(duck: TradeTables) -> None:
    rows = rows_by_flow(mirror(duck, "CHN", "KAZ", years=[2020], cif_fob=1.0).rows)
    assert rows[(2020, "CHN -> KAZ")]["adjusted_gap"] == pytest.approx(-54.5e6)
    with pytest.raises(InputError):
        mirror(duck, "CHN", "CHN")
    with pytest.raises(InputError):
        mirror(duck, "CHN", "KAZ", cif_fob=0)


def test_largest_gaps(duck: TradeTables) -> None:
    result = largest_gaps(duck, year=2020, limit=2)
    # Gaps 2020: CHN->KAZ -54.5, CHN->TJK -50, TJK->CHN none (China reports no imports from TJK),
    # KAZ->CHN +10, RUS->KAZ: Russia does not report.
    assert [(r["exporter"], r["importer"]) for r in result.rows] == [("CHN", "KAZ"), ("CHN", "TJK")]
    assert result.rows[0]["abs_gap"] == pytest.approx(54.5e6)
    assert result.sources


def test_each_row_names_its_datasets_and_the_result_only_those_used(duck: TradeTables) -> None:
    result = mirror(duck, "CHN", "KAZ")
    rows = rows_by_flow(result.rows)
    assert rows[(2020, "CHN -> KAZ")]["first_dataset"] == "imf-dots"
    assert rows[(2024, "CHN <-> KAZ")]["first_dataset"] == "ledger"
    assert {d for r in result.rows for d in (r["first_dataset"], r["second_dataset"]) if d} == set(
        result.dataset.split(", ")
    )
    gaps = largest_gaps(duck, year=2020, limit=2)
    assert gaps.dataset == "imf-dots" and gaps.rows[0]["importer_dataset"] == "imf-dots"


def test_a_mirror_on_curated_data_alone_names_no_bulk_dataset(tiny_settings: Settings) -> None:
    build(tiny_settings, force=True)
    with open_trade(tiny_settings, "duckdb") as tables:
        result = mirror(tables, "CHN", "KAZ")
    assert result.rows and result.dataset == "ledger"
    assert {r["first_dataset"] for r in result.rows} | {r["second_dataset"] for r in result.rows} <= {"ledger", None}


def test_mirror_of_several_partners_is_each_pair_in_turn(duck: TradeTables) -> None:
    kaz, kgz = mirror(duck, "CHN", "KAZ"), mirror(duck, "CHN", "KGZ")
    assert kaz.rows and kgz.rows
    both = mirrors(duck, "CHN", ["KAZ", "KGZ"])
    assert both.rows == kaz.rows + kgz.rows
    assert {r["partner"] for r in both.rows} == {"KAZ", "KGZ"}
    assert both.row_sources == kaz.row_sources + kgz.row_sources
    ids = [s["id"] for s in both.sources]
    assert len(ids) == len(set(ids))
    assert set(ids) == {s["id"] for s in kaz.sources + kgz.sources}
    assert both.title == "Mirror statistics CHN and KAZ, KGZ, US$"
    used = {r[c] for r in both.rows for c in ("first_dataset", "second_dataset") if r[c]}
    assert set(both.dataset.split(", ")) == used
    # One partner: the same result as `mirror` itself.
    assert mirrors(duck, "CHN", ["KAZ"]).to_dict() == kaz.to_dict()
    with pytest.raises(InputError):
        mirrors(duck, "CHN", [])
    with pytest.raises(InputError):
        mirrors(duck, "CHN", ["KAZ", "CHN"])


def test_a_compilers_blended_figure_is_no_countrys_side(real_settings: Settings) -> None:
    """The Eurasian Development Bank's 18.0 bn for Uzbekistan's 2024 trade with China is not Uzbekistan's figure.

    Uzbekistan's own statistics give 12.4 bn (via Trend); the bank's review blends sources, so its figures have
    no reporter and never stand for a side of a mirror comparison, while the IMF's DOTS, which relays each
    country's own reports, keeps its reporter.
    """
    with Ledger(real_settings.ledger) as ledger:
        edb = ledger.query("SELECT DISTINCT reporter FROM observation WHERE primary_authority = 'edb'")
        imf = ledger.query(
            "SELECT count(*) AS n FROM observation WHERE primary_authority = 'imf' AND reporter = subject"
        )
    assert edb == [{"reporter": None}] and imf[0]["n"] > 0
    with open_trade(real_settings, "duckdb") as tables:
        rows = {(r["year"], r["flow"]): r for r in mirror(tables, "CHN", "UZB").rows}
    uzbekistan = rows[(2024, "CHN <-> UZB")]
    assert uzbekistan["second_reports"] == pytest.approx(12.4e9)
    assert uzbekistan["second_source"] != "tr-24kg-2025-edb"


def test_the_mirror_and_the_charts_show_the_same_figure(real_settings: Settings) -> None:
    """Of a reporter's cited figures for a year, the mirror takes the one the explorer draws, never the largest."""
    with Ledger(real_settings.ledger) as ledger, open_trade(real_settings, "duckdb") as tables:
        compared = 0
        for partner in ("KAZ", "KGZ", "TJK", "TKM", "UZB"):
            rows = {r["year"]: r for r in mirror(tables, "CHN", partner).rows if r["measure"] == "turnover"}
            for side, key in (("first", f"CHN:{partner}"), ("second", f"{partner}:CHN")):
                for series in explore(ledger, "trade.turnover", [key]).series:
                    if series.reporter is None:
                        continue
                    for point in series.points:
                        row = rows.get(point.row["period_end"].year)
                        if row is None or point.row["bound"] != "exact" or row[f"{side}_source"] is None:
                            continue
                        assert row[f"{side}_reports"] == pytest.approx(point.row["value_std"]), (partner, point.row)
                        compared += 1
    assert compared >= 20


def test_figures_over_three_times_apart_are_flagged_and_named_in_a_note(duck: TradeTables) -> None:
    result = mirror(duck, "CHN", "KAZ")
    for row in result.rows:
        ratio = row["ratio"]
        expected = None if ratio is None or ratio <= 0 else (ratio > 3 or ratio < 1 / 3)
        assert row["far_apart"] is expected
    assert "far_apart" in result.columns
    apart = [r["year"] for r in result.rows if r["far_apart"]]
    notes = [n for n in result.notes if "times the other's" in n]
    assert bool(notes) == bool(apart)


@pytest.mark.parametrize(
    ("ratio", "apart"), [(None, None), (0.0, None), (3.0, False), (3.01, True), (0.33, True), (1.0, False)]
)
def test_far_apart_threshold(ratio: float | None, apart: bool | None) -> None:
    from caravan.trade.mirror import far_apart

    assert far_apart(ratio) is apart


def test_year_runs() -> None:
    from caravan.trade.mirror import year_runs

    assert year_runs([2000, 2001, 2002, 2005, 2007, 2008]) == "2000–2002, 2005, 2007–2008"
