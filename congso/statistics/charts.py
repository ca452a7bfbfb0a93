"""Server-side charts as inline SVG: no JavaScript chart library, no CDN, readable without scripts.

Each chart is drawn in a small viewBox (about a phone's width) and scales with its container, so type
that is readable on a 390 px phone grows on a wall screen. Every chart carries <title> and <desc> and
`role="img"`; the page also prints the figures as text or a table (WCAG 2.1 1.1.1). Colours come from
CSS classes (`c-…`) so the page decides them; text is never the only carrier of a value's colour.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from congso.core.text import format_number

# viewBox widths: about the width of a chart on a 390 px phone, so 1 unit ≈ 1 CSS pixel there.
COLUMNS_WIDTH = 320
BARS_WIDTH = 340


def pct(value: Decimal | float | None, places: int = 2) -> str:
    """A percentage the Vietnamese way: 92,47% (comma decimal); an em dash when there is none."""
    if value is None:
        return "—"
    return f"{Decimal(value):.{places}f}".replace(".", ",") + "%"


def nice_ceiling(value: float) -> float:
    """The smallest 1, 2 or 5 × 10^k at or above value (axis top), at least 1."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power  # pragma: no cover — the loop always returns


def _svg(uid: str, title: str, desc: str, width: int, height: int, body: list[str]) -> str:
    return (
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{uid}-t {uid}-d" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{uid}-t">{escape(title)}</title><desc id="{uid}-d">{escape(desc)}</desc>'
        + "".join(body)
        + "</svg>"
    )


@dataclass(frozen=True)
class Series:
    name: str
    css: str  # c-… class giving the colour
    values: Sequence[float | int | Decimal | None]


def columns(
    uid: str,
    title: str,
    labels: Sequence[tuple[str, str]],
    series: Sequence[Series],
    *,
    percent: bool = False,
    desc: str = "",
    tips: Sequence[str] = (),
) -> SafeString:
    """Grouped vertical bars, one group per label (label, second line such as the year). `percent`
    fixes the axis at 0–100 %; otherwise the axis top is a round number above the largest value.
    `tips` names each group in full for the bars' tooltips (03/2026 where the axis says 3)."""
    width, height, left, right, top, bottom = COLUMNS_WIDTH, 210, 38, 4, 12, 38
    plot_w, plot_h = width - left - right, height - top - bottom
    numbers = [float(v) for s in series for v in s.values if v is not None]
    top_value = 100.0 if percent else nice_ceiling(max(numbers, default=0))
    body = []
    for tick in (0, 0.5, 1):
        y = top + plot_h * (1 - tick)
        text = pct(Decimal(int(top_value * tick)), 0) if percent else format_number(int(top_value * tick))
        body.append(f'<line class="grid" x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}"/>')
        body.append(f'<text class="axis" x="{left - 4}" y="{y + 4:.1f}" text-anchor="end">{text}</text>')
    slot = plot_w / max(len(labels), 1)
    bar = min(22.0, (slot - 4) / max(len(series), 1))
    for i, (label, second) in enumerate(labels):
        x0 = left + i * slot + (slot - bar * len(series)) / 2
        for j, s in enumerate(series):
            value = s.values[i]
            if value is None:
                continue
            h = plot_h * float(value) / top_value if top_value else 0
            shown = pct(value) if percent else format_number(value)
            body.append(
                f'<rect class="{s.css}" x="{x0 + j * bar:.1f}" y="{top + plot_h - h:.1f}" width="{bar - 1:.1f}" '
                f'height="{h:.1f}"><title>{escape(s.name)} — {escape(tips[i] if tips else " ".join(filter(None, (label, second))))}: {shown}</title></rect>'
            )
        cx = left + i * slot + slot / 2
        body.append(
            f'<text class="axis" x="{cx:.1f}" y="{height - bottom + 15}" text-anchor="middle">{escape(label)}</text>'
        )
        if second:
            body.append(
                f'<text class="axis" x="{cx:.1f}" y="{height - bottom + 30}" text-anchor="middle">{escape(second)}</text>'
            )
    return mark_safe(_svg(uid, title, desc or title, width, height, body) + legend(series))  # noqa: S308 — every text escaped


def legend(series: Sequence[Series]) -> str:
    items = "".join(
        format_html('<li><span class="swatch {}" aria-hidden="true"></span>{}</li>', s.css, s.name)
        for s in series
    )
    return f'<ul class="legend">{items}</ul>'


@dataclass(frozen=True)
class BarRow:
    name: str
    value: float | int | Decimal
    text: str  # the value as printed at the bar's end
    css: str = "c-main"


def bar_list(
    uid: str, title: str, rows: Sequence[BarRow], *, maximum: float | None = None, desc: str = ""
) -> SafeString:
    """Horizontal bars, one per row, the name on its own line above the bar so long Vietnamese agency
    names stay whole on a phone; `maximum` fixes the scale (100 for rates)."""
    width, row_h, name_w = BARS_WIDTH, 40, 44  # name_w: characters that fit on one line at 14 px
    height = max(row_h * len(rows), row_h)
    scale = maximum or max((float(r.value) for r in rows), default=0) or 1
    track = width - 112  # room for the value text ("100,00% · 1.234") after the longest bar
    body = []
    for i, row in enumerate(rows):
        y = i * row_h
        name = row.name if len(row.name) <= name_w else row.name[: name_w - 1] + "…"
        w = max(track * float(row.value) / scale, 1.5 if row.value else 0)
        body.append(
            f'<text class="label" x="0" y="{y + 14}">{escape(name)}<title>{escape(row.name)}</title></text>'
        )
        body.append(f'<rect class="track" x="0" y="{y + 20}" width="{track}" height="14" rx="2"/>')
        body.append(f'<rect class="{row.css}" x="0" y="{y + 20}" width="{w:.1f}" height="14" rx="2"/>')
        body.append(f'<text class="value" x="{track + 5}" y="{y + 32}">{escape(row.text)}</text>')
    if not rows:
        body.append(f'<text class="label" x="0" y="22">{escape("Không có số liệu")}</text>')
    return mark_safe(_svg(uid, title, desc or title, width, height, body))  # noqa: S308 — every text escaped


def ring(uid: str, title: str, value: Decimal | None, *, css: str = "c-main") -> SafeString:
    """A ring gauge for a rate (0–100 %), the figure in its centre."""
    body = ['<circle class="ring-track" cx="60" cy="60" r="52" pathLength="100"/>']
    if value is not None:
        shown = max(min(float(value), 100.0), 0.0)
        body.append(
            f'<circle class="ring {css}" cx="60" cy="60" r="52" pathLength="100" '
            f'stroke-dasharray="{shown:.2f} 100" transform="rotate(-90 60 60)"/>'
        )
    body.append(f'<text class="ring-value" x="60" y="66" text-anchor="middle">{escape(pct(value))}</text>')
    return mark_safe(_svg(uid, title, f"{title}: {pct(value)}", 120, 120, body))  # noqa: S308 — every text escaped
