"""IMF Direction of Trade Statistics (DOTS) workbooks as the IMF data portal exports them.

One workbook per reporter. The sheet "Exports, FOB to Partner Countries" (and,
where present, "Imports, CIF from Partner Countries") has the title in cell B2,
the reporter's name in B4, the unit ("US Dollars, Millions") in B5, the years
across row 7 and one partner a row from row 8, partner names as the IMF spells
them. A value ending in " e" is an IMF estimate; an empty cell is not reported.
Rows after "Memorandum Items" are regional aggregates and are not read.

Each workbook becomes one Parquet file of the `trade_total` table, values in
US dollars, with the reporter and the basis (FOB exports, CIF imports) kept so
that mirror statistics can set a country's figure beside its partner's.
"""

from __future__ import annotations

import contextlib
import re
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from caravan.errors import CaravanError, DataError
from caravan.sources.bulkstore import TRADE_TOTAL, ImportEntry
from caravan.sources.countries import iso3_from_name
from caravan.sources.importer import InputFile, Staging, checked_value, new_entry, source_row
from caravan.sources.workbooks import XLSX_DAMAGE, reason

NAME = "imf-dots"
URL = "https://data.imf.org/"
SHEETS = {
    "exports, fob to partner countries": ("exports", "fob"),
    "imports, cif from partner countries": ("imports", "cif"),
}
UNIT = "us dollars, millions"
END_MARKER = "memorandum items"
TITLE_ROW, REPORTER_ROW, UNIT_ROW, YEAR_ROW = 2, 4, 5, 7
_NUMBER = re.compile(r"^-?\d+(\.\d+)?([eE][-+]?\d+)?$")


def parse_value(raw: Any) -> tuple[float | None, bool]:
    """A DOTS cell as (value in US$ millions, is estimate); (None, False) when empty.

    Raises:
        ValueError: The cell is text that is not a number (with or without a trailing "e").
    """
    if raw is None:
        return None, False
    if isinstance(raw, bool):
        raise ValueError(f"{raw!r} is not a number")
    if isinstance(raw, int | float):
        try:
            return float(raw), False
        except OverflowError as exc:  # an integer cell beyond any float (found by the fuzzer)
            raise ValueError(f"{str(raw)[:20]}... is too large to be a figure") from exc
    text = str(raw).strip()
    if not text:
        return None, False
    estimate = False
    if text.endswith("e") and not _NUMBER.match(text):  # "0.15 e": an IMF estimate
        text, estimate = text[:-1].strip(), True
    text = text.replace(",", "")
    if not _NUMBER.match(text):
        raise ValueError(f"{raw!r} is not a number")
    return float(text), estimate


def _col(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def read_workbook(path: Path) -> Iterator[dict[str, Any]]:
    """Rows of a DOTS workbook: reporter, partner, flow, basis, year, value (US$ millions), estimate.

    Each row also says where its cell stands (`sheet`, `row` number, `column`
    letter), so that an extraction can cite it.

    Partners (and reporters) whose names do not map to a country, such as the
    IMF's regional aggregates, yield rows with `partner` (`reporter`) None and
    the IMF's name in `partner_name` (`reporter_name`).

    Every read is guarded, not only the opening: a workbook damaged inside (a
    sheet's XML cut short, a zip member failing its CRC check, bad bytes) is
    one line naming the file and the last row read.

    Raises:
        DataError: The file is not a DOTS workbook, is damaged, or holds a bad value.
    """
    from openpyxl import load_workbook

    place = _Place()
    with warnings.catch_warnings():
        # openpyxl warns (on stderr) about parts of a damaged workbook it skips; the rows are what count.
        warnings.simplefilter("ignore")
        try:
            book = load_workbook(path, read_only=True, data_only=True)
        except XLSX_DAMAGE as exc:
            raise DataError(
                str(path),
                None,
                f"not a readable Excel workbook (truncated or damaged?): {reason(exc)}; "
                "export it again from the IMF portal",
            ) from exc
        try:
            yield from _read_rows(path, book, place)
        except CaravanError:
            raise
        except XLSX_DAMAGE as exc:
            raise DataError(
                str(path),
                place.where(),
                f"the workbook is damaged (truncated or corrupted?): {reason(exc)}; "
                "export it again from the IMF portal",
            ) from exc
        finally:
            with contextlib.suppress(*XLSX_DAMAGE):
                book.close()


class _Place:
    """Where a workbook's reading stands, for the message when the next read fails."""

    sheet: str | None = None
    row: int = 0

    def where(self) -> str | None:
        if self.sheet is None:
            return None
        return f"sheet '{self.sheet}' after row {self.row}" if self.row else f"sheet '{self.sheet}'"


def _read_rows(path: Path, book: Any, place: _Place) -> Iterator[dict[str, Any]]:
    found = False
    for sheet in book.worksheets:
        place.sheet, place.row = str(sheet.title), 0
        rows = sheet.iter_rows(values_only=True)
        head = []
        for _ in range(YEAR_ROW):
            head.append(next(rows, ()))
            place.row += 1
        title = str(_cell(head, TITLE_ROW) or "").strip()
        flow = SHEETS.get(title.lower())
        if flow is None:
            continue
        found = True
        where = f"sheet '{sheet.title}'"
        reporter_name = str(_cell(head, REPORTER_ROW) or "").strip()
        if not reporter_name:
            raise DataError(str(path), f"{where} row {REPORTER_ROW}", "no reporter name in cell B4")
        reporter = iso3_from_name(reporter_name)
        if reporter == "WLD":
            reporter = None
        unit = str(_cell(head, UNIT_ROW) or "").strip()
        if unit.lower() != UNIT:
            raise DataError(
                str(path),
                f"{where} row {UNIT_ROW}",
                f"unit {unit!r} does not match the expected 'US Dollars, Millions'",
            )
        years = _years(path, where, head[YEAR_ROW - 1])
        for number, row in enumerate(rows, start=YEAR_ROW + 1):
            place.row = number
            name = str(row[1]).strip() if len(row) > 1 and row[1] is not None else ""
            if not name:
                continue
            if name.lower() == END_MARKER:
                break
            partner = iso3_from_name(name)
            for index, year in years.items():
                raw = row[index] if index < len(row) else None
                try:
                    value, estimate = parse_value(raw)
                    if value is not None:
                        # US$ millions; a few old cells are negative (1960s adjustments): the import
                        # sets them aside and lists them rather than refusing the whole workbook.
                        checked_value(value, 1e6, negative=True)
                except ValueError as exc:
                    raise DataError(
                        str(path),
                        f"{where} row {number} column {_col(index)}",
                        f"{exc} (partner {name}, year {year})",
                    ) from exc
                if value is None:
                    continue
                yield {
                    "reporter": reporter,
                    "reporter_name": reporter_name,
                    "partner": partner,
                    "partner_name": name,
                    "flow": flow[0],
                    "basis": flow[1],
                    "year": year,
                    "value": value,
                    "estimate": estimate,
                    "sheet": sheet.title,
                    "row": number,
                    "column": _col(index),
                }
    if not found:
        raise DataError(
            str(path),
            f"row {TITLE_ROW}",
            "no sheet titled 'Exports, FOB to Partner Countries'; is this an IMF DOTS export?",
        )


def _cell(head: list[tuple[Any, ...]], row: int) -> Any:
    values = head[row - 1] if len(head) >= row else ()
    return values[1] if len(values) > 1 else None


def _years(path: Path, where: str, header: tuple[Any, ...]) -> dict[int, int]:
    years: dict[int, int] = {}
    for index, raw in enumerate(header):
        if index < 2 or raw is None or str(raw).strip() == "":
            continue
        text = str(raw).strip().removesuffix(".0")
        if not re.fullmatch(r"(19|20)\d\d", text):
            raise DataError(
                str(path),
                f"{where} row {YEAR_ROW} column {_col(index)}",
                f"header {raw!r} is not a year; expected the years across row {YEAR_ROW}",
            )
        years[index] = int(text)
    if not years:
        raise DataError(str(path), f"{where} row {YEAR_ROW}", "no years in the header row; is this an IMF DOTS export?")
    return years


class ImfDotsFormat:
    """The `imf-dots` import format."""

    name: str = NAME
    suffixes: tuple[str, ...] = (".xlsx",)

    def prepare(self, files: list[Path]) -> tuple[list[Path], Any]:
        """Every file is a workbook; no shared context."""
        return files, None

    def stage(self, file: InputFile, staging: Staging, context: Any, progress: Callable[[int], None]) -> ImportEntry:
        """Read one workbook into a staged Parquet file of `trade_total`."""
        columns: dict[str, list[Any]] = {f.name: [] for f in TRADE_TOTAL}
        unmapped: dict[str, int] = {}
        source_id = f"imf-dots.{file.short}"
        reporter = None
        for r in read_workbook(file.path):
            reporter = r["reporter"] or r["reporter_name"]
            if r["reporter"] is None:
                name = f"reporter {r['reporter_name']} (not a country; workbook not imported)"
                unmapped[name] = unmapped.get(name, 0) + 1
                continue
            if r["partner"] is None:
                unmapped[r["partner_name"]] = unmapped.get(r["partner_name"], 0) + 1
                continue
            if r["value"] < 0:
                name = f"negative value ({r['partner_name']}, {r['year']}: not imported)"
                unmapped[name] = unmapped.get(name, 0) + 1
                continue
            exporter, importer = (
                (r["reporter"], r["partner"]) if r["flow"] == "exports" else (r["partner"], r["reporter"])
            )
            for key, value in (
                ("dataset", NAME),
                ("year", r["year"]),
                ("reporter", r["reporter"]),
                ("exporter", exporter),
                ("importer", importer),
                ("value_usd", r["value"] * 1e6),
                ("basis", r["basis"]),
                ("estimate", r["estimate"]),
                ("source_id", source_id),
            ):
                columns[key].append(value)
        table = pa.table(columns, schema=TRADE_TOTAL)
        relative = f"trade_total/dataset={NAME}/{file.short}.parquet"
        if table.num_rows:
            pq.write_table(table, staging.path(relative))
        source = source_row(
            source_id=source_id,
            publisher="International Monetary Fund",
            title=f"Direction of Trade Statistics, {reporter or 'reporter'}: {file.path.name}",
            url=URL,
            file=file.path,
        )
        entry = new_entry(NAME, file, f"{NAME}:{reporter}", source)
        entry.files = {"trade_total": [relative]} if table.num_rows else {}
        entry.rows = table.num_rows
        entry.unmapped = unmapped
        return entry


IMF_DOTS = ImfDotsFormat()
