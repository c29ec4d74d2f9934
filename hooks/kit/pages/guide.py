"""The editor's guide at /guide/: one source for every county, the handbook's (handbook/guide/),
filled in at build time with the county's own names. A county that keeps a docs/guide/index.md of
its own keeps it (its file wins); otherwise the page and its screenshots are generated.

The source is Markdown with a few placeholders, `{{county}}` and the like (no Jinja: the guide's
Markdown has `{#…}` anchors); the handbook shows the same text with neutral names (某县)."""
from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, InclusionLevel

# the kit's folder: hooks/kit/pages/guide.py -> the folder holding handbook/
SOURCE = Path(__file__).resolve().parents[3] / "handbook" / "guide"
SRC = "guide/index.md"
PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
NEUTRAL = {"county": "某县", "county_short": "某县", "award": "good-people-2025",
           "categories": "创建动态、节庆活动、书香某县、文明实践、身边好人"}


def values(d, categories: dict | None) -> dict[str, str]:
    """The county's names: from data/site.yml, its first award and mkdocs.yml's news categories."""
    s = d.settings
    awards = list(getattr(d, "awards", {}) or {})    # a 好人 selection first: the guide adds a 好人
    award = next((a for a in awards if "good-people" in a), awards[0] if awards else NEUTRAL["award"])
    return {"county": s.county, "county_short": s.county_short, "award": award,
            "categories": "、".join(categories or {}) or NEUTRAL["categories"]}


def text(names: dict[str, str], source: Path = SOURCE) -> str:
    """The guide's Markdown with the placeholders filled in; an unknown one is the kit's mistake."""
    def fill(m: re.Match) -> str:
        if m.group(1) not in names:
            raise KeyError(f"handbook/guide/index.md: unknown placeholder {m.group(0)}")
        return names[m.group(1)]
    return PLACEHOLDER.sub(fill, (source / "index.md").read_text("utf-8"))


def files(d, config: MkDocsConfig) -> list[File]:
    """The guide page and its pictures, unless the county has a guide of its own in docs/."""
    if (Path(config.docs_dir) / SRC).is_file() or not SOURCE.is_dir():
        return []
    page = File.generated(config, SRC, content=text(values(d, config.extra.get("news_categories"))),
                          inclusion=InclusionLevel.NOT_IN_NAV)
    pictures = [File(p.relative_to(SOURCE.parent).as_posix(), str(SOURCE.parent), config.site_dir,
                     config.use_directory_urls) for p in sorted((SOURCE / "images").glob("*.png"))]
    return [page] + pictures
