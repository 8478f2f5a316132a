r"""A pattern that fails fast where no match can start: a look-ahead on the characters every match begins with.

Python's regular-expression engine tries a long alternation of words at every position
of a sentence, and under `re.IGNORECASE` it cannot skip branches by their first letter.
`prefiltered` reads a compiled pattern's parse tree, collects the characters any match
must begin with (`\bGDP\b|gross domestic product|\binflation\b` begins with one of G, g,
i; `\d+ percent` with a digit), and prepends `(?=[Ggi])`: a zero-width test at the match
position, compiled with the pattern's own flags, so it treats letter case (and `\d`)
exactly as the pattern's first characters do. Matches, groups and offsets are the same;
only positions where no match could start are left sooner. Where the first characters
cannot be read (a pattern that may match the empty string, starts with any character or
a class such as `\w` or `\D`, or changes flags inside), the pattern is returned as it was.
"""

from __future__ import annotations

import re
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]
from typing import Any

_MAX_CHARS = 256  # a class of more first characters than this filters too little to pay


_CATEGORIES = {
    C.CATEGORY_DIGIT: r"\d",
    C.CATEGORY_NOT_DIGIT: r"\D",
    C.CATEGORY_SPACE: r"\s",
    C.CATEGORY_NOT_SPACE: r"\S",
    C.CATEGORY_WORD: r"\w",
    C.CATEGORY_NOT_WORD: r"\W",
}
# A first character: a code point, or a category escape (`\d`) read with the pattern's own flags.
First = int | str


def _first_of_seq(items: Any) -> tuple[set[First], bool] | None:
    """First characters of a sequence, and whether it can match the empty string (None: unknown)."""
    acc: set[First] = set()
    for op, av in items:
        got = _first_of_item(op, av)
        if got is None:
            return None
        chars, nullable = got
        acc |= chars
        if not nullable:
            return acc, False
    return acc, True


def _first_of_item(op: Any, av: Any) -> tuple[set[First], bool] | None:
    if op is C.LITERAL:
        return {av}, False
    if op is C.IN:
        chars: set[First] = set()
        for sub_op, sub_av in av:
            if sub_op is C.LITERAL:
                chars.add(sub_av)
            elif sub_op is C.RANGE and sub_av[1] - sub_av[0] < _MAX_CHARS:
                chars.update(range(sub_av[0], sub_av[1] + 1))
            elif sub_op is C.CATEGORY and sub_av in _CATEGORIES:
                chars.add(_CATEGORIES[sub_av])
            else:  # a negated class or a wide range
                return None
        return chars, False
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return set(), True  # zero-width: the match's first character comes after it
    if op is C.BRANCH:
        acc: set[First] = set()
        nullable = False
        for alt in av[1]:
            got = _first_of_seq(alt)
            if got is None:
                return None
            acc |= got[0]
            nullable = nullable or got[1]
        return acc, nullable
    if op is C.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        if add_flags or del_flags:
            return None  # (?i:...) inside: its letters are compared otherwise
        return _first_of_seq(sub)
    if op is C.ATOMIC_GROUP:
        return _first_of_seq(av)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, _high, sub = av
        got = _first_of_seq(sub)
        if got is None:
            return None
        return got[0], got[1] or low == 0
    return None


def first_chars(pattern: re.Pattern[str]) -> str | None:
    r"""The characters every match of `pattern` begins with, as the inside of a class, or None where unknown.

    Letters stand for themselves (escaped where the class needs it); a category stays an escape
    (`\d`). A class that takes any word character or anything but a digit filters nothing: None.
    """
    if not isinstance(pattern.pattern, str) or pattern.flags & (re.VERBOSE | re.LOCALE):
        return None
    try:
        got = _first_of_seq(P.parse(pattern.pattern, pattern.flags))
    except (re.error, TypeError, ValueError):  # a pattern the parser of this Python reads otherwise
        return None
    if got is None or got[1] or not got[0] or len(got[0]) > _MAX_CHARS:
        return None
    cats = sorted(c for c in got[0] if isinstance(c, str))
    if set(cats) & {r"\w", r"\W", r"\D", r"\S"}:
        return None  # nearly every position may start a match
    chars = sorted(chr(c) for c in got[0] if isinstance(c, int))
    return "".join(c if c.isalnum() else re.escape(c) for c in chars) + "".join(cats)


def prefiltered(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """`pattern` with a look-ahead on its first characters (see the module docstring); else `pattern`."""
    chars = first_chars(pattern)
    if chars is None:
        return pattern
    try:
        return re.compile(f"(?=[{chars}])(?:{pattern.pattern})", pattern.flags)
    except re.error:  # global inline flags in the pattern must stay at its start
        return pattern


def prefiltered_table(table: dict[str, re.Pattern[str]]) -> dict[str, re.Pattern[str]]:
    """Each language's pattern of a table, prefiltered."""
    return {lang: prefiltered(pat) for lang, pat in table.items()}


__all__ = ["first_chars", "prefiltered", "prefiltered_table"]
