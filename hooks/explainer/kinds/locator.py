"""A map's locator inset: a small second map in a corner showing where the frame sits, drawn from
a border line in data/geo (the countries named either side of it) and the frame as a grey box.

Decorative: its traces carry no row ids and answer no hover.
"""

from __future__ import annotations

import itertools

from ..language import t
from ..model.places import GeoLine
from .plot import decorative, plot_text, scatter

INSET_COLOUR = "#7f7f7f"  # neither a claimant's colour nor the text colour
FRAME_FILL = "rgba(127,127,127,0.45)"
PANEL_FILL = "rgba(127,127,127,0.10)"
SIZE = 0.3  # of the map's width and height, at most: plotly keeps the inset's aspect within it


def _side(point, line) -> float:
    """> 0 when the point lies left of the line (following its points), < 0 right (nearest segment)."""
    best, sign = float("inf"), 0.0
    px, py = point
    for (ax, ay), (bx, by) in itertools.pairwise(line):
        dx, dy = bx - ax, by - ay
        t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / ((dx * dx + dy * dy) or 1)))
        dist = (px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2
        if dist < best:
            best, sign = dist, dx * (py - ay) - dy * (px - ax)
    return sign


def extent(border: GeoLine, box) -> tuple[float, float, float, float]:
    """The inset's lon/lat range: the whole border and the frame, with a margin."""
    xs = [x for line in border.lines for x, _ in line] + [box[0], box[1]]
    ys = [y for line in border.lines for _, y in line] + [box[2], box[3]]
    pad = 0.12 * max(max(xs) - min(xs), max(ys) - min(ys))
    return min(xs) - pad, max(xs) + pad, min(ys) - pad, max(ys) + pad


def draw(fig, border: GeoLine, box, ratio: float, corner: str) -> None:
    """Add the inset to the figure, in a corner ("top left", "bottom right", ...) of the map."""
    lon0, lon1, lat0, lat1 = extent(border, box)
    vertical, horizontal = corner.split()
    xdomain = [0.01, SIZE] if horizontal == "left" else [1 - SIZE, 0.99]
    ydomain = [1 - SIZE, 0.99] if vertical == "top" else [0.01, SIZE]
    xs, ys = [], []
    for line in border.lines:
        xs += [x for x, _ in line] + [None]
        ys += [y for _, y in line] + [None]
    common = dict(xaxis="x2", yaxis="y2", showlegend=False, hoverinfo="skip")
    fig.add_trace(
        decorative(scatter(x=xs[:-1], y=ys[:-1], mode="lines", line=dict(color=INSET_COLOUR, width=1.2), **common))
    )
    fx0, fx1, fy0, fy1 = box
    fig.add_trace(
        decorative(scatter(
            x=[fx0, fx1, fx1, fx0, fx0], y=[fy0, fy0, fy1, fy1, fy0], mode="lines", fill="toself",
            fillcolor=FRAME_FILL, line=dict(color=INSET_COLOUR, width=1.5), **common,
        ))
    )  # fmt: skip
    # Each country's name in the inset's corner on its side of the border.
    names, nx, ny = [], [], []
    for (x, y), anchor in (((lon1, lat1), "top right"), ((lon0, lat0), "bottom left")):
        side = min((_side((x, y), line) for line in border.lines), key=abs)
        country = border.left if side > 0 else border.right
        if country and plot_text(t(country).upper()) not in names:
            names.append(plot_text(t(country).upper()))
            nx.append(x - 0.03 * (lon1 - lon0) if anchor.endswith("right") else x + 0.03 * (lon1 - lon0))
            ny.append(y - 0.06 * (lat1 - lat0) if anchor.startswith("top") else y + 0.06 * (lat1 - lat0))
    fig.add_trace(
        decorative(scatter(
            x=nx, y=ny, mode="text", text=names, textfont=dict(size=11),
            textposition=["bottom left" if x > (lon0 + lon1) / 2 else "top right" for x in nx], **common,
        ))
    )  # fmt: skip
    hidden = dict(showgrid=False, zeroline=False, showticklabels=False, ticks="", showline=False, fixedrange=True)
    fig.update_layout(
        dict(
            xaxis2=dict(domain=xdomain, range=[lon0, lon1], anchor="y2", **hidden),
            yaxis2=dict(
                domain=ydomain, range=[lat0, lat1], anchor="x2", scaleanchor="x2", scaleratio=ratio,
                constrain="domain", **hidden,
            ),
            shapes=[
                *fig.layout.get("shapes", []),
                dict(
                    type="rect", xref="x2 domain", yref="y2 domain", x0=0, x1=1, y0=0, y1=1, layer="below",
                    fillcolor=PANEL_FILL, line=dict(color=INSET_COLOUR, width=1),
                )
            ],
        )
    )  # fmt: skip
