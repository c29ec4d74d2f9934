"""工作动态 posts (docs/blog/posts/*.md) checked like data files, without MkDocs.

The same strict reading as data/ (encoding, tabs, full-width colons, duplicate keys) for the
front matter, one typed model for its fields, the blog's own lists (authors in
docs/blog/.authors.yml, categories in mkdocs.yml's extra.news_categories), the privacy scan on
every line, and the publication rule: a post dated after today is withheld like a data entry
with a future `publish` date. `make check`, the pre-commit hook and the build all call `check`.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Optional

import yaml
from pydantic import AfterValidator, BeforeValidator

from kit.data.rules import privacy
from kit.data.errors import Report
from kit.data.model.fields import Bool, Strict, Text
from kit.data.files.loader import validate
from kit.data.files.yamlread import Doc, check_text, decode, dotted, load_file, parse, unprintable

POSTS_DIR = "docs/blog/posts"
AUTHORS_FILE = "docs/blog/.authors.yml"
POST_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
POST_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
IMAGE = re.compile(r"!\[([^\]]*)\]\(")
# `make import` of a Word file writes its sha256 as `source:` (PostMeta.source): 64 hex digits, where
# eleven digits in a row look like a mobile number about once in forty imports. Not the editor's text.
SOURCE_DIGEST = re.compile(r"""^source:\s*(["']?)sha256:[0-9a-f]{64}\1\s*$""")
# alt texts that say nothing of the picture (a screen reader reads them to a blind visitor)
GENERIC_ALT = re.compile(r"^\s*(?:稿件配图|配图|图片|图|照片|插图|image|picture|img|photo)?\s*[0-9０-９]*\s*$"
                         r"|^[\w-]+\.(?:jpe?g|png|gif|webp)$", re.I)


def post_date(value: object) -> dt.date:
    text = str(value).strip()
    m = POST_DATE.match(text)
    if not m:
        raise ValueError(f"“{text}”不是文章可用的日期。文章日期只能写成 2023-07-01（月、日都写两位数）")
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise ValueError(f"“{text}”不是真实存在的日期。文章日期写成 2023-07-01") from None


def post_slug(value: str) -> str:
    if not POST_SLUG.match(value):
        raise ValueError(f"“{value}”不能用作网址。slug 决定文章的网址，只能用小写英文字母、数字和连字符“-”，"
                         f"例如 slug: spring-festival-2025")
    return value


def one_or_list(value: object) -> object:
    return [value] if isinstance(value, str) else value


class PostMeta(Strict):
    date: Annotated[dt.date, BeforeValidator(post_date)]
    slug: Annotated[str, AfterValidator(post_slug)]
    title: Optional[Text] = None
    authors: Annotated[list[str], BeforeValidator(one_or_list)] = []
    categories: Annotated[list[str], BeforeValidator(one_or_list)] = []
    draft: Bool = False
    description: str = ""
    pin: Bool = False
    readtime: Optional[int] = None
    tags: list[str] = []
    links: list = []
    hide: list[str] = []
    search: dict = {}
    source: str = ""          # `make import` of a Word file: sha256 of the file, so it is not imported twice


@dataclass
class Post:
    name: str            # docs/blog/posts/x.md
    src_uri: str         # blog/posts/x.md (what MkDocs calls it)
    lines: list[str]
    meta: Optional[PostMeta]
    doc: Optional[Doc]


@dataclass
class Posts:
    posts: list[Post] = field(default_factory=list)
    withheld: dict[str, str] = field(default_factory=dict)   # src_uri -> the 提示 line
    notes: list[str] = field(default_factory=list)           # 提示 lines that do not stop anything

    def public(self) -> list[Post]:
        return [p for p in self.posts if p.meta and not p.meta.draft and p.src_uri not in self.withheld]


def _texts(value: object) -> list[str]:
    return [value] if isinstance(value, str) else [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def front_matter(text: str) -> tuple[str, int] | None:
    """The front matter as YAML whose line numbers are the file's (line 1 is the opening ---),
    and the number of its last line; None without one."""
    lines = text.splitlines()
    if not lines or lines[0].rstrip() != "---":
        return None
    for n, line in enumerate(lines[1:], start=2):
        if line.rstrip() in ("---", "..."):
            return "\n".join([""] + lines[1: n - 1]), n
    return None


def news_categories(root: Path) -> list[str] | None:
    """extra.news_categories of mkdocs.yml, read without running its !!python tags."""
    path = root / "mkdocs.yml"
    if not path.is_file():
        return None
    node = yaml.compose(path.read_text("utf-8-sig"), Loader=yaml.SafeLoader)
    for key, value in getattr(node, "value", []):
        if key.value == "extra" and isinstance(value, yaml.MappingNode):
            for k, v in value.value:
                if k.value == "news_categories" and isinstance(v, yaml.MappingNode):
                    return [str(c.value) for c, _ in v.value]
    return None


def authors(root: Path, report: Report) -> set[str] | None:
    path = root / AUTHORS_FILE
    if not path.is_file():
        return None
    doc = load_file(path.read_bytes(), AUTHORS_FILE, report)
    data = doc.data if doc else None
    known = data.get("authors") if isinstance(data, dict) else None
    return set(known) if isinstance(known, dict) else None


def read(path: Path, root: Path, report: Report) -> Post:
    name = path.relative_to(root).as_posix()
    post = Post(name, name.removeprefix("docs/"), [], None, None)
    text = decode(path.read_bytes(), name, report)
    if text is None:
        return post
    post.lines = text.splitlines()
    found = front_matter(text)
    if found is None:
        report.add(name, 1, 1, "", "文章开头缺少前置信息。第一行写“---”，接着写 date、slug、title、authors、categories，"
                   "再写一行“---”。示例见编辑指南（网站的 /guide/ 页面）里的“发布一篇工作动态”。")
        return post
    fm, _ = found
    if not unprintable(fm, name, report) or not check_text(fm, name, report):
        return post
    post.doc = parse(fm, name, report)
    if post.doc is not None:
        post.meta = validate(PostMeta, post.doc, name, report)
    return post


def generic_alts(post: Post) -> list[str]:
    """A 提示 line for each picture whose alt text (![…]) says nothing of what it shows."""
    return [f"{post.name}:{n}:{m.start() + 1}: 提示: 图片说明“{m.group(1)}”太笼统：读屏软件读给盲人听的就是它。"
            f"请在 ![ ] 的方括号里写出图片的内容，例如 ![志愿者在广场为群众写春联](…)"
            for n, line in enumerate(post.lines, start=1) for m in IMAGE.finditer(line) if GENERIC_ALT.match(m.group(1))]


def check(root: Path, today: dt.date, report: Report, allowed: frozenset[str] = frozenset()) -> Posts:
    """Every post under docs/blog/posts/, every problem in `report`; drafts are checked too."""
    out = Posts()
    folder = root / POSTS_DIR
    if not folder.is_dir():
        return out
    names, cats = authors(root, report), news_categories(root)
    slugs: dict[str, str] = {}
    for path in sorted(folder.rglob("*.md")):
        post = read(path, root, report)
        out.posts.append(post)
        privacy.scan_lines(post.name, ["" if SOURCE_DIGEST.match(line) else line for line in post.lines], report, allowed)
        out.notes += generic_alts(post)
        raw: Any = post.doc.data if post.doc else None
        if not isinstance(raw, dict):
            continue

        def add(key: tuple, message: str) -> None:
            report.add(post.name, *post.doc.where(key), dotted(key), message)

        for i, who in enumerate(_texts(raw.get("authors"))):
            if names is not None and who not in names:
                add(("authors", i), f"找不到作者“{who}”。作者要先写在 {AUTHORS_FILE} 里，可用的有："
                                    f"{'、'.join(sorted(names))}。示例：authors: [{min(names, default='wenmingban')}]")
        for i, cat in enumerate(_texts(raw.get("categories"))):
            if cats is not None and cat not in cats:
                add(("categories", i), f"“{cat}”不是可用的分类。应为以下之一：{'、'.join(cats)}。"
                                       f"要新增分类，请在 mkdocs.yml 的 news_categories 里加一行。")
        meta = post.meta
        if meta is None:
            continue
        if meta.title is None and not any(line.startswith("# ") for line in post.lines):
            add(("slug",), "文章没有标题。请在前置信息里写 title: 标题，或在正文第一行写“# 标题”。")
        if meta.draft:
            continue
        if meta.slug in slugs:
            add(("slug",), f"“{meta.slug}”已被 {slugs[meta.slug]} 使用，两篇文章不能共用一个网址。请换一个 slug。")
        slugs.setdefault(meta.slug, post.name)
        if meta.date > today:
            line, col = post.doc.where(("date",))
            out.withheld[post.src_uri] = (f"{post.name}:{line}:{col}: 提示: date: 文章“{meta.slug}”未发布：定时发布，"
                                          f"{meta.date.isoformat()} 起公开")
    return out
