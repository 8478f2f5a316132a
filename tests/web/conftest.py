"""Fixtures for the web tests: the app on the real ledger, and a real server on a free loopback port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from caravan.settings import Settings
from caravan.web.app import create_app

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"


@pytest.fixture(scope="session")
def client(real_settings: Settings) -> Iterator[TestClient]:
    """The application on the real ledger, driven in-process over HTTP semantics."""
    with TestClient(create_app(real_settings), raise_server_exceptions=False) as test_client:
        yield test_client


def free_port() -> int:
    """A TCP port free on the loopback interface right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(settings: Settings, port: int) -> subprocess.Popen[bytes]:
    """Run `caravan serve` on the given ledger and port; wait until it answers."""
    env = {**os.environ, "CARAVAN_LEDGER": str(settings.ledger), "CARAVAN_DATA": str(settings.data)}
    process = subprocess.Popen(
        [sys.executable, "-c", "from caravan.cli import main; main()", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 90  # generous: shared machines start Python slowly at times
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read().decode() if process.stdout else ""
            raise RuntimeError(f"caravan serve exited with {process.returncode}: {output}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/meta", timeout=1).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("caravan serve did not answer within 90 s")


@pytest.fixture(scope="session")
def server(real_settings: Settings) -> Iterator[str]:
    """Base address of a real `caravan serve` on a free loopback port, serving the real ledger."""
    port = free_port()
    process = start_server(real_settings, port)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
