# SPDX-License-Identifier: EUPL-1.2
"""Charts as SVG, rendered on the server: no JavaScript, no inline styles, the same output for the same data.

Every chart is an ``<svg role="img">`` named by its ``<title>`` and ``<desc>`` (through
``aria-labelledby``) that scales with its ``viewBox``. Colours come from colour-blind-safe palettes;
colour is never the only cue: series also differ by a fill pattern (bars) or by marker shape and
dash (lines), and values are written next to or inside the marks. A chart is always shown together
with a data table that says the same (the page renders that table, e.g. in ``<details>``).

The public functions:

- :func:`stacked_bar_chart` — horizontal bars, one per row, each split into segments per series
  (e.g. building blocks × status levels), with counts and a legend;
- :func:`bar_chart` — horizontal bars, one value per row (e.g. a percentage per building block);
- :func:`line_chart` — one line per series over labelled x positions (e.g. a monthly trend);
- :func:`sequential_palette` / :func:`categorical_palette` / :func:`line_palette` — the colours,
  for legends or maps that must match the charts.

The CSS classes used (``bp-chart`` and friends) are defined in ``ui/css/bouwplaats.css``.
Values are formatted with ``value_format`` (default: :func:`format_value`, localised).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils import formats
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

Number = int | float

__all__ = [
    "CATEGORICAL",
    "SEQUENTIAL",
    "bar_chart",
    "categorical_palette",
    "format_value",
    "line_chart",
    "line_palette",
    "sequential_palette",
    "stacked_bar_chart",
]

# Okabe & Ito's palette, distinguishable with the common colour-vision deficiencies.
CATEGORICAL = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
# An ordered scale from light to dark (viridis stops), for ordered categories such as status levels.
SEQUENTIAL = [
    "#FDE725",
    "#B5DE2B",
    "#6ECE58",
    "#35B779",
    "#1F9E89",
    "#26828E",
    "#31688E",
    "#3E4989",
    "#482878",
    "#440154",
]
# Colours for lines and markers on white: each with a contrast of at least 3:1 (Okabe & Ito, darkened).
LINE_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#000000", "#8F6A00", "#5D3A9B", "#666666"]
# The dark end of the sequential scale (contrast of at least 3:1 on white), for lines of ordered series.
LINE_SEQUENTIAL = SEQUENTIAL[4:]
# Dash patterns and marker shapes of the lines, so that lines differ without colour too.
DASHES = ["", "6 3", "2 3", "8 3 2 3", "12 4", "4 2 1 2"]
MARKERS = ["circle", "square", "triangle", "diamond", "cross", "triangle-down"]
# Fill patterns of the bars' segments (the first one plain).
PATTERNS = ["solid", "diagonal", "dots", "horizontal", "crosshatch", "vertical", "back-diagonal", "grid"]

TEXT_COLOUR = "#1a1a1a"
MUTED_COLOUR = "#4b4b4b"
GRID_COLOUR = "#d0d5dc"
AXIS_COLOUR = "#6b7480"
FONT_SIZE = 12
CHAR_WIDTH = 6.8  # average advance of a character at FONT_SIZE, for layout estimates
MAX_LABEL_CHARS = 38
LEGEND_INDENT = 6.0
LABEL_SPACING = 13  # minimum distance between the labels at the end of lines


def sequential_palette(count: int) -> list[str]:
    """``count`` colours evenly spread over the light-to-dark scale (for ordered categories)."""
    if count <= 0:
        return []
    if count == 1:
        return [SEQUENTIAL[-3]]
    last = len(SEQUENTIAL) - 1
    return [SEQUENTIAL[round(index * last / (count - 1))] for index in range(count)]


def categorical_palette(count: int) -> list[str]:
    """``count`` distinct colours (repeating after eight; patterns or markers then tell them apart)."""
    return [CATEGORICAL[index % len(CATEGORICAL)] for index in range(max(count, 0))]


def line_palette(count: int, kind: str = "categorical") -> list[str]:
    """Colours for ``count`` lines, each contrasting at least 3:1 with white (repeating after eight)."""
    if kind == "sequential" and 0 < count <= len(LINE_SEQUENTIAL):
        if count == 1:
            return [LINE_SEQUENTIAL[-1]]
        last = len(LINE_SEQUENTIAL) - 1
        return [LINE_SEQUENTIAL[round(index * last / (count - 1))] for index in range(count)]
    return [LINE_COLOURS[index % len(LINE_COLOURS)] for index in range(max(count, 0))]


def format_value(value: Number | None, decimals: int | None = None) -> str:
    """A number in the active language (Django's ``number_format``): whole numbers as is, other numbers
    with one decimal, unless ``decimals`` says otherwise; ``None`` as a dash. Rounded first:
    ``number_format`` cuts the digits it does not show."""
    if value is None:
        return "–"
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 1
    return formats.number_format(round(value, decimals), decimals)


# ---------------------------------------------------------------------------------------------------
# Building blocks


def _num(value: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros (stable text)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _ink(colour: str) -> str:
    """Black or white, whichever contrasts more with ``colour``."""
    luminance = _luminance(colour)
    return "#000000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#ffffff"


def _truncate(label: str, limit: int = MAX_LABEL_CHARS) -> str:
    label = str(label)
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _text_width(text: str) -> float:
    return len(text) * CHAR_WIDTH


def _chart_id(kind: str, parts: object) -> str:
    return f"{kind}-{hashlib.sha256(repr(parts).encode()).hexdigest()[:10]}"


def _nice_max(value: float) -> float:
    """A round number at or above ``value`` for the end of an axis."""
    if value <= 0:
        return 1
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if step * magnitude >= value:
            return step * magnitude
    return 10 * magnitude  # pragma: no cover


def _ticks(maximum: float, count: int = 4) -> list[float]:
    return [maximum * index / count for index in range(count + 1)]


def _whole_number_axis(largest: float, most_ticks: int = 5) -> tuple[int, list[int]]:
    """The end of an axis of counts and its ticks, all whole numbers (never half a question).

    The step is the smallest of 1, 2, 5, 10, 20, 25, 50, ... that needs at most ``most_ticks``
    steps to reach ``largest``; the axis ends at the first multiple of the step at or above it.
    """
    largest = max(int(-(-largest // 1)), 1)  # rounded up, at least 1
    magnitude = 1
    while True:
        for factor in (1, 2, 2.5, 5):
            step = int(factor * magnitude)
            if step == factor * magnitude and -(-largest // step) <= most_ticks:
                end = step * -(-largest // step)
                return end, list(range(0, end + 1, step))
        magnitude *= 10


def _axis(largest: float, fixed_max: Number | None, whole_numbers: bool) -> tuple[float, list[float]]:
    """The end of a value axis and its ticks: ``fixed_max`` when given, else a round number above ``largest``."""
    if whole_numbers and not fixed_max:
        return _whole_number_axis(largest)
    scale_max = fixed_max or _nice_max(largest)
    return scale_max, _ticks(scale_max)


@dataclass
class _Svg:
    chart_id: str
    width: float
    height: float
    title: str
    description: str
    kind: str

    def render(self, defs: list[str], body: list[str]) -> SafeString:
        parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" class="bp-chart bp-chart--{self.kind}" '
            f'viewBox="0 0 {_num(self.width)} {_num(self.height)}" role="img" '
            f'aria-labelledby="{self.chart_id}-title {self.chart_id}-desc" '
            f'font-size="{FONT_SIZE}" preserveAspectRatio="xMinYMin meet">',
            f'<title id="{self.chart_id}-title">{escape(self.title)}</title>',
            f'<desc id="{self.chart_id}-desc">{escape(self.description)}</desc>',
        ]
        if defs:
            parts.append("<defs>" + "".join(defs) + "</defs>")
        parts.extend(body)
        parts.append("</svg>")
        return mark_safe("".join(parts))  # noqa: S308 - every text part is escaped above or by the callers


def _vline(x: float, y1: float, y2: float, colour: str) -> str:
    return f'<line x1="{_num(x)}" y1="{_num(y1)}" x2="{_num(x)}" y2="{_num(y2)}" stroke="{colour}" stroke-width="1"/>'


def _pattern_def(pattern_id: str, kind: str, colour: str) -> str:
    """A ``<pattern>`` that fills with ``colour`` and overlays marks of ``kind`` in a contrasting ink."""
    ink = _ink(colour)
    marks = {
        "solid": "",
        "diagonal": f'<path d="M0 8L8 0M-2 2L2 -2M6 10L10 6" stroke="{ink}" stroke-width="1.2"/>',
        "back-diagonal": f'<path d="M0 0L8 8M-2 6L2 10M6 -2L10 2" stroke="{ink}" stroke-width="1.2"/>',
        "dots": f'<circle cx="4" cy="4" r="1.4" fill="{ink}"/>',
        "horizontal": f'<path d="M0 4H8" stroke="{ink}" stroke-width="1.2"/>',
        "vertical": f'<path d="M4 0V8" stroke="{ink}" stroke-width="1.2"/>',
        "crosshatch": f'<path d="M0 8L8 0M0 0L8 8" stroke="{ink}" stroke-width="0.9"/>',
        "grid": f'<path d="M0 4H8M4 0V8" stroke="{ink}" stroke-width="0.9"/>',
    }[kind]
    return (
        f'<pattern id="{pattern_id}" width="8" height="8" patternUnits="userSpaceOnUse">'
        f'<rect width="8" height="8" fill="{colour}"/>'
        + (f'<g opacity="0.55">{marks}</g>' if marks else "")
        + "</pattern>"
    )


def _marker(shape: str, x: float, y: float, colour: str, size: float = 4) -> str:
    cx, cy = _num(x), _num(y)
    if shape == "circle":
        return f'<circle cx="{cx}" cy="{cy}" r="{_num(size)}" fill="{colour}" stroke="#ffffff" stroke-width="1"/>'
    if shape == "square":
        s = size * 0.9
        return (
            f'<rect x="{_num(x - s)}" y="{_num(y - s)}" width="{_num(2 * s)}" height="{_num(2 * s)}" '
            f'fill="{colour}" stroke="#ffffff" stroke-width="1"/>'
        )
    if shape in ("triangle", "triangle-down"):
        d = 1 if shape == "triangle" else -1
        points = [(x, y - d * size * 1.2), (x - size * 1.1, y + d * size * 0.8), (x + size * 1.1, y + d * size * 0.8)]
    elif shape == "diamond":
        points = [(x, y - size * 1.2), (x + size * 1.2, y), (x, y + size * 1.2), (x - size * 1.2, y)]
    else:  # cross
        return (
            f'<path d="M{_num(x - size)} {_num(y - size)}L{_num(x + size)} {_num(y + size)}'
            f'M{_num(x - size)} {_num(y + size)}L{_num(x + size)} {_num(y - size)}" '
            f'stroke="{colour}" stroke-width="2.2"/>'
        )
    text = " ".join(f"{_num(px)},{_num(py)}" for px, py in points)
    return f'<polygon points="{text}" fill="{colour}" stroke="#ffffff" stroke-width="1"/>'


def _legend(items: list[tuple[str, str]], width: float, top: float, swatch: Callable[[int, float, float], str]):
    """Legend entries (label, unused) laid out in rows within ``width``; returns (svg parts, height)."""
    parts = ['<g class="bp-chart__legend">']
    x, y = LEGEND_INDENT, top
    row_height = 20
    for index, (label, _colour) in enumerate(items):
        text = _truncate(label, 32)
        item_width = 22 + _text_width(text) + 16
        if x > LEGEND_INDENT and x + item_width > width:
            x, y = LEGEND_INDENT, y + row_height
        parts.append(swatch(index, x, y))
        parts.append(f'<text x="{_num(x + 20)}" y="{_num(y + 11)}" fill="{TEXT_COLOUR}">{escape(text)}</text>')
        x += item_width
    parts.append("</g>")
    return parts, (y - top) + row_height if items else 0


# ---------------------------------------------------------------------------------------------------
# Charts


def stacked_bar_chart(
    rows: Sequence[tuple[str, Sequence[Number]]],
    series: Sequence[str],
    *,
    title: str,
    description: str = "",
    normalise: bool = True,
    palette: str = "sequential",
    value_format: Callable[[Number], str] = format_value,
    show_totals: bool = True,
    axis_label: str = "",
) -> SafeString:
    """Horizontal stacked bars: one bar per row, one segment per series.

    ``rows`` is a sequence of ``(label, values)`` with one value per entry of ``series`` (the
    series' labels, e.g. the status levels in ladder order). With ``normalise`` every bar spans the
    full width (shares of its row total; the axis shows percentages); otherwise bars are scaled to
    the largest row total. Each segment wide enough shows its value (``value_format``), each bar
    its total at the end (``show_totals``). ``palette`` is ``"sequential"`` (ordered series) or
    ``"categorical"``. Segments are told apart by colour and by fill pattern, shown in the legend.
    """
    series = [str(label) for label in series]
    rows = [(str(label), [v or 0 for v in values]) for label, values in rows]
    for label, values in rows:
        if len(values) != len(series):
            raise ValueError(f"Row {label!r} has {len(values)} values for {len(series)} series.")
    chart_id = _chart_id("stacked", (title, rows, series, normalise, palette))
    colours = sequential_palette(len(series)) if palette == "sequential" else categorical_palette(len(series))

    labels = [_truncate(label) for label, _values in rows]
    label_width = min(max((_text_width(label) for label in labels), default=0) + 12, MAX_LABEL_CHARS * CHAR_WIDTH)
    left = max(label_width, 40)
    plot_width = 480
    totals = [sum(values) for _label, values in rows]
    total_width = max((_text_width(value_format(total)) for total in totals), default=0) + 12 if show_totals else 8
    right = max(total_width, 24)
    width = left + plot_width + right
    bar_height, gap, top = 22, 10, 8
    plot_height = len(rows) * (bar_height + gap)
    scale_max = 100 if normalise else _nice_max(max(totals, default=0))

    defs = [_pattern_def(f"{chart_id}-p{i}", PATTERNS[i % len(PATTERNS)], c) for i, c in enumerate(colours)]
    body = []
    # Grid and axis.
    axis_y = top + plot_height
    body.append('<g class="bp-chart__axis">')
    for tick in _ticks(scale_max):
        x = left + plot_width * tick / scale_max
        body.append(_vline(x, top, axis_y, GRID_COLOUR))
        tick_text = f"{format_value(tick)}%" if normalise else value_format(tick)
        body.append(
            f'<text x="{_num(x)}" y="{_num(axis_y + 14)}" text-anchor="middle" fill="{MUTED_COLOUR}">'
            f"{escape(tick_text)}</text>"
        )
    body.append("</g>")
    # Bars.
    for row_index, ((label, values), short_label, total) in enumerate(zip(rows, labels, totals, strict=True)):
        y = top + row_index * (bar_height + gap) + gap / 2
        body.append('<g class="bp-chart__row">')
        body.append(f"<title>{escape(label)}: {escape(value_format(total))}</title>")
        body.append(
            f'<text x="{_num(left - 8)}" y="{_num(y + bar_height / 2 + 4)}" text-anchor="end" fill="{TEXT_COLOUR}">'
            f"{escape(short_label)}</text>"
        )
        x = left
        denominator = (total if normalise else scale_max) or 1
        for series_index, value in enumerate(values):
            if not value:
                continue
            segment = plot_width * value / denominator
            body.append(
                f'<rect class="bp-chart__segment" x="{_num(x)}" y="{_num(y)}" width="{_num(segment)}" '
                f'height="{bar_height}" fill="url(#{chart_id}-p{series_index})" stroke="#ffffff" stroke-width="1">'
                f"<title>{escape(label)} – {escape(series[series_index])}: {escape(value_format(value))}</title></rect>"
            )
            text = value_format(value)
            if segment >= _text_width(text) + 8:
                body.append(
                    f'<text class="bp-chart__value" x="{_num(x + segment / 2)}" y="{_num(y + bar_height / 2 + 4)}" '
                    f'text-anchor="middle" fill="#000000" stroke="#ffffff" stroke-width="3" paint-order="stroke">'
                    f"{escape(text)}</text>"
                )
            x += segment
        if show_totals:
            bar_end = left + (plot_width if normalise else plot_width * total / scale_max)
            body.append(
                f'<text class="bp-chart__total" x="{_num(bar_end + 6)}" y="{_num(y + bar_height / 2 + 4)}" '
                f'fill="{TEXT_COLOUR}">{escape(value_format(total))}</text>'
            )
        body.append("</g>")
    body.append(_vline(left, top, axis_y, AXIS_COLOUR))
    legend_top = axis_y + 24
    if axis_label:
        body.append(
            f'<text x="{_num(left + plot_width / 2)}" y="{_num(axis_y + 32)}" text-anchor="middle" '
            f'fill="{MUTED_COLOUR}">{escape(axis_label)}</text>'
        )
        legend_top += 18

    def swatch(index: int, x: float, y: float) -> str:
        return (
            f'<rect x="{_num(x)}" y="{_num(y)}" width="14" height="14" fill="url(#{chart_id}-p{index})" '
            f'stroke="{AXIS_COLOUR}" stroke-width="1"/>'
        )

    legend, legend_height = _legend([(s, c) for s, c in zip(series, colours, strict=True)], width, legend_top, swatch)
    body.extend(legend)
    height = legend_top + legend_height + 4
    return _Svg(chart_id, width, height, title, description, "stacked-bar").render(defs, body)


def bar_chart(
    rows: Sequence[tuple[str, Number | None]],
    *,
    title: str,
    description: str = "",
    max_value: Number | None = None,
    value_format: Callable[[Number], str] = format_value,
    colour: str = CATEGORICAL[0],
    axis_label: str = "",
    whole_numbers: bool = False,
) -> SafeString:
    """Horizontal bars, one per ``(label, value)`` row, each with its value written at its end.

    ``max_value`` fixes the end of the axis (e.g. 100 for percentages; default: a round number
    above the largest value). With ``whole_numbers`` (counts) every tick of the axis is a whole
    number. A ``None`` value draws no bar and writes "–".
    """
    rows = [(str(label), value) for label, value in rows]
    chart_id = _chart_id("bar", (title, rows, max_value, colour))
    labels = [_truncate(label) for label, _value in rows]
    left = max(min(max((_text_width(label) for label in labels), default=0) + 12, MAX_LABEL_CHARS * CHAR_WIDTH), 40)
    plot_width = 420
    values = [value for _label, value in rows if value is not None]
    scale_max, ticks = _axis(max(values, default=0), max_value, whole_numbers)
    right = max((_text_width(value_format(v)) for v in values), default=0) + 16
    width = left + plot_width + right
    bar_height, gap, top = 18, 10, 8
    axis_y = top + len(rows) * (bar_height + gap)
    body = ['<g class="bp-chart__axis">']
    for tick in ticks:
        x = left + plot_width * tick / scale_max
        body.append(_vline(x, top, axis_y, GRID_COLOUR))
        body.append(
            f'<text x="{_num(x)}" y="{_num(axis_y + 14)}" text-anchor="middle" fill="{MUTED_COLOUR}">'
            f"{escape(value_format(tick))}</text>"
        )
    body.append("</g>")
    for index, ((label, value), short_label) in enumerate(zip(rows, labels, strict=True)):
        y = top + index * (bar_height + gap) + gap / 2
        body.append('<g class="bp-chart__row">')
        body.append(
            f'<text x="{_num(left - 8)}" y="{_num(y + bar_height / 2 + 4)}" text-anchor="end" fill="{TEXT_COLOUR}">'
            f"{escape(short_label)}</text>"
        )
        length = 0.0 if value is None else plot_width * min(max(value, 0), scale_max) / scale_max
        if length:
            body.append(
                f'<rect class="bp-chart__bar" x="{_num(left)}" y="{_num(y)}" width="{_num(length)}" '
                f'height="{bar_height}" fill="{colour}">'
                f"<title>{escape(label)}: {escape(value_format(value))}</title></rect>"
            )
        text = "–" if value is None else value_format(value)
        body.append(
            f'<text class="bp-chart__total" x="{_num(left + length + 6)}" y="{_num(y + bar_height / 2 + 4)}" '
            f'fill="{TEXT_COLOUR}">{escape(text)}</text>'
        )
        body.append("</g>")
    body.append(_vline(left, top, axis_y, AXIS_COLOUR))
    height = axis_y + 22
    if axis_label:
        body.append(
            f'<text x="{_num(left + plot_width / 2)}" y="{_num(axis_y + 32)}" text-anchor="middle" '
            f'fill="{MUTED_COLOUR}">{escape(axis_label)}</text>'
        )
        height += 18
    return _Svg(chart_id, width, height, title, description, "bar").render([], body)


def line_chart(
    x_labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[Number | None]]],
    *,
    title: str,
    description: str = "",
    y_max: Number | None = None,
    value_format: Callable[[Number], str] = format_value,
    palette: str = "categorical",
    axis_label: str = "",
    max_x_labels: int = 12,
    whole_numbers: bool = False,
) -> SafeString:
    """Lines over labelled x positions (e.g. months): one per ``(label, values)`` series.

    Each series has one value per x label (``None`` leaves a gap). ``y_max`` fixes the top of the
    axis (e.g. 100 for percentages; default: a round number above the largest value). Lines differ
    by colour, dash pattern and marker shape, and carry their label and last value at their end.
    ``palette``: ``"categorical"``, or ``"sequential"`` for ordered series (e.g. status levels);
    line colours always contrast at least 3:1 with the white background.
    At most ``max_x_labels`` x labels are written (evenly spaced, the last always).
    With ``whole_numbers`` (counts) every tick of the y axis is a whole number.
    """
    x_labels = [str(label) for label in x_labels]
    series = [(str(label), list(values)) for label, values in series]
    for label, values in series:
        if len(values) != len(x_labels):
            raise ValueError(f"Series {label!r} has {len(values)} values for {len(x_labels)} x labels.")
    chart_id = _chart_id("line", (title, x_labels, series, y_max, palette))
    colours = line_palette(len(series), palette)
    all_values = [v for _label, values in series for v in values if v is not None]
    scale_max, ticks = _axis(max(all_values, default=0), y_max, whole_numbers)
    left, top, plot_width = 48, 12, 560
    plot_height = max(240, LABEL_SPACING * len(series))
    end_labels = []
    for label, values in series:
        last = next((v for v in reversed(values) if v is not None), None)
        end_labels.append(f"{_truncate(label, 24)} ({value_format(last)})" if last is not None else "")
    right = max((_text_width(text) for text in end_labels), default=0) + 24
    width = left + plot_width + right
    axis_y = top + plot_height
    count = len(x_labels)

    def x_at(index: int) -> float:
        return left + (plot_width * index / (count - 1) if count > 1 else plot_width / 2)

    def y_at(value: Number) -> float:
        return axis_y - plot_height * min(max(value, 0), scale_max) / scale_max

    body = ['<g class="bp-chart__axis">']
    for tick in ticks:
        y = y_at(tick)
        body.append(
            f'<line x1="{left}" y1="{_num(y)}" x2="{_num(left + plot_width)}" y2="{_num(y)}" '
            f'stroke="{GRID_COLOUR}" stroke-width="1"/>'
        )
        body.append(
            f'<text x="{left - 6}" y="{_num(y + 4)}" text-anchor="end" fill="{MUTED_COLOUR}">'
            f"{escape(value_format(tick))}</text>"
        )
    step = max(1, -(-count // max(max_x_labels, 1)))
    shown = [index for index in range(count) if index % step == 0]
    if count and shown[-1] != count - 1:
        if count - 1 - shown[-1] < step and len(shown) > 1:
            shown.pop()
        shown.append(count - 1)
    for index in shown:
        x = x_at(index)
        body.append(
            f'<line x1="{_num(x)}" y1="{_num(axis_y)}" x2="{_num(x)}" y2="{_num(axis_y + 4)}" stroke="{AXIS_COLOUR}"/>'
        )
        body.append(
            f'<text x="{_num(x)}" y="{_num(axis_y + 17)}" text-anchor="middle" fill="{MUTED_COLOUR}">'
            f"{escape(x_labels[index])}</text>"
        )
    body.append(
        f'<line x1="{left}" y1="{_num(axis_y)}" x2="{_num(left + plot_width)}" y2="{_num(axis_y)}" '
        f'stroke="{AXIS_COLOUR}" stroke-width="1"/>'
    )
    body.append("</g>")
    # End labels, pushed apart so that they do not overlap.
    ends = []
    for index, (_label, values) in enumerate(series):
        last_index = next((i for i in range(count - 1, -1, -1) if values[i] is not None), None)
        if last_index is not None:
            ends.append([y_at(values[last_index]) + 4, index, x_at(last_index)])
    ends.sort()
    for position in range(1, len(ends)):
        ends[position][0] = max(ends[position][0], ends[position - 1][0] + LABEL_SPACING)
    if ends and ends[-1][0] > axis_y + 4:  # pushed below the axis: move the labels up again
        ends[-1][0] = axis_y + 4
        for position in range(len(ends) - 2, -1, -1):
            ends[position][0] = min(ends[position][0], ends[position + 1][0] - LABEL_SPACING)
    end_at = {index: (y, x) for y, index, x in ends}
    show_markers = count <= 48
    for index, ((label, values), colour) in enumerate(zip(series, colours, strict=True)):
        dash = DASHES[index % len(DASHES)]
        marker = MARKERS[index % len(MARKERS)]
        body.append('<g class="bp-chart__series">')
        body.append(f"<title>{escape(label)}</title>")
        runs, run = [], []
        for position, value in enumerate(values):
            if value is None:
                if run:
                    runs.append(run)
                run = []
            else:
                run.append((x_at(position), y_at(value)))
        if run:
            runs.append(run)
        for points in runs:
            if len(points) > 1:
                text = " ".join(f"{_num(px)},{_num(py)}" for px, py in points)
                dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
                body.append(
                    f'<polyline class="bp-chart__line" points="{text}" fill="none" stroke="{colour}" '
                    f'stroke-width="2.5" stroke-linejoin="round"{dash_attr}/>'
                )
        if show_markers:
            for position, value in enumerate(values):
                if value is not None and (position % step == 0 or position == count - 1 or step == 1):
                    body.append(_marker(marker, x_at(position), y_at(value), colour))
        if index in end_at:
            y, x = end_at[index]
            body.append(
                f'<text class="bp-chart__end-label" x="{_num(left + plot_width + 10)}" y="{_num(y)}" '
                f'fill="{TEXT_COLOUR}">{escape(end_labels[index])}</text>'
            )
        body.append("</g>")
    legend_top = axis_y + 30
    if axis_label:
        body.append(
            f'<text x="{_num(left + plot_width / 2)}" y="{_num(axis_y + 36)}" text-anchor="middle" '
            f'fill="{MUTED_COLOUR}">{escape(axis_label)}</text>'
        )
        legend_top += 18

    def swatch(index: int, x: float, y: float) -> str:
        colour = colours[index]
        dash = DASHES[index % len(DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        return (
            f'<line x1="{_num(x - 2)}" y1="{_num(y + 7)}" x2="{_num(x + 16)}" y2="{_num(y + 7)}" stroke="{colour}" '
            f'stroke-width="2.5"{dash_attr}/>' + _marker(MARKERS[index % len(MARKERS)], x + 7, y + 7, colour, 3.5)
        )

    legend, legend_height = _legend(
        [(label, colour) for (label, _values), colour in zip(series, colours, strict=True)], width, legend_top, swatch
    )
    body.extend(legend)
    height = max(legend_top + legend_height + 4, (ends[-1][0] + 8) if ends else 0)
    return _Svg(chart_id, width, height, title, description, "line").render([], body)
