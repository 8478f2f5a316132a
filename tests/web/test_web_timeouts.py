"""A real `caravan serve` closes idle and slow connections, and keeps answering everyone else."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pytest

from caravan.settings import Settings
from web.conftest import free_port

WAIT = 60.0  # how long a read may block before the test gives up (not a measured bound)


@pytest.fixture(scope="module")
def short_timeout_server(real_settings: Settings) -> Iterator[tuple[str, int]]:
    """`caravan serve --request-timeout 1` on a free loopback port."""
    port = free_port()
    env = {**os.environ, "CARAVAN_LEDGER": str(real_settings.ledger), "CARAVAN_DATA": str(real_settings.data)}
    command = [sys.executable, "-c", "from caravan.cli import main; main()", "serve", "--port", str(port)]
    process = subprocess.Popen(
        [*command, "--request-timeout", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/meta", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.2)
        yield "127.0.0.1", port
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def closed_by_server(sock: socket.socket) -> bool:
    """Read until the server closes the socket (True) or `WAIT` passes (False); answers are read past."""
    sock.settimeout(WAIT)
    try:
        while sock.recv(65536):
            pass
    except TimeoutError:
        return False
    except ConnectionResetError:
        return True
    return True


def test_an_idle_socket_is_closed(short_timeout_server: tuple[str, int]) -> None:
    with socket.create_connection(short_timeout_server) as sock:
        assert closed_by_server(sock)


def test_a_request_head_sent_too_slowly_is_closed(short_timeout_server: tuple[str, int]) -> None:
    with socket.create_connection(short_timeout_server) as sock:
        sock.sendall(b"GET /api/meta HTTP/1.1\r\nHost: x\r\n")  # and the rest never comes
        assert closed_by_server(sock)


def test_a_kept_alive_connection_is_closed_after_its_answer(short_timeout_server: tuple[str, int]) -> None:
    with socket.create_connection(short_timeout_server) as sock:
        sock.sendall(b"GET /api/meta HTTP/1.1\r\nHost: x\r\n\r\n")
        sock.settimeout(WAIT)
        assert sock.recv(12).startswith(b"HTTP/1.1 200")
        assert closed_by_server(sock)


def test_idle_sockets_do_not_keep_others_from_an_answer(short_timeout_server: tuple[str, int]) -> None:
    host, port = short_timeout_server
    idle = [socket.create_connection(short_timeout_server) for _ in range(50)]
    try:
        answer = httpx.get(f"http://{host}:{port}/api/meta", timeout=WAIT)
        assert answer.status_code == 200
        assert all(closed_by_server(sock) for sock in idle)
    finally:
        for sock in idle:
            sock.close()
