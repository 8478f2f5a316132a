"""Pipeline utilisation by year, and whether annual deliveries add up to the cumulative totals.

Everything comes from the ledger's observations: `gas.capacity` of the
pipeline system (or the sum of its lines open that year), `gas.delivered`
from the supplier group to the buyer, and `gas.delivered.cumulative`. Where
cumulative totals at two dates bracket periods whose deliveries are all known,
the deliveries must add up to the difference, or the gap is reported; where
they are not all known, the missing periods and the volume they imply are
listed instead.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, fields
from typing import Any, ClassVar

from caravan.errors import NotFoundError
from caravan.figures import percent_meant
from caravan.ledger.store import Ledger, ObservationFilter, Record
from caravan.results import Column, Result, declare, dimension, label, measure
from caravan.sources.vocabulary import tier_rank
from caravan.units import scale
from caravan.vocabulary import Entity, Number, Period, Phrase, Phrases


def _source(name: str, what: str, zh: str, ru: str) -> Column:
    return dimension(name, label(f"Source of the {what}", f"{zh}来源", f"Источник: {ru}"))


GAS_COLUMNS = declare(
    dimension("year", label("Year", "年份", "Год")),
    measure("delivered_bcm", label("Delivered", "输送量", "Поставлено"), "bcm", "Gas delivered in the year.", 1),
    measure(
        "capacity_bcm", label("Capacity", "输送能力", "Мощность"), "bcm/year", "The system's capacity that year.", 1
    ),
    measure(
        "utilisation",
        label("Utilisation", "利用率", "Загрузка"),
        None,
        "Delivered over capacity (1 = full).",
        3,
    ),
    measure(
        "utilisation_pct",
        label("Utilisation", "利用率", "Загрузка"),
        "%",
        "Delivered over capacity, in per cent, to what it means (100 = full).",
        1,
    ),
    dimension("capacity_basis", label("Capacity basis", "输送能力依据", "Основа мощности"), "How it was found."),
    _source("delivered_source", "delivered volume", "输送量", "поставки"),
    _source("capacity_source", "capacity", "输送能力", "мощность"),
    dimension("note", label("Note", "备注", "Примечание")),
    dimension("start", label("From", "起始", "С")),
    dimension("end", label("To", "截至", "По")),
    measure(
        "reported_difference_bcm",
        label("Difference of the cumulative totals", "累计数之差", "Разница накопленных итогов"),
        "bcm",
        "The cumulative total at the end minus that at the start.",
        1,
    ),
    measure(
        "periods_sum_bcm",
        label("Sum of the periods' volumes", "各期输送量之和", "Сумма объёмов за периоды"),
        "bcm",
        "The deliveries of the periods between the two dates, added up.",
        1,
    ),
    measure(
        "gap_bcm",
        label("Gap", "差额", "Расхождение"),
        "bcm",
        "The periods' sum minus the difference of the totals (two totals that disagree: the second minus the first).",
        2,
    ),
    measure(
        "gap_percent", label("Gap, share", "差额占比", "Расхождение, доля"), "%", "The gap over the difference.", 2
    ),
    dimension("periods", label("Periods", "时期", "Периоды"), "The periods between the two dates."),
    dimension("status", label("Status", "状态", "Статус"), "Whether they add up, and if not by how much."),
    dimension("sources", label("Sources", "来源", "Источники")),
)
"""What each column of the gas tables (`YearUtilisation`, `CumulativeCheck`) means."""


@dataclass
class GasResult(Result):
    """A gas table (`utilisation`, `throughput_utilisation`, `cumulative_checks`): rows, meaning, sources."""

    declared: ClassVar[Mapping[str, Column]] = GAS_COLUMNS


def _bcm(row: dict[str, Any]) -> float:
    """An observation's value in bcm (or bcm/year for capacities), whatever the indicator's unit."""
    unit = str(row["unit_std"])
    target = "bcm/year" if "/" in unit else "bcm"
    return scale(float(row["value_std"]), unit, target)


@dataclass
class YearUtilisation:
    """Delivered against capacity in one year."""

    year: int
    delivered_bcm: float | None
    capacity_bcm: float | None
    utilisation: float | None
    utilisation_pct: float | None
    capacity_basis: str
    delivered_source: str | None
    capacity_source: str | None
    note: str = ""


@dataclass
class CumulativeCheck:
    """Reported cumulative deliveries between two dates against the periods' own volumes."""

    start: str
    end: str
    reported_difference_bcm: float
    periods_sum_bcm: float | None
    gap_bcm: float | None
    gap_percent: float | None
    periods: list[str]
    status: str
    sources: list[str]


def _result(ledger: Ledger, title: str, table: type[Any], items: Sequence[Any]) -> GasResult:
    """Rows of one of the gas tables as a `GasResult`, each row with the sources it cites."""
    rows = [asdict(i) for i in items]
    cited = [
        sorted(set(r["sources"]) if "sources" in r else _ids(r["delivered_source"]) | _ids(r["capacity_source"]))
        for r in rows
    ]
    records = ledger.source_records([i for ids in cited for i in ids])
    return GasResult(
        title=title,
        columns=[f.name for f in fields(table)],
        rows=rows,
        sources=[{k: records[i][k] for k in ("id", "publisher", "title", "url")} for i in sorted(records)],
        row_sources=cited,
    )


def _ids(text: str | None) -> set[str]:
    """The source ids of a `*_source` cell (one id, or several joined by ", ")."""
    return {i for i in (text or "").split(", ") if i}


def _obs(ledger: Ledger, indicator: str, subject: str, counterpart: str | None) -> list[dict[str, Any]]:
    sql = (
        "SELECT * FROM observation WHERE indicator = ? AND subject = ? AND method <> 'derived'"
        + (" AND counterpart = ?" if counterpart else "")
        + " ORDER BY period_end, source_id"
    )
    return ledger.query(sql, [indicator, subject] + ([counterpart] if counterpart else []))


def require_pipeline(ledger: Ledger, pipeline: str) -> None:
    """Check that `pipeline` names a pipeline entity of the ledger.

    Raises:
        NotFoundError: No entity has that id, or the entity is not a pipeline.
    """
    hint = "give the id of an entity of kind pipeline, such as pipeline.cacgp"
    try:
        entity = ledger.entity(pipeline)
    except NotFoundError:
        raise NotFoundError(f"no pipeline {pipeline!r} in the ledger; {hint}") from None
    if entity["kind"] != "pipeline":
        raise NotFoundError(f"{pipeline!r} is a {entity['kind']}, not a pipeline; {hint}")


def _lines(ledger: Ledger, pipeline: str) -> list[dict[str, Any]]:
    rows = ledger.query(
        "SELECT id, attributes FROM entity WHERE parent = ? AND kind = 'pipeline' ORDER BY id", [pipeline]
    )
    out = []
    for r in rows:
        attrs = json.loads(r["attributes"]) if r["attributes"] else {}
        out.append({"id": r["id"], "opened": str(attrs.get("opened") or ""), "status": attrs.get("status")})
    return out


def section_lengths(ledger: Ledger) -> list[Record]:
    """Per country an operating gas line crosses, the cited length of it there: one figure per country.

    Of the `pipeline.length.section` figures of lines in operation (a line under
    construction has no operating length), the whole system's figure comes
    before a single line's section (a line with a parent system), then the
    better source tier (`tier_rank`: the operator's figure before a newspaper's
    copy), then by source and observation id. Countries in code order; a country
    crossed with no cited length has no row (the map shows it crossed, unmeasured).
    """
    pipelines = {e["id"]: e for e in ledger.entities("pipeline")}

    def building(pipeline: str) -> bool:
        attributes = (pipelines.get(pipeline) or {}).get("attributes") or "{}"
        return bool(json.loads(attributes).get("status") == "under-construction")

    def part_of_a_system(pipeline: str) -> bool:
        return bool((pipelines.get(pipeline) or {}).get("parent"))

    rows = ledger.observations(ObservationFilter(indicator="pipeline.length.section", include_derived=False))
    operating = [r for r in rows if r["value_display"] is not None and not building(r["subject"])]
    chosen: dict[str, Record] = {}
    for r in sorted(
        operating, key=lambda r: (part_of_a_system(r["subject"]), tier_rank(r.get("tier")), r["source_id"], r["id"])
    ):
        chosen.setdefault(r["counterpart"], r)
    return [chosen[c] for c in sorted(chosen)]


def _capacity_at(caps: list[dict[str, Any]], end: dt.date) -> dict[str, Any] | None:
    known = [c for c in caps if c["period_end"] <= end]
    return known[-1] if known else None


def _capacity_on(
    ledger: Ledger, pipeline: str, system_caps: list[dict[str, Any]], lines: list[dict[str, Any]], end: dt.date
) -> tuple[float | None, str, str | None]:
    """The pipeline's capacity on a date in bcm/year, how it was found, and its sources (see `utilisation`)."""
    cap = _capacity_at(system_caps, end)
    if cap is not None:
        return (
            _bcm(cap),
            Phrase("energy.basis.stated", pipeline=Entity(pipeline), period=Period(cap["period"])),
            cap["source_id"],
        )
    open_lines = [ln for ln in lines if ln["opened"] and ln["opened"][:10] <= end.isoformat()]
    parts = [_capacity_at(_obs(ledger, "gas.capacity", ln["id"], None), end) for ln in open_lines]
    if open_lines and all(parts):
        return (
            sum(_bcm(p) for p in parts if p),
            Phrase("energy.basis.lines", lines=Phrases([Entity(ln["id"]) for ln in open_lines], ", ")),
            ", ".join(sorted({p["source_id"] for p in parts if p})),
        )
    return None, Phrase("energy.basis.none"), None


def _year(
    year: int, delivered: dict[str, Any], capacity: tuple[float | None, str, str | None], note: str
) -> YearUtilisation:
    """A delivered (or stated) volume against the capacity `_capacity_on` found."""
    bcm, basis, source = capacity
    value = _bcm(delivered)
    return YearUtilisation(
        year=year,
        delivered_bcm=round(value, 3),
        capacity_bcm=None if bcm is None else round(bcm, 3),  # as delivered_bcm: no 60.00000000000001
        utilisation=round(value / bcm, 3) if bcm else None,
        utilisation_pct=percent_meant(100 * value / bcm) if bcm else None,
        capacity_basis=basis,
        delivered_source=delivered["source_id"],
        capacity_source=source,
        note=note,
    )


def utilisation(
    ledger: Ledger, pipeline: str = "pipeline.cacgp", supplier: str = "C5", buyer: str = "CHN"
) -> GasResult:
    """Delivered volume against capacity for every year with a reported annual delivery.

    Capacity is the pipeline system's latest `gas.capacity` stated on or before the year's end; where
    none is, the sum of its lines open by then (each line's latest stated capacity), if all are known.

    Raises:
        NotFoundError: `pipeline` is not a pipeline entity of the ledger.
    """
    require_pipeline(ledger, pipeline)
    delivered = [o for o in _obs(ledger, "gas.delivered", supplier, buyer) if o["period_kind"] == "year"]
    system_caps = _obs(ledger, "gas.capacity", pipeline, None)
    lines = _lines(ledger, pipeline)
    out: list[YearUtilisation] = []
    seen: set[int] = set()
    for o in delivered:
        year = o["period_start"].year
        note = "another source also gives this year" if year in seen else ""
        seen.add(year)
        out.append(_year(year, o, _capacity_on(ledger, pipeline, system_caps, lines, dt.date(year, 12, 31)), note))
    return _result(ledger, f"{pipeline}: gas delivered {supplier}→{buyer} against capacity", YearUtilisation, out)


def throughput_utilisation(ledger: Ledger, pipeline: str = "pipeline.cacgp") -> GasResult:
    """Stated throughput rates (`gas.throughput`) of a pipeline against its capacity at the same date.

    Capacity is the pipeline's own latest `gas.capacity` on or before the date, else the sum of its
    lines open by then; `year` is the year of the statement.

    Raises:
        NotFoundError: `pipeline` is not a pipeline entity of the ledger.
    """
    require_pipeline(ledger, pipeline)
    rates = _obs(ledger, "gas.throughput", pipeline, None)
    system_caps = _obs(ledger, "gas.capacity", pipeline, None)
    lines = _lines(ledger, pipeline)
    out: list[YearUtilisation] = []
    for o in rates:
        note = f"throughput rate stated {o['period']}" + (f"; {o['note']}" if o.get("note") else "")
        found = _capacity_on(ledger, pipeline, system_caps, lines, o["period_end"])
        out.append(_year(o["period_end"].year, o, found, note))
    title = f"{pipeline}: stated throughput rates (bcm/year) against capacity"
    return _result(ledger, title, YearUtilisation, out)


def _tile(periods: list[dict[str, Any]], start: dt.date, end: dt.date) -> list[dict[str, Any]] | None:
    """Observations whose periods cover (start, end] exactly, longest first at each step; None if impossible."""
    chosen: list[dict[str, Any]] = []
    cursor = start + dt.timedelta(days=1)
    while cursor <= end:
        fits = [p for p in periods if p["period_start"] == cursor and p["period_end"] <= end]
        if not fits:
            return None
        best = max(fits, key=lambda p: p["period_end"])
        chosen.append(best)
        cursor = best["period_end"] + dt.timedelta(days=1)
    return chosen


def cumulative_checks(
    ledger: Ledger, supplier: str = "C5", buyer: str = "CHN", tolerance_percent: float = 2.0
) -> GasResult:
    """Compare each pair of consecutive cumulative totals with the volumes of the periods between them.

    The totals and volumes are those of all gas `supplier` delivered to `buyer`, whatever the pipeline:
    the ledger records deliveries between parties, not per pipeline, so this check covers the whole
    system and takes no pipeline.

    Args:
        ledger: The ledger.
        supplier: Subject of the deliveries.
        buyer: Counterpart.
        tolerance_percent: A gap within this share of the reported difference counts as agreeing.
    """
    cumulative = _obs(ledger, "gas.delivered.cumulative", supplier, buyer)
    flows = [o for o in _obs(ledger, "gas.delivered", supplier, buyer)]
    by_date: dict[dt.date, dict[str, Any]] = {}
    checks: list[CumulativeCheck] = []
    for c in cumulative:
        first = by_date.setdefault(c["period_end"], c)
        if first is not c and abs(_bcm(first) - _bcm(c)) > 1e-9:
            checks.append(
                CumulativeCheck(
                    start=str(c["period_end"]),
                    end=str(c["period_end"]),
                    reported_difference_bcm=0.0,
                    periods_sum_bcm=None,
                    gap_bcm=round(_bcm(c) - _bcm(first), 3),
                    gap_percent=None,
                    periods=[],
                    status=Phrase("energy.disagree", first=Number(_bcm(first)), second=Number(_bcm(c))),
                    sources=[first["source_id"], c["source_id"]],
                )
            )
    dates = sorted(by_date)
    for i, d1 in enumerate(dates):
        for j in range(i + 1, len(dates)):
            d2 = dates[j]
            c1, c2 = by_date[d1], by_date[d2]
            diff = _bcm(c2) - _bcm(c1)
            tiles = _tile(flows, d1, d2)
            sources = [c1["source_id"], c2["source_id"]]
            if tiles is None:
                if j == i + 1:
                    checks.append(
                        CumulativeCheck(
                            start=str(d1),
                            end=str(d2),
                            reported_difference_bcm=round(diff, 3),
                            periods_sum_bcm=None,
                            gap_bcm=None,
                            gap_percent=None,
                            periods=[],
                            status=Phrase(
                                "energy.cannot_check",
                                start=d1 + dt.timedelta(days=1),
                                end=d2,
                                implied=Number(round(diff, 1)),
                            ),
                            sources=sources,
                        )
                    )
                continue
            total = sum(_bcm(t) for t in tiles)
            gap = total - diff
            pct = 100 * gap / diff if diff else None
            agree = pct is not None and abs(pct) <= tolerance_percent
            checks.append(
                CumulativeCheck(
                    start=str(d1),
                    end=str(d2),
                    reported_difference_bcm=round(diff, 3),
                    periods_sum_bcm=round(total, 3),
                    gap_bcm=round(gap, 3),
                    gap_percent=percent_meant(pct),
                    periods=[t["period"] for t in tiles],
                    status=Phrase("energy.agrees") if agree else Phrase("energy.gap", gap=Number(round(gap, 2))),
                    sources=sources + [t["source_id"] for t in tiles],
                )
            )
    title = f"cumulative totals {supplier}→{buyer} against annual volumes (all pipelines)"
    return _result(ledger, title, CumulativeCheck, checks)
