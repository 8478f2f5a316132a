"""Footnotes: every source a briefing cites, numbered in order of first citation."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from caravan.ledger.store import Ledger


@dataclass
class Footnotes:
    """Numbers sources as a briefing cites them, and lists them at the end."""

    ledger: Ledger
    numbers: dict[str, int] = field(default_factory=dict)
    records: dict[str, dict[str, Any]] = field(default_factory=dict)

    def cite(self, source_id: str) -> int:
        """The footnote number of a source, allocating the next one on first citation.

        The sources' records are read once, all together, when the footnotes are listed (`entries`).
        """
        if source_id not in self.numbers:
            self.numbers[source_id] = len(self.numbers) + 1
        return self.numbers[source_id]

    def authority_name(self, record: dict[str, Any]) -> str | None:
        """The name of the authority whose figures a cited source mostly quotes, if it names one."""
        name = record.get("authority_name")
        return str(name) if name else None

    def entries(self) -> list[tuple[int, dict[str, Any]]]:
        """The footnotes in number order, each with its source record.

        Raises:
            NotFoundError: A cited id names no source.
        """
        unread = [sid for sid in self.numbers if sid not in self.records]
        self.records.update(self.ledger.source_records(unread))
        return sorted(((n, self.records[sid]) for sid, n in self.numbers.items()), key=lambda item: item[0])
