"""Kazakhstan's trade with China from the Bureau of National Statistics' own workbooks.

The Bureau (stat.gov.kz) publishes "Основные показатели внешней торговли
Республики Казахстан (по странам)" once a year as an Excel 97 workbook
(`.xls`), one sheet per year (`12_2019` = January–December 2019, or `2023`).
Each sheet has the unit "тыс. долларов США" above the header, a header row
starting "Наименование ..." with the columns turnover, share, exports, share,
imports, share, and one partner a row. Each workbook also repeats the previous
year; a year that two publications cover is taken from the later one (the
revised figure), and the observation's note says so.

The extraction keeps the row "Китай" (mainland China; Taiwan, Hong Kong and
Macao stand on their own rows) and writes Kazakhstan's turnover, exports and
imports with China, in thousand US dollars as the cells hold them.
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import xlrd

from caravan.errors import DataError, InputError
from caravan.sources.extraction import Extraction
from caravan.sources.workbooks import XLS_DAMAGE, reason

NAME = "kaz-bns-trade"
SOURCE_ID = "kaz-bns.foreign-trade-by-country"
FOLDER = "national-trade/kaz"
AUTHORITY = "kaz-bns"
PUBLISHER = (
    "Bureau of National Statistics of the Agency for Strategic Planning and Reforms of the Republic of Kazakhstan"
)
TITLE = "Основные показатели внешней торговли Республики Казахстан (по странам)"
# The Bureau's listing of foreign-trade tables, where the yearly workbooks are published.
URL = "https://stat.gov.kz/ru/industries/economy/foreign-market/spreadsheets/"
# The files were downloaded from the Bureau's site for the public repository
# mary-lev/eu-export-sanctions; they entered it on this day.
RETRIEVED = "2024-12-08"
UNIT_TEXT = "тыс. долларов США"
UNIT = "thousand USD"
PARTNER = "Китай"
SHEET = re.compile(r"^(?:12_)?((?:19|20)\d\d)$")
# column index -> (indicator, header word the column must carry)
COLUMNS = {1: ("trade.turnover", "товарооборот"), 3: ("trade.exports", "экспорт"), 5: ("trade.imports", "импорт")}
HEADER_ROWS = 10
PUBLISHED = re.compile(r"Дата опубликования:\s*(\d\d)\.(\d\d)\.(\d{4})")


@dataclass
class _Sheet:
    path: Path
    name: str
    year: int
    row: int  # 0-based row of "Китай"
    values: dict[str, str]  # indicator -> value text


def _number(path: Path, where: str, raw: Any) -> str:
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise DataError(str(path), where, f"cell holds {raw!r}, not a number; is the workbook damaged?")
    value = float(raw)
    if not math.isfinite(value) or value < 0:
        raise DataError(str(path), where, f"value {raw!r} is not a finite non-negative amount")
    return str(int(value)) if value.is_integer() else repr(value)


def _open(path: Path) -> Any:
    try:
        return xlrd.open_workbook(str(path), on_demand=True, logfile=io.StringIO())
    except XLS_DAMAGE as exc:
        problem = reason(exc)
        raise DataError(
            str(path), None, f"not a readable Excel 97 workbook (truncated or damaged?): {problem}; download it again"
        ) from exc


def _read_sheet(path: Path, sheet: Any, year: int) -> _Sheet:
    where = f"sheet {sheet.name}"
    head = [[str(v).strip() for v in sheet.row_values(r)] for r in range(min(HEADER_ROWS, sheet.nrows))]
    if not any(UNIT_TEXT in cell for row in head for cell in row):
        raise DataError(str(path), where, f"no unit {UNIT_TEXT!r} above the table; has the layout changed?")
    header = next((r for r, row in enumerate(head) if row and row[0].startswith("Наименование")), None)
    if header is None:
        raise DataError(str(path), where, "no header row starting 'Наименование' in the first rows")
    for col, (_, word) in COLUMNS.items():
        cell = head[header][col].lower() if col < len(head[header]) else ""
        if not cell.startswith(word):
            raise DataError(str(path), f"{where} row {header + 1}", f"column {col + 1} is {cell!r}, expected {word!r}")
    found = [r for r in range(header + 1, sheet.nrows) if str(sheet.cell_value(r, 0)).strip() == PARTNER]
    if len(found) != 1:
        raise DataError(str(path), where, f"expected one row {PARTNER!r}, found {len(found)}")
    row = found[0]
    values = {
        indicator: _number(path, f"{where} row {row + 1} column {col + 1}", sheet.cell_value(row, col))
        for col, (indicator, _) in COLUMNS.items()
    }
    return _Sheet(path, sheet.name, year, row, values)


def _published(sheet: Any) -> str | None:
    """The date on a cover sheet ("Дата опубликования: 25.07.2024"), as ISO."""
    for r in range(sheet.nrows):
        for cell in sheet.row_values(r):
            match = PUBLISHED.search(str(cell))
            if match:
                day, month, year = match.groups()
                return f"{year}-{month}-{day}"
    return None


def _read(path: Path) -> tuple[list[_Sheet], str | None]:
    book = _open(path)
    try:
        out = []
        published = None
        for name in book.sheet_names():
            try:
                sheet = book.sheet_by_name(name)
            except XLS_DAMAGE as exc:
                raise DataError(str(path), f"sheet {name}", f"cannot be read (damaged?): {reason(exc)}") from exc
            match = SHEET.match(name.strip())
            if match is None:  # cover, legend, contents, methodology
                published = published or _published(sheet)
                continue
            out.append(_read_sheet(path, sheet, int(match.group(1))))
        if not out:
            raise DataError(str(path), None, "no sheet named by a year (such as 12_2019 or 2023); is this the table?")
        return out, published
    finally:
        book.release_resources()


def extract(shared: Path) -> Extraction:
    """Kazakhstan's turnover, exports and imports with China, every year the workbooks give.

    Raises:
        InputError: The folder holds no workbook.
        DataError: A workbook is damaged or laid out otherwise than expected.
    """
    folder = shared / FOLDER
    paths = sorted(folder.glob("*.xls"))
    if not paths:
        raise InputError(f"no .xls workbooks in {folder}")
    editions: dict[Path, int] = {}
    published: dict[Path, str | None] = {}
    by_year: dict[int, list[tuple[int, _Sheet]]] = {}
    for path in paths:
        sheets, published[path] = _read(path)
        edition = max(s.year for s in sheets)  # a publication is named by its latest year
        editions[path] = edition
        for s in sheets:
            by_year.setdefault(s.year, []).append((edition, s))
    if len(set(editions.values())) != len(editions):
        raise DataError(str(folder), None, "two workbooks cover the same latest year; keep one edition per year")
    first, last = min(editions.values()), max(editions.values())
    cover = [published[p] for p, e in editions.items() if e == last and published[p]]
    source = {
        "id": SOURCE_ID,
        "publisher": PUBLISHER,
        "authority": AUTHORITY,
        "title": f"{TITLE}: yearly workbooks {first}–{last}",
        "url": URL,
        "published": cover[0] if cover else None,  # the latest workbook's cover date
        "retrieved": RETRIEVED,
        "kind": "official-statistics",
        "language": "ru",
        "seen_via": "import",
    }
    sources = [{k: v for k, v in source.items() if v is not None}]
    observations = []
    for year in sorted(by_year):
        versions = sorted(by_year[year], key=lambda item: item[0])
        edition, chosen = versions[-1]
        for indicator, value in chosen.values.items():
            column = {"trade.turnover": "Товарооборот", "trade.exports": "Экспорт", "trade.imports": "Импорт"}
            note = f"Kazakhstan's statistics (row {PARTNER}: mainland China)."
            if len(versions) > 1:
                earlier = [(e, s.values[indicator]) for e, s in versions[:-1]]
                same = all(v == value for _, v in earlier)
                was = "; ".join(f"the {e} publication prints {v}" for e, v in earlier)
                note += (
                    f" {year} is covered by {len(versions)} yearly workbooks; "
                    f"taken from the later, revised one ({edition})"
                    + ("; the earlier prints the same." if same else f"; {was}.")
                )
            observations.append(
                {
                    "indicator": indicator,
                    "subject": "KAZ",
                    "counterpart": "CHN",
                    "period": str(year),
                    "value": value,
                    "unit": UNIT,
                    "source": SOURCE_ID,
                    "locator": (
                        f"{chosen.path.name}, sheet {chosen.name}, row {chosen.row + 1} {PARTNER}, "
                        f"column {column[indicator]} (Всего)"
                    ),
                    "method": "reported",
                    "note": note,
                    "bound": "",
                    "primary": AUTHORITY,
                }
            )
    return Extraction(name=NAME, sources=sources, observations=observations, inputs=paths, input_root=shared)
