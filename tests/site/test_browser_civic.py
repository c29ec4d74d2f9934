"""The campaign-inspection pages in headless Chromium, under a sub-path at phone size: no outside
request, axe, the quiz with the keyboard only, the 朗读 button with and without speech synthesis,
large-text sizes (text ≥ 18 px, line height ≥ 1.3, targets ≥ 60 px)."""
from __future__ import annotations

import pytest

from test_browser import (PHONE, Tab, Visit, _open, _phone, base, own_phone, phone, phone_tab,  # noqa: F401  (the same fixtures)
                          shot)

PAGES = {
    "knowledge": "knowledge/",
    "quiz": "knowledge/quiz/",
    "notices": "notices/",
    "stations": "stations/",
    "station": "stations/qinghe-practice-centre/",
    "ads": "ads/",
    "ad": "ads/civility-poster/",
    "services": "services/",
}

# a stand-in for the browser's speech synthesis: records what it is asked to say
FAKE_SPEECH = """
window.__spoken = [];
window.SpeechSynthesisUtterance = function (text) { this.text = text; };
Object.defineProperty(window, "speechSynthesis", {configurable: true, value: {
  speaking: false, paused: false,
  getVoices: function () { return [{lang: "zh-CN", name: "fake"}]; },
  speak: function (u) { window.__spoken.push(u.text); this.current = u; },
  pause: function () { this.paused = true; }, resume: function () { this.paused = false; },
  cancel: function () { this.current = null; },
  next: function () { var u = this.current; if (u && u.onend) u.onend(); }
}});
"""


@pytest.fixture(scope="module")
def speech_tab(browser):
    def make() -> Visit:
        v = _phone(browser)
        v.context.add_init_script(FAKE_SPEECH)     # before the tab is shared: it holds for every test here
        return v
    tab = Tab(make)
    yield tab
    tab.close()


@pytest.fixture
def speaking_phone(speech_tab):
    """A shared phone tab whose browser can speak (FAKE_SPEECH)."""
    yield speech_tab.take()
    speech_tab.give_back()


@pytest.mark.parametrize("name,path", PAGES.items())
def test_phone_page_without_errors_overflow_outside_requests_or_serious_axe_violation(phone, base, name, path):
    from axe_playwright_python.sync_playwright import Axe
    _open(phone, base + path)
    page = phone.page
    width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"{name}: horizontal scrolling ({width[0]} > {width[1]} px)"
    shot(page, f"phone-{name}", full_page=True)
    for large in (False, True):
        if large:
            page.evaluate("() => document.documentElement.classList.add('wm-large')")
        result = Axe().run(page)
        bad = [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}"
               for v in result.response["violations"] if v["impact"] in ("serious", "critical")]
        assert not bad, f"{name}{' (large)' if large else ''}: " + "\n".join(bad)
    assert not phone.errors, phone.errors
    assert not phone.outside, phone.outside


def test_quiz_with_the_keyboard_only_gives_a_score_and_the_explanations(phone, base):
    _open(phone, base + "knowledge/quiz/")
    page = phone.page
    assert page.locator(".wm-quiz__actions").is_visible()
    assert not page.locator("details.wm-quiz__answer").first.is_visible()    # answers hidden until 交卷
    page.locator("input[name=q1]").first.focus()
    page.keyboard.press("ArrowDown")                       # q1: A -> B (right)
    assert page.locator("input[name=q1][value=B]").is_checked()
    page.keyboard.press("Tab")                             # q2: A is right
    page.keyboard.press("Space")
    page.keyboard.press("Tab")                             # q3: B is wrong
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "交卷"
    page.keyboard.press("Enter")
    score = page.locator(".wm-quiz__score")
    assert score.inner_text() == "答对 2 题，共 3 题。答错的题目下面有正确答案和说明。"
    assert page.evaluate("() => document.activeElement.classList.contains('wm-quiz__score')")
    assert page.locator("#q3 .wm-quiz__verdict").inner_text() == "✘ 回答错误"
    assert page.locator("#q3 details").evaluate("d => d.open")
    assert "拨打 12345" in page.locator("#q3 details").inner_text()
    assert page.url.endswith("knowledge/quiz/")             # nothing was submitted anywhere
    page.locator(".wm-quiz__reset").click()
    page.wait_for_function("() => document.activeElement.name === 'q1'")
    assert score.inner_text() == "" and not page.locator("input[name=q1][value=B]").is_checked()
    assert not phone.outside and not phone.errors


def test_without_javascript_every_answer_is_one_tap_away(browser, base):
    v = Visit(browser, PHONE, java_script_enabled=False)
    try:
        _open(v, base + "knowledge/quiz/")
        v.page.locator("#q1 summary").click()
        assert "正确答案：B" in v.page.locator("#q1 details").inner_text()
    finally:
        v.close()


def test_read_aloud_reads_the_page_block_by_block_pauses_and_stops(speaking_phone, base):
    phone = speaking_phone
    _open(phone, base + "stations/qinghe-practice-centre/")
    page = phone.page
    play = page.locator("[data-wm-read=play]")
    assert play.is_visible()
    play.click()
    assert page.evaluate("() => window.__spoken") == ["青禾县新时代文明实践中心"]
    assert page.locator("h1.wm-reading").count() == 1
    page.evaluate("() => speechSynthesis.next()")
    page.evaluate("() => speechSynthesis.next()")
    spoken = page.evaluate("() => window.__spoken")
    assert spoken[1] == "实践中心" and spoken[2].startswith("全县文明实践活动")
    assert play.inner_text() == "暂停"
    play.click()
    assert play.inner_text() == "继续朗读" and page.evaluate("() => speechSynthesis.paused")
    play.click()
    page.locator("[data-wm-read=stop]").click()
    assert play.inner_text() == "朗读本页" and page.locator(".wm-reading").count() == 0
    assert not any("手机扫码" in s for s in spoken)      # the QR poster text is not read


def test_read_aloud_stays_hidden_without_speech_synthesis(own_phone, base):
    phone = own_phone
    phone.context.add_init_script('Object.defineProperty(window, "speechSynthesis", {configurable: true, value: undefined});')
    _open(phone, base + "knowledge/")
    assert not phone.page.locator("[data-wm-readaloud]").is_visible()
    assert not phone.errors, phone.errors


@pytest.mark.parametrize("path", ["knowledge/quiz/", "knowledge/", "ads/civility-poster/", "", "events/"])
def test_large_text_mode_sizes_text_line_height_and_targets(phone, base, path):
    _open(phone, base + path)
    page = phone.page
    page.evaluate("() => localStorage.setItem('wm-large', '1')")   # as a returning visitor has it
    page.reload(wait_until="load")
    sizes = page.evaluate("""() => Array.from(document.querySelectorAll('.md-content p, .md-content li, .md-content legend'))
        .filter(e => e.offsetParent && e.textContent.trim())
        .map(e => { const s = getComputedStyle(e); return [parseFloat(s.fontSize), parseFloat(s.lineHeight) / parseFloat(s.fontSize)]; })""")
    assert sizes and min(f for f, _ in sizes) >= 18, sizes
    assert min(h for _, h in sizes) >= 1.3, sizes
    targets = page.evaluate("""() => Array.from(document.querySelectorAll(
        '.wm-quiz__option, .wm-quiz__actions .md-button, .wm-readaloud .md-button, .wm-download .md-button, ' +
        '.md-header__button, .wm-large-toggle, .wm-card__link, .wm-tile, .wm-filter select, .wm-filter input, ' +
        '.wm-filter button, .wm-back a'))
        .filter(e => e.offsetParent).map(e => { const r = e.getBoundingClientRect(); return [r.width, r.height]; })""")
    assert targets and all(w >= 60 and h >= 60 for w, h in targets), targets


def test_knowledge_page_prints_on_one_a4_sheet_without_buttons(browser, base):
    v = Visit(browser, {"width": 794, "height": 1123})
    try:
        _open(v, base + "knowledge/")
        pdf = v.page.pdf(format="A4", prefer_css_page_size=True)
        assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") == 1
        v.page.emulate_media(media="print")
        hidden = v.page.evaluate("""() => ['.md-header', '.md-footer', '.wm-readaloud', '.wm-print', '.wm-noprint']
            .map(s => document.querySelector(s)).filter(Boolean).every(e => getComputedStyle(e).display === 'none')""")
        assert hidden
        assert not v.outside
    finally:
        v.close()



@pytest.mark.parametrize("path", ["honorees/2023-sample-sun/", "events/yunwu-tea-fair/", "villages/liutang-village/",
                                  "stations/qinghe-practice-centre/", "knowledge/"])
def test_the_read_aloud_button_appears_without_moving_the_page(speaking_phone, base, path):
    """readaloud.js shows the 朗读 button after the first paint can have happened; its place is kept
    from the start (main.html's head script, kit.css), so the heading and the text below do not jump
    when it appears (Lighthouse: a layout shift of 0.058 on every entry page before)."""
    phone = speaking_phone
    page = phone.page
    top = "() => Math.round(document.querySelector('.md-content h1').getBoundingClientRect().top)"
    page.route("**/readaloud.js", lambda route: route.abort())     # the page as painted before the script runs
    try:
        _open(phone, base + path)
        before = page.evaluate(top)
        assert not page.locator("[data-wm-read=play]").is_visible()
    finally:
        page.unroute("**/readaloud.js")     # the tab is shared
    _open(phone, base + path)
    assert page.locator("[data-wm-read=play]").is_visible()
    assert page.evaluate(top) == before
