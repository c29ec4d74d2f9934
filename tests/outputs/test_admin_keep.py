"""The forms' save format (hooks/kit/outputs/yamlkeep.js) under Node with the same `yaml` files
the site serves: a save writes the editor's values and keeps everything else of the file —
comments, blank lines, key order, flow maps, quoting, block text, fields no form shows."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURE, ROOT
from kit.data.model.settings import Editing
from kit.outputs import cms

LIBRARY = ROOT / "node_modules" / "yaml" / "browser" / "dist" / "index.js"
FORMAT = ROOT / "hooks" / "kit" / "outputs" / "yamlkeep.js"


@pytest.fixture(scope="module")
def keep(tmp_path_factory):
    """keep("from", text) -> values Decap gets; keep("to", values, top_keys) -> the file's text."""
    why = "" if shutil.which("node") and LIBRARY.is_file() else "node or node_modules/yaml missing (npm ci)"
    if why:
        if os.environ.get("CI") == "true":
            pytest.fail(why)
        pytest.skip(why)
    here = tmp_path_factory.mktemp("keep")
    shutil.copy(FORMAT, here / "yamlkeep.mjs")
    (here / "run.mjs").write_text(
        f"import * as YAML from {json.dumps(LIBRARY.as_uri())};\n"
        "import {keepFormat, fieldOrder, fieldDefaults} from './yamlkeep.mjs';\n"
        "import fs from 'fs';\n"
        "const {config, calls} = JSON.parse(fs.readFileSync(0, 'utf8'));\n"
        "const f = keepFormat(YAML, fieldOrder(config), fieldDefaults(config));\n"
        "const out = calls.map(([op, ...args]) => { try { return {ok: f[op === 'from' ? 'fromFile' : 'toFile'](...args)}; }"
        " catch (e) { return {error: e.message}; } });\n"
        "process.stdout.write(JSON.stringify(out));\n", "utf-8")
    config = cms.config(Editing(), "https://example.org/")

    def run(*calls):
        done = subprocess.run(["node", str(here / "run.mjs")], input=json.dumps({"config": config, "calls": calls}),
                              capture_output=True, text=True, check=True)
        return json.loads(done.stdout)

    def one(op, *args):
        (result,) = run([op, *args])
        if "error" in result:
            raise ValueError(result["error"])
        return result["ok"]

    one.many = run
    return one


def fixture_files() -> list[Path]:
    return sorted(FIXTURE.joinpath("data").rglob("*.yml"))


def test_every_fixture_file_saved_unchanged_is_byte_identical(keep):
    files = fixture_files()
    assert len(files) >= 10
    read = keep.many(*[["from", p.read_text("utf-8")] for p in files])
    saved = keep.many(*[["to", r["ok"], list(r["ok"])] for r in read])
    for path, result in zip(files, saved):
        assert result["ok"] == path.read_text("utf-8"), path


HONOREES = """\
# 2024 年的好人。乡镇报送名单见内网。
honorees:
  - id: 2024-a   # 第一位
    name: 甲
    category: 孝老爱亲
    place: "青禾县  柳塘村"
    summary: 照顾婆婆。
    story: |
      第一段。

      第二段。
    honours:
      - {award: good-2023, status: 授予}
    内部备注: 表格第3行

  # 第二位：学校推荐
  - id: 2024-b
    name: 乙
    category: 勤学上进
    place: 实验小学
    summary: 辅导功课。
    story: 辅导。
    honours:
      - {award: star-2023, status: 入选}
"""


def changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    a, b = before.splitlines(), after.splitlines()
    assert len(a) == len(b), after
    return [(x, y) for x, y in zip(a, b) if x != y]


def test_a_changed_value_is_the_only_changed_line(keep):
    data = keep("from", HONOREES)
    data["honorees"][0]["summary"] = "照顾瘫痪婆婆十二年。"
    data["honorees"][1]["honours"][0]["status"] = "授予"
    data["honorees"][0]["place"] = "青禾县  柳塘镇柳塘村"
    out = keep("to", data, ["honorees"])
    assert changed_lines(HONOREES, out) == [
        ('    place: "青禾县  柳塘村"', '    place: "青禾县  柳塘镇柳塘村"'),
        ("    summary: 照顾婆婆。", "    summary: 照顾瘫痪婆婆十二年。"),
        ("      - {award: star-2023, status: 入选}", "      - {award: star-2023, status: 授予}")]


def test_a_longer_story_stays_block_text_and_a_one_line_story_becomes_one(keep):
    data = keep("from", HONOREES)
    data["honorees"][1]["story"] = "第一段很长。\n\n第二段：" + "事迹" * 200 + "\n"
    out = keep("to", data, ["honorees"])
    assert "    story: |\n      第一段很长。\n\n      第二段：事迹" in out
    assert yaml.safe_load(out)["honorees"][1]["story"] == data["honorees"][1]["story"]
    assert max(len(line) for line in out.splitlines()) > 400, "long lines are not folded"


def test_removing_and_reordering_entries_moves_their_comments_with_them(keep):
    data = keep("from", HONOREES)
    data["honorees"].reverse()
    out = keep("to", data, ["honorees"])
    assert out.index("# 第二位：学校推荐") < out.index("- id: 2024-b") < out.index("- id: 2024-a   # 第一位")
    assert out.startswith("# 2024 年的好人。乡镇报送名单见内网。\nhonorees:\n")
    data["honorees"] = data["honorees"][1:]      # 乙 removed
    out = keep("to", data, ["honorees"])
    assert "2024-b" not in out and "学校推荐" not in out and "  - id: 2024-a   # 第一位\n" in out
    assert "    内部备注: 表格第3行\n" in out


def test_a_renamed_id_keeps_its_entry_and_comments(keep):
    data = keep("from", HONOREES)
    data["honorees"][1]["id"] = "2024-b-renamed"
    out = keep("to", data, ["honorees"])
    assert changed_lines(HONOREES, out) == [("  - id: 2024-b", "  - id: 2024-b-renamed")]


def test_a_new_entry_is_written_in_the_forms_order_like_its_neighbours(keep):
    data = keep("from", HONOREES)
    # the keys in the order an editor happened to fill them in
    data["honorees"].append({"honours": [{"status": "入选", "award": "good-2023"}], "summary": "新的。",
                             "name": "丙", "id": "2024-c", "category": "助人为乐", "place": "某村",
                             "story": "一段。\n\n两段。"})
    data["honorees"][0]["honours"].append({"status": "推荐", "award": "city-2024"})
    out = keep("to", data, ["honorees"])
    assert out.startswith(HONOREES.replace("      - {award: good-2023, status: 授予}\n",
                                           "      - {award: good-2023, status: 授予}\n"
                                           "      - {award: city-2024, status: 推荐}\n"))
    new = out[len(HONOREES) + len("      - {award: city-2024, status: 推荐}\n"):]
    assert new == ("  - id: 2024-c\n    name: 丙\n    category: 助人为乐\n    place: 某村\n    summary: 新的。\n"
                   "    story: |-\n      一段。\n\n      两段。\n    honours:\n      - award: good-2023\n"
                   "        status: 入选\n"), new


def test_a_field_the_editor_emptied_goes_and_a_new_one_lands_in_the_forms_order(keep):
    data = keep("from", HONOREES)
    del data["honorees"][0]["honours"]
    data["honorees"][0]["event"] = "tea-fair"
    data["honorees"][0]["minor"] = True
    out = keep("to", data, ["honorees"])
    entry = out[out.index("  - id: 2024-a"):out.index("  # 第二位")]
    assert "honours" not in entry and "good-2023" not in entry
    names = [line.split(":")[0].strip() for line in entry.splitlines() if line.startswith("    ") and not line.startswith("      ")]
    assert names.index("minor") < names.index("event") and names[-1] == "内部备注", names


def test_strings_that_look_like_numbers_or_dates_stay_strings(keep):
    source = "id: x\nvalue: 640\nlabel: 二〇二四\nstart: 2024-07-01\n"
    data = keep("from", source)
    assert data["start"] == "2024-07-01" and data["value"] == 640
    data["label"] = "2024"
    data["value"] = 641
    out = keep("to", data, ["id", "value", "label", "start"])
    assert yaml.load(out, Loader=yaml.BaseLoader) == {"id": "x", "value": "641", "label": "2024", "start": "2024-07-01"}
    assert "label: \"2024\"" in out


def test_a_new_file_has_the_forms_order_and_no_leftover_keys(keep):
    out = keep("to", {"events": [{"title": "茶话会", "id": "tea-talk", "category": "宣传活动"}]}, ["events"])
    assert out == "events:\n  - id: tea-talk\n    title: 茶话会\n    category: 宣传活动\n"
    assert "__wenming" not in out


def test_a_file_with_a_yaml_error_is_refused_in_chinese(keep):
    with pytest.raises(ValueError, match="YAML 写法有错误.*make check"):
        keep("from", "honorees:\n  - id: a\n   name: 错位\n")


def test_aligned_trailing_comments_keep_their_spacing(keep):
    source = "ads:\n  - id: a\n    kind: 海报               # 海报 / 标语\n    title: 讲文明\n"
    data = keep("from", source)
    data["ads"][0]["title"] = "树新风"
    assert keep("to", data, ["ads"]) == source.replace("讲文明", "树新风")


def test_a_windows_file_keeps_its_byte_order_mark_and_crlf_line_ends(keep):
    source = "\ufeff# 记事本保存的文件\r\nads:\r\n  - id: a\r\n    title: 讲文明\r\n    summary: |\r\n      第一行\r\n      第二行\r\n"
    data = keep("from", source)
    assert data["ads"][0]["summary"] == "第一行\n第二行\n"
    data["ads"][0]["title"] = "树新风"
    assert keep("to", data, ["ads"]) == source.replace("讲文明", "树新风")


def test_a_thousand_entry_file_with_blank_lines_changes_in_one_line(keep):
    source = "# 大名单\nhonorees:\n" + "".join(
        f"  - id: 2024-p{i}   # 第{i}位\n    name: 某{i}\n    category: 助人为乐\n    summary: 简介{i}。\n"
        f"    story: |\n      第一段{i}。\n\n      第二段。\n    honours:\n      - {{award: good-2024, status: 入选}}\n\n"
        for i in range(1000))
    data = keep("from", source)
    data["honorees"][500]["summary"] = "改了。"
    out = keep("to", data, ["honorees"])
    assert changed_lines(source, out) == [("    summary: 简介500。", "    summary: 改了。")]
    assert out.endswith("入选}\n\n")


def test_the_first_entry_of_an_empty_list_is_written_in_block_style(keep):
    source = "# 今年的好人\nhonorees: []\n"
    data = keep("from", source)
    data["honorees"].append({"id": "2026-a", "name": "甲", "honours": [{"award": "good-2026", "status": "入选"}]})
    out = keep("to", data, ["honorees"])
    assert out == ("# 今年的好人\nhonorees:\n  - id: 2026-a\n    name: 甲\n    honours:\n      - award: good-2026\n"
                   "        status: 入选\n"), out


OFF = {"minor": False, "guardian_consent": False, "photo_consent": False, "draft": False, "example": False}


def test_switches_left_off_are_not_written(keep):
    """Decap hands a new entry every switch as false; the file gets none of the five lines its
    neighbours do not have (finding 4). A switch turned on is written; one already in the file stays."""
    data = keep("from", HONOREES)
    data["honorees"].append({"id": "2024-c", "name": "丙", "category": "助人为乐", "place": "某村", "summary": "新的。",
                             "honours": [{"award": "good-2023", "status": "入选"}], **OFF})
    data["honorees"][0].update(OFF)          # an entry the editor opened and left alone
    out = keep("to", data, ["honorees"])
    assert out == HONOREES + ("  - id: 2024-c\n    name: 丙\n    category: 助人为乐\n    place: 某村\n"
                              "    summary: 新的。\n    honours:\n      - award: good-2023\n        status: 入选\n"), out
    data = keep("from", out.replace("    name: 乙\n", "    name: 乙\n    draft: false\n"))
    data["honorees"][1].update(OFF)
    data["honorees"][2].update({**OFF, "minor": True, "guardian_consent": True})
    again = keep("to", data, ["honorees"])
    assert "    name: 乙\n    draft: false\n" in again
    assert again.endswith("        status: 入选\n    minor: true\n    guardian_consent: true\n"), again


def test_a_choice_cleared_is_not_written(keep):
    data = keep("from", HONOREES)
    data["honorees"][0]["event"] = None          # 相关活动 chosen, then cleared
    assert keep("to", data, ["honorees"]) == HONOREES


def test_a_new_file_gets_no_switches_left_off(keep):
    out = keep("to", {"honorees": [{"id": "a", "name": "甲", **OFF}]}, ["honorees"])
    assert out == "honorees:\n  - id: a\n    name: 甲\n"
