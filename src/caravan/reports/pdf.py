"""Write a briefing as HTML and PDF (WeasyPrint), atomically: both files or neither."""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from caravan.errors import InputError
from caravan.ledger.store import Ledger
from caravan.reports.briefing import Briefing, assemble
from caravan.reports.html import render_html


@dataclass(frozen=True)
class WrittenBriefing:
    """The files a briefing was written to, and the PDF's page count."""

    html: Path
    pdf: Path
    pages: int
    briefing: Briefing


def html_to_pdf(html: str) -> tuple[bytes, int]:
    """Print HTML to PDF with WeasyPrint.

    Returns:
        The PDF bytes and its number of pages.
    """
    import weasyprint

    # WeasyPrint logs every CSS property it ignores; a briefing's CSS is ours, so keep that quiet.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    document = weasyprint.HTML(string=html).render()
    return document.write_pdf(), len(document.pages)


def _replace_atomically(files: dict[Path, bytes]) -> None:
    temps: dict[Path, Path] = {}
    try:
        for path, content in files.items():
            fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            os.fchmod(fd, 0o644)  # a temporary file is private (0600); what it becomes is readable
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
            temps[path] = Path(name)
        for path, tmp in temps.items():
            os.replace(tmp, path)
    finally:
        for tmp in temps.values():
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()


def write_briefing(
    ledger: Ledger,
    country: str,
    out: Path,
    lang: str = "en",
    today: date | None = None,
    *,
    charts_cache: Path | None = None,
) -> WrittenBriefing:
    """Assemble a briefing and write it to `out` as `briefing-<COUNTRY>-<lang>.html` and `.pdf`.

    Args:
        ledger: The open ledger.
        country: CHN, KAZ, KGZ, TJK, TKM, UZB or C5.
        out: The folder to write into (created if missing).
        lang: en, zh or ru.
        today: The briefing's date; default today.
        charts_cache: A folder of charts drawn before (`Settings.charts_cache_dir`); None draws them.

    Raises:
        InputError: The country or language is not covered, or `out` is a file.
    """
    if out.exists() and not out.is_dir():
        raise InputError(f"{out} is a file; give a folder for the briefing")
    briefing = assemble(ledger, country, lang, today, charts_cache=charts_cache)
    html = render_html(briefing, ledger)
    pdf, pages = html_to_pdf(html)
    out.mkdir(parents=True, exist_ok=True)
    stem = out / f"briefing-{country}-{lang}"
    html_path, pdf_path = stem.with_suffix(".html"), stem.with_suffix(".pdf")
    _replace_atomically({html_path: html.encode("utf-8"), pdf_path: pdf})
    return WrittenBriefing(html_path, pdf_path, pages, briefing)
