"""Finding a node or country from what a user typed, in English, Chinese or Russian.

Exact matches (ignoring case, accents and punctuation) on a node's id or any
of its names win; otherwise rapidfuzz scores every name and a clear winner is
taken. Anything else is an error that lists the closest names. rapidfuzz and
pycountry are imported only when a name is not found exactly or a country is
looked up by name: a route between two named places needs neither.
"""

from __future__ import annotations

import contextlib
import unicodedata
from dataclasses import dataclass

from caravan.corridors.network import Network
from caravan.errors import InputError, NotFoundError

# A fuzzy match (normalised edit-distance similarity, 0-100) is accepted at this score
# when no other node comes within MARGIN of it.
ACCEPT = 80.0
MARGIN = 8.0
# Letters NFKD does not take apart.
_FOLD = str.maketrans({"ł": "l", "Ł": "L", "ı": "i", "ø": "o", "đ": "d", "ß": "ss"})


def fold(text: str) -> str:
    """Lower-case, strip accents and punctuation, collapse spaces."""
    text = unicodedata.normalize("NFKD", text.translate(_FOLD))
    kept = "".join(c for c in text if not unicodedata.combining(c) and (c.isalnum() or c.isspace()))
    return " ".join(kept.casefold().split())


@dataclass(frozen=True)
class Place:
    """What a user's text resolved to: a node, or a whole country."""

    node: str | None = None
    country: str | None = None


def _names(net: Network) -> list[tuple[str, str]]:
    """Every folded name of every node, computed once per network (its nodes do not change)."""
    cached: list[tuple[str, str]] | None = getattr(net, "_folded_names", None)
    if cached is not None:
        return cached
    out = []
    for n in net.nodes:
        for name in (n.id, n.id.split(".", 1)[-1], n.name_en, n.name_zh, n.name_ru):
            if name:
                out.append((fold(name), n.id))
    net._folded_names = out  # type: ignore[attr-defined]
    return out


def resolve_node(net: Network, text: str) -> str:
    """The id of the node `text` names.

    Raises:
        NotFoundError: No node matches well enough; the message suggests the closest names.
    """
    key = fold(text)
    names = _names(net)
    exact = {nid for name, nid in names if name == key}
    if len(exact) == 1:
        return exact.pop()
    from rapidfuzz import fuzz, process

    choices = [name for name, _ in names]
    scored = process.extract(key, choices, scorer=fuzz.ratio, limit=12) if key else []
    best: dict[str, float] = {}
    for _name, score, i in scored:
        nid = names[i][1]
        best[nid] = max(best.get(nid, 0.0), float(score))
    ranked = sorted(best.items(), key=lambda kv: -kv[1])
    if exact:
        ranked = [(nid, 100.0) for nid in sorted(exact)]
    if ranked and ranked[0][1] >= ACCEPT and (len(ranked) == 1 or ranked[0][1] - ranked[1][1] >= MARGIN):
        return ranked[0][0]
    hint = ", ".join(f"{net.node(nid).name_en} ({nid})" for nid, _ in ranked[:3])
    raise NotFoundError(
        f"no place on the network matches {text!r}"
        + (f"; did you mean {hint}?" if hint else "")
        + " (`caravan route --places` lists them)"
    )


def _country_names(code: str) -> set[str]:
    import pycountry

    from caravan.sources.curated import country_names

    country = pycountry.countries.get(alpha_3=code)
    names = {code}
    if country is not None:
        names |= {country.name, getattr(country, "official_name", ""), getattr(country, "common_name", "")}
        with contextlib.suppress(InputError):
            names |= set(country_names(code).values())
    return {fold(n) for n in names if n}


def resolve_place(net: Network, text: str) -> Place:
    """A node, or a country (ISO alpha-3 code or its name in English, Chinese or Russian) on the network.

    A place's own name wins over a country's ("Almaty" is the city, not a province).

    Raises:
        NotFoundError: Neither a node nor a country on the network.
    """
    countries = sorted({n.country for n in net.nodes if n.country})
    code = text.strip().upper()
    if len(code) == 3 and code in countries:
        return Place(country=code)
    key = fold(text)
    if key in {name for name, _ in _names(net)}:
        return Place(node=resolve_node(net, text))
    for country in countries:
        names = _country_names(country)
        if key in names or (len(key) >= 4 and any(n.startswith(key) for n in names)):
            return Place(country=country)
    return Place(node=resolve_node(net, text))
