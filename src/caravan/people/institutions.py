"""Luban Workshops and Confucius Institutes (which, where, since when), and visa regimes as dated events.

Workshops and institutes are entities of kind `workshop` and `institution`
whose curated attributes give the host, the city, the opening date (`opened`,
as precise as the source: a year, a month or a day) and the source. Visa
regimes are events of kind `visa` (a regime entering into force) and
agreements whose English title speaks of visas (the signature).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from datetime import date
from typing import Any, ClassVar

from caravan.errors import NotFoundError
from caravan.ledger.store import Ledger
from caravan.people.figures import XIAN_SUMMIT
from caravan.periods import parse_date, parse_period
from caravan.results import Column, Result, declare, dimension, label

INSTITUTION_KINDS = {"workshop": "Luban Workshop", "institution": "Confucius Institute"}

INSTITUTION_COLUMNS = declare(
    dimension("id", label("Id", "编号", "Идентификатор"), "The entity's id in the ledger."),
    dimension("kind", label("Kind", "类型", "Вид"), "Luban Workshop or Confucius Institute."),
    dimension("name", label("Name", "名称", "Название")),
    dimension("name_zh", label("Name in Chinese", "中文名称", "Название на китайском")),
    dimension("name_ru", label("Name in Russian", "俄文名称", "Название на русском")),
    dimension("country", label("Country", "国家", "Страна")),
    dimension("city", label("City", "城市", "Город")),
    dimension("host", label("Host", "承办方", "Принимающая сторона"), "The university or college that hosts it."),
    dimension("opened", label("Opened", "开设时间", "Открыт"), "As precise as the source: a year, a month or a day."),
    dimension(
        "opened_since_summit",
        label("Opened since the summit", "峰会后开设", "Открыт после саммита"),
        "Whether it opened after the date asked for; empty where the opening date cannot place it.",
    ),
    dimension("source_id", label("Source", "来源", "Источник")),
    dimension("publisher", label("Publisher", "发布方", "Издатель")),
    dimension("source_url", label("Source address", "来源网址", "Адрес источника")),
    dimension("note", label("Note", "备注", "Примечание")),
)
"""What each column of the workshops and institutes table (`Institution`) means."""


@dataclass(frozen=True)
class Institution:
    """A Luban Workshop or a Confucius Institute."""

    id: str
    kind: str
    name: str
    name_zh: str | None
    name_ru: str | None
    country: str | None
    city: str | None
    host: str | None
    opened: str | None
    opened_since_summit: bool | None
    source_id: str | None
    publisher: str | None
    source_url: str | None
    note: str | None

    def to_dict(self) -> dict[str, Any]:
        """As a plain dict."""
        return asdict(self)


@dataclass
class InstitutionsResult(Result):
    """The workshops and institutes table: rows, what each column means, and the sources."""

    declared: ClassVar[Mapping[str, Column]] = INSTITUTION_COLUMNS


def _opened_after(opened: str | None, since: date) -> bool | None:
    """Whether an opening date (as precise as written) falls after `since`; None when unknown or ambiguous."""
    if not opened:
        return None
    if opened.count("-") == 2:
        first = last = parse_date(opened)
    else:
        span = parse_period(opened)
        first, last = span.start, span.end
    if first > since:
        return True
    if last <= since:
        return False
    return None


def institutions(ledger: Ledger, country: str | None = None, since: date = XIAN_SUMMIT) -> InstitutionsResult:
    """Luban Workshops and Confucius Institutes, by country and opening date.

    Args:
        ledger: The open ledger.
        country: Only those in this country (C5: all five).
        since: The date `opened_since_summit` is measured against.

    Raises:
        NotFoundError: `country` is not in the ledger.
    """
    params: list[Any] = list(INSTITUTION_KINDS)
    where = "e.kind IN (?, ?)"
    if country is not None:
        if not ledger.has_entity(country):
            raise NotFoundError(f"no entity {country!r}; use a country code such as KAZ or the group C5")
        where += " AND (e.parent = ? OR e.parent IN (SELECT unnest(members) FROM entity WHERE id = ?))"
        params += [country, country]
    rows = ledger.query(f"SELECT e.* FROM entity e WHERE {where} ORDER BY e.kind DESC, e.parent, e.id", params)
    sources = {r["id"]: r for r in ledger.query("SELECT id, publisher, title, url FROM source")}
    out = []
    for r in rows:
        attrs = json.loads(r["attributes"]) if r["attributes"] else {}
        opened = str(attrs["opened"]) if attrs.get("opened") else None
        src = sources.get(attrs.get("source") or "")
        out.append(
            Institution(
                id=r["id"],
                kind=INSTITUTION_KINDS[r["kind"]],
                name=r["name_en"],
                name_zh=r["name_zh"],
                name_ru=r["name_ru"],
                country=r["parent"],
                city=attrs.get("city"),
                host=attrs.get("host"),
                opened=opened,
                opened_since_summit=_opened_after(opened, since),
                source_id=src["id"] if src else None,
                publisher=src["publisher"] if src else None,
                source_url=src["url"] if src else None,
                note=attrs.get("note"),
            )
        )
    cited = sorted({i.source_id for i in out if i.source_id})
    return InstitutionsResult(
        title=f"{len(out)} workshops and institutes",
        columns=[f.name for f in fields(Institution)],
        rows=[i.to_dict() for i in out],
        sources=[{k: sources[i][k] for k in ("id", "publisher", "title", "url")} for i in cited],
        row_sources=[[i.source_id] if i.source_id else [] for i in out],
    )


def visa_events(ledger: Ledger, country: str | None = None) -> list[dict[str, Any]]:
    """Visa regimes as dated events: signatures and entries into force, with sources.

    Args:
        ledger: The open ledger.
        country: Only events this country took part in.
    """
    params: list[Any] = []
    where = "(e.kind = 'visa' OR (e.kind = 'agreement' AND lower(e.title_en) LIKE '%visa%'))"
    if country is not None:
        if not ledger.has_entity(country):
            raise NotFoundError(f"no entity {country!r}; use a country code such as KAZ or the group C5")
        where += (
            " AND (list_contains(e.participants, ?) OR list_has_any(e.participants, "
            "(SELECT members FROM entity WHERE id = ?)))"
        )
        params += [country, country]
    return ledger.query(
        "SELECT e.id, e.date, e.kind, e.title_en, e.title_zh, e.title_ru, e.participants, e.note, "
        "e.source_id, s.publisher, s.url AS source_url, e.locator "
        f"FROM event e JOIN source s ON s.id = e.source_id WHERE {where} ORDER BY e.date, e.id",
        params,
    )


def openings_since(ledger: Ledger, country: str | None = None, since: date = XIAN_SUMMIT) -> list[dict[str, Any]]:
    """How many workshops and institutes were open by a date, and how many opened after it.

    An institution whose opening date is not precise enough to place it
    (e.g. `2023` for a summit in May 2023), or unknown, is counted apart.

    Args:
        ledger: The open ledger.
        country: Only those in this country (C5: all five).
        since: The dividing date (default the Xi'an summit).

    Returns:
        One row per kind: `open_by`, `opened_after`, `undated`, and the ids of those opened after.
    """
    rows: dict[str, dict[str, Any]] = {}
    for inst in institutions(ledger, country, since).rows:
        row = rows.setdefault(
            inst["kind"],
            {
                "kind": inst["kind"],
                "since": since,
                "open_by": 0,
                "opened_after": 0,
                "undated": 0,
                "opened_after_ids": [],
            },
        )
        if inst["opened_since_summit"] is None:
            row["undated"] += 1
        elif inst["opened_since_summit"]:
            row["opened_after"] += 1
            row["opened_after_ids"].append(inst["id"])
        else:
            row["open_by"] += 1
    return list(rows.values())
