from pathlib import Path

import pytest

from caravan.settings import Settings, get_settings


def test_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("CARAVAN_LEDGER", "CARAVAN_DATA", "CARAVAN_STORE"):
        monkeypatch.delenv(name, raising=False)
    s = get_settings()
    assert (s.ledger, s.data, s.store_dir) == (Path("caravan.duckdb"), Path("data"), Path("caravan.store"))


def test_environment_overrides(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CARAVAN_LEDGER", str(tmp_path / "x.duckdb"))
    monkeypatch.setenv("CARAVAN_DATA", str(tmp_path / "d"))
    monkeypatch.setenv("CARAVAN_STORE", "")
    s = get_settings()
    assert s.ledger == tmp_path / "x.duckdb" and s.data == tmp_path / "d"
    assert s.store_dir == tmp_path / "x.store"


def test_strings_become_paths() -> None:
    s = Settings(ledger="a.duckdb", data="d", store="s")  # type: ignore[arg-type]
    assert s == Settings(ledger=Path("a.duckdb"), data=Path("d"), store=Path("s"))
