"""The forms under `mkdocs serve` (as `make edit` runs them): a data file changed on disk (as a
save through decap-server changes it) makes the preview rebuild, which no longer reloads the
open forms (finding 4: the page reloaded itself ~3 s after 发布 and once was blank), and the
preview's check reaches the forms' status panel through admin/status.json."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from urllib.request import urlopen

import pytest
from conftest import ROOT

CMS = ROOT / "node_modules" / "decap-cms" / "dist" / "decap-cms.js"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _status(base: str) -> dict | None:
    try:
        return json.loads(urlopen(base + "admin/status.json", timeout=5).read())
    except OSError:
        return None


def _wait(predicate, seconds: float = 120):
    end = time.time() + seconds
    while time.time() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError("timed out")


@pytest.fixture
def served(project):
    if not CMS.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail("decap-cms missing (npm ci)")
        pytest.skip("decap-cms missing (npm ci)")
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "WENMING_NODE_MODULES": str(ROOT / "node_modules")}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(project / "mkdocs.yml"),
                               "-a", f"127.0.0.1:{port}"], cwd=project, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    try:
        _wait(lambda: _status(base), 240)
        yield base
    finally:
        server.terminate()
        server.wait(20)


def test_a_saved_file_rebuilds_the_preview_without_reloading_the_forms_and_the_panel_gets_its_check(served, project, browser):
    first = _status(served)
    assert first["ok"] is True and first["errors"] == []
    page = browser.new_page()
    page.goto(served + "admin/")
    page.get_by_role("button", name="登录").wait_for()
    assert "livereload" in page.content(), "mkdocs serve adds its live reload to the page"
    page.evaluate("window.still_here = true")

    path = project / "data/honorees/2024.yml"
    path.write_text(path.read_text("utf-8").replace("summary: 照顾瘫痪婆婆十二年，带动全村敬老。",
                                                    "summary: 照顾瘫痪婆婆十二年，电话 13812345678。"), "utf-8")
    after = _wait(lambda: (s := _status(served)) and s["built"] > first["built"] and s)
    assert after["ok"] is False
    assert any(line.startswith("data/honorees/2024.yml:") and "手机号码" in line for line in after["errors"]), after
    time.sleep(5)          # the live reload polls; before the fix the page reloaded here
    assert page.evaluate("window.still_here === true"), "the forms reloaded themselves"
    page.close()
