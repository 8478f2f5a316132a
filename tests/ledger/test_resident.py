"""The resident tables answer exactly as the ledger's queries do, and go with their build."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from caravan.errors import NotFoundError
from caravan.ledger.build import build
from caravan.ledger.resident import ResidentLedger, ResidentTables
from caravan.ledger.store import Ledger, ObservationFilter
from caravan.settings import Settings
from caravan.web.deps import LiveLedger


@pytest.fixture(scope="module")
def pair(real_settings: Settings) -> Iterator[tuple[Ledger, ResidentLedger]]:
    """The real ledger read by its queries, and the same build read from its resident tables."""
    with Ledger(real_settings.ledger) as ledger:
        yield ledger, ResidentLedger(ledger.con.cursor(), ledger.path, ledger.meta, ResidentTables.load(ledger))


def _values(ledger: Ledger, column: str) -> list[str | None]:
    return [r["v"] for r in ledger.query(f"SELECT DISTINCT {column} AS v FROM observation ORDER BY v NULLS FIRST")]


def test_the_test_ledger_holds_the_cases_that_matter(pair: tuple[Ledger, ResidentLedger]) -> None:
    ledger, _ = pair
    counts = ledger.query(
        "SELECT count(*) FILTER (WHERE counterpart IS NULL) AS no_counterpart,"
        " count(*) FILTER (WHERE source_id IS NULL) AS no_source,"
        " count(*) FILTER (WHERE primary_authority IS NULL) AS no_authority,"
        " count(*) FILTER (WHERE method = 'derived') AS derived,"
        " count(*) FILTER (WHERE bound IN ('lower', 'upper', 'approximate')) AS bounded FROM observation"
    )[0]
    assert all(n > 0 for n in counts.values()), counts


def test_every_single_pair_reads_the_same_page(pair: tuple[Ledger, ResidentLedger]) -> None:
    ledger, resident = pair
    triples = ledger.query("SELECT DISTINCT indicator, subject, counterpart FROM observation")
    assert len(triples) > 100
    for t in triples:
        flt = ObservationFilter(indicator=t["indicator"], subject=t["subject"], counterpart=t["counterpart"])
        if t["counterpart"] is None:  # a missing counterpart is matched by no value: the pair's filter omits it
            flt = ObservationFilter(indicator=t["indicator"], subject=t["subject"])
        assert resident.observation_page(flt, 100, 0) == ledger.observation_page(flt, 100, 0), t


def _filters(ledger: Ledger) -> st.SearchStrategy[ObservationFilter]:
    def column(name: str) -> st.SearchStrategy[str | None]:
        known = [v for v in _values(ledger, name) if v is not None]
        return st.none() | st.sampled_from([*known, "absent-value"])

    entities = [r["id"] for r in ledger.query("SELECT id FROM entity")]
    return st.builds(
        ObservationFilter,
        indicator=column("indicator"),
        subject=column("subject"),
        counterpart=column("counterpart"),
        period=column("period"),
        method=column("method"),
        entity=st.none() | st.sampled_from([*entities, "absent-value"]),
        include_derived=st.booleans(),
    )


def test_any_filter_and_page_reads_the_same_rows(pair: tuple[Ledger, ResidentLedger]) -> None:
    ledger, resident = pair

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(flt=_filters(ledger), limit=st.integers(0, 120), offset=st.integers(0, 3000))
    def check(flt: ObservationFilter, limit: int, offset: int) -> None:
        assert resident.observation_page(flt, limit or 1, offset) == ledger.observation_page(flt, limit or 1, offset)
        assert resident.observations(flt, limit=limit, offset=offset) == ledger.observations(
            flt, limit=limit, offset=offset
        )
        for row in resident.observations(flt, limit=limit, offset=offset):
            assert flt.matches(row)

    check()


def test_the_whole_table_and_single_rows_read_the_same(pair: tuple[Ledger, ResidentLedger]) -> None:
    ledger, resident = pair
    everything = ledger.observations()
    assert resident.observations() == everything
    assert resident.observations(ObservationFilter(include_derived=False)) == ledger.observations(
        ObservationFilter(include_derived=False)
    )
    for row in everything[::25]:  # every 25th: one id query each on the ledger side
        assert resident.observation(row["id"]) == ledger.observation(row["id"]) == row
    derived = next(r["id"] for r in everything if r["method"] == "derived")
    assert resident.lineage(derived) == ledger.lineage(derived) != []
    with pytest.raises(NotFoundError) as mine:
        resident.observation("o-absent")
    with pytest.raises(NotFoundError) as theirs:
        ledger.observation("o-absent")
    assert str(mine.value) == str(theirs.value)


def test_indicators_and_entities_read_the_same(pair: tuple[Ledger, ResidentLedger]) -> None:
    ledger, resident = pair
    assert resident.indicators() == ledger.indicators()
    for row in ledger.indicators():
        assert resident.indicator(row["id"]) == ledger.indicator(row["id"])
        assert resident.has_indicator(row["id"]) and ledger.has_indicator(row["id"])
    kinds = [r["kind"] for r in ledger.query("SELECT DISTINCT kind FROM entity")]
    for kind in [None, "", "absent-kind", *kinds]:
        assert resident.entities(kind) == ledger.entities(kind), kind
    for row in ledger.entities():
        assert resident.entity(row["id"]) == ledger.entity(row["id"])
        assert resident.has_entity(row["id"]) and ledger.has_entity(row["id"])
    assert not resident.has_indicator("absent.indicator") and not ledger.has_indicator("absent.indicator")
    assert not resident.has_entity("ABSENT") and not ledger.has_entity("ABSENT")
    for lookup in ("indicator", "entity"):
        with pytest.raises(NotFoundError) as mine:
            getattr(resident, lookup)("absent")
        with pytest.raises(NotFoundError) as theirs:
            getattr(ledger, lookup)("absent")
        assert str(mine.value) == str(theirs.value)


def test_a_caller_changing_its_rows_changes_no_later_answer(pair: tuple[Ledger, ResidentLedger]) -> None:
    _, resident = pair
    first = resident.observations(limit=3)
    for row in first:
        row["value"] = -1
        row["added"] = "by a caller"
    assert resident.observations(limit=3) != first
    entity = resident.entities()[0]
    entity["attributes"] = {"changed": True}
    assert resident.entities()[0] != entity


def _set_figure(data: Path, value: str) -> None:
    """Write a new value for CHN-KAZ trade turnover in 2024 into the tiny curated data."""
    path = data / "observations" / "main.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("trade.turnover,CHN,KAZ,2024,"))
    fields = lines[at].split(",")
    fields[4] = value
    lines[at] = ",".join(fields)
    path.write_text("".join(lines), encoding="utf-8")


def test_a_retired_build_takes_its_resident_tables_with_it(tiny_settings: Settings) -> None:
    build(tiny_settings)
    live = LiveLedger(tiny_settings.ledger)
    try:
        held = live.acquire()
        tables = weakref.ref(held.tables) if held.tables is not None else None
        assert tables is not None
        reader = held.reader()
        assert isinstance(reader, ResidentLedger) and reader.observations() != []
        reader.close()
        _set_figure(tiny_settings.data, "50")
        assert not live.stale()
        build(tiny_settings)
        assert live.stale()  # seen with one stat; the server then opens it in a worker thread
        live.refresh()
        assert not live.stale()
        newer = live.acquire()  # the new build, with its own tables
        assert newer.tables is not None and newer.tables is not held.tables
        assert any(r["value"] == 50 for r in newer.reader().observations())
        live.release(newer)
        assert tables() is not None  # a request still reads the old build
        live.release(held)
        del held, reader
        gc.collect()
        assert tables() is None
    finally:
        live.close()


def test_without_resident_tables_every_read_is_a_query(tiny_settings: Settings) -> None:
    build(tiny_settings)
    live = LiveLedger(tiny_settings.ledger, resident=False)
    try:
        held = live.acquire()
        assert held.tables is None and not isinstance(held.reader(), ResidentLedger)
        live.release(held)
    finally:
        live.close()
