"""Long lists split into pages of bounded size, at stable URLs.

A section page shows a bounded preview and links on; the full lists live at
  honorees/<award-id>/            every honoree of one award (then .../page/2/, ...)
  events/<year>/                  past events of one year
  villages/                       every village and community pledge
  reading/page/2/                 further reading brands
Page 1 of every list keeps its URL however long the list grows; entries are grouped in O(n).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kit.data.dataset import Dataset
from kit.data.kinds.events import KIND as EVENTS
from kit.data.kinds.honorees import KIND as HONOREES
from kit.data.kinds.reading import BRANDS
from kit.data.kinds.villages import KIND as VILLAGES

PER_PAGE = 40          # cards on one list page (~25 KB of HTML)
INDEX_CARDS = 60       # honoree cards on the section page, over all awards
AWARD_PREVIEW = 12     # honoree cards of one award on the section page
PAST_ON_INDEX = 20     # past events on the events section page
VILLAGES_ON_INDEX = 40
PRACTICE_ON_INDEX = 20
# list pages repeat their entries' titles and summaries: kept out of the search index
META = {"kind": "list", "search": {"exclude": True}}


@dataclass
class ListPage:
    src_uri: str
    title: str
    kind: str                   # honorees | events | villages | brands
    items: list
    number: int
    pages: list[str]            # URL of every page of this list, page 1 first
    head: dict[str, Any] = field(default_factory=dict)


def page_url(base: str, n: int) -> str:
    return base if n == 1 else f"{base}page/{n}/"


def paginate(base: str, title: str, kind: str, items: list, head: dict | None = None,
             first: int = 1) -> list[ListPage]:
    chunks = [items[i:i + PER_PAGE] for i in range(0, len(items), PER_PAGE)] or [[]]
    urls = [page_url(base, n) for n in range(1, len(chunks) + 1)]
    out = []
    for n, chunk in enumerate(chunks, 1):
        if n < first:
            continue
        suffix = "" if n == 1 else f"（第{n}页）"
        out.append(ListPage(f"{urls[n - 1]}index.md", f"{title}{suffix}", kind, chunk, n, urls, head or {}))
    return out


def by_award(d: Dataset) -> dict[str, list[tuple]]:
    groups: dict[str, list[tuple]] = {a: [] for a in d.awards}
    for h in d.honorees:
        for hon in d.public_honours(h):
            if hon.award in groups:
                groups[hon.award].append((h, hon))
    return groups


def past_by_year(d: Dataset) -> dict[int, list]:
    years: dict[int, list] = {}
    for e in d.events:
        if e.start and d.event_status(e) == "past":
            years.setdefault(e.start.year, []).append(e)
    return dict(sorted(years.items(), reverse=True))


def award_base(award_id: str) -> str:
    return f"{HONOREES.url}/{award_id}/"


def year_base(year: int) -> str:
    return f"{EVENTS.url}/{year}/"


def villages_base() -> str:
    return f"{VILLAGES.url}/"


def brand_pages(d: Dataset) -> list[ListPage]:
    return paginate(f"{BRANDS.url}/", d.reading.title, BRANDS.name, d.brands)


def list_pages(d: Dataset) -> list[ListPage]:
    out: list[ListPage] = []
    for award_id, people in by_award(d).items():
        if people:
            a = d.awards[award_id]
            out += paginate(award_base(award_id), a.name, HONOREES.name, people, {"award": a})
    for year, events in past_by_year(d).items():
        out += paginate(year_base(year), f"{year}年往期活动", EVENTS.name, events, {"year": year})
    if len(d.villages) > VILLAGES_ON_INDEX:
        out += paginate(villages_base(), "村规民约、居民公约", VILLAGES.name, d.villages)
    out += brand_pages(d)[1:]
    return out
