"""RSS 2.0 feeds: news posts, and new honorees and events. Published entries only
(the Dataset holds nothing else); minors appear as minimally as on their plan."""
from __future__ import annotations

import datetime as dt
import email.utils
import functools
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from kit.data import kinds
from kit.data.dataset import Dataset
from kit.data.model.models import Event, Honoree
from kit.pages.news import Post

CHINA = dt.timezone(dt.timedelta(hours=8))
ATOM = "http://www.w3.org/2005/Atom"
NEWS = "feed/news.xml"
UPDATES = "feed/updates.xml"
PLACE = "wm-items"    # where the items go in the channel, written as text (see rss)
# (path, title, what it carries) for <link rel="alternate"> and the open-data page
FEEDS = (
    (NEWS, "工作动态", "新闻动态（RSS 2.0）"),
    (UPDATES, "新人新事", "新发布的身边好人和活动（RSS 2.0）"),
)


@dataclass(frozen=True)
class Item:
    title: str
    url: str
    description: str
    date: dt.date | None
    categories: tuple[str, ...]


@functools.lru_cache(maxsize=4096)   # thousands of entries, far fewer days
def rfc822(day: dt.date) -> str:
    return email.utils.format_datetime(dt.datetime(day.year, day.month, day.day, tzinfo=CHINA))


def news_items(posts: list[Post]) -> list[Item]:
    return [Item(p.title, p.url, p.summary, p.date, p.categories) for p in posts]


def event_date(e: Event) -> dt.date | None:
    """The event's own date: when it was published or last changed, else when it starts."""
    return e.publish or e.updated or e.start


def honoree_date(d: Dataset, h: Honoree) -> dt.date | None:
    """The honoree's own date: when published or last changed, else when an honour's public
    notice began. Never a git date: one commit of a file would date every entry in it."""
    notices = [x.notice_start for x in d.public_honours(h) if x.notice_start]
    return h.publish or h.updated or (max(notices) if notices else None)


def update_items(d: Dataset) -> list[Item]:
    items: list[Item] = []
    for e in d.events:
        url = kinds.url_for(e)
        items.append(Item(e.title, url, e.summary, event_date(e), (f"活动·{e.kind}",)))
    for h in d.honorees:
        url = kinds.url_for(h)
        honours = "、".join(f"{d.awards[x.award].name}（{x.status}）" for x in d.public_honours(h))
        text = f"{h.summary} 所获荣誉：{honours}" if honours else h.summary
        items.append(Item(f"{h.name}：{h.category}", url, text, honoree_date(d, h), ("身边好人",)))
    return items


MOST_ITEMS = 100     # a feed carries the newest items only: readers poll it (3.4 MB at 10,000 entries with all of them)


def _sorted(items: list[Item]) -> list[Item]:
    """The newest MOST_ITEMS, newest first (undated ones last); the rest are on the site and in the open data."""
    return sorted(items, key=lambda i: (i.date or dt.date.min, i.url), reverse=True)[:MOST_ITEMS]


def rss(d: Dataset, path: str, title: str, description: str, items: list[Item]) -> bytes:
    ET.register_namespace("atom", ATOM)
    base = d.settings.site_url.rstrip("/") + "/"
    root = ET.Element("rss", version="2.0")
    channel = ET.SubElement(root, "channel")
    ET.SubElement(channel, "title").text = f"{d.settings.site_name} · {title}"
    ET.SubElement(channel, "link").text = base
    ET.SubElement(channel, "description").text = description
    ET.SubElement(channel, "language").text = "zh-CN"
    ET.SubElement(channel, f"{{{ATOM}}}link", href=base + path, rel="self", type="application/rss+xml")
    items = _sorted(items)
    dated = [i.date for i in items if i.date]
    if dated:  # the newest item, not the build time: two builds stay identical
        ET.SubElement(channel, "lastBuildDate").text = rfc822(max(dated))
    if items:
        ET.SubElement(channel, PLACE)
    ET.indent(root)
    out = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    if items:   # every other text is escaped: the place's tag is found only where it was put
        text = "\n    ".join([_item(i, base) for i in items])
        out = out.replace(f"<{PLACE} />".encode(), text.encode("utf-8", "xmlcharrefreplace"), 1)
    return out + b"\n"


def _item(i: Item, base: str) -> str:
    """One <item> as ElementTree writes it, indented (ET.indent) as a child of the channel: the
    same text, without building and walking thousands of elements (tests/outputs/test_feeds_xml.py)."""
    children = [_element("title", i.title), _element("link", base + i.url),
                _element("guid", base + i.url, ' isPermaLink="true"'), _element("description", i.description)]
    children += [_element("category", c) for c in i.categories]
    if i.date:
        children.append(_element("pubDate", rfc822(i.date)))
    return "<item>\n      " + "\n      ".join(children) + "\n    </item>"


def _element(tag: str, text: str | None, attributes: str = "") -> str:
    if not text:
        return f"<{tag}{attributes} />"
    if not isinstance(text, str):
        raise TypeError(f"cannot serialize {text!r} (type {type(text).__name__})")
    return f"<{tag}{attributes}>{text.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')}</{tag}>"


def bodies(d: Dataset, posts: list[Post]) -> dict[str, bytes]:
    return {
        NEWS: rss(d, NEWS, "工作动态", f"{d.settings.department}发布的文明创建工作动态。", news_items(posts)),
        UPDATES: rss(d, UPDATES, "新人新事", "新发布的身边好人和节庆、文明实践活动。", update_items(d)),
    }
