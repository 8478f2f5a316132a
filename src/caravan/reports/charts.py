"""Charts for briefings, drawn with matplotlib and returned as SVG text.

Text in the charts is drawn as paths, so the SVG shows the same in any
viewer or PDF renderer; Chinese labels use the Noto Sans CJK font by name.

A chart drawn once is kept (given a `cache` folder, `Settings.cache_dir /
"charts"`) under a key of what it shows, the matplotlib version, this module's
source and the CJK font files installed: the same chart again (a second
briefing on the same build, the same figures in another build) is read back,
with no matplotlib import (about 0.4 s) and no drawing.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import os
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib import pyplot as plt

CJK_FAMILY = "Noto Sans CJK SC"
FAMILIES = [CJK_FAMILY, "DejaVu Sans"]
COLOURS = ["#1f5f8b", "#c0392b", "#2e8b57", "#8e6c8a", "#d4a017", "#555555"]


@cache
def _pyplot() -> Any:
    """The pyplot of matplotlib on the Agg backend, imported when a chart is first drawn."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    return pyplot


FONT_FOLDERS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts")


@cache
def _fingerprint() -> str:
    """What a kept chart depends on besides its data: matplotlib, this module, the CJK fonts installed."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    try:
        digest.update(metadata.version("matplotlib").encode())
    except metadata.PackageNotFoundError:
        digest.update(b"?")
    for folder in FONT_FOLDERS:
        for root, _dirs, names in sorted(os.walk(os.path.expanduser(folder))):
            for name in sorted(names):
                if "CJK" in name:
                    digest.update(os.path.join(root, name).encode())
    return digest.hexdigest()


def _kept(kind: str, cache_folder: Path | None, inputs: Any, draw: Callable[[], str]) -> str:
    """The chart `draw()` makes, read from `cache_folder` when drawn before from the same inputs."""
    if cache_folder is None:
        return draw()
    text = json.dumps([kind, inputs, _fingerprint()], sort_keys=True, ensure_ascii=False)
    path = cache_folder / f"{kind}-{hashlib.sha256(text.encode()).hexdigest()[:32]}.svg"
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        pass
    svg = draw()
    try:
        cache_folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(svg, encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass  # a folder that cannot be written only means drawing again next time
    return svg


@cache
def has_cjk_font() -> bool:
    """Whether matplotlib can use the Noto Sans CJK font, registering it if installed after its cache was built."""
    from matplotlib import font_manager

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
    _pyplot().close(fig)
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
    series: Mapping[str, Sequence[tuple[int, float]]],
    ylabel: str,
    size: tuple[float, float] = (6.4, 2.6),
    *,
    cache: Path | None = None,
) -> str:
    """Lines over years, one per named series (e.g. each side's reported trade), broken where a year is missing.

    Args:
        series: Series name to (year, value) points.
        ylabel: The axis label, with the unit.
        size: Figure size in inches.
        cache: A folder of charts drawn before (see the module's docstring).

    Returns:
        The chart as SVG text.
    """
    inputs = [[[name, [list(p) for p in points]] for name, points in series.items()], ylabel, list(size)]
    return _kept("line", cache, inputs, lambda: _line_chart(series, ylabel, size))


def _line_chart(series: Mapping[str, Sequence[tuple[int, float]]], ylabel: str, size: tuple[float, float]) -> str:
    from matplotlib.ticker import MaxNLocator

    plt = _pyplot()
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
    bars: Mapping[str, Sequence[tuple[str, float]]],
    xlabel: str,
    size: tuple[float, float] = (6.4, 2.8),
    *,
    cache: Path | None = None,
) -> str:
    """Horizontal bars in one or more panels (e.g. China's exports and imports by product).

    Args:
        bars: Panel title to (label, value) bars, largest first.
        xlabel: The value axis label, with the unit.
        size: Figure size in inches.
        cache: A folder of charts drawn before (see the module's docstring).

    Returns:
        The chart as SVG text.
    """
    inputs = [[[title, [list(b) for b in items]] for title, items in bars.items()], xlabel, list(size)]
    return _kept("bar", cache, inputs, lambda: _bar_chart(bars, xlabel, size))


def _bar_chart(bars: Mapping[str, Sequence[tuple[str, float]]], xlabel: str, size: tuple[float, float]) -> str:
    plt = _pyplot()
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


def column_chart(
    panels: Mapping[str, Sequence[tuple[str, float]]],
    size: tuple[float, float] = (6.4, 2.3),
    *,
    cache: Path | None = None,
) -> str:
    """Vertical columns over periods, one panel per measure (e.g. gas in bcm, oil in Mt).

    Args:
        panels: Panel title (with its unit) to (period, value) columns.
        size: Figure size in inches.
        cache: A folder of charts drawn before (see the module's docstring).

    Returns:
        The chart as SVG text.
    """
    inputs = [[[title, [list(p) for p in points]] for title, points in panels.items()], list(size)]
    return _kept("column", cache, inputs, lambda: _column_chart(panels, size))


def _column_chart(panels: Mapping[str, Sequence[tuple[str, float]]], size: tuple[float, float]) -> str:
    plt = _pyplot()
    with plt.rc_context(_style()):
        fig, axes = plt.subplots(1, max(len(panels), 1), figsize=size, squeeze=False)
        for ax, (title, points), colour in zip(axes[0], panels.items(), COLOURS[2:], strict=False):
            ax.bar([p for p, _ in points], [v for _, v in points], color=colour)
            ax.set_title(title, fontsize=8)
            ax.grid(axis="y", alpha=0.3)
            ax.tick_params(axis="x", labelsize=7)
        fig.tight_layout()
        return _svg(fig)
