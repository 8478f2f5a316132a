"""Country names and codes as statistical agencies write them, mapped to ISO 3166 alpha-3.

Each bulk format names countries its own way: the IMF spells them ("Kyrgyz
Rep.", "China, P.R.: Mainland"), CEPII BACI and UN Comtrade use numeric codes
(mostly ISO 3166 numeric, with a few agency-specific ones). Names are matched
through pycountry (current and historic countries) after stripping the IMF's
formal suffixes; what pycountry cannot resolve is looked up in the small table
of agency spellings below, and what is still unknown is reported to the user,
never dropped silently.
"""

from __future__ import annotations

import re
from functools import cache

import pycountry

WORLD = "WLD"

# Agency spellings that pycountry cannot resolve by name, and agency numeric codes
# that are not ISO 3166 numeric codes. Each entry is a fact about the agency's
# nomenclature, not about a country.
AGENCY_NAMES: dict[str, str] = {
    "world": WORLD,
    "china, p.r.: mainland": "CHN",
    "china, p.r.: hong kong": "HKG",
    "china, p.r.: macao": "MAC",
    "taiwan province of china": "TWN",
    "kosovo": "XKX",
    "kyrgyz rep.": "KGZ",
    "slovak rep.": "SVK",
    "czech rep.": "CZE",
    "lao people's dem. rep.": "LAO",
    "korea, dem. people's rep. of": "PRK",
    "korea, rep. of": "KOR",
    "congo, dem. rep. of the": "COD",
    "congo, rep. of": "COG",
    "central african rep.": "CAF",
    "dominican rep.": "DOM",
    "syrian arab rep.": "SYR",
    "egypt, arab rep. of": "EGY",
    "yemen, rep. of": "YEM",
    "yemen, people's dem. rep. of": "YMD",
    "venezuela, rep. bolivariana de": "VEN",
    "micronesia, federated states of": "FSM",
    "st. kitts and nevis": "KNA",
    "st. lucia": "LCA",
    "st. vincent and the grenadines": "VCT",
    "turkey": "TUR",
    "eastern germany": "DDR",
    "ussr": "SUN",
    "czechoslovakia": "CSK",
    "yugoslavia": "YUG",
    "serbia and montenegro": "SCG",
    "netherlands antilles": "ANT",
    "west bank and gaza": "PSE",
    "falkland islands (malvinas)": "FLK",
    "holy see": "VAT",
    "vietnam": "VNM",
    "bolivia": "BOL",
    "iran, islamic rep. of": "IRN",
    "tanzania, united rep. of": "TZA",
    "moldova, rep. of": "MDA",
    "russian federation": "RUS",
    "sint maarten, kingdom of the netherlands": "SXM",
    "são tomé and príncipe, dem. rep. of": "STP",
}

# Numeric codes used by CEPII BACI and UN Comtrade that differ from ISO 3166 numeric.
AGENCY_CODES: dict[int, str] = {
    0: WORLD,
    251: "FRA",
    579: "NOR",
    699: "IND",
    757: "CHE",
    842: "USA",
    490: "TWN",  # "Other Asia, nes": Taiwan in UN Comtrade and BACI
}

_SUFFIXES = re.compile(
    r",\s*(the|rep\. of( the)?|republic of|islamic rep\. of|kingdom of( the)?( netherlands)?|"
    r"union of the|dem\. rep\. of( the)?|federal dem\. rep\. of|the federal dem\. rep\. of|"
    r"the state of|united rep\. of|arab rep\. of)$"
)


def _normalise(name: str) -> str:
    return " ".join(name.replace("\u00a0", " ").split()).strip().lower()


@cache
def _pycountry_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for c in list(pycountry.historic_countries) + list(pycountry.countries):
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if value:
                names.setdefault(_normalise(value), c.alpha_3)
    return names


@cache
def iso3_from_name(name: str) -> str | None:
    """The ISO 3166 alpha-3 code for a country name as an agency spells it, or None.

    Args:
        name: A name such as "Kazakhstan, Rep. of", "Kyrgyz Rep." or "World".

    Returns:
        The alpha-3 code ("WLD" for the world), or None for aggregates and unknown names.
    """
    key = _normalise(name)
    if key in AGENCY_NAMES:
        return AGENCY_NAMES[key]
    known = _pycountry_names()
    if key in known:
        return known[key]
    stripped = _SUFFIXES.sub("", key).strip()
    if stripped in AGENCY_NAMES:
        return AGENCY_NAMES[stripped]
    return known.get(stripped)


@cache
def iso3_from_code(code: int) -> str | None:
    """The ISO 3166 alpha-3 code for an ISO numeric or agency numeric code, or None."""
    if code in AGENCY_CODES:
        return AGENCY_CODES[code]
    found = pycountry.countries.get(numeric=f"{code:03d}")
    if found is None:
        found = pycountry.historic_countries.get(numeric=f"{code:03d}")
    return found.alpha_3 if found is not None else None


def is_country(code: str) -> bool:
    """Whether a code is an ISO 3166 alpha-3 code of a current or historic country, or WLD."""
    if code == WORLD or code == "XKX":
        return True
    return (
        pycountry.countries.get(alpha_3=code) is not None or pycountry.historic_countries.get(alpha_3=code) is not None
    )
