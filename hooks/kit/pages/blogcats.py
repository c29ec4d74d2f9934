"""工作动态 categories: a fixed list with ASCII URL names, set in mkdocs.yml.

Chinese category names would give percent-encoded URLs (/blog/category/%E8%8A%82.../)
that are long on a poster and change whenever a name is reworded. mkdocs.yml's
`extra.news_categories` maps each allowed name to a short, stable URL name; a post
with any other category stops `make check` and the build (kit/data/files/posts.py) before the blog
plugin's own `categories_allowed` would stop at the first.
"""
from __future__ import annotations

from typing import Callable

from mkdocs.config.defaults import MkDocsConfig

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
