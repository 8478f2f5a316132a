"""One search across the ledger: indicators, entities, sources, events and commitments, in three languages.

A hit names what it found, its title in the reader's language where the ledger
has one, the dashboard address that shows it, and why it matched. Matching is
by words, not by meaning: a name that equals the query ranks first, then a name
that starts with it, then one that contains it, then one that holds each of its
words in any order, then (for queries of Latin or
Cyrillic letters, at least three long) a close spelling by rapidfuzz, so
"kazakstan" still finds Kazakhstan. Chinese is matched as written (no
segmentation): 哈萨克 finds 哈萨克斯坦.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import quote

from rapidfuzz import fuzz

from caravan.errors import InputError
from caravan.figures import unit_label
from caravan.ledger.store import Ledger
from caravan.regions import SIX
from caravan.vocabulary import term

KINDS = ("entity", "indicator", "event", "commitment", "source")
MAX_QUERY = 200
# Where a pillar's indicators are shown in the dashboard.
PILLAR_PAGES = {
    "trade": "/trade",
    "macro": "/trade",
    "transport": "/corridors",
    "energy": "/energy",
    "people": "/people",
    "investment": "/",
}
_EXACT, _PREFIX, _WORD, _CONTAINS, _ALL_WORDS = 100, 90, 85, 80, 76
_FUZZY_FLOOR = 82  # below this a spelling is too far to be the same name


@dataclass(frozen=True)
class Hit:
    """One thing found: what it is, how it reads, where the dashboard shows it, and how well it matched.

    Attributes:
        kind: entity, indicator, event, commitment or source.
        id: Its id in the ledger.
        title: In the language asked for where the ledger has it, else English.
        detail: A line about it (an indicator's definition, or its unit in another language), where there is one.
        path: The dashboard page that shows it.
        score: 100 for a name equal to the words; lower for a looser match.
        matched: The name or title that matched.
        language: A source's language (its title's), where not the reader's.
    """

    kind: str
    id: str
    title: str
    detail: str | None
    path: str
    score: float
    matched: str
    language: str | None = None  # a source's title and publisher are in the source's language, not the reader's

    def to_dict(self) -> dict[str, Any]:
        """Plain dict for JSON."""
        return asdict(self)


def _fold(text: str) -> str:
    """Case and accents folded, and ё read as е: "ALMATY" is found by "almaty", "Türkmenbaşy" by "turkmenbasy"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ё", "е")


def _fuzzy_allowed(query: str) -> bool:
    return len(query) >= 3 and bool(re.fullmatch(r"[\w\s.'’-]+", query)) and not re.search(r"[\u3400-\u9fff]", query)


def _score(query: str, texts: list[str]) -> tuple[float, str] | None:
    """The best match of the folded query against any of the texts (None: no match)."""
    best: tuple[float, str] | None = None
    fuzzy = _fuzzy_allowed(query)
    words = query.split()
    for text in texts:
        if not text:
            continue
        folded = _fold(text)
        if folded == query:
            score = float(_EXACT)
        elif folded.startswith(query):
            score = float(_PREFIX)
        elif re.search(r"(?<!\w)" + re.escape(query), folded):
            score = float(_WORD)
        elif query in folded:
            score = float(_CONTAINS)
        elif len(words) > 1 and all(w in folded for w in words):
            score = float(_ALL_WORDS)  # every word, in any order: "xi'an summit" finds "… Summit, Xi'an"
        elif fuzzy:
            near = fuzz.partial_ratio(query, folded) if len(folded) > len(query) else fuzz.ratio(query, folded)
            if near < _FUZZY_FLOOR:
                continue
            # A near spelling ranks below every literal match; of near spellings, the one
            # closest as a whole (the name itself rather than a longer one containing it) first.
            score = 0.75 * (near + fuzz.ratio(query, folded)) / 2
        else:
            continue
        if best is None or score > best[0]:
            best = (score, text)
    return best


def _title(row: dict[str, Any], field: str, lang: str) -> str:
    return str(row.get(f"{field}_{lang}") or row.get(f"{field}_en") or row.get("id"))


def _entity_path(row: dict[str, Any]) -> str:
    if row["id"] in SIX:  # China and the five have a profile each
        return f"/country/{row['id']}"
    if row["kind"] in ("pipeline",):
        return "/energy"
    if row["kind"] in ("city", "crossing", "station", "terminal", "port", "line"):
        return "/corridors"
    return "/institutions" if row["kind"] in ("mechanism", "organisation", "institution") else "/people"


def search(
    ledger: Ledger, query: str, *, lang: str = "en", kinds: tuple[str, ...] = KINDS, limit: int = 20
) -> list[Hit]:
    """Everything in the ledger whose names or titles match `query`, best first.

    Args:
        ledger: The open ledger.
        query: Words to look for (1 to 200 characters).
        lang: The reader's language (en, zh, ru): titles in it where the ledger has them,
            and names in every language are searched whatever it is.
        kinds: Only these kinds of thing (entity, indicator, event, commitment, source).
        limit: At most this many hits.

    Raises:
        InputError: An empty or overlong query, or an unknown kind.
    """
    q = _fold(" ".join(query.split()))
    if not q:
        raise InputError("type a word to search for")
    if len(q) > MAX_QUERY:
        raise InputError(f"a search is at most {MAX_QUERY} characters (this one has {len(q)})")
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise InputError(f"unknown kind {unknown[0]!r}; search one of {', '.join(KINDS)}")
    hits: list[Hit] = []

    def add(
        kind: str, row_id: str, texts: list[str], title: str, detail: str | None, path: str, language: str | None = None
    ) -> None:
        found = _score(q, [row_id, *texts])
        if found is not None:
            hits.append(Hit(kind, row_id, title, detail, path, round(found[0], 1), found[1], language))

    if "entity" in kinds:
        for r in ledger.entities():
            names = [r.get("name_en"), r.get("name_zh"), r.get("name_ru")]
            kind = term("entitykind", r["kind"], lang)
            add("entity", r["id"], [n for n in names if n], _title(r, "name", lang), kind, _entity_path(r))
    if "indicator" in kinds:
        for r in ledger.indicators():
            # An indicator with figures of its own opens in the explorer; a derived one (a growth rate, a
            # share) on its pillar's page, which shows the figures it is derived from.
            own = not r.get("derived") and r.get("observations")
            path = f"/explore?indicator={quote(r['id'])}" if own else PILLAR_PAGES.get(str(r.get("pillar")), "/")
            names = [r.get("name"), r.get("name_zh"), r.get("name_ru")]
            title = str(r.get(f"name_{lang}") or r["name"] or r["id"])
            # The definitions are in English only: in another language the hit says its unit instead.
            detail = r.get("definition") if lang == "en" else unit_label(r.get("display_unit") or r["unit"], lang)
            add("indicator", r["id"], [n for n in names if n], title, detail, path)
    if "event" in kinds:
        promised = {c["event_id"] for c in ledger.commitments()}  # an event that made commitments opens on them
        for r in ledger.events():
            titles = [r.get("title_en"), r.get("title_zh"), r.get("title_ru")]
            path = f"/institutions?summit={quote(r['id'])}" if r["id"] in promised else "/institutions"
            add("event", r["id"], [t for t in titles if t], _title(r, "title", lang), str(r["date"]), path)
    if "commitment" in kinds:
        # In English a commitment's hit names its event by id (the address's summit); else by its title.
        events = {e["id"]: e for e in ledger.events()} if lang != "en" else {}
        for r in ledger.commitments():
            path = f"/institutions?summit={quote(r['event_id'])}"
            texts = [r["text"], r.get("text_zh"), r.get("text_ru")]
            title = str(r.get(f"text_{lang}") or r["text"])
            event = events.get(r["event_id"])
            detail = _title(event, "title", lang) if event else r["event_id"]
            add("commitment", r["id"], [t for t in texts if t], title, detail, path)
    if "source" in kinds:
        for r in ledger.sources():
            texts = [r.get("title") or "", r.get("publisher") or "", r.get("original_publisher") or ""]
            detail = r.get("publisher")
            title = str(r.get("title") or r["id"])
            add("source", r["id"], texts, title, detail, f"/sources/{quote(r['id'])}", r.get("language") or "en")
    order = {k: i for i, k in enumerate(KINDS)}
    hits.sort(key=lambda h: (-h.score, len(h.matched), order[h.kind], h.title))
    return hits[:limit]
