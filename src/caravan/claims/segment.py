"""Segmentation: an article into paragraphs, sentences and clauses, with offsets.

A line break always ends a sentence and a blank line ends a paragraph; within a
line, sentence ends are found by punctuation with the abbreviations of each
language kept whole ("U.S.", "млрд.", "т.е."). Short lines without a final stop
are labels (section heads), not sentences that state claims.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from caravan.claims.prefilter import prefiltered_table

_SENT_SPLIT = {
    "en": re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[A-Z\"“(‘])"),
    "ru": re.compile(r"(?<=[.!?])[\"»)]?\s+(?=[А-ЯЁA-Z\"«(])"),
    "zh": re.compile(r"(?<=[。！？!?])"),
}
_ABBREV = prefiltered_table(
    {
        "en": re.compile(
            r"(?:\b(?:U\.S|U\.K|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mr|Mrs|Ms|Dr|No|St|Co|Inc|Ltd|"
            r"e\.g|i\.e|vs|approx|Gov|Prof)|\b[A-Z])\.$"
        ),
        "ru": re.compile(r"(?:\b(?:г|гг|куб|тыс|млн|млрд|трлн|т\.е|т\.д|долл|руб|ст|им|ул|пр|т|кв|км|см)|\b[А-ЯЁ])\.$"),
        "zh": re.compile(r"$^"),
    }
)
# Russian scale and unit abbreviations: before a capital letter their stop also ends the sentence.
_UNIT_ABBREV_RU = re.compile(r"\b(?:млрд|млн|тыс|трлн|долл|руб|км|т|г|гг)\.$")
_CLAUSE_SPLIT = {
    "en": re.compile(r"[;:]|,\s|\s[—–]\s|\s-\s|\bwhile\b|\bwhereas\b"),
    "ru": re.compile(r"[;:]|,\s|\s[—–-]{1,2}\s"),
    "zh": re.compile(r"[,，;；:：、]"),
}
_LABEL_LINE = re.compile(r"^[\s—–\-•*·]*.{0,40}(?<![.!?。！？])$")


def split_sentences(text: str, lang: str) -> list[tuple[int, str]]:
    """Sentences with their offsets; a line break always ends a sentence."""
    out: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        start_line = pos
        pos += len(line) + 1
        if not line.strip():
            continue
        last = 0
        for m in _SENT_SPLIT[lang].finditer(line):
            head = line[last : m.start()]
            if lang != "zh" and _ABBREV[lang].search(head.rstrip('"”’)»')):
                nxt = line[m.end() : m.end() + 1]
                if not (lang == "ru" and nxt.isupper() and _UNIT_ABBREV_RU.search(head)):
                    continue  # "5 млрд. долл." goes on; "$6,4 млрд. Из этой суммы" ends a sentence
            if head.strip():
                out.append((start_line + last, head))
            last = m.end()
        tail = line[last:]
        if tail.strip():
            out.append((start_line + last, tail))
    cleaned = []
    for off, s in out:
        lead = len(s) - len(s.lstrip())
        cleaned.append((off + lead, s.strip()))
    return cleaned


@lru_cache(maxsize=1024)
def _clause_breaks(sentence: str, lang: str) -> tuple[tuple[int, int], ...]:
    return tuple((m.start(), m.end()) for m in _CLAUSE_SPLIT[lang].finditer(sentence))


@lru_cache(maxsize=4096)
def clause_bounds(sentence: str, lang: str, pos: int) -> tuple[int, int]:
    """The clause of a sentence around a character offset."""
    start, end = 0, len(sentence)
    for a, b in _clause_breaks(sentence, lang):
        if b <= pos:
            start = b
        elif a >= pos:
            end = a
            break
    return start, end


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article.

    Attributes:
        start: Offset of its first character in the article.
        text: The sentence, stripped.
        paragraph: Index of its paragraph (paragraphs are separated by blank lines).
        label: A short line without a final stop: a section head, not a statement.
    """

    start: int
    text: str
    paragraph: int
    label: bool = False


_BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\n")


def sentences(text: str, lang: str) -> list[Sentence]:
    """The sentences of an article, each with its paragraph and whether it is a label line."""
    breaks = [m.start() for m in _BLANK_LINE.finditer(text)]
    out = []
    para = 0
    for off, s in split_sentences(text, lang):
        while para < len(breaks) and breaks[para] < off:
            para += 1
        out.append(Sentence(off, s, para, is_label(s)))
    return out


def is_label(sentence: str) -> bool:
    """Whether a line is a section label ("Energy", "— Rail freight —") rather than a sentence."""
    return bool(_LABEL_LINE.match(sentence)) and len(sentence) < 45


_ZH_DIGIT_RUN = re.compile("[〇○零一二三四五六七八九]{2,}")
_ZH_DIGITS = str.maketrans("〇○零一二三四五六七八九", "000123456789")
_TRADITIONAL_HINT = re.compile("[國貿額億萬進與對薩爾亞庫曼烏茲別會屆華陸長區雙邊總]")


@lru_cache(maxsize=1)
def _t2s() -> object:
    import opencc  # loaded only for Chinese text in traditional characters

    return opencc.OpenCC("t2s")


def fold_chinese(text: str) -> str:
    """Chinese text in simplified characters with digit-by-digit numerals as digits, same length.

    Traditional characters (台灣, 香港 usage: 貿易額, 億, 中國) become simplified by OpenCC;
    a run of digit characters written one by one (二○二五年, 一○六三億) becomes Arabic digits.
    Every character maps to one character, so offsets into the folded text are offsets into
    the original; where a conversion would change the length the text is left as it is.
    """
    out = text
    if _TRADITIONAL_HINT.search(out):
        converted = _t2s().convert(out)  # type: ignore[attr-defined]
        if len(converted) == len(out):
            out = converted

    def digits(m: re.Match[str]) -> str:
        run = m.group(0)
        return (
            run.translate(_ZH_DIGITS)
            if ("〇" in run or "○" in run or (m.end() < len(out) and out[m.end()] == "年"))
            and not re.search("[十百千]", run)
            else run
        )

    return _ZH_DIGIT_RUN.sub(digits, out)


__all__ = ["Sentence", "clause_bounds", "fold_chinese", "is_label", "sentences", "split_sentences"]
