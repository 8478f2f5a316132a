"""The first-character look-ahead changes no match: same spans and groups, on the claim checker's own patterns."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from caravan.claims import article, extract, frame, gates, lexicon, normalise, numbers, parties, periods, segment
from caravan.claims.prefilter import first_chars, prefiltered

LANGS = ("en", "ru", "zh")


def _originals() -> list[re.Pattern[str]]:
    """The checker's patterns as written (cue tables and the period patterns compiled without the prefilter)."""
    out = []
    for name in dir(lexicon):
        table = getattr(lexicon, name)
        if isinstance(table, dict) and all(isinstance(table.get(lang), str) for lang in LANGS):
            out += [re.compile(table[lang], re.IGNORECASE) for lang in LANGS]
    for lang in LANGS:
        flags = 0 if lang == "zh" else re.IGNORECASE
        out += [re.compile(text, flags) for _, text in normalise.PATTERNS[lang]]
    out += [
        re.compile(r"\b(?:on|than|vs\.?)\s*(?:the\s+)?$", re.I),
        re.compile(r"(?<![a-z])(?:(?P<a>kz)|(?P<b>china)'s)?\s*trade", re.I),
        re.compile(r"[A-Z][a-z]+ (?:terminal|port)|Line [A-D]"),
    ]
    return out


def _in_use() -> list[tuple[re.Pattern[str], re.Pattern[str]]]:
    """Every prefiltered pattern of the checker's modules, with the pattern it was made from."""
    out = []
    for module in (article, extract, frame, gates, normalise, numbers, parties, periods, segment):
        for value in vars(module).values():
            pats = [v for v in value.values() if isinstance(v, re.Pattern)] if isinstance(value, dict) else [value]
            for pat in pats:
                if isinstance(pat, re.Pattern) and pat.pattern.startswith("(?=["):
                    inner = pat.pattern[pat.pattern.index("])(?:") + 5 : -1]
                    out.append((pat, re.compile(inner, pat.flags)))
    return out


ORIGINALS = _originals()
IN_USE = _in_use()
# Letters the patterns begin with, in both cases and the three scripts, with digits, spaces and
# the letters that fold specially under IGNORECASE (long s, Kelvin sign, dotted and dotless i).
ALPHABET = "abcdefghilmnoprstuvwyABCDEFHIJMNOSTX0129 .,-%$'’\u017f\u212a\u0130\u0131вгдзкмпрст年月日同比亿美元"
TEXT = st.text(alphabet=ALPHABET, max_size=60) | st.lists(
    st.sampled_from(
        ["the ", "in ", "March ", "2024 ", "up ", "percent ", "billion ", "share ", "signed ", "год ", "月", "同比"]
    ),
    max_size=12,
).map("".join)


def _matches(pat: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in pat.finditer(text)]


@settings(max_examples=150, deadline=None)
@given(TEXT)
def test_prefiltered_patterns_find_the_same_matches(text: str) -> None:
    for pat in ORIGINALS:
        fast = prefiltered(pat)
        assert _matches(fast, text) == _matches(pat, text), pat.pattern
        assert bool(fast.match(text)) == bool(pat.match(text)), pat.pattern


@settings(max_examples=150, deadline=None)
@given(TEXT)
def test_the_modules_prefiltered_tables_match_as_written(text: str) -> None:
    assert len(IN_USE) >= 30
    for fast, pat in IN_USE:
        assert _matches(fast, text) == _matches(pat, text), pat.pattern
        assert bool(fast.match(text)) == bool(pat.match(text)), pat.pattern


def test_most_of_the_patterns_get_a_prefilter() -> None:
    assert sum(prefiltered(p) is not p for p in ORIGINALS) >= len(ORIGINALS) // 2


def test_first_characters_are_read_from_the_parse_tree() -> None:
    assert first_chars(re.compile(r"\bGDP\b|gross domestic product|\binflation\b", re.I)) == "Ggi"
    assert first_chars(re.compile(r"(?:from\s+)?(?P<m>Jan|Feb)")) == "FJf"
    assert first_chars(re.compile(r"x?")) is None  # may match the empty string
    assert first_chars(re.compile(r"\w+ trade")) is None  # a category: any letter
    assert first_chars(re.compile(r"(?i:a)b")) is None  # flags changed inside
    assert first_chars(re.compile(r"(?<![\w.])\d+|[$€]\s?\d")) == r"\$€\d"  # a category stays an escape
    assert first_chars(re.compile(r"[^a]b")) is None  # a negated class
    assert prefiltered(re.compile(r"\w+ trade")).pattern == r"\w+ trade"


def test_tables_in_use_are_prefiltered() -> None:
    for pat in (extract._DOMESTIC["en"], numbers._WORD_NUM["en"], frame._PART["en"], periods._PLAN["en"]):
        assert pat.pattern.startswith("(?=[")
    assert lexicon.cue("GROWTH", "en").pattern.startswith("(?=[")
