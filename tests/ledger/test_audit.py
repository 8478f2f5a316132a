"""The audit: each check found on a small hand-made ledger, errors refuse the build, warnings are kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from caravan.cli import app
from caravan.errors import DataError
from caravan.ledger.audit import audit
from caravan.ledger.build import assemble, build
from caravan.ledger.store import Ledger
from caravan.settings import Settings
from caravan.sources.curated import load_curated

OBS = "observations/main.csv"


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _findings(data: Path) -> list[tuple[str, str]]:
    curated, _ = load_curated(data)
    return [(f.severity, f.check_name) for f in audit(assemble(curated))]


def test_the_tiny_data_is_clean(tiny_data: Path) -> None:
    assert _findings(tiny_data) == []


def test_parts_above_the_whole_are_an_error_that_refuses_the_build(tiny_settings: Settings) -> None:
    build(tiny_settings, force=True)
    before = tiny_settings.ledger.read_bytes()
    # The five add up to 41 + 19.8 + 3.9 + 10.6 + 14 = 89.3 bn; a group figure of 80 bn is too small.
    _append(tiny_settings.data / OBS, "trade.turnover,CHN,C5,2023,80,bn USD,src-a,total,reported,\n")
    assert ("error", "part-whole") in _findings(tiny_settings.data)
    with pytest.raises(DataError, match=r"data/observations/main.csv:line 12: audit: .*add up to more than"):
        build(tiny_settings, force=True)
    assert tiny_settings.ledger.read_bytes() == before


def test_a_lower_bound_whole_is_not_contradicted_by_its_parts(tiny_data: Path) -> None:
    # "over 80 bn" says nothing against 89.3 bn of parts.
    _append(tiny_data / OBS, "trade.turnover,CHN,C5,2023,80,bn USD,src-a,over 80 bn,reported,over\n")
    assert ("error", "part-whole") not in _findings(tiny_data)


def test_parts_within_the_rounding_of_the_whole_pass(tiny_data: Path) -> None:
    _append(tiny_data / OBS, "trade.turnover,CHN,C5,2023,89.3,bn USD,src-b,total,reported,\n")
    assert ("error", "part-whole") not in _findings(tiny_data)


def test_a_year_above_its_running_total_is_an_error(tiny_data: Path) -> None:
    _append(
        tiny_data / "indicators/main.yaml",
        "- {id: gas.delivered, pillar: energy, name: Gas delivered, unit: bcm, kind: flow,"
        " definition: A year's gas.}\n",
    )
    # The tiny data's running total is "over 423.2 bcm" by 2022: a lower bound, no contradiction.
    _append(tiny_data / OBS, "gas.delivered,C5,CHN,2022,450,bcm,src-a,450 bcm in 2022,reported,\n")
    assert ("error", "annual-cumulative") not in _findings(tiny_data)
    # An exact total of 440 bcm by the end of 2023 is below the single year 2022.
    _append(
        tiny_data / OBS, "gas.delivered.cumulative,C5,CHN,cumulative-to 2023-12-31,440,bcm,src-b,440 bcm,reported,\n"
    )
    assert ("error", "annual-cumulative") in _findings(tiny_data)


def test_two_pages_disagreeing_beyond_rounding_is_a_warning(tiny_data: Path) -> None:
    # src-a gives 43.8 bn for China–Kazakhstan 2024; another page of China's figures says 44.5.
    _append(tiny_data / OBS, "trade.turnover,CHN,KAZ,2024,44.5,bn USD,src-b,44.5 bn,reported,\n")
    assert ("warning", "disagreement") in _findings(tiny_data)


def test_the_same_figure_rounded_is_no_disagreement(tiny_data: Path) -> None:
    _append(tiny_data / OBS, "trade.turnover,CHN,KAZ,2024,43.83,bn USD,src-b,43.83 bn,reported,\n")
    _append(tiny_data / OBS, "trade.turnover,CHN,KAZ,2023,41.0,bn USD,src-b,41.0 bn,reported,\n")
    assert ("warning", "disagreement") not in _findings(tiny_data)


def test_a_qualified_figure_stored_as_exact_is_a_warning(tiny_data: Path) -> None:
    _append(tiny_data / OBS, 'trade.turnover,CHN,TJK,2024,4,bn USD,src-a,"trade exceeded 4 billion",reported,\n')
    assert ("warning", "bound-qualifier") in _findings(tiny_data)


def test_a_figure_only_on_a_secondary_site_is_a_warning(tiny_data: Path) -> None:
    _append(
        tiny_data / "sources/main.yaml",
        "- {id: src-copy, publisher: Aggregator, original_publisher: Example Customs, title: Copy,"
        " url: 'https://copies.example.net/c', retrieved: 2026-11-29, kind: news, language: en}\n",
    )
    _append(tiny_data / OBS, "trade.turnover,CHN,TJK,2024,4.1,bn USD,src-copy,4.1 bn,reported,\n")
    assert ("warning", "secondary-only") in _findings(tiny_data)


def test_a_flow_reported_before_its_year_began_is_an_error(tiny_data: Path) -> None:
    # src-a was published on 2025-01-20; it cannot report the year 2026.
    _append(tiny_data / OBS, "trade.turnover,CHN,TJK,2026,4,bn USD,src-a,4 bn,reported,\n")
    assert ("error", "dated-before") in _findings(tiny_data)


def test_shares_above_100_percent_are_an_error(tiny_data: Path) -> None:
    _append(
        tiny_data / "indicators/main.yaml",
        "- {id: trade.partner_share, pillar: trade, name: Partner share, unit: percent, kind: rate,"
        " definition: A partner's share of the subject's trade.}\n",
    )
    _append(tiny_data / OBS, "trade.partner_share,KAZ,CHN,2024,60,percent,src-b,60 %,reported,\n")
    _append(tiny_data / OBS, "trade.partner_share,KAZ,UZB,2024,45,percent,src-b,45 %,reported,\n")
    assert ("error", "shares") in _findings(tiny_data)


def test_build_keeps_warnings_in_the_ledger_and_the_cli_lists_them(
    tiny_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    _append(tiny_settings.data / OBS, "trade.turnover,CHN,KAZ,2024,44.5,bn USD,src-b,44.5 bn,reported,\n")
    build(tiny_settings, force=True)
    with Ledger(tiny_settings.ledger) as ledger:
        rows = ledger.query("SELECT severity, check_name, observations FROM audit")
    assert [(r["severity"], r["check_name"]) for r in rows] == [("warning", "disagreement")]
    assert len(rows[0]["observations"]) == 2
    monkeypatch.setenv("CARAVAN_DATA", str(tiny_settings.data))
    result = CliRunner().invoke(app, ["audit", "-f", "json"])
    assert result.exit_code == 0, result.output
    assert '"disagreement"' in result.output


def test_cli_audit_exits_1_on_an_error(tiny_data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _append(tiny_data / OBS, "trade.turnover,CHN,C5,2023,80,bn USD,src-a,total,reported,\n")
    monkeypatch.setenv("CARAVAN_DATA", str(tiny_data))
    result = CliRunner().invoke(app, ["audit"])
    assert result.exit_code == 1
    assert "part-whole" in result.output
    assert result.output.strip().splitlines()[-1].startswith("Error: the audit found")
