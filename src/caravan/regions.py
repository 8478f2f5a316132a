"""The countries Caravan is about, by ISO 3166-1 alpha-3 code.

The ledger's `C5` group entity lists the same five members; code that runs
without a ledger (the claim checker's lexicon, trade over imported bulk data)
takes them from here, so that the list is written once.
"""

from __future__ import annotations

CHINA = "CHN"
C5 = "C5"
FIVE: tuple[str, ...] = ("KAZ", "KGZ", "TJK", "TKM", "UZB")
SIX: tuple[str, ...] = (CHINA, *FIVE)


def counterparts(country: str) -> tuple[str, ...]:
    """Whom Caravan pairs `country` with: China with the five, any other country with China."""
    return FIVE if country == CHINA else (CHINA,)
