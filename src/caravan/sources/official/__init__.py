"""Extractors of official figures from bulk publications into `data/generated/`.

Each module reads one publication in the format its publisher ships and
returns a `caravan.sources.extraction.Extraction`. `EXTRACTORS` names them;
`caravan extract NAME` runs one.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from caravan.errors import InputError
from caravan.sources.extraction import Extraction

# name -> module under caravan.sources.official; keep sorted.
EXTRACTORS: dict[str, str] = {
    "aei-cgit": "aei_cgit",
    "aiddata-gcdf3": "aiddata",
    "ei-gas": "ei_gas",
    "imf-dots-c5": "imf_dots_c5",
    "kaz-bns-trade": "kaz_bns",
    "kgz-nsc-trade": "kgz_nsc",
    "openflights": "openflights",
    "uzb-stat-trade": "uzb_stat",
    "wdi-population": "wdi_population",
    "wikidata-twinning": "wikidata_twinning",
}


def extract(name: str, shared: Path) -> Extraction:
    """Run the extractor `name` on the shared data folder.

    Raises:
        InputError: No extractor has that name, or the folder is missing.
    """
    if name not in EXTRACTORS:
        known = ", ".join(sorted(EXTRACTORS)) or "none"
        raise InputError(f"no extractor {name!r}; known: {known}")
    if not shared.is_dir():
        raise InputError(f"no shared data folder at {shared}; give the folder of the publications with --shared")
    module = importlib.import_module(f"caravan.sources.official.{EXTRACTORS[name]}")
    result: Extraction = module.extract(shared)
    return result
