"""What a briefing says: every part assembled from the ledger and the analyses, each figure with its sources.

A briefing is about one of the six countries or the group C5. China's
briefing (and C5's) looks at China with the five together. Everything shown
as a figure is a `Cited`: its text and the ids of the sources behind it (for
a derived figure, the sources of the figures it was computed from).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from caravan.errors import InputError
from caravan.figures import format_number, readable_units, shown, unit_label
from caravan.institutions.commitments import list_commitments
from caravan.institutions.targets import Figure, select_series
from caravan.ledger.store import Ledger
from caravan.overview import PILLARS, headline
from caravan.people.figures import XIAN_SUMMIT, since_summit
from caravan.people.institutions import institutions
from caravan.regions import C5, FIVE, SIX
from caravan.reports import charts
from caravan.reports.labels import LANGUAGES, label
from caravan.units import scale
from caravan.vocabulary import period_label, term

SUBJECTS = (*SIX, C5)
CORRIDOR_KINDS = ("crossing", "line", "port", "station", "terminal", "road", "pipeline")
TIMELINE_YEARS = 6
TIMELINE_MAX = 24


@dataclass(frozen=True)
class Cited:
    """A figure (or dated fact) as shown, with the sources behind it."""

    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Chart:
    """A chart as SVG, with its title and the sources of every value drawn."""

    title: str
    svg: str
    sources: tuple[str, ...]
    figures: tuple[Cited, ...] = ()


@dataclass
class Briefing:
    """Everything a briefing shows, in order."""

    country: str
    lang: str
    name: str
    generated: date
    built_at: str | None
    headlines: list[tuple[str, Cited | None, str | None]] = field(default_factory=list)
    trade: Chart | None = None
    composition: Chart | None = None
    pipelines: Chart | None = None
    places: list[dict[str, str]] = field(default_factory=list)
    links: list[dict[str, Any]] = field(default_factory=list)
    people: list[dict[str, Any]] = field(default_factory=list)
    institutes: list[dict[str, Any]] = field(default_factory=list)
    events: list[tuple[date, str, Cited]] = field(default_factory=list)
    commitments: list[dict[str, Any]] = field(default_factory=list)

    @property
    def region_view(self) -> bool:
        """Whether the briefing looks at China with the five together (CHN and C5)."""
        return self.country in ("CHN", "C5")


def _sources_of(ledger: Ledger, observation_id: str, source_id: str | None) -> tuple[str, ...]:
    if source_id:
        return (source_id,)
    return tuple(sorted({r["source_id"] for r in ledger.lineage(observation_id) if r["source_id"]}))


def _shown(ledger: Ledger, observation_id: str, period: str, lang: str = "en") -> str:
    """An observation as a reader sees it: in its indicator's display unit, the bound as a word, with its period."""
    return f"{shown(ledger.observation(observation_id), lang)} ({period_label(period, lang)})"


def _figure(ledger: Ledger, f: Figure, lang: str = "en") -> Cited:
    return Cited(_shown(ledger, f.observation_id, f.period, lang), _sources_of(ledger, f.observation_id, f.source_id))


Names = dict[str, dict[str, Any]]
"""Every entity by id, read once per briefing (`_names`): a name is looked up for each series and pair."""


def _names(ledger: Ledger) -> Names:
    return {e["id"]: e for e in ledger.entities()}


def _name(names: Names, entity_id: str, lang: str) -> str:
    entity = names.get(entity_id)
    if entity is None:
        return entity_id
    return entity.get(f"name_{lang}") or entity["name_en"]


def _indicator_name(ledger: Ledger, indicator_id: str, lang: str) -> str:
    indicator = ledger.indicator(indicator_id)
    return str(indicator.get(f"name_{lang}") or indicator["name"])


def _partner(country: str) -> str:
    """The other side of China's bilateral figures in a briefing (the five together for CHN and C5)."""
    return "C5" if country in ("CHN", "C5") else country


def _members(country: str) -> tuple[str, ...]:
    return FIVE if country in ("CHN", "C5") else (country,)


def _headlines(ledger: Ledger, country: str, lang: str) -> list[tuple[str, Cited | None, str | None]]:
    out: list[tuple[str, Cited | None, str | None]] = []
    for pillar in PILLARS:
        h = headline(ledger, country, pillar)
        if h.source_id is None:
            out.append((label(pillar, lang), None, None))
            continue
        text = h.text
        if h.titles:  # an event: its title in the language
            text = f"{h.titles.get(lang) or h.titles['en']} ({h.period})"
        if h.value is not None:
            # The period is the headline's date; an old one (ended over three years ago) says so.
            old = f", {label('old', lang)}" if h.old else ""
            text = f"{shown(h.to_dict(), lang)} ({period_label(h.period, lang)}{old})"
        name = _indicator_name(ledger, h.indicator, lang) if h.indicator else None
        out.append((label(pillar, lang), Cited(text, (h.source_id,)), name))
    return out


def _trade(ledger: Ledger, names: Names, country: str, lang: str, cache: Path | None) -> Chart | None:
    partner = _partner(country)
    sides = {"CHN": ("CHN", partner), partner: (partner, "CHN")}
    # One scale on the axis: every value in the indicator's display unit (bn USD), as the dashboard draws it.
    ind = ledger.indicator("trade.turnover")
    display = ind.get("display_unit") or ind["unit"]
    series: dict[str, list[tuple[int, float]]] = {}
    sources: set[str] = set()
    figures: list[Cited] = []
    for reporter, (subject, counterpart) in sides.items():
        picked = select_series(ledger.series_rows("trade.turnover", subject, counterpart), "flow")
        if not picked:
            continue
        name = f"{label('reported_by', lang)} {_name(names, reporter, lang)}"
        series[name] = [(f.period_end.year, scale(f.value_std, ind["unit"], display)) for f in picked]
        for f in picked:
            sources.update(_sources_of(ledger, f.observation_id, f.source_id))
        latest = _figure(ledger, picked[-1], lang)
        figures.append(Cited(f"{name}: {latest.text}", latest.sources))
    if not series:
        return None
    title = label("trade_chart_chn" if country in ("CHN", "C5") else "trade_chart", lang)
    svg = charts.line_chart(series, unit_label(display, lang), cache=cache)
    return Chart(title, svg, tuple(sorted(sources)), tuple(figures))


def _composition(ledger: Ledger, country: str, lang: str, cache: Path | None) -> Chart | None:
    """China's exports to and imports from the country by HS chapter, from `caravan.trade.products`.

    The product-level dataset is the one the trade analyses prefer (BACI, else Comtrade) and the
    year its latest with trade between China and the members; bars are in the result's display unit.
    """
    from caravan.ledger.backends import open_trade
    from caravan.settings import Settings

    members = list(_members(country))
    with open_trade(Settings(ledger=ledger.path)) as tables:
        if not tables.datasets()["trade_flow"]:
            return None  # nothing imported: no expression to build, and Ibis is not imported
        from caravan.trade.flows import pick_dataset
        from caravan.trade.products import products
        from caravan.trade.totals import flows_between

        dataset = pick_dataset(tables, products=True)
        years = [r["year"] for r in flows_between(tables, ["CHN"], members, dataset=dataset).rows]
        if not years:
            return None
        year = max(years)
        sides = {
            "exports_to": products(tables, ["CHN"], members, year=year, limit=8, dataset=dataset),
            "imports_from": products(tables, members, ["CHN"], year=year, limit=8, dataset=dataset),
        }
    bars: dict[str, list[tuple[str, float]]] = {}
    sources: set[str] = set()
    shown_in = next(iter(sides.values())).display()
    for key, result in sides.items():
        if not result.rows:
            continue
        bars[f"{label(key, lang)}, {year}"] = [
            (f"{r['code']} {r.get('name') or ''}".strip().rstrip("."), r["value_usd"] / shown_in["scale"])
            for r in result.rows
        ]
        sources.update(s["id"] for s in result.sources)
    if not bars:
        return None
    return Chart(
        f"{label('composition', lang)} ({dataset}, {year})",
        charts.bar_chart(bars, shown_in["label"], cache=cache),
        tuple(sorted(sources)),
    )


def _pipelines(ledger: Ledger, country: str, lang: str, cache: Path | None) -> Chart | None:
    subject = _partner(country)
    panels: dict[str, list[tuple[str, float]]] = {}
    sources: set[str] = set()
    figures: list[Cited] = []
    for indicator in ("gas.delivered", "oil.delivered"):
        picked = select_series(ledger.series_rows(indicator, subject, "CHN"), "flow")
        if not picked:
            continue
        ind = ledger.indicator(indicator)
        # One scale per panel: every value in the indicator's display unit, never a source's 亿 or 万.
        display = ind.get("display_unit") or ind["unit"]
        panels[f"{_indicator_name(ledger, indicator, lang)} ({unit_label(display, lang)})"] = [
            (f.period, scale(f.value_std, ind["unit"], display)) for f in picked
        ]
        for f in picked:
            sources.update(_sources_of(ledger, f.observation_id, f.source_id))
        figures.append(_figure(ledger, picked[-1], lang))
    if not panels:
        return None
    svg = charts.column_chart(panels, cache=cache)
    return Chart(label("pipelines", lang), svg, tuple(sorted(sources)), tuple(figures))


def _places(ledger: Ledger, country: str, lang: str) -> list[dict[str, str]]:
    rows = ledger.entities_within(_members(country), CORRIDOR_KINDS)
    return [
        {"kind": str(term("entitykind", r["kind"], lang)), "name": r.get(f"name_{lang}") or r["name_en"]} for r in rows
    ]


def _links(ledger: Ledger, country: str, lang: str) -> list[dict[str, Any]]:
    out = []
    for r in ledger.edges_touching(_members(country)):
        sources = tuple(r["source_ids"] or ())
        a = r.get(f"a_{lang}") or r["a_en"]
        b = r.get(f"b_{lang}") or r["b_en"]
        length = None
        if r["length_km"] is not None and sources:
            method = "" if r["length_method"] == "reported" else f" ({term('length_method', r['length_method'], lang)})"
            length = Cited(f"{format_number(round(r['length_km']))} km{method}", sources)
        capacity = None
        if r["capacity"] is not None and sources:
            capacity = Cited(f"{format_number(r['capacity'])} {unit_label(r['capacity_unit'], lang)}", sources)
        out.append(
            {
                "mode": term("mode", r["mode"], lang),
                "name": f"{a} – {b}",
                "status": term("linkstatus", r["status"], lang),
                "length": length,
                "capacity": capacity,
                "sources": sources,
            }
        )
    return out


def _people(ledger: Ledger, names: Names, country: str, lang: str) -> list[dict[str, Any]]:
    scope = _partner(country)
    out = []
    for c in since_summit(ledger, scope):
        if country in ("CHN", "C5") and "C5" not in (c.subject, c.counterpart):
            continue
        before = _figure_at(c.before, lang)
        after = _figure_at(c.after, lang)
        change = None
        if c.comparable and c.change_percent is not None and before and after:
            word = f"{term('change_bound', c.change_bound, lang)} " if c.change_bound != "exact" else ""
            change = Cited(f"{word}{c.change_percent:+.0f}%", before.sources + after.sources)
        pair = (
            f"{_name(names, c.subject, lang)} → {_name(names, c.counterpart, lang)}"
            if c.counterpart
            else _name(names, c.subject, lang)
        )
        out.append(
            {
                "indicator": getattr(c, f"indicator_name_{lang}", None) or c.indicator_name,
                "pair": pair,
                "before": before,
                "after": after,
                "change": change,
                "comparable": c.comparable or c.before is None or c.after is None,
            }
        )
    return out


def _figure_at(f: Any, lang: str) -> Cited | None:
    """A people figure (before or after the summit) as shown, with its period, in the language."""
    if f is None:
        return None
    return Cited(f"{shown(f.to_dict(), lang)} ({period_label(f.period, lang)})", (f.source_id,))


def _institutes(ledger: Ledger, country: str, lang: str) -> list[dict[str, Any]]:
    out = []
    for inst in institutions(ledger, _partner(country), XIAN_SUMMIT).rows:
        name = {"zh": inst["name_zh"], "ru": inst["name_ru"]}.get(lang) or inst["name"]
        opened = Cited(inst["opened"], (inst["source_id"],)) if inst["opened"] and inst["source_id"] else None
        out.append(
            {
                "kind": term("institution_kind", inst["kind"], lang),
                "name": name,
                "country": inst["country"],
                "opened": opened,
            }
        )
    return out


def _events(ledger: Ledger, country: str, lang: str, today: date) -> list[tuple[date, str, Cited]]:
    since = date(today.year - TIMELINE_YEARS, 1, 1)
    members = list(_members(country)) if country != "CHN" else ["CHN"]
    rows = [
        e
        for e in ledger.events(since=since.isoformat())
        if e["date"] <= today and set(members) & set(e["participants"] or [])
    ]
    rows = rows[-TIMELINE_MAX:]
    out = []
    for e in rows:
        title = e.get(f"title_{lang}") or e["title_en"]
        out.append((e["date"], title, Cited(e["date"].isoformat(), (e["source_id"],))))
    return out


def _commitments(ledger: Ledger, country: str, lang: str, today: date) -> list[dict[str, Any]]:
    out = []
    name = ledger.namer(lang)
    for c in list_commitments(ledger, country=None if country == "CHN" else country, assessed_on=today):
        sources = tuple(s for s in [c.source_id] if s) or tuple(e.source_id for e in c.evidence if e.source_id)[:1]
        row: dict[str, Any] = {
            "id": c.id,
            "made_on": c.made_on,
            "text": Cited(c.text_in(lang), sources),
            "status": term("commitment", c.assessed_status, lang),
            "status_note": c.status_note,
            "target": None,
            "outcome": None,
            "latest": None,
            "projection": None,
        }
        t = c.target
        if t is not None:
            words = c.target_text_in(lang, _indicator_name(ledger, t.indicator, lang), name)
            row["target"] = Cited(readable_units(words) or "", sources)
            row["outcome"] = term("outcome", t.outcome.value, lang)
            if t.latest is not None:
                latest = _figure(ledger, t.latest, lang)
                share = f"; {t.share_of_target:.0f}%" if t.share_of_target is not None else ""
                row["latest"] = Cited(latest.text + share, latest.sources)
            if t.projection is not None:
                row["projection"] = Cited(
                    _projection(ledger, t, lang),
                    _figure(ledger, t.projection.earlier).sources + _figure(ledger, t.projection.later).sources,
                )
        out.append(row)
    return out


# A projection in words: the two figures it runs through, the yearly growth, the deadline and the value there.
_PROJECTION = {
    "zh": "预测：{earlier} 至 {later} 年均 {growth:+.1f}%，至 {by} 可达 {value} {unit}",
    "ru": "Прогноз: от {earlier} до {later} — {growth:+.1f}% в год; к {by} — {value} {unit}",
}


def _projection(ledger: Ledger, t: Any, lang: str) -> str:
    """A target's projection as the briefing states it (the analysis's own description in English)."""
    p = t.projection
    if lang not in _PROJECTION:
        return readable_units(p.description) or ""
    unit = ledger.indicator(t.indicator)["unit"]
    return _PROJECTION[lang].format(
        earlier=_figure(ledger, p.earlier, lang).text,
        later=_figure(ledger, p.later, lang).text,
        growth=p.annual_growth * 100,
        by=t.by.isoformat(),
        value=format_number(round(scale(p.projected_std, unit, t.target_unit), 2)),
        unit=unit_label(t.target_unit, lang),
    )


def assemble(
    ledger: Ledger, country: str, lang: str = "en", today: date | None = None, *, charts_cache: Path | None = None
) -> Briefing:
    """Assemble a briefing on one country or the group C5.

    Args:
        ledger: The open ledger.
        country: CHN, KAZ, KGZ, TJK, TKM, UZB or C5.
        lang: en, zh or ru (headings and names; figures and sources as published).
        today: The date of the briefing (targets are assessed on it); default today.
        charts_cache: A folder of charts drawn before (`Settings.charts_cache_dir`); None draws them.

    Raises:
        InputError: The country or the language is not one a briefing covers.
    """
    if country not in SUBJECTS:
        raise InputError(f"no briefing for {country!r}; choose one of {', '.join(SUBJECTS)}")
    if lang not in LANGUAGES:
        raise InputError(f"language {lang!r} is not available; choose one of {', '.join(LANGUAGES)}")
    when = today or date.today()
    names = _names(ledger)
    briefing = Briefing(
        country=country,
        lang=lang,
        name=_name(names, country, lang),
        generated=when,
        built_at=ledger.meta.get("built_at"),
    )
    briefing.headlines = _headlines(ledger, country, lang)
    briefing.trade = _trade(ledger, names, country, lang, charts_cache)
    briefing.composition = _composition(ledger, country, lang, charts_cache)
    briefing.pipelines = _pipelines(ledger, country, lang, charts_cache)
    briefing.places = _places(ledger, country, lang)
    briefing.links = _links(ledger, country, lang)
    briefing.people = _people(ledger, names, country, lang)
    briefing.institutes = _institutes(ledger, country, lang)
    briefing.events = _events(ledger, country, lang, when)
    briefing.commitments = _commitments(ledger, country, lang, when)
    return briefing
