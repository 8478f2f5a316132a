"""Shared fixtures: a real ledger built from data/, tiny curated folders, ../shared."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from caravan.ledger.build import build
from caravan.ledger.store import Ledger
from caravan.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ../shared reference folder beside the checkout; skips where absent."""
    if not (SHARED / "data").is_dir():
        pytest.skip("../shared reference material is absent")
    return SHARED


@pytest.fixture(scope="session")
def real_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings for a ledger built once per session from the project's real data/."""
    out = tmp_path_factory.mktemp("real-ledger")
    settings = Settings(ledger=out / "caravan.duckdb", data=DATA)
    build(settings, force=True)
    return settings


@pytest.fixture
def real_ledger(real_settings: Settings) -> Iterator[Ledger]:
    """The real ledger, opened read-only."""
    with Ledger(real_settings.ledger) as ledger:
        yield ledger


TINY_SOURCES = """\
- id: src-a
  publisher: Example Customs
  title: Trade of the example year
  url: https://example.org/a
  published: 2025-01-20
  retrieved: 2026-11-29
  kind: official-statistics
  language: en
- id: src-b
  publisher: Example Statistics Office
  title: Partner figures
  url: https://example.org/b
  retrieved: 2026-11-29
  kind: official-statistics
  language: en
"""

TINY_INDICATORS = """\
- id: trade.turnover
  pillar: trade
  name: Trade turnover
  unit: USD
  kind: flow
  definition: Exports plus imports of goods.
- id: trade.turnover_cny
  pillar: trade
  name: Trade turnover in yuan
  unit: CNY
  kind: flow
  definition: Exports plus imports of goods, in yuan.
- id: fx.cny_per_usd
  pillar: macro
  name: Yuan per US dollar, annual average
  unit: CNY/USD
  kind: rate
  definition: Annual average exchange rate.
- id: gas.delivered.cumulative
  pillar: energy
  name: Gas delivered, cumulative
  unit: bcm
  kind: stock
  definition: Gas delivered since the start of operation.
"""

TINY_OBSERVATIONS = """\
indicator,subject,counterpart,period,value,unit,source,locator,method,note
trade.turnover,CHN,KAZ,2023,41,bn USD,src-a,"table 1, Kazakhstan",reported,
trade.turnover,CHN,KGZ,2023,19.8,bn USD,src-a,"table 1, Kyrgyzstan",reported,
trade.turnover,CHN,TJK,2023,3.9,bn USD,src-a,"table 1, Tajikistan",reported,
trade.turnover,CHN,TKM,2023,10.6,bn USD,src-a,"table 1, Turkmenistan",reported,
trade.turnover,CHN,UZB,2023,14,bn USD,src-a,"table 1, Uzbekistan",reported,
trade.turnover,CHN,KAZ,2024,43.8,bn USD,src-a,"table 2, Kazakhstan",reported,
trade.turnover,KAZ,CHN,2024,30.1,bn USD,src-b,"partner table",reported,
trade.turnover_cny,CHN,C5,2024,674.15,bn CNY,src-a,"674.15 billion yuan",reported,
fx.cny_per_usd,CHN,,2024,7.1217,CNY/USD,src-a,"annual average",reported,
gas.delivered.cumulative,C5,CHN,cumulative-to 2022-12-31,423.2,bcm,src-a,"423.2 bcm",reported,over
"""

TINY_EVENTS = """\
- id: summit.example-2023
  date: 2023-05-18
  end: 2023-05-19
  kind: summit
  title: {en: Example summit, zh: 示例峰会, ru: Пример саммита}
  place: city.example
  participants: [CHN, KAZ]
  source: src-a
  locator: "held on 18-19 May"
"""

TINY_COMMITMENTS = """\
- id: example-2023.trade
  event: summit.example-2023
  text: Raise trade to a round figure.
  pillar: trade
  countries: [CHN, KAZ]
  target: {indicator: trade.turnover, subject: CHN, counterpart: KAZ, value: 50, unit: bn USD, by: 2030}
  status: in-progress
  evidence:
    - {source: src-a, date: 2025-01-20, locator: "table 2"}
"""

TINY_ENTITIES = """\
- {id: CHN, kind: country}
- {id: KAZ, kind: country}
- {id: KGZ, kind: country}
- {id: TJK, kind: country}
- {id: TKM, kind: country}
- {id: UZB, kind: country}
- id: C5
  kind: group
  names: {en: Central Asia}
  members: [KAZ, KGZ, TJK, TKM, UZB]
- {id: city.example, kind: city, parent: KAZ, geonameid: 1526384, names: {en: Almaty, zh: 阿拉木图, ru: Алматы}}
"""


TINY_DOMAINS = """\
- {domain: example.org, tier: official, reason: The fixtures' statistics office.}
- {domain: example.com, tier: media, reason: The fixtures' newspaper.}
- {domain: copies.example.net, tier: secondary, reason: The fixtures' aggregator.}
- {domain: spam.example.net, tier: refused, reason: The fixtures' content farm.}
"""


def write_tiny_data(root: Path) -> Path:
    """Write a small, valid curated data folder under `root` and return it."""
    data = root / "data"
    files = {
        "domains/main.yaml": TINY_DOMAINS,
        "sources/main.yaml": TINY_SOURCES,
        "entities/main.yaml": TINY_ENTITIES,
        "indicators/main.yaml": TINY_INDICATORS,
        "observations/main.csv": TINY_OBSERVATIONS,
        "events/main.yaml": TINY_EVENTS,
        "commitments/main.yaml": TINY_COMMITMENTS,
    }
    for name, text in files.items():
        path = data / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return data


@pytest.fixture
def tiny_data(tmp_path: Path) -> Path:
    """A small, valid curated data folder the test may change."""
    return write_tiny_data(tmp_path)


@pytest.fixture
def tiny_settings(tiny_data: Path) -> Settings:
    """Settings pointing at the tiny data and a ledger beside it."""
    return Settings(ledger=tiny_data.parent / "caravan.duckdb", data=tiny_data)


@pytest.fixture
def tiny_ledger(tiny_settings: Settings) -> Iterator[Ledger]:
    """A ledger built from the tiny data, opened read-only."""
    build(tiny_settings, force=True)
    with Ledger(tiny_settings.ledger) as ledger:
        yield ledger


def copy_data(src: Path, dst: Path) -> Path:
    """Copy a curated data folder so a test can damage it."""
    shutil.copytree(src, dst)
    return dst
