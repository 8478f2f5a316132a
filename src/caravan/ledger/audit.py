"""The audit: contradictions a reader would catch, found before the ledger is written.

`audit(tables)` runs over the rows a build is about to write (so the build can
refuse on an error and leave the previous ledger as it was) and returns
findings, errors first. Each check is one function; each finding names the
observations involved and says what to do.

Errors (the build fails):
* **part-whole**: members' figures adding up to more than the group's figure
  for the same indicator, side, period and reporter;
* **shares**: members' shares of one group total adding up to more than 100 %;
* **annual-cumulative**: a year's figure above the running total at or after
  that year's end;
* **dated-before**: a flow (a year, month or span) on a page published before
  that period began.

Warnings (listed, the build goes on):
* **disagreement**: two sources of one indicator, reporter and period that
  differ beyond the rounding of their printed digits (both kept; the better
  tier is preferred, then the reporter's own office over a compiler);
* **growth**: a reported growth rate against the one derived from the same
  reporter's levels;
* **cumulative-falls**: a running total lower than an earlier one;
* **outlier**: a year 500 times off the median of its series (a scale word gone wrong);
* **bound-qualifier**: a locator that says "over", "nearly", "about" before a
  figure stored as exact;
* **secondary-only**: a figure whose only support is a secondary site;
* **not-yet-ended**: a reported annual or monthly figure on a page published
  before the period ended;
* **dated-before** (levels): a level dated after its page's month, an
  announcement ahead of time.

Figures in the messages are written as their sources printed them, in a
person's unit words (`5,000 亿 m³`, never pint's `yi m**3`).
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from typing import Any

from caravan.bounds import BOUND_WORDS
from caravan.errors import DataError, InputError
from caravan.figures import format_number, readable_units
from caravan.sources.vocabulary import Bound, tier_rank
from caravan.units import scale

Row = dict[str, Any]
Tables = dict[str, list[Row]]

ERROR = "error"
WARNING = "warning"
# Relative slack for figures that different pages round differently.
ROUNDING = 0.005
# How far off its series' median a year must be to look like a scale-word mistake.
OUTLIER = 500.0


@dataclass(frozen=True)
class Finding:
    """One thing the audit found."""

    severity: str
    check_name: str
    message: str
    indicator: str | None = None
    subject: str | None = None
    counterpart: str | None = None
    period: str | None = None
    observations: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        """As a plain dict (observations as a list)."""
        out = asdict(self)
        out["observations"] = list(self.observations)
        return out


def _printed_slack(row: Row) -> float:
    """Half a unit of the last printed digit, in the canonical unit (0.05 bn for 94.8 bn)."""
    text = format_number(float(row["value"])).replace(",", "")
    decimals = len(text.split(".")[1]) if "." in text else 0
    value = float(row["value"])
    if value == 0:
        return 0.0
    half = 0.5 * 10.0 ** (-decimals)
    return abs(row["value_std"] / value) * half


def _in_unit(row: Row, unit: str) -> float | None:
    """A row's value in another indicator's canonical unit (`bcm` against `m**3`), or None if they differ in kind."""
    if row["unit_std"] == unit:
        return float(row["value_std"])
    try:
        return scale(float(row["value_std"]), row["unit_std"], unit)
    except InputError:
        return None


def _reported(rows: Iterable[Row]) -> list[Row]:
    return [r for r in rows if r["method"] in ("reported", "mirror")]


def _side_key(r: Row) -> str:
    return r.get("reporter") or r.get("primary_authority") or ""


def _same_time(part: Row, whole: Row) -> bool:
    """Whether a member's figure is of the whole's period: the same period, or stocks within a year."""
    if part["period"] == whole["period"]:
        return True
    stocks = part["period_kind"] == whole["period_kind"] == "as-of"
    return stocks and abs((part["period_end"] - whole["period_end"]).days) <= 366


def check_part_whole(rows: list[Row], groups: dict[str, list[str]], additive: set[str]) -> list[Finding]:
    """Members' figures (each at its smallest cited value) must not exceed the group's figure.

    Only indicators whose members' values add up (flows, stocks and counts; not rates or
    percentages). A stock's members count where dated within a year of the group's figure.
    """
    out: list[Finding] = []
    member_of = {m: g for g, ms in groups.items() for m in ms}
    wholes: list[tuple[tuple[Any, ...], Row]] = []
    parts: dict[tuple[Any, ...], list[Row]] = defaultdict(list)
    for r in _reported(rows):
        if r["indicator"] not in additive:
            continue
        for side, other in (("counterpart", "subject"), ("subject", "counterpart")):
            if r[side] in groups and r["bound"] in (Bound.EXACT.value, Bound.UPPER.value):
                wholes.append(((r["indicator"], side, r[other], r[side]), r))
            group = member_of.get(r[side] or "")
            if group and r[other] not in groups and r["bound"] in (Bound.EXACT.value, Bound.LOWER.value):
                parts[(r["indicator"], side, r[other], group)].append(r)
    by_whole: dict[tuple[Any, ...], list[Row]] = defaultdict(list)
    for key, whole in wholes:
        by_whole[(*key, whole["period"])].append(whole)
    for (indicator, side, other, _group, period), candidates in sorted(by_whole.items(), key=lambda kv: str(kv[0])):
        # Wholes that disagree among themselves are a disagreement; parts above the largest are an error.
        whole = max(candidates, key=lambda w: w["value_std"])
        smallest: dict[str, Row] = {}
        for r in parts.get((indicator, side, other, _group), []):
            if _same_time(r, whole):
                member = r[side]
                if member not in smallest or r["value_std"] < smallest[member]["value_std"]:
                    smallest[member] = r
        picked = list(smallest.values())
        if len(picked) < 2:
            continue
        total = sum(r["value_std"] for r in picked)
        limit = whole["value_std"] * (1 + ROUNDING) + _printed_slack(whole) + sum(_printed_slack(r) for r in picked)
        if total > limit:
            terms = ", ".join(f"{r[side]} {format_number(r['value'])} ({r['period']})" for r in picked)
            out.append(
                Finding(
                    ERROR,
                    "part-whole",
                    f"{indicator} {whole['subject']}/{whole['counterpart']} {period}: the members ({terms}) add up "
                    f"to more than the group's {format_number(whole['value'])} {whole['unit']} from "
                    f"{whole['source_id']}; check that they share one definition and period, or fix the figure",
                    indicator,
                    whole["subject"],
                    whole["counterpart"],
                    period,
                    (whole["id"], *(r["id"] for r in picked)),
                )
            )
    return out


def check_shares(rows: list[Row]) -> list[Finding]:
    """Shares of one total (derived shares of a group, reported partner shares) add up to at most 100 %."""
    out: list[Finding] = []
    buckets: dict[tuple[Any, ...], list[Row]] = defaultdict(list)
    for r in rows:
        if r["indicator"].endswith(".share_of_group") and r.get("derived_from"):
            buckets[(r["indicator"], r["subject"], r["period"], r["derived_from"][-1])].append(r)
        elif r["indicator"] == "trade.partner_share" and r["method"] == "reported":
            buckets[(r["indicator"], r["subject"], r["period"], r["source_id"])].append(r)
    for (indicator, subject, period, _basis), rs in sorted(buckets.items(), key=lambda kv: str(kv[0])):
        firm = [r for r in rs if r["bound"] in (Bound.EXACT.value, Bound.LOWER.value)]
        total = sum(r["value_std"] for r in firm)
        if total > 100.0 + 0.05 * len(firm) + 0.5:
            out.append(
                Finding(
                    ERROR,
                    "shares",
                    f"{indicator} {subject} {period}: shares of one total add up to {total:.1f} %; "
                    "a total used as denominator is too small (a bound stored as a value?) or a share is wrong",
                    indicator,
                    subject,
                    None,
                    period,
                    tuple(r["id"] for r in firm),
                )
            )
    return out


def check_cumulative(rows: list[Row]) -> list[Finding]:
    """A running total is at least every year's figure before it, and never falls."""
    out: list[Finding] = []
    annual: dict[tuple[Any, ...], list[Row]] = defaultdict(list)
    running: dict[tuple[Any, ...], list[Row]] = defaultdict(list)
    for r in _reported(rows):
        if r["indicator"].endswith(".cumulative") and r["period_kind"] in ("cumulative-to-date", "as-of"):
            running[(r["indicator"].removesuffix(".cumulative"), r["subject"], r["counterpart"])].append(r)
        elif r["period_kind"] == "year":
            annual[(r["indicator"], r["subject"], r["counterpart"])].append(r)
    for key, totals in sorted(running.items(), key=lambda kv: str(kv[0])):
        for year_row in annual.get(key, []):
            if year_row["bound"] not in (Bound.EXACT.value, Bound.LOWER.value):
                continue
            for total in totals:
                if total["bound"] in (Bound.LOWER.value, Bound.APPROXIMATE.value):
                    continue
                year_value = _in_unit(year_row, total["unit_std"])
                if year_value is None:
                    continue
                if total["period_end"] >= year_row["period_end"] and year_value > total["value_std"] * (
                    1 + ROUNDING
                ) + _printed_slack(total):
                    out.append(
                        Finding(
                            ERROR,
                            "annual-cumulative",
                            f"{key[0]} {key[1]}/{key[2]}: {year_row['period']} alone "
                            f"({format_number(year_row['value'])} {year_row['unit']}, {year_row['source_id']}) "
                            f"exceeds the running total {total['period']} ({format_number(total['value'])} "
                            f"{total['unit']}, {total['source_id']}); one of them is wrong or of another definition",
                            key[0],
                            key[1],
                            key[2],
                            year_row["period"],
                            (year_row["id"], total["id"]),
                        )
                    )
        ordered = sorted(
            (t for t in totals if t["bound"] in (Bound.EXACT.value, Bound.LOWER.value)), key=lambda t: t["period_end"]
        )
        for earlier, later in itertools.pairwise(ordered):
            if later["period_end"] > earlier["period_end"] and later["value_std"] + _printed_slack(later) < earlier[
                "value_std"
            ] * (1 - ROUNDING) - _printed_slack(earlier):
                out.append(
                    Finding(
                        WARNING,
                        "cumulative-falls",
                        f"{later['indicator']} {key[1]}/{key[2]}: the running total falls from "
                        f"{format_number(earlier['value'])} {earlier['unit']} ({earlier['period']}, "
                        f"{earlier['source_id']}) to {format_number(later['value'])} {later['unit']} "
                        f"({later['period']}, {later['source_id']}); check the definitions",
                        later["indicator"],
                        key[1],
                        key[2],
                        later["period"],
                        (earlier["id"], later["id"]),
                    )
                )
    return out


def _published_bounds(text: str | None) -> tuple[date, date] | None:
    """Earliest and latest day a partial publication date (YYYY, YYYY-MM, YYYY-MM-DD) can mean."""
    if not text:
        return None
    parts = [int(p) for p in str(text).split("-")]
    if len(parts) == 3:
        d = date(*parts)
        return d, d
    if len(parts) == 2:
        y, m = parts
        nxt = date(y + (m == 12), m % 12 + 1, 1)
        return date(y, m, 1), date.fromordinal(nxt.toordinal() - 1)
    return date(parts[0], 1, 1), date(parts[0], 12, 31)


def _earliest_day(row: Row) -> date:
    """The earliest day a level's period can mean: "as-of 2020-01" may be any day of January 2020."""
    label = str(row["period"]).split(" ", 1)[-1]
    bounds = _published_bounds(label) if re.fullmatch(r"\d{4}(-\d{2}){0,2}", label) else None
    return bounds[0] if bounds else row["period_start"]


def check_dates(rows: list[Row], sources: dict[str, Row]) -> list[Finding]:
    """A reported figure is not from a page published before its period began (or ended, for flows)."""
    out: list[Finding] = []
    for r in rows:
        if r["method"] != "reported" or not r.get("source_id") or "planned" in r["indicator"]:
            continue
        published = _published_bounds(sources.get(r["source_id"], {}).get("published"))
        if published is None:
            continue
        _, latest = published
        flow = r["period_kind"] in ("year", "month", "year-to-date", "span")
        if not flow:
            if latest >= _earliest_day(r) or r["period_kind"] == "academic-year":
                continue  # a level dated within the page's month, or a quota for the coming year
            out.append(
                Finding(
                    WARNING,
                    "dated-before",
                    f"{r['indicator']} {r['subject']}/{r['counterpart'] or '-'} {r['period']} is cited from "
                    f"{r['source_id']}, published {sources[r['source_id']]['published']}, before that date: "
                    "an announcement ahead of time, or should the period be the page's date?",
                    r["indicator"],
                    r["subject"],
                    r["counterpart"],
                    r["period"],
                    (r["id"],),
                )
            )
            continue
        if latest < r["period_start"]:
            out.append(
                Finding(
                    ERROR,
                    "dated-before",
                    f"{r['indicator']} {r['subject']}/{r['counterpart'] or '-'} {r['period']} is cited from "
                    f"{r['source_id']}, published {sources[r['source_id']]['published']}, before the period began; "
                    "fix the period (a plan or target is not an observation) or the publication date",
                    r["indicator"],
                    r["subject"],
                    r["counterpart"],
                    r["period"],
                    (r["id"],),
                )
            )
        elif latest < r["period_end"] and r["period_kind"] in ("year", "month"):
            out.append(
                Finding(
                    WARNING,
                    "not-yet-ended",
                    f"{r['indicator']} {r['subject']}/{r['counterpart'] or '-'} {r['period']} is cited from a page "
                    f"published {sources[r['source_id']]['published']}, before the period ended: a forecast or a "
                    "year-to-date figure?",
                    r["indicator"],
                    r["subject"],
                    r["counterpart"],
                    r["period"],
                    (r["id"],),
                )
            )
    return out


def _own_office(row: Row) -> bool:
    """Whether a figure comes from the reporter's own office (not a compiler such as the IMF)."""
    return bool(row.get("reporter")) and bool(row.get("primary_country")) and row["reporter"] == row["primary_country"]


def check_disagreement(rows: list[Row], tiers: dict[str, str | None]) -> list[Finding]:
    """Two exact figures of one indicator, pair, period and reporter that differ beyond their rounding."""
    out: list[Finding] = []
    buckets: dict[tuple[Any, ...], list[Row]] = defaultdict(list)
    for r in _reported(rows):
        if r["bound"] == Bound.EXACT.value:
            buckets[(r["indicator"], r["subject"], r["counterpart"], r["period"], _side_key(r))].append(r)
    for key, rs in sorted(buckets.items(), key=lambda kv: str(kv[0])):
        if len(rs) < 2:
            continue
        lo = min(rs, key=lambda r: r["value_std"])
        hi = max(rs, key=lambda r: r["value_std"])
        gap = hi["value_std"] - lo["value_std"]
        if gap <= _printed_slack(lo) + _printed_slack(hi) + ROUNDING * hi["value_std"]:
            continue
        best = min(
            rs, key=lambda r: (tier_rank(tiers.get(r["source_id"] or "")), not _own_office(r), r["source_id"] or "")
        )
        out.append(
            Finding(
                WARNING,
                "disagreement",
                f"{key[0]} {key[1]}/{key[2] or '-'} {key[3]}: {format_number(lo['value'])} {lo['unit']} "
                f"({lo['source_id']}) against {format_number(hi['value'])} {hi['unit']} ({hi['source_id']}); "
                f"both kept, {best['source_id']} ({tiers.get(best['source_id'] or '') or 'untiered'}) preferred",
                key[0],
                key[1],
                key[2],
                key[3],
                tuple(sorted(r["id"] for r in rs)),
            )
        )
    return out


def check_growth(rows: list[Row]) -> list[Finding]:
    """A reported growth rate against the one derived from the same reporter's levels (beyond 1 point)."""
    out: list[Finding] = []
    derived = defaultdict(list)
    for r in rows:
        if r["method"] == "derived" and r["indicator"] == "trade.turnover.yoy":
            derived[(r["subject"], r["counterpart"], r["period"])].append(r)
    for r in _reported(rows):
        if r["indicator"] != "trade.growth" or r["bound"] != Bound.EXACT.value:
            continue
        for d in derived.get((r["subject"], r["counterpart"], r["period"]), []):
            if abs(d["value_std"] - r["value_std"]) > 1.0 + _printed_slack(r):
                out.append(
                    Finding(
                        WARNING,
                        "growth",
                        f"trade growth {r['subject']}/{r['counterpart']} {r['period']}: reported "
                        f"{format_number(r['value'])} % ({r['source_id']}) against {d['value_std']:.1f} % derived "
                        f"from the levels ({d['locator']})",
                        r["indicator"],
                        r["subject"],
                        r["counterpart"],
                        r["period"],
                        (r["id"], d["id"]),
                    )
                )
    return out


def check_outliers(rows: list[Row]) -> list[Finding]:
    """A yearly figure 500 times off the median of its series (four years or more): a scale word gone wrong.

    Scale mistakes (thousand for million, 万 for 亿) are factors of 1,000 or more; lumpy series such as
    development finance commitments swing by less, and are not flagged.
    """
    out: list[Finding] = []
    series: dict[tuple[Any, ...], list[Row]] = defaultdict(list)
    for r in _reported(rows):
        if r["period_kind"] == "year" and r["value_std"] > 0:
            series[(r["indicator"], r["subject"], r["counterpart"], _side_key(r))].append(r)
    for key, rs in sorted(series.items(), key=lambda kv: str(kv[0])):
        if len({r["period"] for r in rs}) < 4:
            continue
        values = sorted(r["value_std"] for r in rs)
        median = values[len(values) // 2]
        for r in rs:
            ratio = r["value_std"] / median
            if ratio > OUTLIER or ratio < 1 / OUTLIER:
                out.append(
                    Finding(
                        WARNING,
                        "outlier",
                        f"{key[0]} {key[1]}/{key[2] or '-'} {r['period']}: {format_number(r['value'])} {r['unit']} "
                        f"({r['source_id']}) is {ratio:.2g} times the series' median; a scale word or unit mistake?",
                        key[0],
                        key[1],
                        key[2],
                        r["period"],
                        (r["id"],),
                    )
                )
    return out


_QUALIFIED = {
    bound: re.compile(
        r"(?:^|[\s(«\"'])(?:" + "|".join(by_lang.values()) + r")\s*(?:US\$|\$|USD|CNY|¥|RMB)?\s*\d",
        re.IGNORECASE,
    )
    for bound, by_lang in BOUND_WORDS.items()
}


def check_bound_qualifiers(rows: list[Row]) -> list[Finding]:
    """A locator that qualifies a figure ("exceeded 100 bn") while the row stores it as exact."""
    out: list[Finding] = []
    for r in _reported(rows):
        if r["bound"] != Bound.EXACT.value:
            continue
        locator = str(r.get("locator") or "")
        number = format_number(float(r["value"]))
        for bound, pattern in _QUALIFIED.items():
            for m in pattern.finditer(locator):
                tail = locator[m.end() - 1 : m.end() + len(number) + 4].replace(",", "").replace(" ", "")
                if tail.startswith(number.replace(",", "")):
                    out.append(
                        Finding(
                            WARNING,
                            "bound-qualifier",
                            f"{r['indicator']} {r['subject']}/{r['counterpart'] or '-'} {r['period']}: the locator "
                            f"reads {m.group(0).strip()!r}… but the figure is stored as exact; set bound {bound.value}",
                            r["indicator"],
                            r["subject"],
                            r["counterpart"],
                            r["period"],
                            (r["id"],),
                        )
                    )
                    break
    return out


def check_secondary_only(rows: list[Row], tiers: dict[str, str | None]) -> list[Finding]:
    """A figure whose only support is a secondary site (a copy must not stand alone)."""
    out: list[Finding] = []
    support: dict[tuple[Any, ...], list[Row]] = defaultdict(list)
    for r in _reported(rows):
        support[(r["indicator"], r["subject"], r["counterpart"], r["period"])].append(r)
    for key, rs in sorted(support.items(), key=lambda kv: str(kv[0])):
        if all(tiers.get(r["source_id"] or "") == "secondary" for r in rs):
            out.append(
                Finding(
                    WARNING,
                    "secondary-only",
                    f"{key[0]} {key[1]}/{key[2] or '-'} {key[3]} rests only on a secondary site "
                    f"({', '.join(sorted(r['source_id'] for r in rs))}); cite the original publisher's page",
                    key[0],
                    key[1],
                    key[2],
                    key[3],
                    tuple(r["id"] for r in rs),
                )
            )
    return out


def audit(tables: Tables) -> list[Finding]:
    """Every check over a build's rows; errors first, then warnings, each in a stable order."""
    country = {a["id"]: a.get("country") for a in tables.get("authority", [])}
    rows = [
        {**r, "primary_country": country.get(r.get("primary_authority") or "")} for r in tables.get("observation", [])
    ]
    sources = {s["id"]: s for s in tables.get("source", [])}
    tiers = {sid: s.get("tier") for sid, s in sources.items()}
    groups = {e["id"]: list(e["members"]) for e in tables.get("entity", []) if e["kind"] == "group" and e["members"]}
    additive = {
        i["id"]
        for i in tables.get("indicator", [])
        if i["kind"] in ("flow", "stock", "count") and i["unit"] != "percent" and not i.get("derived")
    }
    checks: list[Callable[[], list[Finding]]] = [
        lambda: check_part_whole(rows, groups, additive),
        lambda: check_shares(rows),
        lambda: check_cumulative(rows),
        lambda: check_dates(rows, sources),
        lambda: check_disagreement(rows, tiers),
        lambda: check_growth(rows),
        lambda: check_outliers(rows),
        lambda: check_bound_qualifiers(rows),
        lambda: check_secondary_only(rows, tiers),
    ]
    findings = [replace(f, message=readable_units(f.message) or f.message) for check in checks for f in check()]
    findings.sort(key=lambda f: (f.severity != ERROR,))
    return findings


def refuse_errors(findings: list[Finding], tables: Tables) -> list[Finding]:
    """Raise the first error finding as a `DataError` naming its curated file and line; else pass through.

    Raises:
        DataError: The audit found an error.
    """
    errors = [f for f in findings if f.severity == ERROR]
    if not errors:
        return findings
    first = errors[0]
    files = {r["id"]: r.get("file") for r in tables.get("observation", [])}
    where = next((files[i] for i in first.observations if files.get(i)), None)
    path, _, line = (where or "the ledger's observations").partition(":")
    more = f" (and {len(errors) - 1} more audit errors: `caravan audit` lists them)" if len(errors) > 1 else ""
    raise DataError(path, f"line {line}" if line else None, f"audit: {first.message}{more}")


def audit_rows(findings: list[Finding]) -> list[Row]:
    """Findings as rows of the ledger's `audit` table."""
    return [{"seq": n, **f.to_dict()} for n, f in enumerate(findings, 1)]


def provenance(tables: Tables) -> list[Row]:
    """Per pillar: reported figures, and how many come from an official source or name an official primary."""
    pillar = {i["id"]: i["pillar"] for i in tables.get("indicator", [])}
    tier = {s["id"]: s.get("tier") for s in tables.get("source", [])}
    official_authority = {a["id"] for a in tables.get("authority", []) if a["tier"] == "official"}
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for r in _reported(tables.get("observation", [])):
        c = counts[pillar.get(r["indicator"], "?")]
        c[0] += 1
        official = tier.get(r["source_id"] or "") == "official" or r.get("primary_authority") in official_authority
        c[1] += official
        c[2] += tier.get(r["source_id"] or "") == "secondary"
    return [
        {
            "pillar": p,
            "figures": n,
            "official": o,
            "official_percent": round(100.0 * o / n, 1) if n else None,
            "secondary": sec,
        }
        for p, (n, o, sec) in sorted(counts.items())
    ]
