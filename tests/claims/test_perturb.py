"""The perturbation check: supported true figures altered beyond their wording, re-checked, counted."""

from __future__ import annotations

from pathlib import Path

from tests.claims.test_evaluate import _corpus

from caravan.claims.claim import Claim
from caravan.claims.evaluate import evaluate
from caravan.claims.perturb import altered_text, beyond_wording
from caravan.claims.verify import check_text
from caravan.ledger.store import Ledger


def _only(text: str, unit: str = "USD") -> Claim:
    return next(c.claim for c in check_text(text, None, published="2025-02-01").claims if c.claim.unit == unit)


def test_the_figure_is_rewritten_in_its_own_script() -> None:
    en = "Trade between China and Kazakhstan reached $43.8 billion in 2024."
    altered = altered_text(en, _only(en), 1.5, "en")
    assert altered is not None and "$65.7 billion" in altered.text and abs(altered.value - 65.7e9) < 1
    ru = "Товарооборот Казахстана с Китаем в 2024 году составил $43,8 млрд."
    altered = altered_text(ru, _only(ru), 0.6, "ru")
    assert altered is not None and "$26,3 млрд" in altered.text and abs(altered.value - 26.3e9) < 1
    zh = "2024年中哈贸易额达到438亿美元。"
    altered = altered_text(zh, _only(zh), 1.5, "zh")
    assert altered is not None and "657亿美元" in altered.text


def test_an_alteration_counts_only_beyond_the_wording() -> None:
    over = "Trade between China and Kazakhstan exceeded $40 billion in 2024."
    claim = _only(over)
    assert "over" in claim.qualifiers
    up = altered_text(over, claim, 1.5, "en")
    down = altered_text(over, claim, 0.6, "en")
    assert up is not None and down is not None
    assert beyond_wording(claim, up) and beyond_wording(claim, down)
    # "up to 8,000 yuan" made "up to 12,000 yuan" still allows every figure the true wording did.
    limit = "Each visitor may buy duty-free goods worth up to 8,000 yuan in Kazakhstan in 2024."
    claim = _only(limit, "CNY")
    assert "up to" in claim.qualifiers
    more = altered_text(limit, claim, 1.5, "en")
    assert more is not None and not beyond_wording(claim, more)


def test_the_evaluation_counts_altered_true_figures(tmp_path: Path, tiny_ledger: Ledger) -> None:
    result = evaluate(_corpus(tmp_path / "corpus"), split="all", ledger=tiny_ledger)
    (en, total) = result.perturbation()
    assert en["lang"] == "en" and total["lang"] == "all"
    assert en["true_supported"] == 2 and en["altered"] == 4
    # China's and Kazakhstan's figures both differ from every altered figure: all are caught.
    assert en["caught"] == 4 and en["missed"] == 0
    assert {a["altered"] for a in result.altered} == {"$65.7 billion", "$26.3 billion"}
    assert result.scores["en"].to_row()["true_contradicted"] == 0


def test_a_chinese_numeral_figure_is_rewritten_in_digits() -> None:
    zh = "二○二五年大陸與中亞國家全年貨物貿易進出口達一○六三億美元。"
    altered = altered_text(zh, _only(zh), 1.5, "zh")
    assert altered is not None and "1594億美元" in altered.text
    assert _only(altered.text).value == altered.value
    pct = "二○二五年大陸與中亞國家貨物貿易進出口同比增長百分之十二。"
    altered = altered_text(pct, _only(pct, "percent"), 1.5, "zh")
    assert altered is not None and "增長18%" in altered.text
