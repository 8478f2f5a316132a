"""Small files in each bulk format, written by the tests themselves, with hand-checkable figures."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from openpyxl import Workbook

YEARS = (2018, 2019, 2020)

# BACI rows: year, exporter code, importer code, HS6 (text), value (thousand US$), quantity (t or NA).
# Codes: 156 China, 398 Kazakhstan, 860 Uzbekistan, 643 Russia, 276 Germany.
BACI_ROWS: list[tuple[int, int, int, str, float, str]] = [
    (2019, 156, 398, "040655", 100.0, "10.5"),
    (2019, 156, 398, "851712", 300.0, "NA"),
    (2019, 398, 156, "270900", 200.0, "1000"),
    (2020, 156, 398, "040655", 150.0, "12"),
    (2020, 156, 398, "851712", 450.0, "NA"),
    (2020, 156, 398, "870323", 400.0, "30"),
    (2020, 398, 156, "270900", 300.0, "1500"),
    (2020, 398, 156, "740311", 100.0, "20"),
    (2020, 156, 860, "851712", 200.0, "5"),
    (2020, 860, 156, "520100", 50.0, "40"),
    (2020, 643, 398, "270900", 500.0, "2500"),
    (2020, 643, 398, "870323", 250.0, "15"),
    (2020, 398, 643, "270900", 100.0, "500"),
    (2020, 276, 398, "870323", 300.0, "18"),
    (2020, 156, 276, "851712", 2000.0, "50"),
    (2020, 276, 156, "870323", 1500.0, "90"),
    (2020, 398, 276, "270900", 400.0, "2000"),
]
BACI_CODES = [
    (156, "China", "CN", "CHN"),
    (398, "Kazakhstan", "KZ", "KAZ"),
    (860, "Uzbekistan", "UZ", "UZB"),
    (643, "Russian Federation", "RU", "RUS"),
    (276, "Germany", "DE", "DEU"),
]


def write_baci(folder: Path, rows: list[tuple[Any, ...]] | None = None, *, codes: bool = True) -> Path:
    """BACI files (one per year, named like BACI's) and the country-code file, in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    by_year: dict[int, list[tuple[Any, ...]]] = {}
    for row in BACI_ROWS if rows is None else rows:
        by_year.setdefault(int(row[0]), []).append(row)
    for year, year_rows in by_year.items():
        with (folder / f"BACI_HS92_Y{year}_V202401.csv").open("w", encoding="utf-8", newline="") as handle:
            handle.write("t,i,j,k,v,q\n")
            for r in year_rows:
                handle.write(",".join(str(c) for c in r) + "\n")
    if codes:
        with (folder / "country_codes_V202401.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(["country_code", "country_name", "country_iso2", "country_iso3"])
            writer.writerows(BACI_CODES)
    return folder


# IMF DOTS workbooks: reporter name -> sheet -> partner name -> {year: value in US$ millions}.
DOTS: dict[str, dict[str, dict[str, dict[int, Any]]]] = {
    "China, P.R.: Mainland": {
        "exports": {
            "World": {2019: 1000.0, 2020: 1100.0},
            "Euro Area": {2019: 300.0, 2020: 310.0},
            "Kazakhstan, Rep. of": {2019: 100.0, 2020: 120.5},
            "Tajikistan, Rep. of": {2020: 100.0},
        },
        "imports": {
            "World": {2019: 900.0, 2020: 950.0},
            "Kazakhstan, Rep. of": {2020: 80.0},
        },
    },
    "Kazakhstan, Rep. of": {
        "exports": {
            "World": {2020: 500.0},
            "China, P.R.: Mainland": {2020: 70.0},
            "Russian Federation": {2020: "90.25 e"},
        },
        "imports": {
            "World": {2020: 400.0},
            "China, P.R.: Mainland": {2020: "66.0 e"},
            "Russian Federation": {2020: 150.0},
        },
    },
    "Tajikistan, Rep. of": {
        "exports": {"World": {2020: 20.0}, "China, P.R.: Mainland": {2020: 5.0}},
        "imports": {"World": {2020: 300.0}, "China, P.R.: Mainland": {2020: 50.0}},
    },
}
SHEET_TITLES = {
    "exports": ("Exports, FOB", "Exports, FOB to Partner Countries"),
    "imports": ("Imports, CIF", "Imports, CIF from Partner Countries"),
}


def write_dots_workbook(
    path: Path,
    reporter: str,
    sheets: dict[str, dict[str, dict[int, Any]]],
    *,
    years: tuple[int, ...] = YEARS,
    unit: str = "US Dollars, Millions",
) -> Path:
    """One workbook in the IMF portal's layout (title B2, reporter B4, unit B5, years in row 7)."""
    book = Workbook()
    book.remove(book.active)
    for flow, partners in sheets.items():
        name, title = SHEET_TITLES[flow]
        sheet = book.create_sheet(name)
        sheet["B2"] = title
        sheet["B4"] = reporter
        sheet["B5"] = unit
        for col, year in enumerate(years, start=3):
            sheet.cell(row=7, column=col, value=str(year))
        row = 8
        for partner, values in partners.items():
            sheet.cell(row=row, column=2, value=partner)
            for col, year in enumerate(years, start=3):
                if year in values:
                    sheet.cell(row=row, column=col, value=values[year])
            row += 1
        sheet.cell(row=row, column=2, value="Memorandum Items")
        sheet.cell(row=row + 1, column=2, value="Africa")
        sheet.cell(row=row + 1, column=3, value=1.0)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def write_dots(folder: Path) -> Path:
    """The three sample DOTS workbooks (China, Kazakhstan, Tajikistan) in `folder`."""
    for number, (reporter, sheets) in enumerate(DOTS.items(), start=1):
        write_dots_workbook(folder / f"DOTS_{number}.xlsx", reporter, sheets)
    return folder


COMTRADE_HEADER = [
    "typeCode",
    "freqCode",
    "refPeriodId",
    "refYear",
    "refMonth",
    "period",
    "reporterCode",
    "reporterISO",
    "flowCode",
    "partnerCode",
    "partnerISO",
    "partner2Code",
    "classificationCode",
    "cmdCode",
    "customsCode",
    "mosCode",
    "motCode",
    "qtyUnitAbbr",
    "qty",
    "netWgt",
    "primaryValue",
]


def comtrade_row(
    reporter: int,
    flow: str,
    partner: int,
    cmd: str,
    value: float,
    *,
    year: int = 2020,
    qty: float = 1.0,
    partner2: int = 0,
    mot: int = 0,
) -> list[Any]:
    """One row in Comtrade's standard columns."""
    return [
        "C",
        "A",
        f"{year}0101",
        year,
        52,
        year,
        reporter,
        "",
        flow,
        partner,
        "",
        partner2,
        "H5",
        cmd,
        "C00",
        0,
        mot,
        "kg",
        qty,
        qty,
        value,
    ]


COMTRADE_ROWS = [
    comtrade_row(398, "M", 156, "TOTAL", 9_000_000.0),
    comtrade_row(398, "X", 156, "TOTAL", 7_000_000.0),
    comtrade_row(398, "M", 156, "851712", 4_000_000.0),
    comtrade_row(398, "M", 156, "040655", 500_000.0),
    comtrade_row(398, "M", 156, "85", 4_000_000.0),
    comtrade_row(398, "X", 156, "270900", 6_000_000.0),
    comtrade_row(398, "RX", 156, "270900", 10.0),
    comtrade_row(398, "X", 156, "TOTAL", 123.0, mot=2100),
]


def write_comtrade(path: Path, rows: list[list[Any]] | None = None, header: list[str] | None = None) -> Path:
    """A Comtrade bulk CSV."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header or COMTRADE_HEADER)
        writer.writerows(COMTRADE_ROWS if rows is None else rows)
    return path


WDI_ROWS = [
    ("Kazakhstan", "KAZ", 2019, "181667190075.1"),
    ("Kazakhstan", "KAZ", 2020, "171082379211.4"),
    ("China", "CHN", 2020, "14687744162801"),
    ("World", "WLD", 2020, "85116455260000"),
    ("Africa Eastern and Southern", "AFE", 2020, "933391782615"),
    ("Tajikistan", "TJK", 2020, ""),
]


def write_wdi(path: Path, rows: list[tuple[Any, ...]] | None = None) -> Path:
    """A WDI file in the normalised long form (the indicator is named by the file: gdp.csv, population.csv)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["Country Name", "Country Code", "Year", "Value"])
        writer.writerows(WDI_ROWS if rows is None else rows)
    return path


def write_wdi_wide(path: Path) -> Path:
    """A WDI file as the World Bank's download gives it (metadata lines, then years across)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write('"Data Source","World Development Indicators",\n\n"Last Updated Date","2024-06-28",\n\n')
        writer = csv.writer(handle, lineterminator="\n", quoting=csv.QUOTE_ALL)
        writer.writerow(["Country Name", "Country Code", "Indicator Name", "Indicator Code", "2019", "2020"])
        writer.writerow(["Kazakhstan", "KAZ", "Population, total", "SP.POP.TOTL", "18513930", "18755666"])
        writer.writerow(["Kazakhstan", "KAZ", "Exports of goods", "NE.EXP.GNFS.CD", "1", "2"])
        writer.writerow(["Uzbekistan", "UZB", "Population, total", "SP.POP.TOTL", "33580650", ""])
    return path
