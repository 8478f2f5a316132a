"""A briefing as one self-contained HTML page: charts embedded as SVG, every figure footnoted.

Markup conventions that the tests (and any reader of the HTML) can rely on:

* every figure is a `<span class="cited">` that ends with `<sup class="fn">`
  links to its footnotes (`#fn-N`);
* names of places, institutions and links are `<span class="name">` (a digit
  in a name is not a figure);
* the footnotes are `<ol class="footnotes">`, one `<li id="fn-N">` per source;
* the page's own date and build stamp are in `<p class="meta">`.
"""

from __future__ import annotations

import base64
import re
from html import escape
from importlib.resources import files

from caravan.ledger.store import Ledger
from caravan.reports.briefing import Briefing, Chart, Cited
from caravan.reports.footnotes import Footnotes
from caravan.reports.labels import label


def _css() -> str:
    return files("caravan.reports").joinpath("briefing.css").read_text(encoding="utf-8")


class _Writer:
    def __init__(self, briefing: Briefing, footnotes: Footnotes) -> None:
        self.b = briefing
        self.fn = footnotes
        self.parts: list[str] = []

    def t(self, key: str) -> str:
        return escape(label(key, self.b.lang))

    def cited(self, c: Cited | None) -> str:
        if c is None:
            return "—"
        numbers = sorted({self.fn.cite(s) for s in c.sources})
        refs = ",".join(f'<a href="#fn-{n}">{n}</a>' for n in numbers)
        return f'<span class="cited">{escape(c.text)}<sup class="fn">{refs}</sup></span>'

    def name(self, text: str) -> str:
        return f'<span class="name">{escape(text)}</span>'

    def add(self, *html: str) -> None:
        self.parts.extend(html)

    def chart(self, chart: Chart) -> None:
        data = base64.b64encode(chart.svg.encode("utf-8")).decode("ascii")
        caption = self.cited(Cited(chart.title, chart.sources))
        self.add(
            '<figure class="chart">',
            f'<img alt="{escape(chart.title)}" src="data:image/svg+xml;base64,{data}"/>',
            f"<figcaption>{caption}</figcaption></figure>",
        )
        if chart.figures:
            self.add('<p class="latest">', "; ".join(self.cited(f) for f in chart.figures), "</p>")

    def table(self, headers: list[str], rows: list[list[str]]) -> None:
        head = "".join(f"<th>{h}</th>" for h in headers)
        body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
        self.add(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


def render_html(briefing: Briefing, ledger: Ledger) -> str:
    """The briefing as a complete HTML document (UTF-8, no external resources).

    Args:
        briefing: The assembled briefing.
        ledger: The ledger it came from (for the source records of the footnotes).
    """
    b = briefing
    w = _Writer(b, Footnotes(ledger))
    w.add(f"<h1>{escape(b.name)}: {w.t('title')}</h1>", f'<p class="subtitle">{w.t("subtitle")}</p>')
    stamp = f"{w.t('generated')} {b.generated.isoformat()}"
    if b.built_at:
        stamp += f"; {w.t('ledger_built')} {escape(b.built_at)}"
    w.add(f'<p class="meta">{stamp}</p>')

    w.add(f'<section id="headlines"><h2>{w.t("headlines")}</h2>')
    w.table(
        [w.t("pillar"), w.t("figure"), w.t("indicator")],
        [[escape(p), w.cited(c), escape(ind or "")] for p, c, ind in b.headlines],
    )
    w.add(f"<h3>{w.t('trade')}</h3>")
    if b.trade:
        w.chart(b.trade)
    else:
        w.add(f'<p class="note">{w.t("no_trade")}</p>')
    w.add("</section>")

    w.add(f'<section id="economy" class="newpage"><h2>{w.t("composition")}</h2>')
    if b.composition:
        w.chart(b.composition)
    else:
        # A command named in a note is code, not words of the briefing's language.
        note = re.sub(r"`([^`]+)`", r"<code>\1</code>", w.t("no_composition"))
        w.add(f'<p class="note">{note}</p>')
    if b.pipelines:
        w.add(f"<h3>{w.t('pipelines')}</h3>")
        w.chart(b.pipelines)
    w.add(f"<h2>{w.t('corridors_region' if b.region_view else 'corridors')}</h2>")
    if b.places:
        w.add(f"<h3>{w.t('places')}</h3>")
        w.table([w.t("kind"), w.t("name")], [[escape(p["kind"]), w.name(p["name"])] for p in b.places])
    if b.links:
        w.add(f"<h3>{w.t('links')}</h3>")
        w.table(
            [w.t("mode"), w.t("link"), w.t("length"), w.t("capacity"), w.t("status")],
            [
                [
                    escape(r["mode"]),
                    w.name(r["name"]),
                    w.cited(r["length"]),
                    w.cited(r["capacity"]),
                    escape(r["status"]),
                ]
                for r in b.links
            ],
        )
    if not b.places and not b.links:
        w.add(f'<p class="note">{w.t("no_corridors")}</p>')
    w.add("</section>")

    w.add(f'<section id="people" class="newpage"><h2>{w.t("people_title")}</h2>')
    if b.people:
        w.table(
            [w.t("indicator"), "", w.t("before"), w.t("after"), w.t("change")],
            [
                [
                    escape(r["indicator"]),
                    w.name(r["pair"]),
                    w.cited(r["before"]),
                    w.cited(r["after"]),
                    w.cited(r["change"]) if r["change"] else ("" if r["comparable"] else w.t("not_comparable")),
                ]
                for r in b.people
            ],
        )
    else:
        w.add(f'<p class="note">{w.t("no_people")}</p>')
    if b.institutes:
        w.add(f"<h3>{w.t('institutes')}</h3>")
        w.table(
            [w.t("kind"), w.t("name"), w.t("opened")],
            [[escape(r["kind"]), w.name(r["name"]), w.cited(r["opened"])] for r in b.institutes],
        )
    w.add("</section>")

    w.add(f'<section id="timeline"><h2>{w.t("timeline")}</h2>')
    if b.events:
        w.add('<ul class="timeline">')
        for _, title, when in b.events:
            w.add(f"<li>{w.cited(when)} {w.name(title)}</li>")
        w.add("</ul>")
    else:
        w.add(f'<p class="note">{w.t("no_events")}</p>')
    w.add(f"<h2>{w.t('commitments')}</h2>")
    if b.commitments:
        w.table(
            [w.t("commitment"), w.t("status"), w.t("target"), w.t("progress")],
            [
                [
                    w.cited(r["text"]),
                    escape(r["status"]),
                    w.cited(r["target"]) if r["target"] else "",
                    " ".join(
                        x
                        for x in (
                            escape(r["outcome"] or ""),
                            w.cited(r["latest"]) if r["latest"] else "",
                            w.cited(r["projection"]) if r["projection"] else "",
                        )
                        if x
                    ),
                ]
                for r in b.commitments
            ],
        )
        w.add(f'<p class="note">{w.t("projection_method")}</p>')
    else:
        w.add(f'<p class="note">{w.t("no_commitments")}</p>')
    w.add("</section>")

    w.add(f'<section id="sources" class="newpage"><h2>{w.t("sources")}</h2><ol class="footnotes">')
    for n, s in w.fn.entries():
        # The publisher's name and the title are the source's own (English unless the source says otherwise);
        # the authority's name is in the briefing's language where the ledger has it.
        own = f' lang="{escape(s.get("language") or "en")}"' if b.lang != "en" else ""
        publisher = f'<span lang="en">{escape(s["publisher"])}</span>' if b.lang != "en" else escape(s["publisher"])
        english = w.fn.authority_name(s) or s.get("original_publisher")
        whose = s.get(f"authority_name_{b.lang}") or english
        if whose and english and english.casefold() not in s["publisher"].casefold():
            # Whose figures they are, apart from the page that printed them: "GACC, via The Astana Times".
            name = escape(whose) if whose != english or b.lang == "en" else f'<span lang="en">{escape(whose)}</span>'
            publisher = f"{name}, {w.t('via')} {publisher}"
        published = f", {escape(str(s['published']))}" if s.get("published") else ""
        url = escape(s["url"])
        w.add(
            f'<li id="fn-{n}" value="{n}">{publisher}: <span{own}>{escape(s["title"])}</span>{published}. '
            f'<a href="{url}" lang="en">{url}</a></li>'
        )
    w.add("</ol></section>")

    body = "\n".join(w.parts)
    return (
        f'<!DOCTYPE html>\n<html lang="{b.lang}"><head><meta charset="utf-8"/>'
        f"<title>{escape(b.name)}: {w.t('title')}</title><style>{_css()}</style></head>\n"
        f"<body>\n{body}\n</body></html>\n"
    )
