"""The 审核单's content: two built sites compared as readers see them, and the sheet as one HTML file.

Pages are the built `…/index.html` files (not /admin/, search, 404 or redirects). A page's text is
its main content (`.md-content`) block by block, without the read-aloud buttons,
the QR code, the 最近更新 line and scripts, so a page counts as changed only when what a reader
reads changed. Entry pages, news posts and hand-written pages are listed one by one with old → new;
pages made from them (home, lists, their pages, blog index/archive/categories, 公示公告 board,
sitemap, open data) are counted, not listed, since every change shows there again.
"""
from __future__ import annotations

import base64
import difflib
import html
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html
from lxml import etree

SKIP = re.compile(r"^(?:admin|search|assets|downloads|feed|calendar|photos)/")
DERIVED_KINDS = {"home", "list", "notices"}
DERIVED_URLS = re.compile(r"^(?:blog/(?:archive|category|page)/.*|blog/|sitemap/|opendata/|.*/page/\d+/)$")
JUNK_CLASSES = ("wm-readaloud", "wm-qr", "wm-updated", "wm-print", "wm-back", "md-source-file", "headerlink")
JUNK_TAGS = ("script", "style", "svg", "form", "nav")
BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "td", "th", "figcaption", "caption",
          "blockquote", "pre", "div", "section", "aside", "figure", "tr", "header", "footer", "table", "ul", "ol",
          "dl", "article"}
THUMB = 240
REFRESH = re.compile(r'<meta[^>]+http-equiv="refresh"', re.I)
TITLE = re.compile(r"<title>(.*?)</title>", re.S)


@dataclass
class Page:
    url: str
    title: str
    lines: list[str]
    images: list[str]       # site-relative paths of the photos in its main content
    derived: bool


@dataclass
class Change:
    kind: str               # 新增 / 修改 / 撤下
    url: str
    title: str
    old: list[str] = field(default_factory=list)
    new: list[str] = field(default_factory=list)
    photos: list[str] = field(default_factory=list)   # site-relative paths of new photos


def _text(el) -> str:
    return " ".join(t.strip() for t in el.itertext() if t.strip()).replace("\u200b", "").strip()


def _has_class(cls: str) -> str:
    return f'.//*[contains(concat(" ", normalize-space(@class), " "), " {cls} ")]'


def read_page(site: Path, path: Path) -> Page | None:
    rel = path.relative_to(site).as_posix()
    url = rel.removesuffix("index.html")
    if SKIP.match(url) or rel == "404.html":
        return None
    text = path.read_text("utf-8", errors="replace")
    if REFRESH.search(text[:4000]):
        return None                      # an old address that redirects to an entry's new one
    # only the content is parsed (menus and footer are most of a page), with lxml: fast at 3,000 pages
    start, end = text.find('<div class="md-content'), text.rfind("</main>")
    if not 0 <= start < end:
        return None
    main = lxml.html.fragment_fromstring(text[start:end], create_parent="div")
    kind = main.xpath(".//*[@data-wm-page]/@data-wm-page")
    derived = bool((kind and kind[0] in DERIVED_KINDS) or DERIVED_URLS.match(url) or url == ""
                   or main.xpath(_has_class("md-post--excerpt")))
    images = []
    for src in main.xpath(".//img/@src"):
        if "://" in src or src.startswith("data:"):
            continue
        target = (path.parent / src.split("?")[0]).resolve()
        try:
            images.append(target.relative_to(site.resolve()).as_posix())
        except ValueError:
            continue
    etree.strip_elements(main, etree.Comment, with_tail=False)
    for el in main.xpath(" | ".join([_has_class(c) for c in JUNK_CLASSES] + [f".//{t}" for t in JUNK_TAGS])):
        if el.getparent() is not None:
            el.drop_tree()               # keeps the text after it
    blocks = [el for el in main.iter() if isinstance(el.tag, str) and el.tag in BLOCKS]
    outer = {id(a) for el in blocks for a in el.iterancestors()}
    lines = [t for el in blocks if id(el) not in outer and (t := _text(el))]
    h1 = main.xpath(".//h1")
    head = TITLE.search(text)
    title = _text(h1[0]) if h1 else html.unescape(head.group(1)).strip() if head else url
    return Page(url, title, lines, images, derived)


def read_site(site: Path | None) -> dict[str, Page]:
    if site is None or not site.is_dir():
        return {}
    pages = (read_page(site, p) for p in sorted(site.rglob("index.html")))
    return {p.url: p for p in pages if p is not None}


def _same_file(a: Path, b: Path) -> bool:
    return a.is_file() and b.is_file() and a.read_bytes() == b.read_bytes()


def compare(old_site: Path | None, new_site: Path) -> tuple[list[Change], list[str]]:
    """The content pages added, changed or withdrawn, and the URLs of derived pages that changed."""
    old, new = read_site(old_site), read_site(new_site)
    changes: list[Change] = []
    derived: list[str] = []
    for url in sorted(set(old) | set(new)):
        a, b = old.get(url), new.get(url)
        if a and b and a.lines == b.lines and a.images == b.images:
            continue
        if (b or a).derived:
            derived.append(url)
            continue
        kind = "新增" if a is None else "撤下" if b is None else "修改"
        photos = [p for p in (b.images if b else []) if not (old_site and _same_file(old_site / p, new_site / p))]
        changes.append(Change(kind, url, (b or a).title, a.lines if a else [], b.lines if b else [],
                              list(dict.fromkeys(photos))))
    order = {"修改": 0, "新增": 1, "撤下": 2}
    return sorted(changes, key=lambda c: (order[c.kind], c.url)), derived


def thumbnail(path: Path) -> str:
    """A small JPEG as a data: URI, so the sheet loads nothing; "" for what is not a photo (SVG)."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as im:
            im = im.convert("RGB")
            im.thumbnail((THUMB, THUMB))
            out = io.BytesIO()
            im.save(out, "JPEG", quality=70)
    except (OSError, UnidentifiedImageError, ValueError):
        return ""
    return "data:image/jpeg;base64," + base64.b64encode(out.getvalue()).decode()


def _marked(a: str, b: str) -> tuple[str, str]:
    """Two versions of a line with the changed characters in <del> and <ins>."""
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    old, new = [], []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        x, y = html.escape(a[i1:i2]), html.escape(b[j1:j2])
        if op == "equal":
            old.append(x)
            new.append(y)
        else:
            if x:
                old.append(f"<del>{x}</del>")
            if y:
                new.append(f"<ins>{y}</ins>")
    return "".join(old), "".join(new)


def diff_rows(old: list[str], new: list[str]) -> list[tuple[str, str]]:
    """(old, new) HTML of every changed line: a replaced line marked inside, an added or removed one whole."""
    rows: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        a, b = old[i1:i2], new[j1:j2]
        for n in range(max(len(a), len(b))):
            x, y = (a[n] if n < len(a) else None), (b[n] if n < len(b) else None)
            if x is not None and y is not None:
                rows.append(_marked(x, y))
            else:
                rows.append((f"<del>{html.escape(x)}</del>" if x else "", f"<ins>{html.escape(y)}</ins>" if y else ""))
    return rows
