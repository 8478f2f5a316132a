"""A claim found in an article: what is measured, about whom, for which period, against which base.

`Claim` is the record every stage of the pipeline contributes to and the checker
(`match`, `verify`) and the evaluation read. It is plain data; nothing here reads text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

MEASURES = (
    "level",
    "change",
    "growth",
    "avg_growth",
    "pp_change",
    "share",
    "multiple",
    "rank",
    "count",
    "date",
    "ordinal",
)


@dataclass
class Claim:
    """One quantitative (or dated) claim found in an article.

    Attributes:
        sentence: The sentence (or headline) that states it.
        sentence_start: Offset of the sentence in the checked text.
        start: Offset of the figure in the checked text.
        end: Offset after the figure.
        raw: The figure as written.
        value: The value (scale words expanded; a date as ISO text for dates).
        unit: Claim unit (`USD`, `percent`, `bcm`, `date`, `rank`, ...).
        indicator: What is measured, family first (`trade.turnover`, `gas.delivered.cumulative`).
        family: The indicator family (`trade`, `rail`, `gas`, ...).
        measure: What kind of quantity it is, one of `MEASURES`: level, change, growth, avg_growth,
            pp_change, share, multiple, rank, count, date or ordinal. A running total is a `level`
            whose period is `cumulative-to <date>` (see `running_total`).
        subject: Entity id of the subject (for flows, the origin), if known.
        counterpart: Entity id of the counterpart (for flows, the destination), if any.
        period: The period in the ledger's form (`2024`, `2024-01/2024-11`, `as-of 2023-03-31`,
            `cumulative-to 2022-12-31`, `2014/2023`), or None when the text gives none.
        base: The comparison base of a change, growth, pp_change or multiple (`2023`,
            `2023-01/2023-11`); never the period itself. None when the text gives none.
        reporter: Whose statistics the figure is (`CHN` for China's customs), when the text says.
        part: A part of the whole the figure is for (`agricultural products`, `Xi'an terminal`,
            `Almaty–Urumqi route`); None for the whole quantity.
        comparison: None, `yoy`, `since-year` or `share`.
        qualifiers: Words that widen the claim (over, nearly, about, record, up to).
        high: Upper end of a range.
        decimals: Decimals as written, for rounding tolerance.
        scale: Scale factor as written.
        headline: Found in the title.
        notes: How the period or subject was resolved.
    """

    sentence: str
    sentence_start: int
    start: int
    end: int
    raw: str
    value: float | str
    unit: str
    indicator: str
    family: str
    measure: str
    subject: str | None = None
    counterpart: str | None = None
    period: str | None = None
    base: str | None = None
    reporter: str | None = None
    part: str | None = None
    comparison: str | None = None
    qualifiers: list[str] = field(default_factory=list)
    high: float | None = None
    decimals: int = 0
    scale: float = 1.0
    headline: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def running_total(self) -> bool:
        """Whether the figure is a running total (period `cumulative-to <date>`, indicator `*.cumulative`)."""
        return bool(self.period and self.period.startswith("cumulative-to")) or self.indicator.endswith(".cumulative")

    def to_dict(self) -> dict[str, Any]:
        """The claim as plain data (for JSON)."""
        return {
            "sentence": self.sentence,
            "text": self.raw,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "unit": self.unit,
            "high": self.high,
            "indicator": self.indicator,
            "family": self.family,
            "measure": self.measure,
            "subject": self.subject,
            "counterpart": self.counterpart,
            "period": self.period,
            "base": self.base,
            "reporter": self.reporter,
            "part": self.part,
            "comparison": self.comparison,
            "qualifiers": list(self.qualifiers),
            "headline": self.headline,
            "notes": list(self.notes),
        }


__all__ = ["MEASURES", "Claim"]
