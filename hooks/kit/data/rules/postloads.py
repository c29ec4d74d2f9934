"""The remote-load rule on the hand-written pages in docs/: news posts and other pages.

Every Markdown page: no image, video, script, frame, style sheet or redirect from another host
(Markdown images and raw HTML alike). News posts (docs/blog/posts/) also may not hold
<script>, <iframe>, <object>, <embed>, on... attributes or javascript: links, even local ones.
Style sheets under docs/ may not load from another host either. Code (fenced blocks, `code`),
HTML comments and front matter are not read: the editor's guide shows examples in code.
Runs in `make check` (hooks/check.py) and at the start of every build (kit/build.py).
"""
from __future__ import annotations

from pathlib import Path, PurePosixPath

from kit.data.rules import hosts, hostwords
from kit.data.errors import Report

POSTS = "blog/posts/"
FIELD = "正文"
IMAGE_KINDS = hostwords.IMAGE_KINDS


def page_problems(text: str, name: str, is_post: bool) -> list[tuple[int, int, str]]:
    """(line, col, message) for one Markdown page; `name` is its path from the project root."""
    masked = hosts.masked(text, front_matter=True)
    stem = PurePosixPath(name).stem
    folder = f"{PurePosixPath(name).parent.as_posix()}/images/"
    found: list[tuple[int, str, str]] = [(o, "markdown", u) for o, u in hosts.markdown_images(masked)
                                         if hosts.remote_host(u)]
    found += [f for f in hosts.html_loads(masked) if not (is_post and f[1] in hosts.UNSAFE_TAGS)]
    out = []
    images = 0
    for offset, kind, url in sorted(found):
        if kind in IMAGE_KINDS:
            images += 1
        example = f"![图片说明](images/{hostwords.image_name(url, stem, images)})"
        out.append((*hosts.position(text, offset), hostwords.advice(kind, url, hosts.remote_host(url), folder, example)))
    if is_post:
        for offset, what, value in hosts.unsafe_html(masked):
            out.append((*hosts.position(text, offset), hostwords.unsafe_advice(what, value)))
    return sorted(out)


def css_problems(css: str) -> list[tuple[int, int, str]]:
    return [(*hosts.position(css, o), hostwords.advice("style", u, hosts.remote_host(u), "", ""))
            for o, u in hosts.css_urls(css) if hosts.remote_host(u)]


def scan(docs_dir: Path, root: Path) -> Report:
    """Every page and style sheet under docs/, every problem."""
    report = Report()
    for path in sorted(docs_dir.rglob("*")):
        if path.suffix not in (".md", ".css") or not path.is_file():
            continue
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            continue     # not UTF-8: the news-post checks say so
        text = text.replace("\r\n", "\n")
        name = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
        rel = path.relative_to(docs_dir).as_posix()
        found = css_problems(text) if path.suffix == ".css" else page_problems(text, name, rel.startswith(POSTS))
        for line, col, message in found:
            report.add(name, line, col, FIELD if path.suffix == ".md" else "样式表", message)
    return report
