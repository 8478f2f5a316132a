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
place): expressions are compiled to SQL and run on the ledger's connection.
On Spark they are temporary views over the same Parquet files, read
by a small local session (`local[2]`, few shuffle partitions, a small driver)
that is created once per process and shared.

Ibis is imported when an expression is built or compiled, not with this module:
an analysis run through `TradeTables.run` whose SQL was compiled before
(`caravan.ledger.compiled`) runs on DuckDB without it.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import pyarrow as pa

from caravan.errors import CaravanError, InputError, LedgerError
from caravan.ledger.compiled import CompiledQueries, Values
from caravan.ledger.store import Ledger
from caravan.settings import Settings
from caravan.sources.bulkstore import TRADE_FLOW, TRADE_TOTAL, ImportEntry, read_manifest
from caravan.sources.vocabulary import printed_digits_sql, tier_rank_sql

if TYPE_CHECKING:
    import ibis

ENGINES = ("duckdb", "spark")
T = TypeVar("T")
LEDGER = "ledger"
"""The curated ledger's own cited trade figures (`trade_reported`), as a dataset name."""

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

# The curated trade figures the analyses add, compare and rank: exact ones only ("over 48.6 bn"
# is no value to sum, difference or pick the largest of), only a reporter's own statistics (a
# compiler's blended figure for a country is not that country's side of a mirror comparison), and
# one a year per reporter, partner and flow, chosen as `caravan.ledger.store.one_per_period` chooses
# a series' figures: the publisher family with the most years first (ties: the latest year, then by
# name, no family last), then `reported` before other methods, the better source tier, the figure printed
# with more digits, source and id.
# So the mirror table and the charts show the same figure, never the largest of several.
REPORTED_SQL = f"""
WITH yearly AS (
    SELECT o.*, coalesce(o.primary_authority, s.original_publisher, s.publisher) AS family,
           {tier_rank_sql("s.tier")} AS tier_rank, {printed_digits_sql("o.value")} AS digits
    FROM observation o LEFT JOIN source s ON s.id = o.source_id
    WHERE o.indicator IN ('trade.exports', 'trade.imports', 'trade.turnover')
      AND o.period_kind = 'year' AND o.method IN ('reported', 'estimate') AND o.unit_std = 'USD'
      AND o.counterpart IS NOT NULL AND o.reporter = o.subject
), families AS (
    SELECT indicator, subject, counterpart, family, count(DISTINCT period_end) AS periods,
           max(period_end) AS latest
    FROM yearly GROUP BY ALL
)
SELECT CAST(year(y.period_start) AS INTEGER) AS year, y.subject AS reporter, y.counterpart AS partner,
       replace(y.indicator, 'trade.', '') AS flow, y.value_std AS value_usd, y.source_id, y.id AS observation_id
FROM yearly y JOIN families f
  ON f.indicator = y.indicator AND f.subject = y.subject AND f.counterpart = y.counterpart
 AND f.family IS NOT DISTINCT FROM y.family
WHERE coalesce(y.bound, 'exact') = 'exact'
QUALIFY row_number() OVER (
    PARTITION BY y.indicator, y.subject, y.counterpart, year(y.period_start)
    ORDER BY f.periods DESC, f.latest DESC, y.family IS NULL, y.family, y.method <> 'reported', y.tier_rank,
             y.digits DESC, y.source_id, y.id
) = 1
"""


@dataclass
class TradeTables:
    """The trade tables on one engine, and the ledger for looking up sources.

    Each table is bound when first used (a query that needs only `trade_flow`
    never reads the curated observations). The ledger is opened in the
    background: analyses build and compile their expressions while it opens,
    and `ledger` waits for it.
    """

    engine: str
    opening: Future[Ledger]
    """The ledger being opened (`ledger` waits for it)."""
    worker: ThreadPoolExecutor
    """The thread that opens the ledger, then runs `alongside` work."""
    backend: Callable[[], Any]
    present: dict[str, set[str]] = field(default_factory=dict)
    """Datasets stored in each table ({"trade_flow": {"baci"}, ...}), from the store's manifest."""
    loaders: dict[str, Callable[[], ibis.Table]] = field(default_factory=dict, repr=False)
    entries: list[ImportEntry] = field(default_factory=list, repr=False)
    """The store's manifest entries (what each imported file covers)."""
    bound: dict[str, ibis.Table] = field(default_factory=dict, repr=False)
    ready: dict[str, Callable[[], None]] = field(default_factory=dict, repr=False)
    """What makes a table's name resolve in SQL on the ledger's connection (`trade_reported` is registered)."""
    compiled: CompiledQueries = field(default_factory=lambda: CompiledQueries(None), repr=False)
    """Where SQL compiled per expression shape is kept (nowhere unless `open_trade` is given a folder)."""

    @property
    def ledger(self) -> Ledger:
        """The open ledger (waits until it is open; raises what opening raised)."""
        return self.opening.result()

    @cached_property
    def con(self) -> Any:
        """The Ibis backend of the engine (for expressions over in-memory tables)."""
        return self.backend()

    def alongside(self, fn: Callable[..., T], *args: Any) -> Future[T]:
        """Run `fn(*args)` in the background once the ledger is open, while the engine runs queries.

        For work an analysis needs only with its result (reading names, say): it
        then overlaps the query, which leaves the GIL free, and not the compiling
        that comes before it, which needs the GIL.
        """
        return self.worker.submit(fn, *args)

    def datasets(self) -> dict[str, set[str]]:
        """Datasets present in each table: {'trade_flow': {...}, 'trade_total': {...}} (from the store's manifest)."""
        return {name: set(self.present.get(name, set())) for name in ("trade_flow", "trade_total")}

    def table(self, name: str) -> ibis.Table:
        """One of trade_flow, trade_total, trade_reported on this engine."""
        if name not in self.bound:
            self.bound[name] = self.loaders[name]()
        return self.bound[name]

    def to_arrow(self, expr: ibis.Table) -> pa.Table:
        """Run an expression over the trade tables and return its rows as Arrow, typed by its schema.

        On DuckDB the expression is compiled to SQL without a backend and run on
        the ledger's own connection, where the views `trade_flow`, `trade_total`
        (and `trade_reported`, once used) resolve its table names.
        """
        import ibis

        schema = expr.schema().to_pyarrow()
        if self.engine != "duckdb":
            return self.con.to_pyarrow(expr).cast(schema)
        sql = ibis.to_sql(expr, dialect="duckdb", pretty=False)
        return self.ledger.con.sql(sql).to_arrow_table().cast(schema)

    def run(self, name: str, values: Values, build: Callable[[Values], ibis.Table]) -> tuple[pa.Table, list[str]]:
        """Run the expression `build(values)` and return its rows as Arrow, and its columns.

        On DuckDB the SQL of the query's shape is read from `compiled` when it was
        kept before, and run with the values as parameters, without Ibis; else it is
        compiled (and kept). On Spark the expression is built and run.

        Args:
            name: The query's name (one per analysis; its shape is derived from `values`).
            values: The parameters `build` reads: texts, whole numbers, lists of them, or None.
            build: Makes the Ibis expression from the values (and nothing else that varies).
        """
        if self.engine != "duckdb":
            expr = build(values)
            return self.to_arrow(expr), list(expr.columns)
        kept = self.compiled.get(name, values)
        params: dict[str, Any] = {}
        if kept is None:
            compiled = self.compiled.compile(name, values, build)
        else:
            compiled, params = kept
        for table, make_ready in self.ready.items():
            if f'"{table}"' in compiled.sql or f" {table}" in compiled.sql:
                make_ready()
        rows = self.ledger.con.sql(compiled.sql, params=params or None).to_arrow_table()
        # Arrow's cast loads pyarrow.compute (70 ms on first use): only where DuckDB's types differ.
        return (rows if rows.schema == compiled.schema else rows.cast(compiled.schema)), compiled.columns

    @property
    def flow(self) -> ibis.Table:
        """Product-level flows (`trade_flow`)."""
        return self.table("trade_flow")

    @property
    def total(self) -> ibis.Table:
        """Country totals by partner (`trade_total`)."""
        return self.table("trade_total")

    @property
    def reported(self) -> ibis.Table:
        """The curated ledger's trade observations (`trade_reported`)."""
        return self.table("trade_reported")

    def sources(self, ids: list[str]) -> list[dict[str, Any]]:
        """Source rows (id, publisher, title, url, checksum) for the given ids, in id order."""
        wanted = sorted({i for i in ids if i})
        if not wanted:
            return []
        marks = ", ".join("?" for _ in wanted)
        return self.ledger.query(
            f"SELECT id, publisher, title, url, checksum FROM source WHERE id IN ({marks}) ORDER BY id", wanted
        )


def _unbound(name: str, schema: pa.Schema) -> ibis.Table:
    """A table known by name and schema only (no DESCRIBE, which would open every Parquet file)."""
    import ibis

    return ibis.table(ibis.Schema.from_pyarrow(schema), name=name)


def java_available() -> bool:
    """Whether a Java runtime is on the PATH (Spark needs one)."""
    return shutil.which("java") is not None


# Properties for a small local session; a cluster keeps its own unless the settings' file names them.
LOCAL_SPARK_DEFAULTS = {
    "spark.sql.shuffle.partitions": "2",
    "spark.default.parallelism": "2",
    "spark.driver.memory": "1g",
}
SPARK_DEFAULTS = {
    "spark.ui.enabled": "false",
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.ansi.enabled": "false",
    "spark.sql.execution.arrow.pyspark.enabled": "true",
}


def spark_properties(master: str, conf: Path | None = None) -> dict[str, str]:
    """The Spark properties for a session on `master`: Caravan's defaults, then the file's.

    Args:
        master: `local[2]`, `spark://host:7077`, `yarn`, ...
        conf: A `spark-defaults.conf`-style file (`key value` or `key=value` a line, `#` comments).

    Raises:
        InputError: The file cannot be read or a line has no value.
    """
    properties = {**(LOCAL_SPARK_DEFAULTS if master.startswith("local") else {}), **SPARK_DEFAULTS}
    if conf is None:
        return properties
    try:
        lines = conf.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the Spark properties file {conf}: {exc}; fix CARAVAN_SPARK_CONF") from exc
    for number, line in enumerate(lines, 1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        key, _, value = text.replace("=", " ", 1).partition(" ")
        if not value.strip():
            raise InputError(f"{conf}, line {number}: {text!r} has no value; write `key value`")
        properties[key] = value.strip()
    return properties


def spark_session(master: str = "local[2]", conf: Path | None = None) -> Any:
    """A Spark session on `master` with the settings' properties, created once per process.

    Raises:
        InputError: pyspark is not installed, Java is missing, or the properties file is bad.
    """
    return _spark_session(master, tuple(spark_properties(master, conf).items()))


@cache
def _spark_session(master: str, properties: tuple[tuple[str, str], ...]) -> Any:
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise InputError("the spark engine needs the `spark` extra: `uv sync --extra spark`") from exc
    if master.startswith("local") and not java_available():
        raise InputError("the spark engine needs Java 17 (e.g. apt-get install openjdk-17-jre-headless)")
    builder = SparkSession.builder.master(master).appName("caravan")
    for key, value in properties:
        builder = builder.config(key, value)
    session = builder.getOrCreate()
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
def open_trade(
    settings: Settings, engine: str = "duckdb", *, threads: int | None = None, compiled_sql: Path | None = None
) -> Iterator[TradeTables]:
    """The trade tables on an engine, for the span of a `with` block.

    Args:
        settings: Where the ledger and its store are.
        engine: `duckdb` (default) or `spark`.
        threads: DuckDB worker threads (default: one per core).
        compiled_sql: A folder to keep SQL compiled per expression shape in
            (`Settings.sql_cache_dir`), so that `TradeTables.run` needs no Ibis the
            next time; None compiles every time.

    Raises:
        InputError: Unknown engine, or Spark is unavailable.
        LedgerError: No ledger has been built. A ledger that cannot be read (another
            schema version, say) raises it on first use, from `ledger` or a query.
    """
    if engine not in ENGINES:
        raise InputError(f"unknown engine {engine!r}; use duckdb or spark")
    if not settings.ledger.exists():
        raise LedgerError(f"no ledger at {settings.ledger}; run `caravan build` first")

    def open_ledger() -> Ledger:
        ledger = Ledger(settings.ledger)
        if threads is not None:
            ledger.con.execute(f"SET threads = {int(threads)}")
        return ledger

    # Opening a ledger file takes as long as building and compiling an analysis's
    # expression, and DuckDB releases the GIL while it opens: do both at once.
    worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="caravan-ledger")
    opening = worker.submit(open_ledger)
    try:
        manifest = read_manifest(settings.store_dir)
        present = {
            table: {e.format for e in manifest.entries if e.files.get(table)} for table in ("trade_flow", "trade_total")
        }

        def reported_arrow() -> pa.Table:
            return opening.result().con.sql(REPORTED_SQL).to_arrow_table().cast(REPORTED)

        if engine == "duckdb":
            # Tables are unbound: expressions compile to SQL whose table names the ledger's
            # views resolve (every ledger of this schema version has `trade_flow` and
            # `trade_total`; `caravan build` creates them, empty when nothing is imported).

            def backend() -> Any:
                import ibis

                return ibis.duckdb.from_connection(opening.result().con)

            registered: list[str] = []

            def ready_reported() -> None:
                if not registered:
                    opening.result().con.register("trade_reported", reported_arrow())
                    registered.append("trade_reported")

            def register_reported() -> ibis.Table:
                ready_reported()
                return _unbound("trade_reported", REPORTED)

            ready: dict[str, Callable[[], None]] = {"trade_reported": ready_reported}

            loaders: dict[str, Callable[[], ibis.Table]] = {
                "trade_flow": lambda: _unbound("trade_flow", TRADE_FLOW),
                "trade_total": lambda: _unbound("trade_total", TRADE_TOTAL),
                "trade_reported": register_reported,
            }
        else:
            import ibis

            ready = {}  # Spark runs expressions, never kept SQL
            session = spark_session(settings.spark_master, settings.spark_conf)
            store = settings.store_dir
            con = ibis.pyspark.connect(session)

            def backend() -> Any:
                return con

            def spark_table(name: str, schema: pa.Schema) -> Callable[[], ibis.Table]:
                def load() -> ibis.Table:
                    if name == "trade_reported":
                        _spark_rows(session, name, reported_arrow(), REPORTED)
                    else:
                        _spark_view(session, name, store, manifest.entries, schema)
                    return con.table(name)

                return load

            loaders = {
                "trade_flow": spark_table("trade_flow", TRADE_FLOW),
                "trade_total": spark_table("trade_total", TRADE_TOTAL),
                "trade_reported": spark_table("trade_reported", REPORTED),
            }
        yield TradeTables(
            engine,
            opening,
            worker,
            backend,
            present,
            loaders,
            manifest.entries,
            ready=ready,
            compiled=CompiledQueries(compiled_sql),
        )
    finally:
        worker.shutdown(wait=True, cancel_futures=True)
        with contextlib.suppress(CaravanError):
            opening.result().close()
