"""What an import leaves in the ledger and the store, read by the import tests."""

from __future__ import annotations

import hashlib

import duckdb

from caravan.settings import Settings


def rows(settings: Settings, sql: str) -> list[tuple]:
    """Run a query on the built ledger, read-only."""
    con = duckdb.connect(str(settings.ledger), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def snapshot(settings: Settings) -> tuple[str, list[str]]:
    """The ledger's bytes and the store's files: what an atomic import must leave alone."""
    digest = hashlib.sha256(settings.ledger.read_bytes()).hexdigest() if settings.ledger.exists() else ""
    store = settings.store_dir
    files = sorted(str(p.relative_to(store)) for p in store.rglob("*") if p.is_file()) if store.exists() else []
    return digest, files
