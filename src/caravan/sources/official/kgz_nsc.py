"""Kyrgyzstan's exports to and imports from China from the National Statistical Committee's tables.

The Committee (stat.gov.kg) publishes table 4.03.00.18 "Geographic distribution
of exports of goods" and 4.03.00.20 "... of imports of goods" as `.xlsx`
workbooks in Kyrgyz, Russian and English (columns A–C): the title in row 1,
the unit "(тыс. долларов США)" in row 2, the years across one header row
(1994–2023), one partner a row. A year marked with a footnote number
("2023 1") refers to the footnote below the table ("1 Предварительные
данные": preliminary), which the observation's note repeats. A cell "-" is
printed where there was no trade and is not read as a figure.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

from caravan.errors import DataError, InputError
from caravan.sources.extraction import Extraction
from caravan.sources.workbooks import XLSX_DAMAGE, reason

NAME = "kgz-nsc-trade"
SOURCE_ID = "kgz-nsc.geographic-distribution-of-trade"
FOLDER = "national-trade/kgz"
PATTERN = "*-usd.xlsx"
AUTHORITY = "kgz-nsc"
PUBLISHER = "National Statistical Committee of the Kyrgyz Republic"
# The Committee's foreign-economic-activity section, where the tables are published.
URL = "https://stat.gov.kg/ru/statistics/vneshneekonomicheskaya-deyatelnost/"
# The files were downloaded from the Committee's site for the public repository
# mary-lev/eu-export-sanctions; they entered it on this day.
RETRIEVED = "2024-11-17"
UNIT_TEXT = "тыс. долларов США"
UNIT = "thousand USD"
PARTNER = "Китай"
FLOWS = {"экспорта": ("trade.exports", "exports"), "импорта": ("trade.imports", "imports")}
YEAR = re.compile(r"^((?:19|20)\d\d)(?:\s+(\d))?$")
HEAD = 8


def _col(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _text(row: tuple[Any, ...], index: int) -> str:
    return str(row[index]).strip() if index < len(row) and row[index] is not None else ""


def _rows(path: Path) -> tuple[str, list[tuple[Any, ...]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except XLSX_DAMAGE as exc:
        raise DataError(
            str(path), None, f"not a readable Excel workbook (truncated or damaged?): {reason(exc)}"
        ) from exc
    try:
        sheet = book.worksheets[0]
        return sheet.title, list(sheet.iter_rows(values_only=True))
    except XLSX_DAMAGE as exc:
        raise DataError(str(path), None, f"the first sheet cannot be read (damaged?): {reason(exc)}") from exc
    finally:
        book.close()


def _years(path: Path, where: str, rows: list[tuple[Any, ...]]) -> tuple[int, dict[int, tuple[int, str | None]]]:
    """The header row (0-based) and column index -> (year, footnote mark)."""
    for r, row in enumerate(rows[:HEAD]):
        years: dict[int, tuple[int, str | None]] = {}
        for index, raw in enumerate(row):
            if index < 3 or raw is None:
                continue
            match = YEAR.match(str(raw).strip().removesuffix(".0"))
            if match:
                years[index] = (int(match.group(1)), match.group(2))
        if len(years) >= 5:
            return r, years
    raise DataError(str(path), where, f"no row of years in the first {HEAD} rows; has the layout changed?")


def _footnote(rows: list[tuple[Any, ...]], mark: str) -> str | None:
    for row in rows:
        text = _text(row, 1)
        if text.startswith(f"{mark} ") and not YEAR.match(text):
            return text[len(mark) :].strip()
    return None


def _read(path: Path) -> tuple[str, str, list[dict[str, Any]]]:
    """Flow ("exports"/"imports"), the title, and China's cells of one table."""
    sheet, rows = _rows(path)
    where = f"sheet {sheet}"
    if not rows:
        raise DataError(str(path), where, "the sheet is empty")
    title_ru = " ".join(_text(rows[0], 1).split())
    flow = next((f for word, f in FLOWS.items() if word in title_ru.lower()), None)
    if flow is None:
        raise DataError(str(path), f"{where} row 1", f"title {title_ru!r} names neither exports nor imports")
    if not any(UNIT_TEXT in _text(row, 1) for row in rows[:HEAD]):
        raise DataError(str(path), where, f"no unit {UNIT_TEXT!r} below the title; has the layout changed?")
    header, years = _years(path, where, rows)
    found = [r for r in range(header + 1, len(rows)) if _text(rows[r], 1) == PARTNER]
    if len(found) != 1:
        raise DataError(str(path), where, f"expected one row {PARTNER!r} in column B, found {len(found)}")
    r = found[0]
    cells = []
    for index, (year, mark) in sorted(years.items()):
        raw = rows[r][index] if index < len(rows[r]) else None
        place = f"{where} row {r + 1} column {_col(index)}"
        if raw is None or (isinstance(raw, str) and raw.strip() in ("-", "")):
            continue  # no trade printed
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            raise DataError(str(path), place, f"cell holds {raw!r}, not a number (year {year})")
        value = float(raw)
        if not math.isfinite(value) or value < 0:
            raise DataError(str(path), place, f"value {raw!r} is not a finite non-negative amount (year {year})")
        footnote = _footnote(rows[r + 1 :], mark) if mark else None
        if mark and footnote is None:
            raise DataError(str(path), place, f"year {year} carries footnote {mark} but the table has no such note")
        cells.append(
            {
                "year": year,
                "value": str(int(value)) if value.is_integer() else repr(value),
                "row": r + 1,
                "column": _col(index),
                "sheet": sheet,
                "footnote": footnote,
            }
        )
    return flow[1], title_ru, [dict(c, indicator=flow[0]) for c in cells]


def extract(shared: Path) -> Extraction:
    """Kyrgyzstan's exports to and imports from China, every year the two tables give.

    Raises:
        InputError: The folder holds no table.
        DataError: A workbook is damaged or laid out otherwise than expected.
    """
    folder = shared / FOLDER
    paths = sorted(folder.glob(PATTERN))
    if not paths:
        raise InputError(f"no {PATTERN} workbooks in {folder}")
    titles: list[str] = []
    observations = []
    seen: dict[str, Path] = {}
    for path in paths:
        flow, title, cells = _read(path)
        if flow in seen:
            raise DataError(str(path), None, f"a second table of {flow} (the first is {seen[flow].name})")
        seen[flow] = path
        titles.append(f"{title} ({path.name})")
        for c in cells:
            note = "Kyrgyzstan's statistics (row Китай: mainland China)."
            if c["footnote"]:
                preliminary = " (preliminary)" if c["footnote"].lower().startswith("предварительн") else ""
                note += f" The table marks {c['year']} «{c['footnote']}»{preliminary}."
            observations.append(
                {
                    "indicator": c["indicator"],
                    "subject": "KGZ",
                    "counterpart": "CHN",
                    "period": str(c["year"]),
                    "value": c["value"],
                    "unit": UNIT,
                    "source": SOURCE_ID,
                    "locator": (
                        f"{path.name}, sheet {c['sheet']}, row {c['row']} {PARTNER}, column {c['column']} ({c['year']})"
                    ),
                    "method": "reported",
                    "note": note,
                    "bound": "",
                    "primary": AUTHORITY,
                }
            )
    observations.sort(key=lambda o: (o["period"], o["indicator"]))
    sources = [
        {
            "id": SOURCE_ID,
            "publisher": PUBLISHER,
            "authority": AUTHORITY,
            "title": "; ".join(titles),
            "url": URL,
            "retrieved": RETRIEVED,
            "kind": "official-statistics",
            "language": "ru",
            "seen_via": "import",
        }
    ]
    return Extraction(name=NAME, sources=sources, observations=observations, inputs=paths, input_root=shared)
