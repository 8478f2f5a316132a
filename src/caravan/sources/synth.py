"""Synthetic BACI files with realistic skew, for benchmarks and scale tests.

Real BACI has a few very large exporters, a long tail of small ones, and
values spread over many orders of magnitude (most flows are small, a few are
huge). The generator draws exporters and importers from Zipf-like weights
(China first, so that the China–Central Asia queries have something to find),
HS6 codes from the HS 1992 nomenclature that atlas-common-data ships (written
as text, leading zeros kept), values from a log-normal distribution, and
leaves about one quantity in twenty as "NA". Files are written one a year,
named like BACI's own, with a country-code file beside them.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pycountry

from caravan.errors import InputError
from caravan.sources.countries import AGENCY_CODES

CHUNK = 1_000_000
LEADERS = ("CHN", "USA", "DEU", "JPN", "KOR", "FRA", "ITA", "NLD", "GBR", "IND", "RUS", "KAZ")


def _countries() -> list[tuple[int, str, str]]:
    """(BACI code, ISO alpha-3, name), the leaders first; BACI's own codes where they differ."""
    baci_code = {iso: code for code, iso in AGENCY_CODES.items() if iso not in ("WLD", "TWN")}
    rows = [
        (baci_code.get(c.alpha_3, int(c.numeric)), c.alpha_3, getattr(c, "common_name", c.name))
        for c in pycountry.countries
    ]
    order = {iso: i for i, iso in enumerate(LEADERS)}
    return sorted(rows, key=lambda r: (order.get(r[1], len(order)), r[1]))


def _hs6_codes() -> list[str]:
    from caravan.sources.nomenclature import hs_table

    return [row["code"] for row in hs_table("hs92") if row["level"] == 6 and row["code"].isdigit()]


def synth_baci(
    out: Path,
    rows: int,
    *,
    years: tuple[int, ...] = (2018, 2019, 2020, 2021, 2022),
    seed: int = 7,
    progress: Callable[[int, int], None] | None = None,
) -> list[Path]:
    """Write synthetic BACI files (one a year, plus the country-code file) into `out`.

    Args:
        out: Folder to write into (created).
        rows: Total data rows over all years.
        years: Years to spread the rows over.
        seed: Seed of the random generator (the same seed gives the same files).
        progress: Called with (rows written, rows in all).

    Returns:
        The files written, the country-code file last.

    Raises:
        InputError: `rows` is not positive or no years are given.
    """
    if rows <= 0 or not years:
        raise InputError("give a positive number of rows and at least one year")
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    countries = _countries()
    codes = np.array([c[0] for c in countries], dtype=np.int32)
    rank = np.arange(1, len(codes) + 1, dtype=np.float64)
    export_w = rank**-1.2
    export_w /= export_w.sum()
    import_w = rank**-0.8
    import_w /= import_w.sum()
    products = np.array(_hs6_codes())
    product_w = rng.pareto(1.5, len(products)) + 0.05
    product_w /= product_w.sum()
    written: list[Path] = []
    per_year = [rows // len(years) + (1 if i < rows % len(years) else 0) for i in range(len(years))]
    done = 0
    for year, n in zip(years, per_year, strict=True):
        path = out / f"BACI_HS92_Y{year}_V000000synth.csv"
        with path.open("wb") as handle:
            handle.write(b"t,i,j,k,v,q\n")
            remaining = n
            while remaining > 0:
                size = min(CHUNK, remaining)
                exporter = rng.choice(len(codes), size=size, p=export_w)
                importer = rng.choice(len(codes), size=size, p=import_w)
                clash = exporter == importer
                importer[clash] = (importer[clash] + 1) % len(codes)
                value = np.round(rng.lognormal(2.0, 2.6, size), 3)
                quantity = np.round(value * rng.lognormal(-1.0, 1.5, size), 3)
                q_text = pc.if_else(pa.array(rng.random(size) < 0.05), "NA", pc.cast(pa.array(quantity), pa.string()))
                table = pa.table(
                    {
                        "t": pa.array(np.full(size, year, dtype=np.int32)),
                        "i": pa.array(codes[exporter]),
                        "j": pa.array(codes[importer]),
                        "k": pa.array(products[rng.choice(len(products), size=size, p=product_w)]),
                        "v": pa.array(value),
                        "q": q_text,
                    }
                )
                pacsv.write_csv(
                    table,
                    handle,
                    write_options=pacsv.WriteOptions(include_header=False, quoting_style="none"),
                )
                remaining -= size
                done += size
                if progress:
                    progress(done, rows)
        written.append(path)
    codes_path = out / "country_codes_V000000synth.csv"
    with codes_path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["country_code", "country_name", "country_iso2", "country_iso3"])
        for code, iso3, name in sorted(countries):
            iso2 = pycountry.countries.get(alpha_3=iso3).alpha_2  # type: ignore[union-attr]
            writer.writerow([code, name, iso2, iso3])
    written.append(codes_path)
    return written
