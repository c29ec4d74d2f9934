"""The 网站地图 page (sitemap/): every public page, grouped by section.

Built in on_files, after the blog plugin has given posts their URLs, so it sees
the same set of pages the build publishes (unpublished entries have no page).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from mkdocs.structure.files import Files
from mkdocs.utils.meta import get_data

from kit.data import kinds
from kit.pages import guide, listing
from kit.pages.news import Post
from kit.pages.plan import PageSpec
from kit.pages.render import page_url

SRC = "sitemap/index.md"


def parents() -> dict[str, str]:
    """Folders listed under another section's heading (the registry's `parent`)."""
    out = {k.url: k.parent for k in kinds.page_kinds() if k.parent}
    out.update({s.src.split("/", 1)[0]: s.parent for _, s in kinds.sections() if s.parent})
    return out


@dataclass
class Group:
    title: str
    url: str
    links: list[tuple[str, str]] = field(default_factory=list)


def _title(content: str, fallback: str) -> str:
    body, meta = get_data(content)
    if meta.get("title"):
        return str(meta["title"])
    for line in body.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return fallback


def groups(specs: list[PageSpec], posts: list[Post], files: Files) -> list[Group]:
    home = Group("首页", "")
    parent = parents()
    entry_kinds = {k.page for k in kinds.page_kinds()}
    out: dict[str, Group] = {}
    for spec in specs:
        folder = spec.src_uri.split("/", 1)[0]
        if spec.src_uri == f"{folder}/index.md" and spec.in_nav and folder not in parent:
            out[folder] = Group(spec.title, f"{folder}/")
    others = Group("其他", "")
    # a folder with more entries than a list page holds is linked through its list pages
    # (hooks/listing.py), which link every entry: the map stays one small page at any size
    entries: dict[str, int] = {}
    for spec in specs:
        if spec.meta.get("kind") in entry_kinds:
            entries[spec.src_uri.split("/", 1)[0]] = entries.get(spec.src_uri.split("/", 1)[0], 0) + 1
    for spec in specs:
        folder = spec.src_uri.split("/", 1)[0]
        url = page_url(spec.src_uri)
        if spec.in_nav and spec.src_uri == f"{folder}/index.md":
            continue
        if spec.meta.get("kind") in entry_kinds and entries[folder] > listing.PER_PAGE:
            continue
        target = out.get(parent.get(folder, folder), others)
        target.links.append((spec.title, url))
    news = Group("工作动态", "blog/", [(p.title, p.url) for p in posts])
    generated = {s.src_uri for s in specs} | {SRC}
    for f in sorted(files.documentation_pages(), key=lambda f: f.url):
        made = f.generated_by and f.src_uri != guide.SRC      # the guide is generated, yet a page like about/
        if f.src_uri in generated or f.src_uri.startswith("blog/") or f.src_uri == "index.md" or made:
            continue
        others.links.append((_title(f.content_string, f.url), f.url))
    result = [home, *out.values(), news, others]
    return [g for g in result if g.links or g.url or g is home]
