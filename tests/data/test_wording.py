"""错敏 check (kit/data/rules/wording.py): the kit's word list, the county's data/wording.yml and its
领导名单, on news posts and every text value of the data, through `make check` (hooks/check.py)."""
from __future__ import annotations

import subprocess
import sys
import time

from conftest import FIXTURE, ROOT
from kit.data.rules import wording
from kit.data.errors import Report


def _check(project) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "hooks/check.py"), str(project)],
                          capture_output=True, text=True, encoding="utf-8")


def _edit(path, old, new):
    text = path.read_text("utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), "utf-8")


def _line_of(path, needle) -> tuple[int, int]:
    for n, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if needle in line:
            return n, line.index(needle) + 1
    raise AssertionError(needle)


def test_a_post_with_a_banned_word_and_a_misspelt_leader_in_a_story_stop_make_check(project):
    post = project / "docs/blog/posts/2023-tea-fair.md"
    _edit(post, "活动当天，", "活动当天，残废人志愿者也来了。")
    honorees = project / "data/honorees/2024.yml"
    _edit(honorees, "钱兰照顾瘫痪", "县委书记林守证看望了她。钱兰照顾瘫痪")
    proc = _check(project)
    assert proc.returncode == 1, proc.stdout
    line, col = _line_of(post, "残废人")
    assert (f"docs/blog/posts/2023-tea-fair.md:{line}:{col}: 错误: 不规范用语“残废人”"
            f"（新华社禁用词：不使用“残废人”等蔑称），应为“残疾人”") in proc.stdout.splitlines()
    line, col = _line_of(honorees, "林守证")
    assert (f"data/honorees/2024.yml:{line}:{col}: 错误: “县委书记”的姓名“林守证”与领导名单不符"
            f"（县委书记 林守正），应为“林守正”") in proc.stdout.splitlines()


def test_a_marked_quotation_passes_and_a_caution_word_is_only_a_note(project):
    post = project / "docs/blog/posts/2023-tea-fair.md"
    _edit(post, "活动当天，", "<!-- 错敏:允许 -->\n> 老人说：“那时候大家都叫我们残废人。”\n\n活动当天，最美县城")
    honorees = project / "data/honorees/2024.yml"
    _edit(honorees, "    story: |\n      钱兰", "    # 错敏:允许（照录原话）\n    story: |\n      “弱智的孩子也要上学。”钱兰")
    proc = _check(project)
    assert proc.returncode == 0, proc.stdout
    line, col = _line_of(post, "最美县城")
    assert f"docs/blog/posts/2023-tea-fair.md:{line}:{col}: 提示: 慎用词“最美县城”（县委宣传部：评比称号须有出处），请删除或改写" \
        in proc.stdout.splitlines()


def test_the_county_file_is_optional_and_checked_like_data(project):
    (project / "data/wording.yml").unlink()
    assert _check(project).returncode == 0
    (project / "data/wording.yml").write_text("leaders:\n  - {post: 县长, nam: 某某某}\n", "utf-8")
    proc = _check(project)
    assert proc.returncode == 1
    assert any(line.startswith("data/wording.yml:2:") and "nam" in line for line in proc.stdout.splitlines()), proc.stdout


def test_wrong_words_in_every_data_file_and_the_county_pairs(project):
    _edit(project / "data/campaign.yml", "\n", "\n# 无关注释：残废人（注释不检查）\n")
    _edit(project / "data/events/2024.yml", "在人民广场举办元宵灯谜会", "在柳糖镇举办元宵灯谜会")
    proc = _check(project)
    assert proc.returncode == 1
    wrong = [line for line in proc.stdout.splitlines() if ": 错误: " in line]
    line, col = _line_of(project / "data/events/2024.yml", "柳糖镇")
    assert wrong == [f"data/events/2024.yml:{line}:{col}: 错误: 不规范用语“柳糖镇”（本县乡镇规范名称），应为“柳塘镇”"]


def test_leader_rules_one_character_off_before_or_after_and_other_posts_left_alone():
    words = wording.load(FIXTURE / "data", FIXTURE, Report())
    found = lambda text: [(h.found, h.message.rsplit("应为", 1)[1]) for h in wording.hits(text, words)]
    assert found("县长周明远主持，林守正书记讲话") == []
    assert found("周名远县长主持") == [("周名远", "“周明远”")]
    assert found("县长 周明元到会") == [("周明元", "“周明远”")]
    assert found("副县长周明元到会") == []          # another post
    assert found("县长林守正") == []                # a listed name (of another post) is not a typo
    assert found("县长宣布开幕") == []              # not a name at all


def test_the_word_search_is_one_pass_and_fast():
    words = wording.load(FIXTURE / "data", FIXTURE, Report())
    text = "青禾县文明实践志愿服务活动持续开展，群众满意度不断提升。" * 40
    start = time.perf_counter()
    for _ in range(3000):
        wording.hits(text, words)
    assert time.perf_counter() - start < 5      # 3,000 values of 1,000 characters each


def test_the_build_stops_on_a_wrong_word_like_make_check(project, tmp_path):
    from conftest import run_build
    post = project / "docs/blog/posts/2023-tea-fair.md"
    _edit(post, "活动当天，", "活动当天，高质皇发展")
    result = run_build(project, tmp_path / "site")
    assert result.returncode != 0
    line, col = _line_of(post, "高质皇发展")
    assert (f"docs/blog/posts/2023-tea-fair.md:{line}:{col}: 错误: 不规范用语“高质皇发展”（常见错别字），应为“高质量发展”"
            in result.log), result.log[-2000:]
