"""Terminal tables: figures whole on one line, years without separators, 80 columns; boxed as rich boxes them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from caravan.figures import format_number
from caravan.output import Format, render, table_text, text_width


def table_lines(rows: list[dict[str, object]], columns: list[str] | None = None, width: int = 80) -> list[str]:
    return render(rows, Format.TABLE, columns, title="t", width=width).splitlines()


MIRROR_ROW = {
    "year": 2013,
    "flow": "CHN -> KAZ",
    "first_reports": "12,500.0",
    "second_reports": "8,193.0",
    "gap": "-4,307.0",
    "ratio": "0.655",
    "second_fob": "7,448.2",
    "adjusted_gap": "-5,051.8",
}


def test_a_wide_table_of_figures_fits_and_no_figure_is_folded() -> None:
    lines = table_lines([MIRROR_ROW, {**MIRROR_ROW, "year": 2024, "flow": "KAZ -> CHN"}])
    assert max(len(line) for line in lines) <= 80
    text = "\n".join(lines)
    for figure in ("12,500.0", "-4,307.0", "0.655", "-5,051.8"):
        assert figure in text, figure
    assert "2013" in text and "2,013" not in text
    assert "first" in text and "reports" in text  # the header wraps between words


figures = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False).map(lambda x: round(x, 2))


@given(st.lists(figures, min_size=1, max_size=6))
def test_every_figure_prints_whole(values: list[float]) -> None:
    # Figures of up to 13 digits in two columns, beside a text column that must give way.
    rows = [{"name": "a long label that can wrap " * 2, "value": v, "other": v * 3} for v in values]
    lines = table_lines(rows)
    assert max(len(line) for line in lines) <= 80
    text = "\n".join(lines)
    for v in values:
        assert format_number(v) in text
        assert format_number(v * 3) in text


def test_a_table_is_boxed_with_its_rows_in_order_and_every_cell_whole_when_it_fits() -> None:
    rows = [{"id": f"row-{i}", "value": i * 1.5, "note": "[on] as written"} for i in range(3)]
    lines = table_lines(rows, width=120)
    assert lines[0].strip() == "t"
    assert lines[1].startswith("┏") and lines[1].endswith("┓") and lines[-1].startswith("└")
    assert len({len(line) for line in lines[1:]}) == 1  # every line of the box equally wide
    body = [line for line in lines if line.startswith("│")]
    assert [line.split("│")[1].strip() for line in body] == ["row-0", "row-1", "row-2"]
    assert body[1].split("│")[2] == "   1.5 "  # figures right-aligned under their header ("value")
    assert all("[on] as written" in line for line in body)  # no markup read from a cell


def test_wide_characters_count_twice_and_control_characters_are_dropped() -> None:
    rows = [{"name": "中亚峰会 Xi'an", "value": 1}, {"name": "bell\x07 \x1b[31mred", "value": 2}]
    lines = table_lines(rows, width=80)
    assert text_width("中亚") == 4
    assert len({text_width(line) for line in lines[1:]}) == 1
    text = "\n".join(lines)
    assert "中亚峰会 Xi'an" in text
    assert "\x1b" not in text and "\x07" not in text and "bell [31mred" in text


def test_an_empty_listing_still_shows_its_columns() -> None:
    lines = table_lines([], ["indicator", "value"])
    assert any("indicator" in line and "value" in line for line in lines)
    assert not any(line.startswith("│") for line in lines)


def test_csv_and_json_do_not_depend_on_the_width() -> None:
    rows = [{"a": "x " * 100, "b": 2}]
    assert render(rows, Format.CSV).splitlines()[1] == f"{'x ' * 100},2"
    assert '"b": 2' in render(rows, Format.JSON)


def test_rules_between_rows_and_a_style_that_moves_no_column() -> None:
    rows = [{"n": "1", "verdict": "supported"}, {"n": "2", "verdict": "contradicted"}]

    def mark(row: dict[str, object], column: str, text: str) -> str:
        return f"<{text}>" if column == "verdict" and row["verdict"] == "contradicted" else text

    lines = table_text(rows, ["n", "verdict"], title=None, width=40, lines_between=True, style=mark).splitlines()  # type: ignore[arg-type]
    assert sum(line.startswith("├") for line in lines) == 1
    (marked,) = [line for line in lines if "<" in line]
    assert "contradicted" in marked and "supported" not in marked
    assert len(marked.replace("<", "").replace(">", "")) == len(lines[0])  # the style wraps the padded cell


def test_russian_numbers_have_a_decimal_comma_and_spaced_thousands() -> None:
    from caravan.figures import format_number, shown
    from caravan.vocabulary import Number, Phrase

    assert format_number(28.5, lang="ru") == "28,5"
    assert format_number(2077216, lang="ru") == "2\u00a0077\u00a0216"
    assert format_number(2817.3, lang="zh") == format_number(2817.3) == "2,817.3"
    assert shown({"value_display": 28.5, "display_unit": "bn USD"}, "ru").startswith("28,5 ")
    phrase = Phrase("energy.gap", gap=Number(-2.4))
    assert "-2.4 bcm" in phrase and "-2,4 млрд м³" in phrase.in_lang("ru")
