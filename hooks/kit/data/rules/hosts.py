"""The remote-load rule: nothing an editor writes may make a page load from another host.

Links to other sites are fine; loads are not (readers' privacy, hosting inside mainland China,
pages that break when the other host does; WeChat refuses hot-linked images outright). Pure
functions over text: Markdown with raw HTML (news posts, pages), finished HTML (the build's
guarantee, kit/outputs/hostcheck.py) and CSS. Each finding is (offset in the text, what, url);
the callers turn offsets into lines and columns and add what the editor should do.
"""
from __future__ import annotations

import re
from html import unescape
from typing import Iterator
from urllib.parse import urlsplit

Finding = tuple[int, str, str]    # offset, element kind (see KINDS), url

REMOTE_SCHEMES = {"http", "https", "ftp", "ws", "wss"}
TAG = re.compile(r"""<([a-zA-Z][a-zA-Z0-9:-]*)((?:\s(?:[^>"']|"[^"]*"|'[^']*')*)?)/?>""")
ATTR = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
STYLE_BLOCK = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.S | re.I)
CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')""", re.I)
REFRESH_URL = re.compile(r"url\s*=\s*['\"]?([^'\"\s;]+)", re.I)
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
COMMENT = re.compile(r"<!--.*?-->", re.S)
FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*\n", re.S)
MD_IMAGE = re.compile(r"!\[(?:[^\]\\]|\\.)*\]\(\s*(<[^>\n]*>|[^\s)]+)(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)")
MD_IMAGE_REF = re.compile(r"!\[((?:[^\]\\]|\\.)*)\](?:\[([^\]]*)\])?")
MD_REF_DEF = re.compile(r"^ {0,3}\[([^\]]+)\]:\s*(<[^>\n]*>|\S+)", re.M)

# which attributes load what, per element; `*` is any element
LOADING = {
    "img": ("src", "srcset", "data-src"), "source": ("src", "srcset"), "script": ("src",),
    "iframe": ("src",), "frame": ("src",), "video": ("src", "poster"), "audio": ("src",),
    "track": ("src",), "object": ("data",), "embed": ("src",), "input": ("src",),
    "image": ("href", "xlink:href"), "use": ("href", "xlink:href"), "feimage": ("href", "xlink:href"),
    "link": ("href",), "*": ("background",),
}
NOT_LOADING_RELS = {"canonical", "alternate", "author", "bookmark", "external", "help", "license", "me",
                    "next", "prev", "nofollow", "noopener", "noreferrer", "opener", "search", "tag"}
KINDS = {"img": "图片", "source": "图片", "input": "图片", "image": "图形", "use": "图形", "feimage": "图形",
         "video": "视频", "audio": "音频", "track": "字幕", "script": "脚本程序", "iframe": "嵌入网页",
         "frame": "嵌入网页", "object": "插件内容", "embed": "插件内容", "link": "样式表或图标",
         "style": "样式里的图片或字体", "meta": "自动跳转", "markdown": "图片", "*": "背景图片"}
UNSAFE_TAGS = {"script": "脚本程序", "iframe": "嵌入网页", "object": "插件内容", "embed": "插件内容"}
URL_ATTRS = ("href", "src", "action", "formaction", "data", "xlink:href")


def remote_host(url: str, own: str = "") -> str:
    """The host an address loads from when it is another site's; '' for a path of this site,
    `data:` and anchors. `own` is this site's host, allowed in the finished pages."""
    url = url.strip().strip("<>")
    if url.startswith(("//", "\\\\", "/\\", "\\/")):
        host = urlsplit("http:" + url.replace("\\", "/")).hostname or "?"
        return "" if host == own else host
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme.lower() not in REMOTE_SCHEMES:
        return ""
    host = parts.hostname or "?"
    return "" if host == own else host


def masked(text: str, front_matter: bool = False) -> str:
    """The text with code (fenced blocks, code spans), HTML comments and, when asked, front
    matter blanked out: same length and line breaks, so offsets still point into the file."""
    def blank(m: re.Match) -> str:
        return re.sub(r"[^\n]", " ", m.group())
    if front_matter:
        text = FRONT_MATTER.sub(blank, text)
    lines = text.split("\n")
    fence = ""
    for i, line in enumerate(lines):
        m = FENCE.match(line)
        if fence:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and not line[m.end():].strip():
                fence = ""
            lines[i] = " " * len(line)
        elif m:
            fence = m.group(1)
            lines[i] = " " * len(line)
    text = "\n".join(lines)
    text = COMMENT.sub(blank, text)
    return CODE_SPAN.sub(blank, text)


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of an offset."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def markdown_images(text: str) -> list[tuple[int, str]]:
    """(offset, address) of every Markdown image: inline `![a](x.jpg)` and by reference
    `![a][ref]` with `[ref]: x.jpg`. `text` should be masked() first."""
    found = [(m.start(1), m.group(1).strip("<>")) for m in MD_IMAGE.finditer(text)]
    defs = {m.group(1).strip().lower(): (m.start(2), m.group(2).strip("<>")) for m in MD_REF_DEF.finditer(text)}
    inline = {offset for offset, _ in found}
    for m in MD_IMAGE_REF.finditer(text):
        if text.startswith("(", m.end()) or any(m.start() < o < m.end() + 2 for o in inline):
            continue
        ref = (m.group(2) or m.group(1)).strip().lower()
        if ref in defs:
            found.append(defs[ref])
    return sorted(set(found))


def _attrs(raw: str) -> Iterator[tuple[int, str, str]]:
    for m in ATTR.finditer(raw):
        value = next((v for v in m.group(2, 3, 4) if v is not None), "")
        start = next((m.start(i) for i in (2, 3, 4) if m.group(i) is not None), m.start())
        yield start, m.group(1).lower(), value


def srcset_urls(value: str) -> list[tuple[int, str]]:
    return [(m.start(1), m.group(1).rstrip(",")) for m in re.finditer(r"(?:^|,)\s*([^\s,][^\s]*)(?:\s+[^,]*)?", value)]


def css_urls(css: str) -> list[tuple[int, str]]:
    """(offset, address) of every url(...) and @import in a style sheet or style attribute."""
    out = []
    for m in CSS_URL.finditer(css):
        i = next(i for i in range(1, 6) if m.group(i) is not None)
        out.append((m.start(i), m.group(i)))
    return out


def _element(m: re.Match, own: str) -> list[Finding]:
    """The first address from another host one element loads, if any."""
    tag, base = m.group(1).lower(), m.start(2)
    attrs = list(_attrs(m.group(2)))
    named = {name: value for _, name, value in attrs}
    loads = LOADING.get(tag, ()) + LOADING["*"]
    if (tag == "link" and not (set(named.get("rel", "").lower().split()) - NOT_LOADING_RELS)) or \
            (tag == "input" and named.get("type", "").lower() != "image"):
        loads = LOADING["*"]
    kind = tag if tag in LOADING else "*"
    found: list[Finding] = []
    for start, name, value in attrs:
        if name in loads:
            urls = srcset_urls(value) if name.endswith("srcset") else [(0, value)]
            found += [(base + start + o, kind, unescape(u)) for o, u in urls if remote_host(unescape(u), own)]
        elif name == "style":
            found += [(base + start + o, "style", unescape(u)) for o, u in css_urls(value)
                      if remote_host(unescape(u), own)]
    if tag == "meta" and named.get("http-equiv", "").lower() == "refresh":
        target = REFRESH_URL.search(unescape(named.get("content", "")))
        if target and remote_host(target.group(1), own):
            found.append((m.start(), "meta", target.group(1)))
    return found[:1]


# an address from another host has one of these (or hides it in an entity): a page has few,
# so only their elements are parsed; `https:host` without slashes is left to the CSP
CANDIDATE = re.compile(r"[/\\&](?:/|\\|#|colon;|sol;)")
MAY_LOAD = re.compile(r"style|background", re.I)
# the same words, one pattern per first character: a pattern that starts with a character (not a
# class of them) is searched for that character first, which made the page check three times faster
BY_FIRST = tuple(re.compile(re.escape(c) + r"(?:/|\\|#|colon;|sol;)") for c in "/\\&")


# inline SVG's namespace, half the candidates of a page: an attribute that loads nothing, and any
# address in the same element that does load has its own candidate
SVG_NS = 'xmlns="http://www.w3.org/2000/svg"'
SVG_NS_AT = SVG_NS.index("//")


def candidates(html: str) -> list[int]:
    """The starts of CANDIDATE's matches, and of any others that overlap them (each of those lies in
    the same element as the match it overlaps, having no "<" or ">" inside: nothing changes), but
    those of SVG_NS."""
    return sorted({at for pattern in BY_FIRST for at in (m.start() for m in pattern.finditer(html))
                   if not html.startswith(SVG_NS, at - SVG_NS_AT)})


def html_loads(html: str, own: str = "") -> list[Finding]:
    """Every element in HTML that makes the browser load something from another host (its first
    such address), and every url(...) or @import from elsewhere in a <style> block."""
    out: list[Finding] = []
    seen: set[int] = set()
    for at in candidates(html):
        m, start = None, at
        for _ in range(4):     # the element's "<", past a few "<" inside attribute values
            start = html.rfind("<", 0, start)
            m = TAG.match(html, start) if start >= 0 else None
            if m is not None or start < 0:
                break
        if m is None or m.end() <= at or start in seen:
            continue      # text, or a script's or style's content
        seen.add(start)
        tag = m.group(1).lower()
        if tag in LOADING or tag == "meta" or MAY_LOAD.search(m.group(2)):
            out += _element(m, own)
    for m in STYLE_BLOCK.finditer(html):
        out += [(m.start(1) + o, "style", u) for o, u in css_urls(m.group(1)) if remote_host(u, own)]
    return sorted(out)


def unsafe_html(text: str) -> list[tuple[int, str, str]]:
    """(offset, what, found) of what runs a program in the reader's browser: <script>, <iframe>,
    <object>, <embed>, on... attributes and javascript: addresses (HTML or Markdown links)."""
    out = []
    for m in TAG.finditer(text):
        tag = m.group(1).lower()
        if tag in UNSAFE_TAGS:
            out.append((m.start(), "tag", tag))
        for start, name, value in _attrs(m.group(2)):
            if name.startswith("on") and len(name) > 2:
                out.append((m.start(2) + start, "handler", name))
            elif name in URL_ATTRS and re.match(r"\s*(javascript|vbscript):", value, re.I):
                out.append((m.start(2) + start, "javascript", value.strip()[:40]))
    for m in re.finditer(r"\]\(\s*<?((?:javascript|vbscript):(?:[^()\s>]|\([^()]*\))*)", text, re.I):
        out.append((m.start(1), "javascript", m.group(1)[:40]))
    return sorted(out)

