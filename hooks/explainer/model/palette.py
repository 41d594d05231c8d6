"""One site-wide encoding: colour and marker shape say who speaks (the claimant's group), line
and fill say how sure.

Each colour keeps at least 3:1 contrast against Material's light (#ffffff) and dark (slate,
#1e2129) backgrounds; tests/test_palette.py checks it. Shape repeats the group, so nothing is
told by colour alone.
"""

from __future__ import annotations

GROUP_COLOURS = {
    "ukraine": "#2f7ad6",
    "russia": "#d8452f",
    "third-country": "#8e5cc4",
    "analysts": "#1f8a70",
    "media": "#a0711c",
    "partisan": "#c2418e",
    "international": "#0e8c9a",
}
GROUP_SYMBOLS = {
    "ukraine": "circle",
    "russia": "square",
    "third-country": "diamond",
    "analysts": "triangle-up",
    "media": "hexagon",
    "partisan": "star",
    "international": "pentagon",
}
# The key's glyph for each group's shape, in the same order.
GROUP_GLYPHS = {"ukraine": "●", "russia": "■", "third-country": "◆", "analysts": "▲", "media": "⬢", "partisan": "★",
               "international": "⬟"}  # fmt: skip
BACKGROUNDS = {"light": "#ffffff", "dark": "#1e2129"}
# Lines for scale (a pre-war population): neither a claimant's colour nor the text colour.
REFERENCE_COLOUR = "#7f7f7f"


def marker_symbol(group: str, verified: bool, nth: int = 0) -> str:
    """The group's shape, filled for assessed/confirmed figures and open for claims; claimants of
    one group in one chart alternate a dot in the middle (and, see marker_size, the size)."""
    base = GROUP_SYMBOLS[group]
    return base + ("" if verified else "-open") + ("-dot" if nth % 2 else "")


def marker_size(nth: int) -> int:
    """Third and fourth claimants of a group in one chart get larger marks than the first two."""
    return 10 if nth % 4 < 2 else 15


# An event's or statement's status by fill, on the group's shape: filled is confirmed, a dot
# in an open shape is on record (said), open is a media report; disputed adds a cross over it.
EVENT_STATUS_MARKS = {"confirmed": "", "on-record": "-open-dot", "reported": "-open", "disputed": "-open"}
EVENT_STATUS_ORDER = ("confirmed", "on-record", "reported", "disputed")


def event_symbol(group: str, status: str) -> str:
    return GROUP_SYMBOLS[group] + EVENT_STATUS_MARKS[status]


def line_dash(verified: bool) -> str:
    return "solid" if verified else "dot"


def relative_luminance(hex_colour: str) -> float:
    channels = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
