"""Run records: written atomically, readable by others, read back as written."""

from __future__ import annotations

from pathlib import Path

import pytest

from caravan.errors import InputError, NotFoundError
from caravan.runs import content_key, find_run, read_run, record_run


def test_a_run_record_is_readable_by_others_and_round_trips(tmp_path: Path) -> None:
    path = record_run(tmp_path / "runs", "route", {"from": "Almaty"}, {"ledger": "abc"}, {"days": 12.5})
    assert path.stat().st_mode & 0o777 == 0o644
    record = read_run(path)
    assert record["parameters"] == {"from": "Almaty"} and record["result"] == {"days": 12.5}
    assert not list((tmp_path / "runs").glob(".*.tmp"))


def test_a_keyed_run_is_found_by_its_content_key_and_replaced_by_the_same_question(tmp_path: Path) -> None:
    folder = tmp_path / "runs"
    question = {"text": "Trade reached $94.8 billion in 2024.", "lang": None, "published": None}
    key = content_key(question)
    assert len(key) == 16 and key == content_key(dict(reversed(question.items())))  # order does not matter
    assert key != content_key({**question, "lang": "en"})
    first = record_run(folder, "claims", question, {"ledger_build": "b1"}, {"counts": {"supported": 1}}, key=key)
    assert first.name == f"claims-{key}.json"
    record_run(folder, "claims", question, {"ledger_build": "b2"}, {"counts": {"supported": 1}}, key=key)
    assert [p.name for p in folder.iterdir()] == [first.name]
    found = find_run(folder, "claims", key)
    assert found["key"] == key and found["inputs"] == {"ledger_build": "b2"}


@pytest.mark.parametrize(
    ("key", "error", "words"),
    [
        ("0123456789abcdef", NotFoundError, "no stored claims run 0123456789abcdef"),
        ("../../etc/passwd", InputError, "is not a stored claims key"),
        ("0123456789ABCDEF", InputError, "16 hex digits"),
    ],
)
def test_an_unknown_or_malformed_key_is_refused(tmp_path: Path, key: str, error: type, words: str) -> None:
    with pytest.raises(error, match=words):
        find_run(tmp_path, "claims", key)
