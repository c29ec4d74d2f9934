"""The feeds' items are written as text (hooks/kit/outputs/feeds.py: _item), not as ElementTree
elements: the bytes are those ElementTree writes for the same feed, for the fixture county's data
and for items with characters to escape, empty texts, several categories and no date."""
from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pytest

from kit.data import project
from kit.outputs import feeds
from kit.outputs.feeds import ATOM, Item, rfc822
from conftest import FIXTURE


def reference(d, path: str, title: str, description: str, items: list[Item]) -> bytes:
    """feeds.rss as it was written with ElementTree for every element."""
    ET.register_namespace("atom", ATOM)
    base = d.settings.site_url.rstrip("/") + "/"
    root = ET.Element("rss", version="2.0")
    channel = ET.SubElement(root, "channel")
    ET.SubElement(channel, "title").text = f"{d.settings.site_name} · {title}"
    ET.SubElement(channel, "link").text = base
    ET.SubElement(channel, "description").text = description
    ET.SubElement(channel, "language").text = "zh-CN"
    ET.SubElement(channel, f"{{{ATOM}}}link", href=base + path, rel="self", type="application/rss+xml")
    items = feeds._sorted(items)
    dated = [i.date for i in items if i.date]
    if dated:
        ET.SubElement(channel, "lastBuildDate").text = rfc822(max(dated))
    for i in items:
        node = ET.SubElement(channel, "item")
        ET.SubElement(node, "title").text = i.title
        ET.SubElement(node, "link").text = base + i.url
        ET.SubElement(node, "guid", isPermaLink="true").text = base + i.url
        ET.SubElement(node, "description").text = i.description
        for category in i.categories:
            ET.SubElement(node, "category").text = category
        if i.date:
            ET.SubElement(node, "pubDate").text = rfc822(i.date)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


ODD = [
    Item("A & B <好人> “引号” 'x'", "honorees/a&b/", "说明 <b>粗</b> & > 符号\n第二行\t制表", dt.date(2024, 5, 1),
         ("身边好人", "活动·<节庆>")),
    Item("空说明", "events/x/", "", None, ()),
    Item("无说明", "events/y/", None, dt.date(2023, 1, 2), ("c1", "c2", "")),
    Item("", "villages/z/", " ", dt.date(2022, 12, 31), ("村",)),
    Item("代理\udc80字符", "a/", "\U0001f600 表情", None, ("x",)),
]


def _dataset(site_url: str, name: str):
    return SimpleNamespace(settings=SimpleNamespace(site_url=site_url, site_name=name))


@pytest.mark.parametrize("items", [ODD, ODD[:1], []], ids=["odd", "one", "none"])
def test_items_written_as_text_are_what_elementtree_writes(items):
    d = _dataset("https://example.org/site/", "某县 & <文明>")
    assert feeds.rss(d, "feed/x.xml", "标题", "描述 & <说明>", items) == reference(
        d, "feed/x.xml", "标题", "描述 & <说明>", items)


def test_the_fixture_county_feeds_are_what_elementtree_writes():
    d, _ = project.check(FIXTURE, dt.date(2025, 6, 1), False)
    items = feeds.update_items(d)
    assert len(items) > 10
    assert feeds.rss(d, feeds.UPDATES, "新人新事", "说明", items) == reference(d, feeds.UPDATES, "新人新事", "说明", items)


def test_a_feed_carries_the_newest_hundred_items():
    d = _dataset("https://example.org/", "某县")
    items = [Item(f"第{n}项", f"honorees/p{n}/", "简介", dt.date(2020, 1, 1) + dt.timedelta(days=n), ("身边好人",))
             for n in range(feeds.MOST_ITEMS + 50)] + [Item("没有日期", "events/x/", "简介", None, ())]
    text = feeds.rss(d, feeds.UPDATES, "新人新事", "说明", items).decode("utf-8")
    assert text.count("<item>") == feeds.MOST_ITEMS
    assert "honorees/p149/" in text and "honorees/p50/" in text and "honorees/p49/" not in text
    assert "events/x/" not in text and text.index("p149/") < text.index("p148/")
