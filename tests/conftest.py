"""Shared fixtures: one real build of the fixture county per test session, and
helpers to build a modified copy of it.

The kit's tests never read the county's own `data/`, `docs/` or `mkdocs.yml`:
they build the fictional county in tests/fixture/ (its hooks/ and overrides/
are links to the kit's), so an editor's commit cannot fail them."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

FIXTURE = ROOT / "tests" / "fixture"
COUNTY_PARTS = ("mkdocs.yml", "docs", "data")   # from the fixture county
KIT_PARTS = ("hooks", "overrides", "handbook")   # from the kit (handbook/guide: the editor's guide)
PROJECT_PARTS = COUNTY_PARTS + KIT_PARTS


@dataclass
class Build:
    root: Path
    site: Path
    returncode: int
    log: str

    def html(self, url: str) -> BeautifulSoup:
        path = self.site / url.strip("/") / "index.html" if not url.endswith(".html") else self.site / url
        return BeautifulSoup(path.read_text("utf-8"), "lxml")

    def text(self, rel: str) -> str:
        return (self.site / rel).read_text("utf-8")

    def all_files(self) -> list[Path]:
        return sorted(p for p in self.site.rglob("*") if p.is_file())


def run_build(root: Path, site: Path, env: dict[str, str] | None = None, fresh: bool = False) -> Build:
    """`mkdocs build --strict` of the project at root into site: forked from the test process's
    build server (tests/buildserver.py: MkDocs already imported), or with `fresh` (a test of
    reproducibility: its own hash seed) a new Python process."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    args = ["build", "--strict", "-f", str(root / "mkdocs.yml"), "-d", str(site)]
    if fresh or not hasattr(os, "fork"):
        proc = subprocess.run([sys.executable, "-m", "mkdocs", *args], cwd=root, env=full_env,
                              capture_output=True, text=True)
        return Build(root, site, proc.returncode, proc.stdout + proc.stderr)
    log = site.parent / f".{site.name}-build.log"
    site.parent.mkdir(parents=True, exist_ok=True)
    code = _build_server().ask({"cwd": str(root), "env": full_env, "args": args, "log": str(log)})
    text = log.read_text("utf-8", errors="replace")
    log.unlink()
    return Build(root, site, code, text)


class _BuildServer:
    def __init__(self) -> None:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONIOENCODING": "utf-8"}
        self.proc = subprocess.Popen([sys.executable, str(Path(__file__).with_name("buildserver.py"))],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, text=True)

    def ask(self, request: dict) -> int:
        import json
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        answer = self.proc.stdout.readline()
        if not answer:
            raise RuntimeError("the build server stopped (tests/buildserver.py)")
        return json.loads(answer)["code"]


_SERVER: list[_BuildServer] = []


def _build_server() -> _BuildServer:
    if not _SERVER or _SERVER[0].proc.poll() is not None:
        _SERVER[:] = [_BuildServer()]
    return _SERVER[0]


# The parts of a build's .cache/wenming/ that every copy of the fixture would remake alike, each
# keyed by its content (resized photos, compiled templates, jieba's cuts): a copy starts with
# them, as an editor's second build does, which halves a test build (4.8 s -> 2.4 s). The page
# and data caches are not shared: each copy makes its own. Tests of the caches and of cold
# builds ask for `warm=False`; tests/speed/test_cache.py proves warm == cold.
from kit.speed import CONTENT_KEYED as WARM_PARTS  # noqa: E402
WARM: list[Path] = []       # the session's shared cache folder, once made (see warm_cache)


def copy_project(dest: Path, county: Path = FIXTURE, warm: bool = True) -> Path:
    """The kit's parts plus a county's content (the fixture county unless told)."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = (county if part in COUNTY_PARTS else ROOT) / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__", ".cache"))
        else:
            shutil.copy2(src, dest / part)
    if warm:
        warm_up(dest)
    return dest


def forget_builds(root: Path) -> None:
    """A project's .cache/ as before its first build but for the content-keyed stores (WARM_PARTS):
    its next build is cold for every page, body, output and parsed file (tests/speed/test_cache.py
    proves such a build equals a cold one). The trash is left to the last build's deleter."""
    for stored in (root / ".cache" / "wenming").iterdir():
        if stored.name not in WARM_PARTS and stored.name != "trash":
            shutil.rmtree(stored) if stored.is_dir() else stored.unlink()


def warm_up(root: Path) -> None:
    """The content-keyed parts of the run's one cold build (resized photos, compiled templates,
    jieba cuts) into a project's cache: the site is the same (tests/speed/test_cache.py)."""
    if not WARM:
        return
    cache = root / ".cache" / "wenming"
    cache.mkdir(parents=True, exist_ok=True)
    for part in WARM_PARTS:
        src = WARM[0] / part
        if src.is_dir():
            shutil.copytree(src, cache / part, dirs_exist_ok=True)
        elif src.is_file():
            shutil.copy2(src, cache / part)


def shared_once(request, tmp_path_factory, name: str, make) -> Path:
    """A folder made once per test run, however many pytest-xdist workers ask for it: the first
    worker makes it (`make(folder)`) under a lock, the others wait and reuse it. Without xdist it is
    simply made."""
    base = tmp_path_factory.getbasetemp()
    # an xdist worker (not a pytest started by a test, which inherits PYTEST_XDIST_WORKER): its
    # basetemp is popen-gwN inside the run's own folder, which the workers share
    if not hasattr(request.config, "workerinput"):
        folder = base / name
        make(folder)
        return folder
    shared = base.parent / name
    lock = base.parent / f"{name}.lock"     # a folder: mkdir is atomic on every system
    while True:
        try:
            lock.mkdir()
            break
        except FileExistsError:
            time.sleep(0.2)
    try:
        if not (shared / ".done").exists():
            shutil.rmtree(shared, ignore_errors=True)
            make(shared)
            (shared / ".done").write_text("")
    finally:
        lock.rmdir()
    return shared


# ---- the kit's tests never read the county's own content (an editor's commit cannot fail them) ----
COUNTY_OWN = tuple(str(ROOT / part) for part in COUNTY_PARTS)
INSIDE = tuple(own + os.sep for own in COUNTY_OWN)
READ: list[str] = []
WATCH = [False]


def _audit(event: str, args: tuple) -> None:
    """Every file or folder this process opens or lists, while a test runs (sys.addaudithook)."""
    if WATCH[0] and event in ("open", "os.listdir", "os.scandir") and isinstance(args[0], (str, bytes, os.PathLike)):
        path = os.path.abspath(os.fsdecode(args[0]))
        if path in COUNTY_OWN or path.startswith(INSIDE):
            READ.append(path)


sys.addaudithook(_audit)


@pytest.fixture(autouse=True)
def county_untouched(request):
    """A test reads data/, docs/ or mkdocs.yml of the repository's county only when marked
    `county` (tests/site/test_county.py: the county's own checks on a copy of it)."""
    if request.node.get_closest_marker("county"):
        yield
        return
    READ.clear()
    WATCH[0] = True
    try:
        yield
    finally:
        WATCH[0] = False
    assert not READ, f"the test read the county's own content: {sorted(set(READ))[:5]}"


# The fixture county's one cold build of the run (WENMING_PARALLEL=1: the second process renders,
# as on a county's server), with its project and .cache/ kept: the warm parts come from it, and the
# tests of the fast door's cold build (test_speed_off, test_cache) read it instead of building it
# again. Nobody changes it: a test that builds on it copies its project first.
COLD_ENV = {"WENMING_PARALLEL": "1"}


@pytest.fixture(scope="session")
def cold_build(request, tmp_path_factory) -> Build:
    def make(folder: Path) -> None:
        root = copy_project(folder / "project", warm=False)
        result = run_build(root, folder / "site", COLD_ENV)
        (folder / "log.txt").write_text(result.log, "utf-8")
        (folder / "returncode").write_text(str(result.returncode))

    folder = shared_once(request, tmp_path_factory, "cold-build", make)
    result = Build(folder / "project", folder / "site", int((folder / "returncode").read_text()),
                   (folder / "log.txt").read_text("utf-8"))
    assert result.returncode == 0, result.log
    return result


@pytest.fixture(scope="session", autouse=True)
def warm_cache(request, tmp_path_factory) -> Path:
    """The content-keyed parts of the run's cold build's cache (see WARM_PARTS); a pytest started
    by a test is given its parent's (WENMING_TEST_WARM_CACHE)."""
    given = os.environ.get("WENMING_TEST_WARM_CACHE")
    if given and Path(given).is_dir():
        WARM[:] = [Path(given)]
        return WARM[0]
    cold = request.getfixturevalue("cold_build")

    def make(folder: Path) -> None:
        folder.mkdir(parents=True)
        for part in WARM_PARTS:
            src = cold.root / ".cache" / "wenming" / part
            if src.is_dir():
                shutil.copytree(src, folder / part)
            elif src.is_file():
                shutil.copy2(src, folder / part)

    folder = shared_once(request, tmp_path_factory, "warm-cache", make)
    WARM[:] = [folder]
    return folder


@pytest.fixture(scope="session")
def built(request, tmp_path_factory) -> Build:
    """The fixture county's site, built once per test run (in place, so git dates of its files
    count), shared by the xdist workers."""
    def make(folder: Path) -> None:
        folder.mkdir(parents=True)
        warm_up(FIXTURE)        # its .cache/ (ignored by git), as for every copy
        result = run_build(FIXTURE, folder / "site")
        (folder / "log.txt").write_text(result.log, "utf-8")
        (folder / "returncode").write_text(str(result.returncode))

    folder = shared_once(request, tmp_path_factory, "fixture-site", make)
    result = Build(FIXTURE, folder / "site", int((folder / "returncode").read_text()), (folder / "log.txt").read_text("utf-8"))
    assert result.returncode == 0, result.log
    warnings = [l for l in result.log.splitlines() if "WARNING" in l]
    assert not warnings, "\n".join(warnings)
    return result


@pytest.fixture
def project(tmp_path) -> Path:
    """A private copy of the kit with the fixture county, whose data a test may change."""
    return copy_project(tmp_path / "project")


# ---- one Chromium for every browser test module (two sync Playwrights cannot run at once) ----
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def _missing() -> str:
    try:
        import playwright.sync_api  # noqa: F401
        import axe_playwright_python  # noqa: F401
    except ImportError as exc:
        return f"Playwright or axe-playwright-python not installed ({exc})"
    if not Path(CHROMIUM).exists():
        return f"Chromium not found at {CHROMIUM} (set CHROMIUM=/path/to/chromium)"
    return ""


@pytest.fixture(scope="session")
def browser():
    why = _missing()
    if why:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests are mandatory in CI: {why}")
        pytest.skip(f"browser tests skipped: {why}")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


# The longest test files start first, so that on two workers (pytest-xdist, --dist loadfile, which
# hands out files in collection order) no long file is left alone at the end of the run.
FIRST = ("outputs/test_search_ranking.py", "site/test_county.py", "site/test_admin_browser.py",
         "editing/test_excel_update.py", "speed/test_sitefolder.py", "data/test_property_doors.py",
         "site/test_admin_serve.py", "site/test_reproducible.py", "speed/test_parallel.py")


def pytest_collection_modifyitems(config, items):
    rank = {name: n for n, name in enumerate(FIRST)}

    def key(item) -> int:
        path = Path(item.path)
        inside = path.is_relative_to(ROOT / "tests")
        return rank.get(path.relative_to(ROOT / "tests").as_posix() if inside else "", len(FIRST))
    items.sort(key=key)     # stable: every other file keeps its order
