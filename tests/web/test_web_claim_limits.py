"""The claim check's limits, through the application: text length, and checks running at once."""

from __future__ import annotations

import threading

from fastapi.testclient import TestClient
from tests.web.test_web_errors import assert_error_shape

from caravan.web.routers.claims import MAX_CONCURRENT_CHECKS, MAX_TEXT_CHARS

SENTENCE = "Trade between China and Kazakhstan reached $43.8 billion in 2024, customs data showed. "


def _article(chars: int) -> str:
    text = (SENTENCE * (chars // len(SENTENCE) + 1))[:chars]
    assert len(text) == chars
    return text


def test_a_text_at_the_limit_is_checked(client: TestClient) -> None:
    response = client.post("/api/claims/check", json={"text": _article(MAX_TEXT_CHARS), "lang": "en"})
    assert response.status_code == 200, response.text
    assert response.json()["claims"]


def test_a_longer_text_is_refused_in_one_clear_line(client: TestClient) -> None:
    response = client.post("/api/claims/check", json={"text": _article(MAX_TEXT_CHARS + 1), "lang": "en"})
    message = assert_error_shape(response, 413, "payload_too_large")
    assert "50,001 characters" in message and "50,000" in message and "caravan check" in message


def _slots(client: TestClient) -> threading.BoundedSemaphore:
    # One check makes the application's semaphore; the test then holds every slot itself,
    # as that many long checks running at once would.
    assert client.post("/api/claims/check", json={"text": SENTENCE, "lang": "en"}).status_code == 200
    slots = client.app.state.check_slots  # type: ignore[attr-defined]
    assert isinstance(slots, threading.BoundedSemaphore)
    return slots


def test_checks_beyond_the_limit_are_told_to_retry(client: TestClient) -> None:
    slots = _slots(client)
    held = 0
    try:
        for _ in range(MAX_CONCURRENT_CHECKS):
            assert slots.acquire(blocking=False)
            held += 1
        response = client.post("/api/claims/check", json={"text": SENTENCE, "lang": "en"})
        message = assert_error_shape(response, 503, "unavailable")
        assert response.headers["retry-after"] == "2"
        assert "try again" in message
        # Other requests are still served while the checks run.
        assert client.get("/api/meta").status_code == 200
    finally:
        for _ in range(held):
            slots.release()
    assert client.post("/api/claims/check", json={"text": SENTENCE, "lang": "en"}).status_code == 200


def test_a_slot_is_returned_when_a_check_fails(client: TestClient) -> None:
    slots = _slots(client)
    response = client.post("/api/claims/check", json={"text": "Der Handel wuchs im Jahr 2024 kräftig."})
    assert response.status_code in (200, 400)
    held = 0
    try:
        for _ in range(MAX_CONCURRENT_CHECKS):
            assert slots.acquire(blocking=False), "a failed check kept its slot"
            held += 1
    finally:
        for _ in range(held):
            slots.release()
