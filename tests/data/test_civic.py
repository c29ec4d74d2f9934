"""应知应会 and the quiz, 文明实践阵地, 公益广告, services: their data rules, file:line messages,
the 公示 board and the site-health report (with a fake clock), on the fixture county."""
from __future__ import annotations

import datetime as dt

import pytest

from kit.data.rules import health
from kit.data.dataset import build
from kit.data.errors import DataInvalid
from kit.data.rules.notices import board

DAY = dt.date(2024, 3, 10)


def _build(project, today=DAY, production=False):
    return build(project / "data", project, today, production)


def _errors(project, today=DAY) -> list[str]:
    with pytest.raises(DataInvalid) as exc:
        _build(project, today)
    return exc.value.report.lines()


def _edit(project, rel, old, new):
    path = project / "data" / rel
    text = path.read_text("utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_fixture_kinds_load_and_drafts_and_examples_follow_the_publication_rules(project):
    d = _build(project)
    assert [s.id for s in d.stations] == ["qinghe-practice-centre", "liutang-practice-institute",
                                         "liutang-village-station", "yunwu-tea-base"]
    assert [a.id for a in d.ads] == ["civility-poster", "queue-slogan"]
    assert any("“guiyuan-library-point”未发布：草稿" in line for line in d.withheld)
    assert any("“draft-poster”未发布：草稿" in line for line in d.withheld)
    assert [q.answer for q in d.knowledge.questions] == ["B", "A", "A"]
    assert [s.name for s in d.settings.services] == ["文明随手拍", "志愿服务报名"]
    public = d.public_photos()
    assert {"photos/ads/civility-poster.jpg", "photos/services/volunteer-qr.png"} <= public
    production = _build(project, production=True)
    assert "yunwu-tea-base" not in [s.id for s in production.stations]


def test_quiz_answer_must_be_one_of_the_options_and_topic_must_exist(project):
    _edit(project, "knowledge.yml", "      answer: B\n", "      answer: D\n")
    _edit(project, "knowledge.yml", "      topic: campaign\n", "      topic: campain\n")
    lines = _errors(project)
    assert ("data/knowledge.yml:33:15: 错误: knowledge.questions[0].answer: 答案“D”不在选项里：这道题有 3 个选项，"
            "答案应为 A、B、C 之一（第一个选项是 A）。示例：answer: A") in lines
    assert any(line.startswith("data/knowledge.yml:40:14: 错误: knowledge.questions[1].topic: 找不到应知应会主题“campain”")
               for line in lines), lines


def test_quiz_answer_outside_a_to_f_is_a_closed_vocabulary_error(project):
    _edit(project, "knowledge.yml", "      answer: B\n", "      answer: 富强\n")
    lines = _errors(project)
    assert any(line.startswith("data/knowledge.yml:33:15: 错误: knowledge.questions[0].answer: “富强”不是可选的值")
               for line in lines), lines


def test_station_landline_and_address_are_public_but_a_mobile_number_is_not(project):
    _build(project)    # the centre's 0879 landline and 文化路8号 address are allowed
    _edit(project, "stations/stations.yml", "    phone: 0879-7660001\n", "    phone: 13812345678\n")
    _edit(project, "stations/stations.yml", "    summary: 柳塘镇文明实践活动的组织阵地。",
          "    summary: 站长住在柳塘镇新街12号。")
    lines = _errors(project)
    assert "data/stations/stations.yml:20:12: 错误: stations[1].phone: 含有手机号码“138****5678”。" \
           "个人手机号码不能出现在网站上，请删除；需要留联系方式时，请用 data/site.yml 里的单位电话。" in lines
    assert any("stations[1].summary: 含有门牌地址“街12号”" in line for line in lines), lines


def test_station_kind_is_a_closed_list_with_a_station_example(project):
    _edit(project, "stations/stations.yml", "    kind: 实践所\n", "    kind: 实践中心站\n")
    assert _errors(project) == ["data/stations/stations.yml:15:11: 错误: stations[1].kind: “实践中心站”不是可选的值。"
                                "应为以下之一：实践中心、实践所、实践站、实践点、实践基地。示例：kind: 实践站"]


def test_ids_are_unique_across_stations_ads_and_other_entries(project):
    _edit(project, "ads.yml", "  - id: queue-slogan\n", "  - id: liutang-village-station\n")
    lines = _errors(project)
    assert any("编号“liutang-village-station”已被 data/stations/stations.yml" in line for line in lines), lines


def test_a_poster_needs_a_picture_and_a_print_file_must_be_a_pdf_or_image(project):
    _edit(project, "ads.yml", "    image: {src: photos/ads/civility-poster.jpg, alt: 公益海报“讲文明 树新风”：红色底色上写着标语，"
                              "下方是青禾县城的剪影}\n", "")
    _edit(project, "ads.yml", "    print_file: photos/ads/civility-poster.pdf", "    print_file: photos/ads/missing.pdf")
    lines = _errors(project)
    assert any(line.startswith("data/ads.yml:3:5: 错误: ads[0].image: 海报要有图片（image）") for line in lines), lines
    assert ("data/ads.yml:7:17: 错误: ads[0].print_file: 找不到印刷文件 data/photos/ads/missing.pdf。"
            "请检查文件名（区分大小写和扩展名），或把文件放进 data/photos/。") in lines


def test_a_service_needs_a_full_address_or_a_qr_image(project):
    _edit(project, "site.yml", "      qr: {src: photos/services/volunteer-qr.png, alt: 志愿服务报名小程序码}\n", "")
    lines = _errors(project)
    assert any("site.services[1].url: 服务“志愿服务报名”既没有网址（url）也没有二维码图片（qr）" in line
               for line in lines), lines
    # an address is a type (fields.Url), refused as the file is read, like a date
    _edit(project, "site.yml", "      url: https://suishoupai.qinghe.example.cn/\n", "      url: suishoupai.qinghe.cn\n")
    lines = _errors(project)
    assert any(line.startswith("data/site.yml:35:12: 错误: site.services[0].url: “suishoupai.qinghe.cn”不是完整的网址")
               for line in lines), lines


# ---- the 公示 board ----------------------------------------------------------

def test_notice_board_splits_current_upcoming_and_past_with_outcome(project):
    d = _build(project)
    he = next(h for h in d.honorees if h.id == "2023-sample-he")
    for today, state, outcome in ((dt.date(2023, 11, 19), "即将公示", ""), (dt.date(2023, 11, 20), "公示中", ""),
                                  (dt.date(2023, 11, 26), "公示中", ""), (dt.date(2023, 11, 27), "已结束", "结果待公布")):
        b = board([he], d.awards, today)
        found = b["current"] + b["past"]
        assert [(n.state, n.outcome) for n in found] == [(state, outcome)], today
        assert (found[0] in b["current"]) == (state != "已结束")
    decided = he.model_copy(update={"honours": [he.honours[0].model_copy(update={"status": "入选"})]})
    assert [n.outcome for n in board([decided], d.awards, DAY)["past"]] == ["已入选"]


def test_honours_without_a_window_are_not_on_the_board(project):
    d = _build(project)
    b = board(d.honorees, d.awards, DAY)
    assert [n.honoree.id for n in b["current"] + b["past"]] == ["2023-sample-he"]


# ---- site health, with a fake clock ------------------------------------------

def test_site_health_reports_stale_home_stale_and_empty_sections_undated_entries_and_open_notices(project):
    d = _build(project, dt.date(2024, 3, 12))
    news = [("春节文明实践活动", dt.date(2024, 3, 1))]
    lines = health.warnings(d, news, dt.date(2024, 3, 12))
    assert not any("首页最新" in line for line in lines)     # the 2024-03-05 poster is within 14 days
    assert any(line.startswith("网站健康: 栏目“文明实践阵地”有 3 个条目没有日期（liutang-practice-institute、"
                               "liutang-village-station、yunwu-tea-base）") for line in lines), lines
    assert ("网站健康: 好人“2023-sample-he”的“2023年“青禾好人””公示期（2023-11-20至2023-11-26）已结束，"
            "状态仍是“公示中”。请改为 入选、授予 或 撤销。") in lines
    later = health.warnings(d, news, dt.date(2024, 3, 20))
    assert ("网站健康: 首页最新的内容是 2024-03-05 的公益广告“civility-poster”，已经 15 天没有更新"
            "（政府网站检查要求首页 14 天内有更新）。请发布一篇工作动态或更新一项内容。") in later
    assert any(line.startswith("网站健康: 栏目“公益广告”最近一次更新是 2024-03-05，已经 15 天没有新内容") for line in later)


def test_site_health_counts_empty_sections_and_missing_news(project):
    (project / "data/ads.yml").write_text("ads: []\n", "utf-8")
    d = _build(project)
    lines = health.warnings(d, [], DAY)
    assert "网站健康: 栏目“公益广告”没有任何已发布的内容。检查时空白栏目会扣分：请添加内容。" in lines
    assert "网站健康: 栏目“工作动态”没有任何文章。检查时空白栏目会扣分：请发布一篇工作动态。" in lines


def test_news_dates_come_from_post_front_matter(tmp_path):
    posts = tmp_path / "posts"
    posts.mkdir()
    (posts / "a.md").write_text("---\ndate: 2024-03-01\ntitle: 甲\n---\n正文\n", "utf-8")
    (posts / "b.md").write_text("---\ndate:\n  created: 2024-02-01\ntitle: 乙\n---\n正文\n", "utf-8")
    (posts / "c.md").write_text("---\ndate: 2024-03-05\ntitle: 丙\ndraft: true\n---\n", "utf-8")
    assert health.news_dates(posts) == [("甲", dt.date(2024, 3, 1)), ("乙", dt.date(2024, 2, 1))]
