"""Links from news posts to entry pages: they must lead to a published entry.

A post may link to an entry page by its path (`../../events/ink-kids.md`, `/events/ink-kids/`)
or, shorter, by the entry's id alone: `[墨香少年](entry:ink-kids)`; the build turns the short form
into the page's path (`resolve`). A link to an entry that is a draft, scheduled, an example in a
production build, withdrawn or renamed would be a dead link on the public site: `check` stops it.
"""
from __future__ import annotations

import posixpath
import re
from typing import Iterator

from kit.data import kinds
from kit.data.errors import Report

SHORT = "entry:"
# [text](target "title") and reference definitions [label]: target
INLINE = re.compile(r"\]\(\s*<?([^)\s>]+)>?[^)]*\)")
REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
# a link to an entry page of any kind with pages (kit/data/kinds/)
ENTRY = re.compile(rf"^({'|'.join(k.url for k in kinds.page_kinds())})/([a-z0-9-]+)(?:\.md|/|/index\.md|/index\.html)?$")
FENCE = re.compile(r"^\s*(```|~~~)")


def links(lines: list[str]) -> Iterator[tuple[int, int, str]]:
    """(line, column, target) of every link outside fenced code."""
    fenced = False
    for n, line in enumerate(lines, start=1):
        if FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        for m in INLINE.finditer(line):
            yield n, m.start(1) + 1, m.group(1)
        m = REFERENCE.match(line)
        if m:
            yield n, m.start(1) + 1, m.group(1)


def entry_of(src_uri: str, target: str) -> tuple[str, str] | None:
    """(folder, id) when target leads to an entry page, else None."""
    if target.startswith(SHORT):
        return "", target[len(SHORT):].split("#")[0]
    if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("//"):
        return None       # another site, mailto:, tel:
    path = target.split("#")[0].split("?")[0]
    if not path:
        return None
    if path.startswith("/"):
        path = path.lstrip("/")
    else:
        path = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), path))
    m = ENTRY.match(path)
    return (m.group(1), m.group(2)) if m and m.group(2) != "index" else None


def problem(folder: str, key: str, pages: dict[str, str], held: dict[str, str],
            renamed: dict[str, str]) -> str:
    """Empty when the link leads to a published entry, else the message for the editor."""
    if key in pages and (not folder or pages[key] == f"{folder}/{key}"):
        return ""
    if key in renamed:
        new = renamed[key].split("/")[-1]
        return (f"条目“{key}”已改编号为“{new}”。旧网址会自动跳转，但文章里请直接链接新编号，"
                f"例如：[名称](entry:{new})")
    reason = held.get(f"{folder}/{key}") or next((r for k, r in held.items() if k.endswith(f"/{key}")), "")
    if reason:
        return (f"链接到的条目“{key}”未发布：{reason}。网站上这会是一个打不开的链接，"
                f"请等它发布后再链接，或先删除这个链接。")
    if key in pages:
        return f"条目“{key}”的网址是 {pages[key]}/，不在 {folder}/ 下。更简单的写法：[名称](entry:{key})"
    return (f"找不到编号为“{key}”的条目，网站上会是一个打不开的链接。请检查编号拼写；"
            f"链接条目页面的写法：[名称](entry:条目编号)，例如 [名称](entry:{min(pages, default='2023-zhang-san')})")


def check_links(news, data, report: Report) -> None:
    """Every link to an entry in every post that is not a draft (posts.Posts, dataset.Dataset)."""
    pages, renamed = data.pages(), data.renamed
    for post in news.posts:
        if post.meta is None or post.meta.draft:
            continue
        for line, col, target in links(post.lines):
            found = entry_of(post.src_uri, target)
            if found is None:
                continue
            message = problem(*found, pages, data.held, renamed)
            if message:
                report.add(post.name, line, col, "链接", message)


def resolve(markdown: str, src_uri: str, pages: dict[str, str]) -> str:
    """The short form (entry:<id>) into the relative path MkDocs resolves and checks."""
    if SHORT not in markdown:
        return markdown
    base = posixpath.dirname(src_uri)

    def path(m: re.Match) -> str:
        key, _, anchor = m.group(2).partition("#")
        page = pages.get(key)
        if page is None:
            return m.group(0)          # check_links has reported it; MkDocs warns in --strict
        rel = posixpath.relpath(f"{page}.md", base or ".")
        return f"{m.group(1)}{rel}{'#' + anchor if anchor else ''}"
    return re.sub(r"(\]\(\s*<?|^\s{0,3}\[[^\]]+\]:\s*<?)" + SHORT + r"([a-z0-9-]+(?:#[^\s)>]*)?)", path,
                  markdown, flags=re.M)
