"""The fixed words in three languages: units, periods, statuses; one list, the dashboard's messages agreeing with it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from caravan.figures import display_fields, shown, unit_label
from caravan.institutions.commitments import STATUSES
from caravan.institutions.targets import Outcome
from caravan.periods import PeriodKind
from caravan.sources.models import EntityKind
from caravan.vocabulary import LANGUAGES, TERMS, period_label, term

MESSAGES = Path(__file__).resolve().parents[1] / "src" / "caravan" / "web" / "static" / "i18n"
# The groups the dashboard labels with its own messages (`t("commitment.done")`).
DASHBOARD_GROUPS = ("period_kind", "commitment", "outcome", "linkstatus", "entitykind", "mode")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_dashboard_messages_say_the_same_words(lang: str) -> None:
    messages = json.loads((MESSAGES / f"{lang}.json").read_text(encoding="utf-8"))
    for group in DASHBOARD_GROUPS:
        for code, words in TERMS[group].items():
            assert messages.get(f"{group}.{code}") == words[lang], f"{lang}.json {group}.{code}"


def test_every_code_has_its_words_in_every_language() -> None:
    codes = {
        "period_kind": {k.value for k in PeriodKind},
        "commitment": set(STATUSES),
        "outcome": {o.value for o in Outcome},
        "entitykind": {k.value for k in EntityKind},
    }
    for group, wanted in codes.items():
        assert wanted <= set(TERMS[group]), f"{group}: no words for {sorted(wanted - set(TERMS[group]))}"
    for group, entries in TERMS.items():
        for code, words in entries.items():
            assert set(words) == set(LANGUAGES) and all(words.values()), f"{group}.{code}"


def test_a_code_without_words_stays_a_code() -> None:
    assert term("commitment", "done", "zh") == "已完成"
    assert term("commitment", "something-new", "ru") == "something-new"
    assert term("commitment", None, "ru") is None


@pytest.mark.parametrize(
    ("unit", "zh", "ru"),
    [
        ("bn USD", "十亿美元", "млрд долл. США"),
        ("thousand TEU", "千标准箱", "тыс. ДФЭ"),
        ("train/day", "列/日", "поездов/сутки"),
        ("yi m**3/year", "亿立方米/年", "亿 м³/год"),
        ("CNY/hectoUSD", "元/100美元", "юаней/100 долл. США"),
        ("percent", "%", "%"),
    ],
)
def test_units_in_three_languages(unit: str, zh: str, ru: str) -> None:
    assert unit_label(unit, "zh") == zh
    assert unit_label(unit, "ru") == ru
    assert unit_label(unit) == unit_label(unit, "en")


def test_periods_in_three_languages() -> None:
    assert period_label("as-of 2023-03-31", "zh") == "截至 2023-03-31"
    assert period_label("cumulative-to 2022-12-31", "ru") == "нарастающим итогом на 2022-12-31"
    assert period_label("as-of 2023-03-31", "en") == "as of 2023-03-31"
    assert period_label("cumulative-to 2023-12-31", "en") == "cumulative to 2023-12-31"
    assert period_label("2024", "en") == "2024"
    for period in ("2024", "2024-05", "2025-01/2025-06", "2023/2024"):
        assert period_label(period, "zh") == period


def test_a_figure_reads_in_the_language_asked_for() -> None:
    row = {
        "value": 5000.0,
        "unit": "yi m**3",
        "value_display": 500.0,
        "display_unit": "bcm",
        "bound": "lower",
        "period": "cumulative-to 2024-11-30",
        "publisher": "Xinhua",
        "primary_name": "PetroChina West Pipeline Company",
        "primary_name_zh": "中石油西部管道公司",
        "indicator_name": "Natural gas delivered since start",
        "indicator_name_zh": "累计天然气输送量",
    }
    assert shown(row, "zh") == "超过 500 十亿立方米"
    fields = display_fields(row, "zh")
    assert fields["period_label"] == "截至 2024-11-30 累计"
    assert fields["printed"] == "5,000 亿立方米"
    assert fields["attribution"] == "中石油西部管道公司, via Xinhua"
    assert fields["indicator_name"] == "累计天然气输送量"
    english = display_fields(row)
    assert english["shown"] == "over 500 bcm"
    assert english["attribution"] == "PetroChina West Pipeline Company, via Xinhua"
    assert english["indicator_name"] == "Natural gas delivered since start"


def test_a_phrase_counts_and_dates_in_plain_english() -> None:
    from caravan.vocabulary import Period, Phrase, Unit

    figure = Phrase(
        "figure",
        bound=Phrase("target.bound.exact"),
        number="13",
        unit=Unit("institution", 13.0),
        period=Period("as-of 2023-03-31"),
    )
    assert figure == "13 institutions (as of 2023-03-31)"
    assert figure.in_lang("ru") == "13 учреждений (на 2023-03-31)"
    one = Phrase(
        "figure", bound=Phrase("target.bound.exact"), number="1", unit=Unit("institution", 1.0), period=Period("2024")
    )
    assert one == "1 institution (2024)"


def test_a_target_figure_is_shown_to_the_digits_it_means() -> None:
    from datetime import date

    from caravan.institutions.targets import Figure

    figure = Figure(
        observation_id="o", period="2023", period_end=date(2023, 12, 31), value=30.505834245161832, unit="bcm",
        value_std=30505834245.16183, method="reported", source_id="s", publisher=None, source_url=None, locator="l",
    )  # fmt: skip
    assert figure.text == "30.51 bcm (2023)"
