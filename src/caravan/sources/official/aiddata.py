"""China's development finance commitments to the five, from AidData's GCDF 3.0.

`aiddata-gcdf3/cow_gcdf.csv` sums AidData's Global Chinese Development Finance
Dataset 3.0 (projects "recommended for aggregates") by recipient (Correlates
of War code) and commitment year, in constant 2021 US dollars, one pair of
columns per flow class: ODA-like (`oda_*`), OOF-like (`oof_*`) and vague
official finance (`vof_*`); `*_adj` is AidData's adjusted amount, the one
AidData's aggregates use. Each class is its own indicator; classes are never
summed here, and none of them is foreign direct investment.

A zero cell is left out: the summing fills a class without projects, and
projects without an amount, with 0, so a zero does not say that nothing was
committed. Values are the file's own text.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

from caravan.errors import DataError
from caravan.sources.extraction import Extraction, csv_records

NAME = "aiddata-gcdf3"
FOLDER = "aiddata-gcdf3"
FILE = "cow_gcdf.csv"
COLUMNS = ["ccode", "year", "oof_amt", "oof_adj", "oda_amt", "oda_adj", "vof_amt", "vof_adj"]
# Correlates of War state codes of the five.
RECIPIENTS = {"705": "KAZ", "704": "UZB", "703": "KGZ", "702": "TJK", "701": "TKM"}
CLASSES = {
    "oda_adj": "devfinance.committed.oda_like",
    "oof_adj": "devfinance.committed.oof_like",
    "vof_adj": "devfinance.committed.vague",
}
FIRST_YEAR, LAST_YEAR = 2000, 2021
SOURCE_ID = "aiddata-gcdf3-country-year"
# SOURCE.md gives no retrieval date; the file was placed in the shared folder on this day.
RETRIEVED = "2026-12-01"
NUMBER = re.compile(r"[+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?")


def _source() -> dict[str, Any]:
    return {
        "id": SOURCE_ID,
        "publisher": "AidData at William & Mary",
        "original_publisher": "AidData (GCDF 3.0); summed by recipient and commitment year by the odadata R package "
        "(milesdwilliams15/odadata)",
        "authority": "aiddata",
        "title": "AidData's Global Chinese Development Finance Dataset, Version 3.0, summed by recipient and "
        "commitment year (constant 2021 USD, adjusted amounts, projects recommended for aggregates)",
        "url": "https://aiddata.org/data/aiddatas-global-chinese-development-finance-dataset-version-3-0",
        "published": "2023-11-06",
        "retrieved": RETRIEVED,
        "kind": "dataset",
        "language": "en",
        "licence": "ODC-By 1.0",
        "seen_via": "import",
    }


def extract(shared: Path) -> Extraction:
    """Development finance commitments to each of the five, by flow class and year.

    Raises:
        DataError: The file is missing, damaged or not laid out as expected.
    """
    path = shared / FOLDER / FILE
    label = f"{FOLDER}/{FILE}"
    if not path.is_file():
        raise DataError(label, None, "missing; bring AidData's country-year file into the shared folder")
    rows: list[dict[str, Any]] = []
    seen: dict[tuple[str, int], int] = {}
    for line, rec in csv_records(path, label, COLUMNS, encoding="utf-8"):
        if not rec["ccode"].isdigit() or not rec["year"].isdigit():
            raise DataError(
                label, f"line {line}", f"ccode {rec['ccode']!r} and year {rec['year']!r} must be whole numbers"
            )
        year = int(rec["year"])
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise DataError(label, f"line {line}", f"year {year} is outside GCDF 3.0's {FIRST_YEAR}-{LAST_YEAR}")
        for column in COLUMNS[2:]:
            text = rec[column]
            if not NUMBER.fullmatch(text) or not math.isfinite(float(text)):
                raise DataError(label, f"line {line}, column {column}", f"{text!r} is not a non-negative number")
        key = (rec["ccode"], year)
        if key in seen:
            raise DataError(
                label, f"line {line}", f"second row for ccode {key[0]} in {year} (first at line {seen[key]})"
            )
        seen[key] = line
        code = RECIPIENTS.get(rec["ccode"])
        if code is None:
            continue
        for column, indicator in CLASSES.items():
            if float(rec[column]) == 0:
                continue
            rows.append(
                {
                    "indicator": indicator,
                    "subject": "CHN",
                    "counterpart": code,
                    "period": str(year),
                    "value": rec[column],
                    "unit": "USD",
                    "source": SOURCE_ID,
                    "locator": f"line {line} (ccode {rec['ccode']}, year {year}), column {column}",
                    "method": "reported",
                    "note": "constant 2021 US$; AidData's adjusted amount",
                    "bound": "",
                    "primary": "aiddata",
                }
            )
    if not rows:
        raise DataError(
            label, None, "no commitments to the five Central Asian states; is this the GCDF 3.0 country-year file?"
        )
    rows.sort(key=lambda o: (o["counterpart"], int(o["period"]), o["indicator"]))
    return Extraction(name=NAME, sources=[_source()], observations=rows, inputs=[path], input_root=shared)
