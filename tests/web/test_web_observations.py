"""Sparkline series keep to one publisher family, so a trend is never a change of source."""

from __future__ import annotations

import textwrap

from caravan.ledger.build import build
from caravan.ledger.store import Ledger
from caravan.settings import Settings

# src-0 sorts before src-a, so "first source by id" would take the partner's figures where both report.
MORE_SOURCES = """\
- id: src-0
  publisher: Partner Statistics Office
  title: Partner trade
  url: https://example.org/0
  retrieved: 2026-11-29
  kind: official-statistics
  language: en
- id: src-c
  publisher: Example News
  original_publisher: Example Customs
  title: Customs figures quoted
  url: https://example.org/c
  retrieved: 2026-11-29
  kind: news
  language: en
"""
MORE_OBSERVATIONS = """\
indicator,subject,counterpart,period,value,unit,source,locator,method,note
trade.turnover,CHN,KAZ,2022,31.2,bn USD,src-c,"31.2 billion",reported,
trade.turnover,CHN,KAZ,2023,39,bn USD,src-0,"partner 2023",reported,
trade.turnover,CHN,KAZ,2024,40.5,bn USD,src-0,"partner 2024",reported,
trade.turnover,CHN,TJK,2024,4.2,bn USD,src-b,"partner 2024",reported,
"""


def test_series_keeps_one_publisher_family(tiny_settings: Settings) -> None:
    data = tiny_settings.data
    (data / "sources" / "more.yaml").write_text(textwrap.dedent(MORE_SOURCES), encoding="utf-8")
    (data / "observations" / "more.csv").write_text(textwrap.dedent(MORE_OBSERVATIONS), encoding="utf-8")
    build(tiny_settings, force=True)
    with Ledger(tiny_settings.ledger) as ledger:
        # Customs (src-a, and src-c quoting it) reports 2022-2024; the partner only 2023-2024.
        kaz = ledger.yearly_series("trade.turnover", "CHN", "KAZ")
        assert [(r["period"], r["source_id"], r["value"]) for r in kaz] == [
            ("2022", "src-c", 31.2),
            ("2023", "src-a", 41.0),
            ("2024", "src-a", 43.8),
        ]
        assert {r["publisher"] for r in kaz} == {"Example Customs"}
        # One year each: the family reaching the later year wins, and the other is left out.
        tjk = ledger.yearly_series("trade.turnover", "CHN", "TJK")
        assert [(r["period"], r["source_id"]) for r in tjk] == [("2024", "src-b")]
