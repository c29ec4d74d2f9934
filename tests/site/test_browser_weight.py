"""What a first visit to the home page downloads, in Chromium at phone size (every response's
decoded body, summed): within the budget, without the search index, the search worker or
Material's palette.css (the county's colours are set by the page itself), and search still works
once the box is opened (the worker starts then). Uses the session's one Chromium."""
from __future__ import annotations

import pytest

from test_browser import base  # noqa: F401  (the same fixture: the site served under /wenming/)

# issue 27; Material's JavaScript and (trimmed) CSS are 217 KB of it (README, Performance)
HOME_BUDGET = 300 * 1024


@pytest.fixture
def visit(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2,
                                  is_mobile=True, has_touch=True, locale="zh-CN")
    page = context.new_page()
    got: list[tuple[str, int]] = []

    def response(r):
        try:
            got.append((r.url, len(r.body())))
        except Exception:    # noqa: BLE001  a redirect has no body
            got.append((r.url, 0))

    page.on("response", response)
    yield page, got
    context.close()


def test_home_first_visit_stays_within_budget_and_loads_no_search(visit, base):  # noqa: F811
    page, got = visit
    page.goto(base, wait_until="networkidle")
    page.wait_for_timeout(500)
    total = sum(n for _, n in got)
    heaviest = sorted(got, key=lambda x: -x[1])[:6]
    assert total <= HOME_BUDGET, (total, heaviest)
    urls = [u for u, _ in got]
    assert not [u for u in urls if "search_index.json" in u or "/workers/" in u or "palette." in u], urls
    # the county's colour still reaches Material's header
    colour = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    primary = page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--wm-primary').trim()")
    probe = page.evaluate("c => { const d = document.createElement('div'); d.style.color = c; document.body.append(d);"
                          " const v = getComputedStyle(d).color; d.remove(); return v; }", primary)
    assert colour == probe, (colour, primary)


def test_search_starts_its_worker_when_the_box_is_opened(visit, base):  # noqa: F811
    page, got = visit
    page.goto(base, wait_until="networkidle")
    page.locator("button.md-header__button[data-wm-toggle=__search]").click()
    page.locator("input[data-md-component=search-query]").fill("茶")
    page.wait_for_selector(".md-search-result__item", timeout=30000)
    urls = [u for u, _ in got]
    assert [u for u in urls if "/workers/wm-" in u] and [u for u in urls if "search_index.json" in u]


def test_text_put_in_the_box_without_a_key_is_searched(visit, base):  # noqa: F811
    """Material reads the field on keyup only; a word pasted on a phone (an `input` and no key),
    once the index is loaded, is searched all the same (lazy-search.js)."""
    page, _ = visit
    page.goto(base, wait_until="networkidle")
    page.locator("button.md-header__button[data-wm-toggle=__search]").click()
    page.wait_for_function("() => (document.querySelector('.md-search-result__meta') || {}).textContent"
                           " === '键入以开始搜索'", timeout=30000)
    page.locator("input[data-md-component=search-query]").fill("茶")   # fill: an input event, no keyup
    page.wait_for_selector(".md-search-result__item", timeout=30000)
