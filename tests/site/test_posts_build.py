"""News posts in a real build: a post dated after today is in no output, a picture beside a post is
published resized and without EXIF/GPS, `entry:<id>` links lead to the entry page, and a post's
problems stop the build with the same lines as `make check`."""
from __future__ import annotations

import subprocess
import sys

from conftest import ROOT, run_build

from outputs.test_images import no_metadata, opened, phone_jpeg

FUTURE = """---
date: 2099-05-01
slug: far-future-notice
title: 远期通知不应出现
authors: [wenmingban]
categories: [创建动态]
---

# 远期通知不应出现

这篇文章还没到发布日期。
"""

WITH_PICTURE = """---
date: 2023-07-02
slug: picture-and-link
title: 带照片和条目链接的文章
authors: [wenmingban]
categories: [文明实践]
---

# 带照片和条目链接的文章

![现场](photo-from-phone.jpg)

请看[墨香少年](entry:ink-kids)。
"""


def test_future_post_withheld_picture_stripped_entry_link_resolved(project, tmp_path):
    posts = project / "docs/blog/posts"
    (posts / "2099-future.md").write_text(FUTURE, "utf-8")
    (posts / "2023-picture.md").write_text(WITH_PICTURE, "utf-8")
    (posts / "photo-from-phone.jpg").write_bytes(phone_jpeg((4032, 3024)))
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.log
    assert "docs/blog/posts/2099-future.md:2:7: 提示: date: 文章“far-future-notice”未发布：定时发布，2099-05-01 起公开" \
        in result.log
    for path in result.all_files():
        if path.suffix in (".html", ".xml", ".json", ".ics", ".csv"):
            text = path.read_text("utf-8", errors="replace")
            assert "far-future-notice" not in text and "远期通知不应出现" not in text, path
    page = result.html("blog/picture-and-link/")
    img = page.select_one("article img[alt=现场]")
    picture = (tmp_path / "site/blog/picture-and-link" / img["src"]).resolve()
    shown = opened(picture.read_bytes())
    assert no_metadata(shown) and shown.width == 1600
    link = page.find("a", string="墨香少年")
    assert link["href"] == "../../events/ink-kids/"


def test_check_command_covers_posts(project):
    bad = project / "docs/blog/posts/2023-tea-fair.md"
    bad.write_text(bad.read_text("utf-8") + "\n联系电话 13812345678。\n", "utf-8")
    proc = subprocess.run([sys.executable, str(ROOT / "hooks/check.py"), str(project)],
                          capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 1
    assert "docs/blog/posts/2023-tea-fair.md:" in proc.stdout and "含有手机号码“138****5678”" in proc.stdout


def test_a_renamed_entry_keeps_its_old_address_and_posts_must_follow(project, tmp_path):
    events = project / "data/events/2023.yml"
    events.write_text(events.read_text("utf-8").replace("  - id: ink-kids\n", "  - id: ink-kids-club\n    old_ids: [ink-kids]\n"),
                      "utf-8")
    def check() -> str:
        proc = subprocess.run([sys.executable, str(ROOT / "hooks/check.py"), str(project)],
                              capture_output=True, text=True, encoding="utf-8")
        assert proc.returncode == 1
        return proc.stdout

    assert "honorees[2].event: 活动“ink-kids”已改编号为“ink-kids-club”，请改成 event: ink-kids-club。" in check()
    honorees = project / "data/honorees/2023.yml"
    honorees.write_text(honorees.read_text("utf-8").replace("event: ink-kids", "event: ink-kids-club"), "utf-8")
    out = check()       # links from posts are checked once the data is valid
    assert "docs/blog/posts/2023-ink-kids.md:" in out and "已改编号为“ink-kids-club”" in out
    post = project / "docs/blog/posts/2023-ink-kids.md"
    post.write_text(post.read_text("utf-8").replace("../../events/ink-kids.md", "entry:ink-kids-club"), "utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.log
    assert "旧网址 events/ink-kids/ 会自动跳转到 events/ink-kids-club/" in result.log
    old = result.html("events/ink-kids/")
    assert old.select_one("meta[http-equiv=refresh]")["content"] == "0; url=../ink-kids-club/"
    assert (tmp_path / "site/events/ink-kids-club/index.html").is_file()
    assert result.html("blog/ink-kids-classes/").find("a", string="墨香少年活动页面")["href"] == "../../events/ink-kids-club/"
    assert "events/ink-kids/" not in result.text("sitemap.xml")
