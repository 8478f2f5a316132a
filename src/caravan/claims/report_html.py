"""The HTML report: the article with every claim highlighted, its verdict and evidence beside it.

The page is self-contained (inline CSS, no script, no network) and safe to open
whatever the article contains: every piece of article text and every value from
the ledger goes through `html.escape`, and links are written only for http(s)
addresses.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

from caravan.claims.verify import CheckedClaim, CheckResult
from caravan.figures import unit_label

CSS = """
body{font-family:system-ui,sans-serif;margin:0;display:flex;gap:1rem;line-height:1.5;color:#222}
main{flex:3;padding:1rem 1.5rem;max-width:48rem}aside{flex:2;padding:1rem;background:#f7f7f7;
max-height:100vh;overflow:auto;position:sticky;top:0}mark{padding:0 .15em;border-radius:3px}
mark.supported{background:#c8f0c8}mark.contradicted{background:#f6c1c1}mark.outdated,
mark.period-mismatch{background:#fbe6a6}mark.unverifiable,mark.unverifiable-only-the-article-itself{background:#e2e2e2}
mark.conflicting-evidence{background:#e9d3f5}
.card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.6rem;margin:.6rem 0}
.verdict{font-weight:bold;text-transform:uppercase;font-size:.8em}.ev{font-size:.85em;color:#444}
sup{font-size:.7em}p.body{white-space:pre-wrap}.notes{color:#a40}
"""


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _link(url: str | None, label: str) -> str:
    if url and urlsplit(url).scheme in ("http", "https"):
        return f'<a href="{_e(url)}" rel="noopener noreferrer">{_e(label)}</a>'
    return _e(label)


def _css_class(verdict: str) -> str:
    return "-".join(re.findall(r"[a-z]+", verdict.lower()))


def _card(n: int, item: CheckedClaim) -> str:
    c, v = item.claim, item.verdict
    parts = [
        f'<div class="card" id="claim-{n}"><div><sup>{n}</sup> <span class="verdict">{_e(v.verdict)}</span>'
        f"{' (headline)' if c.headline else ''}</div>",
        f"<div><q>{_e(c.raw)}</q>: {_e(c.indicator)} · {_e(c.subject or '?')} → {_e(c.counterpart or '—')} · "
        f"{_e(c.period or 'no period')} · {_e(c.value)} {_e(unit_label(c.unit))} ({_e(c.measure)}"
        f"{', ' + _e(', '.join(c.qualifiers)) if c.qualifiers else ''})</div>",
        f"<div>{_e(v.explanation)}</div>",
    ]
    for line in v.arithmetic:
        parts.append(f'<div class="ev">arithmetic: {_e(line)}</div>')
    for ev in v.evidence[:4]:
        label = ev.attribution or ev.publisher or ("derived" if ev.method == "derived" else "source")
        as_printed = f" (printed: {ev.printed})" if ev.printed and ev.printed != ev.shown else ""
        parts.append(
            f'<div class="ev">• {_e(ev.indicator)} {_e(ev.subject)}/{_e(ev.counterpart or "—")} {_e(ev.period)}: '
            f"{_e(ev.shown or '')} — {_link(ev.source_url, label)}"
            f"{' — “' + _e(ev.locator) + '”' if ev.locator else ''}{_e(as_printed)}"
            f"{'' if ev.independent else ' — the article itself, not counted'}</div>"
        )
        for row in ev.lineage[:6]:
            by = str(row.get("attribution") or row.get("publisher") or "source")
            parts.append(
                f'<div class="ev">&nbsp;&nbsp;from {_e(row.get("period"))}: {_e(row.get("shown") or "")}'
                f" — {_link(row.get('source_url'), by)}</div>"
            )
    for note in c.notes:
        parts.append(f'<div class="ev">note: {_e(note)}</div>')
    parts.append("</div>")
    return "".join(parts)


def _highlight(text: str, spans: list[tuple[int, int, int, str]]) -> str:
    """Escaped text with each claim's span wrapped in a numbered <mark>; overlapping spans are skipped."""
    out: list[str] = []
    pos = 0
    for start, end, n, verdict in sorted(spans):
        if start < pos or end > len(text) or start >= end:
            continue
        out.append(_e(text[pos:start]))
        out.append(
            f'<mark class="{_css_class(verdict)}" title="{_e(verdict)}"><a href="#claim-{n}">'
            f"{_e(text[start:end])}</a><sup>{n}</sup></mark>"
        )
        pos = end
    out.append(_e(text[pos:]))
    return "".join(out)


def render_html(result: CheckResult) -> str:
    """The report as one self-contained HTML page."""
    art = result.article
    body_spans: list[tuple[int, int, int, str]] = []
    title_spans: list[tuple[int, int, int, str]] = []
    for n, item in enumerate(result.claims, start=1):
        c = item.claim
        (title_spans if c.headline else body_spans).append((c.start, c.end, n, item.verdict.verdict))
    title = _highlight(art.title, title_spans) if art.title else "Claim check"
    counts = ", ".join(f"{_e(k)}: {n}" for k, n in result.counts().items()) or "no claims"
    notes = "".join(f'<p class="notes">{_e(n)}</p>' for n in result.notes)
    source = f"<p>Source: {_link(art.url, art.url)}</p>" if art.url else ""
    cards = "".join(_card(n, item) for n, item in enumerate(result.claims, start=1))
    lang = art.lang if art.lang in ("en", "zh", "ru") else "en"
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        f"<title>Caravan claim check</title><style>{CSS}</style></head><body>"
        f"<main><h1>{title}</h1>{source}<p>Published {_e(art.published.isoformat())}"
        f"{'' if art.published_given else ' (not given; today used)'} · language {_e(art.lang)} · {counts}</p>"
        f'{notes}<p class="body">{_highlight(art.body, body_spans)}</p></main>'
        f"<aside><h2>Claims and evidence</h2>{cards}</aside></body></html>\n"
    )
