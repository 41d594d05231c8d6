"""Where a map's place names go so that none covers another name, a dot or a mark.

Worked out for the narrowest picture (a phone, where everything is closest), in pixels: each name
tries the positions around its dot, and takes the one that overlaps least with the dots, the marks
and the names already placed (the map's key place first, then cities, towns and villages). A
position the editor chose in the chart's `labels` is kept as it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from .plot import NARROWEST

CHAR_PX = 0.58  # of the font size: a generous average width for the site's sans-serif
GAP = 3  # px between a dot and its name
# plotly's textposition values, in the order tried when nothing else decides.
POSITIONS = (
    "middle right",
    "middle left",
    "bottom center",
    "top center",
    "bottom right",
    "top right",
    "bottom left",
    "top left",
)


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    def overlap(self, other: Box) -> float:
        w = min(self.x1, other.x1) - max(self.x0, other.x0)
        h = min(self.y1, other.y1) - max(self.y0, other.y0)
        return w * h if w > 0 and h > 0 else 0.0


@dataclass(frozen=True)
class Label:
    key: str
    lon: float
    lat: float
    lines: list[str]  # the name's lines as drawn
    radius: float  # px: half the dot's size
    fixed: str | None = None  # the editor's choice
    preferred: str = "middle right"
    size: int = 12


class Projection:
    """Longitude/latitude to pixels in the narrowest picture of a map with a fixed aspect."""

    def __init__(self, box: tuple[float, float, float, float], ratio: float, width: int = NARROWEST - 8):
        self.lon0, lon1, lat0, self.lat1 = box
        self.width = width
        self.px = width / (lon1 - self.lon0)  # per degree of longitude
        self.py = self.px * ratio  # per degree of latitude, at the fixed aspect
        self.height = (self.lat1 - lat0) * self.py

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.lon0) * self.px, (self.lat1 - lat) * self.py


def label_box(x: float, y: float, label: Label, position: str) -> Box:
    """Where plotly draws a name at this position around a dot at (x, y)."""
    w = max(len(line) for line in label.lines) * CHAR_PX * label.size
    h = len(label.lines) * label.size * 1.25
    vertical, horizontal = position.split()
    off = label.radius + GAP
    if horizontal == "right":
        x0 = x + (off if vertical == "middle" else 0)
    elif horizontal == "left":
        x0 = x - w - (off if vertical == "middle" else 0)
    else:
        x0 = x - w / 2
    y0 = {"top": y - off - h, "middle": y - h / 2, "bottom": y + off}[vertical]
    return Box(x0, y0, x0 + w, y0 + h)


def place(labels: list[Label], project: Projection, obstacles: list[Box]) -> dict[str, str]:
    """The position for each label, in the order given (most important first)."""
    taken = list(obstacles)
    for label in labels:  # every dot is an obstacle to every other name
        x, y = project(label.lon, label.lat)
        taken.append(Box(x - label.radius, y - label.radius, x + label.radius, y + label.radius))
    frame = Box(0, 0, project.width, project.height)
    chosen: dict[str, str] = {}
    for label in labels:
        x, y = project(label.lon, label.lat)
        own = Box(x - label.radius, y - label.radius, x + label.radius, y + label.radius)
        order = [label.fixed] if label.fixed else [label.preferred] + [p for p in POSITIONS if p != label.preferred]
        best = None
        for rank, position in enumerate(order):
            box = label_box(x, y, label, position)
            area = (box.x1 - box.x0) * (box.y1 - box.y0)
            outside = area - box.overlap(frame)
            covered = sum(box.overlap(t) for t in taken if t != own)
            score = (covered + 4 * outside, rank)
            if best is None or score < best[0]:
                best = (score, position, box)
        _, position, box = best
        chosen[label.key] = position
        taken.append(box)
    return chosen


# -- labels beside marks, or nowhere ----------------------------------------------------------------
# A timeline's event labels (kinds/timeline.py) must not cover anything: a label that finds no free
# spot is not drawn at all (the timeline numbers that mark instead), unlike a map's name above, which
# always takes its least-covered position.


@dataclass(frozen=True)
class Spot:
    """One way to write a label beside a mark at (x, y): its box, where plotly anchors the text
    (xanchor/yanchor with pixel shifts) and its lines as drawn."""

    box: Box
    xanchor: str  # left | center | right: the text's side that sits at the mark's x + xshift
    xshift: float
    lines: tuple[str, ...]


def text_box_size(lines: tuple[str, ...] | list[str], size: float) -> tuple[float, float]:
    """A generous width and the height of lines of text at a font size, as plotly draws an
    annotation (1.3 line spacing, a pixel of padding around)."""
    return max(len(line) for line in lines) * 0.6 * size + 4, len(lines) * size * 1.3 + 3


def spots(x: float, y: float, radius: float, variants: list[tuple[str, ...]], size: float) -> list[Spot]:
    """The spots tried for a label of a mark at (x, y), in order of preference: level with the mark
    on its right, then its left; then above and below it, running right, then left, then centred.
    Each position is tried with each wording in `variants` (one line first, then two)."""
    out = []
    off = radius + GAP
    rise = radius + 1  # the text's own padding keeps it off the mark
    for where in ("right", "left", "above right", "below right", "above left", "below left", "above", "below"):
        for lines in variants:
            w, h = text_box_size(lines, size)
            y0 = y - h / 2 if where in ("right", "left") else (y - rise - h if where.startswith("above") else y + rise)
            if where == "right":
                x0, anchor, shift = x + off, "left", off
            elif where == "left":
                x0, anchor, shift = x - off - w, "right", -off
            elif where.endswith("right"):
                x0, anchor, shift = x - radius, "left", -radius
            elif where.endswith("left"):
                x0, anchor, shift = x + radius - w, "right", radius
            else:
                x0, anchor, shift = x - w / 2, "center", 0.0
            out.append(Spot(Box(x0, y0, x0 + w, y0 + h), anchor, shift, lines))
    return out


def inside(box: Box, frame: Box) -> bool:
    return box.x0 >= frame.x0 and box.x1 <= frame.x1 and box.y0 >= frame.y0 and box.y1 <= frame.y1
