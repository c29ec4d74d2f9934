"""`make upgrade` (scripts/upgrade.py) on a county made with `make new-county` from the kit as it
was at 7f5365a (version 0.9.0, no VERSION file): its own entries, a news post and a template it
changed in place are kept, the kit's files are this kit's, no conflict marker, no sample county
text in its built site; and the refusals."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from conftest import ROOT

OLD_KIT = "7f5365a"      # kit 0.9.0, the last commit before versions
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONIOENCODING": "utf-8", "GIT_AUTHOR_NAME": "县文明办",
       "GIT_AUTHOR_EMAIL": "wm@example.gov.cn", "GIT_COMMITTER_NAME": "县文明办",
       "GIT_COMMITTER_EMAIL": "wm@example.gov.cn"}
SAMPLE_TEXT = ("X县", "X好人", "书香X", "X州", "兔街", "彝绣", "野生菌", "采茶节", "1009.19", "4130",
               "tujie-tea-festival", "culture-kids", "x-good-people-2023", "X县文明县城创建工作由哪个部门牵头负责",
               "X县文明办", "青禾", "云雾茶会")
NEW_COUNTY = ["--county", "青山县", "--short", "青山", "--url", "https://www.qingshan.example.gov.cn/wenming/",
              "--department", "中共青山县委宣传部", "--organiser", "青山县文明办", "--phone", "0871-6000000",
              "--email", "wm@qingshan.example.gov.cn", "--address", "青山县行政中心",
              "--icp", "滇ICP备99999999号-1", "--police-record", "滇公网安备 53011102000001号", "--primary", "#0d47a1",
              "--yes"]
OWN = {
    "data/events/2025.yml": "# 本县的活动\nevents:\n  - id: dragon-boat-2025\n    title: 端午龙舟赛\n    kind: 节庆活动\n"
                            "    summary: 青山河上举办端午龙舟赛。  # 列表上显示\n    start: 2025-05-31\n"
                            "    place: 青山县青山河\n    organiser: 青山县文明办\n",
    "data/honorees/2025.yml": "honorees:\n  - id: 2025-luo-ping\n    name: 罗平\n    category: 见义勇为\n"
                              "    place: 青山县河口镇\n    summary: 勇救落水群众。\n"
                              "    honours:\n      - {award: qingshan-good-people-2025, status: 入选}\n",
    "data/awards.yml": "awards:\n  - {id: qingshan-good-people-2025, name: 2025年“青山好人”, level: 县级, year: 2025}\n",
    "docs/blog/posts/2025-dragon-boat.md": "---\ndate: 2025-06-01\nslug: dragon-boat-2025\ntitle: 端午龙舟赛圆满举行\n"
                                           "authors: [wenmingban]\ncategories:\n  - 节庆活动\n---\n\n# 端午龙舟赛圆满举行\n\n"
                                           "青山河上百舸争流。\n",
}
FOOTER_LINE = '<p class="wm-footer__county">技术支持：青山县融媒体中心</p>'


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True, env=ENV).stdout


def run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=cwd, env={**ENV, **env}, capture_output=True, text=True,
                          encoding="utf-8")


def upgrade(county: Path, *extra: str) -> subprocess.CompletedProcess:
    return run([str(ROOT / "scripts/upgrade.py"), "--county", str(county), *extra], ROOT)


def old_county(tmp_path: Path) -> Path:
    """A county as a technician made it from kit 0.9.0: make new-county, its own content, the
    footer template changed in place (there was no other place then), committed."""
    if subprocess.run(["git", "-C", str(ROOT), "cat-file", "-e", OLD_KIT + "^{commit}"]).returncode != 0:
        pytest.skip(f"the kit's history does not reach {OLD_KIT} (a shallow clone)")
    county = tmp_path / "qingshan"
    county.mkdir()
    archive = tmp_path / "old.tar"
    subprocess.run(["git", "-C", str(ROOT), "archive", "-o", str(archive), OLD_KIT], check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(county)
    made = run([str(county / "scripts/new_county.py"), "--root", str(county), *NEW_COUNTY], county)
    assert made.returncode == 0, made.stdout + made.stderr
    for rel, text in OWN.items():
        (county / rel).write_text(text, "utf-8")
    footer = county / "overrides/partials/footer.html"
    footer.write_text(footer.read_text("utf-8").replace("      </div>\n    </div>", f"        {FOOTER_LINE}\n      </div>\n    </div>", 1),
                      "utf-8")
    assert FOOTER_LINE in footer.read_text("utf-8")
    git(county, "init", "-q")
    git(county, "add", "-A")
    git(county, "commit", "-q", "-m", "青山县网站")
    return county


def snapshot(root: Path, *folders: str) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for f in folders for p in sorted((root / f).rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_a_county_from_0_9_0_is_upgraded_in_one_commit_with_its_content_kept(tmp_path):
    county = old_county(tmp_path)
    before = snapshot(county, "data", "docs")
    mkdocs_yml = (county / "mkdocs.yml").read_bytes()
    head = git(county, "rev-parse", "HEAD")

    dry = upgrade(county, "--dry-run")
    assert dry.returncode == 0, dry.stdout + dry.stderr
    assert "套件 0.9.0 → " in dry.stdout and "  新增：scripts/upgrade.py" in dry.stdout
    assert "本县改过的模板 overrides/partials/footer.html 移到 overrides/county/partials/footer.html" in dry.stdout
    assert git(county, "status", "--porcelain") == "" and git(county, "rev-parse", "HEAD") == head

    done = upgrade(county)
    assert done.returncode == 0, done.stdout + done.stderr
    version = (ROOT / "VERSION").read_text().strip()
    assert git(county, "status", "--porcelain") == ""
    assert git(county, "rev-list", "--count", f"{head.strip()}..HEAD").strip() == "1"
    message = git(county, "log", "-1", "--format=%B")
    assert message.startswith(f"升级套件 0.9.0 → {version}（数据格式 1 → 1）")
    # the county's own: untouched, nothing added to data/ or docs/; only the one line of the
    # editor's guide that kit 0.9.0 wrote with the sample county's award id is mended
    after = snapshot(county, "data", "docs")
    guide = "docs/guide/index.md"
    assert after.pop(guide).replace(b"award: good-people-2025  ", b"award: x-good-people-2023") == before.pop(guide)
    assert after == before
    assert (county / "mkdocs.yml").read_bytes() == mkdocs_yml
    # the kit's: this kit's files
    for rel in ("VERSION", "kit-files.txt", "scripts/upgrade.py", "hooks/kit/county.py", "overrides/partials/footer.html",
                "Makefile", "requirements.txt"):
        assert (county / rel).read_bytes() == (ROOT / rel).read_bytes(), rel
    assert (county / "overrides/county/partials/footer.html").read_text("utf-8").count(FOOTER_LINE) == 1
    for path in county.rglob("*"):
        if path.is_file() and ".git" not in path.parts:
            text = path.read_bytes()
            assert b"\n<<<<<<< " not in text and b"\n>>>>>>> " not in text, path
    version_out = run([str(county / "scripts/kitfiles.py"), str(county)], county)
    assert version_out.stdout.startswith(f"套件版本：{version}\n数据格式版本：1")

    # make publish-check: the data check, the strict production build, the smoke test
    site = tmp_path / "site"
    checks = run([str(county / "scripts/county_check.py"), "--site", str(site), str(county)], county,
                 WENMING_PRODUCTION="1")
    assert checks.returncode == 0, checks.stdout + checks.stderr
    home = (site / "index.html").read_text("utf-8")
    assert "青山县文明县城创建" in home and FOOTER_LINE in home
    assert "端午龙舟赛" in (site / "events/dragon-boat-2025/index.html").read_text("utf-8")
    assert "罗平" in (site / "honorees/2025-luo-ping/index.html").read_text("utf-8")
    assert "青山河上百舸争流" in (site / "blog/dragon-boat-2025/index.html").read_text("utf-8")
    leaks = []
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".csv", ".ics", ".txt", ".js", ".yml") \
                and path.name != "decap-cms.js":
            text = path.read_text("utf-8", errors="replace")
            leaks += [(path.relative_to(site).as_posix(), s) for s in SAMPLE_TEXT if s in text]
    assert not leaks

    again = upgrade(county)
    assert again.returncode == 0 and "已经是这个版本" in again.stdout


def test_upgrade_refuses_uncommitted_changes_and_a_folder_that_is_no_county(tmp_path):
    county = tmp_path / "county"
    (county / "data").mkdir(parents=True)
    (county / "mkdocs.yml").write_text("INHERIT: hooks/kit/mkdocs-base.yml\n", "utf-8")
    (county / "data/site.yml").write_text("site: {}\n", "utf-8")
    proc = upgrade(county)
    assert proc.returncode == 2 and "不是 git 仓库" in proc.stdout
    git(county, "init", "-q")
    git(county, "add", "-A")
    git(county, "commit", "-q", "-m", "county")
    (county / "data/site.yml").write_text("site: {county: 某县}\n", "utf-8")
    proc = upgrade(county)
    assert proc.returncode == 2 and "有没有提交的改动" in proc.stdout and "data/site.yml" in proc.stdout
    assert (county / "data/site.yml").read_text("utf-8") == "site: {county: 某县}\n"
    assert not (county / "VERSION").exists()
    # the same through the Makefile (its venv taken as it is: -o, nothing installed)
    engine = ROOT / ".venv/bin/mkdocs"
    made = subprocess.run(["make", "-s", "-o", str(engine.relative_to(ROOT)), "upgrade", f"COUNTY={county}", "DRY=1"],
                          cwd=ROOT, env=ENV, capture_output=True, text=True)
    assert made.returncode != 0 and "有没有提交的改动" in made.stdout, made.stdout + made.stderr
    proc = run([str(ROOT / "scripts/upgrade.py")], county)
    assert proc.returncode == 2 and "make upgrade KIT=" in proc.stdout


def test_upgrade_inside_a_county_fetches_the_kit_at_a_ref_and_hands_over_to_it(tmp_path):
    """make upgrade KIT=<repository> REF=<commit>: the kit is taken from git at that commit and
    its own upgrade.py does the work (a dry run here)."""
    county = tmp_path / "county"
    (county / "data").mkdir(parents=True)
    (county / "mkdocs.yml").write_text("INHERIT: hooks/kit/mkdocs-base.yml\n", "utf-8")
    git(county, "init", "-q")
    git(county, "add", "-A")
    git(county, "commit", "-q", "-m", "county")
    head = git(ROOT, "rev-parse", "--short", "HEAD").strip()
    proc = run([str(ROOT / "scripts/upgrade.py"), "--kit", str(ROOT), "--ref", head, "--dry-run"], county)
    if "没有 scripts/upgrade.py" in proc.stdout:
        pytest.skip("the committed kit has no upgrade.py yet")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"{head}" in proc.stdout or "新增：scripts/upgrade.py" in proc.stdout
    assert "新增：hooks/kit/build.py" in proc.stdout and "新增：tests/fixture/data/site.yml" in proc.stdout
    assert "新增：tests/site/test_site.py" in proc.stdout and "删除：" not in proc.stdout
    assert not re.search(r"：(data|docs)/|：mkdocs\.yml", proc.stdout)     # the sample county stays in the kit


def test_the_plan_replaces_removes_moves_and_keeps_as_the_kits_history_says(tmp_path):
    sys.path.insert(0, str(ROOT / "scripts"))
    import upgrade as up

    tree, county = tmp_path / "kit", tmp_path / "county"
    files = {"kit-files.txt": "kit-files.txt\nhooks/\n!hooks/county/\noverrides/\n!overrides/county/\nscripts/\n",
             "hooks/a.py": "new = 1\n", "overrides/main.html": "{# new #}\n", "scripts/new.py": "x = 1\n"}
    for rel, text in files.items():
        (tree / rel).parent.mkdir(parents=True, exist_ok=True)
        (tree / rel).write_text(text, "utf-8")
    old_kit = {"hooks/a.py": "old = 1\n", "hooks/gone.py": "gone = 1\n", "overrides/main.html": "{# old #}\n"}
    mine = {"hooks/a.py": "old = 1\n", "hooks/gone.py": "gone = 1\n", "hooks/mine.py": "mine = 1\n",
            "overrides/main.html": "{# old #}\n<p>本县改的</p>\n", "overrides/extra.html": "<p>本县加的</p>\n",
            "hooks/county/x.py": "def on_config(config): pass\n", "data/site.yml": "site: {}\n", "mkdocs.yml": "x: 1\n"}
    for rel, text in mine.items():
        (county / rel).parent.mkdir(parents=True, exist_ok=True)
        (county / rel).write_text(text, "utf-8")
    git(county, "init", "-q")
    git(county, "add", "-A")
    git(county, "commit", "-q", "-m", "county")
    blob = {rel: subprocess.run(["git", "hash-object", "--stdin"], input=text, capture_output=True, text=True,
                                check=True).stdout.strip() for rel, text in old_kit.items()}
    plan = up.make_plan(county, tree, sorted(files), blob)
    assert sorted(plan.add) == ["kit-files.txt", "scripts/new.py"]
    assert sorted(plan.update) == ["hooks/a.py", "overrides/main.html"]
    assert sorted(plan.remove) == ["hooks/gone.py", "overrides/extra.html"]
    assert sorted(plan.moved) == [("overrides/extra.html", "overrides/county/extra.html"),
                                  ("overrides/main.html", "overrides/county/main.html")]
    assert plan.kept_own == ["hooks/mine.py"] and plan.replaced_own == []
    up.apply(plan, county, tree)
    assert (county / "overrides/county/main.html").read_text("utf-8") == mine["overrides/main.html"]
    assert (county / "overrides/main.html").read_text("utf-8") == files["overrides/main.html"]
    assert (county / "overrides/county/extra.html").is_file() and not (county / "overrides/extra.html").exists()
    assert not (county / "hooks/gone.py").exists() and (county / "hooks/mine.py").is_file()
    assert (county / "hooks/county/x.py").read_text("utf-8") == mine["hooks/county/x.py"]
    # without the kit's history nothing can be told apart: the kit's list decides
    unknown = up.make_plan(county, tree, sorted(files), None)
    assert unknown.moved == [] and unknown.kept_own == [] and "hooks/mine.py" in unknown.remove
