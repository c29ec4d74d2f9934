"""`make review` (scripts/review.py): the 审核单 of a two-commit history of the fixture county,
read from the two built sites: a figure changed, an honoree added (with a new photo), a post
withdrawn, and nothing else listed; 错敏 hits, a dated entry and the sign-off lines; phone and A4."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, copy_project

NEW_HONOREE = """
  - id: 2024-new-zhao
    name: 赵新禾
    category: 助人为乐
    place: 青禾县柳塘镇
    summary: 义务为邻居修理电器十年。
    story: |
      赵新禾义务为邻居修理电器十年，分文不取，村长也称赞他。
    honours:
      - {award: qinghe-good-people-2023, status: 授予}
    photo: {src: photos/new-zhao.jpg, alt: 赵新禾在修理电器}
"""


def _git(root, *args):
    env = {**os.environ, "GIT_AUTHOR_NAME": "编辑", "GIT_AUTHOR_EMAIL": "e@example.cn",
           "GIT_COMMITTER_NAME": "编辑", "GIT_COMMITTER_EMAIL": "e@example.cn"}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def _edit(path, old, new):
    text = path.read_text("utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.fixture(scope="module")
def sheet(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("review") / "project")
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "上次发布")
    _edit(root / "data/events/2024.yml", "{label: 展出灯谜, value: 640, unit: 条}", "{label: 展出灯谜, value: 680, unit: 条}")
    honorees = root / "data/honorees/2024.yml"
    honorees.write_text(honorees.read_text("utf-8").rstrip("\n") + "\n" + NEW_HONOREE, "utf-8")
    from PIL import Image
    Image.new("RGB", (800, 600), (30, 120, 60)).save(root / "data/photos/new-zhao.jpg", quality=80)
    _edit(root / "docs/blog/posts/2023-ink-kids.md", "categories:", "draft: true\ncategories:")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "改数字、加好人、撤文章")
    out = root / "review" / "审核单.html"
    proc = subprocess.run([sys.executable, str(ROOT / "scripts/review.py"), "--since", "HEAD~1", str(root)],
                          capture_output=True, text=True, encoding="utf-8", env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "审核单已生成" in proc.stdout and "修改 1 页，新增 1 页，撤下 1 页" in proc.stdout, proc.stdout
    return out


def test_the_sheet_lists_exactly_the_three_pages_with_old_and_new(sheet):
    soup = BeautifulSoup(sheet.read_text("utf-8"), "lxml")
    pages = [(s.select_one(".kind").get_text(), s.select_one(".url").get_text()) for s in soup.select("section.page")]
    assert pages == [("修改", "/events/lantern-riddles-2024/"), ("新增", "/honorees/2024-new-zhao/"),
                     ("撤下", "/blog/ink-kids-classes/")]
    changed, added, withdrawn = soup.select("section.page")
    rows = [(r.select("td")[0], r.select("td")[1]) for r in changed.select("tbody tr")]
    assert [(a.get_text(), b.get_text()) for a, b in rows] == [("640 条 展出灯谜", "680 条 展出灯谜")]
    assert rows[0][0].select_one("del").get_text() == "4" and rows[0][1].select_one("ins").get_text() == "8"
    assert "赵新禾义务为邻居修理电器十年，分文不取，村长也称赞他。" in [b.get_text() for b in added.select("td ins")]
    assert added.select_one("td ins").get_text() == "赵新禾"
    assert withdrawn.select_one("h3").get_text() == "撤下墨香少年每周三开课 书法绘画进实践中心"
    assert withdrawn.select_one("td del").get_text() == "墨香少年每周三开课 书法绘画进实践中心"
    assert all(not td.select("ins") for td in withdrawn.select("td"))
    photos = added.select(".photos img")
    assert len(photos) == 1 and photos[0]["src"].startswith("data:image/jpeg;base64,")
    assert "另有" in soup.select_one(".meta").get_text()     # lists and home page: counted, not listed
    derived = soup.select(".meta")[-1].get_text()
    assert "/honorees/" in derived and "/blog/" in derived


def test_the_sheet_has_wording_hits_dated_entries_and_sign_off_and_loads_nothing(sheet):
    text = sheet.read_text("utf-8")
    soup = BeautifulSoup(text, "lxml")
    assert any("提示: 慎用词“村长”" in li.get_text() for li in soup.select("li"))
    assert "future-river-cleanup" in text and "2099-01-01" in text      # withheld until its publish date
    assert [th.get_text() for th in soup.select("table.sign tbody th")] == ["初审", "复审", "终审"]
    assert not soup.select("[href^=http], script, link"), "the sheet loads nothing"
    assert not [i for i in soup.select("img") if not i["src"].startswith("data:")]


def test_the_sheet_on_a_phone_and_on_a4(sheet, browser, tmp_path):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(sheet.as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shots = ROOT / "tests" / "artifacts"
    shots.mkdir(exist_ok=True)
    page.screenshot(path=str(shots / "review-phone.png"), full_page=True)
    page.emulate_media(media="print")
    page.pdf(path=str(shots / "review-a4.pdf"), format="A4")
    page.set_viewport_size({"width": 794, "height": 1123})     # A4 at 96 dpi
    page.screenshot(path=str(shots / "review-a4-print.png"), full_page=True)
    assert (shots / "review-a4.pdf").stat().st_size > 1000
    page.close()


def test_last_published_comes_from_since_the_pipeline_or_the_published_tag(tmp_path, monkeypatch):
    sys.path.insert(0, str(ROOT / "scripts"))
    import review
    for name in ("CI_MERGE_REQUEST_DIFF_BASE_SHA", "CI_COMMIT_BEFORE_SHA", "GITHUB_EVENT_PATH"):
        monkeypatch.delenv(name, raising=False)
    assert review.pipeline_base() == ""
    event = tmp_path / "event.json"
    event.write_text('{"before": "0000000000000000000000000000000000000000"}', "utf-8")   # a new branch
    monkeypatch.setenv("GITHUB_EVENT_PATH", str(event))
    assert review.pipeline_base() == ""
    event.write_text('{"before": "4b825dc642cb6eb9a060e54bf8d69288fbee4904"}', "utf-8")
    assert review.pipeline_base() == "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
    monkeypatch.setenv("CI_COMMIT_BEFORE_SHA", "abc123")
    assert review.pipeline_base() == "abc123"
    _git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "a.txt").write_text("a", "utf-8")
    _git(tmp_path, "add", "a.txt")
    _git(tmp_path, "commit", "-q", "-m", "一")
    assert review.resolve(tmp_path, "", lenient=True) is None             # no tag: every page new
    _git(tmp_path, "tag", "published")
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=tmp_path, capture_output=True, text=True).stdout.strip()
    assert review.resolve(tmp_path, "deadbeef", lenient=True) == head     # a force-pushed old head: the tag
    with pytest.raises(SystemExit, match="找不到版本“deadbeef”"):
        review.resolve(tmp_path, "deadbeef")


def test_pipelines_keep_the_sheet():
    import yaml
    gitlab = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text("utf-8"))
    assert "review" in gitlab["check"]["artifacts"]["paths"]
    github = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text("utf-8"))
    keep = next(s for s in github["jobs"]["check"]["steps"] if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert keep["with"]["path"] == "review/"
    assert 'rsync -a review/审核单.html "$dest/reviews/' in (ROOT / "scripts/deploy-rsync.sh").read_text("utf-8")
    makefile = (ROOT / "Makefile").read_text("utf-8")
    assert "WENMING_PRODUCTION=1 $(BIN)/python scripts/review.py --lenient --site site" in makefile


def test_without_git_or_a_base_every_page_is_listed_as_new_by_title(tmp_path):
    root = copy_project(tmp_path / "project")       # not a git repository (a downloaded zip)
    proc = subprocess.run([sys.executable, str(ROOT / "scripts/review.py"), "--lenient", "--since", "abc1234", str(root)],
                          capture_output=True, text=True, encoding="utf-8", env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    soup = BeautifulSoup((root / "review/审核单.html").read_text("utf-8"), "lxml")
    assert "没有上次发布的版本" in soup.select_one(".meta").get_text()
    pages = soup.select("section.page")
    assert pages and all(p.select_one(".kind").get_text() == "新增" and not p.select("table") for p in pages)
    assert "/honorees/2024-qian-lan/" in [p.select_one(".url").get_text() for p in pages]
