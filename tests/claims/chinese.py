"""A writer of integers in Chinese characters, the tests' own (independent of the reader under test)."""

from __future__ import annotations

_ZH_DIGITS = "零一二三四五六七八九"


def written_in_chinese(n: int) -> str:
    """A positive integer as Chinese characters (sections of 亿 and 万, 零 for a gap): the test's own writer."""
    out = []
    for factor, char in ((10**8, "亿"), (10**4, "万")):
        if n >= factor:
            out.append(written_in_chinese(n // factor) + char)
            n %= factor
            if 0 < n < factor // 10:
                out.append("零")
    for factor, char in ((1000, "千"), (100, "百"), (10, "十")):
        if n >= factor:
            out.append(_ZH_DIGITS[n // factor] + char)
            n %= factor
            if 0 < n < factor // 10:
                out.append("零")
    if n:
        out.append(_ZH_DIGITS[n])
    return "".join(out)
