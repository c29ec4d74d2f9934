"""The registry of kinds: every kind of content the site has is declared once, in a module of
this package (events.py, honorees.py, …), as a `Kind`. A kind carries where its entries live in
data/, its model, its pages (URL folder, templates, section pages), its search fields, its
open-data table, its labels and examples, and its publication rules. The loader, the pages, the
search index, the sitemap, the feeds' links, open data, the web forms, the Excel sheets, the
health report and `make check` all read this registry: adding a kind is adding a module here
(and its templates), nothing else.

A module declares `KIND = Kind(...)` or `KINDS = (Kind(...), ...)`. Kinds are found by listing
this package, and ordered by `order` (the order of sections in the sitemap and the forms).
"""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Optional

from pydantic import BaseModel, create_model

from kit.data.model.fields import Strict
from kit.data.kinds._checking import Checking  # noqa: F401  (kinds' rules are given one)


@dataclass(frozen=True)
class Section:
    """A section page: `src` (e.g. "events/index.md"), its body template in overrides/content/,
    its theme layout in overrides/ (None: Material's), its title (None: from the data, `title_of`)."""
    src: str
    template: str
    title: Optional[str] = None
    layout: Optional[str] = "list.html"
    in_nav: bool = True                       # False: reached from another section and the home tiles
    parent: str = ""                          # the sitemap lists it under this section's folder
    title_of: Optional[Callable[[Any], str]] = None     # the Dataset -> its title
    sources: tuple[str, ...] = ()             # extra data paths (relative to the project) it shows
    context: str = ""                         # what else its page shows: a provider in kit/pages/contexts.py
    order: int = 100                          # its place in the sitemap


@dataclass(frozen=True)
class Table:
    """An open-data table: columns as "key|label|type|meaning" and a row per published entry.
    `row(item, d, h)` gets the entry, the Dataset and the outputs' helpers (url, status, honoured, …)."""
    name: str
    title: str
    description: str | Callable[[Any], str]   # or the Dataset -> it
    columns: tuple[str, ...]
    row: Callable[[Any, Any, Any], dict]
    rows: Optional[Callable[[Any], list]] = None    # the Dataset -> items, when not the kind's entries
    order: int = 100                                # its place on the open-data page


@dataclass(frozen=True)
class Kind:
    name: str                     # the Dataset attribute (d.events) and the registry's name
    label: str                    # what editors call it (栏目 name): 节庆活动
    model: type[BaseModel]        # one entry (a list kind) or the whole section (a single)
    file: str = ""                # "awards.yml": a file of data/ holding it
    folder: str = ""              # "events": a folder of data/ whose every .yml holds a list of it
    within: str = ""              # a list kept inside a single's section: "heritage" (heritage.sites)
    single: bool = False          # one section, not a list of entries
    key: str = ""                 # the YAML key of its list or section (default: name)
    singular: str = ""            # one entry: 活动
    order: int = 100
    # pages
    url: str = ""                 # URL folder of its entry pages ("" = no entry pages)
    page: str = ""                # the entry page's kind (page meta, template names): "event"
    var: str = ""                 # the entry's name in its templates
    layout: Optional[str] = None  # the entry page's theme layout in overrides/ (None: Material's)
    title: Callable[[Any], str] = lambda e: e.title
    description: Callable[[Any], str] = lambda e: e.summary
    context: Callable[[Any, Any], dict] = lambda e, d: {}
    sections: tuple[Section, ...] = ()
    home: str = ""                # the section page that lists its entries (default: <url>/index.md)
    parent: str = ""              # the sitemap lists its pages under this section's folder
    # search: the fields the entry page shows, in the order they matter
    search: tuple[str, ...] = ()
    # publication
    sort: Optional[Callable[[Any], Any]] = None
    reverse: bool = False
    withhold: Optional[Callable[[Any], str]] = None     # an extra reason not to publish an entry
    publish: Optional[Callable[[Any], Any]] = None      # an entry as published (fields left out)
    publish_single: Optional[Callable[[Any, bool], Any]] = None   # a single as published (production?)
    public_fields: dict[str, str] = field(default_factory=dict)   # field -> privacy finding it may hold
    by_id: bool = False           # the Dataset holds its entries by id (awards)
    # rules of its own, beyond the model's types and the rules every kind shares
    check: Optional[Callable[[Checking], None]] = None         # errors: `make check` stops
    notes: Optional[Callable[[Checking], list[str]]] = None    # 提示 lines, after publication (c.parts)
    derive: Optional[Callable[[Checking], dict]] = None        # more Dataset fields (honorees: minors)
    # outputs
    tables: tuple[Table, ...] = ()
    # editors
    labels: dict[str, tuple[str, str]] = field(default_factory=dict)   # field -> (label, hint) of this kind
    examples: dict[str, str] = field(default_factory=dict)             # field -> example line
    # references the forms offer as choices: field path in an entry ("honours.award") -> the Dataset
    # -> ([(value, label)], message when the value is none of them); `check` refuses the same values
    choices: dict[str, Callable[[Any], tuple[list[tuple[str, str]], str]]] = field(default_factory=dict)
    tally: str = ""               # its count in `make check`'s last line: "{n} 个活动" ("" = not counted)
    health: bool = True           # its section is judged for staleness and emptiness (kit/data/rules/health.py)

    def __post_init__(self) -> None:
        if not self.key:
            object.__setattr__(self, "key", self.name)
        if self.url and not self.home:
            object.__setattr__(self, "home", f"{self.url}/index.md")

    def url_of(self, entry_id: str) -> str:
        return f"{self.url}/{entry_id}/"

    def page_src(self, entry_id: str) -> str:
        return f"{self.url}/{entry_id}.md"

    def sources(self) -> tuple[str, ...]:
        """Where its entries live, relative to the project: "data/events" or "data/awards.yml"."""
        if self.folder:
            return (f"data/{self.folder}",)
        host = by_name(self.within) if self.within else self
        return (f"data/{host.file}",)


def _modules() -> list[Any]:
    return [importlib.import_module(f"{__name__}.{m.name}") for m in pkgutil.iter_modules(__path__)
            if not m.name.startswith("_")]


@lru_cache(maxsize=None)
def all_kinds() -> tuple[Kind, ...]:
    found: list[Kind] = []
    for module in _modules():
        found += [module.KIND] if hasattr(module, "KIND") else list(getattr(module, "KINDS", ()))
    names = [k.name for k in found]
    twice = {n for n in names if names.count(n) > 1}
    if twice:
        raise ValueError(f"kinds declared twice: {sorted(twice)}")
    return tuple(sorted(found, key=lambda k: (k.order, k.name)))


def by_name(name: str) -> Kind:
    return {k.name: k for k in all_kinds()}[name]


def entry_kinds() -> tuple[Kind, ...]:
    """List kinds (entries with an id), in registry order."""
    return tuple(k for k in all_kinds() if not k.single)


@lru_cache(maxsize=None)
def page_kinds() -> tuple[Kind, ...]:
    """Kinds whose entries have their own pages (asked for every entry: derived once, as the registry is)."""
    return tuple(k for k in all_kinds() if k.url)


@lru_cache(maxsize=None)
def _page_maps() -> tuple[dict[str, Kind], dict[str, Kind], dict[Any, Kind]]:
    kinds = page_kinds()
    return {k.page: k for k in kinds}, {k.url: k for k in kinds}, {k.model: k for k in kinds}


def by_page(page: str) -> Kind:
    return _page_maps()[0][page]


def is_page(page: Any) -> bool:
    """Whether a page's `kind` meta is an entry kind's page (Kind.page)."""
    return page in _page_maps()[0]


def by_url(folder: str) -> Kind | None:
    return _page_maps()[1].get(folder)


def of(item: Any) -> Kind:
    """The kind of an entry, by its model."""
    return _page_maps()[2][type(item)]


def url_for(item: Any) -> str:
    """The URL of an entry's page, relative to the site: "events/<id>/"."""
    return of(item).url_of(item.id)


def sections() -> tuple[tuple[Kind, Section], ...]:
    return tuple(sorted(((k, s) for k in all_kinds() for s in k.sections), key=lambda ks: ks[1].order))


def tables() -> tuple[tuple[Kind, Table], ...]:
    return tuple(sorted(((k, t) for k in all_kinds() for t in k.tables), key=lambda kt: kt[1].order))


# ---- the file layout of data/, derived ---------------------------------------------------

def _file_model(name: str, keys: dict[str, Any]) -> type[BaseModel]:
    return create_model(name, __base__=Strict, **{k: (t, ...) for k, t in keys.items()})


def _model_name(stem: str) -> str:
    return "".join(p.capitalize() for p in stem.replace("-", "_").split("_")) + "File"


@lru_cache(maxsize=None)
def single_files() -> dict[str, type[BaseModel]]:
    """data/<file> -> the model of the whole file: each kind kept in the file is one top-level key."""
    keys: dict[str, dict[str, Any]] = {}
    for k in all_kinds():
        if k.file:
            keys.setdefault(k.file, {})[k.key] = k.model if k.single else list[k.model]
    return {f: _file_model(_model_name(f.removesuffix(".yml")), ks) for f, ks in keys.items()}


@lru_cache(maxsize=None)
def folder_files() -> dict[str, type[BaseModel]]:
    """data/<folder>/ -> the model of each of its files: one list of the kind's entries."""
    return {k.folder: _file_model(_model_name(k.folder), {k.key: list[k.model]}) for k in all_kinds() if k.folder}


def examples() -> dict[tuple[str, str], str]:
    """(list, field) -> example line, from every kind's own examples: "kind" of a stations entry,
    "topics.id" of a list inside the kind."""
    out = {}
    for k in all_kinds():
        for name, line in k.examples.items():
            inner, _, field_name = name.rpartition(".")
            out[(inner or k.key, field_name)] = line
    return out


def kind_labels() -> dict[str, tuple[str, str]]:
    """"Model.field" -> (label, hint) that a kind declares for its own model."""
    return {f"{k.model.__name__}.{f}": v for k in all_kinds() for f, v in k.labels.items()}
