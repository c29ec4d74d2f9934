"""The CI files parse and run the same commands as the README and the handbook document: the publishing pipelines run the
county's checks (never the kit's tests) and deploy only after they pass, only as a production build."""
from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest
import yaml

from conftest import ROOT, copy_project

COUNTY_CHECKS = ("make check", "make publish-check")   # the county's checks: what publishing runs
NPM_CI = "npm ci --omit=dev --ignore-scripts --no-audit --no-fund"   # Decap CMS for /admin/, no test tools
COUNTY_PIPELINES = (".gitlab-ci.yml", ".gitea/workflows/publish.yml", ".github/workflows/site.yml",
                    "scripts/deploy-rsync.sh")


def load(rel: str) -> dict:
    return yaml.safe_load((ROOT / rel).read_text("utf-8"))


def github_runs(job: dict) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def test_readme_and_handbook_document_the_commands_ci_runs():
    readme = "\n".join(p.read_text("utf-8") for p in [ROOT / "README.md", *sorted((ROOT / "handbook/docs").rglob("*.md"))])
    for command in COUNTY_CHECKS + ("make test", "make build", "make new-county", "make package", "make demo",
                                    "scripts/deploy-rsync.sh", "PIP_INDEX_URL", "APT_MIRROR", "DEPLOY_TARGET",
                                    "NPM_REGISTRY", NPM_CI, "make admin-forms"):
        assert command in readme, command
    makefile = (ROOT / "Makefile").read_text("utf-8")
    # the engine is checked first (MkDocs 2 refused), then MkDocs or ProperDocs builds (ENGINE=…)
    assert re.search(r"^build:.*\n\t@\$\(BIN\)/python hooks/kit/engine.py\n\t\$\(BIN\)/\$\(ENGINE\) build --strict", makefile, re.M)
    assert re.search(r"^ENGINE \?= mkdocs$", makefile, re.M)
    assert "$(BIN)/python hooks/check.py\n" in makefile
    assert "WENMING_PRODUCTION=1 $(BIN)/python scripts/county_check.py --site site" in makefile
    test = re.search(r"^test:.*\n((?:\t.*\n)+)", makefile, re.M).group(1)
    assert "tests/fixture" in test and "hooks/check.py\n" not in test   # the kit's tests never check data/
    ci = (ROOT / ".ci/run").read_text("utf-8")
    assert "make test" in ci and "mkdocs build --strict" in ci and "tests/fixture/mkdocs.yml" in ci


def test_github_workflow_runs_the_countys_checks_then_deploys_pages_from_the_default_branch():
    wf = load(".github/workflows/site.yml")
    on = wf.get("on", wf.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "push" in on and on["schedule"]
    jobs = wf["jobs"]
    assert github_runs(jobs["check"]) == [NPM_CI] + list(COUNTY_CHECKS)
    node = next(s for s in jobs["check"]["steps"] if s.get("uses", "").startswith("actions/setup-node@"))
    assert node["with"]["cache"] == "npm"
    upload = next(s for s in jobs["check"]["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site" and "default_branch" in upload["if"]
    deploy = jobs["deploy"]
    assert deploy["needs"] == "check" and "default_branch" in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    kit = load(".github/workflows/kit-tests.yml")
    assert github_runs(kit["jobs"]["test"])[-1] == ".ci/run"


def test_gitlab_pipeline_checks_then_deploys_to_the_countys_server():
    ci = load(".gitlab-ci.yml")
    assert ci["stages"] == ["check", "deploy"]
    assert ci["variables"]["WENMING_PRODUCTION"] == "1"
    assert ci["check"]["script"] == list(COUNTY_CHECKS) + ["make package"]
    for job in ("check", "deploy"):         # deploy-rsync.sh builds again: /admin/ there too
        steps = [line for group in ci[job]["before_script"] for line in (group if isinstance(group, list) else [group])]
        assert "apt-get install -y -qq --no-install-recommends nodejs npm" in steps
        assert NPM_CI + ' ${NPM_REGISTRY:+--registry "$NPM_REGISTRY"}' in steps
    assert ".cache/npm" in ci["cache"]["paths"] and ci["variables"]["npm_config_cache"].endswith(".cache/npm")
    assert set(ci["check"]["artifacts"]["paths"]) == {"site", "dist", "review"}   # review: the 审核单
    deploy = ci["deploy"]
    assert deploy["stage"] == "deploy" and deploy["needs"] == ["check"]
    assert deploy["script"] == ['scripts/deploy-rsync.sh "$DEPLOY_TARGET"']
    assert deploy["rules"] == [{"if": "$DEPLOY_TARGET && $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    text = (ROOT / ".gitlab-ci.yml").read_text("utf-8")
    assert "make test" not in text and "chromium" not in text   # never the kit's tests on county data
    assert "PIP_INDEX_URL" in text and "APT_MIRROR" in text and "NPM_REGISTRY" in text and "Asia/Shanghai" in text


def test_gitea_workflow_checks_then_deploys_over_rsync_without_github():
    text = (ROOT / ".gitea/workflows/publish.yml").read_text("utf-8")
    wf = yaml.safe_load(text)
    on = wf.get("on", wf.get(True))
    assert "push" in on and on["schedule"]
    steps = wf["jobs"]["publish"]["steps"]
    runs = github_runs(wf["jobs"]["publish"])
    assert runs[2:4] == list(COUNTY_CHECKS)
    assert "apt-get install -y -qq --no-install-recommends nodejs npm" in runs[1] and NPM_CI in runs[1]
    assert wf["env"]["NPM_REGISTRY"] == "${{ vars.NPM_REGISTRY }}"
    assert not [s for s in steps if "uses" in s]          # nothing fetched from GitHub or gitea.com
    deploy = steps[-1]
    assert "default_branch" in deploy["if"] and 'scripts/deploy-rsync.sh "${{ vars.DEPLOY_TARGET }}"' in deploy["run"]
    assert wf["env"]["WENMING_PRODUCTION"] == "1" and "vars.PIP_INDEX_URL" in wf["env"]["PIP_INDEX_URL"]
    assert "make test" not in text and "chromium" not in text


@pytest.mark.parametrize("rel", COUNTY_PIPELINES)
def test_every_county_pipeline_installs_decap_without_test_tools_before_the_build(rel):
    text = (ROOT / rel).read_text("utf-8")
    build = text.index("scripts/county_check.py --site" if rel.endswith(".sh") else "make publish-check")
    install = text.index("make -s setup admin-forms" if rel.endswith(".sh") else NPM_CI)
    assert install < build
    assert not re.search(r"npm ci(?! --omit=dev)", text)     # never the kit's dev tools (vnu-jar, Java)
    makefile = (ROOT / "Makefile").read_text("utf-8")
    assert re.search(r"^publish-check: setup admin-forms\b", makefile, re.M)
    assert "npm ci --omit=dev --ignore-scripts --no-audit --no-fund --silent $(if $(NPM_REGISTRY)" in makefile


def test_the_smoke_test_checks_admin_when_decap_is_installed_and_only_notes_it_otherwise(tmp_path, monkeypatch):
    import sys
    sys.path.insert(0, str(ROOT / "scripts"))
    import county_check as cc

    site, modules = tmp_path / "site", tmp_path / "node_modules"
    (site / "admin").mkdir(parents=True)
    (site / "admin/index.html").write_text("<h1>网页编辑</h1>", "utf-8")
    monkeypatch.setenv("WENMING_NODE_MODULES", str(modules))          # nothing installed there
    assert not cc.admin_installed(tmp_path) and cc.admin_problems(tmp_path, site) == []
    assert "没有安装网页表单程序 Decap CMS" in cc.ADMIN_LEFT_OUT and "node_modules/yaml" in cc.ADMIN_LEFT_OUT and "npm ci --omit=dev" in cc.ADMIN_LEFT_OUT
    (modules / "decap-cms/dist").mkdir(parents=True)
    (modules / "decap-cms/dist/decap-cms.js").write_text("", "utf-8")
    assert not cc.admin_installed(tmp_path), "Decap without the yaml library of our save format is not enough"
    (modules / "yaml/browser/dist").mkdir(parents=True)
    (modules / "yaml/browser/dist/index.js").write_text("", "utf-8")
    assert cc.admin_problems(tmp_path, site) == [
        f"admin/{name}: 网页编辑页面缺少这个文件（已安装网页表单程序，构建应当把它放进网站）"
        for name in cc.ADMIN_FILES if name != "index.html"]
    assert {"admin.js", "yamlkeep.js", "yaml/index.js", "status.js", "guard.js"} <= set(cc.ADMIN_FILES)
    for name in cc.ADMIN_FILES:
        (site / "admin" / name).parent.mkdir(parents=True, exist_ok=True)
        (site / "admin" / name).write_text("", "utf-8")
    assert cc.admin_problems(tmp_path, site) == []


def test_deploy_script_is_valid_bash_and_checks_before_it_copies():
    script = (ROOT / "scripts/deploy-rsync.sh").read_text("utf-8")
    subprocess.run(["bash", "-n", str(ROOT / "scripts/deploy-rsync.sh")], check=True)
    assert "set -euo pipefail" in script
    check = script.index("scripts/county_check.py --site")
    assert check < script.index("rsync -a") and "pytest" not in script
    assert "WENMING_PRODUCTION=1" in script and "mv -Tf current.new current" in script


def test_package_is_a_zip_under_the_sub_path(built, tmp_path):
    import sys
    import zipfile
    sys.path.insert(0, str(ROOT / "scripts"))
    import package_site

    out = package_site.pack(built.site, "https://www.example.gov.cn/bumen/wenming/", tmp_path)
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
    assert "wenming/index.html" in names and all(n.startswith("wenming/") for n in names)
    assert len(names) == len(built.all_files())


@pytest.mark.skipif(shutil.which("rsync") is None, reason="rsync is not installed")
def test_deploy_script_switches_releases_and_a_failed_build_changes_nothing(tmp_path):
    project = copy_project(tmp_path / "project")
    for name in ("Makefile", "requirements.txt", "requirements-dev.txt", "scripts"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, project / name)
    (project / ".venv").symlink_to(ROOT / ".venv")
    os.utime(project / "requirements.txt", (0, 0))  # make: the venv is up to date
    live = tmp_path / "www"
    env = {**os.environ, "KEEP": "2"}

    def deploy() -> subprocess.CompletedProcess:
        return subprocess.run(["bash", str(project / "scripts/deploy-rsync.sh"), str(live)], cwd=project,
                              env=env, capture_output=True, text=True)

    first = deploy()
    assert first.returncode == 0, first.stdout + first.stderr
    release = os.readlink(live / "current")
    assert (live / "current" / "index.html").is_file() and (live / "current/feed/news.xml").is_file()
    assert "2023-sample-" not in (live / "current/opendata/honorees.json").read_text("utf-8")  # production

    honorees = project / "data/honorees/2023.yml"
    honorees.write_text(honorees.read_text("utf-8").replace("category: 助人为乐", "category: 好人好事", 1), "utf-8")
    failed = deploy()
    assert failed.returncode != 0
    assert "好人好事" in failed.stdout + failed.stderr
    assert os.readlink(live / "current") == release
    assert sorted(os.listdir(live / "releases")) == [release.split("/")[-1]]


def test_the_editors_guide_tells_about_admin_and_the_npm_mirror():
    text = (ROOT / "handbook/guide/index.md").read_text("utf-8")    # its one source (kit/pages/guide.py)
    assert "网页表单（`/admin/`）也随网站一起发布" in text and "`NPM_REGISTRY`" in text
    assert "{#forms}" in text and "表格的第一行作为表头" in text
