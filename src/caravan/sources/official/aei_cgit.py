"""Named Chinese investment deals in the five, from AEI's China Global Investment Tracker.

`aei-cgit/china_investment_tracker_2005_2025H1.csv` lists deals of US$100
million or more, 2005 to June 2025 (investments only: the tracker's
construction contracts are not in the file). Each deal in Kazakhstan,
Kyrgyzstan, Tajikistan, Turkmenistan or Uzbekistan becomes a `project` entity
(`project.aei-<country>-<year>-<n>`, n counting the country's deals of that
year in file order) with the row's investor, target, sector, subsector,
month, share and BRI flag as attributes, and one observation of
`investment.deal_value` in the units the file prints (US$ million). A deal's
value is never an FDI stock or flow and is never summed here.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from caravan.errors import DataError
from caravan.sources.extraction import Extraction, csv_records
from caravan.vocabulary import term

NAME = "aei-cgit"
FOLDER = "aei-cgit"
FILE = "china_investment_tracker_2005_2025H1.csv"
COLUMNS = [
    "Year",
    "Month",
    "Investor",
    "Millions",
    "Share Size",
    "Partner/Target",
    "Sector",
    "Subsector",
    "Country",
    "Region",
    "BRI",
]
HOSTS = {
    "Kazakhstan": "KAZ",
    "Kyrgyzstan": "KGZ",
    "Tajikistan": "TJK",
    "Turkmenistan": "TKM",
    "Uzbekistan": "UZB",
}
MONTHS = {
    m: i
    for i, m in enumerate(
        (
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ),
        1,
    )
}
MILLIONS = re.compile(r"\$?\s*(\d{1,3}(,\d{3})*|\d+)(\.\d+)?\s*")
SHARE = re.compile(r"\d+(\.\d+)?%")
SOURCE_ID = "aei-cgit-2005-2025h1"
# SOURCE.md gives no retrieval date; the file was placed in the shared folder on this day.
RETRIEVED = "2026-12-01"


def _source() -> dict[str, Any]:
    return {
        "id": SOURCE_ID,
        "publisher": "American Enterprise Institute",
        "original_publisher": "China Global Investment Tracker (AEI); rows to June 2025 as re-saved in the public "
        "repository Quintas0658/china-investment-tracker",
        "authority": "aei",
        "title": "China Global Investment Tracker, American Enterprise Institute: investments of US$100 million "
        "or more, 2005 – June 2025",
        "url": "https://www.aei.org/china-global-investment-tracker/",
        "published": "2025",
        "retrieved": RETRIEVED,
        "kind": "research",
        "language": "en",
        "licence": "Free download; cite 'China Global Investment Tracker, American Enterprise Institute'",
        "seen_via": "import",
    }


def extract(shared: Path) -> Extraction:
    """Each of the tracker's deals in the five, as an entity with one value.

    Raises:
        DataError: The file is missing, damaged or not laid out as expected.
    """
    path = shared / FOLDER / FILE
    label = f"{FOLDER}/{FILE}"
    if not path.is_file():
        raise DataError(label, None, "missing; bring the China Global Investment Tracker file into the shared folder")
    entities: list[dict[str, Any]] = []
    observations: list[dict[str, Any]] = []
    counters: dict[tuple[str, int], int] = {}
    for line, rec in csv_records(path, label, COLUMNS):
        code = HOSTS.get(rec["Country"])
        if code is None:
            continue
        investor = rec["Investor"]
        if not investor:
            raise DataError(label, f"line {line}", "no investor named")
        if not rec["Year"].isdigit() or not 2005 <= int(rec["Year"]) <= 2025:
            raise DataError(label, f"line {line} ({investor})", f"year {rec['Year']!r} is not 2005-2025")
        year = int(rec["Year"])
        month = MONTHS.get(rec["Month"])
        if month is None:
            raise DataError(label, f"line {line} ({investor})", f"month {rec['Month']!r} is not a month name")
        match = MILLIONS.fullmatch(rec["Millions"])
        if match is None:
            raise DataError(
                label,
                f"line {line} ({investor})",
                f"Millions {rec['Millions']!r} is not an amount like '$1,200'",
            )
        value = (match.group(1) + (match.group(3) or "")).replace(",", "")
        if not rec["Sector"]:
            raise DataError(label, f"line {line} ({investor})", "no sector")
        if rec["Share Size"] and not SHARE.fullmatch(rec["Share Size"]):
            raise DataError(label, f"line {line} ({investor})", f"share {rec['Share Size']!r} is not a percentage")
        n = counters[(code, year)] = counters.get((code, year), 0) + 1
        entity_id = f"project.aei-{code.lower()}-{year}-{n}"
        entity: dict[str, Any] = {
            "id": entity_id,
            "kind": "project",
            # The investor as the tracker names it; the sector in each language (Caravan's own words).
            "names": {
                "en": f"{investor} – {rec['Sector']} ({year})",
                "zh": f"{investor} – {term('sector', rec['Sector'], 'zh')}（{year}）",
                "ru": f"{investor} – {term('sector', rec['Sector'], 'ru')} ({year})",
            },
            "parent": code,
            "investor": investor,
            "type": "investment",
            "sector": rec["Sector"],
        }
        if rec["Subsector"]:
            entity["subsector"] = rec["Subsector"]
        if rec["Partner/Target"]:
            entity["target"] = rec["Partner/Target"]
        entity["month"] = rec["Month"]
        if rec["Share Size"]:
            entity["share"] = rec["Share Size"]
        if rec["BRI"] == "1":
            entity["bri"] = True
        entity["source"] = SOURCE_ID
        entities.append(entity)
        observations.append(
            {
                "indicator": "investment.deal_value",
                "subject": entity_id,
                "counterpart": "",
                "period": f"{year}-{month:02d}",
                "value": value,
                "unit": "mn USD",
                "source": SOURCE_ID,
                "locator": f"line {line}, investor {investor}, column Millions ({rec['Millions']})",
                "method": "reported",
                "note": "investment (the file holds no construction contracts)",
                "bound": "",
                "primary": "aei",
            }
        )
    if not entities:
        raise DataError(label, None, "no deals in the five Central Asian states; is this the tracker's file?")
    return Extraction(
        name=NAME,
        sources=[_source()],
        observations=observations,
        inputs=[path],
        input_root=shared,
        entities=entities,
    )
