"""The editor's guide's copy-paste templates pass the check as they stand (comments included).

The guide has one source, handbook/guide/index.md (kit/pages/guide.py fills in the county's names
at build time); it is tested filled in with the fixture county's names. Each YAML template goes
into a new file of its kind, the news-post template into a new post, and the whole project is
checked like `make check` does."""
from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

from conftest import FIXTURE
from kit.data import project
from kit.pages import guide

BLOCK = re.compile(r"```(yaml|markdown)\n(.*?)```", re.S)
CATEGORIES = {"创建动态": "campaign", "节庆活动": "festivals", "书香青禾": "reading", "文明实践": "practice",
              "身边好人": "honorees"}


def test_every_template_of_the_guide_passes_the_check(tmp_path: Path) -> None:
    fixture, _ = project.check(FIXTURE, dt.date(2024, 6, 1), False)
    found = BLOCK.findall(guide.text(guide.values(fixture, CATEGORIES)))
    kinds = {"town:": "stations", "title:": "events", "category:": "honorees"}
    shutil.copytree(FIXTURE / "data", tmp_path / "data")
    shutil.copytree(FIXTURE / "docs/blog", tmp_path / "docs/blog")
    shutil.copyfile(FIXTURE / "mkdocs.yml", tmp_path / "mkdocs.yml")
    written = []
    for n, (lang, body) in enumerate(found):
        if lang == "markdown" and body.startswith("---"):
            (tmp_path / f"docs/blog/posts/guide-{n}.md").write_text(body, "utf-8")
            written.append("post")
        elif lang == "yaml" and body.lstrip().startswith("- id:"):
            kind = next(k for key, k in kinds.items() if key in body)
            (tmp_path / f"data/{kind}/guide-{n}.yml").write_text(f"{kind}:\n{body}", "utf-8")
            written.append(kind)
    assert sorted(written) == ["events", "honorees", "post", "stations"]
    data, news = project.check(tmp_path, dt.date(2024, 6, 1), False)
    assert "2023-zhang-san" in {h.id for h in data.honorees}
    assert "2024-spring-festival" in {e.id for e in data.events}
    assert "spring-festival-2024" in {p.meta.slug for p in news.public()}
