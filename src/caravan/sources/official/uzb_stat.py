"""Uzbekistan's exports to and imports from China from the Statistics Agency's open data (SIAT).

The Agency (stat.uz) publishes each indicator of its statistical information
system (siat.stat.uz) as an SDMX download; the CSV form is one partner a row:
`Code` (UN M49 country code), the partner's name in Uzbek, Russian and
English, then one column a year (2010–2023), values in thousand US dollars.
The file itself names neither the flow nor the unit, so both come from the
indicator number in the file name (1105: exports of goods by partner country,
1176: imports) and the Agency's description of the series; a file of another
indicator is refused. China is the row with code 156.
"""

from __future__ import annotations

import csv
import math
import re
from pathlib import Path
from typing import Any

from caravan.errors import DataError, InputError
from caravan.sources.extraction import Extraction

NAME = "uzb-stat-trade"
FOLDER = "national-trade/uzb"
AUTHORITY = "uzb-stat"
PUBLISHER = "Statistics Agency under the President of the Republic of Uzbekistan"
# The indicator's page on the Agency's statistical information system.
URL = "https://siat.stat.uz/data/{indicator}/?lang=en"
# The files were downloaded from the Agency's site for the public repository
# mary-lev/eu-export-sanctions; they entered it on this day.
RETRIEVED = "2024-11-26"
UNIT = "thousand USD"
CHINA = "156"
INDICATORS = {
    "1105": ("trade.exports", "Exports of goods by partner country"),
    "1176": ("trade.imports", "Imports of goods by partner country"),
}
HEADER = ["Code", "Klassifikator", "Klassifikator_ru", "Klassifikator_en"]
NUMBER = re.compile(r"^\d+(\.\d+)?$")
INDICATOR = re.compile(r"sdmx[-_](?:data[-_])?(\d+)")


def _read(path: Path) -> tuple[str, list[dict[str, Any]], str]:
    match = INDICATOR.search(path.name)
    if match is None or match.group(1) not in INDICATORS:
        known = ", ".join(sorted(INDICATORS))
        raise DataError(
            str(path), None, f"not one of the indicators read here ({known}); the file name carries its number"
        )
    indicator = match.group(1)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(str(path), None, f"not a readable UTF-8 CSV file: {exc}") from exc
    if not rows or rows[0][:4] != HEADER:
        raise DataError(str(path), "line 1", "header must start " + ",".join(HEADER) + "; is this a SIAT SDMX CSV?")
    years = rows[0][4:]
    if not years or not all(re.fullmatch(r"(19|20)\d\d", y) for y in years):
        raise DataError(str(path), "line 1", f"columns after the names must be years, found {years}")
    found = [n for n, row in enumerate(rows[1:], 2) if row and row[0].strip() == CHINA]
    if len(found) != 1:
        raise DataError(str(path), None, f"expected one row with code {CHINA} (China), found {len(found)}")
    line = found[0]
    row = rows[line - 1]
    if len(row) != len(rows[0]):
        raise DataError(str(path), f"line {line}", f"{len(row)} fields, the header has {len(rows[0])}; truncated?")
    names = row[1:4]
    if "Китай" not in names and "China" not in names:
        raise DataError(str(path), f"line {line}", f"code {CHINA} is named {names}, not China")
    cells = []
    for year, raw in zip(years, row[4:], strict=True):
        text = raw.strip()
        if text == "":
            continue
        if not NUMBER.match(text) or not math.isfinite(float(text)):
            raise DataError(str(path), f"line {line} column {year}", f"{raw!r} is not a non-negative number")
        cells.append({"year": year, "value": text, "line": line})
    # The file states no unit: check the thousand-dollar reading against the size of the
    # country's trade (all partners together, latest year, tens of billions of dollars).
    last = len(rows[0]) - 1
    try:
        total = sum(float(r[last]) for r in rows[1:] if len(r) > last and r[last].strip())
    except ValueError as exc:
        raise DataError(str(path), f"column {years[-1]}", f"a partner's value is not a number: {exc}") from exc
    if not 1e6 <= total <= 1e9:
        raise DataError(
            str(path), f"column {years[-1]}", f"partners sum to {total:.1f}, implausible for thousand US dollars"
        )
    return indicator, cells, f"{total / 1e6:.1f} bn USD in {years[-1]}"


def extract(shared: Path) -> Extraction:
    """Uzbekistan's exports to and imports from China, every year the two files give.

    Raises:
        InputError: The folder holds no CSV file.
        DataError: A file is damaged, of another indicator, or laid out otherwise than expected.
    """
    folder = shared / FOLDER
    paths = sorted(folder.glob("*.csv"))
    if not paths:
        raise InputError(f"no .csv files in {folder}")
    sources = []
    observations = []
    for path in paths:
        number, cells, total = _read(path)
        indicator, title = INDICATORS[number]
        source_id = f"uzb-stat.siat-{number}"
        sources.append(
            {
                "id": source_id,
                "publisher": PUBLISHER,
                "authority": AUTHORITY,
                "title": (
                    f"{title}, SDMX indicator {number} ({path.name}); the address is the portal's page for that"
                    " indicator number, which was not itself seen in a stored copy"
                ),
                "url": URL.format(indicator=number),
                "retrieved": RETRIEVED,
                "kind": "official-statistics",
                "language": "en",
                "seen_via": "import",
            }
        )
        for c in cells:
            observations.append(
                {
                    "indicator": indicator,
                    "subject": "UZB",
                    "counterpart": "CHN",
                    "period": c["year"],
                    "value": c["value"],
                    "unit": UNIT,
                    "source": source_id,
                    "locator": (
                        f"{path.name}, line {c['line']} (Code {CHINA}, Xitoy / Китай / China), column {c['year']}"
                    ),
                    "method": "reported",
                    "note": (
                        "Uzbekistan's statistics. The file states no unit; read as thousand US dollars "
                        f"(all partners then sum to {total})."
                    ),
                    "bound": "",
                    "primary": AUTHORITY,
                }
            )
    observations.sort(key=lambda o: (o["period"], o["indicator"]))
    return Extraction(name=NAME, sources=sources, observations=observations, inputs=paths, input_root=shared)
