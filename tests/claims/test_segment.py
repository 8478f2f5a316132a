"""Segmentation: sentences, paragraphs, clauses and label lines."""

from __future__ import annotations

from caravan.claims.segment import clause_bounds, is_label, sentences


def test_abbreviations_do_not_end_a_sentence() -> None:
    text = "Trade with the U.S. grew. Exports rose by 5 млрд. долл.\n\nА в 2023 г. было меньше."
    got = [s.text for s in sentences(text, "en")]
    assert got[0] == "Trade with the U.S. grew."
    assert len(got) == 3


def test_paragraphs_are_numbered_and_offsets_point_into_the_text() -> None:
    text = "First one. Second one.\n\nThird one."
    got = sentences(text, "en")
    assert [s.paragraph for s in got] == [0, 0, 1]
    assert all(text[s.start : s.start + len(s.text)] == s.text for s in got)


def test_chinese_sentences_end_at_full_stops() -> None:
    got = sentences("贸易额增长了。出口下降！", "zh")
    assert [s.text for s in got] == ["贸易额增长了。", "出口下降！"]


def test_label_lines_are_not_sentences() -> None:
    assert is_label("Energy")
    assert not is_label("Gas deliveries reached 43 bcm in 2024.")
    assert [s.label for s in sentences("Rail freight\nTrains ran 19,000 times in 2024.", "en")] == [True, False]


def test_clause_around_an_offset() -> None:
    s = "Exports rose 5%, while imports fell 3%."
    a, b = clause_bounds(s, "en", s.index("3%"))
    assert "imports fell" in s[a:b] and "Exports" not in s[a:b]
