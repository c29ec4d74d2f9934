"""Which pages the data makes: path, front matter and body template for each.

Every section page and entry page comes from the registry of kinds (kit/data/kinds/): a kind's
sections, and a page per published entry of a kind with a URL folder. The body of an entry page
is overrides/content/<page>.html; its theme layout the kind's `layout`."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kit.data import kinds
from kit.data.dataset import Dataset
from kit.pages import contexts, listing


@dataclass
class PageSpec:
    src_uri: str
    template: str
    title: str
    description: str
    in_nav: bool
    context: dict[str, Any] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)


def entry_url(kind: kinds.Kind, entry_id: str) -> str:
    return kind.url_of(entry_id)


def section_title(d: Dataset, section: kinds.Section) -> str:
    return section.title or section.title_of(d)


def entry_spec(d: Dataset, kind: kinds.Kind, item) -> PageSpec:
    context = {kind.var: item, **kind.context(item, d)}
    meta: dict[str, Any] = {"kind": kind.page}
    if kind.layout:
        meta["template"] = kind.layout
    return PageSpec(kind.page_src(item.id), f"{kind.page}.html", kind.title(item), kind.description(item), False,
                    context, meta)


def specs(d: Dataset) -> list[PageSpec]:
    out: list[PageSpec] = []
    for _, section in kinds.sections():
        context = contexts.section(d, section.context)
        meta = {"template": section.layout} if section.layout else {}
        out.append(PageSpec(section.src, section.template, section_title(d, section), d.settings.site_description,
                            section.in_nav, context, meta))
    for kind in kinds.page_kinds():
        out += [entry_spec(d, kind, item) for item in d.entries(kind)]
    for lp in listing.list_pages(d):
        out.append(PageSpec(lp.src_uri, "list-page.html", lp.title, d.settings.site_description, False,
                            {"lp": lp}, {**listing.META, "template": "list.html"}))
    return out
