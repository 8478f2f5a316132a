"""UN Comtrade bulk CSV (the standard columns of its data API and bulk downloads).

Required columns: `refYear` (or `period`), `reporterCode`, `partnerCode`,
`flowCode`, `cmdCode`, `primaryValue`; read when present: `reporterISO`,
`partnerISO`, `partner2Code`, `motCode`, `customsCode`, `netWgt`, `qty`,
`qtyUnitAbbr`, `classificationCode`. Values are in US dollars as the reporter
declares them: exports FOB, imports CIF.

Rows with commodity `TOTAL` go to `trade_total`; six-digit commodities go to
`trade_flow`; two- and four-digit aggregates, re-exports and re-imports,
breakdowns by second partner, transport mode or customs procedure are not
imported (that would count the same trade twice) and are listed in the report.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb

from caravan.errors import DataError
from caravan.sources.baci import csv_problem
from caravan.sources.bulkstore import ImportEntry
from caravan.sources.countries import iso3_from_code
from caravan.sources.importer import InputFile, Staging, connect_duckdb, new_entry, reading, source_row, value_sql

NAME = "comtrade"
URL = "https://comtradeplus.un.org/"
REQUIRED = ("reporterCode", "partnerCode", "flowCode", "cmdCode", "primaryValue")
TYPES = {
    "reporterCode": "INTEGER",
    "partnerCode": "INTEGER",
    "partner2Code": "INTEGER",
    "motCode": "INTEGER",
    "primaryValue": "DOUBLE",
    "netWgt": "DOUBLE",
    "qty": "DOUBLE",
    "refYear": "INTEGER",
    "cmdCode": "VARCHAR",
    "period": "VARCHAR",
    "flowCode": "VARCHAR",
    "customsCode": "VARCHAR",
    "qtyUnitAbbr": "VARCHAR",
    "classificationCode": "VARCHAR",
    "reporterISO": "VARCHAR",
    "partnerISO": "VARCHAR",
}


def _header(path: Path) -> list[str]:
    with reading(path) as place, path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
        place.reader = csv.reader(handle)
        header = next(place.reader, None)
    if not header:
        raise DataError(str(path), None, "the file is empty (truncated?); download it again")
    return [h.strip() for h in header]


class ComtradeFormat:
    """The `comtrade` import format."""

    name: str = NAME
    suffixes: tuple[str, ...] = (".csv",)

    def prepare(self, files: list[Path]) -> tuple[list[Path], Any]:
        """Every file is a data file; no shared context."""
        return files, None

    def stage(self, file: InputFile, staging: Staging, context: Any, progress: Callable[[int], None]) -> ImportEntry:
        """Convert one Comtrade CSV into Parquet (`trade_flow` by year, and `trade_total`)."""
        path = file.path
        header = _header(path)
        missing = [c for c in REQUIRED if c not in header]
        if missing or not ({"refYear", "period"} & set(header)):
            need = missing + ([] if {"refYear", "period"} & set(header) else ["refYear"])
            raise DataError(str(path), "row 1", f"header lacks {', '.join(need)}; is this a UN Comtrade bulk CSV?")
        types = "{" + ", ".join(f"'{c}': '{TYPES[c]}'" for c in header if c in TYPES) + "}"
        source_id = f"comtrade.{file.short}"
        con = connect_duckdb(staging.root / ".duckdb-tmp")
        try:
            read = f"read_csv(?, header = true, delim = ',', quote = '\"', types = {types}, all_varchar = false)"
            try:
                codes = con.execute(
                    f"SELECT DISTINCT reporterCode FROM {read} UNION SELECT DISTINCT partnerCode FROM {read}",
                    [str(path), str(path)],
                ).fetchall()
            except duckdb.Error as exc:
                raise _read_problem(path, exc, tuple(header), staging.root) from exc
            mapping = {int(c): iso3_from_code(int(c)) for (c,) in codes if c is not None}
            unknown = sorted(c for c, iso in mapping.items() if iso is None)
            if unknown:
                raise _locate_code(path, header, set(unknown))
            con.execute("CREATE TEMP TABLE codes (code INTEGER, iso3 VARCHAR)")
            if mapping:  # no codes at all: no rows to import, said below
                con.executemany("INSERT INTO codes VALUES (?, ?)", list(mapping.items()))
            year = "b.refYear" if "refYear" in header else "CAST(left(CAST(b.period AS VARCHAR), 4) AS INTEGER)"
            keep = ["b.flowCode IN ('X', 'M')"]
            if "partner2Code" in header:
                keep.append("coalesce(b.partner2Code, 0) = 0")
            if "motCode" in header:
                keep.append("coalesce(b.motCode, 0) = 0")
            if "customsCode" in header:
                keep.append("coalesce(b.customsCode, 'C00') = 'C00'")
            where = " AND ".join(keep)
            qty = "b.qty" if "qty" in header else ("b.netWgt / 1000" if "netWgt" in header else "NULL")
            unit = (
                "b.qtyUnitAbbr"
                if "qty" in header and "qtyUnitAbbr" in header
                else ("'t'" if "netWgt" in header else "NULL")
            )
            revision = "coalesce(b.classificationCode, 'HS')" if "classificationCode" in header else "'HS'"
            base = f"""
                FROM {read} b JOIN codes r ON r.code = b.reporterCode JOIN codes p ON p.code = b.partnerCode
                WHERE {where}
            """
            parties = """
                CASE WHEN b.flowCode = 'X' THEN r.iso3 ELSE p.iso3 END AS exporter,
                CASE WHEN b.flowCode = 'X' THEN p.iso3 ELSE r.iso3 END AS importer"""
            basis = "CASE WHEN b.flowCode = 'X' THEN 'fob' ELSE 'cif' END AS basis"
            flow_dir = staging.root / "trade_flow" / f"dataset={NAME}"
            flow_dir.mkdir(parents=True, exist_ok=True)
            total_rel = f"trade_total/dataset={NAME}/{file.short}.parquet"
            try:
                flows = con.execute(
                    f"""
                    COPY (SELECT '{NAME}' AS dataset, {year} AS year, r.iso3 AS reporter, {parties},
                                 {revision} AS hs_revision, b.cmdCode AS hs6,
                                 {value_sql("b.primaryValue", 1)} AS value_usd,
                                 CAST({qty} AS DOUBLE) AS quantity, CAST({unit} AS VARCHAR) AS quantity_unit,
                                 {basis}, '{source_id}' AS source_id
                          {base} AND regexp_full_match(b.cmdCode, '[0-9]{{6}}'))
                    TO '{flow_dir}' (FORMAT parquet, PARTITION_BY (year), WRITE_PARTITION_COLUMNS true,
                                  OVERWRITE_OR_IGNORE true,
                                     FILENAME_PATTERN '{file.short}-{{i}}')
                """,
                    [str(path)],
                ).fetchone()[0]  # type: ignore[index]
                totals = con.execute(
                    f"""
                    COPY (SELECT '{NAME}' AS dataset, {year} AS year, r.iso3 AS reporter, {parties},
                                 {value_sql("b.primaryValue", 1)} AS value_usd, {basis}, false AS estimate,
                                 '{source_id}' AS source_id
                          {base} AND b.cmdCode = 'TOTAL')
                    TO '{staging.path(total_rel)}' (FORMAT parquet)
                """,
                    [str(path)],
                ).fetchone()[0]  # type: ignore[index]
                skipped = con.execute(
                    f"SELECT count(*) FILTER (WHERE NOT ({where})), "
                    f"count(*) FILTER (WHERE ({where}) AND b.cmdCode <> 'TOTAL' "
                    f"AND NOT regexp_full_match(b.cmdCode, '[0-9]{{6}}')) FROM {read} b",
                    [str(path)],
                ).fetchone()
            except duckdb.Error as exc:
                raise _read_problem(path, exc, tuple(header), staging.root) from exc
            flow_files = sorted(str(p.relative_to(staging.root)) for p in flow_dir.rglob(f"{file.short}-*.parquet"))
            reporters = sorted(
                {iso for (iso,) in con.execute(f"SELECT DISTINCT r.iso3 {base}", [str(path)]).fetchall()}
            )
        finally:
            con.close()
        if int(flows) + int(totals) == 0:
            raise DataError(str(path), None, "no importable rows (exports or imports, TOTAL or six-digit commodities)")
        source = source_row(
            source_id=source_id,
            publisher="United Nations Statistics Division",
            title=f"UN Comtrade, {', '.join(reporters)}: {path.name}",
            url=URL,
            file=path,
        )
        entry = new_entry(NAME, file, f"{NAME}:{file.checksum}", source)
        entry.files = {"trade_flow": flow_files} if flow_files else {}
        if int(totals):
            entry.files["trade_total"] = [total_rel]
        entry.rows = int(flows) + int(totals)
        other, aggregates = skipped or (0, 0)
        entry.unmapped = {
            k: int(v)
            for k, v in (
                ("rows for re-exports, second partners, transport modes or customs procedures (not imported)", other),
                ("rows of 2- and 4-digit commodity aggregates (not imported)", aggregates),
            )
            if v
        }
        return entry


def _read_problem(path: Path, exc: duckdb.Error, header: tuple[str, ...], staging: Path) -> DataError:
    """DuckDB's error on reading the file, as one line: a refused trade value, or the CSV's own problem."""
    if "bad value" in str(exc):
        return DataError(str(path), None, "a primaryValue is NaN, infinite or negative; a trade value cannot be")
    return csv_problem(path, exc, header, staging)


def _locate_code(path: Path, header: list[str], unknown: set[int]) -> DataError:
    """The first row naming an unknown reporter or partner code."""
    with reading(path) as place, path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
        reader = csv.DictReader(handle)
        place.reader = reader.reader
        for number, row in enumerate(reader, start=2):
            for col in ("reporterCode", "partnerCode"):
                if (row.get(col) or "").strip().lstrip("-").isdigit() and int(row[col]) in unknown:
                    return DataError(str(path), f"row {number}", f"unknown {col} {row[col]} (not an M49 country code)")
    return DataError(str(path), None, f"unknown country codes {sorted(unknown)}")


COMTRADE = ComtradeFormat()
