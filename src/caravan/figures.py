"""How Caravan writes a number: every figure as its source printed it.

One function for every surface (terminal tables, overview, derivation
locators, reports), so that no surface rounds a cited figure into a new one.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping
from typing import Any

from caravan.sources.vocabulary import printed_digits
from caravan.vocabulary import period_label, unit_words


def format_number(value: float, digits: int = 10, lang: str = "en") -> str:
    """A number with thousands separators and no rounding of a printed figure.

    Whole numbers keep every digit (2,077,216); other values keep up to
    `digits` significant digits, enough for any printed figure while hiding
    binary noise (0.1 + 0.2 is written 0.3). Never scientific notation below 1e15.
    In Russian the decimal sign is a comma and thousands are parted by a
    no-break space (`28,5`, `2 077 216`), as the dashboard writes them.

    Args:
        value: The number.
        digits: Significant digits kept for values that are not whole.
        lang: en, zh or ru.
    """
    if isinstance(value, int):
        text = f"{value:,}"
    elif not math.isfinite(value):
        return str(value)
    elif value.is_integer() and abs(value) < 1e15:
        text = f"{value:,.0f}"
    else:
        text = f"{value:,.{digits}g}"
        if "e" in text and abs(value) < 1e15:
            text = f"{value:,.{digits}f}".rstrip("0").rstrip(".")
    return text.translate(_RUSSIAN_DIGITS) if lang == "ru" else text


_RUSSIAN_DIGITS = str.maketrans({",": "\u00a0", ".": ","})


# How a bound reads before the figure, by language: "over 100 bn USD", "nearly 5 bcm", "about 7 mn".
BOUND_WORDS: dict[str, dict[str, str]] = {
    "en": {"lower": "over", "upper": "nearly", "approximate": "about"},
    "zh": {"lower": "超过", "upper": "近", "approximate": "约"},
    "ru": {"lower": "более", "upper": "почти", "approximate": "около"},
}

# Unit words a person reads differently from pint's spelling (`yi m**3` is printed 亿 m³).
_UNIT_WORDS = {"yi": "亿", "wan": "万", "percent": "%", "meter": "m", "hectoUSD": "100 USD"}
_POWERS = {"2": "²", "3": "³"}


# English count nouns and their plural, for a figure other than one ("14,254 trains", "10,000 people").
_PLURALS = {
    "person": "people", "train": "trains", "flight": "flights", "vehicle": "vehicles", "container": "containers",
    "pair": "pairs", "route": "routes", "airline": "airlines", "institution": "institutions",
    "workshop": "workshops", "visa": "visas",
}  # fmt: skip


@functools.lru_cache(maxsize=1024)  # a ledger has a few dozen units; every API row labels two or three
def unit_label(unit: str | None, lang: str = "en", count: float | None = None) -> str:
    """A unit as a person reads it: `yi m**3` is `亿 m³`, `CNY/hectoUSD` is `CNY/100 USD`, `percent` is `%`.

    In Chinese or Russian the words are translated (`bn USD` is `十亿美元`, `млрд долл. США`).
    In English, with the `count` it follows, a count noun is plural unless the count is one
    (`14,254 trains`, `13 flights/week`, `1 person`); without a count (a heading) it stays singular.
    """
    if not unit:
        return ""
    if lang != "en":
        return unit_words(unit_label(unit), lang)
    parts = []
    for per in unit.split("/"):
        words = []
        for word in per.split():
            base, _, power = word.partition("**")
            if base.startswith("hecto") and base not in _UNIT_WORDS:
                base = "100 " + base.removeprefix("hecto")
            base = _UNIT_WORDS.get(base, base)
            words.append(base + "".join(_POWERS.get(c, c) for c in power))
        parts.append(words)
    if count is not None and abs(count) != 1 and parts[0]:
        parts[0][-1] = _PLURALS.get(parts[0][-1], parts[0][-1])  # the counted noun: before any "/"
    return "/".join(" ".join(words) for words in parts)


def _join(number: str, unit: str) -> str:
    if not unit:
        return number
    return f"{number}{unit}" if unit == "%" else f"{number} {unit}"


DATASET_DIGITS = 4
"""Significant digits a dataset's or a conversion's figure is shown to (its full value stays in the ledger)."""
PRINTED_DIGITS = 7
"""The most significant digits a page prints (2,077,216 people); a figure with more is a dataset's full precision."""
CLEAN_DIGITS = 12
"""Significant digits a computed value keeps in the ledger: enough for any figure, none of binary noise."""


def clean(value: float) -> float:
    """A computed value without float artefacts: 106.30000000000001 is 106.3 (twelve significant digits)."""
    if not isinstance(value, float) or not math.isfinite(value) or value == 0:
        return value
    return float(f"{value:.{CLEAN_DIGITS}g}")


def significant_digits(value: float) -> int:
    """How many significant digits a figure is written with: 106.3 has 4, 1,135,000 has 4, 2,077,216 has 7.

    `caravan.sources.vocabulary.printed_digits`, the one reading of a figure's digits, and at least one.
    """
    return max(printed_digits(value), 1)


def _rounded(value: float, digits: int) -> float:
    return float(f"{value:.{digits}g}")


def meant(value: float, row: Mapping[str, Any], unit: str | None) -> float:
    """A value as far as it means something: the digits its source printed, a dataset's to four.

    A figure as a page printed it keeps every printed digit (106.3 bn USD, 2,077,216 people).
    A figure from a dataset (more than seven significant digits, more than any page prints:
    4.639262641019178 bcm) or converted from the unit it was printed in (1063 亿 USD is
    106.30000000000001 bn USD) is shown to four significant digits, and never to more than
    were printed (4.639 bcm, 106.3 bn USD). A percentage computed from two cited figures has no
    more meaning than a tenth of a point, whatever the float holds (7.083208291 % is shown 7.1 %);
    below one point, two significant digits (0.30 %). The full value stays in the ledger.
    """
    if not math.isfinite(value) or value == 0:
        return value
    if row.get("method") == "derived" and unit in ("percent", "%"):
        if abs(value) >= 1:
            return round(value, 1)
        return _rounded(value, 2)
    printed_value = row.get("value")
    printed_digits = significant_digits(printed_value if isinstance(printed_value, int | float) else value)
    converted = row.get("unit") is not None and unit is not None and row.get("unit") != unit
    if converted or printed_digits > PRINTED_DIGITS:
        return _rounded(value, min(printed_digits, DATASET_DIGITS))
    return _rounded(value, printed_digits)


_DERIVED = {"method": "derived"}


def percent_meant(value: float | None) -> float | None:
    """A percentage an analysis computed from cited figures, as far as it means something (`meant`).

    For the analyses' own results (a mirror ratio, a share, a growth rate, a utilisation),
    which are derived by construction: 78.77622378 is 78.8, 0.3012 is 0.3. None stays None.
    """
    return None if value is None else meant(value, _DERIVED, "%")


def _figure(row: Mapping[str, Any]) -> tuple[Any, Any]:
    """The value a surface shows and its unit: in the display unit, else the canonical one, else as printed."""
    if row.get("value_display") is not None:
        return row["value_display"], row.get("display_unit")
    if row.get("value_std") is not None:
        return row["value_std"], row.get("unit_std")
    return row.get("value"), row.get("unit")


def shown(row: Mapping[str, Any], lang: str = "en") -> str:
    """A cited figure as every surface shows it: in the indicator's display unit, the bound as a word.

    Reads `value_display` and `display_unit` (falling back to `value_std`/`unit_std`
    for bulk imports, then to the printed `value`/`unit`) and `bound`:
    "over 100 bn USD", "about 120 mcm/day", "42,470 people".
    """
    value, unit = _figure(row)
    if value is None:
        return "—"
    number = meant(value, row, unit)
    text = _join(format_number(number, lang=lang), unit_label(unit, lang, number))
    word = BOUND_WORDS.get(lang, BOUND_WORDS["en"]).get(str(row.get("bound") or "exact"))
    return f"{word} {text}" if word else text


def printed(row: Mapping[str, Any], lang: str = "en") -> str:
    """The figure as its source printed it, in readable unit words: `5000 亿 m³`, `7.5 万 person`."""
    if row.get("value") is None:
        return ""
    return _join(format_number(row["value"], lang=lang), unit_label(row.get("unit"), lang, row["value"]))


def attribution(row: Mapping[str, Any], lang: str = "en") -> str | None:
    """Whose figure a cited row is, apart from the page: "GACC, via The Astana Times".

    Reads `primary_name` (the primary authority's name; `primary_name_zh` or `_ru` in
    those languages, where the ledger has it), `original_publisher` and `publisher`;
    the page's publisher alone where the figure is its own. None for a derived row (no source).
    """
    publisher = row.get("publisher")
    primary = row.get(f"primary_name_{lang}") or row.get("primary_name") or row.get("original_publisher")
    if not publisher:
        return primary or None
    own = row.get("primary_authority") and row.get("primary_authority") == row.get("source_authority")
    if own and row.get("tier") == "official" and row.get("primary_name"):
        return str(primary)  # the authority's own publication: no "via"
    if not primary:
        return str(publisher)
    english = str(row.get("primary_name") or primary)
    if english.casefold() not in publisher.casefold() and publisher.casefold() not in english.casefold():
        return f"{primary}, via {publisher}"
    return str(primary) if primary != english else str(publisher)  # one body: its name in the language


def display_fields(row: Mapping[str, Any], lang: str = "en") -> dict[str, Any]:
    """The human-facing fields of a cited row, for an API answer.

    `shown` (the figure in the display unit with its bound), `value_shown` (its
    number as far as it means something, for a surface that writes it in its own
    language), `unit_label` (the display unit as a person reads it), `printed`
    (the figure as the source printed it), `attribution` (whose figure, via which page),
    `period_label` (the period as read in the language) and `indicator_name` (the
    indicator's name in the language, where the row carries its names).
    """
    value, unit = _figure(row)
    fields = {
        "shown": shown(row, lang),
        "value_shown": None if value is None else meant(value, row, unit),
        "unit_label": unit_label(unit or row.get("unit"), lang, None if value is None else meant(value, row, unit)),
        "printed": printed(row, lang),
        "attribution": attribution(row, lang),
        "period_label": period_label(row.get("period"), lang),
    }
    if row.get("indicator_name"):
        fields["indicator_name"] = row.get(f"indicator_name_{lang}") or row["indicator_name"]
    return fields


_SPELLINGS = (
    (re.compile(r"\byi\b"), "亿"),
    (re.compile(r"\bwan\b"), "万"),
    (re.compile(r"\bhecto(?=[A-Za-z])"), "100 "),
    (re.compile(r"\bpercent\b"), "%"),
    (re.compile(r"\*\*2\b"), "²"),
    (re.compile(r"\*\*3\b"), "³"),
)


def readable_units(text: str | None) -> str | None:
    """Free text (an audit message, an explanation) with pint's unit spellings as a person reads them.

    `5,000 yi m**3` becomes `5,000 亿 m³`, `7.5 wan person` becomes `7.5 万 person`,
    `CNY/hectoUSD` becomes `CNY/100 USD`.
    """
    if text is None:
        return None
    for pattern, word in _SPELLINGS:
        text = pattern.sub(word, text)
    return text
