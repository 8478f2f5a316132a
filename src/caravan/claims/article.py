"""An article to check: its header, body, language and publication date, and bad input refused.

Plain text is accepted, or the corpus layout with `URL:`, `LANG:`, `TITLE:` (and
optionally `DATE:`) lines, a blank line, then the body. Empty, binary and
enormous inputs, and text in a language Caravan does not read, are refused with
one clear message instead of invented claims.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from caravan.claims.prefilter import prefiltered
from caravan.errors import InputError

MAX_CHARS = 200_000
LANGUAGES = ("en", "zh", "ru")

_EN_WORDS = prefiltered(
    re.compile(
        r"\b(?:the|and|of|to|in|is|was|for|on|with|that|by|at|from|as|has|have|were|are|its|their|this|which)\b",
        re.IGNORECASE,
    )
)
_RU_WORDS = prefiltered(
    re.compile(r"(?<![а-яё])(?:и|в|на|с|по|что|из|для|от|до|это|не|за|к|о|а|как|года?)(?![а-яё])", re.IGNORECASE)
)
_NON_RU_CYRILLIC = re.compile(r"[әғқңөұүһіїєґўӘҒҚҢӨҰҮҺІЇЄҐЎ]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")


@dataclass
class Article:
    """A text ready to check.

    Attributes:
        body: The text after any header.
        title: The headline from a `TITLE:` line, if any.
        url: The `URL:` line, if any.
        lang: en, zh or ru.
        published: Publication date used for relative dates.
        published_given: Whether that date was given (else it is today's).
        truncated: The input was longer than the cap and was cut.
    """

    body: str
    title: str | None
    url: str | None
    lang: str
    published: date
    published_given: bool
    truncated: bool = False


def decode(data: bytes) -> str:
    """Text from bytes, refusing binary input.

    Raises:
        InputError: The bytes are not UTF-8 text (an image, a PDF, a zip...).
    """
    if b"\x00" in data[:8192]:
        raise InputError("the input is binary, not text; give a plain-text article (UTF-8)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"the input is not UTF-8 text (bad byte at offset {exc.start}); save the article as UTF-8 plain text"
        ) from exc


def detect_language(text: str) -> str:
    """`en`, `zh` or `ru` from the script and common words of a text.

    Raises:
        InputError: The text is in another language (or has no words to tell).
    """
    sample = text[:20_000]
    cjk = len(_CJK.findall(sample))
    cyr = len(_CYRILLIC.findall(sample))
    lat = len(_LATIN.findall(sample))
    if _KANA.search(sample) and len(_KANA.findall(sample)) > 0.05 * max(cjk, 1):
        raise InputError("the text looks Japanese; Caravan checks articles in English, Chinese or Russian")
    if _HANGUL.search(sample) and len(_HANGUL.findall(sample)) > 20:
        raise InputError("the text looks Korean; Caravan checks articles in English, Chinese or Russian")
    total = cjk + cyr + lat
    if total < 3:
        raise InputError("the text has no words to read; give an article in English, Chinese or Russian")
    if cjk >= 0.2 * total or (cjk > 2 * (cyr + lat) ** 0.5 and cjk > 20):
        return "zh"
    if cyr >= lat:
        if len(_NON_RU_CYRILLIC.findall(sample)) > max(3, cyr * 0.01):
            raise InputError(
                "the text is in a Cyrillic language other than Russian (Kazakh, Ukrainian...); "
                "Caravan checks articles in English, Chinese or Russian"
            )
        words = max(1, len(re.findall(r"[а-яё]+", sample, re.IGNORECASE)))
        if words >= 8 and len(_RU_WORDS.findall(sample)) < 0.08 * words:
            raise InputError("the Cyrillic text does not read as Russian; Caravan checks English, Chinese or Russian")
        return "ru"
    words = max(1, len(re.findall(r"[A-Za-z]+", sample)))
    if words >= 8 and len(_EN_WORDS.findall(sample)) < 0.08 * words:
        raise InputError(
            "the text does not read as English (few common English words); "
            "Caravan checks articles in English, Chinese or Russian"
        )
    return "en"


def _parse_date(text: str) -> date | None:
    m = re.match(r"\s*(\d{4})-(\d{2})(?:-(\d{2}))?", text)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3] or 15))
    except ValueError:
        return None


def read_article(text: str, lang: str | None = None, published: date | str | None = None) -> Article:
    """Split an optional header from the body, check the input, and settle language and date.

    Args:
        text: The whole input.
        lang: Language if known (`en`, `zh`, `ru`); else the `LANG:` line or detection.
        published: Publication date; else a `DATE:` line; else today (relative dates then
            say so in their notes).

    Raises:
        InputError: Empty input, a language Caravan does not read, or a bad `lang`.
    """
    if "\x00" in text[:8192]:
        raise InputError("the input is binary, not text; give a plain-text article (UTF-8)")
    truncated = len(text) > MAX_CHARS
    if truncated:
        text = text[:MAX_CHARS]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    header: dict[str, str] = {}
    lines = text.split("\n")
    i = 0
    while i < len(lines) and i < 8:
        m = re.match(r"^(URL|LANG|TITLE|DATE|PUBLISHED):\s?(.*)$", lines[i])
        if not m:
            break
        header[m[1]] = m[2].strip()
        i += 1
    body = "\n".join(lines[i:]) if header else text
    if not body.strip() and not header.get("TITLE"):
        raise InputError("the input is empty; give an article's text (a file, or `-` for standard input)")
    chosen = lang or header.get("LANG") or None
    if chosen is not None:
        chosen = chosen.strip().lower()[:2]
        if chosen not in LANGUAGES:
            raise InputError(f"language {chosen!r} is not read; Caravan checks en, zh or ru")
        detect_language(body + "\n" + header.get("TITLE", ""))
    else:
        chosen = detect_language(body + "\n" + header.get("TITLE", ""))
    pub: date | None
    if isinstance(published, date):
        pub = published
    elif isinstance(published, str) and published.strip():
        pub = _parse_date(published)
        if pub is None:
            raise InputError(f"publication date {published!r} is not a date; write YYYY-MM-DD")
    else:
        pub = _parse_date(header.get("DATE") or header.get("PUBLISHED") or "")
    given = pub is not None
    return Article(
        body=body,
        title=header.get("TITLE"),
        url=header.get("URL"),
        lang=chosen,
        published=pub or date.today(),
        published_given=given,
        truncated=truncated,
    )
