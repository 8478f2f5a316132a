"""Settings: the one place that reads the environment (`CARAVAN_*`).

A plain typed dataclass rather than pydantic-settings: importing that
library costs half a second, and `caravan check` must start in under one.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from caravan.errors import InputError

PREFIX = "CARAVAN_"


@dataclass(frozen=True)
class Settings:
    """Where the ledger and the curated data live.

    Attributes:
        ledger: Path of the ledger (one DuckDB file); `CARAVAN_LEDGER`,
            default `caravan.duckdb` in the working directory.
        data: Folder of curated data files; `CARAVAN_DATA`, default `data`
            in the working directory (the checkout's own `data/`).
        store: Folder for bulk tables kept as Parquet beside the ledger;
            `CARAVAN_STORE`, default `<ledger name>.store` next to the ledger.
        shared: Folder of the bulk publications `caravan extract` reads;
            `CARAVAN_SHARED`, default `../shared/data` beside the checkout.
        spark_master: Where the Spark engine runs; `CARAVAN_SPARK_MASTER`, default
            `local[2]` (a cluster: `spark://host:7077`, `yarn`, `k8s://...`).
        spark_conf: A file of Spark properties in `spark-defaults.conf` form (`key value`
            a line); `CARAVAN_SPARK_CONF`. They override Caravan's defaults.
        keep_builds: How many build files to keep in `<ledger name>.builds` (at least 1; the
            current one is always kept); `CARAVAN_KEEP_BUILDS`, default 5. Every build's
            changelog is carried into the next, so pruning a file loses no history.
    """

    ledger: Path = Path("caravan.duckdb")
    data: Path = Path("data")
    store: Path | None = None
    shared: Path = Path("../shared/data")
    spark_master: str = "local[2]"
    spark_conf: Path | None = None
    keep_builds: int = 5

    def __post_init__(self) -> None:
        # Accept strings (from the environment or callers) and keep Paths.
        for name in ("ledger", "data", "store", "shared", "spark_conf"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, Path):
                object.__setattr__(self, name, Path(value))
        keep = self.keep_builds
        if isinstance(keep, str):
            keep = int(keep) if keep.strip().isdigit() else 0
        if isinstance(keep, bool) or not isinstance(keep, int) or keep < 1:
            raise InputError(
                f"CARAVAN_KEEP_BUILDS is {self.keep_builds!r}; set it to a whole number of builds to keep, at least 1"
            )
        object.__setattr__(self, "keep_builds", keep)

    @property
    def store_dir(self) -> Path:
        """The Parquet store folder, derived from the ledger path unless set."""
        return self.store or self.ledger.with_suffix(".store")

    @property
    def cache_dir(self) -> Path:
        """What the commands keep to skip repeated work (compiled SQL, drawn charts): `<ledger name>.cache`.

        Everything in it is derived and keyed on what it depends on; removing it costs only time.
        """
        return self.ledger.with_suffix(".cache")

    @property
    def sql_cache_dir(self) -> Path:
        """Where SQL compiled from the trade analyses' expressions is kept (`caravan.ledger.compiled`)."""
        return self.cache_dir / "sql"

    @property
    def charts_cache_dir(self) -> Path:
        """Where the briefings' charts are kept once drawn (`caravan.reports.charts`)."""
        return self.cache_dir / "charts"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Settings from `CARAVAN_*` variables; unset or empty ones keep their defaults."""
        env = os.environ if environ is None else environ
        given: dict[str, Any] = {
            f.name: env[PREFIX + f.name.upper()] for f in fields(cls) if env.get(PREFIX + f.name.upper())
        }
        return cls(**given)  # __post_init__ turns the path settings into Paths


def get_settings() -> Settings:
    """Read the settings from the environment now."""
    return Settings.from_env()
