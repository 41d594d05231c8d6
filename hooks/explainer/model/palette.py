"""One site-wide encoding: colour says who claims (by side), style says how sure.

Each colour keeps at least 3:1 contrast against Material's light (#ffffff) and dark
(slate, #1e2129) backgrounds; tests/test_palette.py checks it.
"""

from __future__ import annotations

SIDE_COLOURS = {
    "ukraine": "#2f7ad6",
    "russia": "#d8452f",
    "independent": "#6f7f8f",
}
BACKGROUNDS = {"light": "#ffffff", "dark": "#1e2129"}

# Within one side, claimants are told apart by marker shape (for readers who cannot tell colours apart too).
SYMBOLS = ["circle", "square", "diamond", "triangle-up", "triangle-down", "star", "hexagon", "cross", "x", "pentagon"]


def marker_symbol(index: int, verified: bool) -> str:
    """Filled markers for assessed/confirmed figures, open ones for claims."""
    base = SYMBOLS[index % len(SYMBOLS)]
    return base if verified else f"{base}-open"


def line_dash(verified: bool) -> str:
    return "solid" if verified else "dot"


def relative_luminance(hex_colour: str) -> float:
    channels = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
