"""HS product names for trade analyses and their callers (read by `caravan.sources.nomenclature`).

The reader of the HS reference files lives with the other sources, so that
`caravan.sources` never imports an analysis package; this module keeps the
names analyses and reports already use.
"""

from __future__ import annotations

from caravan.sources.nomenclature import LEVELS, chapter_sections, classification_for, hs_table, names

__all__ = ["LEVELS", "chapter_sections", "classification_for", "hs_table", "names"]
