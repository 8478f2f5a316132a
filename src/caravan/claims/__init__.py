"""Claims: find every quantitative claim in an article and check it against the ledger.

`check_text(text, ledger)` is the one entry point the CLI, the HTTP API and the
dashboard share. It reads English, Chinese or Russian; the pipeline is

* `numbers`  — the number grammar of each language (digits, scale words, units);
* `lexicon`  — cue words: places, indicator families, qualifiers, periods;
* `extract`  — sentences and clauses into `Claim`s (indicator, subject, period, value);
* `match`    — the ledger observations a claim can be compared with;
* `verify`   — the verdict and its evidence, from `evidence` (verdicts, tolerance), `independence`
  (the article's own figures never count), `gates` (what may contradict a claim) and
  `reasoning` (running totals, stocks, growth and point changes from one reporter's levels);
* `report_html` — the article with each claim highlighted, safely escaped;
* `evaluate` — precision and recall on an annotated corpus.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from caravan.claims.verify import CheckResult

__all__ = ["check_text"]


def check_text(text: str, ledger: Any, lang: str | None = None, published: Any = None) -> CheckResult:
    """Extract every quantitative claim from `text` and check each against the ledger.

    Args:
        text: The article (plain text; an optional `URL:`/`LANG:`/`TITLE:`/`DATE:` header).
        ledger: An open `Ledger`, or None to extract without checking.
        lang: `en`, `zh` or `ru`; detected when None.
        published: Publication date (date or ISO text) used to resolve relative dates.

    Returns:
        The claims found, each with its verdict and evidence.

    Raises:
        InputError: The text is empty, binary, or in a language Caravan does not read.
    """
    from caravan.claims.verify import check_text as run

    return run(text, ledger, lang=lang, published=published)
