"""What outside validators check, on every page of the built site: the W3C Nu HTML
Checker (vnu.jar from the npm package vnu-jar, run with Debian's Java), unique ids,
labels, the language tag; feeds parsed back and dated per entry; calendars parsed back;
robots.txt and the sitemap. Nu is skipped with a message when Java or the jar is missing,
except when CI=true: then it fails."""
from __future__ import annotations

import datetime as dt
import email.utils
import json
import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import feedparser
import icalendar
import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, run_build

VNU_JAR = Path(os.environ.get("VNU_JAR", ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"))

# Errors that come from Material's own templates, not ours (each matched on message and extract).
MATERIAL_ERRORS = (
    # base.html: autocomplete="off" on its two toggle checkboxes (__drawer, __search), which
    # keeps Firefox from restoring their state on reload; HTML allows autocomplete=off only on text-like inputs
    (r"Attribute “autocomplete” is only allowed when the input type is", r'type="checkbox" id="__(drawer|search)" autocomplete="off"'),
    # partials/toc.html: its title label points at the __toc toggle that nav.html renders only
    # for pages in the menu; the editor's guide is kept out of the menu on purpose
    (r"The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control", r'for="__toc"'),
)


def _pages(built) -> list[Path]:
    return sorted(built.site.rglob("*.html"))


def _vnu_missing() -> str:
    if not shutil.which("java"):
        return "java not found (Debian: apt-get install default-jre-headless)"
    if not VNU_JAR.is_file():
        return f"{VNU_JAR} not found (run npm ci in the project folder)"
    return ""


def test_nu_html_checker_finds_no_error_our_templates_cause(built):
    why = _vnu_missing()
    if why:
        if os.environ.get("CI") == "true":
            pytest.fail(f"the Nu HTML Checker is mandatory in CI: {why}")
        pytest.skip(f"Nu HTML Checker skipped: {why}")
    # the quick compiler only (a one-off run of a few seconds: 2.8 s of CPU instead of 6.7 s, the same
    # messages), whose deeper frames need a larger stack than the checker's 512k
    proc = subprocess.run(["java", "-Xss8m", "-XX:TieredStopAtLevel=1", "-jar", str(VNU_JAR), "--errors-only", "--format", "json",
                           "--skip-non-html", str(built.site)], capture_output=True, text=True)
    messages = json.loads(proc.stderr or proc.stdout or '{"messages": []}')["messages"]
    checked = {m["url"] for m in messages}
    ours = [m for m in messages if m["type"] == "error" and not any(
        re.search(msg, m["message"]) and re.search(extract, m.get("extract", "")) for msg, extract in MATERIAL_ERRORS)]
    assert not ours, "\n".join(f"{m['url'].split(str(built.site))[-1]}:{m.get('lastLine')}: {m['message']} "
                               f"[{m.get('extract', '').strip()[:120]}]" for m in ours[:30])
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    assert len(checked) <= len(_pages(built))


def test_every_page_has_unique_ids_plain_labels_and_the_simplified_chinese_tag(built):
    for path in _pages(built):
        soup = BeautifulSoup(path.read_text("utf-8"), "lxml")
        rel = path.relative_to(built.site).as_posix()
        twice = [i for i, n in Counter(t["id"] for t in soup.find_all(id=True)).items() if n > 1]
        assert not twice, (rel, twice)
        assert not [i for i in Counter(t["id"] for t in soup.find_all(id=True)) if re.fullmatch(r"_\d+", i)], rel
        for label in soup.select("label[for]"):
            assert not {"role", "aria-label", "tabindex"} & set(label.attrs), (rel, str(label)[:120])
        assert soup.html["lang"] == "zh-CN", rel


def test_no_page_links_to_a_local_address(built):
    for path in _pages(built):
        soup = BeautifulSoup(path.read_text("utf-8"), "lxml")
        local = [a["href"] for a in soup.select("a[href]") if re.match(r"https?://(127\.0\.0\.1|localhost)", a["href"])]
        assert not local, (path.relative_to(built.site).as_posix(), local)


def test_list_filter_is_complete_in_the_page_as_built(built):
    for path in _pages(built):
        soup = BeautifulSoup(path.read_text("utf-8"), "lxml")
        form = soup.select_one("form.wm-filter")
        if form is None:
            continue
        assert not form.has_attr("hidden") and form.find_parent("article") is not None
        assert form.select_one("button[type=submit]") is not None
        assert form.find_next("ul", class_="wm-cards") is not None


# ---- feeds -------------------------------------------------------------------------

def _rss(built, rel: str):
    feed = feedparser.parse(built.text(rel))
    assert not feed.bozo, (rel, feed.get("bozo_exception"))
    assert feed.version == "rss20" and feed.feed.title and feed.feed.link
    for item in feed.entries:
        assert item.title and item.link and item.id == item.link
        if "published" in item:
            email.utils.parsedate_to_datetime(item.published)   # RFC 822, or it raises
    return feed


def _front(text: str) -> dict:
    m = re.match(r"^---\s*\n(.*?)\n---\s*\n", text, re.S)
    return yaml.safe_load(m.group(1)) if m else {}


def test_news_items_carry_their_posts_own_categories_and_dates(built):
    feed = _rss(built, "feed/news.xml")
    posts = {}
    for md in (built.root / "docs" / "blog" / "posts").glob("*.md"):
        meta = _front(md.read_text("utf-8"))
        if not meta.get("draft"):
            posts[str(meta["title"])] = meta
    assert feed.entries and len(feed.entries) == len(posts)
    for item in feed.entries:
        meta = posts[item.title]
        assert [t.term for t in item.get("tags", [])] == list(meta.get("categories") or [])
        date = meta["date"]["created"] if isinstance(meta["date"], dict) else meta["date"]
        assert email.utils.parsedate_to_datetime(item.published).date() == (
            date.date() if isinstance(date, dt.datetime) else date)


def test_update_items_are_dated_by_their_own_entry(project, tmp_path):
    events = project / "data" / "events" / "2023.yml"
    events.write_text(events.read_text("utf-8") + """
  - id: test-dated-a
    title: 测试活动甲
    kind: 宣传活动
    summary: 有开始日期。
    start: 2021-05-01
    place: X县广场
    organiser: X县文明办
  - id: test-dated-b
    title: 测试活动乙
    kind: 宣传活动
    summary: 有更新日期。
    start: 2021-06-01
    updated: 2022-02-03
    place: X县广场
    organiser: X县文明办
""", "utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.log
    feed = _rss(result, "feed/updates.xml")
    dates = {i.link.rstrip("/").rsplit("/", 1)[-1]: email.utils.parsedate_to_datetime(i.published).date()
             for i in feed.entries if "published" in i}
    assert dates["test-dated-a"] == dt.date(2021, 5, 1)
    assert dates["test-dated-b"] == dt.date(2022, 2, 3)
    # not one shared date (a git commit) for every item
    assert len(set(dates.values())) > 1


# ---- calendars, robots.txt, sitemap ------------------------------------------------

def test_every_calendar_parses_and_no_weekly_event_repeats_forever(built):
    files = sorted((built.site / "calendar").glob("*.ics"))
    assert files
    for path in files:
        cal = icalendar.Calendar.from_ical(path.read_bytes())
        assert cal["VERSION"] == "2.0" and cal["PRODID"] and cal["METHOD"] == "PUBLISH"
        for ev in cal.walk("VEVENT"):
            stamp = ev.decoded("DTSTAMP")
            assert stamp.tzinfo is not None and stamp.utcoffset() == dt.timedelta(0)
            assert (stamp.hour, stamp.minute, stamp.second) == (0, 0, 0)   # the build day
            if "RRULE" in ev:
                assert "UNTIL" in ev["RRULE"] or "COUNT" in ev["RRULE"], (path.name, ev["UID"])


def test_calendar_stamp_is_the_build_day(project, tmp_path):
    result = run_build(project, tmp_path / "site", {"SOURCE_DATE_EPOCH": "1704110400"})   # 2024-01-01 12:00 UTC
    assert result.returncode == 0, result.log
    for path in (result.site / "calendar").glob("*.ics"):
        for ev in icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT"):
            assert ev.decoded("DTSTAMP") == dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)
            if "RRULE" in ev and "UNTIL" in ev["RRULE"]:
                assert ev["RRULE"]["UNTIL"][0].year <= 2025


def test_robots_txt_names_the_sitemap_and_every_sitemap_entry_has_lastmod(built):
    robots = built.text("robots.txt")
    assert "User-agent: *" in robots
    (line,) = [l for l in robots.splitlines() if l.startswith("Sitemap: ")]
    assert line.endswith("/sitemap.xml") and line.split(" ", 1)[1].startswith(("https://", "http://"))
    soup = BeautifulSoup(built.text("sitemap.xml"), "xml")
    urls = soup.find_all("url")
    assert urls and all(u.find("lastmod") for u in urls), [u.loc.text for u in urls if not u.find("lastmod")]
