"""The Content-Security-Policy every page carries in a <meta> (overrides/main.html, block
site_meta): scripts, styles, images, fonts, media, frames and connections from the site's own
origin only, the second line of defence behind the remote-load rule (kit/data/rules/hosts.py).

Material and our head script put a few small scripts and one style block inline; the policy
allows exactly those by their SHA-256 hash, computed per page once the page is finished (a
script holds the page's depth, `new URL("../..", location)`). `mkdocs serve` appends an inline
live-reload script to every page it serves, so a preview allows inline scripts instead
(`'unsafe-inline'`); the built site never does. A policy in a <meta> cannot set
frame-ancestors, report-uri or sandbox: a server that wants those sends them as a header.
"""
from __future__ import annotations

import base64
import functools
import hashlib
import re
from typing import Iterator

MARK = "wm-inline-hashes"      # where the hashes go; the template writes it, fill() replaces it
META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"')
SOURCES = {
    "default-src": "'self'",
    "script-src": f"'self' {MARK}",
    "style-src": f"'self' {MARK}",
    "img-src": "'self' data:",
    "font-src": "'self' data:",
    "media-src": "'self'",
    "frame-src": "'self'",
    "connect-src": "'self'",
    "worker-src": "'self'",
    "manifest-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}
# an inline block: its opening tag, then the first closing tag of its kind after it (a "<style>" inside a
# script is the script's text, as for the browser); found in two steps, not with one lazy ".*?" that
# tries the closing tag at every character of the body (half the time of a page's hashes)
OPENING = re.compile(r"<(script|style)(\s[^>]*)?>", re.I)
CLOSING = {"script": re.compile(r"</(?i:script)\s*>"), "style": re.compile(r"</(?i:style)\s*>")}
TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]*)""", re.I)
JS_TYPES = {"", "module", "text/javascript", "application/javascript", "text/ecmascript", "application/ecmascript"}


def policy(preview: bool = False) -> str:
    """The meta's content as the template writes it (with MARK, or 'unsafe-inline' in a preview)."""
    sources = {k: v.replace(MARK, "'unsafe-inline'" if preview and k == "script-src" else MARK)
               for k, v in SOURCES.items()}
    if preview:
        sources["style-src"] = sources["style-src"].replace(f" {MARK}", " 'unsafe-inline'")
    return "; ".join(f"{k} {v}" for k, v in sources.items())


@functools.lru_cache(maxsize=1024)    # every page has the same few scripts and style blocks
def digest(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _type(attrs: str) -> str:
    m = TYPE.search(attrs)
    return m.group(1).lower() if m else ""


def blocks(html: str) -> Iterator[tuple[str, str, str]]:
    """(kind, attributes, text) of every script and style element with its closing tag."""
    at = 0
    while (m := OPENING.search(html, at)) is not None:
        kind = m.group(1).lower()
        end = CLOSING[kind].search(html, m.end())
        if end is None:
            at = m.end()
            continue
        yield kind, m.group(2) or "", html[m.end():end.start()]
        at = end.end()


def inline_hashes(html: str) -> tuple[list[str], list[str]]:
    """The hashes of a page's inline scripts (JSON data blocks excepted) and style blocks."""
    scripts, styles = set(), set()
    for kind, attrs, text in blocks(html):
        if kind == "style":
            styles.add(digest(text))
        elif "src=" not in attrs.lower() and _type(attrs) in JS_TYPES:
            scripts.add(digest(text))
    return sorted(scripts), sorted(styles)


def fill(html: str) -> str:
    """The finished page with its own inline hashes in the policy (unchanged without MARK)."""
    m = META.search(html) if MARK in html else None
    if m is None:
        return html
    scripts, styles = inline_hashes(html)
    content = m.group(1).replace(MARK, " ".join(scripts), 1).replace(MARK, " ".join(styles), 1)
    return html[:m.start(1)] + re.sub(r" +(;|$)", r"\1", content) + html[m.end(1):]
