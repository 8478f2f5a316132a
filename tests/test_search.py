"""The one search box: names in three languages, near spellings, and what it refuses."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from caravan.errors import InputError
from caravan.ledger.store import Ledger
from caravan.search import KINDS, search


@pytest.mark.parametrize(
    ("query", "lang", "kind", "found", "title", "path"),
    [
        ("Kazakhstan", "en", "entity", "KAZ", "Kazakhstan", "/country/KAZ"),
        ("哈萨克斯坦", "zh", "entity", "KAZ", "哈萨克斯坦", "/country/KAZ"),
        ("Казахстан", "ru", "entity", "KAZ", "Казахстан", "/country/KAZ"),
        ("kazakstan", "en", "entity", "KAZ", "Kazakhstan", "/country/KAZ"),  # a near spelling
        ("  ALMATY ", "zh", "entity", "city.almaty", "阿拉木图", "/corridors"),  # case, spaces, the reader's language
        (
            "Natural gas delivered",
            "en",
            "indicator",
            "gas.delivered",
            "Natural gas delivered",
            "/explore?indicator=gas.delivered",
        ),
    ],
)
def test_a_name_in_any_language_finds_the_thing_first(
    real_ledger: Ledger, query: str, lang: str, kind: str, found: str, title: str, path: str
) -> None:
    best = search(real_ledger, query, lang=lang)[0]
    assert (best.kind, best.id, best.title, best.path) == (kind, found, title, path)


def test_every_word_in_any_order_finds_a_summit(real_ledger: Ledger) -> None:
    hits = search(real_ledger, "xi'an summit", kinds=("event",))
    assert hits and hits[0].id == "summit.xian-2023" and hits[0].path == "/institutions?summit=summit.xian-2023"


def test_commitments_lead_to_their_summit(real_ledger: Ledger) -> None:
    hits = search(real_ledger, "trade", kinds=("commitment",), limit=100)
    assert hits and all(h.detail and h.path == f"/institutions?summit={h.detail}" for h in hits)


def test_kinds_filter_and_nothing_found(real_ledger: Ledger) -> None:
    assert {h.kind for h in search(real_ledger, "gas", kinds=("indicator",))} == {"indicator"}
    assert search(real_ledger, "zzqxv nothing like it") == []


@pytest.mark.parametrize(
    ("query", "kinds", "words"),
    [("  ", KINDS, "type a word"), ("x" * 201, KINDS, "at most 200"), ("gas", ("people",), "unknown kind 'people'")],
)
def test_bad_queries_are_one_line(real_ledger: Ledger, query: str, kinds: tuple[str, ...], words: str) -> None:
    with pytest.raises(InputError, match=words):
        search(real_ledger, query, kinds=kinds)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(min_size=1, max_size=60))
def test_any_text_searches_or_is_refused_in_one_line(real_ledger: Ledger, query: str) -> None:
    try:
        hits = search(real_ledger, query, limit=5)
    except InputError as exc:
        assert "\n" not in str(exc)
    else:
        assert len(hits) <= 5 and all(0 < h.score <= 100 for h in hits)


def test_the_command_line_searches_too(real_settings, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    import json

    from click.testing import CliRunner

    from caravan.cli import app

    monkeypatch.setenv("CARAVAN_LEDGER", str(real_settings.ledger))
    monkeypatch.setenv("CARAVAN_DATA", str(real_settings.data))
    hits = json.loads(CliRunner().invoke(app, ["search", "哈萨克斯坦", "--lang", "zh", "-f", "json"]).output)
    assert hits[0]["id"] == "KAZ"
    bad = CliRunner().invoke(app, ["search", " "])
    assert bad.exit_code == 1 and "type a word" in bad.output
