"""Run records: written atomically, readable by others, read back as written."""

from __future__ import annotations

from pathlib import Path

from caravan.runs import read_run, record_run


def test_a_run_record_is_readable_by_others_and_round_trips(tmp_path: Path) -> None:
    path = record_run(tmp_path / "runs", "route", {"from": "Almaty"}, {"ledger": "abc"}, {"days": 12.5})
    assert path.stat().st_mode & 0o777 == 0o644
    record = read_run(path)
    assert record["parameters"] == {"from": "Almaty"} and record["result"] == {"days": 12.5}
    assert not list((tmp_path / "runs").glob(".*.tmp"))
