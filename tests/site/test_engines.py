"""The engine under the kit: the fixture county builds on ProperDocs 1.6 (the maintained
continuation of MkDocs 1.x) as on MkDocs 1.6.1, with the same Material, to the same site; MkDocs 2
and Material 10 are refused at the start with a line in Chinese.

ProperDocs lives in a venv of its own (`.venv-properdocs`, made by .ci/run from
requirements-properdocs.txt; or WENMING_PROPERDOCS=/path/to/python): never beside MkDocs."""
from __future__ import annotations

import difflib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURE, ROOT

PROPERDOCS = Path(os.environ.get("WENMING_PROPERDOCS", ROOT / ".venv-properdocs/bin/python"))
# the differences a switch of engine may make, each with why it is fine
ACCEPTED = [(re.compile(r'<meta name="generator" content="[^"]*">'), "the generator's name in <head>")]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "PYTHONIOENCODING": "utf-8"}


def properdocs() -> Path:
    if not PROPERDOCS.is_file():
        why = f"no ProperDocs venv at {PROPERDOCS} (.ci/run makes it: see handbook/docs/tech/properdocs.md)"
        if os.environ.get("CI") == "true":
            pytest.fail(why)
        pytest.skip(why)
    return PROPERDOCS


def accepted(text: str) -> str:
    for pattern, _ in ACCEPTED:
        text = pattern.sub("", text)
    return text


def site_differences(a: Path, b: Path) -> list[str]:
    files_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    out = [f"only with MkDocs: {f}" for f in sorted(files_a - files_b)]
    out += [f"only with ProperDocs: {f}" for f in sorted(files_b - files_a)]
    for rel in sorted(files_a & files_b):
        x, y = (a / rel).read_bytes(), (b / rel).read_bytes()
        if x == y:
            continue
        try:
            tx, ty = accepted(x.decode("utf-8")), accepted(y.decode("utf-8"))
        except UnicodeDecodeError:
            out.append(f"differs: {rel} (binary)")
            continue
        if tx != ty:
            diff = difflib.unified_diff(tx.splitlines(), ty.splitlines(), "mkdocs", "properdocs", lineterm="", n=0)
            out.append(f"differs: {rel}\n" + "\n".join(list(diff)[2:12]))
    return out


def test_the_fixture_builds_on_properdocs_to_the_same_site(built, tmp_path):
    python = properdocs()
    site = tmp_path / "site"
    # in place, as `built` is (git dates count); the plain door keeps nothing in the fixture's cache
    proc = subprocess.run([str(python), "-m", "properdocs", "build", "--strict", "-f", str(FIXTURE / "mkdocs.yml"),
                           "-d", str(site)], cwd=FIXTURE, env={**ENV, "WENMING_SPEED": "0"},
                          capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert not [l for l in (proc.stdout + proc.stderr).splitlines() if "WARNING" in l]
    version = subprocess.run([str(python), "-c", "import properdocs; print(properdocs.__version__)"],
                             capture_output=True, text=True).stdout.strip()
    assert version.startswith("1.6.")
    home = (site / "index.html").read_text("utf-8")
    assert "ProperDocs" in home and "mkdocs-material-9." in home
    differences = site_differences(built.site, site)
    assert not differences, "\n".join(differences)


def test_properdocs_requirements_are_the_sites_with_the_other_engine():
    pins = [l for l in (ROOT / "requirements.txt").read_text().splitlines() if l and not l.startswith("#")]
    proper = [l for l in (ROOT / "requirements-properdocs.txt").read_text().splitlines() if l and not l.startswith("#")]
    assert sorted(proper) == sorted([p for p in pins if p.split("==")[0] not in ("mkdocs", "mkdocs-get-deps")]
                                    + ["properdocs==1.6.7"])
    assert "mkdocs-material==9." in (ROOT / "requirements.in").read_text()


def fake(tmp_path: Path, package: str, version: str) -> dict[str, str]:
    dist = tmp_path / f"{package.replace('-', '_')}-{version}.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {package}\nVersion: {version}\n")
    return {**ENV, "PYTHONPATH": str(tmp_path)}


@pytest.mark.parametrize("package, version, says", [
    ("mkdocs", "2.0.0", "安装的是 MkDocs 2.0.0，本套件只能用 MkDocs 1.6 或 ProperDocs 1.6 生成网站"),
    ("mkdocs-material", "10.0.0", "安装的是 Material for MkDocs 10.0.0，本套件的模板只适用于 9.x"),
])
def test_a_later_engine_is_refused_at_the_start_in_chinese(tmp_path, package, version, says):
    env = fake(tmp_path / "fake", package, version)
    check = subprocess.run([sys.executable, str(ROOT / "hooks/kit/engine.py")], env=env, capture_output=True, text=True)
    assert check.returncode == 1 and says in check.stdout
    ok = subprocess.run([sys.executable, str(ROOT / "hooks/kit/engine.py")], env=ENV, capture_output=True, text=True)
    assert ok.returncode == 0 and ok.stdout == ""
    if package != "mkdocs":
        return     # a fake Material's metadata hides the real one's theme, so MkDocs stops before our hook
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(FIXTURE / "mkdocs.yml"),
                            "-d", str(tmp_path / "site")], env=env, capture_output=True, text=True, encoding="utf-8")
    assert build.returncode != 0 and says in build.stdout + build.stderr
    assert not (tmp_path / "site").exists()


def test_the_county_check_reads_the_kits_modules_on_properdocs_alone():
    """scripts/county_check.py imports kit modules that name mkdocs.*: with ProperDocs alone they
    are ProperDocs' (kit/engine.py alias), as in its own builds."""
    python = properdocs()
    code = ("import sys; sys.path.insert(0, 'hooks'); from kit import engine; engine.alias(); "
            "import kit.outputs.admin; print(engine.name(), engine.problem())")
    proc = subprocess.run([str(python), "-c", code], cwd=ROOT, env=ENV, capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.strip() == "properdocs None", proc.stderr
