"""Live data: a running server answers from one build at a time and switches to each new build.

A loop of real HTTP clients reads a real `caravan serve` while the curated
figure is changed and rebuilt, and a bulk file imported; every answer names
its build (`X-Caravan-Build`) and must be exactly that build's content. The
server is never restarted. No timing is asserted: each new build is awaited
with a generous deadline.
"""

from __future__ import annotations

import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "trade"))

from samples import write_wdi

from caravan.errors import DataError
from caravan.ledger.build import build
from caravan.ledger.builds import build_file, kept_builds
from caravan.ledger.store import Ledger
from caravan.settings import Settings
from caravan.sources.importer import import_files
from caravan.web.deps import LiveLedger

from .conftest import free_port, start_server

FIGURE = "/api/observations?indicator=trade.turnover&subject=CHN&counterpart=KAZ&period=2024"
DEADLINE = 120.0  # generous: only how long a test waits for a build, never a measured speed


def _set_figure(data: Path, value: str) -> None:
    """Write a new value for CHN-KAZ trade turnover in 2024 into the tiny curated data."""
    path = data / "observations" / "main.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("trade.turnover,CHN,KAZ,2024,"))
    fields = lines[at].split(",")
    fields[4] = value
    lines[at] = ",".join(fields)
    path.write_text("".join(lines), encoding="utf-8")


class Readers:
    """Threads that read the server in a loop and record every answer."""

    def __init__(self, base: str, n: int = 3) -> None:
        self.base = base
        self.stop = threading.Event()
        self.answers: list[tuple[str, str | None, Any]] = []
        self.errors: list[str] = []
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self._run, args=(i,), daemon=True) for i in range(n)]

    def _run(self, i: int) -> None:
        paths = [FIGURE, "/api/meta", "/api/observations?indicator=macro.gdp&limit=5"]
        with httpx.Client(base_url=self.base, timeout=60) as client:
            k = i
            while not self.stop.is_set():
                path = paths[k % len(paths)]
                k += 1
                try:
                    response = client.get(path)
                except httpx.HTTPError as exc:
                    with self.lock:
                        self.errors.append(f"{path}: {exc!r}")
                    continue
                if response.status_code != 200:
                    with self.lock:
                        self.errors.append(f"{path}: {response.status_code} {response.text[:200]}")
                    continue
                with self.lock:
                    self.answers.append((path, response.headers.get("x-caravan-build"), response.json()))

    def __enter__(self) -> Readers:
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        for t in self.threads:
            t.join(timeout=DEADLINE)

    def wait_for(self, build_id: str) -> None:
        """Wait until some answer came from this build (the server switched without a restart)."""
        deadline = time.monotonic() + DEADLINE
        while time.monotonic() < deadline:
            with self.lock:
                if any(b == build_id for _, b, _ in self.answers):
                    return
            time.sleep(0.02)
        raise AssertionError(f"no answer from build {build_id} within {DEADLINE:.0f} s")


def _build_id(settings: Settings) -> str:
    with Ledger(settings.ledger) as ledger:
        return ledger.meta["build_id"]


@pytest.mark.slow
def test_readers_see_each_build_whole_and_switch_without_a_restart(tiny_settings: Settings, tmp_path: Path) -> None:
    build(tiny_settings)
    expected: dict[str, float] = {_build_id(tiny_settings): 43.8}
    gdp: dict[str, bool] = {_build_id(tiny_settings): False}
    port = free_port()
    server = start_server(tiny_settings, port)
    try:
        with Readers(f"http://127.0.0.1:{port}") as readers:
            readers.wait_for(next(iter(expected)))
            for value in ("44.1", "45.25", "46"):
                _set_figure(tiny_settings.data, value)
                report = build(tiny_settings)
                expected[report.build_id], gdp[report.build_id] = float(value), False
                readers.wait_for(report.build_id)
            # An import while serving: a new build with the import, the figure as before.
            import_files(tiny_settings, "wdi", [write_wdi(tmp_path / "gdp.csv")])
            imported = _build_id(tiny_settings)
            expected[imported], gdp[imported] = 46.0, True
            readers.wait_for(imported)
            # A build that fails changes nothing the server shows.
            _set_figure(tiny_settings.data, "not a number")
            with pytest.raises(DataError):
                build(tiny_settings)
            seen = len(readers.answers)
            readers_deadline = time.monotonic() + DEADLINE
            while len(readers.answers) < seen + 30 and time.monotonic() < readers_deadline:
                time.sleep(0.02)
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert readers.errors == []
    mixed = []
    per_build: Counter[str] = Counter()
    for path, build_id, body in readers.answers:
        per_build[str(build_id)] += 1
        if build_id not in expected:
            mixed.append((path, build_id))
        elif path == FIGURE:
            (row,) = body["items"]
            if row["value"] != expected[build_id]:
                mixed.append((path, build_id, row["value"]))
        elif path == "/api/meta":
            if body["ledger"]["build_id"] != build_id:
                mixed.append((path, build_id, body["ledger"]["build_id"]))
        elif (body["total"] > 0) != gdp[build_id]:
            mixed.append((path, build_id, body["total"]))
    assert mixed == []
    assert set(per_build) == set(expected)  # every build answered, nothing else did
    assert readers.answers[-1][1] == imported  # the failed build left the last good one served


def test_the_provider_switches_between_requests_and_closes_a_build_with_its_last_request(
    tiny_settings: Settings,
) -> None:
    first = build(tiny_settings).build_id
    live = LiveLedger(tiny_settings.ledger)
    try:
        held = live.acquire()
        assert held.build_id == first
        _set_figure(tiny_settings.data, "50")
        second = build(tiny_settings).build_id
        assert live.build_id == second  # the next request reads the new build
        # The request that started on the first build still reads it whole.
        assert held.ledger.query("SELECT value FROM observation WHERE value = 43.8") != []
        newer = live.acquire()
        assert newer.ledger.query("SELECT value FROM observation WHERE value = 50") != []
        live.release(newer)
        live.release(held)  # its last request: the first build is closed
        with pytest.raises(Exception, match=r"(?i)closed"):
            held.ledger.query("SELECT 1")
    finally:
        live.close()


def test_only_the_newest_builds_are_kept_and_leftovers_are_removed(tiny_settings: Settings) -> None:
    settings = Settings(ledger=tiny_settings.ledger, data=tiny_settings.data, keep_builds=2)
    ids = [build(settings, force=True).build_id for _ in range(4)]
    assert [p.name for p in kept_builds(settings.ledger)] == [build_file(settings.ledger, i).name for i in ids[-2:]]
    # What a killed run leaves: an unfinished file, and a complete build never published.
    folder = build_file(settings.ledger, ids[-1]).parent
    (folder / ".20991231T000000.000000Z.duckdb.tmp").write_bytes(b"half")
    orphan = build_file(settings.ledger, "20991231T000000.000000Z")
    orphan.write_bytes(build_file(settings.ledger, ids[-1]).read_bytes())
    build(settings, force=True)
    names = {p.name for p in folder.iterdir()}
    assert orphan.name not in names and not any(n.startswith(".") for n in names)
    # History survives pruning: the newest build remembers all five.
    with Ledger(settings.ledger) as ledger:
        assert [r["id"] for r in ledger.query("SELECT id FROM build ORDER BY seq")][:4] == ids


def test_a_plain_file_ledger_of_an_earlier_version_becomes_the_link(tiny_settings: Settings) -> None:
    first = build(tiny_settings).build_id
    plain = tiny_settings.ledger
    data = Path(plain).read_bytes()
    plain.unlink()
    plain.write_bytes(data)  # as an earlier Caravan left it: one plain file
    _set_figure(tiny_settings.data, "47")
    report = build(tiny_settings)
    assert plain.is_symlink() and report.build_id != first
    with Ledger(plain) as ledger:
        (row,) = ledger.query("SELECT * FROM change WHERE build_id = ?", [report.build_id])
    assert (row["change"], row["old_value"], row["new_value"]) == ("changed", 43.8, 47.0)


CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.slow
@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (scripts/test installs it)")
def test_a_figures_page_shows_its_revisions_in_a_browser(tiny_settings: Settings) -> None:
    from playwright.sync_api import sync_playwright

    build(tiny_settings)
    _set_figure(tiny_settings.data, "44.1")
    revised = build(tiny_settings).build_id
    with Ledger(tiny_settings.ledger) as ledger:
        (row,) = ledger.query("SELECT observation_id FROM change WHERE build_id = ? AND change = 'changed'", [revised])
    port = free_port()
    server = start_server(tiny_settings, port)
    problems: list[str] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox", "--disable-gpu"]
            )
            page = browser.new_page()
            page.set_default_timeout(60_000)
            page.on("pageerror", lambda e: problems.append(str(e)))
            # From the source's entry, the figure's history link leads to its page with its revisions.
            page.goto(f"http://127.0.0.1:{port}/sources/src-a#{row['observation_id']}")
            page.locator(f"tr[id='{row['observation_id']}'] a.history-link").click()
            page.wait_for_selector("#revisions table")
            cells = page.locator("#revisions tbody tr").all_inner_texts()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert problems == []
    assert len(cells) == 2
    assert "changed" in cells[0] and "43.8 bn USD" in cells[0] and "44.1 bn USD" in cells[0]
    assert "added" in cells[1] and "main.csv" in cells[1]


def test_a_claim_check_reads_the_new_build_without_a_restart(tiny_settings: Settings) -> None:
    from fastapi.testclient import TestClient

    from caravan.web.app import create_app

    build(tiny_settings)
    claim = "China's customs say trade between China and Kazakhstan reached $43.8 billion in 2024."
    text = {"text": claim, "lang": "en"}

    def verdict_and_values(client: TestClient) -> tuple[str, set[float]]:
        (claim,) = [c for c in client.post("/api/claims/check", json=text).json()["claims"] if c["unit"] == "USD"]
        return claim["verdict"], {e["value"] for e in claim.get("evidence", [])}

    with TestClient(create_app(tiny_settings)) as client:
        first, _ = verdict_and_values(client)
        assert first == "supported"
        _set_figure(tiny_settings.data, "50")
        build(tiny_settings)
        second, values = verdict_and_values(client)
        assert second != "supported" and 43.8 not in values
