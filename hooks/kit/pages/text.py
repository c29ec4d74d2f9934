"""Jinja filters: how data values read in Chinese on the page."""
from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass

import markdown
from markupsafe import Markup

from kit.data.rules.mdphotos import local

CJK = "\u2e80-\u9fff\u3000-\u303f\uff00-\uffef"
CJK_BREAK = re.compile(rf"(?<=[{CJK}])\n(?=[{CJK}])")
UNSAFE_SCHEME = re.compile(r"^\s*(javascript|vbscript|data):", re.I)

STATUS = {"upcoming": "即将举办", "ongoing": "进行中", "past": "已结束"}


def _sanitise_links(md: markdown.Markdown) -> None:
    class DropUnsafe(markdown.treeprocessors.Treeprocessor):
        def run(self, root):
            for el in root.iter():
                for attr in ("href", "src"):
                    if UNSAFE_SCHEME.match(el.get(attr, "")):
                        el.set(attr, "#")
    md.treeprocessors.register(DropUnsafe(md), "drop_unsafe", 0)


PHOTO_MARK = re.compile(r'<wm-photo alt="([^"]*)" src="([^"]*)"></wm-photo>')   # Markdown sorts attributes


@dataclass(frozen=True)
class StoryPhoto:
    """A photo shown inside a Markdown field; the `markdown` macro renders it like any photo."""
    src: str
    alt: str


def _mark_photos(md: markdown.Markdown) -> None:
    """An image of data/photos/ becomes a mark that md_parts() hands to the template: the same
    text gives the same HTML on every page (it is cached by text), the page makes the links."""
    class MarkPhotos(markdown.treeprocessors.Treeprocessor):
        def run(self, root):
            for el in root.iter("img"):
                src = local(el.get("src", ""))
                if src.startswith("photos/"):
                    alt = el.get("alt", "")
                    el.attrib.clear()
                    el.tag = "wm-photo"
                    el.set("src", src)
                    el.set("alt", alt)
    md.treeprocessors.register(MarkPhotos(md), "mark_photos", 1)


def md_parts(value: str) -> list:
    """The HTML of a Markdown field split at its photos: Markup, StoryPhoto, Markup, ..."""
    parts: list = []
    pos = 0
    for m in PHOTO_MARK.finditer(str(value)):
        parts += [Markup(str(value)[pos:m.start()]), StoryPhoto(html.unescape(m.group(2)), html.unescape(m.group(1)))]
        pos = m.end()
    return parts + [Markup(str(value)[pos:])]


def md_engine() -> markdown.Markdown:
    engine = markdown.Markdown(extensions=["sane_lists"])
    engine.preprocessors.deregister("html_block")
    engine.inlinePatterns.deregister("html")
    engine.inlinePatterns.deregister("entity")
    _sanitise_links(engine)
    _mark_photos(engine)
    return engine


# a line of plain prose: no ASCII punctuation (every Markdown marker, escape, entity and tag
# needs one), no control characters, no Unicode line separators
PROSE_LINE = re.compile(r"[^\x00-\x1f\x7f-\x9f\u2028\u2029!-/:-@\[-`{-~]+")


def prose_html(text: str) -> str | None:
    """What Python-Markdown makes of plain prose, without running it: paragraphs split by one
    blank line, each a <p> keeping its line breaks, when every line is plain prose without
    spaces at its ends; anything else is None (Markdown converts it). Most stories are like this;
    tests/pages/test_prose.py compares the two on generated data and random texts."""
    paragraphs = text.split("\n\n")
    for p in paragraphs:
        for line in p.split("\n"):
            if line != line.strip() or not PROSE_LINE.fullmatch(line):
                return None
    return "\n".join(f"<p>{p}</p>" for p in paragraphs)


def md(text: str, engine: markdown.Markdown | None = None) -> Markup:
    """Markdown for story fields: formatting yes, raw HTML never (it shows as text).

    A build passes one engine for all fields (hooks/speed.py): setting one up costs more than
    converting a story."""
    text = CJK_BREAK.sub("", text or "")
    prose = prose_html(text)
    if prose is not None:
        return Markup(prose)
    engine = engine.reset() if engine is not None else md_engine()
    return Markup(engine.convert(text))


def date_cn(value: dt.date | None) -> str:
    if value is None:
        return ""
    return f"{value.year}年{value.month}月{value.day}日"


def status_cn(value: str) -> str:
    return STATUS.get(value, value)
