"""工作动态: ASCII category URLs, pagination, archives, and Chinese errors for posts."""
from __future__ import annotations

import yaml
from mkdocs.utils.meta import get_data

from conftest import FIXTURE, run_build

CATEGORIES = yaml.load((FIXTURE / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)["extra"]["news_categories"]
POSTS = [meta for meta in (get_data(p.read_text("utf-8"))[1] for p in sorted((FIXTURE / "docs/blog/posts").glob("*.md")))
         if not meta.get("draft")]


def test_every_post_lives_at_its_slug(built):
    for meta in POSTS:
        assert built.html(f"blog/{meta['slug']}/").find("h1").get_text(strip=True) == meta["title"]


def test_category_pages_have_ascii_urls_and_chinese_titles(built):
    for name, slug in CATEGORIES.items():
        posts = [m for m in POSTS if name in m.get("categories", [])]
        if not posts:
            assert not (built.site / "blog/category" / slug).exists()
            continue
        page = built.html(f"blog/category/{slug}/")
        assert page.find("h1").get_text(strip=True) == name
        links = {a["href"] for a in page.select("article a")}
        for meta in posts:
            assert f"../../{meta['slug']}/" in links
    assert {p.name for p in (built.site / "blog/category").iterdir()} <= set(CATEGORIES.values())


def test_pagination_and_yearly_archive(built):
    assert len(POSTS) > 5  # five per page: a second page exists
    second = built.html("blog/page/2/")
    assert second.select("article")
    years = {str(m["date"])[:4] for m in POSTS}
    for year in years:
        assert (built.site / f"blog/archive/{year}/index.html").is_file()


def test_bad_category_and_slug_stop_the_build_with_one_line_each(project, tmp_path):
    post = project / "docs/blog/posts/2023-tea-fair.md"
    post.write_text(post.read_text("utf-8").replace("  - 节庆活动", "  - 好人好事"), "utf-8")
    other = project / "docs/blog/posts/2023-reading-months.md"
    other.write_text(other.read_text("utf-8").replace("slug: reading-months", "slug: 阅读品牌"), "utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode != 0
    names = "、".join(CATEGORIES)
    assert ("docs/blog/posts/2023-tea-fair.md:7:5: 错误: categories[0]: “好人好事”不是可用的分类。"
            f"应为以下之一：{names}。要新增分类，请在 mkdocs.yml 的 news_categories 里加一行。") in result.log
    assert ("docs/blog/posts/2023-reading-months.md:3:7: 错误: slug: “阅读品牌”不能用作网址。slug 决定文章的网址，"
            "只能用小写英文字母、数字和连字符“-”，例如 slug: spring-festival-2025。") in result.log
    assert "数据文件和工作动态文章共有 2 个错误，网站未生成。" in result.log
