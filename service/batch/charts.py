"""Inline SVG charts (no JavaScript, no network): horizontal bars, stacked bars, a citation graph.

Every chart is one `<svg class="chart">`; bars are `<rect class="bar">` and
graph nodes `<circle class="node">`, which is what the browser test counts.
Labels carry a `<title>` so a cut label can still be read on hover.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

PALETTE = ["#2f6db5", "#d9822b", "#3a9e5d", "#c23b3b", "#7d5bb5", "#8c6d46", "#d36fb0", "#6b6b6b",
           "#b5a22f", "#2fa8b5"]
WIDTH = 760
LABEL_W = 280
BAR_W = 380
ROW_H = 22
TOP = 8


def _clip(label: str, n: int = 40) -> str:
    return label if len(label) <= n else label[: n - 1] + "…"


def _fmt(v: float) -> str:
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}"


def _svg(name: str, height: int, body: list[str], desc: str) -> str:
    return (
        f'<svg class="chart" data-chart="{escape(name)}" xmlns="http://www.w3.org/2000/svg" '
        f'width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-label="{escape(desc)}">' + "".join(body) + "</svg>"
    )


def _empty(name: str, desc: str) -> str:
    return _svg(name, 40, ['<text x="8" y="24" class="empty">no data</text>'], desc)


def _label(y: float, text: str) -> str:
    return (
        f'<text x="{LABEL_W - 8}" y="{y:.1f}" text-anchor="end" class="label">'
        f"<title>{escape(text)}</title>{escape(_clip(text))}</text>"
    )


def bars(name: str, items: Sequence[tuple[str, float]], desc: str, colors: Sequence[str] | None = None) -> str:
    """One horizontal bar per (label, value), in the given order."""
    if not items:
        return _empty(name, desc)
    top = max(v for _, v in items) or 1
    body = []
    for i, (label, value) in enumerate(items):
        y = TOP + i * ROW_H
        w = max(1.0, BAR_W * value / top)
        color = colors[i] if colors else PALETTE[0]
        body.append(_label(y + 15, label))
        body.append(
            f'<rect class="bar" x="{LABEL_W}" y="{y + 3}" width="{w:.1f}" height="{ROW_H - 6}" fill="{color}">'
            f"<title>{escape(label)}: {_fmt(value)}</title></rect>"
        )
        body.append(f'<text x="{LABEL_W + w + 6:.1f}" y="{y + 15}" class="value">{_fmt(value)}</text>')
    return _svg(name, TOP * 2 + len(items) * ROW_H, body, desc)


def stacked_bars(
    name: str, rows: Sequence[tuple[str, Sequence[tuple[str, float]]]], series: Sequence[str], desc: str
) -> str:
    """One bar per row, split into the row's (series, value) parts; a legend of the series below."""
    if not rows:
        return _empty(name, desc)
    color = {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(series)}
    top = max(sum(v for _, v in parts) for _, parts in rows) or 1
    body = []
    for i, (label, parts) in enumerate(rows):
        y = TOP + i * ROW_H
        x = float(LABEL_W)
        body.append(_label(y + 15, label))
        for s, v in parts:
            w = max(1.0, BAR_W * v / top)
            body.append(
                f'<rect class="bar" x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{ROW_H - 6}" '
                f'fill="{color[s]}"><title>{escape(label)} — {escape(s)}: {_fmt(v)}</title></rect>'
            )
            x += w
        body.append(f'<text x="{x + 6:.1f}" y="{y + 15}" class="value">{_fmt(sum(v for _, v in parts))}</text>')
    legend_y = TOP + len(rows) * ROW_H + 14
    lx = 8.0
    for s in series:
        if lx > WIDTH - 90:
            legend_y += 18
            lx = 8.0
        body.append(f'<rect class="swatch" x="{lx:.0f}" y="{legend_y - 10}" width="12" height="12" fill="{color[s]}"/>')
        body.append(f'<text x="{lx + 16:.0f}" y="{legend_y}" class="legend">{escape(s)}</text>')
        lx += 28 + 7 * len(s)
    return _svg(name, legend_y + 12, body, desc)


def citation_graph(
    name: str,
    citers: Sequence[tuple[str, str]],
    cited: Sequence[tuple[str, str, int]],
    edges: Sequence[tuple[str, str]],
    desc: str,
) -> str:
    """Citing documents (id, label) on the left, cited documents (id, label, times cited) on the right.

    A two-column layout keeps a deterministic, readable picture without a
    force-directed layout engine; node size grows with times cited.
    """
    if not edges:
        return _empty(name, desc)
    gap = 20
    height = TOP * 2 + max(len(citers), len(cited)) * gap + 10
    lx, rx = 250, WIDTH - 250
    ly = {cid: TOP + 10 + i * gap for i, (cid, _) in enumerate(citers)}
    ry = {cid: TOP + 10 + i * gap for i, (cid, _, _) in enumerate(cited)}
    body = []
    for a, b in edges:
        body.append(
            f'<line class="edge" x1="{lx}" y1="{ly[a]}" x2="{rx}" y2="{ry[b]}" stroke="#9aa7b8" stroke-width="1"/>'
        )
    for cid, label in citers:
        y = ly[cid]
        body.append(f'<circle class="node citing" cx="{lx}" cy="{y}" r="5" fill="{PALETTE[0]}"><title>{escape(label)}</title></circle>')
        body.append(f'<text x="{lx - 10}" y="{y + 4}" text-anchor="end" class="label">{escape(_clip(label, 34))}</text>')
    top = max(n for _, _, n in cited) or 1
    for cid, label, n in cited:
        y = ry[cid]
        r = 4 + 5 * n / top
        body.append(
            f'<circle class="node cited" cx="{rx}" cy="{y}" r="{r:.1f}" fill="{PALETTE[1]}">'
            f"<title>{escape(label)}: cited by {n}</title></circle>"
        )
        body.append(f'<text x="{rx + 14}" y="{y + 4}" class="label">{escape(_clip(label, 34))} ({n})</text>')
    return _svg(name, height, body, desc)
