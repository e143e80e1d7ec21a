"""Report charts: matplotlib (Agg backend) rendered to PNG bytes in memory.

Every function takes plain labels and values (already disclosure-controlled where needed)
and returns PNG bytes; the renderer wraps them in docxtpl ``InlineImage``. Report contexts do
not draw: they return ``later(bars, ...)`` (a picklable call), and ``draw_all`` draws them in
this process or, for ``ksr run``, on the process pool while the rollup workbook is written.
"""
from __future__ import annotations

import functools
import io
import warnings
from typing import Callable

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (backend must be chosen before pyplot is imported)

BLUE, ORANGE, GREY, GREEN = "#2f5597", "#ed7d31", "#a5a5a5", "#70ad47"
DPI = 130
plt.rcParams.update({"font.family": "DejaVu Sans", "font.size": 9, "axes.spines.top": False,
                     "axes.spines.right": False})


def later(draw: Callable[..., bytes], *args, **kwargs) -> Callable[[], bytes]:
    """A chart to draw later: ``draw`` (one of this module's functions) with its arguments."""
    return functools.partial(draw, *args, **kwargs)


def draw_all(pending: dict[str, Callable[[], bytes]], executor=None) -> dict[str, bytes]:
    """PNG bytes of every pending chart, drawn here or on ``executor`` (a process pool)."""
    if executor is None:
        return {key: draw() for key, draw in pending.items()}
    futures = {key: executor.submit(draw) for key, draw in pending.items()}
    return {key: future.result() for key, future in futures.items()}


def _png(fig) -> bytes:
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # missing glyphs (e.g. emoji in input names) must not break a report
        fig.savefig(buf, format="png", dpi=DPI, bbox_inches="tight")
    plt.close(fig)
    return buf.getvalue()


def _short(label: str, n: int = 48) -> str:
    return label if len(label) <= n else label[: n - 1] + "…"


def bars(labels: list[str], values: list[float], *, colors=None, xlabel: str = "", value_labels=None,
         target: float | None = None, target_label: str = "", size=(6.4, 1.3)) -> bytes:
    """Horizontal bar chart, one bar per label, values written at the bar ends."""
    fig, ax = plt.subplots(figsize=(size[0], max(size[1], 0.3 * len(labels) + 0.7)))
    y = range(len(labels))
    ax.barh(list(y), values, color=colors or BLUE)
    ax.set_yticks(list(y), [_short(x) for x in labels])
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    top = max(values + [target or 0, 1e-9])
    ax.set_xlim(0, top * 1.18)
    for i, v in enumerate(values):
        text = value_labels[i] if value_labels else f"{v:,.0f}".replace(",", " ")
        ax.text(v + top * 0.01, i, text, va="center", fontsize=8)
    if target is not None:
        ax.axvline(target, color=ORANGE, linestyle="--", linewidth=1.2)
        ax.text(target, -0.7, target_label, color=ORANGE, fontsize=8, ha="center")
    return _png(fig)


def grouped_bars(labels: list[str], series: dict[str, list[float]], *, xlabel: str = "") -> bytes:
    """Horizontal grouped bars (e.g. women and men per participant category)."""
    fig, ax = plt.subplots(figsize=(6.4, 0.45 * len(labels) + 1.0))
    height = 0.8 / max(1, len(series))
    for k, (name, values) in enumerate(series.items()):
        ax.barh([i + k * height for i in range(len(labels))], values, height=height, label=name,
                color=(BLUE, ORANGE, GREY)[k % 3])
    ax.set_yticks([i + height * (len(series) - 1) / 2 for i in range(len(labels))], [_short(x, 44) for x in labels])
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.legend(frameon=False, loc="lower right")
    return _png(fig)


def share_split(parts: list[tuple[str, float]], *, target: float | None = None, target_label: str = "") -> bytes:
    """One stacked horizontal bar of shares (e.g. social reintegration vs other hours)."""
    fig, ax = plt.subplots(figsize=(6.4, 1.5))
    total = sum(v for _, v in parts) or 1
    left = 0.0
    for (name, v), color in zip(parts, (BLUE, GREY, ORANGE, GREEN)):
        share = v / total
        ax.barh([0], [share], left=left, color=color, label=name)
        if share > 0.06:
            ax.text(left + share / 2, 0, f"{share * 100:.1f}%".replace(".", ","), ha="center", va="center",
                    color="white", fontsize=9, fontweight="bold")
        left += share
    if target is not None:
        ax.axvline(target, color=ORANGE, linestyle="--", linewidth=1.5)
        ax.text(target, 0.5, target_label, color=ORANGE, ha="center", fontsize=8)
    ax.set_xlim(0, 1)
    ax.set_yticks([])
    ax.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
    ax.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.35), ncol=len(parts))
    return _png(fig)
