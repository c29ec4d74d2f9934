"""工作动态 categories: a fixed list with ASCII URL names, set in mkdocs.yml.

Chinese category names would give percent-encoded URLs (/blog/category/%E8%8A%82.../)
that are long on a poster and change whenever a name is reworded. mkdocs.yml's
`extra.news_categories` maps each allowed name to a short, stable URL name; a post
with any other category stops the build (the blog plugin's `categories_allowed`).
"""
from __future__ import annotations

import re
from typing import Callable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.utils.meta import get_data

BLOG = "material/blog"


def slugger(names: dict[str, str], fallback: Callable[..., str]) -> Callable[[str, str], str]:
    def slugify(name: str, separator: str = "-") -> str:
        return names.get(name) or fallback(name, separator)
    return slugify


def configure(config: MkDocsConfig) -> None:
    names = {str(k): str(v) for k, v in (config.extra.get("news_categories") or {}).items()}
    plugin = config.plugins.get(BLOG)
    if plugin is None or not names:
        return
    plugin.config.categories_allowed = list(names)
    plugin.config.categories_slugify = slugger(names, plugin.config.categories_slugify)


SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def _line(text: str, needle: str) -> int:
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return number
    return 1


def problems(files: Files, config: MkDocsConfig) -> list[str]:
    """Every post's slug and categories, checked before the blog plugin stops at the first."""
    names = [str(k) for k in (config.extra.get("news_categories") or {})]
    out: list[str] = []
    seen: dict[str, str] = {}
    for f in sorted(files.documentation_pages(), key=lambda f: f.src_uri):
        if not f.src_uri.startswith("blog/posts/"):
            continue
        where = f"docs/{f.src_uri}"
        text = f.content_string
        _, meta = get_data(text)
        if meta.get("draft") is True:
            continue
        slug = meta.get("slug")
        if not isinstance(slug, str) or not SLUG.match(slug):
            rule = "slug 决定文章的网址，只能用小写英文字母、数字和连字符“-”，例如 slug: tea-festival-2023"
            if slug:
                out.append(f"{where}:{_line(text, 'slug:')}: 错误: slug: “{slug}”不能用作网址。{rule}")
            else:
                out.append(f"{where}:1: 错误: slug: 缺少 slug，每篇文章都要写。{rule}")
        elif slug in seen:
            out.append(f"{where}:{_line(text, 'slug:')}: 错误: slug: “{slug}”已被 {seen[slug]} 使用，两篇文章不能共用一个网址。")
        else:
            seen[slug] = where
        categories = meta.get("categories") or []
        for name in categories if names and isinstance(categories, list) else []:
            if str(name) not in names:
                out.append(f"{where}:{_line(text, str(name))}: 错误: categories: “{name}”不是可用的分类。"
                           f"应为以下之一：{'、'.join(names)}。要新增分类，请在 mkdocs.yml 的 news_categories 里加一行。")
    return out
