"""`caravan check` and `caravan eval claims` through the CLI runner, bad input included."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from caravan.cli import app
from caravan.ledger.build import build
from caravan.settings import Settings

ARTICLE = """\
URL: https://example.org/news/1
LANG: en
TITLE: Kazakhstan trade with China hits a record

Trade between China and Kazakhstan reached $43.8 billion in 2024. It was $41 billion in 2023.
"""


@pytest.fixture
def runner(tiny_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    build(tiny_settings, force=True)
    monkeypatch.setenv("CARAVAN_LEDGER", str(tiny_settings.ledger))
    return CliRunner()


def test_check_table(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(app, ["check", str(path), "--published", "2025-01-24"])
    assert result.exit_code == 0, result.output
    assert "supported" in result.output
    assert "2 claims" in result.output


def test_check_json_from_stdin(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", "-", "-f", "json", "--published", "2025-01-24"], input=ARTICLE)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["lang"] == "en"
    verdicts = {c["raw"] if "raw" in c else c["text"]: c["verdict"] for c in data["claims"]}
    assert verdicts == {"$43.8 billion": "supported", "$41 billion": "supported"}
    assert data["claims"][0]["evidence"][0]["source_url"] == "https://example.org/a"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attrs.extend(attrs)


HOSTILE = (
    'TITLE: <script>alert("t")</script> $43.8 billion "><img src=x onerror=alert(1)>\n\n'
    "Trade between China and Kazakhstan reached $43.8 billion in 2024 <script>alert(1)</script>. "
    '</p></main><iframe src=javascript:alert(2)></iframe> <a href="javascript:alert(3)">x</a> '
    "It was $41 billion in 2023 ' onmouseover='alert(4)\n"
)


def test_html_report_escapes_hostile_text(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "hostile.txt"
    path.write_text(HOSTILE, encoding="utf-8")
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["check", str(path), "-f", "html", "-o", str(out), "--published", "2025-01-24"])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    parser = _Tags()
    parser.feed(page)
    assert parser.tags <= {
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "main",
        "aside",
        "h1",
        "h2",
        "p",
        "div",
        "span",
        "mark",
        "a",
        "sup",
        "q",
    }
    assert not [v for k, v in parser.attrs if k.startswith("on")]
    assert not [v for k, v in parser.attrs if k == "href" and v and v.lower().startswith("javascript")]
    assert "&lt;script&gt;" in page
    assert page.count("<mark") == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary"),
        (b"\xff\xfe\xfa bad bytes", "UTF-8"),
        (
            b"Le commerce entre la Chine et le Kazakhstan a atteint 43,8 milliards de dollars en 2024, selon les "
            b"douanes chinoises.",
            "English",
        ),
        (
            "Қазақстан мен Қытай арасындағы тауар айналымы 2024 жылы 43,8 миллиард долларға жетті.".encode(),
            "Cyrillic language other than Russian",
        ),
        ("カザフスタンと中国の貿易は2024年に438億ドルに達した。".encode(), "Japanese"),
    ],
)
def test_bad_input_is_one_clear_line(runner: CliRunner, tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output


def test_missing_file(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", "no-such-article.txt"])
    assert result.exit_code == 1
    assert "no file" in result.output


def test_enormous_input_is_capped_and_says_so(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    sentence = "Trade between China and Kazakhstan reached $43.8 billion in 2024. "
    path.write_text(sentence * 20_000, encoding="utf-8")
    result = runner.invoke(app, ["check", str(path), "-f", "json", "--published", "2025-01-24"])
    assert result.exit_code == 0, result.output[-500:]
    data = json.loads(result.output)
    assert data["truncated"] is True
    assert any("200,000" in n for n in data["notes"])


def test_no_claims_is_said(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", "-"], input="The weather in Almaty was pleasant and the talks went well.")
    assert result.exit_code == 0
    assert "no quantitative claims" in result.output


def _write_corpus(root: Path) -> Path:
    (root / "articles").mkdir(parents=True)
    (root / "articles" / "01.txt").write_text(
        "URL: https://example.org/1\nLANG: en\nTITLE: Trade report\n\n"
        "Trade between China and Kazakhstan reached $43.8 billion in 2024. "
        "China's investment in Kazakhstan exceeded $5 billion by the end of 2023. "
        "Rail freight between the two countries rose 10% in 2024.\n",
        encoding="utf-8",
    )
    (root / "articles" / "02.txt").write_text(
        "URL: https://example.org/2\nLANG: ru\nTITLE: Торговля\n\n"
        "В 2024 году товарооборот Казахстана и Китая составил 30,1 миллиарда долларов.\n",
        encoding="utf-8",
    )
    claims = [
        {
            "article": "01",
            "text": "Trade between China and Kazakhstan reached $43.8 billion in 2024",
            "quantity": 43.8e9,
            "unit": "USD",
            "indicator": "trade.turnover",
            "subject": "KAZ",
            "counterpart": "CHN",
            "period": "2024",
            "comparison": None,
            "notes": "",
        },
        {
            "article": "01",
            "text": "Rail freight between the two countries rose 10% in 2024",
            "quantity": 10,
            "unit": "percent",
            "indicator": "rail.cargo.growth_yoy",
            "subject": "KAZ",
            "counterpart": "CHN",
            "period": "2024",
            "comparison": "yoy",
            "notes": "",
        },
        {
            "article": "01",
            "text": "a claim the extractor cannot find",
            "quantity": 7,
            "unit": "trains",
            "indicator": "rail.trains",
            "subject": "KAZ",
            "counterpart": "CHN",
            "period": "2024",
            "comparison": None,
            "notes": "",
        },
        {
            "article": "02",
            "text": "товарооборот Казахстана и Китая составил 30,1 миллиарда долларов",
            "quantity": 30.1e9,
            "unit": "USD",
            "indicator": "trade.turnover",
            "subject": "KAZ",
            "counterpart": "CHN",
            "period": "2023",
            "comparison": None,
            "notes": "deliberately wrong period",
        },
    ]
    (root / "claims.jsonl").write_text("\n".join(json.dumps(c) for c in claims) + "\n", encoding="utf-8")
    (root / "index.tsv").write_text(
        "article\tlang\tpub_date\ttopic\turl\n01\ten\t2025-01-20\ttrade\tx\n02\tru\t2025-02-01\ttrade\tx\n",
        encoding="utf-8",
    )
    return root


def test_eval_claims_scores_per_language(tmp_path: Path) -> None:
    corpus = _write_corpus(tmp_path / "corpus")
    result = CliRunner().invoke(app, ["eval", "claims", str(corpus), "-f", "json", "--details"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    rows = {r["lang"]: r for r in data["scores"]}
    assert rows["en"]["claims"] == 3 and rows["en"]["predicted"] == 3 and rows["en"]["found"] == 2
    assert rows["en"]["recall"] == pytest.approx(2 / 3, abs=1e-3)
    assert rows["en"]["precision"] == pytest.approx(2 / 3, abs=1e-3)
    assert rows["en"]["indicator"] == 1.0 and rows["en"]["period"] == 1.0
    assert rows["ru"]["found"] == 1 and rows["ru"]["period"] == 0.0
    assert [m["text"] for m in data["missed"]] == ["a claim the extractor cannot find"]
    assert [s["value"] for s in data["spurious"]] == [5e9]


def test_eval_refuses_a_folder_that_is_not_a_corpus(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", "claims", str(tmp_path)])
    assert result.exit_code == 1
    assert "not a claims corpus" in result.output
