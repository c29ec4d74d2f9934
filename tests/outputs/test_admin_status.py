"""What the forms tell an editor after 发布 (hooks/kit/outputs/cmsstatus.js, the panel) and
before it (cmsguard.js, the last check before a save), under Node. The git hosts' answers are
in tests/outputs/pipelines/: GitLab's and Gitea's API responses for a saved file's commit, its
pipeline or combined status and, for a failed GitLab job, its log, written in the documented
shapes of GitLab 17 (REST v4) and Gitea 1.22 (API v1) with the check's own error lines; where each
shape comes from: tests/outputs/pipelines/README.md. No host was reachable to record them live."""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURE, ROOT
from kit.data import dataset
from kit.outputs import admin

OURS = ROOT / "hooks" / "kit" / "outputs"
RECORDED = Path(__file__).parent / "pipelines"
FILE = "data/honorees/2024.yml"
GITLAB = {"backend": {"name": "gitlab", "repo": "wenming/site", "branch": "main", "api_root": "https://git.example.gov.cn/api/v4"}}
GITEA = {"backend": {"name": "gitea", "repo": "wenming/site", "branch": "main", "api_root": "https://git.example.gov.cn/api/v1"}}
LOCAL = {"backend": {"name": "proxy"}}


@pytest.fixture(scope="module")
def node(tmp_path_factory):
    """node(script, data) -> the JSON the script writes; the script sees `data` and our modules."""
    if not shutil.which("node"):
        if os.environ.get("CI") == "true":
            pytest.fail("node missing")
        pytest.skip("node missing")
    here = tmp_path_factory.mktemp("status")
    for name in ("cmsstatus.js", "cmsguard.js"):
        shutil.copy(OURS / name, here / name.replace(".js", ".mjs"))

    def run(script: str, data) -> object:
        (here / "run.mjs").write_text(
            "import * as status from './cmsstatus.mjs';\nimport * as guard from './cmsguard.mjs';\n"
            "import fs from 'fs';\nconst data = JSON.parse(fs.readFileSync(0, 'utf8'));\n"
            f"const out = await (async () => {{ {script} }})();\nprocess.stdout.write(JSON.stringify(out));\n", "utf-8")
        done = subprocess.run(["node", str(here / "run.mjs")], input=json.dumps(data, ensure_ascii=False),
                              capture_output=True, text=True, check=True)
        return json.loads(done.stdout)
    return run


LOOK = ("const answers = data.answers;"
        "const get = async (path, text) => { const a = answers[path]; if (a === undefined) return null;"
        " return text ? a : JSON.parse(JSON.stringify(a)); };"
        "return status.look(data.config, data.file, data.savedAt, get);")


def look(node, config, recorded: str | dict, saved_at: float = 0) -> dict:
    answers = recorded if isinstance(recorded, dict) else json.loads((RECORDED / recorded).read_text("utf-8"))
    return node(LOOK, {"config": config, "file": FILE, "savedAt": saved_at, "answers": answers})


def test_gitlab_a_failed_pipeline_is_not_published_and_shows_the_checks_lines(node):
    result = look(node, GITLAB, "gitlab-failed.json")
    assert result["state"] == "refused" and result["text"].startswith("未发布")
    assert result["lines"] == [
        "data/honorees/2024.yml:41:14: 错误: honorees[4].summary: 含有手机号码“138****5678”。个人手机号码不能出现在网站上，"
        "请删除；需要留联系方式时，请用 data/site.yml 里的单位电话。",
        "data/honorees/2024.yml:45:17: 错误: honorees[4].honours[0].award: 找不到荣誉“good-people-2024”。请使用 data/awards.yml 里已有的编号。"]
    assert result["link"] == "https://git.example.gov.cn/wenming/site/-/pipelines/4711"
    assert "已发布" not in json.dumps(result, ensure_ascii=False)


def test_gitlab_checking_then_live(node):
    assert look(node, GITLAB, {})["state"] == "checking"             # no commit seen yet
    running = look(node, GITLAB, "gitlab-running.json")
    assert running["state"] == "checking" and running["text"].startswith("检查中")
    live = look(node, GITLAB, "gitlab-success.json")
    assert live["state"] == "live" and live["text"].startswith("已上线")


def test_gitlab_no_pipeline_yet_is_checking_and_a_canceled_one_is_not_published(node):
    assert look(node, GITLAB, "gitlab-no-pipeline.json")["state"] == "checking"
    canceled = look(node, GITLAB, "gitlab-canceled.json")
    assert canceled["state"] == "refused" and "取消或跳过" in canceled["text"]
    assert canceled["link"] == "https://git.example.gov.cn/wenming/site/-/pipelines/4712"


def test_gitea_no_run_yet_is_checking_and_a_passed_run_is_live(node):
    assert look(node, GITEA, "gitea-no-status.json")["state"] == "checking"
    assert look(node, GITEA, "gitea-success.json")["state"] == "live"


def test_gitea_pending_then_not_published_with_a_link_to_the_run(node):
    assert look(node, GITEA, "gitea-pending.json")["state"] == "checking"
    result = look(node, GITEA, "gitea-failure.json")
    assert result["state"] == "refused" and result["text"].startswith("未发布")
    assert result["link"].endswith("/actions/runs/57/jobs/0") and result["lines"] == ["Failing after 41s"]


def test_local_the_preview_build_after_the_save_decides(node):
    saved = dt.datetime(2026, 12, 3, 1, 0, tzinfo=dt.timezone.utc)
    at = saved.timestamp() * 1000
    before = {"status.json": {"built": (saved - dt.timedelta(seconds=5)).isoformat(), "ok": True, "errors": []}}
    assert look(node, LOCAL, before, at)["state"] == "checking", "a build from before the save says nothing"
    line = "data/honorees/2024.yml:41:14: 错误: honorees[4].summary: …"
    after = {"status.json": {"built": (saved + dt.timedelta(seconds=9)).isoformat(), "ok": False, "errors": [line]}}
    refused = look(node, LOCAL, after, at)
    assert refused["state"] == "refused" and refused["lines"] == [line]
    good = {"status.json": {**after["status.json"], "ok": True, "errors": []}}
    assert "数据检查通过" in look(node, LOCAL, good, at)["text"]


def test_the_preview_writes_its_check_for_the_panel():
    ok, bad = json.loads(admin.preview_status([])), json.loads(admin.preview_status(["x.yml:1:1: 错误: y"]))
    assert ok["ok"] is True and bad["ok"] is False and bad["errors"] == ["x.yml:1:1: 错误: y"]
    assert dt.datetime.fromisoformat(ok["built"]).tzinfo is not None


@pytest.fixture(scope="module")
def config():
    d = dataset.build(FIXTURE / "data", FIXTURE, dt.date(2026, 12, 3), False)
    return yaml.safe_load(admin.config_text(d))


def test_the_last_check_before_a_save_finds_what_the_fields_missed(node, config):
    data = yaml.safe_load((FIXTURE / FILE).read_text("utf-8"))
    entry = json.loads(json.dumps(data, default=str))
    script = "const f = guard.fieldsOf(data.config, 'honorees', '2024'); return guard.problems(f, data.entry);"
    assert node(script, {"config": config, "entry": entry}) == []
    first = entry["honorees"][0]
    first["honours"][0]["award"] = "good-people-2024"
    first["summary"] = "联系电话 138 1234 5678"
    del first["place"]
    found = node(script, {"config": config, "entry": entry})
    name = first["name"]
    assert found == [
        f"身边好人 › 第 1 项（{name}） › 所在村（社区）或单位：“所在村（社区）或单位”是必填项",
        f"身边好人 › 第 1 项（{name}） › 简介：不能含有身份证号码、个人手机或电话号码、门牌地址，请删除；需要留联系方式时，请用网站设置里的单位电话",
        f"身边好人 › 第 1 项（{name}） › 获得荣誉 › 第 1 项（good-people-2024） › 荣誉编号：找不到这个荣誉。"
        "请从列表里选择荣誉称号（data/awards.yml）里已有的一项；新的荣誉请先在“荣誉称号”里添加"], found


# the documented shapes (tests/outputs/pipelines/README.md): every key of each object
SHAPES = {
    "gitlab commit": {"id", "short_id", "created_at", "parent_ids", "title", "message", "author_name", "author_email",
                      "authored_date", "committer_name", "committer_email", "committed_date", "trailers",
                      "extended_trailers", "web_url"},
    "gitlab pipeline": {"id", "iid", "project_id", "status", "source", "ref", "sha", "name", "web_url", "created_at",
                        "updated_at"},
    "gitlab job": {"commit", "coverage", "allow_failure", "created_at", "started_at", "finished_at", "duration",
                   "queued_duration", "artifacts_expire_at", "tag_list", "id", "name", "pipeline", "ref", "artifacts",
                   "runner", "stage", "status", "failure_reason", "tag", "web_url", "project", "user"},
    "gitea commit": {"url", "sha", "created", "html_url", "commit", "author", "committer", "parents", "files", "stats"},
    "gitea combined": {"state", "sha", "total_count", "statuses", "repository", "commit_url", "url"},
    "gitea status": {"id", "status", "target_url", "description", "url", "context", "creator", "created_at",
                     "updated_at"},
}
PIPELINE_STATUSES = {"created", "waiting_for_resource", "preparing", "pending", "running", "success", "failed",
                     "canceled", "skipped", "manual", "scheduled"}
GITEA_STATES = {"pending", "success", "error", "failure", "warning", "skipped"}


def _answers():
    for path in sorted(RECORDED.glob("*.json")):
        for url, answer in json.loads(path.read_text("utf-8")).items():
            yield path.name, url, answer


def test_the_recorded_answers_have_the_documented_shapes():
    seen = set()
    for name, url, answer in _answers():
        at = f"{name} {url}"
        if url.endswith("/trace"):
            assert isinstance(answer, str), at            # a job's log is plain text
            continue
        kind = ("gitlab commit" if "/repository/commits" in url else "gitlab pipeline" if "/pipelines?" in url
                else "gitlab job" if "/jobs?" in url else "gitea commit" if "/commits?" in url else "gitea combined")
        for item in answer if isinstance(answer, list) else [answer]:
            seen.add(kind)
            assert set(item) == SHAPES[kind], (at, set(item) ^ SHAPES[kind])
            if kind == "gitlab pipeline":
                assert item["status"] in PIPELINE_STATUSES, at
            if kind == "gitea combined":
                assert item["state"] in GITEA_STATES | {""}, at
                for status in item["statuses"] or []:
                    seen.add("gitea status")
                    assert set(status) == SHAPES["gitea status"] and status["status"] in GITEA_STATES, at
    assert seen == set(SHAPES)


def test_status_js_reads_only_documented_fields():
    js = (OURS / "cmsstatus.js").read_text("utf-8")
    objects = {"pipeline": SHAPES["gitlab pipeline"], "j": SHAPES["gitlab job"], "s": SHAPES["gitea status"],
               "combined": SHAPES["gitea combined"], "commit": SHAPES["gitlab commit"] | SHAPES["gitea commit"]}
    reads = set(re.findall(r"\b(pipeline|j|s|combined|commit)\.([a-z_]+)", js))
    assert {field for _, field in reads} >= {"status", "web_url", "id", "sha", "state", "statuses", "target_url"}
    assert all(field in objects[name] for name, field in reads), reads
    checking = json.loads(re.search(r"const CHECKING = (\[.*?\]);", js).group(1).replace("'", '"'))
    assert set(checking) <= PIPELINE_STATUSES
