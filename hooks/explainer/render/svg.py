"""One SVG picture that follows the page's light or dark scheme, safe to put inline in HTML.

The figure is drawn with sentinel colours where the browser runtime (docs/javascripts/charts.js)
would put Material's palette; the SVG's sentinels are then replaced by `var(--md-…)` references.
Inline SVG inherits the page's CSS, so the one picture re-themes with the palette toggle, without
JavaScript, and takes the light scheme in print (the stylesheet sets the variables there).
"""

from __future__ import annotations

import re
from xml.etree import ElementTree

# Sentinels: colours no chart uses, each standing for one of Material's palette variables.
_SENTINELS = {
    "rgb(1, 2, 3)": "var(--md-default-fg-color)",
    "rgb(1, 2, 4)": "var(--md-default-fg-color--light)",
    "rgb(1, 2, 5)": "var(--md-default-fg-color--lightest)",
}
FG, MUTED, GRID = (c.replace(" ", "") for c in _SENTINELS)
# The text is measured in this family when drawn, and shown in the page's own font.
FONT = "-apple-system, BlinkMacSystemFont, Helvetica, Arial, sans-serif"

# What charts.js sets from the palette, with the sentinels (same property paths, same meaning).
THEME = {
    "paper_bgcolor": "rgba(0,0,0,0)",
    "plot_bgcolor": "rgba(0,0,0,0)",
    "font.color": FG,
    "font.family": FONT,
    "xaxis.gridcolor": GRID,
    "yaxis.gridcolor": GRID,
    "xaxis.linecolor": MUTED,
    "yaxis.linecolor": MUTED,
    "xaxis.zerolinecolor": MUTED,
    "yaxis.zerolinecolor": MUTED,
    "xaxis.tickcolor": MUTED,
    "yaxis.tickcolor": MUTED,
    "legend.font.color": FG,
}

# Light-scheme values for images that leave the page (downloads, social cards).
LIGHT = {FG: "rgba(0,0,0,0.87)", MUTED: "rgba(0,0,0,0.54)", GRID: "rgba(0,0,0,0.07)"}


def apply(layout: dict, props: dict) -> dict:
    for path, value in props.items():
        *parents, last = path.split(".")
        target = layout
        for key in parents:
            target = target.setdefault(key, {})
        target[last] = value
    return layout


def _copied(value):
    """A copy of a figure (dicts and lists of plain values, as JSON has): what copy.deepcopy gives
    it, at a fraction of the cost (a warm build copies every chart's figure several times)."""
    if isinstance(value, dict):
        return {key: _copied(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copied(item) for item in value]
    if isinstance(value, tuple):
        return tuple(_copied(item) for item in value)
    return value


def themed(figure: dict, colours: dict | None = None) -> dict:
    """The figure with the sentinel theme (or, with colours, the sentinels mapped to real colours)."""
    out = _copied(figure)
    props = {k: (colours or {}).get(v, v) for k, v in THEME.items()}
    apply(out.setdefault("layout", {}), props)
    out["layout"]["template"] = {}  # no plotly.py default template: the same figure as the browser's
    return out


class UnsafeSvg(ValueError):
    pass


_FORBIDDEN_TAGS = {"script", "foreignobject", "iframe", "object", "embed", "a", "use", "image", "animate", "set"}


def check_inert(text: str) -> None:
    """Raise UnsafeSvg unless the SVG is inert: parsed as XML (text from data is only ever text
    there), no element that runs script or loads anything, no event handler, no script URL."""
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as exc:
        raise UnsafeSvg(f"the drawn SVG is not well-formed ({exc})") from None
    for el in root.iter():
        tag = el.tag.rsplit("}", 1)[-1].lower()
        if tag in _FORBIDDEN_TAGS:
            raise UnsafeSvg(f"the drawn SVG contains a <{tag}> element")
        for name, value in el.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            # Browsers ignore whitespace and control characters inside a URL's scheme.
            squeezed = re.sub(r"[\x00-\x20]", "", value).lower()
            if local.startswith("on") or "javascript:" in squeezed or "data:text/html" in squeezed:
                raise UnsafeSvg(f"the drawn SVG contains an executable attribute ({local})")


_ROOT = re.compile(r"<svg\b[^>]*>")
_ID = re.compile(r'\bid="([^"]+)"')


class MarksMismatch(ValueError):
    pass


# Plotly's SVG: each subplot has one layer per trace type, holding a <g class="trace …"> per trace of
# that type in the figure's order; a scatter trace's markers are <path class="point"> in its points'
# order, a bar trace's bars <g class="point">; shapes are <path data-index="N"> in layout.shapes order.
_TAG = re.compile(r"<(/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+=\"[^\"]*\")*)\s*(/?)>")
_CLASS = re.compile(r'\bclass="([^"]*)"')
_DATA_INDEX = re.compile(r'\bdata-index="(\d+)"')
_LAYERS = {"scatterlayer": "scatter", "barlayer": "bar"}
_SUBPLOT = re.compile(r"^x\d*y\d*$")


def tag_marks(text: str, figure: dict) -> str:
    """Write each mark's row id (the trace's `ids`, a shape's `name`: kinds/plot.py) onto the mark
    as `data-row`, so the page can answer from the picture. Raises MarksMismatch when the drawing's
    marks and the figure's points do not pair up one to one."""
    by_type: dict[tuple[str, str], list[dict]] = {}  # (subplot, type) -> traces, in the figure's order
    for trace in figure.get("data", []):
        subplot = trace.get("xaxis", "x") + trace.get("yaxis", "y")
        by_type.setdefault((subplot, trace.get("type", "scatter")), []).append(trace)
    shapes = (figure.get("layout") or {}).get("shapes") or []
    out, pos = [], 0
    stack: list[tuple[str, set[str]]] = []
    seen = dict.fromkeys(by_type, 0)
    trace: dict | None = None
    point = 0
    for m in _TAG.finditer(text):
        closing, name, attrs, selfclosing = m.group(1), m.group(2), m.group(3), m.group(4)
        if closing:
            if stack and stack[-1][0] == name:
                _, classes = stack.pop()
                if "trace" in classes and trace is not None:
                    _check_count(trace, point)
                    trace = None
            continue
        classes = set(_CLASS.search(attrs).group(1).split()) if _CLASS.search(attrs) else set()
        row = None
        layer = next((_LAYERS[c] for s in stack for c in s[1] if c in _LAYERS), None)
        if layer:
            # The nearest subplot id (overlaid axes draw into their own <g class="xy3"> in the overplot).
            subplot = next((c for s in reversed(stack) for c in s[1] if _SUBPLOT.match(c)), "xy")
            layer = (subplot, layer)
        if name == "g" and "trace" in classes and layer:
            traces = by_type.get(layer, [])
            if seen.get(layer, 0) >= len(traces):
                raise MarksMismatch(f"the picture has more {layer[1]} traces than the figure")
            trace = traces[seen[layer]]
            seen[layer] += 1
            point = 0
        elif trace is not None and "point" in classes and any("points" in s[1] for s in stack):
            ids = trace.get("ids")
            if ids:
                if point >= len(ids):
                    raise MarksMismatch(f"trace '{trace.get('name', '')}' has more marks than points")
                row = ids[point]
            point += 1
        elif name == "path" and any("shapelayer" in s[1] or "shape-group" in s[1] for s in stack):
            index = _DATA_INDEX.search(attrs)
            if index and int(index.group(1)) < len(shapes):
                row = shapes[int(index.group(1))].get("name")
        if row is not None:
            out.append(text[pos : m.end(3)] + f' data-row="{_attr(row)}"')
            pos = m.end(3)
        if not selfclosing:
            stack.append((name, classes))
    out.append(text[pos:])
    for kind, traces in by_type.items():
        if seen.get(kind, 0) != len(traces) and any(t.get("ids") for t in traces):
            raise MarksMismatch(f"the picture has {seen.get(kind, 0)} {kind[1]} traces, the figure {len(traces)}")
    return "".join(out)


def _check_count(trace: dict, drawn: int) -> None:
    ids = trace.get("ids")
    if ids and drawn != len(ids):
        raise MarksMismatch(f"trace '{trace.get('name', '')}' drew {drawn} marks for {len(ids)} rows")


def _attr(value: str) -> str:
    return str(value).replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def inline(svg: bytes | str, prefix: str, css_class: str, figure: dict | None = None) -> str:
    """The SVG ready for the page: palette variables, ids unique to the page, sized by its container,
    each mark tagged with its row (when the figure is given).
    Raises UnsafeSvg if it holds anything executable (plotly escapes data text; this makes sure)."""
    text = svg.decode("utf-8") if isinstance(svg, bytes) else svg
    check_inert(text)
    if figure is not None:
        text = tag_marks(text, figure)
    for sentinel, var in _SENTINELS.items():
        text = text.replace(sentinel, var)
    text = text.replace(_font_as_drawn(text), "var(--md-text-font-family)") if FONT_MARK in text else text
    # plotly's ids are random per drawing; ids derived from the chart keep the page valid and stable.
    ids = list(dict.fromkeys(_ID.findall(text)))
    for n, old in enumerate(ids):
        new = f"{prefix}-{n}"
        text = text.replace(f'id="{old}"', f'id="{new}"').replace(f"#{old})", f"#{new})")
        text = text.replace(f'"#{old}"', f'"#{new}"')
    root = _ROOT.search(text)
    if not root:
        raise UnsafeSvg("no <svg> element in the drawing")
    view_box = re.search(r'viewBox="([^"]+)"', root.group(0))
    attrs = (
        f'<svg class="{css_class}" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'viewBox="{view_box.group(1) if view_box else "0 0 100 100"}" preserveAspectRatio="xMinYMin meet" '
        'aria-hidden="true" focusable="false">'
    )
    return text[: root.start()] + attrs + text[root.end() :]


FONT_MARK = "-apple-system"


def _font_as_drawn(text: str) -> str:
    """The family as plotly wrote it into style attributes (it may add quotes)."""
    match = re.search(r"font-family:\s*([^;\"]*-apple-system[^;\"]*)", text)
    return match.group(1).strip() if match else FONT
