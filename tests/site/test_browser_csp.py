"""The Content-Security-Policy in Chromium: on every page type (served under a sub-path) the
policy is in place, nothing violates it, nothing is logged as an error, and search works from
the page; an image or script from another origin added to a page is refused by the browser before
any request leaves. Uses the session's one Chromium (the `browser` fixture in conftest.py)."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from browser_server import serve
from test_browser import base  # noqa: F401  (the same fixture: the site served under /wenming/)

PAGES = {
    "home": "", "campaign": "campaign/", "list-events": "events/", "list-honorees": "honorees/",
    "list-reading": "reading/", "list-pledges": "pledges/", "list-heritage": "heritage/", "practice": "practice/",
    "event": "events/yunwu-tea-fair/", "honoree": "honorees/2023-sample-sun/", "brand": "reading/town-reading/",
    "pledge": "pledges/residents-pledge/", "village": "villages/liutang-village/", "news": "blog/",
    "news-post": "blog/tea-fair-review/", "news-archive": "blog/archive/2023/", "news-category": "blog/category/festivals/",
    "about": "about/", "guide": "guide/", "sitemap": "sitemap/", "opendata": "opendata/",
}
WATCH = """() => { window.__violations = [];
  document.addEventListener('securitypolicyviolation',
    e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI)); }"""


@pytest.fixture(scope="module")
def tab(browser):
    """One tab for the module's tests (a new context per test costs 0.7 s; see test_browser.Tab)."""
    context = browser.new_context(viewport={"width": 375, "height": 812}, locale="zh-CN")
    page = context.new_page()
    page.errors, page.requests, page.failed = [], [], {}
    page.add_init_script(f"({WATCH})()")
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("request", lambda r: page.requests.append(r.url))
    page.on("requestfailed", lambda r: page.failed.__setitem__(r.url, r.failure))
    yield page
    context.close()


@pytest.fixture
def visit(tab):
    yield tab
    if tab.url.startswith("http"):
        tab.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
    tab.errors.clear()
    tab.requests.clear()
    tab.failed.clear()


def _search(page, query: str) -> list[str]:
    page.locator("button.md-header__button[data-wm-toggle=__search]").click()
    box = page.locator("input[data-md-component=search-query]")
    box.fill(query)
    box.press("End")
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    return page.eval_on_selector_all(".md-search-result__item a", "els => els.map(a => a.href)")


@pytest.mark.parametrize("name, path", PAGES.items())
def test_policy_holds_and_search_works_on_every_page_type(visit, base, name, path):
    visit.goto(base + path)     # to "load": the quiet network is awaited after the search below
    policy = visit.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert "script-src 'self' 'sha256-" in policy and "unsafe" not in policy and "wm-inline" not in policy
    links = _search(visit, "云雾茶会")
    assert any(urlsplit(h).path == "/wenming/events/yunwu-tea-fair/" for h in links[:3]), links
    # the page's network quiet for 500 ms, once, since it loaded (test_browser.py stops at "load"):
    # waited for here, while the search ran, not before it (0.7 s a page less)
    visit.wait_for_load_state("networkidle")
    visit.wait_for_timeout(200)
    assert visit.evaluate("() => window.__violations") == []
    assert not visit.errors, visit.errors
    assert all(urlsplit(u).hostname == "127.0.0.1" or u.startswith("data:") for u in visit.requests)


def test_policy_holds_and_search_works_on_the_not_found_page(visit, built):
    """404.html is rendered by on_post_template, not on_post_page; served at the root its site_url names."""
    with serve(built.site, "/") as root:
        response = visit.goto(root + "no-such-page/", wait_until="networkidle")
        assert response.status == 404
        assert "'sha256-" in visit.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
        links = _search(visit, "云雾茶会")
        assert any(urlsplit(h).path == "/events/yunwu-tea-fair/" for h in links[:3]), links
        assert visit.evaluate("() => window.__violations") == []
        assert [e for e in visit.errors if "404" not in e] == []


def test_large_text_toggle_and_head_script_run_under_the_policy(visit, base):
    visit.goto(base + "honorees/", wait_until="networkidle")
    assert visit.evaluate("() => document.documentElement.classList.contains('wm-js')")   # the inline head script ran
    visit.locator("header button[data-wm-large-toggle]").click()
    assert visit.evaluate("() => document.documentElement.classList.contains('wm-large')")
    assert visit.evaluate("() => window.__violations") == [] and not visit.errors


def test_the_browser_refuses_what_comes_from_another_origin(visit, base):
    visit.goto(base + "events/", wait_until="networkidle")
    other = base.replace("127.0.0.1", "127.0.0.2")     # another host: the policy's 'self' does not cover it
    visit.evaluate("""other => {
      const img = document.createElement('img'); img.src = other + 'assets/og.png'; document.body.append(img);
      const s = document.createElement('script'); s.src = other + 'assets/site.js'; document.body.append(s);
    }""", other)
    visit.wait_for_timeout(300)
    violations = visit.evaluate("() => window.__violations")
    assert any(v.startswith("img-src") for v in violations), violations
    assert any(v.startswith("script-src") for v in violations), violations
    assert {u: f for u, f in visit.failed.items() if "127.0.0.2" in u} == {
        other + "assets/og.png": "csp", other + "assets/site.js": "csp"}   # refused, never sent
