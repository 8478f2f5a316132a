"""The perturbation check: is a false figure that the ledger can decide caught?

The corpus labels no claim false, so the evaluation makes false claims of its own:
for each true claim the checker supports, the figure is rewritten in the article's
text (×1.5 and ×0.6, `FACTORS`), the whole article is checked again, and the altered
claim's verdict is counted. An alteration counts only where it takes the figure beyond
every tolerance its wording allows: what the altered wording allows must not overlap
what the true wording allowed, so the figure that supported the true claim cannot
support the altered one ("up to 8,000" made "up to 12,000" still allows the true
figure, so it is not counted; "over 500" made "over 300" neither). "contradicted" is a catch; "supported"
is a miss, the serious kind; every other verdict is counted by its column.

Figures written in digits keep their script; one in Chinese numerals is rewritten in
digits. A range, a date, an ordinal or a rank is left out and counted as `skipped`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from caravan.claims.claim import Claim
from caravan.claims.evidence import CheckedClaim, tolerance
from caravan.claims.numbers import parse_number

FACTORS = (1.5, 0.6)
"""How each supported true figure is altered."""

COLUMNS = ("supported", "contradicted", "conflicting", "outdated", "unverifiable", "not found")


@dataclass
class PerturbationScore:
    """Perturbation counts for one language (or all)."""

    lang: str
    true_supported: int = 0
    skipped: int = 0
    within_wording: int = 0
    verdicts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COLUMNS, 0))

    @property
    def altered(self) -> int:
        """Alterations counted (beyond every tolerance the wording allows)."""
        return sum(self.verdicts.values())

    def to_row(self) -> dict[str, Any]:
        """The counts as a table row: `caught` is contradicted, `missed` is supported."""
        return {
            "lang": self.lang,
            "true_supported": self.true_supported,
            "altered": self.altered,
            "caught": self.verdicts["contradicted"],
            "missed": self.verdicts["supported"],
            **{k: v for k, v in self.verdicts.items() if k not in ("supported", "contradicted")},
            "within_wording": self.within_wording,
            "skipped": self.skipped,
        }


def _digits(raw: str, lang: str) -> tuple[int, int, float, int] | None:
    """The first number written in digits in `raw`: its span, value and decimals, else None."""
    thousands = r"[ \u00a0\u202f]\d{3}" if lang == "ru" else r",\d{3}"
    decimal = "," if lang == "ru" else r"\."
    m = re.search(rf"\d+(?:{thousands})*(?:{decimal}\d+)?", raw)
    if m is None:
        return None
    value, decimals = parse_number(m.group(0), lang)
    return m.start(), m.end(), value, decimals


_ZH_NUMERAL = re.compile(r"(百分之)?([〇○零一二两三四五六七八九十百千点]+)([万萬亿億]?)")
_ZH_SCALE = {"": 1.0, "万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8}


def _chinese_numeral(claim: Claim) -> tuple[int, int, float, int, str] | None:
    """A figure in Chinese numerals (`一○六三億美元`, `百分之十二`): its span, value before the scale word, decimals.

    The altered figure is written in digits (`1594億美元`, `18%`), which the checker reads as well.
    """
    m = _ZH_NUMERAL.match(claim.raw)
    if m is None:
        return None
    written = float(claim.value) / _ZH_SCALE[m.group(3)]
    decimals = len(m.group(2).partition("点")[2])
    return m.start(), m.end(2), written, decimals, "%" if m.group(1) else ""


@dataclass(frozen=True)
class Alteration:
    """An article with one figure altered: the new text, and the figure's new value, spelling and decimals."""

    text: str
    value: float
    raw: str
    decimals: int


def altered_text(text: str, claim: Claim, factor: float, lang: str) -> Alteration | None:
    """The article text with the claim's figure multiplied by `factor`; None if the figure is not alterable."""
    if not isinstance(claim.value, int | float) or claim.high is not None or claim.unit in ("date", "rank"):
        return None
    if claim.measure in ("ordinal", "rank", "date"):
        return None
    offset = claim.start - claim.sentence_start
    raw_at = claim.sentence.find(claim.raw, max(0, offset - 2))
    if raw_at < 0:
        raw_at = claim.sentence.find(claim.raw)
    if raw_at < 0 or claim.sentence not in text:
        return None
    number = _digits(claim.raw, lang) or (_chinese_numeral(claim) if lang == "zh" else None)
    if number is None or not number[2]:
        return None
    s, e, written, decimals, *suffix = number
    new = written * factor
    places = decimals
    while places < 3 and round(new, places) == 0:
        places += 1
    shown = f"{new:.{places}f}"
    raw = claim.raw[:s] + (shown.replace(".", ",") if lang == "ru" else shown) + "".join(suffix) + claim.raw[e:]
    sentence = claim.sentence[:raw_at] + raw + claim.sentence[raw_at + len(claim.raw) :]
    value = float(claim.value) * float(shown) / written
    return Alteration(text.replace(claim.sentence, sentence, 1), value, raw, places)


def beyond_wording(claim: Claim, alteration: Alteration) -> bool:
    """Whether what the altered figure's wording allows is disjoint from what the true figure's allowed."""
    lo, hi = tolerance(claim)
    alo, ahi = tolerance(replace(claim, value=alteration.value, raw=alteration.raw, decimals=alteration.decimals))
    return ahi < lo or alo > hi


def find_altered(claims: list[CheckedClaim], original: Claim, value: float) -> CheckedClaim | None:
    """The re-checked claim that states the altered figure in the original's sentence, else None."""
    for item in claims:
        c = item.claim
        if (
            c.unit == original.unit
            and isinstance(c.value, int | float)
            and abs(float(c.value) - value) <= 1e-6 * max(1.0, abs(value))
            and abs(c.sentence_start - original.sentence_start) <= 2
        ):
            return item
    return None


__all__ = [
    "COLUMNS",
    "FACTORS",
    "Alteration",
    "PerturbationScore",
    "altered_text",
    "beyond_wording",
    "find_altered",
]
