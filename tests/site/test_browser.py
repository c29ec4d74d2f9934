"""The built site in headless Chromium, served under a sub-path (/wenming/),
at a phone (375x812) and a desktop viewport.

Skips with a message when Playwright or Chromium is missing, except when
CI=true: then a missing browser fails the run.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from browser_server import serve
from conftest import copy_project, run_build

# screenshots to look at, made only when asked: WENMING_SHOTS=tests/artifacts/screenshots make test
# (a full-page phone screenshot costs about 0.4 s; nobody looks at them on every run)
SHOTS = Path(os.environ["WENMING_SHOTS"]) if os.environ.get("WENMING_SHOTS") else None


def shot(page, name: str, **kw) -> None:
    if SHOTS:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), **kw)
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}

# one page of every page type
PAGE_TYPES = {
    "home": "",
    "list-events": "events/",
    "list-honorees": "honorees/",
    "list-pledges": "pledges/",
    "event": "events/yunwu-tea-fair/",
    "honoree": "honorees/2023-sample-sun/",
    "brand": "reading/town-reading/",
    "pledge": "villages/liutang-village/",
    "campaign": "campaign/",
    "practice": "practice/",
    "news": "blog/",
    "about": "about/",
}


@pytest.fixture(scope="session")
def base(built):
    with serve(built.site, "/wenming/") as url:
        yield url


class Visit:
    """A browser context that blocks and records every request leaving localhost."""

    def __init__(self, browser, viewport, **kw):
        self.viewport = viewport
        self.context = browser.new_context(viewport=viewport, locale="zh-CN", **kw)
        self.outside: list[str] = []
        self.errors: list[str] = []
        # only what leaves localhost is routed through Python (a glob would stop every request)
        self.context.route(re.compile(r"^(?!(data:|blob:|https?://(127\.0\.0\.1|localhost)[:/]))"), self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("response", lambda r: r.status >= 400 and self.errors.append(f"{r.status} {r.url}"))

    def _route(self, route):
        self.outside.append(route.request.url)
        route.abort()

    def tidy(self) -> None:
        """Ready for the next test in the same tab: what the last one stored, printed or resized is
        undone and its records are emptied (the next page load replaces the rest)."""
        if self.page.url.startswith("http"):
            self.page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
        self.page.emulate_media(media="null")
        self.page.set_viewport_size(self.viewport)
        self.outside.clear()
        self.errors.clear()

    def close(self):
        self.context.close()


class Tab:
    """One Visit shared by the tests of a module that only open pages and read them: a new
    browser context costs about 0.7 s a test (a renderer process started, every script and style
    fetched and parsed again), one tab reused costs 0.2 s a page. A test that adds init scripts,
    fakes the clock or measures a first visit takes a Visit of its own instead. A tab that cannot
    be tidied (its test broke it) is closed and the next test gets a new one."""

    def __init__(self, make):
        self.make, self.visit = make, None

    def take(self) -> Visit:
        if self.visit is None:
            self.visit = self.make()
            self.visit.context = _Shared(self.visit.context)
        return self.visit

    def give_back(self) -> None:
        try:
            self.visit.tidy()
        except Exception:
            self.close()

    def close(self) -> None:
        if self.visit is not None:
            self.visit.close()
            self.visit = None


class _Shared:
    """A shared tab's context: what would outlive the test (init scripts, exposed functions,
    routes) is refused, so such a test takes a Visit of its own (`own_phone`)."""
    LASTING = ("add_init_script", "expose_function", "expose_binding", "route")

    def __init__(self, context) -> None:
        self._context = context

    def __getattr__(self, name: str):
        if name in self.LASTING:
            raise AssertionError(f"context.{name} on a shared tab would reach the next tests: use own_phone")
        return getattr(self._context, name)


def _phone(browser) -> Visit:
    return Visit(browser, PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)


@pytest.fixture(scope="module")
def phone_tab(browser):
    tab = Tab(lambda: _phone(browser))
    yield tab
    tab.close()


@pytest.fixture(scope="module")
def desktop_tab(browser):
    tab = Tab(lambda: Visit(browser, DESKTOP))
    yield tab
    tab.close()


@pytest.fixture
def phone(phone_tab):
    yield phone_tab.take()
    phone_tab.give_back()


@pytest.fixture
def desktop(desktop_tab):
    yield desktop_tab.take()
    desktop_tab.give_back()


@pytest.fixture
def own_phone(browser):
    """A phone of the test's own, for a test that adds init scripts or fakes the clock."""
    v = _phone(browser)
    yield v
    v.close()


def _open(v: Visit, url: str) -> None:
    """Until the load event: every file the page names has been asked for by then (checked: only the
    favicon comes later). test_browser_csp.py waits for the network to be quiet on every page type,
    so a late request to another host is still caught; waiting for it here cost 0.5 s a page."""
    v.page.goto(url, wait_until="load")


@pytest.mark.parametrize("name,path", PAGE_TYPES.items())
def test_phone_page_renders_without_errors_overflow_or_outside_requests(phone, base, name, path):
    _open(phone, base + path)
    page = phone.page
    assert page.locator("h1").first.is_visible()
    width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"{name}: horizontal scrolling ({width[0]} > {width[1]} px)"
    shot(page, f"phone-{name}", full_page=True)
    shot(page, f"phone-{name}-screen")   # what the first screen shows
    assert not phone.errors, phone.errors
    assert not phone.outside, phone.outside


@pytest.mark.parametrize("name,path", PAGE_TYPES.items())
def test_desktop_page_renders_without_errors_or_outside_requests(desktop, base, name, path):
    _open(desktop, base + path)
    assert desktop.page.locator("h1").first.is_visible()
    if name in ("home", "honoree", "campaign"):
        shot(desktop.page, f"desktop-{name}", full_page=True)
    assert not desktop.errors, desktop.errors
    assert not desktop.outside, desktop.outside


@pytest.mark.parametrize("name,path", PAGE_TYPES.items())
def test_axe_finds_no_serious_or_critical_violation(phone, base, name, path):
    from axe_playwright_python.sync_playwright import Axe
    _open(phone, base + path)
    for large in (False, True):
        if large:
            phone.page.evaluate("() => document.documentElement.classList.add('wm-large')")
        result = Axe().run(phone.page)
        bad = [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}"
               for v in result.response["violations"] if v["impact"] in ("serious", "critical")]
        assert not bad, f"{name}{' (large)' if large else ''}: " + "\n".join(bad)


def _search(v: Visit, base: str, query: str) -> list[str]:
    page = v.page
    _open(v, base)
    page.locator("button.md-header__button[data-wm-toggle=__search]").click()
    box = page.locator("input[data-md-component=search-query]")
    box.fill(query)
    box.press("End")   # Material searches on key events; typing with an IME sends them too
    page.locator(".md-search-result__item").first.wait_for(timeout=10000)
    return page.eval_on_selector_all(".md-search-result__item a", "els => els.map(a => a.href)")


@pytest.mark.parametrize("query,expected", [("云雾茶会", "events/yunwu-tea-fair/"),
                                            ("孙某某", "honorees/2023-sample-sun/")])
def test_search_box_finds_the_right_page(phone, base, query, expected):
    links = _search(phone, base, query)
    assert any(urlsplit(h).path == urlsplit(base).path + expected for h in links[:3]), links
    assert not phone.outside


def test_large_text_mode_is_one_click_and_persists_across_pages_and_reloads(phone, base):
    page = phone.page
    _open(phone, base)
    size = lambda: page.evaluate("() => parseFloat(getComputedStyle(document.documentElement).fontSize)")
    normal = size()
    toggle = page.locator("[data-wm-large-toggle]")
    assert toggle.get_attribute("aria-pressed") == "false"
    toggle.click()
    assert "wm-large" in page.evaluate("() => document.documentElement.className")
    assert toggle.get_attribute("aria-pressed") == "true"
    assert size() >= normal * 1.25
    page.locator(".wm-tiles a").nth(4).click()       # 身边好人
    page.wait_for_load_state("load")
    assert page.url.endswith("/wenming/honorees/")
    assert "wm-large" in page.evaluate("() => document.documentElement.className")
    page.reload(wait_until="load")
    assert "wm-large" in page.evaluate("() => document.documentElement.className")
    assert page.locator("[data-wm-large-toggle]").get_attribute("aria-pressed") == "true"
    page.locator("[data-wm-large-toggle]").click()
    page.reload(wait_until="load")
    assert "wm-large" not in page.evaluate("() => document.documentElement.className")


def test_large_text_mode_applies_before_first_paint(own_phone, base):
    """The class is set by the head script: it is there when <body> starts, before any paint."""
    phone = own_phone
    phone.context.add_init_script("localStorage.setItem('wm-large', '1')")
    seen = []
    phone.page.expose_function("wmSeen", lambda c: seen.append(c))
    phone.context.add_init_script("""new MutationObserver((records, observer) => {
        if (document.body) { window.wmSeen(document.documentElement.className); observer.disconnect(); }
      }).observe(document, {childList: true, subtree: true});""")
    _open(phone, base + "events/")
    assert seen and "wm-large" in seen[0]
    width = phone.page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1]
    shot(phone.page, "phone-large-events")


def test_controls_are_keyboard_reachable_with_visible_focus(desktop, base):
    page = desktop.page
    _open(desktop, base)
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('[data-wm-large-toggle]')"):
            break
    else:
        pytest.fail("the 大字 button is not reachable with Tab")
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert "wm-large" in page.evaluate("() => document.documentElement.className")


def test_phone_menu_and_search_open_from_the_keyboard(phone, base):
    page = phone.page
    _open(phone, base)
    menu = page.locator("header button[data-wm-toggle=__drawer]")
    assert menu.get_attribute("aria-expanded") == "false"
    menu.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.getElementById('__drawer').checked")
    assert menu.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Escape")
    page.evaluate("() => { document.getElementById('__drawer').checked = false }")
    page.focus("header button[data-wm-toggle=__search]")
    page.keyboard.press(" ")
    assert page.evaluate("() => document.getElementById('__search').checked")
    # the menu and search are buttons; Material's label stays only for browsers without JavaScript
    assert not page.locator("header label[for=__drawer]").is_visible()
    assert page.locator("header label.md-header__button[for=__search]").count() == 0


def test_tap_targets_are_at_least_44px(phone, base):
    for path in ("", "events/", "events/yunwu-tea-fair/"):
        _open(phone, base + path)
        small = phone.page.evaluate("""() => [...document.querySelectorAll(
              '.md-header__button, .wm-card__link, .wm-tile, .wm-filter input, .wm-filter select,'
            + '.wm-footer a, .wm-back a, .wm-print')]
            .filter(el => el.offsetParent !== null)
            .map(el => [el.className || el.tagName, el.getBoundingClientRect()])
            .filter(([, r]) => r.height < 44 || r.width < 44)
            .map(([c, r]) => c + ' ' + Math.round(r.width) + 'x' + Math.round(r.height))""")
        assert not small, (path, small)


@pytest.fixture(scope="module")
def two_years(tmp_path_factory):
    """Shipped events are all from 2023: a site with one more event, from 2022, so the
    year filter (filled at build time) has a choice."""
    root = copy_project(tmp_path_factory.mktemp("two-years") / "project")
    events = root / "data" / "events" / "2023.yml"
    events.write_text(events.read_text("utf-8") + """
  - id: test-2022-fair
    title: 测试往年集市
    kind: 宣传活动
    summary: 往年的一次活动。
    start: 2022-05-01
    place: X县广场
    organiser: X县文明办
""", "utf-8")
    site = root.parent / "site"
    result = run_build(root, site)
    assert result.returncode == 0, result.log
    with serve(site, "/wenming/") as url:
        yield url


def test_list_filter_by_year_category_and_title_without_reload(phone, two_years):
    page = phone.page
    _open(phone, two_years + "events/")
    page.evaluate("() => window.wmMarker = 1")
    form = page.locator("form.wm-filter")
    assert form.is_visible()
    visible = lambda: page.locator(".wm-card:visible").count()
    total = visible()
    assert total >= 5
    page.fill("#wm-filter-q", "云雾")
    assert visible() == 1 and page.locator(".wm-card:visible .wm-card__title").inner_text() == "云雾茶会"
    page.fill("#wm-filter-q", "")
    page.select_option("#wm-filter-category", "节庆活动")
    titles = page.locator(".wm-card:visible .wm-card__title").all_inner_texts()
    assert "云雾茶会" in titles and "墨香少年" not in " ".join(titles) and len(titles) < total
    page.select_option("#wm-filter-category", "")
    years = page.eval_on_selector_all("#wm-filter-year option", "os => os.map(o => o.value).filter(Boolean)")
    assert years == ["2024", "2023", "2022"]
    page.select_option("#wm-filter-year", "2022")
    assert visible() == 1
    page.select_option("#wm-filter-year", "2023")
    assert sorted(page.locator(".wm-card:visible .wm-card__title").all_inner_texts()) == ["云雾茶会", "墨香少年"]
    page.fill("#wm-filter-q", "云雾")
    page.locator("form.wm-filter button[type=submit]").click()   # the submit button filters too
    assert visible() == 1
    assert page.evaluate("() => window.wmMarker") == 1   # no reload happened


def test_year_filter_is_left_out_when_all_cards_share_one_year(phone, base):
    _open(phone, base + "honorees/")
    assert phone.page.locator("form.wm-filter").is_visible()
    assert not phone.page.locator("#wm-filter-year").is_visible()
    assert phone.page.locator("#wm-filter-category").is_visible()


def _mourning_site(tmp_path: Path) -> Path:
    root = copy_project(tmp_path / "project")
    site_yml = root / "data" / "site.yml"
    text = site_yml.read_text("utf-8")
    assert "mourning_days: []" in text
    site_yml.write_text(text.replace("mourning_days: []", "mourning_days:\n    - 2024-04-04"), "utf-8")
    result = run_build(root, tmp_path / "site")
    assert result.returncode == 0, result.log
    return tmp_path / "site"


def test_mourning_day_greys_the_site_in_the_visitors_china_date(browser, tmp_path):
    site = _mourning_site(tmp_path)
    with serve(site, "/wenming/") as url:
        # 2024-04-03 17:30 UTC is already 4 April in Beijing time
        v = Visit(browser, PHONE)
        try:
            for when, grey in (("2024-04-03T17:30:00Z", True), ("2024-04-03T15:00:00Z", False),
                               ("2024-04-05T12:00:00+08:00", False)):
                v.page.clock.set_fixed_time(when)
                _open(v, url + "events/")
                assert v.page.evaluate("() => new Date().toISOString()") == \
                    dt.datetime.fromisoformat(when.replace("Z", "+00:00")).astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")
                f = v.page.evaluate("() => getComputedStyle(document.documentElement).filter")
                assert (f == "grayscale(1)") is grey, (when, f)
                if grey:
                    shot(v.page, "phone-mourning")
        finally:
            v.close()


def test_event_and_honoree_pages_print_as_a_poster(desktop, base):
    page = desktop.page
    for path in ("events/yunwu-tea-fair/", "honorees/2023-sample-sun/"):
        _open(desktop, base + path)
        page.emulate_media(media="print")
        hidden = page.evaluate("""() => ['.md-header', '.md-footer', '.md-sidebar--primary', '.md-search', '.md-tabs']
            .map(s => document.querySelector(s)).filter(Boolean).filter(el => getComputedStyle(el).display !== 'none')
            .map(el => el.className)""")
        assert not hidden, hidden
        box = page.locator(".wm-qr__code").bounding_box()
        assert box["width"] >= 300, box           # 90 mm on A4
        assert page.locator("h1").evaluate("el => parseFloat(getComputedStyle(el).fontSize)") >= 40
        pdf = page.pdf(format="A4")
        assert pdf[:4] == b"%PDF"
        page.emulate_media(media="screen")
