r"""The 2014 air network between China and the five, from the OpenFlights route database.

OpenFlights (openflights.org) publishes its airport, airline and route
databases as CSV files without a header (`\N` is null): `airports.dat`
(id, name, city, country, IATA, ICAO, latitude, longitude, altitude, UTC
offset, DST, tz time zone, type, source), `airlines.dat` (id, name, alias,
IATA, ICAO, callsign, country, active) and `routes.dat` (airline code,
airline id, source airport code, source airport id, destination airport code,
destination airport id, codeshare, stops, equipment). The route database was
last refreshed in June 2014; one row is one airline's route from one airport
to another, and a route flown both ways is two rows.

The extraction joins each route's source and destination airport ids to
`airports.dat` and keeps the rows with one airport whose country field is
"China" (mainland China: OpenFlights lists Hong Kong, Macau and Taiwan as
countries of their own) and the other in Kazakhstan, Kyrgyzstan, Tajikistan,
Turkmenistan or Uzbekistan, operated by the airline itself (codeshare empty)
and non-stop (stops 0). For each country pair it writes three counts:

* `flights.routes`: distinct directed airport pairs (A→B and B→A are two);
* `flights.airline_routes`: rows, i.e. airline × directed airport pair;
* `flights.route_airlines`: distinct airline codes on those rows;

and the same three for each pair of cities the ledger knows as entities (a
fixed table of the airports that serve them, below). These are counts of the
dataset's rows, not flight frequencies.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from caravan.errors import DataError
from caravan.sources.extraction import Extraction

NAME = "openflights"
FOLDER = "openflights"
AUTHORITY = "openflights"
SOURCE_ID = "openflights-routes-2014"
URL = "https://openflights.org/data.php"
# The files are byte-identical to the `data/` folder of the public repository
# jpatokal/openflights, where airports.dat last changed on this day (routes.dat
# on 2017-02-02, a re-export of the June 2014 route data).
RETRIEVED = "2019-05-13"
PERIOD = "as-of 2014-06"
NULL = "\\N"

FILES = ("airports.dat", "airlines.dat", "routes.dat")
WIDTHS = {"airports.dat": 14, "airlines.dat": 8, "routes.dat": 9}

CHINA = "China"
PARTNERS = {
    "Kazakhstan": "KAZ",
    "Kyrgyzstan": "KGZ",
    "Tajikistan": "TJK",
    "Turkmenistan": "TKM",
    "Uzbekistan": "UZB",
}
# IATA code of an airport -> the city entity (data/entities/cities.yaml) it serves.
AIRPORT_CITY = {
    "PEK": "city.beijing",
    "PVG": "city.shanghai",
    "SHA": "city.shanghai",
    "XIY": "city.xian",
    "URC": "city.urumqi",
    "KHG": "city.kashgar",
    "CKG": "city.chongqing",
    "CTU": "city.chengdu",
    "YIW": "city.yiwu",
    "CGO": "city.zhengzhou",
    "LYG": "city.lianyungang",
    "LHW": "city.lanzhou",
    "TSE": "city.astana",
    "ALA": "city.almaty",
    "CIT": "city.shymkent",
    "SCO": "city.aktau",
    "FRU": "city.bishkek",
    "OSS": "city.osh",
    "DYU": "city.dushanbe",
    "LBD": "city.khujand",
    "ASB": "city.ashgabat",
    "KRW": "city.turkmenbashi",
    "TAS": "city.tashkent",
    "SKD": "city.samarkand",
    "AZN": "city.andijan",
}
CITY_NAMES = {
    "city.beijing": "Beijing",
    "city.shanghai": "Shanghai",
    "city.xian": "Xi'an",
    "city.urumqi": "Urumqi",
    "city.kashgar": "Kashgar",
    "city.chongqing": "Chongqing",
    "city.chengdu": "Chengdu",
    "city.yiwu": "Yiwu",
    "city.zhengzhou": "Zhengzhou",
    "city.lianyungang": "Lianyungang",
    "city.lanzhou": "Lanzhou",
    "city.astana": "Astana",
    "city.almaty": "Almaty",
    "city.shymkent": "Shymkent",
    "city.aktau": "Aktau",
    "city.bishkek": "Bishkek",
    "city.osh": "Osh",
    "city.dushanbe": "Dushanbe",
    "city.khujand": "Khujand",
    "city.ashgabat": "Ashgabat",
    "city.turkmenbashi": "Turkmenbashi",
    "city.tashkent": "Tashkent",
    "city.samarkand": "Samarkand",
    "city.andijan": "Andijan",
}

SELECTION = (
    "rows of routes.dat whose source and destination airport ids are in airports.dat, "
    "one airport with country field 'China' and the other with country field '{country}', "
    "codeshare empty and stops 0"
)
CITY_SELECTION = (
    "rows of routes.dat between airports.dat airports {china} and {partner} "
    "(either direction), codeshare empty and stops 0"
)
COUNT_RULE = {
    "flights.routes": "count of distinct (source airport id, destination airport id) pairs",
    "flights.airline_routes": "count of rows",
    "flights.route_airlines": "count of distinct airline codes (column 1)",
}
UNITS = {"flights.routes": "route", "flights.airline_routes": "route", "flights.route_airlines": "airline"}


@dataclass(frozen=True)
class Airport:
    """One row of airports.dat."""

    id: str
    city: str
    country: str
    iata: str


@dataclass(frozen=True)
class Route:
    """One kept row of routes.dat."""

    line: int
    airline: str
    airline_id: str
    source: Airport
    destination: Airport


def _rows(path: Path) -> list[tuple[int, list[str]]]:
    label = f"{FOLDER}/{path.name}"
    width = WIDTHS[path.name]
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            rows = []
            for row in reader:
                if not row:
                    continue
                if len(row) != width:
                    raise DataError(
                        label,
                        f"line {reader.line_num}",
                        f"has {len(row)} fields, expected {width}; the file is damaged or of another format",
                    )
                rows.append((reader.line_num, row))
    except UnicodeDecodeError as exc:
        raise DataError(label, None, f"not UTF-8 text ({exc.reason} at byte {exc.start}); download it again") from exc
    except csv.Error as exc:
        raise DataError(label, None, f"malformed CSV: {exc}; download it again") from exc
    if not rows:
        raise DataError(label, None, "is empty; download it again")
    return rows


def _airports(path: Path) -> dict[str, Airport]:
    out: dict[str, Airport] = {}
    for line, row in _rows(path):
        if not row[0].isdigit():
            raise DataError(f"{FOLDER}/{path.name}", f"line {line}", f"airport id {row[0]!r} is not a number")
        if row[0] in out:
            raise DataError(f"{FOLDER}/{path.name}", f"line {line}", f"airport id {row[0]} appears twice")
        out[row[0]] = Airport(row[0], row[2], row[3], row[4])
    return out


def _airlines(path: Path) -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    for line, row in _rows(path):
        if not row[0].lstrip("-").isdigit():
            raise DataError(f"{FOLDER}/{path.name}", f"line {line}", f"airline id {row[0]!r} is not a number")
        out[row[0]] = (row[1], row[6])
    return out


def _routes(path: Path, airports: dict[str, Airport]) -> tuple[list[Route], dict[str, int], int]:
    """The China–five rows, and the rows whose airport ids airports.dat lacks.

    Returns the kept rows; per partner country, the unresolved rows whose airport
    codes link China and that country; and the number of unresolved rows.
    """
    by_code: dict[str, str] = {}
    for airport in airports.values():
        if airport.iata not in ("", NULL):
            by_code.setdefault(airport.iata, airport.country)
    kept: list[Route] = []
    unresolved = 0
    unresolved_here: dict[str, int] = defaultdict(int)
    for line, row in _rows(path):
        airline, airline_id, source_code, source_id, destination_code, destination_id, codeshare, stops, _ = row
        if codeshare not in ("", "Y") or not stops.isdigit():
            raise DataError(
                f"{FOLDER}/{path.name}", f"line {line}", f"codeshare {codeshare!r} / stops {stops!r} are not valid"
            )
        source, destination = airports.get(source_id), airports.get(destination_id)
        if source is None or destination is None:
            unresolved += 1
            codes = {by_code.get(source_code, ""), by_code.get(destination_code, "")}
            if CHINA in codes:
                for country in codes & set(PARTNERS):
                    unresolved_here[country] += 1
            continue
        countries = {source.country, destination.country}
        if CHINA not in countries or not countries & set(PARTNERS):
            continue
        if codeshare or stops != "0":
            continue
        kept.append(Route(line, airline, airline_id, source, destination))
    return kept, unresolved_here, unresolved


def _partner(route: Route) -> Airport:
    return route.destination if route.source.country == CHINA else route.source


def _china(route: Route) -> Airport:
    return route.source if route.source.country == CHINA else route.destination


def _airline_list(routes: list[Route], airlines: dict[str, tuple[str, str]], countries: set[str]) -> str:
    parts = []
    for code in sorted({r.airline for r in routes}):
        ids = sorted({r.airline_id for r in routes if r.airline == code})
        named = []
        for airline_id in ids:
            name, country = airlines.get(airline_id, ("", ""))
            if name and country in countries:
                named.append(name)
            elif name:
                named.append(f"airline id {airline_id}, which airlines.dat names {name} of {country or 'no country'}")
            else:
                named.append(f"airline id {airline_id}, absent from airlines.dat")
        parts.append(f"{code} ({'; '.join(named)})")
    return ", ".join(parts)


def _pairs(routes: list[Route]) -> str:
    pairs = sorted({(r.source.iata, r.destination.iata) for r in routes})
    return ", ".join(f"{a}→{b}" for a, b in pairs)


def _describe(routes: list[Route], airlines: dict[str, tuple[str, str]], country: str) -> str:
    codes = _airline_list(routes, airlines, {CHINA, country})
    return f"Directed airport pairs: {_pairs(routes)}. Airline codes: {codes}."


def _rows_for(
    subject: str,
    counterpart: str,
    routes: list[Route],
    locator: str,
    note: str,
) -> list[dict[str, Any]]:
    counts = {
        "flights.routes": len({(r.source.id, r.destination.id) for r in routes}),
        "flights.airline_routes": len(routes),
        "flights.route_airlines": len({r.airline for r in routes}),
    }
    return [
        {
            "indicator": indicator,
            "subject": subject,
            "counterpart": counterpart,
            "period": PERIOD,
            "value": str(value),
            "unit": UNITS[indicator],
            "source": SOURCE_ID,
            "locator": f"{locator}; {COUNT_RULE[indicator]}",
            "method": "reported",
            "note": note,
            "bound": "",
            "primary": AUTHORITY,
        }
        for indicator, value in counts.items()
    ]


def extract(shared: Path) -> Extraction:
    """Read the OpenFlights files under `shared/openflights/`.

    Raises:
        DataError: A file is missing, damaged or not in the format OpenFlights ships.
    """
    folder = shared / FOLDER
    paths = [folder / name for name in FILES]
    for path in paths:
        if not path.is_file():
            raise DataError(f"{FOLDER}/{path.name}", None, "is missing; put the OpenFlights files in the shared folder")
    airports = _airports(paths[0])
    airlines = _airlines(paths[1])
    routes, unresolved_here, unresolved = _routes(paths[2], airports)

    observations: list[dict[str, Any]] = []
    by_country: dict[str, list[Route]] = defaultdict(list)
    for route in routes:
        by_country[_partner(route).country].append(route)
    for country, code in sorted(PARTNERS.items(), key=lambda kv: kv[1]):
        chosen = by_country.get(country, [])
        note = _describe(chosen, airlines, country) if chosen else "No such rows."
        note += (
            f" {unresolved} rows of routes.dat name an airport id absent from airports.dat;"
            f" by their airport codes, {unresolved_here.get(country, 0) or 'none'} of them link China and {country}."
        )
        observations += _rows_for("CHN", code, chosen, SELECTION.format(country=country), note)

    by_city: dict[tuple[str, str], list[Route]] = defaultdict(list)
    for route in routes:
        china, partner = AIRPORT_CITY.get(_china(route).iata), AIRPORT_CITY.get(_partner(route).iata)
        if china and partner:
            by_city[(china, partner)].append(route)
    for (china, partner), chosen in sorted(by_city.items()):
        country = _partner(chosen[0]).country
        codes = {r: sorted({a for a, c in AIRPORT_CITY.items() if c == r}) for r in (china, partner)}
        locator = CITY_SELECTION.format(
            china=f"{'/'.join(codes[china])} ({CITY_NAMES[china]})",
            partner=f"{'/'.join(codes[partner])} ({CITY_NAMES[partner]})",
        )
        observations += _rows_for(china, partner, chosen, locator, _describe(chosen, airlines, country))

    source = {
        "id": SOURCE_ID,
        "publisher": "OpenFlights",
        "authority": AUTHORITY,
        "title": "OpenFlights airport, airline and route databases (route database as of June 2014)",
        "url": URL,
        "published": "2014-06",
        "retrieved": RETRIEVED,
        "kind": "dataset",
        "language": "en",
        "licence": "ODbL-1.0",
        "seen_via": "import",
    }
    return Extraction(
        name=NAME,
        sources=[source],
        observations=observations,
        inputs=paths,
        input_root=shared,
    )
