"""The CI files parse and run the same commands as the README and .ci/run: data check,
tests, strict build; deployment only after they pass, and only as a production build."""
from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest
import yaml

from conftest import ROOT, copy_project

COMMANDS = ("make check", "make test", "make build")


def load(rel: str) -> dict:
    return yaml.safe_load((ROOT / rel).read_text("utf-8"))


def github_runs(job: dict) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def test_readme_documents_the_commands_ci_runs():
    readme = (ROOT / "README.md").read_text("utf-8")
    for command in COMMANDS:
        assert command in readme, command
    makefile = (ROOT / "Makefile").read_text("utf-8")
    assert re.search(r"^build:.*\n\t\$\(BIN\)/mkdocs build --strict", makefile, re.M)
    assert "$(BIN)/python hooks/check.py" in makefile
    ci = (ROOT / ".ci/run").read_text("utf-8")
    assert "make test" in ci and "mkdocs build --strict" in ci


def test_github_workflow_tests_then_deploys_pages_from_the_default_branch():
    wf = load(".github/workflows/site.yml")
    on = wf.get("on", wf.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "push" in on
    jobs = wf["jobs"]
    runs = github_runs(jobs["test"])
    assert [r for r in runs if r in COMMANDS] == list(COMMANDS)
    build = jobs["build"]
    assert build["needs"] == "test" and "default_branch" in build["if"]
    step = next(s for s in build["steps"] if s.get("run") == "make build")
    assert step["env"]["WENMING_PRODUCTION"] == "1"
    uses = [s.get("uses", "") for s in build["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    upload = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
    deploy = jobs["deploy"]
    assert deploy["needs"] == "build" and deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")


def test_gitlab_pipeline_tests_then_publishes_pages_from_the_default_branch():
    ci = load(".gitlab-ci.yml")
    assert ci["stages"] == ["test", "deploy"]
    assert ci["test"]["stage"] == "test" and ci["test"]["script"] == list(COMMANDS)
    pages = ci["pages"]
    assert pages["stage"] == "deploy" and pages["needs"] == ["test"]
    assert pages["variables"]["WENMING_PRODUCTION"] == "1"
    assert pages["script"][0] == "make build" and pages["artifacts"]["paths"] == ["public"]
    assert pages["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]


def test_deploy_script_is_valid_bash_and_builds_before_it_copies():
    script = (ROOT / "scripts/deploy-rsync.sh").read_text("utf-8")
    subprocess.run(["bash", "-n", str(ROOT / "scripts/deploy-rsync.sh")], check=True)
    assert "set -euo pipefail" in script
    build = script.index("mkdocs build --strict")
    assert script.index("hooks/check.py") < build < script.index("rsync -a")
    assert "WENMING_PRODUCTION=1" in script and "mv -Tf current.new current" in script


@pytest.mark.skipif(shutil.which("rsync") is None, reason="rsync is not installed")
def test_deploy_script_switches_releases_and_a_failed_build_changes_nothing(tmp_path):
    project = copy_project(tmp_path / "project")
    for name in ("Makefile", "requirements.txt", "requirements-dev.txt", "scripts"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, project / name)
    (project / ".venv").symlink_to(ROOT / ".venv")
    os.utime(project / "requirements.txt", (0, 0))  # make: the venv is up to date
    live = tmp_path / "www"
    env = {**os.environ, "SKIP_TESTS": "1", "KEEP": "2"}

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
