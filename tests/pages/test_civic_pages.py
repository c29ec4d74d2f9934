"""The campaign-inspection pages on the built fixture county: 应知应会, 知识问答, 公示公告,
文明实践阵地 (with its schematic), 公益广告 (print downloads, QR), 互动服务; their search entries,
sitemap links and the 朗读 button; and the schematic's geometry."""
from __future__ import annotations

import json
import math

import pytest

from kit.pages import stationmap
from conftest import run_build

SECTIONS = {
    "knowledge/": ("应知应会", "knowledge"),
    "knowledge/quiz/": ("知识问答", "quiz"),
    "notices/": ("公示公告", "notices"),
    "stations/": ("文明实践阵地", "list"),
    "ads/": ("公益广告", "list"),
    "services/": ("互动服务", "services"),
    "stations/qinghe-practice-centre/": ("青禾县新时代文明实践中心", "station"),
    "ads/civility-poster/": ("讲文明 树新风", "ad"),
}


@pytest.mark.parametrize("url,expected", SECTIONS.items())
def test_each_new_page_has_its_heading_and_its_own_template(built, url, expected):
    soup = built.html(url)
    title, kind = expected
    assert soup.find("h1").get_text(strip=True) == title
    assert soup.select_one("[data-wm-page]")["data-wm-page"] == kind


def test_new_sections_are_in_the_nav_or_linked_from_their_parent_and_entries_are_not(built):
    nav = {a.get_text(strip=True): a["href"] for a in built.html("").select("nav.md-nav--primary a")}
    for title in ("应知应会", "公益广告", "互动服务"):
        assert title in nav, title
    assert not built.html("").select("nav.md-nav--primary label[for^=__nav]")    # one level: no nested sections
    assert not any("qinghe-practice-centre" in href or "civility-poster" in href for href in nav.values())
    for parent, child in (("practice/", "../stations/"), ("honorees/", "../notices/"), ("knowledge/", "quiz/")):
        assert built.html(parent).select_one(f'a[href="{child}"]') is not None, parent


def test_home_has_a_tile_for_each_new_section(built):
    tiles = [a["href"] for a in built.html("").select(".wm-tiles a")]
    assert {"knowledge/", "stations/", "notices/", "ads/", "services/"} <= set(tiles)


def test_knowledge_page_lists_topics_slogans_and_hotlines_and_links_the_quiz(built):
    soup = built.html("knowledge/")
    assert [h.get_text(strip=True) for h in soup.select(".wm-topic h2")] == \
        ["创建工作", "社会主义核心价值观", "青禾县市民公约", "服务热线"]
    assert "公民个人层面：爱国、敬业、诚信、友善" in soup.get_text()
    assert [li.get_text(strip=True) for li in soup.select(".wm-slogans__list li")] == ["创建文明县城 共建美好青禾", "讲文明 树新风"]
    assert soup.select_one('.wm-hotlines a[href="tel:12345"]') is not None
    assert soup.select_one('a[href="quiz/"]') is not None
    assert soup.select_one("button[data-wm-print][hidden]") is not None


def test_quiz_has_every_question_with_answer_and_explanation_in_the_page(built):
    soup = built.html("knowledge/quiz/")
    questions = soup.select("fieldset.wm-quiz__question")
    assert [q["data-answer"] for q in questions] == ["B", "A", "A"]
    first = questions[0]
    assert first.legend.get_text(strip=True) == "第 1 题：社会主义核心价值观中，国家层面的价值目标是什么？"
    assert [i["value"] for i in first.select("input[type=radio]")] == ["A", "B", "C"]
    assert all(i["name"] == "q1" for i in first.select("input"))
    assert "正确答案：B. 富强、民主、文明、和谐" in first.select_one("details").get_text()
    assert first.select_one('details a[href="../#core-values"]') is not None
    # no server: a form without action or method, and the script is a same-origin file
    form = soup.select_one("form[data-wm-quiz]")
    assert not form.get("action") and not form.get("method")
    assert any(s.get("src", "").endswith("assets/wenming/quiz.js") for s in soup.find_all("script"))
    assert not soup.select("[onclick], [onsubmit], [onchange]")


def test_notice_board_shows_past_notice_with_outcome_and_the_objection_contact(built):
    soup = built.html("notices/")
    text = soup.get_text()
    assert "目前没有正在公示的名单" in text           # the fixture's only window was in 2023
    rows = [[td.get_text(strip=True) for td in tr.find_all("td")] for tr in soup.select(".wm-notices-past tbody tr")]
    assert rows == [["何某某", "2023年“青禾好人”", "2023年11月20日至2023年11月26日", "结果待公布"]]
    assert "青禾县文明办 0879-7654321" in text
    assert soup.select_one('.wm-notices-past a[href="../honorees/2023-sample-he/"]') is not None


def test_stations_page_groups_by_town_with_a_filter_a_schematic_and_a_table(built):
    soup = built.html("stations/")
    assert [h.get_text(strip=True) for h in soup.select(".wm-town h2")] == ["桂园街道", "柳塘镇", "云雾乡"]
    assert "guiyuan-library-point" not in str(soup)       # a draft
    svg = soup.select_one("figure.wm-schematic svg")
    assert svg["role"] == "group" and svg["aria-describedby"] == "schematic-table"
    labels = [t.get_text() for t in svg.select("text.wm-schematic__label")]
    assert labels == ["桂园街道", "柳塘镇", "云雾乡"]
    assert [t.get_text() for t in svg.select("text.wm-schematic__count")] == ["1", "2", "1"]
    assert [a["href"] for a in svg.select("a")] == ["#town-1", "#town-2", "#town-3"]
    rows = [[c.get_text(strip=True) for c in tr.find_all(["th", "td"])] for tr in soup.select("#schematic-table tbody tr")]
    assert rows[1] == ["柳塘镇", "实践所 1 个、实践站 1 个", "2"]
    form = soup.select_one("form.wm-filter")
    assert form.select_one("label[for=wm-filter-category]").get_text() == "乡镇（街道）"
    assert [o.get_text() for o in form.select("#wm-filter-category option")] == ["全部乡镇（街道）", "云雾乡", "柳塘镇", "桂园街道"]
    assert not soup.find("img", src=lambda s: s and "//" in s)     # no map tiles, nothing from elsewhere


def test_station_page_shows_hours_services_public_phone_address_and_qr(built):
    soup = built.html("stations/qinghe-practice-centre/")
    facts = dict(zip([x.get_text() for x in soup.select(".wm-facts dt")], [x.get_text() for x in soup.select(".wm-facts dd")]))
    assert facts == {"所在乡镇（街道）": "桂园街道", "开放时间": "周一至周日 9:00—17:30",
                     "地址": "青禾县桂园街道文化路8号", "电话": "0879-7651234"}
    assert [li.get_text() for li in soup.select("#services + ul li")] == ["理论宣讲", "书法绘画培训", "心理疏导", "志愿服务点单"]
    assert soup.select_one("aside.wm-qr svg") is not None


def test_ad_gallery_and_page_with_alt_text_print_download_and_qr(built):
    cards = built.html("ads/").select("li.wm-card")
    assert [c["data-title"] for c in cards] == ["讲文明 树新风", "排队礼让"]
    assert cards[0].find("img")["alt"].startswith("公益海报“讲文明 树新风”")
    soup = built.html("ads/civility-poster/")
    link = soup.select_one(".wm-download a[download]")
    assert link["href"] == "../../downloads/ads/civility-poster-print.pdf"
    assert link.get_text() == "下载印刷版（PDF，36 KB）"
    published = built.site / "downloads/ads/civility-poster-print.pdf"
    assert published.read_bytes() == (built.root / "data/photos/ads/civility-poster.pdf").read_bytes()
    assert soup.select_one("aside.wm-qr svg") is not None
    assert not (built.site / "ads/draft-poster").exists()
    assert "draft-poster" not in built.text("sitemap.xml")


def test_services_are_labelled_external_with_their_operator_and_send_nothing(built):
    soup = built.html("services/")
    items = soup.select("li.wm-service")
    assert [i.h2.get_text(strip=True) for i in items] == ["文明随手拍", "志愿服务报名"]
    for item in items:
        assert "外部网站" in item.select_one(".wm-service__operator").get_text()
    assert "由青禾县文明办提供" in items[0].get_text()
    assert items[0].select_one('a[href="https://suishoupai.qinghe.example.cn/"]')["rel"] == ["noopener", "external"]
    assert items[1].find("img")["alt"] == "志愿服务报名小程序码"
    assert not soup.select(".wm-section--services form")
    footer = built.html("").select_one("footer.wm-footer")
    assert footer.select_one('a[href="https://zfwzzc.www.gov.cn/"]').get_text(strip=True).startswith("我为政府网站找错")


def test_read_aloud_button_is_on_article_pages_hidden_until_the_script_finds_speech(built):
    for url in ("events/yunwu-tea-fair/", "honorees/2023-sample-sun/", "knowledge/", "stations/qinghe-practice-centre/"):
        box = built.html(url).select_one("[data-wm-readaloud]")
        assert box is not None and box.has_attr("hidden"), url
        assert [b.get_text() for b in box.find_all("button")] == ["朗读本页", "停止"]
        assert built.html(url).select_one('script[src$="readaloud.js"]') is not None, url
    for url in ("", "events/", "knowledge/quiz/"):
        assert built.html(url).select_one("[data-wm-readaloud]") is None, url
        assert built.html(url).select_one('script[src$="readaloud.js"]') is None, url   # not loaded for nothing
    script = built.text("assets/wenming/readaloud.js")
    assert "speechSynthesis" in script and "http" not in script


def test_new_entries_have_one_search_entry_each_and_are_in_the_sitemap(built):
    docs = json.loads(built.text("search/search_index.json"))["docs"]
    by_location = {d["location"]: d for d in docs}
    station = by_location["stations/qinghe-practice-centre/"]
    assert "心理\u200b疏导" in station["text"] or "心理疏导" in station["text"].replace("\u200b", "")
    assert "ads/civility-poster/" in by_location and "ads/draft-poster/" not in by_location
    assert any(d["location"].startswith("knowledge/quiz/") for d in docs)   # the quiz is searchable
    xml = built.text("sitemap.xml")
    for url in ("knowledge/", "knowledge/quiz/", "notices/", "stations/", "stations/qinghe-practice-centre/",
                "ads/", "ads/civility-poster/", "services/"):
        assert f"https://wenming.qinghe.example.cn/{url}</loc>" in xml, url
    links = {a["href"] for a in built.html("sitemap/").select("a")}
    assert "../stations/liutang-village-station/" in links and "../knowledge/quiz/" in links


# ---- the schematic's geometry ------------------------------------------------

def test_schematic_puts_the_centre_town_in_the_middle_and_the_others_round_it():
    towns = [("城关镇", "town-1", [("实践中心", 1)], True)] + \
            [(f"乡{i}", f"town-{i + 2}", [("实践所", 1), ("实践站", i)], False) for i in range(6)]
    m = stationmap.layout(towns)
    hub, *ring = m.nodes
    assert hub.hub and (hub.x, hub.y) == (m.size / 2, m.size / 2)
    assert ring[0].x == m.size / 2 and ring[0].y < hub.y          # the first goes at the top
    radii = {round(math.hypot(n.x - hub.x, n.y - hub.y)) for n in ring}
    assert len(radii) == 1 and len(m.edges) == 6
    for n in m.nodes:          # every circle and label inside the picture
        assert n.r <= n.x <= m.size - n.r and n.y + n.r + n.font + 4 <= m.size
    assert [n.total for n in ring] == [1, 2, 3, 4, 5, 6]


def test_schematic_without_a_centre_and_with_a_long_town_name():
    m = stationmap.layout([("某某彝族苗族自治乡", "town-1", [("实践站", 2)], False)])
    (only,) = m.nodes
    assert (only.x, only.y) == (m.size / 2, m.size / 2) and not m.edges
    assert only.font * len(only.name) <= stationmap.LABEL_WIDTH
    assert stationmap.layout([]).nodes == ()


def test_the_practice_page_counts_only_published_stations_and_hides_the_line_without_any(built, project, tmp_path):
    line = built.html("practice/").select_one("p.wm-more a[href$='stations/']")
    assert line is not None and line.get_text(strip=True).startswith("文明实践阵地：4 个")   # the fifth is an example
    stations = project / "data/stations/stations.yml"
    text = stations.read_text("utf-8").replace("    example: true\n", "")
    stations.write_text(text.replace("  - id: ", "  - example: true\n    id: "), "utf-8")
    result = run_build(project, tmp_path / "site", {"WENMING_PRODUCTION": "1"})
    assert result.returncode == 0, result.log
    practice = result.text("practice/index.html")
    assert "文明实践阵地：" not in practice and "0 个中心" not in practice
