"""CEPII BACI: reconciled bilateral trade by HS6 product, one CSV per year.

A BACI data file has the header `t,i,j,k,v,q`: year, exporter and importer
(BACI's numeric country codes), HS6 product, value in thousands of US dollars
and quantity in metric tons ("NA" where unknown). Its country-code file
(`country_codes_V*.csv`: `country_code` and an ISO alpha-3 column) maps the
numeric codes; without one, ISO 3166 numeric codes are assumed.

HS6 codes are read as text and never as numbers, so "040655" keeps its
leading zero; a five-digit code (a zero lost by a spreadsheet) is padded.
The conversion runs inside DuckDB, streaming the CSV into Parquet partitioned
by year, so memory stays bounded whatever the file's size.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from caravan.errors import DataError
from caravan.sources.bulkstore import ImportEntry
from caravan.sources.countries import WORLD, is_country, iso3_from_code
from caravan.sources.importer import (
    InputFile,
    Staging,
    checked_value,
    new_entry,
    reading,
    source_row,
    value_sql,
)

NAME = "baci"
URL = "https://www.cepii.fr/CEPII/en/bdd_modele/bdd_modele_item.asp?id=37"
HEADER = ("t", "i", "j", "k", "v", "q")
CSV_TYPES = "{'t': 'INTEGER', 'i': 'UINTEGER', 'j': 'UINTEGER', 'k': 'VARCHAR', 'v': 'DOUBLE', 'q': 'VARCHAR'}"
MAX_CODE = 9999  # BACI's and ISO 3166's numeric country codes have at most three digits
YEARS = (1900, 2999)  # a year outside these is a damaged row, not a year BACI could report
# Rows are stored sorted by exporter and importer, in row groups small enough that a query for
# a few pairs (China and the five) reads only the groups whose exporter and importer ranges hold
# them: DuckDB, Polars and Spark skip the others from the footer's statistics.
SORT = "exporter, importer"
ROW_GROUP_ROWS = 30_720
PARQUET = f"FORMAT parquet, ROW_GROUP_SIZE {ROW_GROUP_ROWS}"


@dataclass(frozen=True)
class CountryCodes:
    """BACI's numeric country codes mapped to ISO alpha-3 (`BACI-<code>` where neither BACI nor ISO gives one)."""

    file: Path | None
    codes: dict[int, str]

    def lookup(self, code: int) -> str | None:
        """The alpha-3 label of a code: from the code file, else ISO 3166 numeric (never the world)."""
        label = self.codes[code] if code in self.codes else iso3_from_code(code)
        return None if label == WORLD else label

    def known(self, code: int) -> bool:
        """Whether the code maps to a country (BACI's flows are bilateral: the world is no partner)."""
        return self.lookup(code) is not None


def read_country_codes(path: Path) -> CountryCodes:
    """Read a BACI country-code file (either generation of its column names).

    Raises:
        DataError: The file lacks a `country_code` column or an ISO alpha-3 column.
    """
    with reading(path) as place, path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
        reader = csv.DictReader(handle)
        place.reader = reader.reader
        fields = [f.strip() for f in reader.fieldnames or []]
        iso_col = next((f for f in ("country_iso3", "iso_3digit_alpha") if f in fields), None)
        if "country_code" not in fields or iso_col is None:
            raise DataError(
                str(path),
                "row 1",
                f"header {fields} is not a BACI country-code file (needs country_code and country_iso3)",
            )
        codes: dict[int, str] = {}
        for number, row in enumerate(reader, start=2):
            row = {k.strip(): (v or "").strip() for k, v in row.items() if k}
            try:
                code = int(row["country_code"])
            except ValueError as exc:
                raise DataError(
                    str(path), f"row {number}", f"country_code {row['country_code']!r} is not a number"
                ) from exc
            if not 0 <= code <= MAX_CODE:  # codes index a lookup list: a huge one would not fit in memory
                raise DataError(
                    str(path), f"row {number}", f"country_code {code} is not a country code (0 to {MAX_CODE})"
                )
            label = row.get(iso_col) or None
            if label and not is_country(label):
                label = iso3_from_code(code) or label
            codes[code] = label or iso3_from_code(code) or f"BACI-{code}"
    return CountryCodes(path, codes)


def _is_code_file(path: Path) -> bool:
    with reading(path), path.open(encoding="utf-8-sig", errors="replace") as handle:
        return "country_code" in handle.readline()


def _check_header(path: Path) -> None:
    with reading(path), path.open("rb") as handle:
        first = handle.readline()
        if not first:
            raise DataError(str(path), None, "the file is empty (truncated?); download it again")
        handle.seek(0, 2)
        size = handle.tell()
        handle.seek(max(size - 1, 0))
        if size > len(first) and handle.read(1) != b"\n":
            raise DataError(str(path), None, "the last row ends without a line break (truncated?); download it again")
    header = tuple(c.strip().strip('"').lower() for c in first.decode("utf-8-sig", "replace").strip().split(","))
    if header != HEADER:
        raise DataError(str(path), "row 1", f"header {','.join(header)!r} does not match BACI's 't,i,j,k,v,q'")


_LINE = re.compile(r"CSV Error on Line: (\d+)")
_CONVERT = re.compile(r'converting column "(\w+)"\. Could not convert string "(.*?)" to \'(\w+)\'')
_WRITE = re.compile(r'Could not write file \\?"(.+?)\\?": ([^"\\]+)')
_COLUMNS = re.compile(r"Expected Number of Columns: (\d+) Found: (\d+)")


def csv_problem(
    path: Path, exc: duckdb.Error, columns: tuple[str, ...] = HEADER, staging: Path | None = None
) -> DataError:
    """Turn DuckDB's CSV error into one line naming file, row and problem.

    Raises:
        OSError: The error is DuckDB failing to write into `staging` (a full disk, a
            read-only store), which is no fault of the file read.
    """
    text = str(exc)
    if staging is not None and isinstance(exc, duckdb.IOException) and str(staging) in text:
        if m := _WRITE.search(text):
            raise OSError(0, m.group(2), m.group(1)) from exc
        raise OSError(0, text.strip().splitlines()[0].removeprefix("IO Error: ")[:200]) from exc
    line = _LINE.search(text)
    where = f"row {line.group(1)}" if line else None
    if m := _CONVERT.search(text):
        kind = "a whole number" if m.group(3) in ("INTEGER", "UINTEGER", "BIGINT") else "a number"
        return DataError(str(path), where, f"column {m.group(1)}: {m.group(2)!r} is not {kind}")
    if m := _COLUMNS.search(text):
        return DataError(str(path), where, f"row has {m.group(2)} of {m.group(1)} columns (truncated?)")
    if "Error when sniffing file" in text:
        return DataError(str(path), None, "its CSV layout cannot be detected (damaged, or not CSV?); download it again")
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    if line and len(paragraphs) > 1:  # "CSV Error on Line: N", the offending line, then the reason
        return DataError(str(path), where, f"{paragraphs[1].splitlines()[0].rstrip('.')} (truncated or damaged?)")
    first = text.strip().splitlines()[0] if text.strip() else type(exc).__name__
    return DataError(str(path), where, first.removeprefix("Invalid Input Error: ").removeprefix("Conversion Error: "))


def _first_year(path: Path) -> int:
    """The year of the first data row (0 when the file has none or it is not a number)."""
    with reading(path), path.open(encoding="utf-8-sig", errors="replace") as handle:
        handle.readline()
        first = handle.readline().split(",", 1)[0].strip()
    # ASCII digits only ("²" is a digit to str.isdigit but not to int), and short: a damaged first
    # row can run hundreds of digits together, which is no year and no valid directory name.
    return int(first) if first.isascii() and first.isdigit() and len(first) <= 9 else 0


def _first_bad_row(path: Path, codes: CountryCodes) -> DataError | None:
    """Find the first row with a bad year or country code, a malformed HS6 code or a bad value (slow, streaming)."""
    with reading(path) as place, path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        place.reader = reader
        next(reader, None)
        for number, row in enumerate(reader, start=2):
            if len(row) < len(HEADER) - 1:
                return DataError(
                    str(path), f"row {number}", f"row has {len(row)} of {len(HEADER)} columns (truncated?)"
                )
            t = row[0].strip()
            if not (t.isdigit() and YEARS[0] <= int(t) <= YEARS[1]):
                return DataError(str(path), f"row {number}", f"column t: {t!r} is not a year")
            for col, name in ((1, "exporter (i)"), (2, "importer (j)")):
                if not row[col].strip().isdigit():
                    return DataError(
                        str(path), f"row {number}", f"column {HEADER[col]}: {row[col]!r} is not a whole number"
                    )
                code = int(row[col])
                if not codes.known(code):
                    hint = f" in {codes.file.name}" if codes.file else " (no BACI country-code file given)"
                    return DataError(str(path), f"row {number}", f"unknown {name} country code {code}{hint}")
            k = row[3].strip()
            if not re.fullmatch(r"\d{5,6}", k):
                return DataError(str(path), f"row {number}", f"product code {k!r} is not an HS6 code")
            try:
                checked_value(float(row[4]), 1000)
            except ValueError as exc:
                return DataError(str(path), f"row {number}", f"column v: {exc}")
            q = row[5].strip() if len(row) > 5 else ""
            if q not in ("NA", ""):
                try:
                    float(q)
                except ValueError:
                    return DataError(str(path), f"row {number}", f"column q: {q!r} is not a number")
    return None


def code_lookup(codes: CountryCodes) -> list[str | None]:
    """A list whose item `code` is the alpha-3 label of that code (None where unknown).

    Codes in the code file come first; ISO 3166 numeric and the agencies' own codes
    fill the rest.
    """
    import pycountry

    from caravan.sources.countries import AGENCY_CODES

    known: dict[int, str] = {int(c.numeric): c.alpha_3 for c in pycountry.countries} | AGENCY_CODES | codes.codes
    lookup: list[str | None] = [None] * (max(known) + 1)
    for code, label in known.items():
        if code >= 0 and label != WORLD:  # a world row would count every flow twice
            lookup[code] = label
    return lookup


def _country_codes(con: duckdb.DuckDBPyConnection, lookup: list[str | None]) -> str:
    """The name of a DuckDB variable holding `lookup` as a list of ENUM labels (made once per connection).

    Codes map through a list indexed by code: a lookup per row costs far less than a join.
    Its items are an ENUM of the labels, so the Parquet writer gets dictionary codes rather
    than a string to hash per row (mapping to VARCHAR made the import 20% slower); the
    labels are in alphabetical order, so sorting by the ENUM sorts by the label. An import's
    files share one connection and one code file: the type and the list are made for its first.
    """
    key = hashlib.sha256(repr(lookup).encode()).hexdigest()[:16]
    name = f"caravan_codes_{key}"
    if con.execute("SELECT 1 FROM duckdb_types() WHERE type_name = ?", [f"country_{key}"]).fetchone() is None:
        labels = ", ".join("'" + label.replace("'", "''") + "'" for label in sorted({x for x in lookup if x}))
        con.execute(f"CREATE TYPE country_{key} AS ENUM ({labels})")
        con.execute(f"SET VARIABLE {name} = CAST(? AS country_{key}[])", [lookup])
    return name


class BaciFormat:
    """The `baci` import format."""

    name: str = NAME
    suffixes: tuple[str, ...] = (".csv",)

    def prepare(self, files: list[Path]) -> tuple[list[Path], Any]:
        """Separate the country-code file from the data files."""
        code_files = [f for f in files if _is_code_file(f)]
        data = [f for f in files if f not in code_files]
        if not data:
            raise DataError(str(files[0]), None, "no BACI data file (t,i,j,k,v,q) among the files given")
        codes = read_country_codes(code_files[-1]) if code_files else CountryCodes(None, {})
        return data, codes

    def stage(self, file: InputFile, staging: Staging, context: Any, progress: Callable[[int], None]) -> ImportEntry:
        """Convert one BACI CSV into Parquet partitioned by year."""
        codes: CountryCodes = context
        path = file.path
        _check_header(path)
        source_id = f"baci.{file.short}"
        revision = m.group(1).upper() if (m := re.search(r"(HS\d\d)", path.name, re.I)) else "HS"
        out_dir = staging.root / "trade_flow" / f"dataset={NAME}"
        out_dir.mkdir(parents=True, exist_ok=True)
        con = staging.duckdb()
        lookup = code_lookup(codes)
        codes_var = _country_codes(con, lookup)
        top = len(lookup) - 1
        first_year = _first_year(path)
        # BACI files hold one year each: write that year's file directly (a partitioned
        # write buffers every partition); a file with several years takes the general path.
        single = f"CASE WHEN b.t = {first_year} THEN b.t ELSE error('several years') END"
        general = f"CASE WHEN b.t BETWEEN {YEARS[0]} AND {YEARS[1]} THEN b.t ELSE error('bad year') END"
        select = f"""
              SELECT __YEAR__ AS year,
                     coalesce(CASE WHEN b.i <= {top} THEN getvariable('{codes_var}')[b.i + 1] END,
                              error('unknown country code')) AS exporter,
                     coalesce(CASE WHEN b.j <= {top} THEN getvariable('{codes_var}')[b.j + 1] END,
                              error('unknown country code')) AS importer,
                     CASE WHEN length(b.k) NOT IN (5, 6) OR TRY_CAST(b.k AS UINTEGER) IS NULL
                          THEN error('bad product code')
                          WHEN length(b.k) = 5 THEN '0' || b.k ELSE b.k END AS hs6,
                     {value_sql("b.v", 1000)} AS value_usd,
                     coalesce(TRY_CAST(b.q AS DOUBLE),
                              CASE WHEN trim(b.q) IN ('NA', '') THEN NULL
                                   ELSE error('bad quantity') END) AS quantity
              FROM read_csv(?, header = true, auto_detect = false, delim = ',', quote = '"',
                            columns = {CSV_TYPES}) b
              ORDER BY {SORT}
        """
        one_file = out_dir / f"year={first_year}" / f"{file.short}-0.parquet"
        rows: int | None = None
        try:
            if YEARS[0] <= first_year <= YEARS[1]:
                one_file.parent.mkdir(parents=True, exist_ok=True)
                copy = f"COPY ({select.replace('__YEAR__', single)}) TO '{one_file}' ({PARQUET})"
                try:
                    rows = int(con.execute(copy, [str(path)]).fetchone()[0])  # type: ignore[index]
                except duckdb.Error as exc:
                    if "several years" not in str(exc):
                        raise
                    one_file.unlink(missing_ok=True)
            if rows is None:  # several years, or a first year that is not one: check every row's
                options = (
                    f"{PARQUET}, PARTITION_BY (year), WRITE_PARTITION_COLUMNS true, "
                    f"OVERWRITE_OR_IGNORE true, FILENAME_PATTERN '{file.short}-{{i}}'"
                )
                copy = f"COPY ({select.replace('__YEAR__', general)}) TO '{out_dir}' ({options})"
                rows = int(con.execute(copy, [str(path)]).fetchone()[0])  # type: ignore[index]
        except duckdb.Error as exc:
            if any(
                w in str(exc)
                for w in ("unknown country code", "bad product code", "bad quantity", "bad value", "bad year")
            ):
                raise _first_bad_row(path, codes) or csv_problem(path, exc) from exc
            raise csv_problem(path, exc, staging=staging.root) from exc
        relative = sorted(str(p.relative_to(staging.root)) for p in out_dir.rglob(f"{file.short}-*.parquet"))
        years = sorted({int(re.search(r"year=(\d+)", r).group(1)) for r in relative})  # type: ignore[union-attr]
        unmapped = self._unmapped(con, staging, relative, codes)
        if rows == 0:
            raise DataError(str(path), None, "no data rows after the header (truncated?); download it again")
        source = source_row(
            source_id=source_id,
            publisher="CEPII",
            title=f"BACI, bilateral trade by product ({revision}), {', '.join(map(str, years))}: {path.name}",
            url=URL,
            file=path,
        )
        # The scope is the years, whatever the HS revision: BACI gives every flow of a year in
        # each revision, so a year in two revisions would count each flow twice. A later
        # file of the same years replaces the earlier one, as for any scope.
        entry = new_entry(NAME, file, f"{NAME}:{','.join(map(str, years))}", source)
        entry.files = {"trade_flow": relative}
        entry.years = years
        entry.constants = {
            "trade_flow": {
                "dataset": NAME,
                "reporter": None,
                "hs_revision": revision,
                "quantity_unit": "t",
                "basis": "fob",
                "source_id": source_id,
            }
        }
        entry.rows = rows
        entry.unmapped = unmapped
        return entry

    @staticmethod
    def _unmapped(
        con: duckdb.DuckDBPyConnection, staging: Staging, relative: list[str], codes: CountryCodes
    ) -> dict[str, int]:
        odd = sorted({label for label in codes.codes.values() if label and not is_country(label)})
        if not odd or not relative:
            return {}
        files = [str(staging.root / r) for r in relative]
        rows = con.execute(
            "SELECT c, count(*) FROM (SELECT exporter AS c FROM read_parquet(?) UNION ALL "
            "SELECT importer FROM read_parquet(?)) WHERE list_contains(?, c) GROUP BY c ORDER BY c",
            [files, files, odd],
        ).fetchall()
        return {f"BACI code {label}": int(n) for label, n in rows}


BACI = BaciFormat()
