"""Settings: the one place that reads the environment (`CARAVAN_*`)."""

from __future__ import annotations

from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Where the ledger and the curated data live.

    Attributes:
        ledger: Path of the ledger (one DuckDB file); `CARAVAN_LEDGER`,
            default `caravan.duckdb` in the working directory.
        data: Folder of curated data files; `CARAVAN_DATA`, default `data`
            in the working directory (the checkout's own `data/`).
        store: Folder for bulk tables kept as Parquet beside the ledger;
            `CARAVAN_STORE`, default `<ledger name>.store` next to the ledger.
    """

    model_config = SettingsConfigDict(env_prefix="CARAVAN_", extra="ignore")

    ledger: Path = Path("caravan.duckdb")
    data: Path = Path("data")
    store: Path | None = None

    @property
    def store_dir(self) -> Path:
        """The Parquet store folder, derived from the ledger path unless set."""
        return self.store or self.ledger.with_suffix(".store")


def get_settings() -> Settings:
    """Read the settings from the environment now."""
    return Settings()
