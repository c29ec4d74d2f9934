"""Which pages the data makes: path, front matter and body template for each."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kit.data.dataset import Dataset
from kit.pages import civic, listing

# section pages are in the nav; entry pages are reached from their lists
SECTIONS = {
    "campaign/index.md": ("section-campaign.html", "创建进展"),
    "events/index.md": ("section-events.html", "节庆活动"),
    "reading/index.md": ("section-reading.html", None),
    "practice/index.md": ("section-practice.html", "文明实践"),
    "honorees/index.md": ("section-honorees.html", "身边好人"),
    "pledges/index.md": ("section-pledges.html", "公约承诺"),
    "heritage/index.md": ("section-heritage.html", "历史文脉"),
    "knowledge/index.md": ("section-knowledge.html", None),
    "knowledge/quiz/index.md": ("section-quiz.html", None),
    "stations/index.md": ("section-stations.html", "文明实践阵地"),
    "ads/index.md": ("section-ads.html", "公益广告"),
    "notices/index.md": ("section-notices.html", "公示公告"),
    "services/index.md": ("section-services.html", "互动服务"),
}

# section pages reached from another section (and the home tiles), not from the menu: the menu
# stays one row of tabs, with no nested sections (whose labels Material makes focusable)
BESIDE_NAV = {"knowledge/quiz/index.md", "stations/index.md", "notices/index.md"}

# theme page templates in overrides/ (chosen via the `template:` page meta), by kind or section
LAYOUTS = {
    "campaign/index.md": "campaign.html",
    "events/index.md": "list.html",
    "reading/index.md": "list.html",
    "honorees/index.md": "list.html",
    "pledges/index.md": "list.html",
    "heritage/index.md": "list.html",
    "stations/index.md": "list.html",
    "ads/index.md": "list.html",
    "knowledge/index.md": "knowledge.html",
    "knowledge/quiz/index.md": "quiz.html",
    "notices/index.md": "notices.html",
    "services/index.md": "services.html",
    "station": "station.html",
    "ad": "ad.html",
    "event": "event.html",
    "honoree": "honoree.html",
    "brand": "brand.html",
    "pledge": "pledge.html",
    "village": "pledge.html",
    "list": "list.html",
}


@dataclass
class PageSpec:
    src_uri: str
    template: str
    title: str
    description: str
    in_nav: bool
    context: dict[str, Any] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)


def event_url(event_id: str) -> str:
    return f"events/{event_id}/"


def honoree_url(honoree_id: str) -> str:
    return f"honorees/{honoree_id}/"


def brand_url(brand_id: str) -> str:
    return f"reading/{brand_id}/"


def pledge_url(pledge_id: str) -> str:
    return f"pledges/{pledge_id}/"


def village_url(village_id: str) -> str:
    return f"villages/{village_id}/"


def site_url(site_id: str) -> str:
    return f"heritage/{site_id}/"


def section_title(d: Dataset, src: str) -> str:
    titles = {"reading/index.md": d.reading.title, "knowledge/index.md": d.knowledge.title,
              "knowledge/quiz/index.md": d.knowledge.quiz_title}
    return SECTIONS[src][1] or titles[src]


def specs(d: Dataset) -> list[PageSpec]:
    out: list[PageSpec] = []
    for src, (template, _) in SECTIONS.items():
        context = {**listing.index_context(d, src), **civic.index_context(d, src)}
        out.append(PageSpec(src, template, section_title(d, src), d.settings.site_description,
                            src not in BESIDE_NAV, context))
    for e in d.events:
        out.append(PageSpec(f"events/{e.id}.md", "event.html", e.title, e.summary, False,
                            {"event": e, "status": d.event_status(e)}, {"kind": "event"}))
    for h in d.honorees:
        out.append(PageSpec(f"honorees/{h.id}.md", "honoree.html", h.name, h.summary, False,
                            {"h": h, "minor": d.is_minor(h), "honours": d.public_honours(h)}, {"kind": "honoree"}))
    for b in d.brands:
        out.append(PageSpec(f"reading/{b.id}.md", "brand.html", b.name, b.summary, False, {"brand": b},
                            {"kind": "brand"}))
    for p in d.pledges.pledges:
        out.append(PageSpec(f"pledges/{p.id}.md", "pledge.html", p.title, p.summary, False, {"pledge": p},
                            {"kind": "pledge"}))
    for v in d.villages:
        out.append(PageSpec(f"villages/{v.id}.md", "village.html", f"{v.name}{v.kind}",
                            f"{v.township}{v.name}{v.kind}", False, {"village": v}, {"kind": "village"}))
    for s in d.sites:
        out.append(PageSpec(f"heritage/{s.id}.md", "site.html", s.name, s.summary, False, {"site": s},
                            {"kind": "site"}))
    for st in d.stations:
        out.append(PageSpec(f"stations/{st.id}.md", "station.html", st.name, st.summary, False,
                            {"station": st}, {"kind": "station"}))
    for ad in d.ads:
        out.append(PageSpec(f"ads/{ad.id}.md", "ad.html", ad.title, ad.summary, False,
                            {"ad": ad, "download": civic.download(d, ad)}, {"kind": "ad"}))
    for lp in listing.list_pages(d):
        out.append(PageSpec(lp.src_uri, "list-page.html", lp.title, d.settings.site_description, False,
                            {"lp": lp}, dict(listing.META)))
    for spec in out:
        layout = LAYOUTS.get(spec.meta.get("kind") or spec.src_uri)
        if layout:
            spec.meta["template"] = layout
    return out
