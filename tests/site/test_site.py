"""The fixture county's site (tests/fixture): every section and page type, every figure of its data."""
from __future__ import annotations

import json
import re

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import run_build

SECTIONS = {
    "campaign/": "创建进展",
    "events/": "节庆活动",
    "reading/": "书香青禾",
    "practice/": "文明实践",
    "honorees/": "身边好人",
    "pledges/": "公约承诺",
    "heritage/": "历史文脉",
    "blog/": "工作动态",
}


def test_language_and_site_name_come_from_settings(built):
    soup = built.html("")
    assert soup.html["lang"].startswith("zh")
    assert "青禾县文明县城创建" in soup.title.text


@pytest.mark.parametrize("url,title", SECTIONS.items())
def test_section_pages_exist_and_are_in_the_nav(built, url, title):
    soup = built.html(url)
    assert soup.find("h1").get_text(strip=True) == title
    nav_links = {a.get_text(strip=True) for a in built.html("").select("nav.md-nav--primary a")}
    assert title in nav_links


def test_entry_pages_are_linked_from_lists_and_kept_out_of_the_nav(built):
    home_nav = " ".join(a["href"] for a in built.html("").select("nav.md-nav--primary a"))
    for section, entry in [("events/", "yunwu-tea-fair"), ("honorees/", "2023-sample-sun"),
                           ("reading/", "town-reading"), ("pledges/", "residents-pledge"),
                           ("heritage/", "red-memory-park")]:
        links = [a["href"] for a in built.html(section).select("a.wm-card__link")]
        assert f"{entry}/" in links, (section, links)
        assert entry not in home_nav
    village_links = [a["href"] for a in built.html("pledges/").select("a.wm-card__link")]
    assert "../villages/liutang-village/" in village_links


def test_event_page_shows_dates_place_status_figures_and_photos(built):
    soup = built.html("events/yunwu-tea-fair/")
    assert soup.find("h1").get_text(strip=True) == "云雾茶会"
    text = soup.get_text()
    for expected in ("已结束", "青禾县云雾山", "中共青禾县委宣传部", "36余篇", "806.5万人", "18万余元", "12万余元"):
        assert expected in text, expected
    img = soup.select_one(".wm-gallery img")
    assert img["alt"] and (built.site / "events/yunwu-tea-fair" / img["src"]).resolve().is_file()


def test_weekly_class_is_a_recurring_event(built):
    text = built.html("events/ink-kids/").get_text(" ", strip=True)
    assert "每周三" in text and "进行中" in text


def test_upcoming_festivals_are_marked_upcoming(built):
    soup = built.html("events/")
    upcoming = soup.find("h2", id="upcoming").find_next("ul")
    titles = [t.get_text(strip=True) for t in upcoming.select(".wm-card__title")]
    assert "竹编文化周" in titles and "板栗美食文化节" in titles


def test_honoree_profile_shows_category_place_honours_and_example_label(built):
    soup = built.html("honorees/2023-sample-sun/")
    text = soup.get_text(" ", strip=True)
    for expected in ("孙某某", "助人为乐", "青禾县某镇某村", "2023年“青禾好人”", "县级", "示例"):
        assert expected in text, expected
    # a recommendation (推荐) is not public yet
    assert "第五届云岭州道德模范和2023年“青禾好人”（推荐上报）" not in soup.select_one(".wm-honours").get_text()


def test_honour_whose_notice_window_has_passed_says_so(built):
    # the fixture's window is 2023-11-20..26; inside it (tests/pages/test_notice_window.py) the page
    # shows 公示中 and the objection contact
    text = built.html("honorees/2023-sample-he/").get_text(" ", strip=True)
    assert "公示期已结束" in text and "2023年11月20日至2023年11月26日" in text
    assert "如有异议" not in text


def test_minor_is_shown_minimally(built):
    soup = built.html("honorees/2023-sample-zheng/")
    text = soup.get_text(" ", strip=True)
    assert "学校" in text and "青禾县实验中学" in text
    assert "村（社区）或单位" not in text
    listing = built.html("honorees/").get_text(" ", strip=True)
    assert "郑某某" in listing


def test_reading_brand_and_village_pledge_pages(built):
    assert "城市阅读" in built.html("reading/town-reading/").get_text()
    soup = built.html("villages/liutang-village/")
    assert "柳塘镇" in soup.get_text() and len(soup.select("ol.wm-articles li")) == 5


def test_campaign_page_has_every_indicator_with_status(built):
    soup = built.html("campaign/")
    rows = soup.select(".wm-indicator tbody tr")
    assert len(soup.select(".wm-indicator")) == 6
    assert len(rows) == 37
    assert all(r.select_one(".wm-status").get_text(strip=True) in ("已完成", "推进中", "待加强", "未启动") for r in rows)
    projects = soup.find("h2", id="projects").find_next("table").select("tbody tr")
    assert len(projects) == 5
    assert all("40%以上" in r.get_text() and "100%" in r.get_text() for r in projects)
    assert len(soup.find("h2", id="next-steps").find_next("ol").find_all("li")) == 4
    assert len(soup.find("h2", id="problems").find_next("ol").find_all("li")) == 2


def test_home_has_figures_upcoming_events_news_and_tiles(built):
    soup = built.html("")
    assert soup.select(".wm-figures--home .wm-figure")
    upcoming = [t.get_text(strip=True) for t in soup.find("h2", id="upcoming").find_next("ul").select(".wm-card__title")]
    assert "板栗美食文化节" in upcoming and "云雾茶会" not in upcoming
    news = soup.find("h2", id="news").find_next("ul").find_all("a")
    posts = []
    for post in (built.root / "docs/blog/posts").glob("*.md"):
        front = yaml.safe_load(post.read_text("utf-8").split("---")[1])
        if not front.get("draft"):
            posts.append((front["date"], front["title"]))
    newest = [title for _, title in sorted(posts, reverse=True)]
    assert [a.get_text(strip=True) for a in news] == newest[: len(news)]
    assert (built.site / news[0]["href"] / "index.html").is_file()
    tiles = [a["href"] for a in soup.select(".wm-tiles a")]
    assert {f"{u}" for u in SECTIONS} <= set(tiles)


# Every programme and figure of the fixture county's data, as it reads on the site.
REPORT_FIGURES = {
    "campaign/": ["6大项", "37小项", "60 项", "180 个", "205 个", "40%以上", "100%"],
    "events/yunwu-tea-fair/": ["36余篇", "806.5万人", "18万余元", "12万余元"],
    "events/ink-kids/": ["每周三", "书法", "绘画"],
    "events/heart-talk/": ["24场", "860人次"],
    "events/bamboo-weaving-week/": ["竹编文化周"],
    "events/chestnut-food-festival/": ["板栗美食文化节"],
    "reading/": ["136期", "9.8万人次", "书香青禾·好书共读", "遇见青禾 听见书香", "深耕“三农”·阅读四季"],
    "practice/": ["24场", "860人次", "3260场次", "7.6万人", "188场次", "4500余人次", "学雷锋志愿服务站"],
    "honorees/": ["第五届青禾县道德模范", "2023年“青禾好人”", "6人", "4名", "3名", "5名", "1名", "新时代好少年"],
    "pledges/": ["市民公约", "学生守则", "行业规范", "96个", "进机关", "进家庭", "守信光荣、失信可耻"],
    "heritage/": ["历史街区", "文物古迹", "特色民居", "千年古树", "红色记忆公园"],
}


@pytest.mark.parametrize("url,figures", REPORT_FIGURES.items())
def test_every_report_figure_is_on_the_site(built, url, figures):
    text = re.sub(r"\s+", " ", built.html(url).select_one("article").get_text())
    for figure in figures:
        assert figure in text, f"{figure} missing on {url}"


def test_report_typos_are_fixed(built):
    for page in built.site.rglob("*.html"):
        body = page.read_text("utf-8")
        assert "奉头" not in body and "高质皇" not in body, page


def _index(built):
    return json.loads(built.text("search/search_index.json"))


def test_search_index_is_segmented_by_jieba(built):
    docs = _index(built)["docs"]
    event = next(d for d in docs if d["location"] == "events/yunwu-tea-fair/")
    assert "\u200b云雾茶\u200b" in event["title"] + event["text"]
    assert "\u200b直播\u200b" in event["text"]


def test_search_index_finds_honorees_by_name_and_by_words_of_their_story(built):
    docs = _index(built)["docs"]
    li = [d for d in docs if d["location"].startswith("honorees/2023-sample-sun/")]
    assert any("孙某某" in d["title"].replace("\u200b", "") for d in li)
    words = " ".join(d["text"] for d in li).split("\u200b")
    assert "空巢" in words and "孙某某" in words


def test_no_page_loads_anything_from_another_host(built):
    loads = re.compile(r"""<(?:script|img|iframe|source|link|video|audio)\b[^>]*?\b(?:src|href|srcset)=["']?(?:https?:)?//""", re.I)
    css_url = re.compile(r"url\(\s*['\"]?(?:https?:)?//", re.I)
    for path in built.all_files():
        if path.suffix not in (".html", ".css", ".js"):
            continue
        text = path.read_text("utf-8", errors="replace")
        if path.suffix == ".html":
            for m in loads.finditer(text):
                tag = text[m.start(): text.find(">", m.start()) + 1]
                assert 'rel="canonical"' in tag or 'rel="alternate' in tag, f"{path}: {tag}"
        if path.suffix == ".css":
            assert not css_url.search(text), path


def _home_figures(site) -> list[str]:
    soup = BeautifulSoup((site / "index.html").read_text("utf-8"), "lxml")
    return [li.get_text("", strip=True) for li in soup.select(".wm-figures--home .wm-figure")]


def test_home_figures_are_the_ones_marked_featured_not_a_list_position(built, project, tmp_path):
    """An editor inserting a programme at the top of data/practice.yml must not change the home page."""
    before = _home_figures(built.site)
    practice = project / "data" / "practice.yml"
    text = practice.read_text("utf-8")
    new = ("    - title: 新增的试点项目\n      summary: 新增项目。\n      figures:\n"
           "        - {label: 试点活动, value: 9, unit: 场}\n")
    practice.write_text(text.replace("  programmes:\n", "  programmes:\n" + new, 1), "utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.log
    after = _home_figures(tmp_path / "site")
    assert after == before and not any("试点活动" in f for f in after)
    featured = [f for f in yaml.safe_load(text)["practice"]["programmes"][1]["figures"] if f.get("featured")]
    assert featured and all(f["label"] in "".join(after) for f in featured)
