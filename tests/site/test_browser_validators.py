"""In headless Chromium at phone size: layout shift on every list page, axe on the
editor's guide, and the 404 page served under a sub-path (as nginx's error_page serves it)
with its styles, scripts and every link working. The `browser` fixture (tests/conftest.py)
skips when Playwright or Chromium is missing, except when CI=true."""
from __future__ import annotations

import re

from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from browser_server import serve
from conftest import copy_project, run_build

PHONE = dict(viewport={"width": 375, "height": 812}, device_scale_factor=2, is_mobile=True, has_touch=True,
             locale="zh-CN")
CLS_LIMIT = 0.05

CLS_JS = """() => new Promise(done => {
  let total = 0;
  // every shift counts: the test gives no input (Chromium's touch emulation marks shifts hadRecentInput)
  new PerformanceObserver(list => { for (const e of list.getEntries()) total += e.value; })
    .observe({type: "layout-shift", buffered: true});
  // until 1.5 s after the page's load event (the pages are opened side by side, then read)
  const loaded = performance.getEntriesByType("navigation")[0].loadEventEnd;
  setTimeout(() => done(total), Math.max(0, loaded + 1500 - performance.now()));
})"""


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE)
    yield context.new_page()
    context.close()


def _serious(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe
    result = Axe().run(page)
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}"
            for v in result.response["violations"] if v["impact"] in ("serious", "critical")]


def _list_pages(built) -> list[str]:
    out = []
    for path in sorted(built.site.rglob("index.html")):
        if 'data-wm-page="list"' in path.read_text("utf-8"):
            rel = path.parent.relative_to(built.site).as_posix()
            out.append("" if rel == "." else rel + "/")
    return out


def test_list_pages_do_not_shift_after_load(built, phone):
    pages = _list_pages(built)
    assert len(pages) >= 5
    with serve(built.site, "/wenming/") as base:
        opened = {}
        for rel in pages:      # one tab each, all open at once, so their 1.5 s run side by side
            tab = phone.context.new_page()
            tab.goto(base + rel, wait_until="load")
            opened[rel] = tab
        shifts = {rel: round(tab.evaluate(CLS_JS), 4) for rel, tab in opened.items()}
    assert all(v <= CLS_LIMIT for v in shifts.values()), shifts


def test_guide_has_no_serious_accessibility_violation(built, phone):
    with serve(built.site, "/wenming/") as base:
        phone.goto(base + "guide/", wait_until="load")     # the CSP test waits for a quiet network on it
        for large in (False, True):
            if large:
                phone.evaluate("() => document.documentElement.classList.add('wm-large')")
            bad = _serious(phone)
            assert not bad, ("large " if large else "") + "\n".join(bad)


@pytest.fixture(scope="module")
def sub_path_site(tmp_path_factory) -> Path:
    """The site built for https://www.example.gov.cn/wenming/, as a county portal hosts it."""
    root = copy_project(tmp_path_factory.mktemp("subpath") / "project")
    site_yml = root / "data" / "site.yml"
    text = site_yml.read_text("utf-8")
    site_url = re.search(r"site_url: (\S+)", text).group(1)
    assert site_url.count("/") == 3        # the fixture's site is at the root of its host
    site_yml.write_text(text.replace(f"site_url: {site_url}", "site_url: https://www.example.gov.cn/wenming/"), "utf-8")
    result = run_build(root, root.parent / "site")
    assert result.returncode == 0, result.log
    return result.site


def test_404_page_under_a_sub_path_is_styled_accessible_and_its_links_work(sub_path_site, phone):
    failed: list[str] = []
    with serve(sub_path_site, "/wenming/") as base:
        missing = base + "no/such/page/deep/"
        phone.on("requestfailed", lambda r: failed.append(r.url))
        phone.on("response", lambda r: r.status >= 400 and r.url != missing and failed.append(f"{r.status} {r.url}"))
        response = phone.goto(missing, wait_until="networkidle")
        assert response.status == 404
        assert not failed, failed
        # Material's stylesheet applied: the header is laid out as a bar, not unstyled text
        assert phone.evaluate("() => getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
        assert not _serious(phone)
        hrefs = phone.eval_on_selector_all("a[href]", "as => as.map(a => a.href)")
        inside = sorted({h.split("#")[0] for h in hrefs if urlsplit(h).hostname == "127.0.0.1"})
        assert len(inside) > 10 and all(h.startswith(base) for h in inside), inside
        broken = []
        for href in inside:
            r = phone.request.get(href)
            if r.status != 200:
                broken.append(f"{r.status} {href}")
        assert not broken, broken
        assert urljoin(missing, "../../../../") == base
