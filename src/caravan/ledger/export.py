"""Write the ledger out: CSV, Parquet, or a Frictionless Data Package."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

import duckdb

from caravan import __version__
from caravan.errors import InputError
from caravan.ledger.schema import TABLES, Table
from caravan.ledger.store import Ledger

ExportFormat = Literal["csv", "parquet", "datapackage"]

_FRICTIONLESS_TYPES = {
    "VARCHAR": "string",
    "DOUBLE": "number",
    "INTEGER": "integer",
    "DATE": "date",
    "BOOLEAN": "boolean",
    "JSON": "object",
    "VARCHAR[]": "array",
}

_FOREIGN_KEYS: dict[str, list[tuple[str, str, str]]] = {
    "observation": [("indicator", "indicator", "id"), ("source_id", "source", "id")],
    "event": [("source_id", "source", "id")],
    "commitment": [("event_id", "event", "id")],
    "evidence": [("commitment_id", "commitment", "id")],
}


def _select(table: Table, for_csv: bool) -> str:
    cols = []
    for c in table.columns:
        if for_csv and c.type in ("VARCHAR[]", "JSON"):
            cols.append(f"CASE WHEN {c.name} IS NULL THEN NULL ELSE CAST(to_json({c.name}) AS VARCHAR) END AS {c.name}")
        else:
            cols.append(c.name)
    return f"SELECT {', '.join(cols)} FROM {table.name} ORDER BY ALL"


def _quote(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def export(ledger: Ledger, out: Path, fmt: ExportFormat) -> list[Path]:
    """Write every ledger table to `out` in the given format.

    Returns:
        The files written.

    Raises:
        InputError: The format is unknown or `out` is a file.
    """
    if fmt not in ("csv", "parquet", "datapackage"):
        raise InputError(f"unknown export format {fmt!r}; use csv, parquet or datapackage")
    if out.exists() and not out.is_dir():
        raise InputError(f"{out} is a file; give a folder to export into")
    try:
        return _write(ledger, out, fmt)
    except (OSError, duckdb.Error) as exc:
        raise InputError(f"cannot write the export into {out} ({exc}); choose a folder you can write to") from exc


def _write(ledger: Ledger, out: Path, fmt: ExportFormat) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for table in TABLES:
        if fmt == "parquet":
            path = out / f"{table.name}.parquet"
            ledger.con.execute(f"COPY ({_select(table, False)}) TO {_quote(path)} (FORMAT parquet)")
        else:
            path = out / f"{table.name}.csv"
            ledger.con.execute(f"COPY ({_select(table, True)}) TO {_quote(path)} (FORMAT csv, HEADER)")
        written.append(path)
    if fmt == "datapackage":
        path = out / "datapackage.json"
        path.write_text(json.dumps(datapackage(ledger), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written


def datapackage(ledger: Ledger) -> dict[str, object]:
    """The `datapackage.json` descriptor: one resource per table, with schemas and sources."""
    resources = []
    for table in TABLES:
        schema: dict[str, object] = {
            "fields": [
                {"name": c.name, "type": _FRICTIONLESS_TYPES[c.type], "description": c.doc} for c in table.columns
            ],
        }
        keys = [c.name for c in table.columns if "PRIMARY KEY" in c.constraint]
        if keys:
            schema["primaryKey"] = keys
        fks = _FOREIGN_KEYS.get(table.name)
        if fks:
            schema["foreignKeys"] = [{"fields": f, "reference": {"resource": r, "fields": rf}} for f, r, rf in fks]
        resources.append(
            {
                "name": table.name,
                "path": f"{table.name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": table.doc,
                "schema": schema,
            }
        )
    sources = [
        {"title": f"{s['publisher']}: {s['title']}", "path": s["url"]}
        for s in ledger.query("SELECT publisher, title, url FROM source ORDER BY id")
    ]
    return {
        "profile": "tabular-data-package",
        "name": "caravan-ledger",
        "title": "Caravan ledger: cited facts on China–Central Asia cooperation",
        "version": __version__,
        "created": ledger.meta.get("built_at"),
        "description": (
            "The ledger's tables. Each figure belongs to the source it cites (listed under `sources` and in "
            "the `source` resource, with its own licence where stated); the licence below covers Caravan's "
            "compilation. Bulk imports kept in the Parquet store (trade_flow, trade_total) are not exported."
        ),
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
                "title": "Creative Commons Attribution 4.0",
            }
        ],
        "sources": sources,
        "resources": resources,
    }
