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
INLINE_SCRIPT = re.compile(r"<script((?:\s[^>]*)?)>(.*?)</script\s*>", re.S | re.I)
INLINE_STYLE = re.compile(r"<style(?:\s[^>]*)?>(.*?)</style\s*>", re.S | re.I)
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


def inline_hashes(html: str) -> tuple[list[str], list[str]]:
    """The hashes of a page's inline scripts (JSON data blocks excepted) and style blocks."""
    scripts = [digest(m.group(2)) for m in INLINE_SCRIPT.finditer(html)
               if "src=" not in m.group(1).lower() and _type(m.group(1)) in JS_TYPES]
    styles = [digest(m.group(1)) for m in INLINE_STYLE.finditer(html)]
    return sorted(set(scripts)), sorted(set(styles))


def fill(html: str) -> str:
    """The finished page with its own inline hashes in the policy (unchanged without MARK)."""
    m = META.search(html) if MARK in html else None
    if m is None:
        return html
    scripts, styles = inline_hashes(html)
    content = m.group(1).replace(MARK, " ".join(scripts), 1).replace(MARK, " ".join(styles), 1)
    return html[:m.start(1)] + re.sub(r" +(;|$)", r"\1", content) + html[m.end(1):]
