"""China's trade with the five, and the five's with China, from the IMF's Direction of Trade Statistics.

The workbooks are the IMF data portal's exports, one per reporter, read by the
DOTS parser of the bulk importer (`caravan.sources.imf_dots.read_workbook`):
sheet "Exports, FOB" (title "Exports, FOB to Partner Countries") and sheet
"Imports, CIF" ("Imports, CIF from Partner Countries"), US dollars, millions.
The IMF compiles what each country reports to it (and estimates where a
country does not; a value ending " e" is such an estimate, kept as
`method: estimate`), so the reporter is the subject: China's exports to
Kazakhstan as China reports them, Kazakhstan's exports to China as
Kazakhstan reports them. Exports are free on board, imports include cost,
insurance and freight, as the sheet titles say.
"""

from __future__ import annotations

import math
from pathlib import Path

from caravan.errors import DataError, InputError
from caravan.regions import counterparts
from caravan.sources.extraction import Extraction
from caravan.sources.imf_dots import read_workbook

NAME = "imf-dots-c5"
SOURCE_ID = "imf-dots-c5"
FOLDER = "imf-dots"
AUTHORITY = "imf"
PUBLISHER = "International Monetary Fund"
URL = "https://data.imf.org/"
# As published in the public repository SamLeBlanc/Direction-of-Trade-Map, last changed that day.
RETRIEVED = "2022-05-09"
UNIT = "mn USD"
FIRST_YEAR = 2000
# workbook number -> the reporter its cell B4 must name
WORKBOOKS = {40: "CHN", 103: "KAZ", 109: "KGZ", 192: "TJK", 201: "TKM", 210: "UZB"}
COUNTRY = {
    "CHN": "China",
    "KAZ": "Kazakhstan",
    "KGZ": "Kyrgyzstan",
    "TJK": "Tajikistan",
    "TKM": "Turkmenistan",
    "UZB": "Uzbekistan",
}
FLOW = {
    ("exports", "fob"): ("trade.exports", "Exports FOB"),
    ("imports", "cif"): ("trade.imports", "Imports CIF"),
}


def _value(path: Path, where: str, value: float) -> str:
    if not math.isfinite(value) or value < 0:
        raise DataError(str(path), where, f"value {value!r} is not a finite non-negative amount")
    return str(int(value)) if value.is_integer() else repr(value)


def extract(shared: Path) -> Extraction:
    """China's exports and imports with each of the five and theirs with China, 2000 on.

    Raises:
        InputError: A workbook of the six reporters is missing.
        DataError: A workbook is damaged, of another reporter, or holds a bad value.
    """
    folder = shared / FOLDER
    paths = {number: folder / f"DOTS_{number}.xlsx" for number in WORKBOOKS}
    missing = [p.name for p in paths.values() if not p.is_file()]
    if missing:
        raise InputError(f"missing IMF DOTS workbooks in {folder}: {', '.join(missing)}")
    names: list[str] = []
    observations = []
    for number, reporter in WORKBOOKS.items():
        path = paths[number]
        partners = counterparts(reporter)
        reporter_name = None
        for r in read_workbook(path):
            if r["reporter"] != reporter:
                raise DataError(
                    str(path), f"sheet '{r['sheet']}' row 4", f"reporter {r['reporter_name']!r}, expected {reporter}"
                )
            reporter_name = r["reporter_name"]
            if r["partner"] not in partners or r["year"] < FIRST_YEAR:
                continue
            flow = FLOW.get((r["flow"], r["basis"]))
            if flow is None:
                continue
            where = f"sheet '{r['sheet']}' row {r['row']} column {r['column']}"
            note = f"{flow[1]}, as reported to the IMF by {COUNTRY[reporter]} (DOTS)."
            if r["estimate"]:
                note += " The IMF marks the value as its estimate (e)."
            observations.append(
                {
                    "indicator": flow[0],
                    "subject": reporter,
                    "counterpart": r["partner"],
                    "period": str(r["year"]),
                    "value": _value(path, where, r["value"]),
                    "unit": UNIT,
                    "source": SOURCE_ID,
                    "locator": (
                        f"{path.name}, sheet {r['sheet']}, row {r['row']} {r['partner_name']}, "
                        f"column {r['column']} ({r['year']})"
                    ),
                    "method": "estimate" if r["estimate"] else "reported",
                    "note": note,
                    "bound": "",
                    "primary": AUTHORITY,
                }
            )
        if reporter_name is None:
            raise DataError(str(path), None, "no values read; is this an IMF DOTS export?")
        names.append(f"{reporter_name} ({path.name})")
    observations.sort(key=lambda o: (o["subject"], o["counterpart"], o["indicator"], int(o["period"])))
    sources = [
        {
            "id": SOURCE_ID,
            "publisher": PUBLISHER,
            "authority": AUTHORITY,
            "title": (
                "Direction of Trade Statistics, exports FOB and imports CIF by partner, US dollars, millions: "
                + "; ".join(names)
            ),
            "url": URL,
            "retrieved": RETRIEVED,
            "kind": "official-statistics",
            "language": "en",
            "seen_via": "import",
        }
    ]
    return Extraction(
        name=NAME, sources=sources, observations=observations, inputs=list(paths.values()), input_root=shared
    )
