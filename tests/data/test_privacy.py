"""Personal data never reaches the site; minors are shown minimally; honours
under public notice are labelled with their window and objection contact."""
from __future__ import annotations

import datetime as dt
import random
import re

import pytest

from kit.data import dataset
from kit.data.rules import privacy
from kit.data.rules.checks import is_minor
from conftest import FIXTURE, run_build
from kit.data.rules.privacy import findings, is_id_card, mask

SITE_PHONE = frozenset({"08797654321"})


@pytest.mark.parametrize("number, valid", [
    ("11010519491231002X", True),
    ("11010519491231002x", True),
    ("110105194912310021", False),
    ("440524188001010014", True),
    ("440524188001010015", False),
])
def test_id_card_check_digit(number, valid):
    assert is_id_card(number) is valid


@pytest.mark.parametrize("text, kinds", [
    ("身份证 11010519491231002X。", ["身份证号码"]),
    ("编号110105194912310021", []),                     # wrong check digit: not an ID card
    ("手机13812345678", ["手机号码"]),
    ("手机 138-1234-5678", ["手机号码"]),
    ("手机 +86 138 1234 5678", ["手机号码"]),
    ("电话0871-6543210", ["固定电话号码"]),
    ("电话（0871）65432100", ["固定电话号码"]),
    ("咨询电话 0879-7654321", []),                       # the site-wide number (fixture's data/site.yml)
    ("住在建设路12号", ["门牌地址"]),
    ("住在幸福巷三号", ["门牌地址"]),
    ("家住3栋2单元", ["门牌地址"]),
    ("门牌号见登记表", ["门牌地址"]),
    ("云雾茶会直播观看806.5万人次", []),
    ("开展活动136期，参与群众9.8万人次", []),
    ("2023年7月1日至2023年7月7日", []),
    ("第一单元阅读课", []),
])
def test_findings(text, kinds):
    assert [kind for _, kind, _ in findings(text, SITE_PHONE)] == kinds


def test_numbers_are_masked_in_messages():
    assert mask("手机号码", "138 1234 5678") == "138****5678"
    assert mask("身份证号码", "11010519491231002X") == "110***********002X"


def test_fixture_data_has_no_personal_data_and_passes():
    data = dataset.build(FIXTURE / "data", FIXTURE, dt.date(2024, 1, 1), production=False)
    assert data.honorees


def test_minor_by_birth_year_counts_the_publish_date():
    class H:
        minor = False
        birth_year = 2006
        publish = None
        honours = []
    assert is_minor(H, set(), dt.date(2023, 12, 31))
    assert not is_minor(H, set(), dt.date(2024, 1, 1))
    H.publish = dt.date(2023, 6, 1)            # already published: today decides
    assert not is_minor(H, set(), dt.date(2024, 1, 1))


def _minor_project(project, photo_consent: bool):
    path = project / "data/honorees/2023.yml"
    text = path.read_text("utf-8")
    marker = "    minor: true\n    guardian_consent: true\n"
    assert marker in text
    extra = ("    birth_year: 2011\n    photo:\n      src: photos/yunwu-tea-fair.jpg\n      alt: 郑某某\n"
             + ("    photo_consent: true\n" if photo_consent else ""))
    path.write_text(text.replace(marker, marker + extra, 1), "utf-8")


@pytest.mark.parametrize("consent", [False, True])
def test_minors_are_shown_minimally(project, tmp_path, consent):
    _minor_project(project, consent)
    result = run_build(project, tmp_path / "site", {"SOURCE_DATE_EPOCH": "1704067200"})
    assert result.returncode == 0, result.log
    page = result.html("honorees/2023-sample-zheng/")
    body = page.select_one(".wm-entry--honoree")
    assert body.select_one("h1, .wm-lead") is not None
    assert "2011" not in page.get_text() and "岁" not in body.get_text()
    facts = {dt_.get_text(): dt_.find_next_sibling("dd").get_text() for dt_ in body.select(".wm-facts dt")}
    assert facts == {"学校": "青禾县实验中学"}
    assert bool(body.select(".wm-portrait img")) is consent
    listing = result.html("honorees/")
    card = next(c for c in listing.select(".wm-card") if "郑某某" in c.get_text())
    assert "青禾县实验中学" not in card.get_text()


def test_minor_without_guardian_consent_stops_the_build(project, tmp_path):
    path = project / "data/honorees/2023.yml"
    path.write_text(path.read_text("utf-8").replace("    guardian_consent: true\n", "", 1), "utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert ("data/honorees/2023.yml:35:5: 错误: honorees[3].guardian_consent: 这是未成年人（minor: true、新时代好少年或未满 18 岁），"
            "发布前必须取得监护人书面同意") in result.log


def test_personal_data_stops_the_build_naming_the_field(project, tmp_path):
    path = project / "data/honorees/2023.yml"
    text = path.read_text("utf-8").replace("从不收取一分钱。", "从不收取一分钱。联系电话13812345678。", 1)
    path.write_text(text, "utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "data/honorees/2023.yml:10:" in result.log
    assert "错误: honorees[0].story: 含有手机号码“138****5678”。" in result.log
    assert "13812345678" not in result.log


def test_honours_under_public_notice_are_labelled_with_window_and_contact():
    # rendered on a day inside the fixture's window (after it the page says 公示期已结束)
    import datetime as dt

    from bs4 import BeautifulSoup
    from pages.test_notice_window import honoree_page

    page = BeautifulSoup(honoree_page(dt.date(2023, 11, 22), "2023-sample-he"), "lxml")
    honour = page.select_one(".wm-honour--公示中")
    assert honour is not None
    text = honour.get_text()
    assert "公示中" in text
    assert "公示期：2023年11月20日至2023年11月26日" in text
    assert "青禾县文明办 0879-7654321（工作日 9:00—17:00）" in text


def test_the_quick_prefilter_never_hides_a_finding(monkeypatch):
    """findings() skips values without a digit, 号 or 门牌; on texts built from the pieces the
    patterns match, it finds exactly what the full scan finds."""
    pieces = ["1", "3", "8", "0", "５", "０", "一", "三", "十", "路", "街", "组", "号", "栋", "单元", "室",
              "门牌", "（", "）", "-", "X", "+86", "某", "村", "的", " ", "13812345678", "0871-6512345",
              "110105194912310029", "幸福路三号", "５号楼"]
    rng = random.Random(5)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) for _ in range(20000)]
    quick = [privacy.findings(t) for t in texts]
    monkeypatch.setattr(privacy, "CANDIDATE", re.compile(""))
    assert quick == [privacy.findings(t) for t in texts]
    assert sum(1 for f in quick if f) > 1000


def test_a_file_found_clean_is_scanned_again_only_under_other_rules():
    """The fast door keeps parsed files between builds (.cache/), with the checks that found
    nothing in them (Doc.clean): the same file under other rules is scanned again."""
    from kit.data.files.yamlread import load_file
    from kit.data.errors import Report
    from kit.data.rules import wording
    doc = load_file("hotline: 咨询电话 0879-7654321\nstory: 他说要好好学习\n".encode(), "data/x.yml", Report())
    settings = load_file("phone: 0879-7654321\n".encode(), "data/site.yml", Report())
    report = Report()
    privacy.scan({"data/x.yml": doc, "data/site.yml": settings}, report)
    assert not report and any(mark.startswith("privacy:") for mark in doc.clean)
    privacy.scan({"data/x.yml": doc, "data/site.yml": settings}, report)      # skipped, still nothing
    assert not report
    privacy.scan({"data/x.yml": doc}, report)        # the number no longer the department's own
    assert [p.path for p in report.problems] == ["hotline"]

    term = wording.Term.model_construct(word="好好学习", right="", source="测试")
    words = wording.Words(terms={"好好学习": ("错误", term)})
    hints: list[str] = []
    wording.scan_docs({"data/x.yml": doc}, wording.Words(terms={"别的词": ("错误", term)}).compile(), report, hints)
    assert any(mark.startswith("wording:") for mark in doc.clean)
    before = len(report.problems)
    wording.scan_docs({"data/x.yml": doc}, words.compile(), report, hints)
    assert len(report.problems) == before + 1 and report.problems[-1].path == ""


def test_a_word_files_digest_is_not_taken_for_a_phone_number(project):
    """`make import` writes the Word file's sha256 as `source:`; its hex digits once held "16612341861"
    and the import was refused as a post with a mobile number. A number in the text still is."""
    from kit.data.errors import Report
    from kit.data.files import posts
    digest = "0a" + "16612341861" + "b" * 51
    text = (f"---\ndate: 2024-07-02\nslug: walk-digest\ntitle: 会议\nauthors: [wenmingban]\ncategories:\n  - 创建动态\n"
            f"source: sha256:{digest}\n---\n\n# 会议\n\n会议要求全面推进。\n")
    path = project / "docs/blog/posts/walk-digest.md"
    path.write_text(text, "utf-8")
    report = Report()
    posts.check(project, dt.date(2026, 12, 4), report)
    assert not [line for line in report.lines() if "walk-digest" in line], report.lines()
    path.write_text(text.replace("全面推进。", "全面推进，联系13812345678。"), "utf-8")
    report = Report()
    posts.check(project, dt.date(2026, 12, 4), report)
    assert [line for line in report.lines() if "walk-digest.md:13:" in line and "手机号码" in line], report.lines()
