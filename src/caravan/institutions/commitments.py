"""The commitment tracker: every promise with its evidence, target progress and assessed status.

Status and evidence rules. The curated status is the curator's reading of the
evidence; the build enforces the hard rules (see `caravan.sources.curated`):

* `done` and `lapsed` need at least one dated piece of evidence (a date, or a
  cited event, which has one);
* no piece of evidence may be dated before the commitment was made.

The tracker then assesses each commitment against the ledger's figures and
says so wherever it differs from the curated status:

* a target met by the ledger's figures (every reporter with a deciding
  figure agrees) makes the assessed status `done`;
* a deadline passed with the target missed by every reporter with a figure
  for the deadline year makes it `lapsed`, even where the curator marked it
  `done` (with a note saying so);
* a target still open (on track or behind) makes a curated `done` or
  `lapsed` `in-progress`, and a target with no figure at all makes it
  `unknown`: the shown status never contradicts the target's own line;
* reporters that disagree (`split`: met by China's figures, not by the
  partner's) keep the curated status, with a note naming each side's verdict;
* `in-progress` without any evidence is kept, with a note asking for evidence;
* otherwise the assessed status is the curated one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from caravan.errors import InputError, NotFoundError
from caravan.figures import format_number, percent_meant, unit_label
from caravan.institutions.targets import Outcome, TargetProgress, evaluate_target
from caravan.ledger.store import Ledger
from caravan.sources.vocabulary import CommitmentStatus
from caravan.vocabulary import Phrase, Phrases, Term

STATUSES = tuple(s.value for s in CommitmentStatus)


@dataclass(frozen=True, kw_only=True)
class EvidenceItem:
    """One piece of evidence for a commitment's status, dated by itself or by the event it cites.

    Attributes:
        note_zh: What it shows, in Chinese (Caravan's own translation).
        note_ru: What it shows, in Russian (Caravan's own translation).
    """

    seq: int
    date: date | None
    source_id: str | None
    publisher: str | None
    source_url: str | None
    event_id: str | None
    event_title: str | None
    event_title_zh: str | None = None
    event_title_ru: str | None = None
    locator: str | None
    note: str | None
    note_zh: str | None = None
    note_ru: str | None = None


@dataclass(frozen=True, kw_only=True)
class Commitment:
    """A promise made at an event: curated and assessed status, evidence, and target progress.

    Attributes:
        text: The promise in the curator's own words (English).
        text_zh: The same in Chinese (Caravan's own translation).
        text_ru: The same in Russian (Caravan's own translation).
        status: The curator's status.
        assessed_status: The tracker's status, from the evidence and the target.
        target: The target's evaluation: overall outcome, and under `reporters` the outcome by each
            reporter's own statistics (China's customs and the partner's office for a bilateral
            turnover), with the figures evaluated, their bounds and authorities, progress and projection.
    """

    id: str
    event_id: str
    event_title: str
    event_title_zh: str | None = None
    event_title_ru: str | None = None
    made_on: date
    text: str
    text_zh: str | None = None
    text_ru: str | None = None
    pillar: str
    countries: list[str]
    status: str
    assessed_status: str
    status_note: str | None
    source_id: str | None
    source_url: str | None
    publisher: str | None
    locator: str | None
    evidence: list[EvidenceItem] = field(default_factory=list)
    target: TargetProgress | None = None

    def text_in(self, lang: str) -> str:
        """The promise in a language (Caravan's own translation), English where it has none."""
        return str(getattr(self, f"text_{lang}", None) or self.text)

    def event_title_in(self, lang: str) -> str:
        """The event's title in a language, English where the ledger has none."""
        return str(getattr(self, f"event_title_{lang}", None) or self.event_title)

    @property
    def target_text(self) -> str | None:
        """The target in words: `trade.turnover CHN→C5 ≥ 70 bn USD by 2030-12-31`."""
        t = self.target
        if t is None:
            return None
        pair = f"{t.subject}→{t.counterpart}" if t.counterpart else t.subject
        return f"{t.indicator} {pair} ≥ {format_number(t.target_value)} {t.target_unit} by {t.by.isoformat()}"

    def target_text_in(self, lang: str, indicator_name: str, names: Callable[[str], str] | None = None) -> str | None:
        """The target in words in a language, named by its indicator: `贸易额 中国→中亚五国 ≥ 70 十亿美元`.

        In English too: `Visitor arrivals China→Kazakhstan ≥ 500,000 people by 2024-12-31`, not the
        indicator's id; the parties by `names` (an entity's name in the language, by id; ids without it).
        """
        t = self.target
        if t is None:
            return None
        name = names or str
        pair = f"{name(t.subject)}→{name(t.counterpart)}" if t.counterpart else name(t.subject)
        by = {"zh": "（{}前）", "ru": " (к {})"}.get(lang, " by {}").format(t.by.isoformat())
        unit = unit_label(t.target_unit, lang, t.target_value)
        return f"{indicator_name} {pair} ≥ {format_number(t.target_value, lang=lang)} {unit}{by}"

    def to_row(self) -> dict[str, Any]:
        """A flat row for listings."""
        t = self.target
        return {
            "id": self.id,
            "made_on": self.made_on,
            "event": self.event_id,
            "pillar": self.pillar,
            "countries": " ".join(self.countries),
            "status": self.status,
            "assessed_status": self.assessed_status,
            "target": self.target_text,
            "outcome": t.outcome.value if t else None,
            "by_reporter": t.by_reporter if t else None,
            "latest": t.latest.text if t and t.latest else None,
            "latest_source": t.latest.publisher if t and t.latest else None,
            "share_of_target": percent_meant(t.share_of_target) if t else None,
            "evidence": len(self.evidence),
            "text": self.text,
            "status_note": self.status_note,
        }

    def to_dict(self) -> dict[str, Any]:
        """Everything, as plain nested dicts."""
        out = asdict(self)
        out["target_text"] = self.target_text
        if self.target is not None:
            out["target"] = self.target.to_dict()
        return out


def assess_status(status: str, evidence: list[EvidenceItem], target: TargetProgress | None) -> tuple[str, str | None]:
    """The tracker's status from the curated one, the evidence and the target's evaluation.

    Args:
        status: The curated status.
        evidence: The commitment's evidence.
        target: The target's evaluation, if it names one.

    Returns:
        The assessed status and a note saying why it differs (None when it agrees).
    """
    if target is not None and target.outcome is Outcome.MET and status != "done":
        met = [
            Phrase("status.met_figure", figure=r.met_by.text, reporter=r.reporter) for r in target.reporters if r.met_by
        ]
        figures = Phrases(met) if met else Phrase("status.a_figure")
        return "done", Phrase("status.met_not_done", status=Term("commitment", status), figures=figures)
    if target is not None and target.outcome is Outcome.SPLIT:
        return status, Phrase("status.split", summary=target.by_reporter)
    deadline_passed = target is not None and target.assessed_on > target.by and target.outcome is Outcome.MISSED
    if deadline_passed and target is not None:
        if status == "done":
            return "lapsed", Phrase("status.done_below", deadline=target.by.isoformat())
        if status != "lapsed":
            return "lapsed", Phrase("status.lapsed", status=Term("commitment", status), deadline=target.by.isoformat())
    if target is not None and status in ("done", "lapsed"):
        if target.outcome in (Outcome.ON_TRACK, Outcome.BEHIND):
            outcome = Term("outcome", target.outcome.value)
            return "in-progress", Phrase("status.not_decided", status=Term("commitment", status), outcome=outcome)
        if not any(r.latest for r in target.reporters):
            return "unknown", Phrase("status.no_figure", status=Term("commitment", status))
    if status == "in-progress" and not evidence:
        return status, Phrase("status.no_evidence")
    return status, None


def _evidence(ledger: Ledger, commitment_ids: list[str]) -> dict[str, list[EvidenceItem]]:
    """The evidence of each of the commitments, in its order: one query for all of them."""
    if not commitment_ids:
        return {}
    rows = ledger.query(
        "SELECT v.commitment_id, v.seq, coalesce(v.date, e.date) AS date, v.source_id, s.publisher, "
        "s.url AS source_url, v.event_id, e.title_en AS event_title, e.title_zh AS event_title_zh, "
        "e.title_ru AS event_title_ru, v.locator, v.note, v.note_zh, v.note_ru, "
        "es.url AS event_url, es.publisher AS event_publisher "
        "FROM evidence v LEFT JOIN source s ON s.id = v.source_id LEFT JOIN event e ON e.id = v.event_id "
        "LEFT JOIN source es ON es.id = e.source_id "
        f"WHERE v.commitment_id IN ({', '.join('?' for _ in commitment_ids)}) ORDER BY v.commitment_id, v.seq",
        commitment_ids,
    )
    out: dict[str, list[EvidenceItem]] = {c: [] for c in commitment_ids}
    for r in rows:
        out[r["commitment_id"]].append(
            EvidenceItem(
                seq=r["seq"],
                date=r["date"],
                source_id=r["source_id"],
                publisher=r["publisher"] or r["event_publisher"],
                source_url=r["source_url"] or r["event_url"],
                event_id=r["event_id"],
                event_title=r["event_title"],
                locator=r["locator"],
                note=r["note"],
                event_title_zh=r["event_title_zh"],
                event_title_ru=r["event_title_ru"],
                note_zh=r["note_zh"],
                note_ru=r["note_ru"],
            )
        )
    return out


def _commitment_rows(ledger: Ledger, where: str = "", params: list[Any] | None = None) -> list[dict[str, Any]]:
    return ledger.query(
        "SELECT c.*, e.date AS made_on, e.title_en AS event_title, e.title_zh AS event_title_zh, "
        "e.title_ru AS event_title_ru, s.publisher, s.url AS source_url "
        "FROM commitment c JOIN event e ON e.id = c.event_id LEFT JOIN source s ON s.id = c.source_id "
        f"{where} ORDER BY e.date, c.id",
        params or [],
    )


def _build(ledger: Ledger, row: dict[str, Any], assessed_on: date | None, evidence: list[EvidenceItem]) -> Commitment:
    target = evaluate_target(ledger, row, assessed_on)
    assessed, note = assess_status(row["status"], evidence, target)
    return Commitment(
        id=row["id"],
        event_id=row["event_id"],
        event_title=row["event_title"],
        made_on=row["made_on"],
        text=row["text"],
        pillar=row["pillar"],
        countries=list(row["countries"] or []),
        status=row["status"],
        assessed_status=assessed,
        status_note=note,
        source_id=row["source_id"],
        source_url=row["source_url"],
        publisher=row["publisher"],
        locator=row["locator"],
        evidence=evidence,
        target=target,
        text_zh=row["text_zh"],
        text_ru=row["text_ru"],
        event_title_zh=row["event_title_zh"],
        event_title_ru=row["event_title_ru"],
    )


@dataclass(frozen=True)
class SummitTally:
    """What one event (a summit, a visit) promised, and how much of it the tracker finds done.

    Attributes:
        event_id: The event's id.
        title: The event's title by language (en, zh, ru where known).
        date: The day the event began.
        commitments: How many commitments it made.
        by_status: Commitments per assessed status; every status named.
        by_pillar: Commitments per pillar.
    """

    event_id: str
    title: dict[str, str]
    date: date
    commitments: int
    by_status: dict[str, int]
    by_pillar: dict[str, int]

    def to_dict(self) -> dict[str, Any]:
        """Plain dicts, every status named (a status with none counts 0, it is not missing)."""
        return asdict(self)


def summits(ledger: Ledger, assessed_on: date | None = None) -> list[SummitTally]:
    """Every event that made commitments, biggest first (then newest): counts per assessed status and pillar.

    The statuses are the tracker's assessed ones, as `list_commitments` gives them.
    """
    titles = {
        r["id"]: r
        for r in ledger.query(
            "SELECT id, date, title_en, title_zh, title_ru FROM event WHERE id IN (SELECT event_id FROM commitment)"
        )
    }
    grouped: dict[str, list[Commitment]] = {}
    for c in list_commitments(ledger, assessed_on=assessed_on):
        grouped.setdefault(c.event_id, []).append(c)
    out = []
    for event_id, items in grouped.items():
        row = titles[event_id]
        by_pillar: dict[str, int] = {}
        for c in items:
            by_pillar[c.pillar] = by_pillar.get(c.pillar, 0) + 1
        out.append(
            SummitTally(
                event_id=event_id,
                title={lang: row[f"title_{lang}"] for lang in ("en", "zh", "ru") if row[f"title_{lang}"]},
                date=row["date"],
                commitments=len(items),
                by_status={s: sum(c.assessed_status == s for c in items) for s in STATUSES},
                by_pillar=dict(sorted(by_pillar.items())),
            )
        )
    return sorted(out, key=lambda t: (-t.commitments, -t.date.toordinal(), t.event_id))


def list_commitments(
    ledger: Ledger,
    *,
    summit: str | None = None,
    pillar: str | None = None,
    country: str | None = None,
    status: str | None = None,
    assessed_on: date | None = None,
) -> list[Commitment]:
    """Commitments in the order they were made, with evidence and target progress.

    Args:
        ledger: The open ledger.
        summit: Only those made at this event (`summit.xian-2023`).
        pillar: Only this pillar (trade, transport, people, ...).
        country: Only commitments that concern this country: naming it or a group it is in; a group
            (C5) matches every commitment naming one of its members.
        status: Only this assessed status (the tracker's, see the module docstring).
        assessed_on: The date targets are assessed on; default today.

    Raises:
        InputError: `status` is not one of the statuses.
        NotFoundError: `country` is not an entity of the ledger, or `summit` made no commitment.
    """
    if status is not None and status not in STATUSES:
        raise InputError(f"status {status!r} is not one of {', '.join(STATUSES)}")
    where, params = [], []
    if summit is not None:
        made = [r["event_id"] for r in ledger.query("SELECT DISTINCT event_id FROM commitment ORDER BY 1")]
        if summit not in made:
            known = ", ".join(e for e in made if e.startswith("summit.")) or ", ".join(made[:5])
            raise NotFoundError(f"no commitments were made at {summit!r}; the summits that made some: {known}")
        where.append("c.event_id = ?")
        params.append(summit)
    if pillar is not None:
        where.append("c.pillar = ?")
        params.append(pillar)
    if country is not None:
        if not ledger.has_entity(country):
            raise NotFoundError(f"no entity {country!r}; use a country code such as KAZ or the group C5")
        # A commitment concerns a country if it names the country, names a group the country belongs
        # to (C5 for KAZ), or, for a group (C5), names any of its members.
        where.append(
            "(list_contains(c.countries, ?)"
            " OR list_has_any(c.countries, coalesce((SELECT members FROM entity WHERE id = ?), []::VARCHAR[]))"
            " OR EXISTS (SELECT 1 FROM entity g"
            " WHERE list_contains(c.countries, g.id) AND list_contains(g.members, ?)))"
        )
        params += [country, country, country]
    rows = _commitment_rows(ledger, ("WHERE " + " AND ".join(where)) if where else "", params)
    evidence = _evidence(ledger, [r["id"] for r in rows])
    out = [_build(ledger, r, assessed_on, evidence[r["id"]]) for r in rows]
    return [c for c in out if status is None or c.assessed_status == status]


def get_commitment(ledger: Ledger, commitment_id: str, assessed_on: date | None = None) -> Commitment:
    """One commitment with its evidence and target progress.

    Raises:
        NotFoundError: No commitment has that id.
    """
    rows = _commitment_rows(ledger, "WHERE c.id = ?", [commitment_id])
    if not rows:
        raise NotFoundError(f"no commitment {commitment_id!r}", hint="`caravan commitments` lists them")
    return _build(ledger, rows[0], assessed_on, _evidence(ledger, [commitment_id])[commitment_id])
