"""Which ledger observations a claim can be compared with.

Matching works on whatever indicators the curators define: a claim's family
(`trade`, `rail`, `gas`, ...) selects indicator families in the ledger, its unit
selects indicators of the same dimension (pint), and the words of its indicator
id rank them (`gas.delivered.cumulative` prefers `gas.delivered.cumulative`
to `gas.delivered`). Direction matters: a flow's subject and counterpart match in
their order (Chinese students in Kazakhstan are not Kazakh students in China);
only quantities symmetric in their parties (turnover, sister-city pairs, mutual
investment) match either way round, and even then whose statistics a figure is
(its `reporter`) stays the figure's own. Periods are compared by kind and dates.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

import duckdb

from caravan.claims.claim import Claim
from caravan.claims.mentions import Places, build_places
from caravan.errors import InputError

# Claim family -> ledger indicator families that can hold its figures.
LEDGER_FAMILIES = {
    "trade": ("trade",),
    "rail": ("rail", "corridor", "crossing", "line", "terminal"),
    "gas": ("gas", "pipeline"),
    "invest": ("fdi", "investment"),
    "contracting": ("contracting",),
    "students": ("students",),
    "twinning": ("twinning",),
    "flights": ("flights",),
    "visa": ("visa",),
    "health": ("health",),
    "population": ("population",),
    "event": ("event",),
}
NAMED_KINDS = ("pipeline", "line", "crossing", "project", "terminal", "port", "station")
_STOP = {
    "the",
    "and",
    "for",
    "with",
    "rail",
    "railway",
    "border",
    "crossing",
    "route",
    "line",
    "international",
    "газопровод",
    "железная",
    "дорога",
    "переход",
    "железнодорожный",
}
# Claim unit -> (an indicator's canonical unit, how many of it one claim unit is). The ledger
# stores every value also in its indicator's canonical unit (`value_std`), so most comparisons
# need no unit library at all; pint (slow to load) is the fallback for other spellings.
CANONICAL = {
    "USD": ("USD", 1.0),
    "CNY": ("CNY", 1.0),
    "KZT": ("KZT", 1.0),
    "EUR": ("EUR", 1.0),
    "percent": ("percent", 1.0),
    "bcm": ("m**3", 1e9),
    "bcm_per_year": ("m**3/year", 1e9),
    "m3_per_day": ("m**3/day", 1.0),
    "tonnes": ("t", 1.0),
    "tonnes_per_year": ("t/year", 1.0),
    "trains": ("train", 1.0),
    "trains_per_day": ("train/day", 1.0),
    "TEU": ("TEU", 1.0),
    "TEU_per_year": ("TEU/year", 1.0),
    "km": ("km", 1.0),
    "persons": ("person", 1.0),
    "pairs": ("pair", 1.0),
    "flights": ("flight", 1.0),
    "flights_per_week": ("flight/week", 1.0),
    "routes": ("route", 1.0),
    "cities": ("city_count", 1.0),
    "enterprises": ("enterprise", 1.0),
    "projects": ("project", 1.0),
}
PINT_UNITS = {k: v[0] if v[1] == 1.0 else {"bcm": "bcm", "bcm_per_year": "bcm/year"}[k] for k, v in CANONICAL.items()}


_CANONICAL_UNITS = frozenset(c for c, _ in CANONICAL.values())


def _same_unit(indicator_unit: str, claim_unit: str) -> bool:
    canonical = CANONICAL.get(claim_unit)
    if canonical is None:
        return False
    if indicator_unit.replace(" ", "") == canonical[0]:
        return True
    if indicator_unit in _CANONICAL_UNITS:
        return False
    return _dims(indicator_unit) is not None and _dims(indicator_unit) == _dims(canonical[0])


@cache
def _dims(unit: str) -> Any:
    from caravan.units import parse_unit

    try:
        return parse_unit(unit).dimensionality
    except InputError:  # a unit pint does not know compares with nothing
        return None


@cache
def _compact(unit: Any) -> str:
    return str(unit or "").replace(" ", "")


def row_in_claim_unit(row: dict[str, Any], claim_unit: str) -> float | None:
    """An observation's value in the claim's unit, from its canonical `value_std` (None if they differ)."""
    canonical = CANONICAL.get(claim_unit)
    if canonical is None:
        return None
    if _compact(row.get("unit_std")) == canonical[0] and row.get("value_std") is not None:
        return float(row["value_std"]) / canonical[1]
    return to_claim_unit(row["value"], row["unit"], claim_unit)


def to_claim_unit(value: float, unit: str, claim_unit: str) -> float | None:
    """A value in any unit converted to the claim's unit with pint (None when they do not convert)."""
    from caravan.units import scale

    target = PINT_UNITS.get(claim_unit)
    if target is None:
        return None
    try:
        return scale(value, unit, target)
    except InputError:  # unknown unit, or another dimension (USD against CNY)
        return None


@dataclass
class ClaimPeriod:
    """A claim's period, parsed: kind, first and last day, and the precision of the last."""

    kind: str
    start: date
    end: date
    precision: int  # characters of the ISO end date given: 4 year, 7 month, 10 day
    label: str


def parse_claim_period(text: str | None, measure: str | None = None) -> ClaimPeriod | None:
    """Parse a claim period (`2024`, `2024-01/2024-11`, `as-of 2023-03`, `2020->2024`, `2014/2023`, ...).

    `2023/2024-academic` is an academic year; a bare `2014/2023` is a span of years for an
    average growth (`measure` avg_growth) and an academic year otherwise, as the older corpus wrote it.
    """
    if not text:
        return None
    from caravan.claims.normalise import month_end

    def bounds(s: str) -> tuple[date, date, int]:
        parts = [int(x) for x in s.split("-")]
        if len(parts) == 1:
            return date(parts[0], 1, 1), date(parts[0], 12, 31), 4
        if len(parts) == 2:
            return date(parts[0], parts[1], 1), month_end(parts[0], parts[1]), 7
        d = date(parts[0], parts[1], parts[2])
        return d, d, 10

    t = text.strip()
    try:
        for prefix, kind in (("as-of ", "as-of"), ("cumulative-to ", "cumulative-to-date")):
            if t.startswith(prefix):
                s, e, p = bounds(t[len(prefix) :])
                return ClaimPeriod(kind, e if kind == "as-of" else date(1900, 1, 1), e, p, t)
        if "->" in t:
            a, b = t.split("->")
            return ClaimPeriod("change", bounds(a)[0], bounds(b)[1], 4, t)
        if re.fullmatch(r"\d{4}/\d{4}", t) and measure == "avg_growth":
            return ClaimPeriod("span", date(int(t[:4]), 1, 1), date(int(t[5:9]), 12, 31), 4, t)
        if re.fullmatch(r"\d{4}/\d{4}(?:-academic)?", t):
            y1 = int(t[:4])
            return ClaimPeriod("academic-year", date(y1, 9, 1), date(y1 + 1, 8, 31), 10, t)
        if "/" in t:
            a, b = t.split("/")
            s, _, _ = bounds(a)
            _, e, p = bounds(b)
            kind = "year-to-date" if s.month == 1 and s.day == 1 and s.year == e.year else "span"
            return ClaimPeriod(kind, s, e, min(p, 7), t)
        s, e, p = bounds(t)
        return ClaimPeriod({4: "year", 7: "month", 10: "day"}[p], s, e, p, t)
    except ValueError:
        return None


def same_period(cp: ClaimPeriod, obs: dict[str, Any]) -> bool:
    """Whether an observation covers the claim's period (at the claim's precision)."""
    kind = obs["period_kind"]
    start, end = obs["period_start"], obs["period_end"]
    if cp.kind == "year":
        return kind == "year" and end.year == cp.end.year
    if cp.kind in ("year-to-date", "span"):
        return (
            kind in ("year-to-date", "span")
            and (start.year, start.month) == (cp.start.year, cp.start.month)
            and (end.year, end.month) == (cp.end.year, cp.end.month)
        )
    if cp.kind == "month":
        return kind == "month" and (end.year, end.month) == (cp.end.year, cp.end.month)
    if cp.kind in ("as-of", "cumulative-to-date"):
        if kind != cp.kind and not (cp.kind == "as-of" and kind == "as-of"):
            return False
        return end.isoformat()[: cp.precision] == cp.end.isoformat()[: cp.precision]
    if cp.kind == "academic-year":
        return kind == "academic-year" and start.year == cp.start.year
    return False


@dataclass
class LedgerIndex:
    """The ledger's observations, indicators and events, read once for a batch of claims."""

    observations: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    indicators: dict[str, dict[str, Any]] = field(default_factory=dict)
    events: list[dict[str, Any]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    authorities: list[dict[str, Any]] = field(default_factory=list)
    by_id: dict[str, dict[str, Any]] = field(default_factory=dict)
    _candidates: dict[tuple[str, str, str, str, bool], list[str]] = field(default_factory=dict)
    _by_pair: dict[str, dict[tuple[str | None, str | None], list[dict[str, Any]]]] = field(default_factory=dict)
    _by_subject: dict[str, dict[str | None, list[dict[str, Any]]]] = field(default_factory=dict)
    _names: dict[str, list[tuple[str, list[str]]]] = field(default_factory=dict)
    _names_of: dict[str, set[str]] = field(default_factory=dict)
    _places: dict[str, Places] = field(default_factory=dict)

    @classmethod
    def load(cls, ledger: Any) -> LedgerIndex:
        """Read what matching needs from an open `Ledger`."""
        by_ind: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in ledger.observations():
            by_ind[row["indicator"]].append(row)
        try:
            events = ledger.events()
        except duckdb.CatalogException:  # a ledger built before events existed holds none
            events = []
        try:
            authorities = list(ledger.authorities())
        except duckdb.CatalogException:  # nor authorities, before they existed
            authorities = []
        by_id = {row["id"]: row for rows in by_ind.values() for row in rows}
        return cls(
            observations=dict(by_ind),
            indicators={i["id"]: i for i in ledger.indicators()},
            events=events,
            entities=ledger.entities(),
            authorities=authorities,
            by_id=by_id,
        )

    def places(self, lang: str) -> Places:
        """Place and reporter patterns of a language from the ledger's entities and authorities, built once."""
        if lang not in self._places:
            self._places[lang] = build_places(lang, self.entities, self.authorities)
        return self._places[lang]

    def lineage(self, obs_id: str) -> list[dict[str, Any]]:
        """The reported observations a derived one rests on (recursively), read from memory.

        An id the ledger does not hold is skipped: a derived figure names only the ledger's rows.
        """
        seen: list[dict[str, Any]] = []
        ids: set[str] = set()
        stack = [obs_id]
        while stack:
            row = self.by_id.get(stack.pop())
            if row is None:
                continue
            if row["method"] == "derived":
                stack.extend(row.get("derived_from") or [])
            elif row["id"] not in ids:
                ids.add(row["id"])
                seen.append(row)
        return seen

    def candidate_indicators(self, claim: Claim) -> list[str]:
        """Ledger indicators that can hold the claim's figure, best first."""
        key = (claim.family, claim.unit, claim.measure, claim.indicator, claim.running_total)
        if key not in self._candidates:
            self._candidates[key] = self._rank_indicators(claim)
        return self._candidates[key]

    def _rank_indicators(self, claim: Claim) -> list[str]:
        fams = LEDGER_FAMILIES.get(claim.family, (claim.family,))
        if claim.unit not in CANONICAL or claim.measure in ("avg_growth", "pp_change"):
            return []  # never compared with a ledger rate: computed from levels (see verify)
        tokens = set(re.split(r"[._]", claim.indicator)) - {claim.family}
        scored: list[tuple[float, str]] = []
        for iid, ind in self.indicators.items():
            fam = iid.split(".")[0]
            if fam not in fams or iid not in self.observations:
                continue
            if not _same_unit(ind["unit"], claim.unit):
                continue
            itoks = set(re.split(r"[._]", iid)) - {fam}
            derived_kind = (
                "growth" if iid.endswith(".yoy") or "growth" in itoks else ("share" if "share" in iid else None)
            )
            if claim.measure in ("growth",) and derived_kind != "growth":
                continue
            if claim.measure == "share" and iid != claim.indicator:
                continue  # a share is comparable only with a share of the same total
            if claim.measure not in ("growth", "share") and derived_kind is not None:
                continue
            cumulative = "cumulative" in itoks or (ind["kind"] == "stock" and "stock" in itoks)
            if claim.running_total != ("cumulative" in itoks) and not (claim.family == "invest" and cumulative):
                continue
            score = len(tokens & itoks) - 0.1 * len(itoks - tokens)
            if iid == claim.indicator:
                score += 10
            scored.append((score, iid))
        scored.sort(key=lambda s: (-s[0], s[1]))
        return [iid for _, iid in scored]

    def comparable(self, claim: Claim, indicator: str) -> bool:
        """Whether a ledger indicator measures what the claim measures (not merely the same unit).

        It does when its id is the claim's, or names every word of the claim's id; otherwise a
        differing figure says nothing against the claim ("rail exports" against all rail freight).
        """
        if indicator == claim.indicator:
            return True
        fam = claim.indicator.split(".")[0]
        want = set(re.split(r"[._]", claim.indicator)) - {fam, "change", "abs", "growth", "yoy", "multiple", "count"}
        have = set(re.split(r"[._]", indicator)) - {indicator.split(".")[0]}
        if not want <= have and indicator.split(".")[0] == fam:
            # The ledger's own name says what a short id leaves out: `trade.growth` is "Trade turnover growth".
            have |= self._name_words(indicator)
        return want <= have

    def _name_words(self, indicator: str) -> set[str]:
        """The words of an indicator's English name, family left out (read once per indicator)."""
        words = self._names_of.get(indicator)
        if words is None:
            name = str((self.indicators.get(indicator) or {}).get("name") or "")
            words = set(re.findall(r"[a-z]+", name.lower())) - {indicator.split(".")[0]}
            self._names_of[indicator] = words
        return words

    def observations_for(self, indicator: str, claim: Claim) -> list[dict[str, Any]]:
        """Observations of an indicator about the claim's subject and counterpart, in their direction.

        A flow matches only in its direction (origin, destination); a quantity symmetric in its
        parties (`symmetric`) matches either way round.
        """
        s, c = claim.subject, claim.counterpart
        if s is None:
            return []
        if c is not None and reversed_in_ledger(indicator):
            s, c = c, s  # imports: importer first; shares: the total's owner first (see the function)
        index = self._by_pair.get(indicator)
        if index is None:
            index = {}
            for r in self.observations.get(indicator, []):
                index.setdefault((r["subject"], r["counterpart"]), []).append(r)
            self._by_pair[indicator] = index
        if c is None:
            return list(index.get((s, None), []))
        if c == s or not symmetric(indicator):
            return list(index.get((s, c), []))
        return index.get((s, c), []) + index.get((c, s), [])

    def _entity_names(self, lang: str) -> list[tuple[str, list[str]]]:
        """The named entities of a language with the words (Chinese: the parts) their name must show, read once."""
        names = self._names.get(lang)
        if names is None:
            names = []
            for e in self.entities:
                name = e.get(f"name_{lang}") or ""
                if e["kind"] not in NAMED_KINDS or not name:
                    continue
                if lang == "zh":
                    toks = [p for p in re.split(r"[—\-–()（）,，\s]+", name) if len(p) >= 2]
                else:
                    toks = [t for t in re.findall(r"[a-zа-яё]+", name.lower()) if len(t) >= 3 and t not in _STOP]
                names.append((e["id"], toks))
            self._names[lang] = names
        return names

    def named_entities(self, text: str, lang: str) -> list[str]:
        """Non-country entities (pipelines, lines, crossings, services) whose name the text contains.

        A name counts as present when every distinctive word of it occurs in the text
        (Russian words by their first five letters, Chinese names by their parts), so
        "China-Central Asia Gas Pipeline" finds `Central Asia–China gas pipeline`.
        """
        low = text.lower()
        words = set(re.findall(r"[a-zа-яё]+", low))
        stems = {w[:5] for w in words}
        found: list[tuple[int, str]] = []
        for eid, toks in self._entity_names(lang):
            if lang == "zh":
                ok = bool(toks) and all(p in text for p in toks)
            else:
                ok = bool(toks) and all((t[:5] in stems) if lang == "ru" else (t in words) for t in toks)
            if ok:
                found.append((len(toks), eid))
        found.sort(key=lambda s: (s[0], s[1]))
        return [eid for _, eid in found]

    def observations_of_entity(self, indicator: str, entity: str) -> list[dict[str, Any]]:
        """Observations of an indicator whose subject is a named entity (a pipeline, a crossing)."""
        by_subject = self._by_subject.get(indicator)
        if by_subject is None:
            by_subject = {}
            for r in self.observations.get(indicator, []):
                by_subject.setdefault(r["subject"], []).append(r)
            self._by_subject[indicator] = by_subject
        return list(by_subject.get(entity, []))

    def fx_rate(self, year: int) -> dict[str, Any] | None:
        """The annual average CNY-per-USD rate for a year, if the ledger cites one."""
        for r in self.observations.get("fx.cny_per_usd", []):
            if r["period_kind"] == "year" and r["period_end"].year == year:
                return r
        return None


SYMMETRIC_WORDS = frozenset({"turnover", "mutual", "pairs"})
"""Indicator words of quantities the same whichever party comes first."""


@cache
def symmetric(indicator: str) -> bool:
    """Whether an indicator is symmetric in its parties (turnover, sister-city pairs), not a directed flow."""
    family, _, rest = indicator.partition(".")
    words = set(re.split(r"[._]", rest))
    if words & {"exports", "imports", "share", "rank"}:
        return False  # a flow has a direction; a share or rank is of one party's total
    return family == "twinning" or indicator == "trade.growth" or bool(words & SYMMETRIC_WORDS)


@cache
def reversed_in_ledger(indicator: str) -> bool:
    """Whether a ledger indicator names a claim's parties the other way round.

    * Imports (`trade.imports`, `trade.imports.yoy`): the ledger's are "goods imported by the
      subject from the counterpart", while a claim's flow runs from origin to destination —
      "Kazakhstan's imports from China" is CHN → KAZ in the claim and (KAZ, CHN) in the ledger.
    * Shares (`trade.partner_share`, `….share_of_group`): a claim names first whose share it is
      ("China accounts for 21.3 % of Uzbekistan's trade": CHN, UZB; "Kazakhstan took 46 % of
      China's trade with the region": KAZ, CHN), the ledger first whose total it is (the partner
      share is of the subject's trade; a member's share of the group is China's with the group).
    """
    family, _, rest = indicator.partition(".")
    words = set(re.split(r"[._]", rest))
    if indicator == "trade.partner_share" or indicator.endswith(".share_of_group"):
        return True
    return family == "trade" and "imports" in words and "share" not in words


def reporter_of(row: dict[str, Any]) -> str | None:
    """Whose statistics an observation is: its `reporter`, else its primary authority, else None."""
    return row.get("reporter") or row.get("primary_authority") or None


def publisher_family(row: dict[str, Any]) -> str:
    """Whose figures an observation reports (original publisher, else publisher)."""
    return row.get("original_publisher") or row.get("publisher") or ""
