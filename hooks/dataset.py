"""The whole site's data after loading: cross-file checks and publication rules."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from checks import cross_checks
from errors import DataInvalid, Report
from loader import Loaded, load
from models import (Award, Brand, Campaign, Event, Heritage, Honoree, PledgeSection, Practice,
                    Publishable, Reading, Settings, Site, Village)

T = TypeVar("T")
PUBLIC_HONOURS = ("公示中", "入选", "授予")


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
    today: dt.date
    production: bool
    withheld: list[str] = field(default_factory=list)

    def event_status(self, event: Event) -> str:
        if event.start is None:
            return event.status or "upcoming"
        end = event.end or event.start
        if event.weekly and (event.weekly.until is None or event.weekly.until >= self.today):
            return "ongoing" if event.start <= self.today else "upcoming"
        if self.today < event.start:
            return "upcoming"
        return "past" if self.today > end else "ongoing"

    def public_honours(self, honoree: Honoree) -> list:
        return [h for h in honoree.honours if h.status in PUBLIC_HONOURS]

    def is_minor(self, honoree: Honoree) -> bool:
        if honoree.minor:
            return True
        if honoree.birth_year is not None and self.today.year - honoree.birth_year < 18:
            return True
        return any(self.awards[h.award].youth for h in honoree.honours if h.award in self.awards)


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


def build(data_dir: Path, root: Path, today: dt.date, production: bool) -> Dataset:
    report = Report()
    loaded = load(data_dir, root, report)
    if report:
        raise DataInvalid(report)

    def single(name: str, key: str):
        return getattr(loaded.files[f"{data_dir.relative_to(root).as_posix()}/{name}"], key)

    awards_entries = _collect(loaded, "awards")
    awards = {e.item.id: e.item for e in awards_entries}
    entries = {key: _collect(loaded, key) for key in ("events", "honorees", "villages", "brands")}
    heritage: Heritage = single("heritage.yml", "heritage")
    heritage_name = f"{data_dir.relative_to(root).as_posix()}/heritage.yml"
    entries["sites"] = [Entry(s, heritage_name, ("heritage", "sites", i)) for i, s in enumerate(heritage.sites)]
    pledges: PledgeSection = single("pledges.yml", "pledges")
    pledges_name = f"{data_dir.relative_to(root).as_posix()}/pledges.yml"
    entries["pledges"] = [Entry(p, pledges_name, ("pledges", "pledges", i)) for i, p in enumerate(pledges.pledges)]


    cross_checks(loaded, entries, awards_entries, today, report)
    if report:
        raise DataInvalid(report)

    withheld: list[str] = []

    def published(key: str) -> list:
        kept = []
        for e in entries[key]:
            reason = _withhold_reason(e.item, today, production)
            if not reason and key == "honorees" and not any(h.status in PUBLIC_HONOURS for h in e.item.honours):
                reason = "荣誉尚在推荐阶段或已撤销，未公开"
            if reason:
                line, _ = loaded.where(e.file, e.path)
                withheld.append(f"{e.file}:{line}: {e.item.id}: 未发布：{reason}")
            else:
                kept.append(e.item)
        return kept

    events = sorted(published("events"), key=lambda e: (e.start or dt.date.max, e.id), reverse=True)
    honorees = sorted(published("honorees"), key=lambda h: h.id)
    return Dataset(
        settings=single("site.yml", "site"),
        campaign=single("campaign.yml", "campaign"),
        reading=single("reading.yml", "reading"),
        practice=single("practice.yml", "practice"),
        pledges=pledges.model_copy(update={"pledges": published("pledges")}),
        heritage=heritage,
        awards=awards,
        brands=published("brands"),
        events=events,
        honorees=honorees,
        villages=sorted(published("villages"), key=lambda v: (v.township, v.name, v.id)),
        sites=published("sites"),
        today=today,
        production=production,
        withheld=withheld,
    )
