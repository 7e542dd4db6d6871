"""Visitors and page views over time drawn as inline SVG, on the server: pure, numbers in and
markup out, no script, no font and no request to anywhere.

A chart is an image to sighted readers and a table to everyone else: the SVG carries
``role="img"`` with a ``<title>`` and a ``<desc>`` that sums it up, and the same numbers follow
it in a table hidden from sight only (``visually-hidden``), so a screen reader can walk them
cell by cell. Every label that reaches the markup is escaped here. Colours are presentation
attributes (the chart reads without any style sheet); text takes ``currentColor`` so a dark
theme recolours it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

WIDTH = 720
HEIGHT = 260
_LEFT, _RIGHT, _TOP, _BOTTOM = 56, 16, 16, 40
_MAX_X_LABELS = 8
VISITORS_COLOUR = "#0b6bcb"
PAGEVIEWS_COLOUR = "#b35c00"


@dataclass(frozen=True)
class Point:
    """One step of the chart: an hour, a day, a week or a month."""

    label: str
    """Short, under the axis (``3 Dec``, ``13:00``)."""
    visitors: int
    pageviews: int
    long_label: str = ""
    """Spelled out, in the table and the tooltips (``Thursday 3 December 2026``)."""

    @property
    def spelled(self) -> str:
        """The long label, else the short one."""
        return self.long_label or self.label


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def count(value: int) -> str:
    """``1,234`` below ten thousand, ``12.3k`` and ``4.5M`` above: short enough for an axis."""
    if value >= 1_000_000:
        return f"{value / 1_000_000:.1f}M".replace(".0M", "M")
    if value >= 10_000:
        return f"{value / 1_000:.1f}k".replace(".0k", "k")
    return f"{value:,}"


def nice_ceiling(value: int) -> tuple[int, int]:
    """The top of the axis and its step: 1, 2 or 5 times a power of ten, about four steps."""
    if value <= 0:
        return 4, 1
    step = 1
    while True:
        for factor in (1, 2, 5):
            candidate = step * factor
            if candidate * 4 >= value:
                return candidate * -(-value // candidate), candidate
        step *= 10


def _x(index: int, steps: int) -> float:
    inner = WIDTH - _LEFT - _RIGHT
    return _LEFT + (inner * index / (steps - 1) if steps > 1 else inner / 2)


def _y(value: int, top: int) -> float:
    inner = HEIGHT - _TOP - _BOTTOM
    return _TOP + inner - inner * value / top


def _line(values: Sequence[int], steps: int, top: int, colour: str, *, faint: bool) -> str:
    if not values:
        return ""
    points = " ".join(f"{_x(i, steps):.1f},{_y(v, top):.1f}" for i, v in enumerate(values))
    style = ' stroke-dasharray="5 4" stroke-opacity="0.45"' if faint else ""
    width = "1.5" if faint else "2.5"
    return (
        f'<polyline fill="none" stroke="{colour}" stroke-width="{width}"'
        f' stroke-linejoin="round" stroke-linecap="round"{style} points="{points}"/>'
    )


def _grid(top: int, step: int) -> str:
    parts = []
    for value in range(0, top + 1, step):
        y = _y(value, top)
        parts.append(
            f'<line x1="{_LEFT}" x2="{WIDTH - _RIGHT}" y1="{y:.1f}" y2="{y:.1f}"'
            ' stroke="currentColor" stroke-opacity="0.15"/>'
            f'<text x="{_LEFT - 8}" y="{y + 4:.1f}" text-anchor="end">{_e(count(value))}</text>'
        )
    return "".join(parts)


def labelled_steps(steps: int) -> list[int]:
    """Which steps get a label under the axis: at most ``_MAX_X_LABELS``, evenly spaced, the
    first and the last always (dropping a neighbour of the last that would crowd it)."""
    if steps <= 0:
        return []
    every = max(1, -(-(steps - 1) // (_MAX_X_LABELS - 1)))
    chosen = list(range(0, steps, every))
    if chosen[-1] != steps - 1:
        if len(chosen) > 1 and steps - 1 - chosen[-1] < every / 2:
            chosen.pop()
        chosen.append(steps - 1)
    return chosen


def _x_labels(points: Sequence[Point]) -> str:
    parts = []
    last = len(points) - 1
    for index in labelled_steps(len(points)):
        # The first and last labels lean inwards so that neither is cut at the edge.
        anchor = "start" if index == 0 and last else "end" if index == last and last else "middle"
        parts.append(
            f'<text x="{_x(index, len(points)):.1f}" y="{HEIGHT - _BOTTOM + 18}"'
            f' text-anchor="{anchor}">{_e(points[index].label)}</text>'
        )
    return "".join(parts)


def _markers(points: Sequence[Point], top: int) -> str:
    # A dot per step with a tooltip (SVG's own <title>): hovering reads a value, no script.
    parts = []
    for index, point in enumerate(points):
        x = _x(index, len(points))
        tip = _e(f"{point.spelled}: {point.visitors:,} visitors, {point.pageviews:,} page views")
        for value, colour in (
            (point.pageviews, PAGEVIEWS_COLOUR),
            (point.visitors, VISITORS_COLOUR),
        ):
            parts.append(
                f'<circle cx="{x:.1f}" cy="{_y(value, top):.1f}" r="3" fill="{colour}">'
                f"<title>{tip}</title></circle>"
            )
    return "".join(parts)


def _legend(with_previous: bool) -> str:
    y = HEIGHT - 8
    entries = [("Visitors", VISITORS_COLOUR, False), ("Page views", PAGEVIEWS_COLOUR, False)]
    if with_previous:
        entries.append(("Previous period", "currentColor", True))
    parts, x = [], _LEFT
    for label, colour, faint in entries:
        dash = ' stroke-dasharray="5 4" stroke-opacity="0.6"' if faint else ""
        parts.append(
            f'<line x1="{x}" x2="{x + 18}" y1="{y - 4}" y2="{y - 4}" stroke="{colour}"'
            f' stroke-width="2.5"{dash}/><text x="{x + 24}" y="{y}">{_e(label)}</text>'
        )
        x += 24 + 8 * len(label) + 24
    return "".join(parts)


def summary(
    points: Sequence[Point], previous: Sequence[Point] = (), *, visitors_add_up: bool = True
) -> str:
    """One sentence saying what the chart shows (its ``<desc>``); the visitors' sum is left
    out when it is no count of anyone (``visitors_add_up`` false: a visitor of two hours is
    in both)."""
    if not points:
        return "No steps in this range."
    visitors = sum(p.visitors for p in points)
    views = sum(p.pageviews for p in points)
    busiest = max(points, key=lambda p: (p.pageviews, p.visitors))
    text = (
        f"{len(points)} steps from {points[0].spelled} to {points[-1].spelled}: "
        + (f"{visitors:,} visitors and " if visitors_add_up else "")
        + f"{views:,} page views in all"
    )
    if busiest.pageviews:
        text += f"; most page views on {busiest.spelled} ({busiest.pageviews:,})"
    if previous:
        before = sum(p.pageviews for p in previous)
        text += f"; {before:,} page views in the previous period"
    return text + "."


def table(points: Sequence[Point], previous: Sequence[Point] = (), *, caption: str) -> str:
    """The chart's numbers as an HTML table (with the previous period's when given)."""
    head = "<th scope='col'>When</th><th scope='col'>Visitors</th><th scope='col'>Page views</th>"
    if previous:
        head += (
            "<th scope='col'>Visitors, previous period</th>"
            "<th scope='col'>Page views, previous period</th>"
        )
    rows = []
    for index, point in enumerate(points):
        cells = f"<th scope='row'>{_e(point.spelled)}</th><td>{point.visitors}</td>"
        cells += f"<td>{point.pageviews}</td>"
        if previous:
            before = previous[index] if index < len(previous) else Point("", 0, 0)
            cells += f"<td>{before.visitors}</td><td>{before.pageviews}</td>"
        rows.append(f"<tr>{cells}</tr>")
    return (
        f"<table class='visually-hidden'><caption>{_e(caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def line_chart(
    points: Sequence[Point],
    previous: Sequence[Point] = (),
    *,
    title: str,
    chart_id: str = "chart",
    visitors_add_up: bool = True,
) -> str:
    """The chart as ``<figure>``: the SVG (current period solid, the previous one faint and
    dashed, matched step by step) and, for screen readers, the same numbers as a table.

    ``previous`` may be shorter or longer than ``points``: it is cut to the same length."""
    previous = list(previous[: len(points)])
    highest = max(
        [p.visitors for p in (*points, *previous)] + [p.pageviews for p in (*points, *previous)],
        default=0,
    )
    top, step = nice_ceiling(highest)
    steps = len(points)
    ident = _e(chart_id)
    described = summary(points, previous, visitors_add_up=visitors_add_up)
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}"'
        f' width="100%" role="img" aria-labelledby="{ident}-title {ident}-desc"'
        ' font-family="system-ui, sans-serif" font-size="12" fill="currentColor"'
        ' preserveAspectRatio="xMidYMid meet">'
        f'<title id="{ident}-title">{_e(title)}</title>'
        f'<desc id="{ident}-desc">{_e(described)}</desc>'
        + _grid(top, step)
        + _x_labels(points)
        + _line([p.pageviews for p in previous], steps, top, PAGEVIEWS_COLOUR, faint=True)
        + _line([p.visitors for p in previous], steps, top, VISITORS_COLOUR, faint=True)
        + _line([p.pageviews for p in points], steps, top, PAGEVIEWS_COLOUR, faint=False)
        + _line([p.visitors for p in points], steps, top, VISITORS_COLOUR, faint=False)
        + _markers(points, top)
        + _legend(bool(previous))
        + "</svg>"
    )
    return (
        f'<figure class="chart" id="{ident}">{svg}{table(points, previous, caption=title)}</figure>'
    )


def sparkline(values: Sequence[int], *, label: str, width: int = 160, height: int = 32) -> str:
    """A small line of ``values`` (oldest first) without axes: an image labelled ``label``,
    its values listed in its ``<desc>``."""
    top = max(values, default=0) or 1
    pad = 2
    steps = len(values)

    def x(index: int) -> float:
        return pad + (
            (width - 2 * pad) * index / (steps - 1) if steps > 1 else (width - 2 * pad) / 2
        )

    def y(value: int) -> float:
        return height - pad - (height - 2 * pad) * value / top

    points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values))
    line = (
        f'<polyline fill="none" stroke="{VISITORS_COLOUR}" stroke-width="1.5"'
        f' stroke-linejoin="round" points="{points}"/>'
        if values
        else ""
    )
    listed = ", ".join(str(v) for v in values) or "none"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="sparkline" viewBox="0 0 {width} {height}"'
        f' width="{width}" height="{height}" role="img" aria-label="{_e(label)}">'
        f"<title>{_e(label)}</title><desc>{_e(listed)}</desc>{line}</svg>"
    )
