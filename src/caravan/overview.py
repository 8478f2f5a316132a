"""The overview: for China and each of the five, the headline figure of every pillar.

A headline is the latest cited figure of the pillar's preferred indicators
that concerns the country (with China's row showing China's view of the
region); for institutions it is the latest event the country took part in.

Of the figures for the latest year, the best tier wins (official, then
operator, media, research); an annual volume comes before a daily count or a
level at a date; a figure that rests only on a secondary site never heads a
pillar. Each headline shows its date, and one whose period ended more than
three years ago is marked old.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from datetime import date
from typing import Any

from caravan.figures import format_number
from caravan.ledger.store import Ledger, ObservationFilter
from caravan.periods import years_before
from caravan.regions import FIVE, SIX
from caravan.sources.vocabulary import tier_rank_sql

COUNTRIES = SIX
PILLARS = ("trade", "investment", "transport", "energy", "people", "institutions")
OLD_AFTER_YEARS = 3


def is_old(period_end: date, today: date | None = None) -> bool:
    """Whether a figure's period ended more than three years before today."""
    return period_end < years_before(today or date.today(), OLD_AFTER_YEARS)


PREFERRED: dict[str, tuple[str, ...]] = {
    "trade": ("trade.turnover",),
    "investment": ("fdi.stock", "fdi.flow", "contracting.completed"),
    "transport": ("rail.trains", "rail.cargo", "rail.transit.teu", "rail.teu"),
    "energy": ("gas.delivered", "gas.delivered.cumulative", "gas.capacity", "oil.delivered"),
    "people": ("students.in_china", "twinning.pairs", "flights.per_week", "students.from_china"),
}


@dataclass(frozen=True)
class Headline:
    """One cell of the overview: the latest cited figure of a pillar for a country (or an event), with its source.

    Attributes:
        as_of: Last day the figure covers (ISO date).
        old: The figure's period ended more than three years ago.
        primary: Name of the authority whose figure it is.
        series: Yearly values of the same indicator and pair.
        titles: An event's title by language (the institutions pillar).
    """

    country: str
    pillar: str
    indicator: str | None
    text: str
    period: str | None
    value: float | None
    unit: str | None
    source_id: str | None
    publisher: str | None
    url: str | None
    observation_id: str | None = None
    series: tuple[dict[str, Any], ...] = ()
    as_of: str | None = None
    old: bool = False
    tier: str | None = None
    primary: str | None = None
    bound: str = "exact"
    titles: dict[str, str] | None = None

    def to_dict(self) -> dict[str, Any]:
        """As a plain dict."""
        return asdict(self)


def _about(country: str) -> tuple[str, list[Any]]:
    """SQL condition for observations that concern a country (China: the region)."""
    if country == "CHN":
        return "(o.subject = 'CHN' AND o.counterpart = 'C5') OR (o.subject = 'C5' AND o.counterpart = 'CHN')", []
    return (
        "(o.subject = ? AND (o.counterpart = 'CHN' OR o.counterpart IS NULL)) "
        "OR (o.subject = 'CHN' AND o.counterpart = ?) "
        "OR o.subject IN (SELECT id FROM entity WHERE parent = ?)",
        [country, country, country],
    )


def headline(ledger: Ledger, country: str, pillar: str) -> Headline:
    """The headline figure of one pillar for one country."""
    if pillar == "institutions":
        rows = ledger.query(
            "SELECT e.id, e.date, e.title_en, e.title_zh, e.title_ru, e.source_id, s.publisher, s.url FROM event e "
            "JOIN source s ON s.id = e.source_id WHERE list_contains(e.participants, ?) "
            "ORDER BY e.date DESC LIMIT 1",
            [country],
        )
        if not rows:
            return Headline(country, pillar, None, "—", None, None, None, None, None, None)
        r = rows[0]
        return Headline(
            country,
            pillar,
            None,
            f"{r['title_en']} ({r['date']})",
            str(r["date"]),
            None,
            None,
            r["source_id"],
            r["publisher"],
            r["url"],
            titles={lang: r[f"title_{lang}"] for lang in ("en", "zh", "ru") if r[f"title_{lang}"]},
        )
    cond, params = _about(country)
    preferred = PREFERRED.get(pillar, ())
    order = " ".join(f"WHEN ? THEN {i}" for i in range(len(preferred)))
    rank = f"CASE o.indicator {order} ELSE {len(preferred)} END" if preferred else "0"
    rows = ledger.query(
        f"""
        SELECT o.id, o.indicator, o.period, o.period_end, coalesce(o.value_display, o.value_std) AS value,
               coalesce(i.display_unit, o.unit_std) AS unit, coalesce(o.bound, 'exact') AS bound,
               o.source_id, s.publisher, s.url, s.tier, a.name_en AS primary_name, o.method
        FROM observation o JOIN indicator i ON i.id = o.indicator
        LEFT JOIN source s ON s.id = o.source_id LEFT JOIN authority a ON a.id = o.primary_authority
        WHERE i.pillar = ? AND NOT i.derived AND o.method <> 'derived' AND ({cond})
          AND coalesce(s.tier, '') <> 'secondary'
        ORDER BY {rank}, (o.period_kind = 'year' AND i.kind = 'flow') DESC,
                 (o.period_kind IN ('year', 'cumulative-to-date', 'as-of')) DESC,
                 year(o.period_end) DESC, {tier_rank_sql("s.tier")}, o.period_end DESC, o.source_id
        LIMIT 1
        """,
        [pillar, *params, *preferred],
    )
    if not rows:
        return Headline(country, pillar, None, "—", None, None, None, None, None, None)
    r = rows[0]
    qualifier = {"lower": "over ", "upper": "under ", "approximate": "about "}.get(r["bound"], "")
    old = is_old(r["period_end"])
    text = f"{qualifier}{format_number(r['value'])} {r['unit']} ({r['period']}{', old' if old else ''})"
    return Headline(
        country,
        pillar,
        r["indicator"],
        text,
        r["period"],
        r["value"],
        r["unit"],
        r["source_id"],
        r["publisher"],
        r["url"],
        r["id"],
        as_of=r["period_end"].isoformat(),
        old=old,
        tier=r["tier"],
        primary=r["primary_name"],
        bound=r["bound"],
    )


def overview(ledger: Ledger, *, series: bool = False) -> list[Headline]:
    """Every pillar's headline for China and each of the five countries.

    Args:
        ledger: An open ledger.
        series: Also give each figure's yearly series from the same publisher
            (for sparklines; one query per cell).
    """
    cells = [headline(ledger, c, p) for c in COUNTRIES for p in PILLARS]
    if not series:
        return cells
    out = []
    for cell in cells:
        points: tuple[dict[str, Any], ...] = ()
        if cell.observation_id:
            obs = ledger.observation(cell.observation_id)
            points = tuple(ledger.yearly_series(obs["indicator"], obs["subject"], obs["counterpart"]))
        out.append(replace(cell, series=points))
    return out


@dataclass(frozen=True)
class GroupShares:
    """Each of the five's share of China's trade with them, for one year in which every one has a share.

    Attributes:
        period: The year shown: the latest in which each of the five has a share (None: no such year).
        rows: One share per member, in member order (derived by the build from one publisher family's
            figures, with their lineage); an exact share before a bound one, then by observation id.
        incomplete: Later years with shares for some of the five only (the others' figures are bounds,
            "over 48.6 bn", whose share is no figure), each with the members it lacks.
    """

    period: str | None
    rows: list[dict[str, Any]]
    incomplete: dict[str, list[str]]


def group_shares(ledger: Ledger, indicator: str = "trade.turnover", subject: str = "CHN") -> GroupShares:
    """The five's shares of `subject`'s `indicator` with the five, in the latest year all five have one.

    The shares drawn together are of one total (the build derives each share from a member's figure and
    a group total of the same publisher family): five shares of one total, each exact. A year where no
    total has all five is never drawn as if complete (three bars that add up to 29 %): it is named in
    `incomplete` with the members it lacks (a share of a bound, "over 48.6 bn", is no figure).
    """
    rows = ledger.observations(ObservationFilter(indicator=f"{indicator}.share_of_group", subject=subject))
    by_total: dict[tuple[str, str], dict[str, dict[str, Any]]] = {}
    for r in sorted(rows, key=lambda r: r["id"]):
        if r["period_kind"] == "year" and r["counterpart"] in FIVE and r["bound"] == "exact" and r["derived_from"]:
            by_total.setdefault((r["period"], r["derived_from"][-1]), {}).setdefault(r["counterpart"], r)
    complete = {p: found for (p, _), found in sorted(by_total.items(), reverse=True) if len(found) == len(FIVE)}
    period = max(complete) if complete else None
    found_in: dict[str, set[str]] = {}
    for (p, _), found in by_total.items():
        found_in.setdefault(p, set()).update(found)
    later = {r["period"] for r in rows if r["period_kind"] == "year" and (period is None or r["period"] > period)}
    incomplete = {p: [m for m in FIVE if m not in found_in.get(p, set())] for p in sorted(later)}
    chosen = complete.get(period, {}) if period else {}
    return GroupShares(period, [chosen[m] for m in FIVE], incomplete)
