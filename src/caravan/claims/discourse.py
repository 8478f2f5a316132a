"""What an article has established so far, passed explicitly from sentence to sentence.

`Discourse` is immutable (a named tuple): a stage reads it and returns what it found; only the
extraction loop (`extract.extract`) makes the next `Discourse`, with `after`. The
period context (the year spoken of, the last figure's period) does not cross a
paragraph break: a new paragraph falls back to the article's lead period (the
period of the first figure stated as a fact in the first paragraph that states
one), never to whatever period the paragraph before ended on.
"""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple


class Discourse(NamedTuple):
    """The context a sentence is read in.

    Attributes:
        published: Publication date (relative dates resolve from it).
        lang: en, zh or ru.
        paragraph: Index of the paragraph being read.
        year: The year the article last spoke of.
        current: The period of the last flow figure stated as a fact.
        last_period: The period of the last figure.
        last_family: The family of the last figure.
        last_cue_family: The last family named by a cue word (a label line, a sentence without figures).
        last_money: The currency of the last money figure (a bare "5.4 billion" after it inherits it).
        last_day: The last day named (year-to-date spans end there).
        subject: The last subject found in a sentence.
        counterpart: The last counterpart found in a sentence.
        reporter: Whose statistics the article last cited (`CHN` for China's customs).
        recent: The period of the last flow figure stated as a fact, kept across paragraphs for anaphors.
        lead: The article's lead period (see the module docstring), once known.
        lead_year: The year of the lead.
        source: Whose figures the article says anywhere that it reports (the first authority it names).
        partner: The one member of the five the last sentence naming members named ("the country" after it).
    """

    published: date
    lang: str
    paragraph: int = 0
    year: int | None = None
    current: str | None = None
    last_period: str | None = None
    last_family: str | None = None
    last_cue_family: str | None = None
    last_money: str | None = None
    last_day: date | None = None
    subject: str | None = None
    counterpart: str | None = None
    reporter: str | None = None
    recent: str | None = None
    lead: str | None = None
    lead_year: int | None = None
    partner: str | None = None
    source: str | None = None

    def after(self, **changes: Any) -> Discourse:
        """A copy with some fields changed; the first `current` period becomes the lead."""
        if "current" in changes:
            changes["recent"] = changes["current"]
        nxt = self._replace(**changes)
        if nxt.lead is None and nxt.current is not None:
            nxt = nxt._replace(lead=nxt.current, lead_year=nxt.year)
        return nxt

    def in_paragraph(self, paragraph: int) -> Discourse:
        """The context for a sentence of `paragraph`: a new paragraph goes back to the lead period.

        Only an anaphor ("in that period", "those trips") still reaches the last figure's period.
        """
        if paragraph == self.paragraph:
            return self
        return self._replace(paragraph=paragraph, year=self.lead_year, current=self.lead)


__all__ = ["Discourse"]
