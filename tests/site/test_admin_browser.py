"""The web forms in Chromium at an office screen's size (1366×768), on a copy of the fixture
county with Decap's local backend (decap-server): an honoree and an event added through the
forms, Chinese typed as an input method commits it, no request to any other host, and the
files the forms wrote pass the data check and a strict build."""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from browser_server import DECAP_SERVER as SERVER, decap_proxy, serve
from conftest import ROOT, copy_project, run_build
import yaml

CMS = ROOT / "node_modules" / "decap-cms" / "dist" / "decap-cms.js"


def load_plain(path: Path) -> dict:
    """Every scalar as its text: `{value: 640}` and `value: 640` read the same."""
    return yaml.load(path.read_text("utf-8"), Loader=yaml.BaseLoader)


DESKTOP = {"viewport": {"width": 1366, "height": 768}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}


@pytest.fixture(scope="module")
def forms_site(tmp_path_factory) -> Path:
    """The fixture county's site with its forms, built once: every test's project starts as the
    same copy of the fixture, so each test gets a copy of this site (its forms save into the
    test's own project through its own decap-server)."""
    why = "" if shutil.which("node") and SERVER.is_file() and CMS.is_file() else "node or decap-cms/decap-server missing (npm ci)"
    if why:
        if os.environ.get("CI") == "true":
            pytest.fail(why)
        pytest.skip(why)
    folder = tmp_path_factory.mktemp("forms-site")
    result = run_build(copy_project(folder / "project"), folder / "site", {"WENMING_NODE_MODULES": str(ROOT / "node_modules")})
    assert result.returncode == 0, result.log
    return folder / "site"


@pytest.fixture
def forms(forms_site, project, tmp_path, browser):
    yield from _forms(forms_site, project, tmp_path, browser, DESKTOP)


@pytest.fixture(params=["desktop", "phone"])
def screen(request, forms_site, project, tmp_path, browser):
    """The forms on an office screen and on a phone; the page has `.phone` set."""
    yield from _forms(forms_site, project, tmp_path, browser, PHONE if request.param == "phone" else DESKTOP)


def _forms(forms_site, project, tmp_path, browser, size):
    site = shutil.copytree(forms_site, tmp_path / "site")
    with decap_proxy(site, project):
        context = browser.new_context(**size, locale="zh-CN", timezone_id="Asia/Shanghai")
        page = context.new_page()
        page.phone = size is PHONE
        page.site = site
        page.requests = []
        page.on("request", lambda r: page.requests.append(r.url))
        page.clock.install()     # time flows as usual; a test may jump to the status panel's next look
        with serve(site, "/wenming/") as base:
            page.goto(base + "admin/")
            page.get_by_role("button", name="登录").click()
            page.get_by_text("集合").first.wait_for()
            yield page, base
        context.close()


def _ime(page, label: str, text: str) -> None:
    """Type as a Chinese input method does: the composed text arrives in one input event."""
    page.get_by_label(label).last.click()
    page.keyboard.insert_text(text)


def _choose(page, label: str, option: str) -> None:
    page.get_by_label(label).last.click()
    page.get_by_text(option, exact=True).last.click()


def _choose_id(page, label: str, id_: str) -> None:
    """A reference: the choices are "name（id）", from the data."""
    page.get_by_label(label).last.click()
    page.locator('[class*="-menu"]').get_by_text(f"（{id_}）").click()


def _open(page, base: str, project: Path, kind: str, name: str) -> None:
    """A list file in the forms, once its entries are there (an early click would start a new file)."""
    first = load_plain(project / f"data/{kind}/{name}.yml")[kind][0]["id"]
    page.goto(base + f"admin/#/collections/{kind}")    # as an editor goes: the list of files, then one
    page.get_by_text(f"{name}.yml", exact=True).click()
    page.get_by_text(f"（{first}）").wait_for()


def _close_notices(page) -> None:
    """Decap's notices stay about 8 s; on a phone one covers 发布 (Playwright would wait for it to
    go): tapped away, as an editor does (a notice closes when tapped)."""
    for notice in page.locator(".Toastify__toast:not([data-in=false])").all():   # not those leaving
        notice.dispatch_event("click")


def _publish(page, path: Path) -> None:
    """发布 and 立即发布, then wait for the file to change and for this save's status panel (the
    panel of an earlier save would say 检查中 at once: it is removed first)."""
    before = path.read_bytes()
    page.evaluate("document.getElementById('wenming-status')?.remove()")
    _close_notices(page)
    page.get_by_role("button", name="发布").first.click()
    page.get_by_text("立即发布").click()
    for _ in range(300):
        if path.read_bytes() != before:
            break
        page.wait_for_timeout(100)
    else:
        raise AssertionError(f"{path.name} was not saved within 30 s")
    page.locator("#wenming-status").get_by_text("检查中").wait_for()     # the panel follows the save


def test_an_honoree_and_an_event_added_in_the_forms_pass_the_check_and_build(forms, project, tmp_path):
    page, base = forms
    before = load_plain(project / "data/honorees/2024.yml")["honorees"]

    _open(page, base, project, "honorees", "2024")
    page.get_by_text("新增好人").click()
    page.get_by_label("编号（网址）").last.fill("2024-form-li")
    _ime(page, "姓名", "李表单")
    _choose(page, "类别", "见义勇为")
    _ime(page, "所在村（社区）或单位", "青禾县柳塘镇柳塘村")
    _ime(page, "简介", "在网页表单里添加的好人。")
    page.get_by_label("详细事迹").last.fill("第一段。\n\n- **加粗**一条\n- 第二条")
    page.get_by_text("新增获得荣誉").last.click()
    _choose_id(page, "荣誉编号", "qinghe-good-people-2023")
    _choose(page, "状态", "入选")
    assert page.get_by_label("姓名").last.input_value() == "李表单"
    _publish(page, project / "data/honorees/2024.yml")

    _open(page, base, project, "events", "2024")
    page.get_by_text("新增活动").click()
    page.get_by_label("编号（网址）").last.fill("form-tea-talk")
    _ime(page, "标题", "茶话会")
    _choose(page, "类别", "宣传活动")
    _ime(page, "简介", "在网页表单里添加的活动。")
    page.locator('input[id^="start-field-"]').last.fill("2024-09-01")
    updated = page.locator('input[id^="updated-field-"]').last
    # 07:30 in Beijing is still yesterday in UTC: 现在 must give the editor's day
    page.clock.set_fixed_time(dt.datetime(2026, 12, 1, 23, 30, tzinfo=dt.timezone.utc))
    updated.locator("xpath=following::button[normalize-space()='现在'][1]").click()
    _ime(page, "地点", "青禾县文化馆")
    _ime(page, "主办单位", "青禾县文明办")
    _publish(page, project / "data/events/2024.yml")

    hosts = {urlsplit(u).hostname for u in page.requests if u.startswith("http")}
    assert hosts <= {"127.0.0.1", "localhost"}, hosts

    after = load_plain(project / "data/honorees/2024.yml")["honorees"]
    assert after[:-1] == before, "the forms changed entries nobody edited"
    new = after[-1]
    assert new["id"] == "2024-form-li" and new["name"] == "李表单" and new["category"] == "见义勇为"
    assert new["story"].startswith("第一段。\n\n- **加粗**一条")
    events = load_plain(project / "data/events/2024.yml")["events"]
    assert events[-1]["id"] == "form-tea-talk" and events[-1]["start"] == "2024-09-01"
    assert events[-1]["updated"] == "2026-12-02", "现在 is the day in Beijing, not in UTC"

    check = subprocess.run([sys.executable, str(project / "hooks/check.py"), str(project)],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    assert re.search(r"数据检查通过：7 个活动，8 位好人", check.stdout), check.stdout
    result = run_build(project, tmp_path / "site2")
    assert result.returncode == 0, result.log
    assert "李表单" in (tmp_path / "site2/honorees/2024-form-li/index.html").read_text("utf-8")
    assert "茶话会" in (tmp_path / "site2/events/form-tea-talk/index.html").read_text("utf-8")


LONG_STORY = "\n\n".join(f"第{i}段：陆小禾同学每周为村里的留守儿童义务辅导功课，风雨无阻。" * 8 for i in range(1, 13))


def test_a_form_edit_changes_only_the_value_the_editor_changed(forms, project):
    """Comments, blank lines, flow maps, a long story and a field the forms do not know are all
    still in the file after an entry is edited and published through the forms: the file differs
    from before in the edited line only."""
    page, base = forms
    path = project / "data/honorees/2024.yml"
    text = path.read_text("utf-8")
    text = text.replace("  - id: 2024-minor-lu\n", "  # 学校推荐，家长已签字同意\n  - id: 2024-minor-lu  # 未成年人\n", 1)
    text = text.replace("      陆小禾同学每周为村里的留守儿童义务辅导功课。\n",
                        "".join(f"      {p}\n" if p else "\n" for p in LONG_STORY.split("\n")), 1)
    text = text.replace("    guardian_consent: true\n", "    guardian_consent: true\n    内部备注: 表格第12行，乡镇报送\n", 1)
    path.write_text(text, "utf-8")

    _open(page, base, project, "honorees", "2024")
    item = page.get_by_text("钱兰 （2024-qian-lan）").locator("xpath=..")
    item.locator("button").first.click()      # the item's open/close arrow
    summary = item.get_by_label("简介（必填）", exact=True)
    summary.fill("")
    summary.press_sequentially("照顾瘫痪婆婆十二年，")
    page.keyboard.insert_text("带动全村敬老爱老。")
    _publish(page, path)

    after = path.read_text("utf-8")
    changed = [(a, b) for a, b in zip(text.splitlines(), after.splitlines()) if a != b]
    assert len(after.splitlines()) == len(text.splitlines()), after
    assert changed == [("    summary: 照顾瘫痪婆婆十二年，带动全村敬老。",
                        "    summary: 照顾瘫痪婆婆十二年，带动全村敬老爱老。")], changed
    assert yaml.safe_load(after)["honorees"][1]["story"].rstrip("\n") == LONG_STORY


def _shot(page, name: str) -> None:
    """Screenshots to look at: WENMING_SHOTS=/some/folder."""
    if os.environ.get("WENMING_SHOTS"):
        page.screenshot(path=f"{os.environ['WENMING_SHOTS']}/{name}-{'phone' if page.phone else 'desktop'}.png")


def _page_now(page) -> str:
    """The page's clock (which a test may have moved on), as the preview writes it into status.json."""
    return dt.datetime.fromtimestamp(page.evaluate("Date.now()") / 1000, dt.timezone.utc).isoformat()


def _next_look(page) -> None:
    """The status panel reads status.json 3 s after a save, then every 5 s: its next look, now."""
    page.clock.fast_forward(5000)


def _status(page, text: str) -> str:
    panel = page.locator("#wenming-status")
    panel.get_by_text(text).first.wait_for()
    return panel.inner_text()


def _no_sideways_scroll(page) -> None:
    assert page.evaluate("document.scrollingElement.scrollWidth") <= page.viewport_size["width"]


def _composed(page, label: str, pinyin: str, text: str) -> None:
    """A Chinese input method as Chromium drives it: composition events with the pinyin, then
    the chosen characters committed (Decap issues #4837, #6287 lost or doubled such input)."""
    field = page.get_by_label(label).last
    field.tap() if page.phone else field.click()
    cdp = page.context.new_cdp_session(page)
    for i in range(1, len(pinyin) + 1):
        cdp.send("Input.imeSetComposition", {"text": pinyin[:i], "selectionStart": i, "selectionEnd": i})
    cdp.send("Input.insertText", {"text": text})
    cdp.detach()


def test_the_forms_refuse_what_the_check_refuses_and_tell_the_truth_after_saving(screen, project):
    """On an office screen and on a phone (390 px, no sideways scroll, 新增好人 tapped, Chinese
    typed through composition events): a mobile number in the summary is refused beside its
    field, an award the data does not have (an honour is a list in a list) by the last check
    before saving, which names where it is and shows its message beside the field; each time with the check's Chinese message and
    nothing written. Once mended, the save is followed to the preview's check: 检查中, then its
    error lines, and after a good check 数据检查通过; never 已发布."""
    page, base = screen
    path = project / "data/honorees/2024.yml"
    text = path.read_text("utf-8")
    # an entry whose award was renamed in awards.yml after this site was built
    stale = text.replace("qinghe-good-people-2023", "good-people-2024", 1)
    path.write_text(stale, "utf-8")

    _open(page, base, project, "honorees", "2024")
    _no_sideways_scroll(page)
    add = page.get_by_text("新增好人")
    add.tap() if page.phone else add.click()
    page.get_by_label("编号（网址）").last.fill("2024-form-zhou")
    # required fields are marked, optional ones keep Decap's own mark (both from the models)
    assert page.locator("label", has_text="姓名（必填）").last.is_visible()
    assert page.locator("label", has_text="详细事迹 (可选)").last.is_visible()
    _composed(page, "姓名", "zhoushouji", "周手机")
    _choose(page, "类别", "助人为乐")
    _composed(page, "所在村（社区）或单位", "qinghexian", "青禾县柳塘镇柳塘村")
    _composed(page, "简介", "lianxi", "热心助人，联系电话 13812345678。")
    page.get_by_text("新增获得荣誉").last.click()
    _choose_id(page, "荣誉编号", "qinghe-good-people-2023")
    _choose(page, "状态", "入选")
    assert page.get_by_label("姓名").last.input_value() == "周手机"
    _no_sideways_scroll(page)
    page.get_by_role("button", name="发布").first.click()
    page.get_by_text("立即发布").click()
    phone = page.get_by_text("不能含有身份证号码、个人手机或电话号码").first
    phone.wait_for()
    box, field = phone.bounding_box(), page.get_by_label("简介").last.bounding_box()
    assert abs(box["y"] - field["y"]) < 120, "the message stands beside its field"
    _no_sideways_scroll(page)
    phone.scroll_into_view_if_needed()
    _shot(page, "refused-phone-number")
    assert path.read_text("utf-8") == stale, "a refused save writes nothing"

    # an honour is a list inside a list, which Decap 3.16.3 checks unreliably: guard.js checks
    # the whole entry before anything is written and says where the problem is
    summary = page.get_by_label("简介").last
    summary.click()
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    page.keyboard.insert_text("热心助人，常年照顾孤寡老人。")
    assert summary.input_value() == "热心助人，常年照顾孤寡老人。"
    page.get_by_role("button", name="发布").first.click()
    page.get_by_text("立即发布").click()
    shown = _status(page, "没有保存")
    assert "身边好人 › 第 1 项（钱兰） › 获得荣誉 › 第 1 项（good-people-2024） › 荣誉编号：找不到这个荣誉" in shown, shown
    page.get_by_text("没有保存：").first.wait_for()         # Decap's own notice says so too
    # ... and beside the field: 钱兰's entry and its honour opened, the message in the field's top bar
    note = page.locator(".wenming-field-error").filter(has_text="找不到这个荣誉")
    note.wait_for()
    award = note.locator("xpath=ancestor::*[contains(@class, '-ControlContainer')][1]")
    assert award.locator("label").first.inner_text().startswith("荣誉编号")
    entry = award.locator("xpath=ancestor::*[contains(@class, '-SortableListItem')][last()]")
    assert entry.get_by_label("姓名").first.input_value() == "钱兰"
    page.locator("#wenming-status").get_by_role("button", name="关闭").click()
    note.scroll_into_view_if_needed()
    box, field = note.bounding_box(), award.locator('[class*="-control"]').first.bounding_box()
    assert note.is_visible() and field["y"] - box["y"] < 120, "the message stands beside its field"
    _no_sideways_scroll(page)
    _shot(page, "refused-award")
    assert path.read_text("utf-8") == stale, "a refused save writes nothing"

    award.locator('[class*="-control"]').first.click()
    page.locator('[class*="-menu"]').get_by_text("（qinghe-good-people-2023）").click()
    assert not note.count(), "a mended field loses its message"
    _publish(page, path)
    after = load_plain(path)["honorees"]
    assert after[-1]["id"] == "2024-form-zhou" and after[-1]["summary"] == "热心助人，常年照顾孤寡老人。"
    assert "minor" not in after[-1] and "draft" not in after[-1], "switches left off are not written"
    assert path.read_text("utf-8").count("good-people-2024") == 0

    # the preview rebuilt: its check refused something (as `mkdocs serve` writes admin/status.json)
    line = "data/honorees/2024.yml:40:14: 错误: honorees[4].summary: 示例错误行"
    status = page.site / "admin" / "status.json"
    status.write_text(json.dumps({"built": _page_now(page), "ok": False, "errors": [line]}, ensure_ascii=False), "utf-8")
    _next_look(page)
    shown = _status(page, "未通过检查")
    assert line in shown and "已发布" not in shown
    _shot(page, "status-refused")
    _no_sideways_scroll(page)
    page.get_by_label("详细事迹").last.fill("第一段。")
    _publish(page, path)
    status.write_text(json.dumps({"built": _page_now(page), "ok": True, "errors": []}), "utf-8")
    _next_look(page)
    assert "数据检查通过" in _status(page, "已保存到本机")
    _shot(page, "status-saved")
    assert not page.get_by_text("已发布").count()
