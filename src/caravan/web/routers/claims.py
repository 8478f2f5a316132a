"""Claim checks: paste a text, get every quantitative claim with its verdict and evidence.

A check is the API's one costly request, so it is bounded:

* the text is at most `MAX_TEXT_CHARS` characters (a longer one is refused, 413, with
  the one error shape and what to do instead);
* at most `MAX_CONCURRENT_CHECKS` checks run at once; another is refused at once (503,
  `Retry-After`) rather than queued behind them, so a few parallel posts cannot pin the
  server;
* the ledger is read for matching once per application (`LedgerIndex`), not per request.

Every check is recorded in the ledger's run records (`caravan.runs`) under the content key of
what was asked (text, language, publication date), so a checked paragraph can be shared:
`GET /api/claims/checks/{key}` (and the page `/claims?check={key}`) reopens it as it was checked.
"""

from __future__ import annotations

import logging
import threading
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from pydantic import BaseModel, Field

from caravan.claims import check_text
from caravan.claims.match import LedgerIndex
from caravan.runs import KEY, content_key, find_run, read_run, record_run, runs_dir
from caravan.web.deps import LedgerDep
from caravan.web.models import ClaimCheck, ErrorResponse
from caravan.web.problems import error_response

router = APIRouter(prefix="/api/claims", tags=["claims"])
log = logging.getLogger(__name__)

MAX_TEXT_CHARS = 50_000
"""The longest text one check reads (about 8,000 words; costs well under 2 s of CPU)."""
MAX_CONCURRENT_CHECKS = 2
"""Checks running at once; the machine's cores, so others' requests keep being served."""
RETRY_AFTER_SECONDS = 2

_setup = threading.Lock()


class ClaimRequest(BaseModel):
    """A text to check."""

    text: Annotated[
        str, Field(min_length=1, description=f"The article, plain text (at most {MAX_TEXT_CHARS:,} characters).")
    ]
    lang: Annotated[str | None, Field(pattern="^(en|zh|ru)$", description="Its language (detected if absent).")] = None
    published: date | None = Field(default=None, description="Publication date, for relative dates.")


def check_slots(request: Request) -> threading.BoundedSemaphore:
    """The application's semaphore of concurrent checks (made on first use)."""
    state = request.app.state
    with _setup:
        if getattr(state, "check_slots", None) is None:
            state.check_slots = threading.BoundedSemaphore(MAX_CONCURRENT_CHECKS)
        slots: threading.BoundedSemaphore = state.check_slots
    return slots


def claims_index(request: Request, ledger: Any) -> LedgerIndex:
    """The ledger as claim matching reads it, loaded once per build (a build is immutable).

    A newer build published while serving gets its own index on its first check, so a
    verdict never rests on the figures of a build that has been replaced.
    """
    state = request.app.state
    build = ledger.meta.get("build_id", "")
    with _setup:
        held = getattr(state, "claims_index", None)
        if held is None or held[0] != build:
            held = state.claims_index = (build, LedgerIndex.load(ledger))
    return held[1]


@router.post(
    "/check",
    response_model=ClaimCheck,
    responses={
        413: {"model": ErrorResponse, "description": f"The text is longer than {MAX_TEXT_CHARS:,} characters."},
        503: {"model": ErrorResponse, "description": "Too many checks are running; retry after `Retry-After` s."},
    },
)
def check_claims(body: ClaimRequest, ledger: LedgerDep, request: Request) -> Any:
    """Every quantitative claim in the text, each with a verdict and the ledger's evidence."""
    if len(body.text) > MAX_TEXT_CHARS:
        return error_response(
            413,
            "payload_too_large",
            f"the text has {len(body.text):,} characters and a check reads at most {MAX_TEXT_CHARS:,}; "
            "check the article in parts, or run `caravan check FILE` for a longer one",
        )
    slots = check_slots(request)
    if not slots.acquire(blocking=False):
        return error_response(
            503,
            "unavailable",
            f"{MAX_CONCURRENT_CHECKS} checks are already running; try again in {RETRY_AFTER_SECONDS} seconds",
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )
    try:
        result = check_text(body.text, claims_index(request, ledger), lang=body.lang, published=body.published)
    finally:
        slots.release()
    out = result.to_dict()
    out["text"] = result.article.body
    question = {"text": body.text, "lang": body.lang, "published": body.published}
    key = content_key(question)
    inputs = {"ledger_build": ledger.meta.get("build_id", ""), "ledger_built_at": ledger.meta.get("built_at", "")}
    try:
        path = record_run(runs_dir(request.app.state.settings.ledger), "claims", question, inputs, out, key=key)
    except OSError as exc:  # a server whose runs folder cannot be written still checks; the check has no link
        log.warning("claim check not stored: %s", exc)
        return {**out, "build": inputs["ledger_build"], "built_at": inputs["ledger_built_at"]}
    return _stored(read_run(path), key)


@router.get("/checks/{key}", response_model=ClaimCheck)
def stored_check(
    request: Request,
    key: Annotated[str, Path(pattern=KEY.pattern, description="The check's content key, as its link gives it.")],
) -> Any:
    """A check as it was made and stored: the same text, verdicts and evidence, with when and on which build."""
    return _stored(find_run(runs_dir(request.app.state.settings.ledger), "claims", key), key)


def _stored(record: dict[str, Any], key: str) -> dict[str, Any]:
    """A check's answer from its run record: the result, its key, when and on which build it was made."""
    inputs = record["inputs"]
    return {
        **record["result"],
        "check": key,
        "checked_at": record["timestamp"],
        "build": inputs.get("ledger_build", ""),
        "built_at": inputs.get("ledger_built_at", ""),
    }
