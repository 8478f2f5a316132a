"""Claim checks: paste a text, get every quantitative claim with its verdict and evidence."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from caravan.claims import check_text
from caravan.ledger.store import Ledger
from caravan.web.deps import LedgerDep
from caravan.web.models import ClaimCheck

router = APIRouter(prefix="/api/claims", tags=["claims"])

MAX_TEXT_CHARS = 50_000


class ClaimRequest(BaseModel):
    """A text to check."""

    text: Annotated[str, Field(min_length=1, max_length=MAX_TEXT_CHARS, description="The article, plain text.")]
    lang: Annotated[str | None, Field(pattern="^(en|zh|ru)$", description="Its language (detected if absent).")] = None
    published: date | None = Field(default=None, description="Publication date, for relative dates.")


@router.post("/check", response_model=ClaimCheck)
def check_claims(body: ClaimRequest, ledger: LedgerDep) -> Any:
    """Every quantitative claim in the text, each with a verdict and the ledger's evidence."""
    result = check_text(body.text, ledger, lang=body.lang, published=body.published)
    out = result.to_dict()
    out["text"] = result.article.body
    for claim in out["claims"]:
        for evidence in claim["evidence"]:
            evidence["source_id"] = _source_of(ledger, evidence.get("observation"))
    return out


def _source_of(ledger: Ledger, observation_id: str | None) -> str | None:
    """The source id of an evidence row's observation, so the page can link to its catalogue entry."""
    if not observation_id:
        return None
    rows = ledger.query("SELECT source_id FROM observation WHERE id = ?", [observation_id])
    return rows[0]["source_id"] if rows else None
