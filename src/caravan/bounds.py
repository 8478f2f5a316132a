"""Bounds: "over 15 bn" is a lower bound, "nearly 15 bn" an upper one, "about 15 bn" approximate.

One place for the words that make a printed figure a bound, in English,
Chinese and Russian, and for what arithmetic may do with bounds: a sum of
lower bounds is a lower bound; a growth rate, or any difference, from a bound
is not a number at all.
"""

from __future__ import annotations

import re

from caravan.sources.vocabulary import Bound

# Qualifier words, each matched just before the figure (for Chinese also just after it).
BOUND_WORDS: dict[Bound, dict[str, str]] = {
    Bound.LOWER: {
        "en": (
            r"over|more than|above|exceed(?:ed|ing|s)?|in excess of|upwards of|at least|surpass\w*"
            r"|topp?(?:ed|ing)|passed|crossed|beyond"
        ),
        "zh": r"超过|超|突破|逾|多|余|以上|至少",
        "ru": r"более|свыше|больше|превыша\w*|превыси\w*|не менее|сверх",
    },
    Bound.UPPER: {
        "en": r"nearly|almost|close to|just under|up to|under|less than|below|nearing",
        "zh": r"近|接近|将近|逼近|不到|以下",
        "ru": r"почти|чуть менее|не более|менее|до",
    },
    Bound.APPROXIMATE: {
        "en": r"about|around|approximately|roughly|some|an estimated|estimated|circa|~",
        "zh": r"约|大约|左右|上下",
        "ru": r"около|примерно|порядка|приблизительно|ориентировочно",
    },
}

_LEADING = {
    bound: re.compile(r"^\s*(?:" + "|".join(by_lang.values()) + r")(?:\b|(?=[\s(（]))", re.IGNORECASE)
    for bound, by_lang in BOUND_WORDS.items()
}


def bound_of_qualifier(text: str | None) -> Bound:
    """The bound a curator's qualifier note states ("over", "nearly (почти)", "about; ...").

    Only the note's first words count: "over; Chinese government grants only" is a
    lower bound, "grants allocated by ..." is exact.
    """
    if not text:
        return Bound.EXACT
    head = re.split(r"[;,]", text, maxsplit=1)[0]
    for bound in (Bound.LOWER, Bound.UPPER, Bound.APPROXIMATE):
        if _LEADING[bound].match(head):
            return bound
    return Bound.EXACT


def combine_sum(bounds: list[Bound]) -> Bound | None:
    """The bound of a sum of figures with these bounds, or None where it has none.

    Exact and lower give lower; exact and upper give upper; anything with an
    approximate term is approximate; lower with upper is no bound at all.
    """
    kinds = set(bounds) - {Bound.EXACT}
    if not kinds:
        return Bound.EXACT
    if kinds == {Bound.LOWER}:
        return Bound.LOWER
    if kinds == {Bound.UPPER}:
        return Bound.UPPER
    if kinds == {Bound.APPROXIMATE}:
        return Bound.APPROXIMATE
    return None


def combine_ratio(numerator: Bound, denominator: Bound) -> Bound | None:
    """The bound of a share numerator / denominator, or None where it has none.

    A lower-bound numerator over an exact total is a lower bound; an exact part
    over a lower-bound total is an upper bound (the true total is larger).
    """
    flip = {Bound.LOWER: Bound.UPPER, Bound.UPPER: Bound.LOWER}
    if denominator is Bound.EXACT:
        return numerator
    if denominator is Bound.APPROXIMATE:
        return Bound.APPROXIMATE if numerator in (Bound.EXACT, Bound.APPROXIMATE) else None
    if numerator is Bound.EXACT or numerator is flip[denominator]:
        return flip[denominator]
    return None


def combine_difference(later: Bound, earlier: Bound) -> Bound | None:
    """The bound of `later - earlier`, or None where it has none.

    Over 20,000 less exactly 16,000 is over 4,000; exactly 11,784 less over 10,000 is
    under 1,784; two bounds (or an approximate term) leave no figure.
    """
    flip = {Bound.LOWER: Bound.UPPER, Bound.UPPER: Bound.LOWER}
    if earlier is Bound.EXACT:
        return later if later is not Bound.APPROXIMATE else None
    if later is Bound.EXACT and earlier in flip:
        return flip[earlier]
    return None
