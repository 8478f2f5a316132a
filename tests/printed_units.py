"""Fixture data for the surface tests: a newspaper quoting a customs authority, rows printed in 亿/万 units."""

from __future__ import annotations

from pathlib import Path

# Pint's spellings of scale words and powers, which must never reach a person.
RAW_SPELLINGS = ("yi ", "wan ", "**", "hecto")

PRINTED_AUTHORITIES = """\
- id: ex-customs
  names: {en: Example Customs Administration, zh: 示例海关, ru: Пример таможни}
  country: CHN
  tier: official
"""
PRINTED_SOURCE = """\
- id: src-c
  publisher: The Example Times
  authority: ex-customs
  title: Customs figures, reported
  url: https://example.com/c
  published: 2025-02-01
  retrieved: 2026-11-29
  kind: news
  language: zh
"""
PRINTED_INDICATORS = """\
- id: students.in_china
  pillar: people
  name: Students in China
  unit: person
  kind: stock
  definition: Students from the country enrolled in China.
"""


def add_printed(data: Path, rows: str) -> None:
    """Add to a tiny data folder a newspaper (src-c) quoting a customs authority, and observation rows for it."""
    (data / "authorities").mkdir(exist_ok=True)
    (data / "authorities/main.yaml").write_text(PRINTED_AUTHORITIES, encoding="utf-8")
    for name, text in (
        ("sources/main.yaml", PRINTED_SOURCE),
        ("indicators/main.yaml", PRINTED_INDICATORS),
        ("observations/main.csv", rows),
    ):
        with (data / name).open("a", encoding="utf-8") as fh:
            fh.write(text)
