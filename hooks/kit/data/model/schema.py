"""What each data file holds (derived from the registry of kinds, kit/data/kinds/), and the example
line of every field name, shown in error messages and as the Excel sheets' examples."""
from __future__ import annotations

from pydantic import BaseModel

from kit.data import kinds

# single files, by name inside data/ (each kind kept in a file is one of its top-level keys)
SINGLE: dict[str, type[BaseModel]] = kinds.single_files()

# folders inside data/ whose every .yml file holds a list of entries
FOLDERS: dict[str, type[BaseModel]] = kinds.folder_files()

# a valid example line per field name, shown in error messages
EXAMPLES: dict[str, str] = {
    "slug": "slug: spring-festival-2025",
    "date": "date: 2023-07-01",
    "authors": "authors: [wenmingban]",
    "categories": "categories: [创建动态]",
    "id": "id: 2023-zhang-san",
    "name": "name: 张三",
    "title": "title: 春节文明实践活动",
    "category": "category: 助人为乐",
    "place": "place: 某县某镇某村",
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
    "award": "award: good-people-2025",
    "honours": "honours: [{award: good-people-2025, status: 入选}]",
    "value": "value: 1200",
    "label": "label: 参与群众",
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
    "src": "src: photos/spring-festival-2025.jpg",
    "alt": "alt: 志愿者在广场为群众写春联",
    "investment_pct": "investment_pct: 30",
    "funds_pct": "funds_pct: 100",
    "question": "question: 社会主义核心价值观国家层面的价值目标是什么？",
    "options": "options: [富强、民主、文明、和谐, 自由、平等、公正、法治]",
    "answer": "answer: A",
    "topic": "topic: core-values",
    "points": "points: [富强、民主、文明、和谐]",
    "number": "number: \"12345\"",
    "town": "town: 某某镇",
    "hours": "hours: 周一至周五 9:00—17:00",
    "phone": "phone: 0870-1234567",
    "print_file": "print_file: photos/ads/jiang-wenming.pdf",
    "image": "image: {src: photos/ads/jiang-wenming.jpg, alt: 公益广告“讲文明树新风”，画面是……}",
    "operator": "operator: 某县新时代文明实践中心",
    "url": "url: https://www.example.gov.cn/",
    "error_report": "error_report: https://zfwzzc.www.gov.cn/",
    "qr": "qr: {src: photos/services/volunteer-qr.png, alt: 志愿服务报名小程序码}",
    "days": "days: 14",
}

# the same field name inside another list: (list, field) -> example line, declared by the kinds
EXAMPLES_IN: dict[tuple[str, str], str] = kinds.examples()
