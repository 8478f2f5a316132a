"""Independence: evidence whose source is the article checked (its address, or the same report republished).

Such evidence is shown, marked `independent=False`, and never counts as support; with
nothing else for the claim's period the verdict is "unverifiable — only the article itself".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from caravan.claims.claim import Claim
from caravan.claims.evidence import (
    SELF_ONLY,
    Verdict,
    evidence_of,
    fmt,
)
from caravan.claims.match import (
    LedgerIndex,
)


@dataclass(frozen=True)
class Origin:
    """The article being checked, as its sources would name it: its address and title, and its language."""

    url: str | None = None
    title: str | None = None
    lang: str | None = None


def normalise_url(url: str | None) -> str | None:
    """An address reduced to what identifies a page: host without `www.`, path without a trailing slash.

    Scheme, query tracking, fragment and letter case do not make another page
    (`http://www.Example.org/a/?utm_source=x#top` is `example.org/a`).
    """
    if not url or not url.strip():
        return None
    text = url.strip()
    if "://" not in text:
        text = "http://" + text
    parts = urlsplit(text)
    host = (parts.hostname or "").lower().removeprefix("www.")
    if not host:
        return None
    path = parts.path.rstrip("/")
    query = "&".join(q for q in parts.query.split("&") if q and not q.lower().startswith(("utm_", "from=", "spm=")))
    return host + path + ("?" + query if query else "")


_NON_WORD = re.compile(r"[\W_]+")


@lru_cache(maxsize=4096)
def _norm_url_cached(url: str) -> str | None:
    return normalise_url(url)


@lru_cache(maxsize=4096)
def _norm_title_cached(title: str) -> str:
    return _NON_WORD.sub("", title.casefold())


def _norm_title(title: str | None) -> str:
    return _norm_title_cached(title) if title else ""


def _own_keys(origin: Origin) -> tuple[str | None, str | None]:
    """The article's normalised address, and its normalised title where long enough to identify a report."""
    title = _norm_title(origin.title)
    return (_norm_url_cached(origin.url) if origin.url else None), (title if len(title) >= 12 else None)


def _is_own(row: dict[str, Any], own_url: str | None, own_title: str | None, index: LedgerIndex) -> bool:
    if row.get("method") == "derived":
        return any(_is_own(r, own_url, own_title, index) for r in index.lineage(row["id"]))
    url = row.get("source_url")
    if own_url is not None and url and _norm_url_cached(url) == own_url:
        return True
    # The same report under another address: the same title (a republication), whether the
    # ledger keeps it as a secondary copy of an original publisher or not.
    return own_title is not None and _norm_title(row.get("source_title")) == own_title


def own_split(
    rows: list[tuple[dict[str, Any], float]], origin: Origin, index: LedgerIndex
) -> tuple[list[tuple[dict[str, Any], float]], list[tuple[dict[str, Any], float]]]:
    """Candidate rows split into independent ones and those resting on the article itself."""
    own_url, own_title = _own_keys(origin)
    if own_url is None and own_title is None:  # nothing could name the article: every row is independent
        return list(rows), []
    others: list[tuple[dict[str, Any], float]] = []
    own: list[tuple[dict[str, Any], float]] = []
    for r, x in rows:
        (own if _is_own(r, own_url, own_title, index) else others).append((r, x))
    return others, own


def self_only(claim: Claim, own: list[tuple[dict[str, Any], float]], index: LedgerIndex) -> Verdict:
    """The verdict where the only evidence is the article itself."""
    r, x = own[0]
    return Verdict(
        SELF_ONLY,
        f"the ledger's only figure for this ({fmt(x)} {claim.unit}, {r['period']}) comes from the article "
        f"itself ({r.get('source_url') or r.get('source_title')}); a claim is not its own evidence",
        [evidence_of(s, claim.unit, index, y, own=True) for s, y in own[:2]],
    )
