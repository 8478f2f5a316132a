"""`caravan eval claims` on a small corpus in the own corpus's layout: splits, per-language files, verdicts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from caravan.claims.evaluate import Evaluation, evaluate, split_of, verdict_column
from caravan.cli import app
from caravan.ledger.build import build
from caravan.ledger.store import Ledger
from caravan.settings import Settings


def _claim(article: str, text: str, quantity: float, truth: str, **fields: Any) -> dict[str, Any]:
    return {
        "article": article,
        "text": text,
        "quantity": quantity,
        "unit": "USD",
        "indicator": "trade.turnover",
        "measure": "level",
        "subject": "CHN",
        "counterpart": "KAZ",
        "reporter": None,
        "part": None,
        "period": "2024",
        "base": None,
        "comparison": None,
        "qualifier": None,
        "truth": truth,
        "truth_source": None,
        "truth_locator": None,
        "notes": "",
        **fields,
    }


def _corpus(root: Path) -> Path:
    (root / "articles").mkdir(parents=True)
    texts = {
        "101": "Trade between China and Kazakhstan reached $43.8 billion in 2024.",
        "102": "Trade between China and Kazakhstan reached $48 billion in 2024.",
        "103": "Trade between Kazakhstan and China reached $43.8 billion in 2024.",
    }
    for name, body in texts.items():
        (root / "articles" / f"{name}.txt").write_text(
            f"URL: https://example.net/{name}\nLANG: en\nTITLE: Trade\n\n{body}\n", encoding="utf-8"
        )
    claims = [
        _claim("101", texts["101"].rstrip("."), 43.8e9, "true"),
        _claim("102", texts["102"].rstrip("."), 48e9, "false"),
        # Annotated the other way round: subject and counterpart are scored in their places.
        _claim("103", texts["103"].rstrip("."), 43.8e9, "true", subject="KAZ", counterpart="CHN"),
    ]
    (root / "claims-en.jsonl").write_text("\n".join(json.dumps(c) for c in claims) + "\n", encoding="utf-8")
    header = "article\tlang\tpub_date\ttopic\turl\toutlet\tsplit\n"
    rows = "".join(
        f"{n}\ten\t2025-02-01\ttrade\thttps://example.net/{n}\tExample\t{'tune' if int(n) % 2 else 'heldout'}\n"
        for n in texts
    )
    (root / "index-en.tsv").write_text(header + rows, encoding="utf-8")
    return root


def test_splits_follow_the_index_then_the_numbers() -> None:
    assert split_of("101", None) == "tune" and split_of("102", None) == "heldout"
    assert split_of("102", {"split": "tune"}) == "tune"
    assert split_of("01", None) is None  # the reference corpus: no split


def test_verdict_columns() -> None:
    assert verdict_column("period mismatch") == "outdated"
    assert verdict_column("unverifiable — only the article itself") == "unverifiable"
    assert verdict_column("conflicting evidence") == "conflicting"
    assert verdict_column(None) == "not found"


def test_confusion_matrix_against_truth_labels(tmp_path: Path, tiny_ledger: Ledger) -> None:
    corpus = _corpus(tmp_path / "corpus")
    result = evaluate(corpus, split="all", ledger=tiny_ledger)
    en = result.scores["en"]
    assert en.gold == 3 and en.found == 3
    assert en.confusion["true"]["supported"] == 2
    # 48 against China's 43.8 and Kazakhstan's 30.1: both reporters differ beyond a revision, so it is caught.
    assert en.confusion["false"]["contradicted"] == 1
    assert en.to_row()["true_contradicted"] == 0
    assert {r["truth"]: r["total"] for r in result.confusion() if r["lang"] == "en"} == {
        "true": 2,
        "false": 1,
        "undecidable": 0,
    }
    tune = evaluate(corpus, split="tune", ledger=tiny_ledger)
    assert tune.scores["en"].articles == 2 and tune.scores["en"].confusion["false"]["contradicted"] == 0
    heldout = evaluate(corpus, split="heldout")
    assert heldout.scores["en"].articles == 1 and not heldout.verdicts and heldout.confusion() == []


def test_subject_and_counterpart_are_scored_in_their_places(tmp_path: Path) -> None:
    from dataclasses import replace

    from caravan.claims.evaluate import LanguageScore, _score

    corpus = _corpus(tmp_path / "corpus")
    gold = [json.loads(line) for line in (corpus / "claims-en.jsonl").read_text(encoding="utf-8").splitlines()]
    claim = next(c.claim for c in check_text_of(corpus / "articles" / "101.txt") if c.claim.unit == "USD")
    score = LanguageScore("en")
    result = Evaluation({"en": score})
    # The same pair the other way round: parties right, subject and counterpart wrong.
    _score(gold[0], replace(claim, subject="KAZ", counterpart="CHN"), (score,), result, "101", "en")
    _score(gold[0], replace(claim, subject="CHN", counterpart="KAZ"), (score,), result, "101", "en")
    row = score.to_row()
    assert (row["subject"], row["counterpart"], row["parties"]) == (0.5, 0.5, 1.0)
    assert [w["predicted_subject"] for w in result.wrong] == ["KAZ"]


def check_text_of(path: Path) -> list[Any]:
    from caravan.claims.verify import check_text

    return check_text(path.read_text(encoding="utf-8"), None).claims


def test_eval_cli_reads_per_language_files_and_a_split(
    tmp_path: Path, tiny_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(tiny_settings, force=True)
    monkeypatch.setenv("CARAVAN_LEDGER", str(tiny_settings.ledger))
    corpus = _corpus(tmp_path / "corpus")
    result = CliRunner().invoke(app, ["eval", "claims", str(corpus), "--split", "tune", "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["split"] == "tune"
    (en,) = [r for r in data["scores"] if r["lang"] == "en"]
    assert en["articles"] == 2 and en["claims"] == 2
    assert {"unit", "subject", "counterpart", "true_contradicted"} <= set(en)
    assert any(r["truth"] == "true" and r["supported"] == 2 for r in data["verdicts"] if r["lang"] == "en")


def test_eval_without_a_ledger_scores_extraction_and_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CARAVAN_LEDGER", str(tmp_path / "none.duckdb"))
    result = CliRunner().invoke(app, ["eval", "claims", str(_corpus(tmp_path / "corpus"))])
    assert result.exit_code == 0, result.output
    assert "verdicts not scored" in result.output and "caravan build" in result.output
