"""The README and the handbook (handbook/): the handbook builds strict and fits a phone; its generated pages list
every kind and field of the models, every golden error case and every kit setting; and every
path, make target and script the README and the handbook cite exists."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from browser_server import serve
from conftest import ROOT, run_build
from kit.data import kinds, kitconfig
from kit.data.model.forms import form

sys.path.insert(0, str(ROOT / "handbook" / "hooks"))
import generate  # noqa: E402

PAGES = [ROOT / "README.md", ROOT / "handbook/guide/index.md", *sorted((ROOT / "handbook/docs").rglob("*.md"))]
# a path of the kit's: under one of its folders (kit/… is hooks/kit/…), or one of its top-level files
# (a path followed by <…> is a pattern: tests/upgrade/schemas/<旧号>/)
KIT_PATH = re.compile(r"(?<![\w/.-])((?:hooks|scripts|tests|handbook|overrides|kit|\.ci|\.github|\.gitea|githooks)/[\w./*-]*\w/?(?![\w/<*-]|\.\w)"
                      r"|(?:Makefile|kit-files\.txt|requirements[\w-]*\.(?:txt|in)|package\.json|VERSION|CHANGELOG\.md"
                      r"|\.importlinter|ruff\.toml|pytest\.ini)(?![\w.]))")
CODE = re.compile(r"```[^\n]*\n(.*?)```|`([^`\n]+)`", re.S)
MAKE = re.compile(r"(?<![\w-])make ([a-z][\w-]*)")
# the county's own places (kit-files.txt "!"), which the kit does not ship, and what tests write
NOT_SHIPPED = ("hooks/county/", "overrides/county/", "tests/artifacts/")


def cited(text: str) -> list[str]:
    """What a page writes as code: inline `…` and fenced blocks."""
    return [block or inline for block, inline in CODE.findall(text)]


def exists(path: str) -> bool:
    if path.startswith(NOT_SHIPPED):
        return True
    path = path.rstrip("/.")
    if path.startswith("kit/"):
        path = f"hooks/{path}"
    if any(c in path for c in "*?"):
        return any(ROOT.glob(path))
    return (ROOT / path).exists()


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_path_and_make_target_cited_exists(page: Path):
    targets = set(re.findall(r"^([a-z][\w-]*):", (ROOT / "Makefile").read_text("utf-8"), re.M))
    missing, unknown = set(), set()
    for code in cited(page.read_text("utf-8")):
        missing |= {p for p in KIT_PATH.findall(code) if not exists(p)}
        unknown |= {t for t in MAKE.findall(code) if t not in targets}
    assert not missing and not unknown, (sorted(missing), sorted(unknown))


def test_the_readme_is_short_and_chinese_first():
    readme = (ROOT / "README.md").read_text("utf-8")
    assert len(readme.splitlines()) <= 150
    first = readme.split("## ")[0]
    assert len(re.findall(r"[\u4e00-\u9fff]", first)) > 100 and "## English" in readme
    for command in ("make serve", "make test", "make handbook", "site-handbook/index.html"):
        assert command in readme, command


def fields(found, path=()):
    for f in found:
        yield ".".join(path + (f.name,))
        yield from fields(f.children, path + (f.name,))


def test_the_field_reference_lists_every_kind_and_field_of_the_models():
    page = generate.reference()
    for kind in kinds.all_kinds():
        section = page.split(f"## {kind.label} {{#{kind.name}}}\n", 1)[1].split("\n## ", 1)[0]
        rows = re.findall(r"^\| `([\w.]+)` \| ([^|]*) \| (是|否) \|", section, re.M)
        listed = [name for name, _, _ in rows]
        assert listed == list(fields(form(kind.model))), kind.name
        for f, (_, label, required) in zip(_flat(form(kind.model)), rows):
            assert (label.strip(), required) == (f.label.replace("|", "\\|"), "是" if f.required else "否")


def _flat(found):
    for f in found:
        yield f
        yield from _flat(f.children)


def test_the_error_catalogue_holds_every_golden_case_word_for_word():
    page = generate.errors()
    for case in sorted(p for p in generate.GOLDEN.iterdir() if p.is_dir()):
        assert f" {{#{case.name}}}\n" in page
        for line in (case / "expected.txt").read_text("utf-8").splitlines():
            assert line in page, line


def test_the_settings_page_lists_every_setting_and_its_variable():
    page = generate.settings()
    for name, env, _, _ in kitconfig.reference():
        assert f"| `{name}` | `{env}` |" in page


@pytest.fixture(scope="module")
def handbook(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("handbook") / "site"
    built = run_build(ROOT / "handbook", site)      # `mkdocs build --strict -f handbook/mkdocs.yml`
    assert built.returncode == 0, built.log
    assert "WARNING" not in built.log
    return site


def test_the_handbook_builds_strict_with_the_kits_styles_search_and_generated_pages(handbook):
    site = handbook
    for rel in ("index.html", "guide/index.html", "reference/index.html", "errors/index.html", "settings/index.html",
                "tech/index.html", "maintainers/architecture/index.html", "assets/site.css", "assets/wenming/kit.css",
                "search/search_index.json", "guide/images/admin-form.png"):
        assert (site / rel).is_file(), rel
    guide = (site / "guide/index.html").read_text("utf-8")
    assert "中共某县委宣传部" in guide and "{{" not in guide and "青禾" not in guide
    assert 'lang="zh' in guide and "assets/wenming/kit.css" in guide
    index = json.loads((site / "search/search_index.json").read_text("utf-8"))
    titles = {doc["title"].replace("\u200b", "") for doc in index["docs"]}   # jieba's word marks
    assert {"错误信息", "字段参考", "编辑指南", "身边好人"} <= titles
    # every table cell is named by its column's heading, for the phone layout (handbook.css)
    settings = (site / "settings/index.html").read_text("utf-8")
    assert '<td data-label="环境变量"><code>WENMING_PRODUCTION</code></td>' in settings


PHONE_PAGES = ("", "guide/", "reference/", "errors/", "settings/", "tech/", "maintainers/architecture/",
               "maintainers/performance/", "maintainers/dependencies/")


def test_no_page_of_the_handbook_is_wider_than_a_phone(handbook, browser):
    """At 390 px every page fits: the reference tables become labelled blocks, nothing scrolls sideways."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        with serve(handbook, "/") as base:
            for url in PHONE_PAGES:
                page.goto(base + url, wait_until="load")
                assert page.evaluate("document.documentElement.scrollWidth") <= 390, url
            page.goto(base + "reference/", wait_until="load")
            label = page.evaluate("""getComputedStyle(document.querySelector('.hb-fields td:nth-child(3)'), '::before').content""")
            assert label == '"必填："'
    finally:
        context.close()
