"""Charts kept once drawn: the kept text is the drawn chart, and other figures make another chart."""

from __future__ import annotations

from pathlib import Path

from caravan.reports import charts


def test_a_kept_chart_is_the_chart_drawn_and_other_figures_draw_anew(tmp_path: Path) -> None:
    series = {"reported by China": [(2022, 31.2), (2023, 41.0), (2024, 43.8)]}
    drawn = charts.line_chart(series, "bn USD")
    first = charts.line_chart(series, "bn USD", cache=tmp_path)
    (kept,) = tmp_path.glob("line-*.svg")
    assert first == drawn == kept.read_text(encoding="utf-8")  # the same SVG, ids and all
    assert charts.line_chart(series, "bn USD", cache=tmp_path) == drawn
    changed = charts.line_chart(
        {"reported by China": [(2022, 31.2), (2023, 41.0), (2024, 43.9)]}, "bn USD", cache=tmp_path
    )
    assert changed != drawn and len(list(tmp_path.glob("line-*.svg"))) == 2
    kept.write_bytes(b"\xff\xfe not text")  # a damaged file is drawn again
    assert charts.line_chart(series, "bn USD", cache=tmp_path) == drawn
    columns = charts.column_chart({"gas.delivered (bcm)": [("2023", 38.0)]}, cache=tmp_path)
    assert columns.startswith("<?xml") and list(tmp_path.glob("column-*.svg"))
