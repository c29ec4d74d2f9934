"""The editor's guide at /guide/: made at build time from its one source (handbook/guide/index.md)
with the county's own names; a county's own docs/guide/index.md wins over it."""
from __future__ import annotations

from conftest import ROOT, run_build
from kit.pages import guide


def test_the_guide_is_made_from_the_handbook_with_the_countys_names(built):
    page = built.html("guide/")
    text = page.get_text()
    assert page.find("h1").get_text(strip=True) == "编辑指南"
    assert "新增2023年青禾好人张某某" in text and "中共青禾县委宣传部" in text
    assert "只能从这几个里选：创建动态、节庆活动、书香青禾、文明实践、身边好人。" in text
    assert "award: qinghe-good-people-2023" in text
    assert "{{" not in text and "某县" not in text
    for image in (ROOT / "handbook/guide/images").glob("*.png"):
        assert (built.site / "guide/images" / image.name).read_bytes() == image.read_bytes()
        assert page.find("img", src=f"images/{image.name}") is not None
    # kept out of the menu, linked from 关于本站
    assert not built.html("").select('nav a[href$="guide/"]')


def test_every_placeholder_of_the_source_is_one_the_kit_fills():
    source = (ROOT / "handbook/guide/index.md").read_text("utf-8")
    assert set(guide.PLACEHOLDER.findall(source)) == set(guide.NEUTRAL)
    assert "青禾" not in source and not (ROOT / "docs/guide").exists()


def test_a_countys_own_guide_wins(project, tmp_path):
    own = project / "docs/guide/index.md"
    own.parent.mkdir(parents=True)
    own.write_text("# 本县的编辑指南\n\n本县自己写的说明。\n", "utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.log
    assert result.html("guide/").find("h1").get_text(strip=True) == "本县的编辑指南"
    assert not (result.site / "guide/images").exists()
