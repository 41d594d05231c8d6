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


# Claimants of one group in one chart are told apart by shape within the group's family (a cross,
# an x, a dot inside; a triangle turned over), and their claims by the pattern of the line.
GROUP_VARIANTS = {
    "ukraine": ("circle", "circle-cross", "circle-x", "circle-dot"),
    "russia": ("square", "square-cross", "square-x", "square-dot"),
    "third-country": ("diamond", "diamond-cross", "diamond-x", "diamond-dot"),
    "analysts": ("triangle-up", "triangle-down", "triangle-up-dot", "triangle-down-dot"),
    "media": ("hexagon", "hexagon-dot", "pentagon", "pentagon-dot"),
    "partisan": ("star", "star-square", "star-dot", "star-diamond"),
}
# Glyphs for the variants in a line's label, so the label shows its line's mark.
VARIANT_GLYPHS = {
    "circle": ("●", "○"), "circle-cross": ("⊕", "⊕"), "circle-x": ("⊗", "⊗"), "circle-dot": ("◉", "◉"),
    "square": ("■", "□"), "square-cross": ("⊞", "⊞"), "square-x": ("⊠", "⊠"), "square-dot": ("▣", "▣"),
    "diamond": ("◆", "◇"), "diamond-cross": ("◆", "◇"), "diamond-x": ("◆", "◇"), "diamond-dot": ("◈", "◈"),
    "triangle-up": ("▲", "△"), "triangle-down": ("▼", "▽"), "triangle-up-dot": ("▲", "△"),
    "triangle-down-dot": ("▼", "▽"), "hexagon": ("⬢", "⬡"), "hexagon-dot": ("⬢", "⬡"), "pentagon": ("⬟", "⬠"),
    "pentagon-dot": ("⬟", "⬠"), "star": ("★", "☆"), "star-square": ("✦", "✧"), "star-dot": ("★", "☆"),
    "star-diamond": ("✦", "✧"),
}  # fmt: skip
CLAIM_DASHES = ("dot", "dash", "dashdot", "longdashdot")


def _variant(group: str, nth: int) -> str:
    variants = GROUP_VARIANTS[group]
    return variants[nth % len(variants)]


def marker_symbol(group: str, verified: bool, nth: int = 0) -> str:
    """The nth shape of the group's family, filled for assessed/confirmed figures and open for claims."""
    shape = _variant(group, nth)
    if verified:
        return shape
    base, dot = (shape[: -len("-dot")], True) if shape.endswith("-dot") else (shape, False)
    return base + "-open" + ("-dot" if dot else "")


def marker_glyph(group: str, verified: bool, nth: int = 0) -> str:
    return VARIANT_GLYPHS[_variant(group, nth)][0 if verified else 1]


def marker_size(nth: int) -> int:
    """Shapes with a cross or dot inside need a little more room to show it."""
    return 10 if nth == 0 else 12


# An event's or statement's status by fill, on the group's shape: filled is confirmed, a dot
# in an open shape is on record (said), open is a media report; disputed adds a cross over it.
EVENT_STATUS_MARKS = {"confirmed": "", "on-record": "-open-dot", "reported": "-open", "disputed": "-open"}
EVENT_STATUS_ORDER = ("confirmed", "on-record", "reported", "disputed")


def event_symbol(group: str, status: str) -> str:
    return GROUP_SYMBOLS[group] + EVENT_STATUS_MARKS[status]


def line_dash(verified: bool, nth: int = 0) -> str:
    """Solid for assessed/confirmed figures; a broken line for claims, its pattern per claimant."""
    return "solid" if verified else CLAIM_DASHES[nth % len(CLAIM_DASHES)]


def relative_luminance(hex_colour: str) -> float:
    channels = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
