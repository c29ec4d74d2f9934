#!/usr/bin/env python3
"""The screenshots of the web forms in the editor's guide (handbook/guide/images/) and the handbook's
technician pages (handbook/docs/images/), taken from the kit's fictional county (tests/fixture) in Chromium at an office
screen's size, the way tests/site/test_admin_browser.py drives the forms. Run again after the
forms change:  .venv/bin/python scripts/guide_screenshots.py   (needs npm ci and chromium)."""
from __future__ import annotations

import io
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "site"), str(ROOT / "hooks")]

from PIL import Image  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from browser_server import decap_proxy, serve  # noqa: E402
from conftest import ARGS, CHROMIUM, copy_project, run_build  # noqa: E402

GUIDE = ROOT / "handbook" / "guide" / "images"
HANDBOOK = ROOT / "handbook" / "docs" / "images"


# the part of the 1366×768 window that matters: the forms' column (readable on a phone too)
LIST = {"x": 0, "y": 0, "width": 1000, "height": 720}
FORM = {"x": 240, "y": 0, "width": 860, "height": 768}


def save(page, name: str, *places: Path, clip: dict | None = None) -> None:
    """A palette PNG (a few dozen KB): the forms are flat colours and text."""
    shot = Image.open(io.BytesIO(page.screenshot(clip=clip)))
    small = shot.convert("RGB").quantize(colors=64, method=Image.Quantize.MEDIANCUT)
    for folder in places:
        folder.mkdir(parents=True, exist_ok=True)
        small.save(folder / name, optimize=True)
        print(folder.relative_to(ROOT) / name, (folder / name).stat().st_size // 1024, "KB")


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="guide-shots-"))
    project = copy_project(work / "project")
    site = work / "site"
    result = run_build(project, site, {"WENMING_NODE_MODULES": str(ROOT / "node_modules")})
    if result.returncode:
        print(result.log)
        return 1
    try:
        with decap_proxy(site, project), sync_playwright() as p, serve(site, "/wenming/") as base:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1366, "height": 768}, locale="zh-CN")
            page.goto(base + "admin/")
            page.get_by_role("button", name="登录").click()
            page.goto(base + "admin/#/collections/honorees")
            page.get_by_text("2024.yml", exact=True).wait_for()
            save(page, "admin-collections.png", GUIDE, HANDBOOK, clip=LIST)
            page.get_by_text("2024.yml", exact=True).click()
            item = page.get_by_text("钱兰 （2024-qian-lan）").locator("xpath=..")
            item.wait_for()
            save(page, "admin-honorees.png", GUIDE, HANDBOOK, clip=FORM)
            item.locator("button").first.click()
            summary = item.get_by_label("简介（必填）", exact=True)
            summary.wait_for()
            item.evaluate("e => e.scrollIntoView()")
            page.mouse.wheel(0, -80)
            page.wait_for_timeout(300)
            save(page, "admin-form.png", GUIDE, clip=FORM)
            summary.fill("照顾瘫痪婆婆十二年，带动全村敬老爱老。")
            page.get_by_role("button", name="发布").first.click()
            page.get_by_text("立即发布").wait_for()
            save(page, "admin-publish.png", GUIDE, clip=FORM)
            browser.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
