"""Latest news posts for the home page, read from the blog's posts."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import yaml
from mkdocs.structure.files import Files

FRONT = re.compile(r"^---\s*\n(.*?)\n---\s*\n", re.S)


@dataclass(frozen=True)
class Post:
    title: str
    date: dt.date
    url: str
    summary: str
    categories: tuple[str, ...] = ()


def _front(text: str) -> dict:
    m = FRONT.match(text)
    return (yaml.safe_load(m.group(1)) or {}) if m else {}


def latest(files: Files, config, limit: int) -> list[Post]:
    posts: list[Post] = []
    for f in files.documentation_pages():
        if not f.src_uri.startswith("blog/posts/"):
            continue
        meta = _front(f.content_string)
        if meta.get("draft"):
            continue
        date = meta.get("date")
        if isinstance(date, dict):
            date = date.get("created")
        if isinstance(date, dt.datetime):
            date = date.date()
        if not isinstance(date, dt.date):
            continue
        body = FRONT.sub("", f.content_string)
        paras = [p.strip() for p in body.split("\n\n") if p.strip() and not p.lstrip().startswith(("#", "<"))]
        categories = tuple(str(c) for c in meta.get("categories") or ())
        posts.append(Post(str(meta.get("title", "")), date, f.url, paras[0] if paras else "", categories))
    posts.sort(key=lambda p: (p.date, p.url), reverse=True)
    return posts[:limit]
