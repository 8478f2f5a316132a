"""Engines for large-table analyses: the same Ibis expressions on DuckDB (default) or Spark.

`open_trade(settings, engine)` returns the three trade tables as Ibis tables
on the chosen engine, under the same names on both, so that an analysis
written once compiles to either:

* `trade_flow`: product-level bilateral flows (BACI, Comtrade) — Parquet in the store;
* `trade_total`: country totals by partner as each reporter gives them (IMF DOTS,
  Comtrade TOTAL) — Parquet in the store;
* `trade_reported`: the curated ledger's own cited trade.exports / trade.imports /
  trade.turnover observations (annual, in USD), so that mirror statistics have
  something to compare where no bulk data was imported.

On DuckDB the tables are the ledger's views (the Parquet files are read in
place). On Spark they are temporary views over the same Parquet files, read
by a small local session (`local[2]`, few shuffle partitions, a small driver)
that is created once per process and shared.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import ibis
import pyarrow as pa

from caravan.errors import InputError, LedgerError
from caravan.ledger.store import Ledger
from caravan.settings import Settings
from caravan.sources.bulkstore import TRADE_FLOW, TRADE_TOTAL, ImportEntry, read_manifest

ENGINES = ("duckdb", "spark")
TRADE_INDICATORS = ("trade.exports", "trade.imports", "trade.turnover")

REPORTED = pa.schema(
    [
        ("year", pa.int32()),
        ("reporter", pa.string()),
        ("partner", pa.string()),
        ("flow", pa.string()),
        ("value_usd", pa.float64()),
        ("source_id", pa.string()),
        ("observation_id", pa.string()),
    ]
)
"""The curated trade observations as `trade_reported`: one reporter's annual figure for one partner."""

REPORTED_SQL = """
SELECT CAST(year(period_start) AS INTEGER) AS year, subject AS reporter, counterpart AS partner,
       replace(indicator, 'trade.', '') AS flow, value_std AS value_usd, source_id, id AS observation_id
FROM observation
WHERE indicator IN ('trade.exports', 'trade.imports', 'trade.turnover')
  AND period_kind = 'year' AND method IN ('reported', 'estimate') AND unit_std = 'USD'
  AND counterpart IS NOT NULL
"""


@dataclass
class TradeTables:
    """The trade tables on one engine, and the ledger for looking up sources."""

    engine: str
    con: Any
    flow: ibis.Table
    total: ibis.Table
    reported: ibis.Table
    ledger: Ledger
    present: dict[str, set[str]] = field(default_factory=dict)
    """Datasets stored in each table ({"trade_flow": {"baci"}, ...}), from the store's manifest."""

    def sources(self, ids: list[str]) -> list[dict[str, Any]]:
        """Source rows (id, publisher, title, url, checksum) for the given ids, in id order."""
        wanted = sorted({i for i in ids if i})
        if not wanted:
            return []
        marks = ", ".join("?" for _ in wanted)
        return self.ledger.query(
            f"SELECT id, publisher, title, url, checksum FROM source WHERE id IN ({marks}) ORDER BY id", wanted
        )


def java_available() -> bool:
    """Whether a Java runtime is on the PATH (Spark needs one)."""
    return shutil.which("java") is not None


@cache
def spark_session() -> Any:
    """A small local Spark session, created once per process.

    Raises:
        InputError: pyspark is not installed or Java is missing.
    """
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise InputError("the spark engine needs the `spark` extra: `uv sync --extra spark`") from exc
    if not java_available():
        raise InputError("the spark engine needs Java 17 (e.g. apt-get install openjdk-17-jre-headless)")
    session = (
        SparkSession.builder.master("local[2]")
        .appName("caravan")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "2")
        .config("spark.driver.memory", "1g")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.ansi.enabled", "false")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    return session


def _spark_ddl(schema: pa.Schema) -> str:
    names = {pa.string(): "STRING", pa.int32(): "INT", pa.float64(): "DOUBLE", pa.bool_(): "BOOLEAN"}
    return ", ".join(f"{f.name} {names[f.type]}" for f in schema)


def _spark_view(session: Any, name: str, store: Path, entries: list[ImportEntry], schema: pa.Schema) -> None:
    """A temporary view over the stored files of one table, constant columns added per entry."""
    from functools import reduce

    from pyspark.sql import functions

    def typed(frame: Any, constants: dict[str, Any]) -> Any:
        return frame.select(
            *(
                (functions.lit(constants[f.name]) if f.name in constants else functions.col(f.name))
                .cast(_spark_ddl(pa.schema([f])).split(" ", 1)[1])
                .alias(f.name)
                for f in schema
            )
        )

    plain = [str(store / f) for e in entries if not e.constants.get(name) for f in e.files.get(name, [])]
    frames = [typed(session.read.parquet(*plain), {})] if plain else []
    for e in entries:
        if e.constants.get(name) and e.files.get(name):
            files = [str(store / f) for f in e.files[name]]
            frames.append(typed(session.read.parquet(*files), e.constants[name]))
    frame = reduce(lambda a, b: a.unionByName(b), frames) if frames else session.createDataFrame([], _spark_ddl(schema))
    frame.createOrReplaceTempView(name)


def _spark_rows(session: Any, name: str, table: pa.Table, schema: pa.Schema) -> None:
    rows = [tuple(r[f.name] for f in schema) for r in table.to_pylist()]
    session.createDataFrame(rows, _spark_ddl(schema)).createOrReplaceTempView(name)


@contextmanager
def open_trade(settings: Settings, engine: str = "duckdb") -> Iterator[TradeTables]:
    """The trade tables on an engine, for the span of a `with` block.

    Args:
        settings: Where the ledger and its store are.
        engine: `duckdb` (default) or `spark`.

    Raises:
        InputError: Unknown engine, or Spark is unavailable.
        LedgerError: No ledger has been built.
    """
    if engine not in ENGINES:
        raise InputError(f"unknown engine {engine!r}; use duckdb or spark")
    ledger = Ledger(settings.ledger)
    try:
        reported_arrow = ledger.con.sql(REPORTED_SQL).to_arrow_table().cast(REPORTED)
        manifest = read_manifest(settings.store_dir)
        present = {
            table: {e.format for e in manifest.entries if e.files.get(table)} for table in ("trade_flow", "trade_total")
        }
        if engine == "duckdb":
            # The ledger's own read-only connection: the views read the Parquet files in place.
            con = ibis.duckdb.from_connection(ledger.con)
            try:
                flow, total = con.table("trade_flow"), con.table("trade_total")
            except Exception as exc:
                raise LedgerError(
                    f"the ledger at {settings.ledger} has no trade views; run `caravan build --force`"
                ) from exc
            ledger.con.register("trade_reported", reported_arrow)
            tables = TradeTables(engine, con, flow, total, con.table("trade_reported"), ledger, present)
        else:
            session = spark_session()
            store = settings.store_dir
            _spark_view(session, "trade_flow", store, manifest.entries, TRADE_FLOW)
            _spark_view(session, "trade_total", store, manifest.entries, TRADE_TOTAL)
            _spark_rows(session, "trade_reported", reported_arrow, REPORTED)
            con = ibis.pyspark.connect(session)
            tables = TradeTables(
                engine,
                con,
                con.table("trade_flow"),
                con.table("trade_total"),
                con.table("trade_reported"),
                ledger,
                present,
            )
        yield tables
    finally:
        ledger.close()
