"""Entry pages rendered by the forked worker (hooks/parallel.py) are the pages the main process
would have rendered: every file of the site is the same byte for byte, the worker's pages land
in the cache like any other, and a worker that fails leaves no page missing."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import copy_project, run_build


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def serial_and_parallel(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("parallel") / "project")
    serial = run_build(root, root / "site-serial", {"WENMING_PARALLEL": "0"})
    assert serial.returncode == 0, serial.log
    shutil.rmtree(root / ".cache")
    parallel = run_build(root, root / "site-parallel", {"WENMING_PARALLEL": "1"})
    assert parallel.returncode == 0, parallel.log
    return root, serial, parallel


def test_the_worker_renders_entry_pages(serial_and_parallel):
    _, serial, parallel = serial_and_parallel
    assert "并行渲染" not in serial.log
    line = next(line for line in parallel.log.splitlines() if "并行渲染" in line)
    made = int(line.split("生成了 ")[1].split(" 页")[0])
    assert made > 0, line


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
    assert "并行渲染" not in warm.log
    assert _files(warm.site) == _files(serial.site)


def test_a_failing_worker_leaves_no_page_missing(tmp_path):
    """A theme template that fails only in the worker process: the main process renders those
    pages itself, with the same result."""
    root = copy_project(tmp_path / "project")
    partial = root / "overrides" / "partials" / "qr.html"
    # the worker is a forked child: its parent's pid differs from the build's own pid
    partial.write_text("{% if wm_is_worker() %}{{ undefined_macro() }}{% endif %}" + partial.read_text("utf-8"),
                       "utf-8")
    conftest = root / "hooks" / "wenming_test_worker.py"
    conftest.write_text("import os\nMAIN = os.getpid()\n\ndef on_env(env, config, files):\n"
                        "    env.globals['wm_is_worker'] = lambda: os.getpid() != MAIN\n    return env\n", "utf-8")
    mkdocs_yml = root / "mkdocs.yml"
    mkdocs_yml.write_text(mkdocs_yml.read_text("utf-8").replace(
        "hooks:\n", "hooks:\n  - hooks/wenming_test_worker.py\n", 1), "utf-8")
    result = run_build(root, root / "site", {"WENMING_PARALLEL": "1"})
    assert result.returncode == 0, result.log
    line = next(line for line in result.log.splitlines() if "并行渲染" in line)
    made, total = (int(x) for x in line.split("生成了 ")[1].replace(" 页（共 ", " ").split(" ")[:2])
    assert made < total, line     # pages with a QR poster failed in the worker
    page = (root / "site" / "honorees" / "2023-example-li" / "index.html").read_text("utf-8")
    assert "wm-qr__code" in page
    shutil.rmtree(root / ".cache")
    serial = run_build(root, tmp_path / "serial", {"WENMING_PARALLEL": "0"})
    assert serial.returncode == 0, serial.log
    assert _files(serial.site) == _files(root / "site")
