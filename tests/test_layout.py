"""The layout of hooks/: import directions (import-linter, .importlinter), the event map, module
sizes, and the handbook's module table (its architecture page) against the tree."""
from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

HOOKS = ROOT / "hooks"
KIT = HOOKS / "kit"
LINT = Path(sys.executable).with_name("lint-imports")


def lint(hooks: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(hooks)}
    return subprocess.run([str(LINT), "--config", str(ROOT / ".importlinter"), "--no-cache"],
                          cwd=ROOT, env=env, capture_output=True, text=True)


def test_imports_run_one_way():
    result = lint(HOOKS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


@pytest.mark.parametrize("module, line, contract", [
    ("pages/text.py", "from kit.speed import fast", "The pipeline runs one way"),
    ("outputs/feeds.py", "from kit import build", "The pipeline runs one way"),
    ("data/errors.py", "import mkdocs.utils", "The data wing does not depend on the site generator"),
])
def test_a_wrong_import_is_caught(tmp_path, module, line, contract):
    copy = tmp_path / "hooks"
    shutil.copytree(HOOKS, copy, ignore=shutil.ignore_patterns("__pycache__"))
    target = copy / "kit" / module
    target.write_text(target.read_text("utf-8") + f"\n{line}  # noqa\n", "utf-8")
    result = lint(copy)
    assert result.returncode != 0
    assert f"{contract}" in result.stdout and "BROKEN" in result.stdout


def test_the_hook_file_is_only_the_event_map():
    tree = ast.parse((HOOKS / "wenming.py").read_text("utf-8"))
    functions = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
    assert {f.name for f in functions} >= {"on_config", "on_files", "on_nav", "on_env", "on_page_markdown",
                                          "on_page_content", "on_post_page", "on_post_build", "on_build_error"}
    for f in functions:
        body = [s for s in f.body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]
        assert len(body) <= 2, f"{f.name} does more than hand the event on"
    assert len((HOOKS / "wenming.py").read_text("utf-8").splitlines()) <= 100


def test_modules_keep_to_the_size_guide():
    """About 200 lines a module (the house guide); the hand-written QR encoder is one piece."""
    sizes = {p.relative_to(KIT).as_posix(): len(p.read_text("utf-8").splitlines()) for p in KIT.rglob("*.py")}
    over = {m: n for m, n in sizes.items() if n > 240 and m != "pages/qrfast.py"}
    assert not over, over


def test_the_handbooks_module_table_matches_the_tree():
    page = (ROOT / "handbook/docs/maintainers/architecture.md").read_text("utf-8")
    listed = set(re.findall(r"^\| (?:\*\*)?`(hooks/kit/[\w/]+\.py)`", page, re.M))   # a row's first cell
    modules = {f"hooks/{p.relative_to(HOOKS).as_posix()}" for p in KIT.rglob("*.py") if p.name != "__init__.py"}
    assert listed == modules, (sorted(modules - listed), sorted(listed - modules))


def test_ruff_finds_nothing():
    """The linter, with the rules and reasons in ruff.toml."""
    ruff = Path(sys.executable).with_name("ruff")
    out = subprocess.run([str(ruff), "check", "--no-cache", "hooks", "scripts", "tests", "handbook"], cwd=ROOT,
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_a_kinds_folder_or_file_is_named_in_at_most_three_modules():
    """A kind is declared once (hooks/kit/data/kinds/): its folder, file or URL folder appears as a
    string literal in its own module and at most two others (a kind it refers to, a template
    variable of the same name, a message naming the file for editors)."""
    import io
    import tokenize

    from kit.data import kinds
    names = {n for k in kinds.all_kinds() for n in (k.folder, k.file, k.url) if n}
    found: dict[str, set[str]] = {n: set() for n in names}
    for path in KIT.rglob("*.py"):
        for tok in tokenize.generate_tokens(io.StringIO(path.read_text("utf-8")).readline):
            if tok.type != tokenize.STRING:
                continue
            body = re.sub(r"^[rbfuRBFU]*(\"\"\"|'''|\"|')", "", tok.string)
            for n in names:
                if re.match(rf"(data/)?{re.escape(n)}(/|[\"']$)", body):
                    found[n].add(path.relative_to(KIT).as_posix())
    over = {n: sorted(m) for n, m in found.items() if len(m) > 3}
    assert not over, over
