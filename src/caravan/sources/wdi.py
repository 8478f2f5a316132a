"""World Bank World Development Indicators CSV: GDP and population by country and year.

Two layouts are read:

* the normalised long form (`Country Name,Country Code,Year,Value`), one
  indicator a file, named after it: `gdp.csv` (GDP, current US$) or
  `population.csv` (total population);
* the World Bank's own download (four lines of metadata, then
  `Country Name,Country Code,Indicator Name,Indicator Code,1960,...`), where
  each row names its indicator code (`NY.GDP.MKTP.CD`, `SP.POP.TOTL`).

The figures are small, so they become cited observations in the ledger
(indicators `macro.gdp` and `macro.population`), each citing the imported file
with the row it came from. Regional aggregates (codes that are not countries)
are listed in the report, not imported.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from caravan.errors import DataError
from caravan.sources.bulkstore import OBSERVATION, ImportEntry
from caravan.sources.countries import is_country
from caravan.sources.importer import InputFile, Staging, checked_value, new_entry, reading, source_row

NAME = "wdi"
URL = "https://databank.worldbank.org/source/world-development-indicators"
INDICATORS: dict[str, dict[str, Any]] = {
    "NY.GDP.MKTP.CD": {
        "id": "macro.gdp",
        "pillar": "macro",
        "name": "GDP, current US$",
        "unit": "USD",
        "kind": "flow",
        "definition": (
            "Gross domestic product at purchaser's prices in current US dollars (World Bank WDI NY.GDP.MKTP.CD)."
        ),
        "derived": False,
    },
    "SP.POP.TOTL": {
        "id": "macro.population",
        "pillar": "macro",
        "name": "Population, total",
        "unit": "person",
        "kind": "stock",
        "definition": "Total population, mid-year estimate (World Bank WDI SP.POP.TOTL).",
        "derived": False,
    },
}
STEMS = {"gdp": "NY.GDP.MKTP.CD", "population": "SP.POP.TOTL"}
LONG_HEADER = ("country name", "country code", "year", "value")
WIDE_HEADER = ("country name", "country code", "indicator name", "indicator code")


def _observation_id(indicator: str, subject: str, period: str, source: str) -> str:
    key = "|".join((indicator, subject, "", period, source))
    return "o-" + hashlib.sha256(key.encode()).hexdigest()[:14]


def _number(path: Path, line: int, raw: str) -> float | None:
    text = raw.strip()
    if not text:
        return None
    try:
        number = float(text)
    except ValueError as exc:
        raise DataError(str(path), f"row {line}", f"value {raw!r} is not a number") from exc
    try:
        return checked_value(number)
    except ValueError as exc:
        raise DataError(str(path), f"row {line}", str(exc)) from exc


def read_wdi(path: Path) -> Iterator[tuple[int, str, str, int, float]]:
    """Rows of a WDI file as (line, indicator code, country code, year, value).

    Raises:
        DataError: Neither layout, an unknown indicator, a bad year or value.
    """
    with reading(path) as place, path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
        place.reader = csv.reader(handle)
        lines = list(enumerate(place.reader, start=1))
    if not lines:
        raise DataError(str(path), None, "the file is empty (truncated?); download it again")
    start = next(
        (
            i
            for i, (_, row) in enumerate(lines[:10])
            if tuple(c.strip().lower() for c in row[:4]) in (LONG_HEADER, WIDE_HEADER)
        ),
        None,
    )
    if start is None:
        raise DataError(
            str(path),
            "row 1",
            "header does not match WDI's 'Country Name,Country Code,Year,Value' "
            "or the World Bank download ('Country Name,Country Code,Indicator Name,Indicator Code,1960,...')",
        )
    header = [c.strip() for c in lines[start][1]]
    body = lines[start + 1 :]
    if tuple(c.lower() for c in header[:4]) == LONG_HEADER:
        code = STEMS.get(path.stem.lower())
        if code is None:
            raise DataError(
                str(path),
                None,
                f"cannot tell the indicator of {path.name}; name the file "
                f"{' or '.join(f'{s}.csv' for s in STEMS)}, or use the World Bank's own download",
            )
        for line, row in body:
            if not any(c.strip() for c in row):
                continue
            if len(row) < 4:
                raise DataError(str(path), f"row {line}", f"row has {len(row)} of 4 columns (truncated?)")
            if not re.fullmatch(r"\d{4}", row[2].strip()):
                raise DataError(str(path), f"row {line}", f"year {row[2]!r} is not a year")
            value = _number(path, line, row[3])
            if value is not None:
                yield line, code, row[1].strip(), int(row[2]), value
        return
    years = {}
    for index, raw in enumerate(header[4:], start=4):
        if raw and re.fullmatch(r"\d{4}", raw):
            years[index] = int(raw)
        elif raw:
            raise DataError(str(path), f"row {lines[start][0]}", f"header {raw!r} is not a year")
    for line, row in body:
        if not any(c.strip() for c in row):
            continue
        if len(row) < 4:
            raise DataError(str(path), f"row {line}", f"row has {len(row)} columns (truncated?)")
        code = row[3].strip()
        if code not in INDICATORS:
            continue
        for index, year in years.items():
            value = _number(path, line, row[index] if index < len(row) else "")
            if value is not None:
                yield line, code, row[1].strip(), year, value


class WdiFormat:
    """The `wdi` import format."""

    name: str = NAME
    suffixes: tuple[str, ...] = (".csv",)

    def prepare(self, files: list[Path]) -> tuple[list[Path], Any]:
        """Every file is a data file; no shared context."""
        return files, None

    def stage(self, file: InputFile, staging: Staging, context: Any, progress: Callable[[int], None]) -> ImportEntry:
        """Read one WDI file into staged observations."""
        source_id = f"wdi.{file.short}"
        rows: dict[str, list[Any]] = {f.name: [] for f in OBSERVATION}
        unmapped: dict[str, int] = {}
        codes: set[str] = set()
        for line, code, country, year, value in read_wdi(file.path):
            if not is_country(country):
                unmapped[country] = unmapped.get(country, 0) + 1
                continue
            ind = INDICATORS[code]
            codes.add(code)
            period = str(year)
            record = {
                "id": _observation_id(ind["id"], country, period, source_id),
                "indicator": ind["id"],
                "subject": country,
                "counterpart": None,
                "period": period,
                "period_kind": "year",
                "period_start": date(year, 1, 1),
                "period_end": date(year, 12, 31),
                "value": value,
                "unit": ind["unit"],
                "value_std": value,
                "unit_std": ind["unit"],
                "currency": "USD" if ind["unit"] == "USD" else None,
                "source_id": source_id,
                "locator": f"{file.path.name} row {line} ({code}, {country}, {year})",
                "method": "reported",
                "note": None,
                "file": f"{file.path}:{line}",
            }
            for key, v in record.items():
                rows[key].append(v)
        table = pa.table(rows, schema=OBSERVATION)
        if table.num_rows == 0:
            raise DataError(str(file.path), None, "no country figures in the file")
        relative = f"observation/dataset={NAME}/{file.short}.parquet"
        pq.write_table(table, staging.path(relative))
        names = ", ".join(INDICATORS[c]["name"] for c in sorted(codes))
        source = source_row(
            source_id=source_id,
            publisher="World Bank",
            title=f"World Development Indicators, {names}: {file.path.name}",
            url=URL,
            file=file.path,
        )
        entry = new_entry(NAME, file, f"{NAME}:{','.join(sorted(codes))}", source)
        entry.files = {"observation": [relative]}
        entry.rows = table.num_rows
        entry.unmapped = unmapped
        entry.indicators = [INDICATORS[c] for c in sorted(codes)]
        return entry


WDI = WdiFormat()
