"""What each data file holds: the file layout is part of the schema."""
from __future__ import annotations

from pydantic import BaseModel

from kit.data.fields import Strict
from kit.data.models import (Award, Brand, Campaign, Event, Heritage, Honoree, PledgeSection, Practice,
                    Reading, Settings, Village)


class SiteFile(Strict):
    site: Settings


class CampaignFile(Strict):
    campaign: Campaign


class ReadingFile(Strict):
    reading: Reading
    brands: list[Brand]


class PracticeFile(Strict):
    practice: Practice


class PledgesFile(Strict):
    pledges: PledgeSection


class HeritageFile(Strict):
    heritage: Heritage


class AwardsFile(Strict):
    awards: list[Award]


class EventsFile(Strict):
    events: list[Event]


class HonoreesFile(Strict):
    honorees: list[Honoree]


class VillagesFile(Strict):
    villages: list[Village]


# single files, by name inside data/
SINGLE: dict[str, type[BaseModel]] = {
    "site.yml": SiteFile,
    "campaign.yml": CampaignFile,
    "reading.yml": ReadingFile,
    "practice.yml": PracticeFile,
    "pledges.yml": PledgesFile,
    "heritage.yml": HeritageFile,
    "awards.yml": AwardsFile,
}

# folders inside data/ whose every .yml file holds a list of entries
FOLDERS: dict[str, type[BaseModel]] = {
    "events": EventsFile,
    "honorees": HonoreesFile,
    "villages": VillagesFile,
}

# a valid example line per field name, shown in error messages
EXAMPLES: dict[str, str] = {
    "slug": "slug: tea-festival-2023",
    "date": "date: 2023-07-01",
    "authors": "authors: [wenmingban]",
    "categories": "categories: [创建动态]",
    "id": "id: 2023-zhang-san",
    "name": "name: 张三",
    "title": "title: 兔街采茶节",
    "category": "category: 助人为乐",
    "place": "place: X县某镇某村",
    "summary": "summary: 一句话概括",
    "start": "start: 2023-07-01",
    "end": "end: 2023-07-03",
    "publish": "publish: 2023-07-01",
    "updated": "updated: 2023-07-01",
    "adopted": "adopted: 2023-07-01",
    "notice_start": "notice_start: 2023-07-01",
    "notice_end": "notice_end: 2023-07-07",
    "since": "since: 2023-03-03",
    "until": "until: 2023-12-29",
    "mourning_days": "mourning_days: [2023-04-04]",
    "status": "status: 入选",
    "award": "award: x-good-people-2023",
    "honours": "honours: [{award: x-good-people-2023, status: 入选}]",
    "value": "value: 1009.19",
    "label": "label: 直播观看人数",
    "kind": "kind: 节庆活动",
    "organiser": "organiser: 县委宣传部",
    "draft": "draft: false",
    "example": "example: false",
    "minor": "minor: true",
    "guardian_consent": "guardian_consent: true",
    "birth_year": "birth_year: 2010",
    "year": "year: 2023",
    "level": "level: 县级",
    "articles": "articles: [爱党爱国，遵纪守法。]",
    "weekday": "weekday: 周五",
    "src": "src: photos/tujie-tea-festival.jpg",
    "alt": "alt: 采茶节现场，游客在茶园采茶",
    "investment_pct": "investment_pct: 30",
    "funds_pct": "funds_pct: 100",
}
