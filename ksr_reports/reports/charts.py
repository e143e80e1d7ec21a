"""Report charts: horizontal bar charts drawn with Pillow into PNG bytes.

Every function takes plain labels and values (already disclosure-controlled where needed)
and returns PNG bytes; the renderer wraps them in docxtpl ``InlineImage``. Report contexts do
not draw: they return ``later(bars, ...)`` (a picklable call), and ``start_all`` draws them in
this process or, for ``ksr run``, on the process pool while the rollup workbook is written and
docxtpl renders the text (each chart is waited for only where the template places it).

The charts are simple on purpose (bars, value labels, a target line, a legend), so they are
drawn directly with Pillow: about 100 times faster than matplotlib, which spent most of the
report's time laying out tick labels. The font is a subset of DejaVu Sans (Latin, Polish
letters and typographic punctuation) shipped in ``fonts/``; the same input always gives the
same bytes.
"""
from __future__ import annotations

import functools
import io
import math
import unicodedata
from pathlib import Path
from typing import Callable

from PIL import Image, ImageDraw, ImageFont

from ..lang import num

BLUE, ORANGE, GREY, GREEN = "#2f5597", "#ed7d31", "#a5a5a5", "#70ad47"
INK, AXIS, GRID = "#262626", "#595959", "#e7e7e7"
DPI = 150
WIDTH_IN = 6.4
FONT_DIR = Path(__file__).resolve().parent / "fonts"
PT = DPI / 72                      # pixels per typographic point


def later(draw: Callable[..., bytes], *args, **kwargs) -> Callable[[], bytes]:
    """A chart to draw later: ``draw`` (one of this module's functions) with its arguments."""
    return functools.partial(draw, *args, **kwargs)


def start_all(pending: dict[str, Callable[[], bytes]], executor=None) -> dict[str, Callable[[], bytes]]:
    """Start drawing every pending chart on ``executor`` (a process pool) and return, per chart, a
    function giving its PNG bytes (waiting for it); without a pool each chart is drawn when asked."""
    if executor is None:
        return dict(pending)
    return {key: executor.submit(draw).result for key, draw in pending.items()}


@functools.lru_cache(maxsize=8)
def _font(points: float, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(FONT_DIR / name), round(points * PT))


def _short(label, n: int = 48) -> str:
    """One printable line of at most ``n`` characters (input names may hold anything)."""
    text = "".join(" " if unicodedata.category(ch)[0] in "CZ" else ch for ch in str(label))
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _number(v: float) -> str:
    """Axis ticks and bar values in the reports' Polish format (``lang.num``), with only the decimals
    a tick needs (0, 1 or 2)."""
    return num(v, next((d for d in (0, 1) if round(v, d) == v), 2))


def _finite(values) -> list[float]:
    out = []
    for v in values:
        try:
            v = float(v)
        except (TypeError, ValueError, OverflowError):
            v = 0.0
        out.append(min(v, 1e15) if math.isfinite(v) and v >= 1e-6 else 0.0)   # beyond any real figure: capped
    return out


def _ticks(top: float, count: int = 6) -> list[float]:
    """Round tick values from 0 up to ``top`` (steps of 1, 2, 2.5 or 5 times a power of ten)."""
    raw = max(top, 1e-6) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    return [i * step for i in range(int(top / step + 1e-9) + 1)]


class _Canvas:
    """A white image with a plot area; x in data units maps to pixels inside the plot area."""

    def __init__(self, height_in: float, left: int, bottom: int, top: int = 0, right: int = 0):
        self.w, self.h = round(WIDTH_IN * DPI), round(height_in * DPI)
        self.im = Image.new("RGB", (self.w, self.h), "white")
        self.d = ImageDraw.Draw(self.im)
        self.x0, self.x1 = left, self.w - max(right, round(0.15 * DPI))
        self.y0, self.y1 = max(top, round(0.1 * DPI)), self.h - bottom
        self.xmax = 1.0

    def x(self, v: float) -> float:
        return self.x0 + (self.x1 - self.x0) * min(max(v / self.xmax, 0.0), 1.0)

    def text(self, xy, text: str, points: float = 9, anchor: str = "la", fill: str = INK, bold: bool = False) -> None:
        self.d.text(xy, text, font=_font(points, bold), fill=fill, anchor=anchor)

    def x_axis(self, ticks: list[float], label_lines: list[str], fmt: Callable[[float], str] = _number,
               grid: bool = True) -> None:
        for t in ticks:
            x = round(self.x(t))
            if grid and t > 0:
                self.d.line([(x, self.y0), (x, self.y1)], fill=GRID, width=1)
            self.d.line([(x, self.y1), (x, self.y1 + round(3 * PT))], fill=AXIS, width=1)
            self.text((x, self.y1 + round(4 * PT)), fmt(t), 8, "ma", AXIS)
        self.d.line([(self.x0, self.y1), (self.x1, self.y1)], fill=AXIS, width=1)
        y = self.y1 + round(17 * PT)
        for line in label_lines:          # centred under the plot when it fits there, else on the image
            wide = _font(9).getlength(line) > self.x1 - self.x0
            self.text(((self.w / 2) if wide else (self.x0 + self.x1) / 2, y), line, 9, "ma")
            y += round(12 * PT)

    def y_axis(self) -> None:
        self.d.line([(self.x0, self.y0), (self.x0, self.y1)], fill=AXIS, width=1)

    def dashed_vline(self, v: float, color: str, label: str = "") -> None:
        x = round(self.x(v))
        dash, gap, y = round(5 * PT), round(3 * PT), self.y0
        while y < self.y1:
            self.d.line([(x, y), (x, min(y + dash, self.y1))], fill=color, width=max(2, round(1.2 * PT)))
            y += dash + gap
        if label:
            self.text((x, self.y0 - round(2 * PT)), label, 8, "md", color)

    def png(self) -> bytes:
        buf = io.BytesIO()
        self.im.save(buf, format="PNG", dpi=(DPI, DPI), compress_level=1)   # level 6 costs 40% more time
        return buf.getvalue()


def _fit(text: str, width: float, points: float = 9) -> str:
    """``text`` shortened with "…" until it is at most ``width`` pixels wide."""
    font = _font(points)
    while len(text) > 1 and font.getlength(text) > width:
        text = text[:-2].rstrip() + "…"
    return text


def _wrap(text: str, width: float, points: float = 9) -> list[str]:
    """Words of ``text`` in lines at most ``width`` pixels wide (an over-long word is cut)."""
    font, lines, line = _font(points), [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and font.getlength(candidate) > width:
            lines.append(line)
            candidate = word
        line = candidate
    return [_fit(x, width, points) for x in lines + [line] if x]


def _labels(labels: list[str], n: int) -> tuple[list[str], int]:
    """Category labels cut to fit at most 45% of the width, and the left margin they need."""
    limit = WIDTH_IN * DPI * 0.45 - 8 * PT
    labels = [_fit(_short(x, n), limit) for x in labels]
    return labels, round(max((_font(9).getlength(x) for x in labels), default=0) + 8 * PT)


def _xlabel_lines(xlabel: str) -> list[str]:
    return _wrap(_short(xlabel, 200), WIDTH_IN * DPI - 0.3 * DPI) if xlabel else []


def _room_for_values(c: "_Canvas", top: float, texts: list[str]) -> float:
    """The x-axis maximum that leaves room for the value label right of the longest bar."""
    width = max((_font(8).getlength(t) for t in texts), default=0) + 6 * PT
    room = c.x1 - c.x0
    free = room - width
    return top * room / free if free > room * 0.3 else top * 1.6


def _band(c: _Canvas, n: int) -> float:
    return (c.y1 - c.y0) / max(n, 1)


def bars(labels: list[str], values: list[float], *, colors=None, xlabel: str = "", value_labels=None,
         target: float | None = None, target_label: str = "", size=(6.4, 1.3)) -> bytes:
    """Horizontal bar chart, one bar per label (top to bottom), values written at the bar ends."""
    values = _finite(values)
    labels, left = _labels(labels, 48)
    n = max(len(labels), 1)
    lines = _xlabel_lines(xlabel)
    top_pad = round(12 * PT) if target is not None and target_label else 0
    c = _Canvas(max(size[1], 0.3 * len(labels) + 0.7 + 0.17 * max(0, len(lines) - 1)), left,
                bottom=round((18 + 12 * len(lines)) * PT), top=top_pad)
    texts = [_short(t, 30) for t in value_labels] if value_labels else [_number(round(v)) for v in values]
    top = max(values + [target or 0.0, 0.0]) or 1.0
    ticks = _ticks(top)
    c.xmax = max(_room_for_values(c, top, texts), ticks[-1])
    c.x_axis(ticks, lines)
    band = _band(c, n)
    colors = colors if isinstance(colors, (list, tuple)) else [colors or BLUE] * n
    for i, (label, v) in enumerate(zip(labels, values)):
        mid = c.y0 + band * (i + 0.5)
        half = band * 0.4
        if v > 0:
            c.d.rectangle([c.x0, round(mid - half), round(c.x(v)), round(mid + half)], fill=colors[i % len(colors)])
        c.text((c.x0 - round(5 * PT), mid), label, 9, "rm")
        c.d.line([(c.x0 - round(3 * PT), round(mid)), (c.x0, round(mid))], fill=AXIS, width=1)
        c.text((c.x(v) + round(3 * PT), mid), texts[i] if i < len(texts) else "", 8, "lm")
    c.y_axis()
    if target is not None:
        c.dashed_vline(target, ORANGE, target_label)
    return c.png()


def _legend(c: _Canvas, items: list[tuple[str, str]], y: float, center: bool) -> None:
    font = _font(8)
    box, gap = round(7 * PT), round(12 * PT)
    widths = [box + round(3 * PT) + round(font.getlength(name)) for name, _ in items]
    total = sum(widths) + gap * (len(items) - 1)
    x = (c.w - total) / 2 if center else c.x1 - total
    for (name, color), w in zip(items, widths):
        c.d.rectangle([round(x), round(y - box / 2), round(x + box), round(y + box / 2)], fill=color)
        c.text((x + box + round(3 * PT), y), name, 8, "lm")
        x += w + gap


def grouped_bars(labels: list[str], series: dict[str, list[float]], *, xlabel: str = "") -> bytes:
    """Horizontal grouped bars (e.g. women and men per participant category), legend at the bottom right."""
    labels, left = _labels(labels, 44)
    data = {_short(name, 30): _finite(vals) for name, vals in series.items()}
    n, k = max(len(labels), 1), max(len(data), 1)
    lines = _xlabel_lines(xlabel)
    c = _Canvas(0.45 * len(labels) + 1.0, left, bottom=round((18 + 12 * len(lines)) * PT), top=round(16 * PT))
    top = max([v for vals in data.values() for v in vals] + [0.0]) or 1.0
    ticks = _ticks(top)
    c.xmax = max(top * 1.05, ticks[-1])
    c.x_axis(ticks, lines)
    band = _band(c, n)
    height = band * 0.8 / k
    palette = (BLUE, ORANGE, GREY)
    for i, label in enumerate(labels):
        start = c.y0 + band * 0.1 + band * i
        for j, vals in enumerate(data.values()):
            v = vals[i] if i < len(vals) else 0.0
            if v > 0:
                c.d.rectangle([c.x0, round(start + j * height), round(c.x(v)), round(start + (j + 1) * height) - 1],
                              fill=palette[j % 3])
        mid = start + band * 0.4
        c.text((c.x0 - round(5 * PT), mid), label, 9, "rm")
    c.y_axis()
    _legend(c, [(name, palette[j % 3]) for j, name in enumerate(data)], round(8 * PT), center=False)
    return c.png()


def share_split(parts: list[tuple[str, float]], *, target: float | None = None, target_label: str = "") -> bytes:
    """One stacked horizontal bar of shares (e.g. social reintegration vs other hours), legend below."""
    values = _finite([v for _, v in parts])
    total = sum(values) or 1.0
    c = _Canvas(1.5, round(0.2 * DPI), bottom=round(34 * PT), top=round(14 * PT), right=round(0.2 * DPI))
    c.xmax = 1.0
    c.x_axis([i / 5 for i in range(6)], [], fmt=lambda t: f"{round(t * 100)}%", grid=False)
    palette = (BLUE, GREY, ORANGE, GREEN)
    left, mid, half = 0.0, (c.y0 + c.y1) / 2, (c.y1 - c.y0) * 0.4
    for (name, _), v, color in zip(parts, values, palette):
        share = v / total
        if share > 0:
            c.d.rectangle([round(c.x(left)), round(mid - half), round(c.x(left + share)), round(mid + half)], fill=color)
        if share > 0.06:
            c.text((c.x(left + share / 2), mid), f"{share * 100:.1f}%".replace(".", ","), 9, "mm", "white", bold=True)
        left += share
    if target is not None:
        c.dashed_vline(target, ORANGE, target_label)
    _legend(c, [(_short(name, 40), color) for (name, _), color in zip(parts, palette)], c.h - round(8 * PT), center=True)
    return c.png()


LINE_COLORS = (BLUE, ORANGE, GREEN, "#7030a0", GREY)


def _spread(ys: list[float], gap: float, low: float, high: float) -> list[float]:
    """Label positions near ``ys`` at least ``gap`` apart, inside [low, high] (end labels of close lines)."""
    order = sorted(range(len(ys)), key=lambda i: ys[i])
    out = [0.0] * len(ys)
    last = low - gap
    for i in order:
        last = max(ys[i], last + gap)
        out[i] = last
    over = max(out, default=high) - high
    if over > 0:
        out = [max(low, y - over) for y in out]
    return out


def lines(categories: list[str], series: dict[str, list[float | None]], *, ylabel: str = "", percent: bool = True,
          target: float | None = None, target_label: str = "") -> bytes:
    """Lines over periods (oldest left), one per series, each marked at its points and labelled in the legend
    and at its last value; ``None`` is a period without data: the line breaks there, no point is drawn."""
    data = {_short(name, 40): [None if v is None else _finite([v])[0] for v in vals] for name, vals in series.items()}
    categories = [_short(c, 20) for c in categories]
    n = max(len(categories), 1)
    fmt = (lambda v: f"{_number(round(v, 1))}%") if percent else _number
    top = max([v for vals in data.values() for v in vals if v is not None] + [target or 0.0, 0.0]) or 1.0
    if percent and 60 < top <= 100:                         # shares: the whole scale up to 100%
        ticks = [0.0, 25.0, 50.0, 75.0, 100.0]
    else:
        ticks = _ticks(top * 1.05, 5)
        if ticks[-1] < top * 1.05 and len(ticks) > 1:      # the highest point stays inside the plot
            ticks.append(ticks[-1] + ticks[1])
    left = round(max((_font(8).getlength(fmt(t)) for t in ticks), default=0) + 16 * PT)
    legend_rows = math.ceil(len(data) / 2)
    c = _Canvas(2.6 + 0.2 * legend_rows, left, bottom=round((30 + 12 * legend_rows) * PT), top=round(22 * PT),
                right=round(0.95 * DPI))
    ymax = ticks[-1] or 1.0

    def y(v: float) -> float:
        return c.y1 - (c.y1 - c.y0) * min(max(v / ymax, 0.0), 1.0)

    def x(i: int) -> float:
        return c.x0 + (c.x1 - c.x0) * (i + 0.5) / n

    for t in ticks:
        yy = round(y(t))
        if t > 0:
            c.d.line([(c.x0, yy), (c.x1, yy)], fill=GRID, width=1)
        c.text((c.x0 - round(4 * PT), yy), fmt(t), 8, "rm", AXIS)
    c.d.line([(c.x0, c.y0), (c.x0, c.y1)], fill=AXIS, width=1)
    c.d.line([(c.x0, c.y1), (c.x1, c.y1)], fill=AXIS, width=1)
    for i, cat in enumerate(categories):
        c.d.line([(round(x(i)), c.y1), (round(x(i)), c.y1 + round(3 * PT))], fill=AXIS, width=1)
        c.text((x(i), c.y1 + round(4 * PT)), _fit(cat, (c.x1 - c.x0) / n - 4, 8), 8, "ma", AXIS)
    if ylabel:
        c.text((round(4 * PT), c.y0 - round(20 * PT)), _short(ylabel, 80), 8, "la", AXIS)
    if target is not None:
        dash, gap, xx, ty = round(5 * PT), round(3 * PT), c.x0, round(y(target))
        stop = x(n - 1) + round(4 * PT)             # the column of end labels stays clear
        while xx < stop:
            c.d.line([(xx, ty), (min(xx + dash, stop), ty)], fill=ORANGE, width=max(2, round(1.0 * PT)))
            xx += dash + gap
    ends, width, radius = [], max(2, round(1.4 * PT)), round(2.6 * PT)
    for j, (name, vals) in enumerate(data.items()):
        color = LINE_COLORS[j % len(LINE_COLORS)]
        for i in range(len(vals) - 1):
            if vals[i] is not None and vals[i + 1] is not None:
                c.d.line([(x(i), y(vals[i])), (x(i + 1), y(vals[i + 1]))], fill=color, width=width)
        for i, v in enumerate(vals):
            if v is not None:
                c.d.ellipse([x(i) - radius, y(v) - radius, x(i) + radius, y(v) + radius], fill=color)
        last = next((i for i in range(len(vals) - 1, -1, -1) if vals[i] is not None), None)
        if last is not None:
            ends.append((y(vals[last]), fmt(vals[last]), color, x(last), True))
    if target is not None and target_label:       # in the column of the end values, spread with them
        ends.append((y(target), target_label, ORANGE, x(n - 1), False))
    placed = _spread([e[0] for e in ends], round(10 * PT), c.y0, c.y1)
    for (_, text, color, xx, bold), yy in zip(ends, placed):
        c.text((max(xx, x(n - 1)) + round(7 * PT), yy), text, 8, "lm", color, bold=bold)
    items = [(name, LINE_COLORS[j % len(LINE_COLORS)]) for j, name in enumerate(data)]
    for row in range(legend_rows):
        _legend(c, items[row * 2:row * 2 + 2], c.h - round((8 + 12 * (legend_rows - 1 - row)) * PT), center=True)
    return c.png()
