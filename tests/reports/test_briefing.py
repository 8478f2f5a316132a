"""Briefings from the real ledger: every number footnoted, the expected pages, a first page not blank."""

from __future__ import annotations

import re
from datetime import date
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pypdf
import pypdfium2
import pytest
from click.testing import CliRunner

from caravan.cli import app
from caravan.errors import InputError
from caravan.ledger.store import Ledger
from caravan.reports.briefing import SUBJECTS, assemble
from caravan.reports.charts import has_cjk_font
from caravan.reports.html import render_html
from caravan.reports.labels import label
from caravan.reports.pdf import WrittenBriefing, write_briefing
from caravan.settings import Settings

TODAY = date(2026, 11, 29)
EXEMPT = {"cited", "fn", "name", "meta", "footnotes"}  # where digits may stand (see caravan.reports.html)
FORCED_SECTIONS = ("headlines", "composition", "people_title", "sources")  # each starts a page


class FootnoteCheck(HTMLParser):
    """Finds digits shown outside a footnoted figure, cited figures without a footnote, and dangling links."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, set[str]]] = []
        self.bare: list[str] = []
        self.cited_without_fn = 0
        self.links: set[str] = set()
        self.anchors: set[str] = set()
        self._cited_open: list[bool] = []  # per open span.cited: has a footnote been seen inside
        self.cited = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        classes = set((a.get("class") or "").split())
        if tag in ("img", "meta", "br"):
            return
        self.stack.append((tag, classes))
        if a.get("id"):
            self.anchors.add(a["id"] or "")
        if tag == "a" and (a.get("href") or "").startswith("#"):
            self.links.add((a["href"] or "")[1:])
        if "cited" in classes:
            self._cited_open.append(False)
            self.cited += 1
        if "fn" in classes and self._cited_open:
            self._cited_open[-1] = True

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            open_tag, classes = self.stack.pop()
            if "cited" in classes and not self._cited_open.pop():
                self.cited_without_fn += 1
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        tags = {t for t, _ in self.stack}
        if tags & {"style", "title"}:
            return
        if any(classes & EXEMPT for _, classes in self.stack):
            return
        if re.search(r"\d", data):
            self.bare.append(data.strip())


def check_footnotes(html: str) -> FootnoteCheck:
    checker = FootnoteCheck()
    checker.feed(html)
    return checker


def test_checker_catches_a_bare_number_and_a_missing_footnote() -> None:
    ok = check_footnotes(
        '<p><span class="cited">43.8 bn USD<sup class="fn"><a href="#fn-1">1</a></sup></span></p>'
        '<ol class="footnotes"><li id="fn-1">Customs 2024</li></ol>'
    )
    assert ok.bare == [] and ok.cited_without_fn == 0 and ok.links <= ok.anchors
    bad = check_footnotes('<p>Trade reached 43.8 bn USD</p><span class="cited">12 km</span><a href="#fn-9">x</a>')
    assert bad.bare == ["Trade reached 43.8 bn USD"] and bad.cited_without_fn == 1 and bad.links - bad.anchors


@pytest.fixture(scope="module")
def written(
    real_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> dict[tuple[str, str], WrittenBriefing]:
    out = tmp_path_factory.mktemp("briefings")
    results = {}
    with Ledger(real_settings.ledger) as ledger:
        for country in SUBJECTS:
            results[(country, "en")] = write_briefing(ledger, country, out, "en", TODAY)
        for lang in ("zh", "ru"):
            results[("KAZ", lang)] = write_briefing(ledger, "KAZ", out, lang, TODAY)
    return results


@pytest.mark.slow
@pytest.mark.parametrize("country", SUBJECTS)
def test_every_number_has_a_footnote(written: dict[tuple[str, str], WrittenBriefing], country: str) -> None:
    result = written[(country, "en")]
    html = result.html.read_text(encoding="utf-8")
    checker = check_footnotes(html)
    assert checker.bare == [], f"numbers without a footnote: {checker.bare[:5]}"
    assert checker.cited_without_fn == 0
    assert checker.cited > 5
    assert checker.links <= checker.anchors, f"footnote links without a footnote: {checker.links - checker.anchors}"
    assert 'src="http' not in html and "<link" not in html  # self-contained: no external resources
    assert html.count("data:image/svg+xml;base64,") >= (1 if result.briefing.trade else 0)


@pytest.mark.slow
@pytest.mark.parametrize("country", SUBJECTS)
def test_pdf_has_the_expected_pages(written: dict[tuple[str, str], WrittenBriefing], country: str) -> None:
    result = written[(country, "en")]
    reader = pypdf.PdfReader(result.pdf)
    assert len(reader.pages) == result.pages
    # China's briefing lists every corridor link and every commitment: 13 pages with the
    # crossings as node pairs and the group's commitments; more would be a layout fault.
    assert len(FORCED_SECTIONS) <= result.pages <= 14
    texts = [page.extract_text() for page in reader.pages]
    assert result.briefing.name in texts[0]
    starts = []
    for key in FORCED_SECTIONS:
        heading = label(key, "en")
        pages = [i for i, text in enumerate(texts) if heading in text]
        assert pages, f"{heading!r} not found in the PDF"
        starts.append(pages[0])
    assert starts[0] == 0 and starts == sorted(set(starts)), f"sections start on pages {starts}"
    assert f"1 / {result.pages}" in texts[0]


def _ink(pdf: Path, page: int = 0) -> float:
    document = pypdfium2.PdfDocument(str(pdf))
    image = document[page].render(scale=0.5).to_pil().convert("L")
    dark = sum(image.histogram()[:200])
    document.close()
    return dark / (image.width * image.height)


@pytest.mark.slow
@pytest.mark.parametrize("country", SUBJECTS)
def test_first_page_is_not_blank(written: dict[tuple[str, str], WrittenBriefing], country: str) -> None:
    assert _ink(written[(country, "en")].pdf) > 0.01


@pytest.mark.slow
def test_chinese_briefing_renders_cjk(written: dict[tuple[str, str], WrittenBriefing]) -> None:
    assert has_cjk_font(), "install fonts-noto-cjk (scripts/system-packages) for the Chinese briefing"
    result = written[("KAZ", "zh")]
    reader = pypdf.PdfReader(result.pdf)
    first = reader.pages[0].extract_text()
    assert "简报" in first and "哈萨克斯坦" in first
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in (page["/Resources"].get("/Font") or {}).values()
    }
    assert any("Noto-Sans-CJK" in f.replace("NotoSansCJK", "Noto-Sans-CJK") for f in fonts), fonts
    assert _ink(result.pdf) > 0.01
    html = result.html.read_text(encoding="utf-8")
    assert '<html lang="zh">' in html and check_footnotes(html).bare == []


@pytest.mark.slow
def test_russian_briefing(written: dict[tuple[str, str], WrittenBriefing]) -> None:
    result = written[("KAZ", "ru")]
    first = pypdf.PdfReader(result.pdf).pages[0].extract_text()
    assert "Справка" in first and "Казахстан" in first
    assert check_footnotes(result.html.read_text(encoding="utf-8")).bare == []


def test_commitments_and_corridors_in_the_kazakhstan_briefing(real_ledger: Ledger) -> None:
    b = assemble(real_ledger, "KAZ", "en", TODAY)
    assert [h[0] for h in b.headlines] == ["Trade", "Investment", "Transport", "Energy", "People", "Institutions"]
    commitments = {c["id"] for c in real_ledger.query("SELECT id FROM commitment")}
    assert {r["id"] for r in b.commitments} <= commitments
    for row in b.commitments:
        assert row["text"].sources, f"commitment {row['id']} has no source"
    parents = {r["parent"] for r in real_ledger.query("SELECT parent FROM entity WHERE kind IN ('port', 'line')")}
    if "KAZ" in parents:
        assert b.places


def test_the_c5_briefing_lists_every_commitment_involving_the_five(real_ledger: Ledger) -> None:
    five = ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
    involving = {
        r["id"]
        for r in real_ledger.query("SELECT id FROM commitment WHERE list_has_any(countries, ?::VARCHAR[])", [five])
    }
    assert len(involving) >= 31, "the ledger's commitments all involve at least one of the five"
    b = assemble(real_ledger, "C5", "en", TODAY)
    assert {r["id"] for r in b.commitments} == involving
    for code in five:  # each country's own commitments are among the group's
        assert {r["id"] for r in assemble(real_ledger, code, "en", TODAY).commitments} <= involving
    html = render_html(b, real_ledger)
    assert label("no_commitments", "en") not in html
    texts = {r["id"]: r["text"] for r in real_ledger.query("SELECT id, text FROM commitment")}
    for commitment in involving:  # every one is shown, with its text
        assert escape(texts[commitment]) in html, commitment


def test_bad_input(
    real_ledger: Ledger, tmp_path: Path, real_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(InputError, match="no briefing for 'RUS'"):
        assemble(real_ledger, "RUS")
    with pytest.raises(InputError, match="language 'fr'"):
        assemble(real_ledger, "KAZ", "fr")
    afile = tmp_path / "afile"
    afile.write_text("x")
    with pytest.raises(InputError, match="is a file"):
        write_briefing(real_ledger, "KAZ", afile)
    monkeypatch.setenv("CARAVAN_LEDGER", str(real_settings.ledger))
    runner = CliRunner()
    assert runner.invoke(app, ["report", "RUS", "--out", str(tmp_path)]).exit_code == 2
    result = runner.invoke(app, ["report", "KAZ", "--out", str(afile)])
    assert result.exit_code == 1 and "is a file" in result.output and "Traceback" not in result.output
    monkeypatch.setenv("CARAVAN_LEDGER", str(tmp_path / "none.duckdb"))
    result = runner.invoke(app, ["report", "KAZ", "--out", str(tmp_path / "out")])
    assert result.exit_code == 1 and "caravan build" in result.output
    assert not (tmp_path / "out").exists()


def test_cli_writes_both_files(real_settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CARAVAN_LEDGER", str(real_settings.ledger))
    result = CliRunner().invoke(app, ["report", "tjk", "--out", str(tmp_path), "--as-of", "2026-11-29"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["briefing-TJK-en.html", "briefing-TJK-en.pdf"]
    assert (tmp_path / "briefing-TJK-en.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.slow
def test_written_files_are_readable_by_others(written: dict[tuple[str, str], WrittenBriefing]) -> None:
    result = written[("KAZ", "en")]
    for path in (result.html, result.pdf):
        assert path.stat().st_mode & 0o777 == 0o644, path


def test_a_briefing_line_breaks_where_a_year_is_missing() -> None:
    from caravan.reports.charts import COLOURS, broken, line_chart

    xs, ys = broken([(1992, 1.0), (2013, 2.0), (2014, 3.0)])
    assert [str(x) for x in xs] == ["1992", "nan", "2013", "2014"] and [str(y) for y in ys] == [
        "1.0",
        "nan",
        "2.0",
        "3.0",
    ]
    svg = line_chart({"Turkmenistan": [(2014, 3.0), (1992, 1.0), (2013, 2.0)]}, "bn USD")
    (line,) = re.findall(rf'<path d="([^"]+)"[^>]*clip-path[^>]*stroke: {COLOURS[0]}', svg, re.S)
    # 1992 alone, then 2013-2014: two moves, one drawn segment, nothing across the two decades between.
    assert line.count("M") == 2 and line.count("L") == 1
