"""Faults around an import: a full disk, a read-only store, the leftovers of a killed run."""

from __future__ import annotations

import contextlib
import os
import resource
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "trade"))

from samples import write_baci, write_dots

from caravan.settings import Settings
from caravan.sources.bulkstore import read_manifest
from caravan.sources.importer import import_files
from store_state import snapshot


def caravan(settings: Settings, *args: str, file_limit: int | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real `caravan` command on these settings, optionally unable to write files beyond `file_limit`."""

    def limit() -> None:  # a full disk, as the process sees it: writes past the limit fail with EFBIG
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        if file_limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_limit, file_limit))

    env = {**os.environ, "CARAVAN_LEDGER": str(settings.ledger), "CARAVAN_DATA": str(settings.data)}
    return subprocess.run(
        [sys.executable, "-c", "from caravan.cli import main; main()", *args],
        env=env,
        capture_output=True,
        text=True,
        preexec_fn=limit,
        timeout=300,
        check=False,
    )


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.parametrize("fmt", ["imf-dots", "baci"])
def test_a_full_disk_during_import_is_one_line_and_changes_nothing(built: Settings, tmp_path: Path, fmt: str) -> None:
    import_files(built, "imf-dots", [write_dots(tmp_path / "first")])
    before = snapshot(built)
    folder = write_baci(tmp_path / "baci") if fmt == "baci" else tmp_path / "dots"
    if fmt == "imf-dots":
        write_dots(folder)
        for path in folder.iterdir():  # other content than the first import's, so it is staged
            path.write_bytes(path.read_bytes() + b"\0")
    result = caravan(built, "import", fmt, str(folder), file_limit=512)
    line = one_line(result)
    assert "cannot write the store" in line and "File too large" in line and "nothing was imported" in line
    assert snapshot(built) == before
    assert not list(built.store_dir.glob(".staging-*"))


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """Make a folder read-only for this process: a read-only bind mount as root, else its mode."""
    if os.geteuid() == 0:
        mounted = subprocess.run(["mount", "--bind", str(folder), str(folder)], capture_output=True, check=False)
        if mounted.returncode != 0:
            pytest.skip("cannot bind-mount as root here; a read-only store needs a mount or a non-root user")
        try:
            subprocess.run(["mount", "-o", "remount,bind,ro", str(folder)], check=True, capture_output=True)
            yield
        finally:
            subprocess.run(["umount", str(folder)], check=True, capture_output=True)
    else:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)


def test_a_read_only_store_is_one_line_and_changes_nothing(built: Settings, tmp_path: Path) -> None:
    import_files(built, "imf-dots", [write_dots(tmp_path / "first")])
    before = snapshot(built)
    folder = write_baci(tmp_path / "baci")
    with read_only(built.store_dir):
        result = caravan(built, "import", "baci", str(folder))
    line = one_line(result)
    assert "cannot write the store" in line and ("Read-only file system" in line or "Permission denied" in line)
    assert snapshot(built) == before


def test_leftovers_of_a_killed_import_are_removed_by_the_next(built: Settings, tmp_path: Path) -> None:
    import_files(built, "imf-dots", [write_dots(tmp_path / "first")])
    store = built.store_dir
    staging = store / ".staging-k1ll3d"
    (staging / "trade_total" / "dataset=imf-dots").mkdir(parents=True)
    (staging / "trade_total" / "dataset=imf-dots" / "x.parquet").write_bytes(b"PAR1")
    (staging / ".duckdb-tmp").mkdir()
    (store / ".manifest.abc123.tmp").write_text("{", encoding="utf-8")
    kept = store / "trade_total" / "dataset=imf-dots" / "not-in-manifest.parquet"
    kept.write_bytes(b"PAR1")  # a file no manifest names may still be read by a ledger: left alone
    again = import_files(built, "imf-dots", [tmp_path / "first"])
    assert again.imported == []
    assert not staging.exists() and not (store / ".manifest.abc123.tmp").exists()
    assert kept.exists()
    assert len(read_manifest(store).entries) == 3
