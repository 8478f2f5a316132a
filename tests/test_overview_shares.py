"""The five's shares of China's trade with them: one complete year, never a year with members missing drawn whole."""

from __future__ import annotations

import pytest

from caravan.ledger.store import Ledger
from caravan.overview import group_shares
from caravan.regions import FIVE


def test_the_shares_are_of_a_year_all_five_have(real_ledger: Ledger) -> None:
    found = group_shares(real_ledger)
    assert found.period is not None
    assert [r["counterpart"] for r in found.rows] == list(FIVE)  # one each, in member order
    assert sum(r["value_display"] for r in found.rows) == pytest.approx(100, abs=1.5)
    assert all(r["method"] == "derived" and r["period"] == found.period for r in found.rows)
    # The five are shares of one total (2022 has two Kazakh shares, of two publishers' totals: never mixed).
    assert len({r["derived_from"][-1] for r in found.rows}) == 1
    assert all(r["bound"] == "exact" for r in found.rows)
    # 2025: China's customs give Kazakhstan's "over 48.6 bn" and Kyrgyzstan's "about 27.2 bn", and the others'
    # shares are of a total given as "over 106.3 bn": no exact share, so 2025 is named, not drawn.
    assert found.period < "2025"
    assert found.incomplete.get("2025") == list(FIVE), found.incomplete
    assert all(p > found.period for p in found.incomplete)
