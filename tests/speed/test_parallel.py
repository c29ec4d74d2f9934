"""Entry pages rendered by the forked worker (hooks/kit/speed/theme.py, kit/speed/bodies.py) are the pages the main process
would have rendered: every file of the site is the same byte for byte, the worker's pages land
in the cache like any other, unchanged pages it writes from the cache are the same files, and a
worker that fails leaves no page missing."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import copy_project, forget_builds, run_build


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def serial_and_parallel(tmp_path_factory, cold_build):
    """A serial build, and the run's cold build with the worker (conftest.cold_build: WENMING_PARALLEL=1),
    whose project is copied for the next build."""
    folder = tmp_path_factory.mktemp("parallel")
    serial_root = copy_project(folder / "serial")
    serial = run_build(serial_root, serial_root / "site-serial", {"WENMING_PARALLEL": "0"})
    assert serial.returncode == 0, serial.log
    root = shutil.copytree(cold_build.root, folder / "project", symlinks=True, ignore=shutil.ignore_patterns("trash"))
    return root, serial, cold_build


def _made(log: str, unit: str) -> tuple[int, int]:
    """(made by the second process, total) from the build's log line."""
    line = next(line for line in log.splitlines() if "并行渲染" in line and f" {unit}" in line)
    made, total = line.split("生成了 ")[1].split(f" {unit}")[0], line.split("（共 ")[1].split(" ")[0]
    return int(made), int(total)


def test_the_second_process_renders_bodies_and_pages(serial_and_parallel):
    _, serial, parallel = serial_and_parallel
    assert "并行渲染" not in serial.log
    for unit in ("页", "篇正文"):
        made, total = _made(parallel.log, unit)
        assert 0 < made <= total


def test_parallel_and_serial_builds_are_identical(serial_and_parallel):
    _, serial, parallel = serial_and_parallel
    before, after = _files(serial.site), _files(parallel.site)
    assert before.keys() == after.keys()
    changed = [k for k in before if before[k] != after[k]]
    assert not changed, changed[:5]


def test_worker_pages_are_cached_for_the_next_build(serial_and_parallel, tmp_path):
    root, serial, _ = serial_and_parallel
    warm = run_build(root, tmp_path / "site", {"WENMING_PARALLEL": "1"})
    assert warm.returncode == 0, warm.log
    # every entry page comes from the cache: nothing is left for the worker
    assert not [line for line in warm.log.splitlines() if "并行渲染" in line and " 页（共" in line]
    # unchanged pages were written by both processes from the stored copies, silently
    assert "Page skipped" not in warm.log
    assert _files(warm.site) == _files(serial.site)


def test_a_failing_worker_leaves_no_page_missing(tmp_path):
    """Templates that fail only in the second process (a body template and a theme partial):
    the main process renders those bodies and pages itself, with the same result."""
    root = copy_project(tmp_path / "project")
    fail = "{% if wm_is_worker() %}{{ undefined_macro() }}{% endif %}"
    for rel in ("overrides/partials/qr.html", "overrides/content/honoree.html"):
        path = root / rel
        text = path.read_text("utf-8")
        at = text.index("{% block") if "{% extends" in text else 0   # a child template renders only blocks
        at = text.index("%}", at) + 2 if at else 0
        path.write_text(text[:at] + fail + text[at:], "utf-8")
    hook = root / "hooks" / "wenming_test_worker.py"
    hook.write_text("import os\nMAIN = os.getpid()\n\n"
                    "def is_worker():\n    return os.getpid() != MAIN\n\n"
                    "def on_pre_build(config):\n    config.extra['wenming_build'].env.globals['wm_is_worker'] = is_worker\n\n"
                    "def on_env(env, config, files):\n    env.globals['wm_is_worker'] = is_worker\n    return env\n",
                    "utf-8")
    mkdocs_yml = root / "mkdocs.yml"
    mkdocs_yml.write_text(mkdocs_yml.read_text("utf-8") +       # a county's hooks list replaces the kit's
                          "hooks:\n  - hooks/wenming.py\n  - hooks/wenming_test_worker.py\n", "utf-8")
    result = run_build(root, root / "site", {"WENMING_PARALLEL": "1"})
    assert result.returncode == 0, result.log
    for unit in ("页", "篇正文"):
        made, total = _made(result.log, unit)
        assert made < total, (unit, made, total)   # the honoree bodies and pages with a QR poster failed there
    page = (root / "site" / "honorees" / "2023-sample-sun" / "index.html").read_text("utf-8")
    assert "wm-qr__code" in page and "孙某某" in page
    forget_builds(root)     # every page and body made again, here
    serial = run_build(root, tmp_path / "serial", {"WENMING_PARALLEL": "0"})
    assert serial.returncode == 0, serial.log
    assert _files(serial.site) == _files(root / "site")


def test_photos_are_waited_for_only_around_a_fork(monkeypatch):
    """The render worker's fork waits for the photos being made (none half made in its memory); a
    build without the worker (WENMING_PARALLEL=0, one core) renders on beside the photos' thread."""
    import logging
    import types

    import jinja2
    from mkdocs.structure.files import Files

    from kit.speed import theme

    output = types.SimpleNamespace(keys=set(), store=types.SimpleNamespace(old_blob=""),
                                   stored_places=lambda files: {})
    calls = []
    monkeypatch.setattr(theme, "wanted", lambda count: False)
    renderer = theme.Renderer(output)
    renderer.start(jinja2.Environment(), None, None, Files([]), lambda: None, 10_000, None,
                   lambda: calls.append("settled"))
    logging.getLogger("mkdocs.commands.build").removeFilter(renderer.quiet)
    assert calls == [] and renderer.pid == 0 and renderer.pages == []
