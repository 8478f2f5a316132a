"""Total population of China and the five, from the World Bank's World Development Indicators.

The shared file `wdi/population.csv` is WDI indicator SP.POP.TOTL (total
population, mid-year estimate) in the normalised long form
(`Country Name,Country Code,Year,Value`) of the public repository
datasets/population, read by the WDI parser of the bulk importer
(`caravan.sources.wdi.read_wdi`). Only the six countries' rows are kept, every
year the file gives, each citing its line. The figures are what the per-capita
views of the explorer divide by (`caravan.explore`); the indicator is
`macro.population`, the id the WDI importer uses, so an import of the same
publication adds no second indicator.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from caravan.errors import DataError
from caravan.sources.extraction import Extraction
from caravan.sources.wdi import INDICATORS, read_wdi

NAME = "wdi-population"
SOURCE_ID = "wdi-population"
FOLDER = "wdi"
FILE = "population.csv"
CODE = "SP.POP.TOTL"
AUTHORITY = "world-bank"
URL = "https://data.worldbank.org/indicator/SP.POP.TOTL"
# SOURCE.md gives no retrieval date; the file was placed in the shared folder on this day.
RETRIEVED = "2026-12-04"
SIX = ("CHN", "KAZ", "KGZ", "TJK", "TKM", "UZB")
INDICATOR: dict[str, Any] = {
    "id": INDICATORS[CODE]["id"],
    "pillar": INDICATORS[CODE]["pillar"],
    "name": {
        "en": INDICATORS[CODE]["name"],
        "zh": "总人口",
        "ru": "Численность населения, всего",
    },
    "unit": INDICATORS[CODE]["unit"],
    "kind": INDICATORS[CODE]["kind"],
    "definition": INDICATORS[CODE]["definition"],
}


def _value(value: float, label: str, line: int) -> str:
    if value <= 0 or not value.is_integer():
        raise DataError(label, f"line {line}", f"population {value!r} is not a positive whole number of people")
    return str(int(value))


def extract(shared: Path) -> Extraction:
    """The six countries' total population by year (WDI SP.POP.TOTL).

    Raises:
        DataError: The file is missing, not WDI's layout, holds a bad value, or lacks one of the six.
    """
    path = shared / FOLDER / FILE
    label = f"{FOLDER}/{FILE}"
    if not path.is_file():
        raise DataError(label, None, "missing; bring the WDI population file into the shared folder")
    observations = []
    seen: set[tuple[str, int]] = set()
    for line, code, country, year, value in read_wdi(path):
        if code != CODE:
            raise DataError(label, f"line {line}", f"indicator {code}, expected {CODE} (total population)")
        if country not in SIX:
            continue
        if (country, year) in seen:
            raise DataError(label, f"line {line}", f"second row for {country} in {year}")
        seen.add((country, year))
        observations.append(
            {
                "indicator": INDICATOR["id"],
                "subject": country,
                "counterpart": "",
                "period": str(year),
                "value": _value(value, label, line),
                "unit": INDICATOR["unit"],
                "source": SOURCE_ID,
                "locator": f"{FILE} line {line} ({CODE}, {country}, {year})",
                "method": "reported",
                "note": "",
                "bound": "",
                "primary": AUTHORITY,
            }
        )
    missing = sorted(set(SIX) - {c for c, _ in seen})
    if missing:
        raise DataError(label, None, f"no rows for {', '.join(missing)}; is this the WDI population file?")
    observations.sort(key=lambda o: (o["subject"], int(o["period"])))
    years = sorted({y for _, y in seen})
    sources = [
        {
            "id": SOURCE_ID,
            "publisher": "World Bank",
            "original_publisher": "World Bank (WDI); normalised to one row per country and year "
            "by the public repository datasets/population",
            "authority": AUTHORITY,
            "title": f"World Development Indicators, SP.POP.TOTL Population, total, {years[0]}-{years[-1]}: "
            f"{FILE} (Country Name, Country Code, Year, Value); read from the normalised CSV of the public "
            "repository datasets/population, whose README and datapackage.json name this World Bank page "
            "as the data's source (the page itself not opened)",
            "url": URL,
            "retrieved": RETRIEVED,
            "kind": "dataset",
            "language": "en",
            "licence": "ODC-PDDL-1.0 (the normalised CSV)",
            "seen_via": "import",
        }
    ]
    return Extraction(
        name=NAME,
        sources=sources,
        observations=observations,
        inputs=[path],
        input_root=shared,
        indicators=[INDICATOR],
    )
