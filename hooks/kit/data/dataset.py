"""The whole site's data after loading: cross-file checks and publication rules."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Generic, TypeVar

from kit.data import entrylines, mdphotos, privacy
from kit.data.checks import cross_checks, honoree_notes, is_minor
from kit.data.civic import Ad, Knowledge, Station
from kit.data.civicchecks import ads_checks, knowledge_checks, service_checks
from kit.data.errors import DataInvalid, Report
from kit.data.loader import Loaded, load
from kit.data.yamlread import dotted
from kit.data.photos import check_photos
from kit.data.models import (Award, Brand, Campaign, Event, Heritage, Honoree, PledgeSection, Practice,
                    Publishable, Reading, Settings, Site, Village)

T = TypeVar("T")
PUBLIC_HONOURS = ("公示中", "入选", "授予")
# entry kind -> the folder of its pages' URLs
FOLDERS = {"events": "events", "honorees": "honorees", "brands": "reading", "pledges": "pledges",
           "villages": "villages", "sites": "heritage", "stations": "stations", "ads": "ads"}
STATION_ORDER = ("实践中心", "实践所", "实践站", "实践点", "实践基地")


@dataclass(frozen=True)
class Entry(Generic[T]):
    item: T
    file: str
    path: tuple


@dataclass
class Dataset:
    settings: Settings
    campaign: Campaign
    reading: Reading
    practice: Practice
    pledges: PledgeSection
    heritage: Heritage
    awards: dict[str, Award]
    brands: list[Brand]
    events: list[Event]
    honorees: list[Honoree]
    villages: list[Village]
    sites: list[Site]
    knowledge: Knowledge
    stations: list[Station]
    ads: list[Ad]
    today: dt.date
    production: bool
    withheld: list[str] = field(default_factory=list)
    data_dir: Path | None = None      # where print files and photos are read from
    minors: set[str] = field(default_factory=set)   # ids, decided on all honours (incl. 推荐)
    held: dict[str, str] = field(default_factory=dict)   # "events/<id>" of a withheld entry -> why
    lines: dict[str, tuple[str, int, int]] = field(default_factory=dict)   # "events/<id>" -> file, first, last

    def _kinds(self) -> dict[str, list]:
        return {"events": self.events, "honorees": self.honorees, "brands": self.brands, "pledges": self.pledges.pledges,
                "villages": self.villages, "sites": self.sites, "stations": self.stations, "ads": self.ads}

    @property
    def renamed(self) -> dict[str, str]:
        """old id -> "folder/id" of the published entry it now belongs to."""
        kinds = self._kinds()
        return {old: f"{FOLDERS[k]}/{e.id}" for k, items in kinds.items() for e in items for old in e.old_ids}

    def pages(self) -> dict[str, str]:
        """id -> "folder/id" of every published entry page (ids are unique across kinds)."""
        kinds = self._kinds()
        return {e.id: f"{FOLDERS[k]}/{e.id}" for k, items in kinds.items() for e in items}

    def event_status(self, event: Event) -> str:
        if event.start is None:
            return event.status or "upcoming"
        end = event.end or event.start
        if event.weekly and (event.weekly.until is None or event.weekly.until >= self.today):
            return "ongoing" if event.start <= self.today else "upcoming"
        if self.today < event.start:
            return "upcoming"
        return "past" if self.today > end else "ongoing"

    def honour_status(self, honour) -> str:
        """公示中 until notice_end, then 公示期已结束 until the editor records the outcome."""
        if honour.status == "公示中" and honour.notice_end and honour.notice_end < self.today:
            return "公示期已结束"
        return honour.status

    def public_honours(self, honoree: Honoree) -> list:
        return [h for h in honoree.honours if h.status in PUBLIC_HONOURS]

    def public_photos(self) -> set[str]:
        """Paths inside data/ of the photos published entries show (a minor's only with
        photo_consent). Only these should be copied into the site."""
        found = {p.src for items in (self.events, self.brands, self.sites) for e in items for p in e.photos}
        found |= {x.src for x in [s.photo for s in self.stations] + [a.image for a in self.ads]
                  + [s.qr for s in self.settings.services] if x}
        found |= {h.photo.src for h in self.honorees
                  if h.photo and (h.photo_consent or not self.is_minor(h))}
        for items in (self.events, self.brands, self.sites):     # images in Markdown fields
            found |= {src for e in items for src in mdphotos.photos_of(e.body)}
        found |= {src for h in self.honorees for src in mdphotos.photos_of(h.story)}
        return found

    def is_minor(self, honoree: Honoree) -> bool:
        return honoree.id in self.minors or is_minor(
            honoree, {a.id for a in self.awards.values() if a.youth}, self.today)


def _collect(loaded: Loaded, key: str) -> list[Entry]:
    out: list[Entry] = []
    for name, typed in loaded.files.items():
        items = getattr(typed, key, None)
        if isinstance(items, list):
            out.extend(Entry(item, name, (key, i)) for i, item in enumerate(items))
    return out


def _withhold_reason(item: Publishable, today: dt.date, production: bool) -> str:
    if item.draft:
        return "草稿（draft: true）"
    if item.publish and item.publish > today:
        return f"定时发布，{item.publish.isoformat()} 起公开"
    if item.example and production:
        return "示例条目（正式发布时不公开）"
    return ""


def build(data_dir: Path, root: Path, today: dt.date, production: bool, read: Callable | None = None) -> Dataset:
    report = Report()
    loaded = load(data_dir, root, report, read) if read else load(data_dir, root, report)
    prefix = f"{data_dir.relative_to(root).as_posix()}/"
    privacy.scan(loaded.docs, report)
    check_photos(loaded.docs, data_dir, report)
    mdphotos.check(loaded.docs, data_dir, report)

    def single(name: str, key: str):
        typed = loaded.files.get(prefix + name)
        return getattr(typed, key) if typed is not None else None

    awards_entries = _collect(loaded, "awards")
    awards = {e.item.id: e.item for e in awards_entries}
    entries = {key: _collect(loaded, key) for key in ("events", "honorees", "villages", "brands", "stations", "ads")}
    heritage: Heritage | None = single("heritage.yml", "heritage")
    entries["sites"] = [Entry(s, prefix + "heritage.yml", ("heritage", "sites", i))
                        for i, s in enumerate(heritage.sites if heritage else [])]
    pledges: PledgeSection | None = single("pledges.yml", "pledges")
    entries["pledges"] = [Entry(p, prefix + "pledges.yml", ("pledges", "pledges", i))
                          for i, p in enumerate(pledges.pledges if pledges else [])]

    cross_checks(loaded, entries, awards_entries, today, report, prefix, production, root)
    knowledge_checks(loaded, prefix + "knowledge.yml", report)
    service_checks(loaded, prefix + "site.yml", report)
    ads_checks(loaded, entries["ads"], report)
    if report:
        raise DataInvalid(report)
    assert heritage is not None and pledges is not None

    withheld: list[str] = []
    held: dict[str, str] = {}

    def published(key: str) -> list:
        kept = []
        for e in entries[key]:
            reason = _withhold_reason(e.item, today, production)
            if not reason and key == "honorees" and not any(h.status in PUBLIC_HONOURS for h in e.item.honours):
                reason = "荣誉尚在推荐阶段或已撤销，未公开"
            if reason:
                held[f"{FOLDERS[key]}/{e.item.id}"] = reason
                line, col = loaded.where(e.file, e.path)
                withheld.append(f"{e.file}:{line}:{col}: 提示: {dotted(e.path)}: “{e.item.id}”未发布：{reason}")
            else:
                kept.append(e.item)
        return kept

    events = sorted(published("events"), key=lambda e: (e.start or dt.date.max, e.id), reverse=True)
    shown = {e.id for e in events}
    for e in entries["events"]:   # a weekly event needs an end, or calendars repeat it forever
        weekly = e.item.weekly
        if weekly and not weekly.until and e.item.id in shown:
            line, col = loaded.where(e.file, e.path + ("weekly",))
            withheld.append(f"{e.file}:{line}:{col}: 提示: {dotted(e.path + ('weekly',))}: “{e.item.id}”每周举办，"
                            f"但没有写结束日期 until，手机日历里只排到一年后。知道结束日期时请写上，例如 until: "
                            f"{today.year}-12-31")
    youth = {a.id for a in awards.values() if a.youth}
    minors = {e.item.id for e in entries["honorees"] if is_minor(e.item, youth, today)}
    # only public honours leave this module: 推荐 and 撤销 reach no template, feed or download
    honorees = sorted((h.model_copy(update={"honours": [x for x in h.honours if x.status in PUBLIC_HONOURS]})
                       for h in published("honorees")), key=lambda h: h.id)
    for key in FOLDERS:
        for e in entries[key]:
            if e.item.old_ids and f"{FOLDERS[key]}/{e.item.id}" not in held:
                line, col = loaded.where(e.file, e.path + ("old_ids",))
                olds = "、".join(f"{FOLDERS[key]}/{o}/" for o in e.item.old_ids)
                withheld.append(f"{e.file}:{line}:{col}: 提示: {dotted(e.path + ('old_ids',))}: 旧网址 {olds} "
                                f"会自动跳转到 {FOLDERS[key]}/{e.item.id}/，海报上的旧二维码仍然可用。")
    withheld += honoree_notes(loaded, entries["honorees"], {h.id for h in honorees}, minors, today)
    sites = published("sites")
    stations = sorted(published("stations"), key=lambda s: (STATION_ORDER.index(s.kind), s.id))
    settings = single("site.yml", "site")
    if production:   # an example service is withheld like an example entry
        settings = settings.model_copy(update={"services": [x for x in settings.services if not x.example]})
    return Dataset(
        settings=settings,
        campaign=single("campaign.yml", "campaign"),
        reading=single("reading.yml", "reading"),
        practice=single("practice.yml", "practice"),
        pledges=pledges.model_copy(update={"pledges": published("pledges")}),
        heritage=heritage.model_copy(update={"sites": sites}),
        awards=awards,
        brands=published("brands"),
        events=events,
        honorees=honorees,
        villages=sorted(published("villages"), key=lambda v: (v.township, v.name, v.id)),
        sites=sites,
        knowledge=single("knowledge.yml", "knowledge"),
        stations=stations,
        ads=published("ads"),
        minors=minors,
        today=today,
        production=production,
        withheld=withheld,
        held=held,
        data_dir=data_dir,
        lines=entrylines.ranges(loaded.docs, entries, FOLDERS),
    )
