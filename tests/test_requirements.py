"""What a county's pipeline and editors run imports only what requirements.txt installs.

The publishing pipeline and `make setup` install requirements.txt, never the test tools: a module
the build, `make check`, `make publish-check`, `make review`, `make import` … imports from a
test-only package works in the kit's test venv and fails in every county (it happened: the
审核单 imported lxml, a test dependency, and `make publish-check` stopped on a fresh clone).
Every import in hooks/ and in those scripts, at the top or inside a function, is checked.
"""
from __future__ import annotations

import ast
import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# the maintainers' tools, run from the kit's test venv (they drive Chromium through Playwright)
MAINTAINERS_ONLY = {"bench.py", "bench_forms.py", "bench_search.py", "gen_data.py", "guide_screenshots.py",
                    "lighthouse.py"}


def pinned(path: Path) -> set[str]:
    names = set()
    for line in path.read_text("utf-8").splitlines():
        m = re.match(r"([A-Za-z0-9_.\-]+)==", line)
        if m:
            names.add(re.sub(r"[-_.]+", "-", m.group(1)).lower())
    return names


def imports(path: Path) -> set[str]:
    out = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            out.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            out.add(node.module.split(".")[0])
    return out


def runtime_files() -> list[Path]:
    scripts = [p for p in (ROOT / "scripts").glob("*.py") if p.name not in MAINTAINERS_ONLY]
    return sorted((ROOT / "hooks").rglob("*.py")) + sorted(scripts)


def test_runtime_imports_come_from_requirements_txt():
    runtime = pinned(ROOT / "requirements.txt")
    engine = pinned(ROOT / "requirements-properdocs.txt")     # the other engine, in a venv of its own
    dists = {m: {re.sub(r"[-_.]+", "-", d).lower() for d in ds} for m, ds in packages_distributions().items()}
    local = ({p.stem for p in (ROOT / "scripts").glob("*.py")} | {p.name for p in (ROOT / "hooks").iterdir()}
             | {p.stem for p in (ROOT / "hooks").glob("*.py")})
    wrong = []
    for path in runtime_files():
        for name in sorted(imports(path)):
            if name in sys.stdlib_module_names or name in local or name == "__future__":
                continue
            if name in engine:
                continue
            found = dists.get(name)
            assert found, f"{path.relative_to(ROOT)} imports {name}: installed by no package in this venv"
            if not found & runtime:
                wrong.append(f"{path.relative_to(ROOT)}: {name} ({', '.join(sorted(found))})")
    assert not wrong, "imported from packages that requirements.txt does not install:\n" + "\n".join(wrong)


def test_the_check_sees_test_only_packages():
    # the check itself: a test-only package is one it would refuse
    runtime, dev = pinned(ROOT / "requirements.txt"), pinned(ROOT / "requirements-dev.txt")
    assert {"pytest", "playwright", "hypothesis"} <= dev - runtime
    assert {"lxml", "mkdocs", "openpyxl"} <= runtime
    assert "pytest" in imports(ROOT / "tests" / "conftest.py")
