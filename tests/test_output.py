"""Terminal tables: figures whole on one line, years without separators, 80 columns."""

from __future__ import annotations

import io

from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

from caravan.figures import format_number
from caravan.output import Format, render


def table_lines(rows: list[dict[str, object]], columns: list[str] | None = None) -> list[str]:
    out = io.StringIO()
    render(rows, Format.TABLE, columns, title="t", console=Console(file=out, width=80, color_system=None))
    return out.getvalue().splitlines()


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
