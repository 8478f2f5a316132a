"""Fixtures for the trade tests: a tiny ledger with sample BACI, IMF DOTS and Comtrade imports."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from samples import write_baci, write_comtrade, write_dots

from caravan.ledger.backends import TradeTables, java_available, open_trade
from caravan.ledger.build import build
from caravan.settings import Settings
from caravan.sources.importer import import_files


def write_tiny_data(root: Path) -> Path:
    """The tiny curated data folder of the root conftest (loaded by path: every conftest is `conftest`)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("caravan_root_conftest", Path(__file__).parents[1] / "conftest.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.write_tiny_data(root)  # type: ignore[no-any-return]


@pytest.fixture(scope="session")
def trade_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """A tiny curated ledger with the sample BACI, DOTS and Comtrade files imported."""
    root = tmp_path_factory.mktemp("trade")
    settings = Settings(ledger=root / "caravan.duckdb", data=write_tiny_data(root))
    build(settings, force=True)
    import_files(settings, "baci", [write_baci(root / "baci")])
    import_files(settings, "imf-dots", [write_dots(root / "dots")])
    import_files(settings, "comtrade", [write_comtrade(root / "comtrade" / "kaz-2020.csv")])
    return settings


@pytest.fixture
def duck(trade_settings: Settings) -> Iterator[TradeTables]:
    """The sample trade tables on DuckDB."""
    with open_trade(trade_settings, "duckdb") as tables:
        yield tables


def spark_skip_reason() -> str | None:
    """Why the Spark tests cannot run here, or None."""
    if not java_available():
        return "Java is absent: the Spark engine needs a Java runtime (openjdk-17-jre-headless)"
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is absent: install the `spark` extra (uv sync --extra spark)"
    return None


@pytest.fixture(scope="session")
def spark_settings(trade_settings: Settings) -> Settings:
    """The sample settings, after checking that Spark can run (skips with the reason otherwise)."""
    reason = spark_skip_reason()
    if reason:
        pytest.skip(reason)
    return trade_settings


@pytest.fixture
def spark(spark_settings: Settings) -> Iterator[TradeTables]:
    """The sample trade tables on the shared local Spark session."""
    with open_trade(spark_settings, "spark") as tables:
        yield tables
