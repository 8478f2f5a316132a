"""Installed as a user installs it: the built wheel in a clean virtual environment serves the maps and charts.

The sdist is built first and the wheel from it, as `uv build` does, so the wheel's
front-end files come from the pinned npm packages at packaging time (the sdist does
not carry them). The wheel is installed with no development tools and no checkout
on the path; `caravan build` and `caravan serve` run from it, and Chromium loads
the dashboard.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("uv") is None, reason="uv builds the wheel"),
    pytest.mark.skipif(shutil.which("npm") is None, reason="npm provides the front-end files at packaging time"),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (scripts/test installs it)"),
]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    work = tmp_path_factory.mktemp("wheel")
    dist = work / "dist"
    subprocess.run(["uv", "build", "--quiet", "--out-dir", str(dist)], cwd=ROOT, check=True)
    wheel = next(dist.glob("caravan-*.whl"))
    venv = work / "venv"
    subprocess.run(["uv", "venv", "--quiet", "--python", sys.executable, str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(["uv", "pip", "install", "--quiet", "--python", str(python), str(wheel)], check=True)
    yield wheel, venv


def test_the_wheel_carries_the_front_end_files_and_the_licence(installed: tuple[Path, Path]) -> None:
    wheel, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("d3.min.js", "topojson-client.min.js", "countries-50m.json", "swagger-ui-bundle.js"):
        assert f"caravan/web/static/vendor/{needed}" in names
    assert any(n.endswith("licenses/LICENSE") for n in names)


def test_the_installed_wheel_builds_serves_and_draws_the_map(
    installed: tuple[Path, Path], tmp_path: Path, browser_factory: Any
) -> None:
    _, venv = installed
    caravan = venv / "bin" / "caravan"
    # A clean environment: the checkout is not importable, only the installed package.
    env = {
        "PATH": f"{venv / 'bin'}:/usr/bin:/bin",
        "HOME": str(tmp_path),
        "CARAVAN_LEDGER": str(tmp_path / "caravan.duckdb"),
        "CARAVAN_DATA": str(ROOT / "data"),
    }
    subprocess.run([str(caravan), "build"], cwd=tmp_path, env=env, check=True, capture_output=True)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    server = subprocess.Popen(
        [str(caravan), "serve", "--port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/api/meta", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        assert httpx.get(f"{base}/static/vendor/d3.min.js", timeout=10).status_code == 200
        page, problems = browser_factory()
        page.goto(f"{base}/corridors", wait_until="networkidle")
        page.wait_for_selector("body[data-ready=true]", timeout=60_000)
        assert page.locator(".error").count() == 0, page.locator(".error").all_inner_texts()
        assert page.locator("svg.map path.focus").count() == 6
        assert page.locator("svg.map path.edge").count() >= 1
        page.goto(f"{base}/trade", wait_until="networkidle")
        page.wait_for_selector("body[data-ready=true]", timeout=60_000)
        assert page.locator("svg").count() >= 1
        assert problems == []
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def browser_factory() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        problems: list[str] = []

        def open_page() -> tuple[Any, list[str]]:
            page = browser.new_page()
            page.set_default_timeout(60_000)
            page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
            page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
            return page, problems

        yield open_page
        browser.close()


def test_nothing_in_the_wheel_comes_from_the_checkout_at_run_time(installed: tuple[Path, Path]) -> None:
    _, venv = installed
    found = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import caravan, pathlib; print(pathlib.Path(caravan.__file__).parent)"],
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin", "HOME": os.environ.get("HOME", "/tmp")},
    ).stdout.strip()
    assert "site-packages" in found and not found.startswith(str(ROOT / "src"))
