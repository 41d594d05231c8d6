"""The Content-Security-Policy every page and embed page carries.

Scripts: only the site's own files, and the theme's few inline scripts by the SHA-256 of their
exact text, computed from each finished page (they change with the theme's version and with a
page's depth, so they are never typed by hand). No 'unsafe-inline', no 'unsafe-eval', nothing
from another origin.

Styles: 'self' plus 'unsafe-inline'. The build-time pictures are plotly's SVG, styled by `style`
attributes on every mark; plotly.js styles what it draws the same way and adds one <style>
element; the chart block reserves its height with a style attribute. A style cannot run script,
so this keeps the policy's point (no injected script runs) without redrawing every picture.

Images: 'self' and data: (the theme's icons and plotly's patterns are data: URLs).
`frame-ancestors` is left out: a <meta> policy cannot carry it, and embeds are meant to be framed.
"""

from __future__ import annotations

import base64
import hashlib
import re

_SCRIPT_RE = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_SRC_RE = re.compile(r"\ssrc\s*=", re.IGNORECASE)
_TYPE_RE = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]*)""", re.IGNORECASE)
# Types a browser runs as script; anything else (application/json, application/ld+json) is data.
_RUN = {"", "text/javascript", "application/javascript", "module", "text/ecmascript", "application/ecmascript"}
_CHARSET_RE = re.compile(r"<meta charset=[\"']?utf-8[\"']?\s*/?>", re.IGNORECASE)
_HEAD_RE = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
META_RE = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')

BASE = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}


def inline_script_hashes(html: str) -> list[str]:
    """'sha256-…' sources for every inline script a browser would run, in page order, once each."""
    out = []
    for m in _SCRIPT_RE.finditer(html):
        attrs, body = m.group(1), m.group(2)
        if _SRC_RE.search(attrs):
            continue
        kind = _TYPE_RE.search(attrs)
        if kind and kind.group(1).lower() not in _RUN:
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        source = f"'sha256-{digest}'"
        if source not in out:
            out.append(source)
    return out


def policy(hashes: list[str] | tuple[str, ...] = ()) -> str:
    """The policy as one header value, with the given script hashes allowed."""
    directives = {**BASE, "script-src": [*BASE["script-src"], *sorted(set(hashes))]}
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def with_policy(html: str, hashes: list[str] | tuple[str, ...] | None = None) -> str:
    """The page with its policy as the first thing after its charset (a <meta> policy governs only
    what follows it). hashes: the scripts to allow; default: the page's own inline scripts."""
    hashes = inline_script_hashes(html) if hashes is None else hashes
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes)}">'
    m = _CHARSET_RE.search(html) or _HEAD_RE.search(html)
    if m is None:
        return meta + html
    return html[: m.end()] + meta + html[m.end() :]
