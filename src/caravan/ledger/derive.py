"""Derived observations, computed at build time with their lineage.

Three derivations, each kept only where its inputs come from one publisher
(China's customs figures are never added to a partner's):

* a group total: the five members' values summed, where one source gives all five;
* year-on-year growth: a year (or a year-to-date span) against the same span a year earlier;
* a member's share of the group total.

Every derived row is marked `derived`, has no source of its own, and names the
observations it came from in `derived_from`; `locator` states the arithmetic.

Bounds travel (`caravan.bounds`): a sum of lower bounds is a lower bound, a
share over a lower-bound total an upper bound; a growth rate from a bound, or a
combination with no bound at all, is not derived.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from caravan.bounds import combine_ratio, combine_sum
from caravan.figures import clean, format_number
from caravan.periods import years_before
from caravan.sources.vocabulary import Bound

Row = dict[str, Any]

GROWTH_SUFFIX = ".yoy"
SHARE_SUFFIX = ".share_of_group"


def derived_id(kind: str, inputs: Iterable[str]) -> str:
    """A stable id for a derived observation from its kind and inputs."""
    digest = hashlib.sha256((kind + "|" + "|".join(sorted(inputs))).encode()).hexdigest()
    return "d-" + digest[:14]


def _derived_row(base: Row, **changes: Any) -> Row:
    row = dict(base)
    row.update(
        source_id=None,
        method="derived",
        note=None,
        file=None,
        currency=base.get("currency"),
    )
    row.update(changes)
    return row


def _percent_row(base: Row, kind: str, ids: list[str], indicator: str, pct: float, **changes: Any) -> Row:
    """A derived percentage (a growth rate or a share) computed from the observations `ids`."""
    return _derived_row(
        base,
        id=derived_id(kind, ids),
        indicator=indicator,
        value=pct,
        unit="percent",
        value_std=pct,
        unit_std="percent",
        currency=None,
        derived_from=ids,
        **changes,
    )


def group_totals(rows: list[Row], groups: dict[str, list[str]], family: dict[str, str]) -> list[Row]:
    """Sum members' values into the group where one source covers every member.

    Args:
        rows: Reported observations (dicts with the observation columns).
        groups: Group id to member ids (e.g. C5 to the five states).
        family: Source id to its publisher family (original publisher or publisher).

    Returns:
        One derived row per (indicator, subject, group, period, source) fully covered.
    """
    out: list[Row] = []
    member_of = {m: g for g, members in groups.items() for m in members}
    buckets: dict[tuple[Any, ...], dict[str, Row]] = defaultdict(dict)
    for r in rows:
        if r["method"] != "reported" or r["kind"] != "flow":
            continue
        for side, other in (("counterpart", "subject"), ("subject", "counterpart")):
            group = member_of.get(r[side] or "")
            if group and r[other] and r[other] not in groups:
                key = (r["indicator"], side, r[other], group, r["period"], r["source_id"])
                buckets[key][r[side]] = r
    for (indicator, side, other, group, period, _source), found in sorted(buckets.items()):
        if set(found) != set(groups[group]):
            continue
        inputs = [found[m] for m in groups[group]]
        bound = combine_sum([Bound(r["bound"]) for r in inputs])
        if bound is None:
            continue
        units = {r["unit"] for r in inputs}
        total_std = clean(sum(r["value_std"] for r in inputs))
        first = inputs[0]
        value = clean(sum(r["value"] for r in inputs)) if len(units) == 1 else total_std
        unit = first["unit"] if len(units) == 1 else first["unit_std"]
        ids = [r["id"] for r in inputs]
        terms = " + ".join(f"{format_number(r['value'])} ({r[side]})" for r in inputs)
        out.append(
            _derived_row(
                first,
                id=derived_id("sum", ids),
                **{side: group, ("subject" if side == "counterpart" else "counterpart"): other},
                value=value,
                unit=unit,
                value_std=total_std,
                bound=bound.value,
                locator=f"sum of the {len(inputs)} members: {terms} = {format_number(value)} {unit}",
                derived_from=ids,
                family=family.get(first["source_id"], ""),
            )
        )
        del indicator, period
    return out


def _shift_year(d: date) -> date:
    return years_before(d, 1)


def growth(rows: list[Row], family: dict[str, str]) -> list[Row]:
    """Year-on-year growth in percent, within one publisher family.

    Where a family has several figures for the same span, the one from the
    source with the smallest id is used, so the result is reproducible.
    """
    pick: dict[tuple[Any, ...], Row] = {}
    for r in sorted(rows, key=lambda r: (r.get("source_id") or "", r["id"])):
        if r["kind"] != "flow" or r["period_kind"] not in ("year", "year-to-date"):
            continue
        fam = r.get("family") or family.get(r.get("source_id") or "", "")
        key = (r["indicator"], r["subject"], r["counterpart"], fam, r["period_start"], r["period_end"], r["unit_std"])
        pick.setdefault(key, r)
    out: list[Row] = []
    for (ind, subj, cp, fam, start, end, unit_std), cur in sorted(pick.items(), key=lambda kv: str(kv[0])):
        prev = pick.get((ind, subj, cp, fam, _shift_year(start), _shift_year(end), unit_std))
        if prev is None or prev["value_std"] == 0 or {cur["bound"], prev["bound"]} != {Bound.EXACT.value}:
            continue  # growth from a bound is no figure at all
        pct = (cur["value_std"] / prev["value_std"] - 1.0) * 100.0
        ids = [prev["id"], cur["id"]]
        locator = (
            f"growth: {format_number(cur['value'])} {cur['unit']} ({cur['period']}) / "
            f"{format_number(prev['value'])} {prev['unit']} ({prev['period']}) - 1 = {pct:.2f}%"
        )
        out.append(_percent_row(cur, "yoy", ids, ind + GROWTH_SUFFIX, pct, locator=locator, family=fam))
    return out


def _total_for(part: Row, totals: list[Row]) -> Row | None:
    """The group total a member's share is taken of: the same page's, else the family's if its pages agree."""
    same = [t for t in totals if t.get("source_id") and t.get("source_id") == part.get("source_id")]
    if same:
        return same[0]
    ranked = sorted(totals, key=lambda r: (r["method"] != "reported", r["id"]))
    values = [t["value_std"] for t in ranked]
    if max(values) > min(values) * 1.005:
        return None  # the family's pages give different totals: no share is certain
    return ranked[0]


def shares(rows: list[Row], groups: dict[str, list[str]], family: dict[str, str]) -> list[Row]:
    """Each member's share, in percent, of the group total from the same publisher family."""
    by_key: dict[tuple[Any, ...], list[Row]] = defaultdict(list)
    for r in rows:
        if r["kind"] != "flow" or r["indicator"].endswith((GROWTH_SUFFIX, SHARE_SUFFIX)):
            continue
        fam = r.get("family") or family.get(r.get("source_id") or "", "")
        by_key[(r["indicator"], r["subject"], r["counterpart"], r["period"], fam)].append(r)
    out: list[Row] = []
    for group, members in groups.items():
        for (ind, subj, cp, period, fam), totals in sorted(by_key.items(), key=lambda kv: str(kv[0])):
            if cp != group:
                continue
            for m in members:
                for part in sorted(by_key.get((ind, subj, m, period, fam), []), key=lambda r: r["id"])[:1]:
                    total = _total_for(part, totals)
                    if total is None or total["value_std"] == 0:
                        continue
                    bound = combine_ratio(Bound(part["bound"]), Bound(total["bound"]))
                    if bound is None:
                        continue
                    pct = part["value_std"] / total["value_std"] * 100.0
                    ids = [part["id"], total["id"]]
                    locator = (
                        f"share: {format_number(part['value'])} {part['unit']} ({m}) / "
                        f"{format_number(total['value'])} {total['unit']} ({group}) = {pct:.2f}%"
                    )
                    row = _percent_row(part, "share", ids, ind + SHARE_SUFFIX, pct, locator=locator, family=fam)
                    out.append({**row, "bound": bound.value})
    return out


def derive_all(rows: list[Row], groups: dict[str, list[str]], family: dict[str, str]) -> list[Row]:
    """All derived observations: group totals first, then growth and shares over both."""
    totals = group_totals(rows, groups, family)
    base = rows + totals
    return totals + growth(base, family) + shares(base, groups, family)
