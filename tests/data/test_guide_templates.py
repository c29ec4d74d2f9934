"""The editor's guide's copy-paste templates pass the check as they stand (comments included).

Both guides the kit ships are tested: the fixture county's and the one `make new-county` writes
(scripts/new_county/). Each YAML template goes into a new file of its kind, the news-post
template into a new post, and the whole project is checked like `make check` does."""
from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURE, ROOT
from kit.data import project

GUIDES = {
    "fixture": (FIXTURE / "docs/guide/index.md", {}),
    "new-county": (ROOT / "scripts/new_county/docs/guide/index.md",
                   {"{{county}}": "青禾县", "{{county_short}}": "青禾", "good-people-2025": "qinghe-good-people-2023"}),
}
BLOCK = re.compile(r"```(yaml|markdown)\n(.*?)```", re.S)


def blocks(path: Path, swaps: dict[str, str]) -> list[tuple[str, str]]:
    text = path.read_text("utf-8")
    for old, new in swaps.items():
        text = text.replace(old, new)
    return BLOCK.findall(text)


@pytest.mark.parametrize("guide", sorted(GUIDES))
def test_every_template_of_the_guide_passes_the_check(guide: str, tmp_path: Path) -> None:
    path, swaps = GUIDES[guide]
    found = blocks(path, swaps)
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
