"""The whole site's data after loading: cross-file checks and publication rules.

Which kinds there are, where their entries live and how each is published comes from the
registry of kinds (kit/data/kinds/); the rules every kind shares (drafts, dates, examples,
renamed ids) are here. `d.events`, `d.honorees`, `d.settings` … are the published parts by
kind name."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Generic, TypeVar

from kit.data import kinds
from kit.data.files import entrylines
from kit.data.rules import mdphotos, privacy
from kit.data.rules.checks import cross_checks, is_minor
from kit.data.errors import DataInvalid, Report
from kit.data.kinds.honorees import PUBLIC_HONOURS
from kit.data.kinds.stations import ORDER as STATION_ORDER  # noqa: F401  (the stations page's order)
from kit.data.files.loader import Loaded, load
from kit.data.model.models import Event, Honoree, Publishable
from kit.data.rules.photos import check_photos

T = TypeVar("T")


@dataclass(frozen=True)
class Entry(Generic[T]):
    item: T
    file: str
    path: tuple


@dataclass
class Dataset:
    parts: dict[str, Any]             # kind name -> its published single, or list of entries (awards: by id)
    today: dt.date
    production: bool
    withheld: list[str] = field(default_factory=list)
    data_dir: Path | None = None      # where print files and photos are read from
    minors: set[str] = field(default_factory=set)   # ids, decided on all honours (incl. 推荐)
    held: dict[str, str] = field(default_factory=dict)   # "events/<id>" of a withheld entry -> why
    lines: dict[str, tuple[str, int, int]] = field(default_factory=dict)   # "events/<id>" -> file, first, last

    def __getattr__(self, name: str) -> Any:
        parts = self.__dict__.get("parts")
        if parts is not None and name in parts:
            return parts[name]
        raise AttributeError(name)

    def entries(self, kind: kinds.Kind) -> list:
        """The published entries of a list kind, in the order its pages list them."""
        found = self.parts[kind.name]
        return list(found.values()) if isinstance(found, dict) else found

    def _paged(self):
        return [(k, e) for k in kinds.page_kinds() for e in self.entries(k)]

    @property
    def renamed(self) -> dict[str, str]:
        """old id -> "folder/id" of the published entry it now belongs to."""
        return {old: f"{k.url}/{e.id}" for k, e in self._paged() for old in e.old_ids}

    def pages(self) -> dict[str, str]:
        """id -> "folder/id" of every published entry page (ids are unique across kinds)."""
        return {e.id: f"{k.url}/{e.id}" for k, e in self._paged()}

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


def _where(kind: kinds.Kind) -> tuple[str, ...]:
    """The path of a kind's list inside its file: ("events",) or ("heritage", "sites")."""
    return (kinds.by_name(kind.within).key, kind.key) if kind.within else (kind.key,)


def _file_of(kind: kinds.Kind, prefix: str) -> str:
    return prefix + (kinds.by_name(kind.within).file if kind.within else kind.file)


def _entries(loaded: Loaded, kind: kinds.Kind, prefix: str) -> list[Entry]:
    where = _where(kind)
    if kind.folder or not kind.within:
        return [e for e in _collect(loaded, kind.key) if (e.file.startswith(f"{prefix}{kind.folder}/")
                                                         if kind.folder else e.file == prefix + kind.file)]
    host = loaded.files.get(_file_of(kind, prefix))
    items = getattr(getattr(host, where[0], None), where[1], None) or []
    return [Entry(x, _file_of(kind, prefix), (*where, i)) for i, x in enumerate(items)]


def build(data_dir: Path, root: Path, today: dt.date, production: bool, read: Callable | None = None) -> Dataset:
    report = Report()
    loaded = load(data_dir, root, report, read) if read else load(data_dir, root, report)
    prefix = f"{data_dir.relative_to(root).as_posix()}/"
    privacy.scan(loaded.docs, report)
    check_photos(loaded.docs, data_dir, report)
    mdphotos.check(loaded.docs, data_dir, report)
    listed = kinds.entry_kinds()
    entries = {k.name: _entries(loaded, k, prefix) for k in listed}
    c = kinds.Checking(loaded, entries, report, today, production, prefix, root)
    cross_checks(c)
    if report:
        raise DataInvalid(report)

    withheld: list[str] = []
    held: dict[str, str] = {}

    def published(k: kinds.Kind) -> list:
        kept = []
        for e in entries[k.name]:
            reason = _withhold_reason(e.item, today, production) if isinstance(e.item, Publishable) else ""
            if not reason and k.withhold:
                reason = k.withhold(e.item)
            if reason:
                held[f"{k.url}/{e.item.id}"] = reason
                withheld.append(c.note(e.file, e.path, f"“{e.item.id}”未发布：{reason}"))
            else:
                kept.append(k.publish(e.item) if k.publish else e.item)
        return sorted(kept, key=k.sort, reverse=k.reverse) if k.sort else kept

    parts: dict[str, Any] = {}
    for k in listed:
        parts[k.name] = {x.id: x for x in published(k)} if k.by_id else published(k)
    for k in kinds.all_kinds():
        if k.single:
            typed = loaded.files.get(prefix + k.file)
            parts[k.name] = k.publish_single(getattr(typed, k.key), production) if k.publish_single \
                else getattr(typed, k.key)
    for k in listed:     # a list kept inside a section: the section holds the published list too
        if k.within:
            host = kinds.by_name(k.within)
            parts[host.name] = parts[host.name].model_copy(update={k.key: parts[k.name]})
    c.parts = parts
    for k in kinds.page_kinds():
        for e in entries[k.name]:
            if e.item.old_ids and f"{k.url}/{e.item.id}" not in held:
                olds = "、".join(f"{k.url}/{o}/" for o in e.item.old_ids)
                withheld.append(c.note(e.file, e.path + ("old_ids",), f"旧网址 {olds} 会自动跳转到 {k.url}/{e.item.id}/，"
                                       f"海报上的旧二维码仍然可用。"))
    derived: dict[str, Any] = {}
    for k in kinds.all_kinds():
        withheld += k.notes(c) if k.notes else []
        derived.update(k.derive(c) if k.derive else {})
    return Dataset(parts=parts, today=today, production=production, withheld=withheld, held=held,
                   data_dir=data_dir, **derived,
                   lines=entrylines.ranges(loaded.docs, {k.url: entries[k.name] for k in kinds.page_kinds()}))
