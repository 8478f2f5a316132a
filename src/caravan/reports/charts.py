"""Charts for briefings, drawn with matplotlib and returned as SVG text.

Text in the charts is drawn as paths, so the SVG shows the same in any
viewer or PDF renderer; Chinese labels use the Noto Sans CJK font by name.
"""

from __future__ import annotations

import io
import math
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

import matplotlib

matplotlib.use("Agg")

from matplotlib import font_manager
from matplotlib import pyplot as plt
from matplotlib.ticker import MaxNLocator

CJK_FAMILY = "Noto Sans CJK SC"
FAMILIES = [CJK_FAMILY, "DejaVu Sans"]
COLOURS = ["#1f5f8b", "#c0392b", "#2e8b57", "#8e6c8a", "#d4a017", "#555555"]


@cache
def has_cjk_font() -> bool:
    """Whether matplotlib can use the Noto Sans CJK font, registering it if installed after its cache was built."""
    if any(f.name == CJK_FAMILY for f in font_manager.fontManager.ttflist):
        return True
    for path in font_manager.findSystemFonts(fontext="ttf"):  # ttf also finds otf and ttc
        if "NotoSansCJK" in path.replace("-", ""):
            font_manager.fontManager.addfont(path)
    return any(f.name == CJK_FAMILY for f in font_manager.fontManager.ttflist)


def _style() -> Any:  # matplotlib types rc keys as literals; these are checked by matplotlib itself
    families = FAMILIES if has_cjk_font() else FAMILIES[1:]
    return {
        "font.family": "sans-serif",
        "font.sans-serif": families,
        "font.size": 8,
        "svg.fonttype": "path",
        "axes.spines.top": False,
        "axes.spines.right": False,
        "svg.hashsalt": "caravan",  # stable ids, so the same ledger gives the same SVG
    }


def _svg(fig: plt.Figure) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    return buf.getvalue()


def broken(points: Sequence[tuple[int, float]]) -> tuple[list[float], list[float]]:
    """A yearly series as x and y lists with a gap (NaN) wherever a year is missing.

    matplotlib does not draw a line through NaN, so a series with 1992 and 2013 and nothing
    between is two points, not a straight line across two decades.
    """
    xs: list[float] = []
    ys: list[float] = []
    for year, value in points:
        if xs and year - xs[-1] > 1:
            xs.append(math.nan)
            ys.append(math.nan)
        xs.append(year)
        ys.append(value)
    return xs, ys


def line_chart(
    series: Mapping[str, Sequence[tuple[int, float]]], ylabel: str, size: tuple[float, float] = (6.4, 2.6)
) -> str:
    """Lines over years, one per named series (e.g. each side's reported trade), broken where a year is missing.

    Args:
        series: Series name to (year, value) points.
        ylabel: The axis label, with the unit.
        size: Figure size in inches.

    Returns:
        The chart as SVG text.
    """
    with plt.rc_context(_style()):
        fig, ax = plt.subplots(figsize=size)
        for i, (name, points) in enumerate(series.items()):
            xs, ys = broken(sorted(points))
            ax.plot(
                xs,
                ys,
                marker="o",
                markersize=3,
                color=COLOURS[i % len(COLOURS)],
                label=name,
            )
        ax.set_ylabel(ylabel)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.grid(axis="y", alpha=0.3)
        ax.set_ylim(bottom=0)
        if series:
            ax.legend(frameon=False, fontsize=7)
        return _svg(fig)


def bar_chart(
    bars: Mapping[str, Sequence[tuple[str, float]]], xlabel: str, size: tuple[float, float] = (6.4, 2.8)
) -> str:
    """Horizontal bars in one or more panels (e.g. China's exports and imports by product).

    Args:
        bars: Panel title to (label, value) bars, largest first.
        xlabel: The value axis label, with the unit.
        size: Figure size in inches.

    Returns:
        The chart as SVG text.
    """
    with plt.rc_context(_style()):
        fig, axes = plt.subplots(1, max(len(bars), 1), figsize=size, squeeze=False)
        for ax, (title, items), colour in zip(axes[0], bars.items(), COLOURS, strict=False):
            labels = [label[:38] for label, _ in items][::-1]
            ax.barh(labels, [v for _, v in items][::-1], color=colour)
            ax.set_title(title, fontsize=8)
            ax.set_xlabel(xlabel)
            ax.tick_params(axis="y", labelsize=6)
        fig.tight_layout()
        return _svg(fig)


def column_chart(panels: Mapping[str, Sequence[tuple[str, float]]], size: tuple[float, float] = (6.4, 2.3)) -> str:
    """Vertical columns over periods, one panel per measure (e.g. gas in bcm, oil in Mt).

    Args:
        panels: Panel title (with its unit) to (period, value) columns.
        size: Figure size in inches.

    Returns:
        The chart as SVG text.
    """
    with plt.rc_context(_style()):
        fig, axes = plt.subplots(1, max(len(panels), 1), figsize=size, squeeze=False)
        for ax, (title, points), colour in zip(axes[0], panels.items(), COLOURS[2:], strict=False):
            ax.bar([p for p, _ in points], [v for _, v in points], color=colour)
            ax.set_title(title, fontsize=8)
            ax.grid(axis="y", alpha=0.3)
            ax.tick_params(axis="x", labelsize=7)
        fig.tight_layout()
        return _svg(fig)
