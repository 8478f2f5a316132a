"""China's pipeline gas imports from Central Asia, from the Statistical Review of World Energy.

The Energy Institute's 2024 workbook (`EI-Stats-Review-All-Data_2024.xlsx`, read
as published with openpyxl) is the preferred source:

* sheet "Gas trade - pipeline" is the matrix of pipeline trade in 2023
  (rows: importers, "To"; columns: exporters, "From"; billion cubic metres):
  the row "China" gives the imports from Kazakhstan, Turkmenistan and
  Uzbekistan (Kyrgyzstan and Tajikistan have no column);
* sheet "Gas - Trade movements" is the inter-regional table 2000-2023: under
  "China", the row "Other CIS" is China's pipeline imports from the CIS other
  than the Russian Federation, the workbook's own grouping (kept as the group
  `group.ei-other-cis`, never as C5).

The matrices of earlier editions (data years 2010-2022) come from the shared
flattened table `gas_pipeline_trade_movements_long.csv`; each figure cites
its own edition. An edition enters only for a data year the 2024 workbook does
not give by country, and only where the publisher's own address of that
edition's workbook is known (`EDITIONS`). Values are the cells as stored (the
sheets display them to one decimal). Zero cells are left out.
"""

from __future__ import annotations

import csv
import math
import re
from pathlib import Path
from typing import Any

from caravan.errors import CaravanError, DataError
from caravan.sources.extraction import Extraction
from caravan.sources.workbooks import XLSX_DAMAGE, reason

NAME = "ei-gas"
FOLDER = "ei-gas"
WORKBOOK = "EI-Stats-Review-All-Data_2024.xlsx"
FLAT = "gas_pipeline_trade_movements_long.csv"
EDITION = 2024
MATRIX_SHEETS = ("Gas trade - pipeline", "Gas - Trade movts - pipeline", "Gas - Trade - pipeline")
INTERREGIONAL_SHEET = "Gas - Trade movements"
# SOURCE.md gives no retrieval date; the files were placed in the shared folder on this day.
RETRIEVED = "2026-12-01"
LICENCE = (
    "Free to use with the citation 'Energy Institute – Statistical Review of World Energy (edition)'; "
    "not an open licence"
)
EXPORTERS = {
    "Kazakhstan": "KAZ",
    "Kyrgyzstan": "KGZ",
    "Tajikistan": "TJK",
    "Turkmenistan": "TKM",
    "Uzbekistan": "UZB",
}
OTHER_CIS = "group.ei-other-cis"
FLAT_COLUMNS = [
    "edition",
    "data_year",
    "importer",
    "exporter",
    "importer_kind",
    "exporter_kind",
    "bcm",
    "sheet",
    "title",
    "repository",
    "path",
]
# Earlier editions: the publisher's own address of each edition's workbook
# (bp.com to the 2022 edition, energyinst.org from 2023). The 2013 and 2015
# editions (data years 2012 and 2014) are left out: their workbook's address
# on the publisher's site was not found.
EDITIONS: dict[int, dict[str, str]] = {
    2011: {
        "publisher": "BP",
        "authority": "bp",
        "url": "http://www.bp.com/assets/bp_internet/globalbp/globalbp_uk_english/reports_and_publications/"
        "statistical_energy_review_2011/STAGING/local_assets/spreadsheets/"
        "statistical_review_of_world_energy_full_report_2011.xls",
    },
    2012: {
        "publisher": "BP",
        "authority": "bp",
        "url": "http://www.bp.com/assets/bp_internet/globalbp/globalbp_uk_english/reports_and_publications/"
        "statistical_energy_review_2012/STAGING/local_assets/spreadsheets/"
        "statistical_review_of_world_energy_full_report_2012.xlsx",
    },
    2014: {
        "publisher": "BP",
        "authority": "bp",
        "url": "http://www.bp.com/content/dam/bp/excel/Energy-Economics/statistical-review-2014/"
        "BP-Statistical_Review_of_world_energy_2014_workbook.xlsx",
    },
    2016: {
        "publisher": "BP",
        "authority": "bp",
        "url": "http://www.bp.com/content/dam/bp/excel/energy-economics/statistical-review-2016/"
        "bp-statistical-review-of-world-energy-2016-workbook.xlsx",
    },
    2017: {
        "publisher": "BP",
        "authority": "bp",
        "url": "https://www.bp.com/content/dam/bp/en/corporate/excel/energy-economics/statistical-review-2017/"
        "bp-statistical-review-of-world-energy-2017-underpinning-data.xlsx",
    },
    2019: {
        "publisher": "BP",
        "authority": "bp",
        "url": "https://www.bp.com/content/dam/bp/business-sites/en/global/corporate/xlsx/energy-economics/"
        "statistical-review/bp-stats-review-2019-all-data.xlsx",
    },
    2020: {
        "publisher": "BP",
        "authority": "bp",
        "url": "https://www.bp.com/content/dam/bp/business-sites/en/global/corporate/xlsx/energy-economics/"
        "statistical-review/bp-stats-review-2020-all-data.xlsx",
    },
    2021: {
        "publisher": "BP",
        "authority": "bp",
        "url": "https://www.bp.com/content/dam/bp/business-sites/en/global/corporate/xlsx/energy-economics/"
        "statistical-review/bp-stats-review-2021-all-data.xlsx",
    },
    2023: {
        "publisher": "Energy Institute",
        "authority": "energy-institute",
        "url": "https://www.energyinst.org/__data/assets/excel_doc/0007/1055545/EI-stats-review-all-data.xlsx",
        "published": "2023-06-26",
    },
}


def _source_id(edition: int) -> str:
    return f"statreview-{edition}-gas-pipeline"


def _number(value: Any, where: str, label: str) -> float | None:
    """A cell's number (None for an empty cell); refuse text, negatives and non-finite values."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise DataError(label, where, f"expected a number of bcm, found {value!r}; is this the published workbook?")
    number = float(value)
    if not math.isfinite(number) or number < 0:
        raise DataError(label, where, f"value {value!r} is not a finite non-negative number of bcm")
    return number


def _text(number: float) -> str:
    return repr(number)


def _sheet(workbook: Any, names: tuple[str, ...], label: str) -> tuple[str, Any]:
    for name in names:
        if name in workbook.sheetnames:
            return name, workbook[name]
    raise DataError(label, None, f"no sheet named {' or '.join(repr(n) for n in names)}; is this the 2024 workbook?")


def _open(path: Path, label: str) -> Any:
    import openpyxl

    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except XLSX_DAMAGE as exc:
        raise DataError(
            label, None, f"cannot read the workbook ({type(exc).__name__}: {reason(exc)}); fetch it again"
        ) from exc


def _matrix(ws: Any, sheet: str, label: str) -> list[dict[str, Any]]:
    """China's row of the 2023 pipeline matrix."""
    rows = list(ws.iter_rows(values_only=True))
    if not rows or not isinstance(rows[0][0], str):
        raise DataError(
            label, f"sheet {sheet}, row 1", "no title; expected 'Natural Gas: Trade movements 2023 by pipeline'"
        )
    title = rows[0][0]
    match = re.search(r"(\d{4}) by pipeline", title)
    if match is None or int(match.group(1)) != EDITION - 1:
        raise DataError(label, f"sheet {sheet}, row 1", f"title {title!r} is not the {EDITION - 1} pipeline matrix")
    if len(rows) < 2 or not str(rows[1][0] or "").strip().lower().startswith("billion cubic metres"):
        raise DataError(label, f"sheet {sheet}, row 2", "unit is not 'Billion cubic metres'")
    header_at = next((i for i, r in enumerate(rows) if r and str(r[0] or "").strip() == "To"), None)
    if header_at is None:
        raise DataError(label, f"sheet {sheet}", "no header row starting with 'To' (the exporters)")
    header = rows[header_at]
    columns = {str(v).strip(): c for c, v in enumerate(header) if v is not None and c > 0}
    china_at = next((i for i, r in enumerate(rows) if r and str(r[0] or "").strip() == "China"), None)
    if china_at is None:
        raise DataError(label, f"sheet {sheet}", "no row 'China' among the importers")
    china = rows[china_at]
    out = []
    from openpyxl.utils import get_column_letter

    for exporter, code in EXPORTERS.items():
        if exporter not in columns:
            continue
        c = columns[exporter]
        where = f"sheet {sheet}, row China ({china_at + 1}), column {exporter} ({get_column_letter(c + 1)})"
        value = _number(china[c] if c < len(china) else None, where, label)
        if not value:
            continue
        out.append(
            {
                "indicator": "gas.delivered",
                "subject": code,
                "counterpart": "CHN",
                "period": str(EDITION - 1),
                "value": _text(value),
                "unit": "bcm",
                "source": _source_id(EDITION),
                "locator": where,
                "method": "reported",
                "note": "China's pipeline imports from the exporter (EI trade matrix); "
                "cell value, the sheet shows one decimal",
                "bound": "",
                "primary": "energy-institute",
            }
        )
    if not out:
        raise DataError(
            label, f"sheet {sheet}, row China", "no pipeline imports from Central Asia; is this the published workbook?"
        )
    return out


def _interregional(ws: Any, label: str) -> list[dict[str, Any]]:
    """China's pipeline imports from 'Other CIS', 2000-2023."""
    sheet = INTERREGIONAL_SHEET
    rows = list(ws.iter_rows(values_only=True))
    header_at = next(
        (i for i, r in enumerate(rows) if r and str(r[0] or "").strip().lower() == "billion cubic metres"), None
    )
    if header_at is None:
        raise DataError(label, f"sheet {sheet}", "no header row 'Billion cubic metres' with the years")
    years: dict[int, int] = {}
    for c, v in enumerate(rows[header_at]):
        if c == 0:
            continue
        if isinstance(v, int) and not isinstance(v, bool) and (not years or v == max(years.values()) + 1):
            years[c] = v
        elif years:
            break
    if not years or max(years.values()) != EDITION - 1:
        raise DataError(label, f"sheet {sheet}, row {header_at + 1}", f"years do not run to {EDITION - 1}")
    china_at = next(
        (i for i, r in enumerate(rows) if r and str(r[0] or "").strip() == "China" and all(v is None for v in r[1:])),
        None,
    )
    if china_at is None:
        raise DataError(label, f"sheet {sheet}", "no section 'China'")
    row_at = None
    for i in range(china_at + 1, len(rows)):
        r = rows[i]
        name = str(r[0] or "").strip()
        if name and all(v is None for v in r[1:]):
            break  # the next section
        if name == "Other CIS":
            row_at = i
            break
    if row_at is None:
        raise DataError(label, f"sheet {sheet}, section China", "no row 'Other CIS'")
    from openpyxl.utils import get_column_letter

    out = []
    r = rows[row_at]
    for c, year in years.items():
        where = f"sheet {sheet}, row China: Other CIS ({row_at + 1}), column {year} ({get_column_letter(c + 1)})"
        value = _number(r[c] if c < len(r) else None, where, label)
        if not value:
            continue
        out.append(
            {
                "indicator": "gas.delivered",
                "subject": OTHER_CIS,
                "counterpart": "CHN",
                "period": str(year),
                "value": _text(value),
                "unit": "bcm",
                "source": _source_id(EDITION),
                "locator": where,
                "method": "reported",
                "note": "China's pipeline imports from 'Other CIS' (EI inter-regional table); "
                "cell value, the sheet shows one decimal",
                "bound": "",
                "primary": "energy-institute",
            }
        )
    if not out:
        raise DataError(label, f"sheet {sheet}, row {row_at + 1}", "no pipeline imports from Other CIS")
    return out


def _flat(path: Path, label: str, skip_years: set[int]) -> tuple[list[dict[str, Any]], set[int]]:
    """China's imports from the five in the earlier editions' matrices (one edition per data year)."""
    out: list[dict[str, Any]] = []
    editions: set[int] = set()
    seen: set[tuple[int, str]] = set()
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            if header != FLAT_COLUMNS:
                raise DataError(label, "line 1", "header must be " + ",".join(FLAT_COLUMNS))
            for row in reader:
                line = reader.line_num
                if not any(row):
                    continue
                if len(row) != len(FLAT_COLUMNS):
                    raise DataError(label, f"line {line}", f"has {len(row)} fields, expected {len(FLAT_COLUMNS)}")
                rec = dict(zip(FLAT_COLUMNS, row, strict=True))
                try:
                    edition, data_year = int(rec["edition"]), int(rec["data_year"])
                    value = float(rec["bcm"])
                except ValueError as exc:
                    raise DataError(
                        label, f"line {line}", f"edition, data_year and bcm must be numbers ({exc})"
                    ) from exc
                if data_year != edition - 1:
                    raise DataError(label, f"line {line}", f"data year {data_year} is not edition {edition} - 1")
                if not math.isfinite(value) or value < 0:
                    raise DataError(label, f"line {line}", f"bcm {rec['bcm']!r} is not a finite non-negative number")
                if rec["importer"] != "China" or rec["exporter_kind"] != "country" or rec["exporter"] not in EXPORTERS:
                    continue
                if edition == EDITION or data_year in skip_years or edition not in EDITIONS or value == 0:
                    continue
                key = (edition, rec["exporter"])
                if key in seen:
                    raise DataError(
                        label, f"line {line}", f"second row for China from {rec['exporter']} in edition {edition}"
                    )
                seen.add(key)
                editions.add(edition)
                out.append(
                    {
                        "indicator": "gas.delivered",
                        "subject": EXPORTERS[rec["exporter"]],
                        "counterpart": "CHN",
                        "period": str(data_year),
                        "value": rec["bcm"].strip(),
                        "unit": "bcm",
                        "source": _source_id(edition),
                        "locator": f"edition {edition} workbook, sheet {rec['sheet']}, "
                        f"row China, column {rec['exporter']}",
                        "method": "reported",
                        "note": "China's pipeline imports from the exporter; "
                        "read from a copy of the edition's workbook "
                        f"(repository {rec['repository']}), flattened table line {line}",
                        "bound": "",
                        "primary": EDITIONS[edition]["authority"],
                    }
                )
    except (UnicodeDecodeError, csv.Error) as exc:
        raise DataError(label, None, f"malformed CSV ({exc})") from exc
    return out, editions


def _source(edition: int) -> dict[str, Any]:
    if edition == EDITION:
        return {
            "id": _source_id(edition),
            "publisher": "Energy Institute",
            "authority": "energy-institute",
            "title": "Energy Institute – Statistical Review of World Energy (2024): workbook EI-Stats-Review-All-Data, "
            "sheets 'Gas trade - pipeline' (2023) and 'Gas - Trade movements' (2000-2023)",
            "url": "https://www.energyinst.org/statistical-review/about",
            "published": "2024-06",
            "retrieved": RETRIEVED,
            "kind": "dataset",
            "language": "en",
            "licence": LICENCE,
            "seen_via": "import",
        }
    info = EDITIONS[edition]
    name = (
        "BP Statistical Review of World Energy"
        if info["publisher"] == "BP"
        else "Energy Institute – Statistical Review of World Energy"
    )
    return {
        "id": _source_id(edition),
        "publisher": info["publisher"],
        "authority": info["authority"],
        "title": (
            f"{name} ({edition}): workbook, natural gas trade movements {edition - 1} by pipeline; read from the "
            "shared flattened copy of the editions, the address being where the publisher shipped the workbook "
            "(found in public code that downloads it, not itself opened)"
        ),
        "url": info["url"],
        "published": info.get("published", str(edition)),
        "retrieved": RETRIEVED,
        "kind": "dataset",
        "language": "en",
        "licence": LICENCE,
        "seen_via": "import",
    }


def extract(shared: Path) -> Extraction:
    """China's pipeline gas imports from the five, by year, from the Statistical Review.

    Raises:
        DataError: A file is missing, damaged or not laid out as published.
    """
    folder = shared / FOLDER
    workbook_path, flat_path = folder / WORKBOOK, folder / FLAT
    for path in (workbook_path, flat_path):
        if not path.is_file():
            raise DataError(
                f"{FOLDER}/{path.name}", None, "missing; bring the Statistical Review files into the shared folder"
            )
    label = f"{FOLDER}/{WORKBOOK}"
    workbook = _open(workbook_path, label)
    try:
        sheet, ws = _sheet(workbook, MATRIX_SHEETS, label)
        matrix = _matrix(ws, sheet, label)
        _, ws2 = _sheet(workbook, (INTERREGIONAL_SHEET,), label)
        interregional = _interregional(ws2, label)
    except CaravanError:
        raise
    except XLSX_DAMAGE as exc:
        raise DataError(label, None, f"cannot read the workbook ({type(exc).__name__}); fetch it again") from exc
    finally:
        workbook.close()
    earlier, editions = _flat(flat_path, f"{FOLDER}/{FLAT}", {EDITION - 1})
    observations = sorted(
        matrix + interregional + earlier,
        key=lambda o: (o["subject"], int(o["period"]), o["source"]),
    )
    sources = [_source(e) for e in sorted(editions | {EDITION})]
    entities = [
        {
            "id": OTHER_CIS,
            "kind": "group",
            "names": {
                "en": "Other CIS (Energy Institute grouping)",
                "zh": "其他独联体国家（能源研究所分组）",
                "ru": "Прочие страны СНГ (группа Энергетического института)",
            },
            "definition": "The Statistical Review's 'Other CIS': the Commonwealth of Independent States "
            "(Armenia, Azerbaijan, Belarus, Kazakhstan, Kyrgyzstan, Moldova, Russian Federation, "
            "Tajikistan, Turkmenistan, Ukraine, Uzbekistan) "
            "other than the Russian Federation, as the inter-regional gas table shows it apart; not the C5.",
            "source": _source_id(EDITION),
        }
    ]
    return Extraction(
        name=NAME,
        sources=sources,
        observations=observations,
        inputs=[workbook_path, flat_path],
        input_root=shared,
        entities=entities,
    )
