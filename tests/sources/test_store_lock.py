"""One lock for the ledger and its store: concurrent imports all land; a split commit is finished."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "trade"))

from samples import write_wdi, write_wdi_wide

from caravan import locking
from caravan.errors import LedgerError
from caravan.ledger.build import build
from caravan.ledger.store import Ledger
from caravan.settings import Settings
from caravan.sources.bulkstore import MANIFEST, read_manifest
from caravan.sources.importer import import_files


def _imported(settings: Settings) -> set[str]:
    with Ledger(settings.ledger) as ledger:
        return {
            r["indicator"]
            for r in ledger.query("SELECT DISTINCT indicator FROM observation WHERE indicator LIKE 'macro.%'")
        }


@pytest.mark.parametrize("trial", range(5))
def test_two_imports_at_once_both_land(built: Settings, tmp_path: Path, trial: int) -> None:
    files = [write_wdi(tmp_path / "gdp.csv"), write_wdi_wide(tmp_path / "API_SP.POP.TOTL.csv")]
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def run(path: Path) -> None:
        start.wait()
        try:
            import_files(built, "wdi", [path])
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(f,)) for f in files]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(read_manifest(built.store_dir).entries) == 2
    assert _imported(built) == {"macro.gdp", "macro.population"}
    build(built, force=True)  # a rebuild keeps both
    assert _imported(built) == {"macro.gdp", "macro.population"}


def test_an_import_waiting_too_long_gives_up_in_one_line(
    built: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(locking, "WAIT_SECONDS", 0.2)
    before = built.ledger.read_bytes()
    with (
        locking.exclusive(built.ledger),
        pytest.raises(LedgerError, match=r"another build or import .* is still running") as info,
    ):
        import_files(built, "wdi", [write_wdi(tmp_path / "gdp.csv")])
    assert "\n" not in str(info.value)
    assert built.ledger.read_bytes() == before


def test_a_lost_manifest_write_is_finished_from_the_ledger(built: Settings, tmp_path: Path) -> None:
    import_files(built, "wdi", [write_wdi(tmp_path / "gdp.csv")])
    manifest = built.store_dir / MANIFEST
    committed = manifest.read_text(encoding="utf-8")
    # As if killed between the ledger's commit and the manifest's replacement: the old manifest is back.
    manifest.unlink()
    report = build(built)
    assert report.recovered
    assert manifest.read_text(encoding="utf-8") == committed
    assert _imported(built) == {"macro.gdp"}
    # The next import of another file keeps the first.
    import_files(built, "wdi", [write_wdi_wide(tmp_path / "API_SP.POP.TOTL.csv")])
    assert _imported(built) == {"macro.gdp", "macro.population"}
