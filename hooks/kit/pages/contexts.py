"""What a section page shows beyond its kind's data: each provider is named by a section of the
registry of kinds (`Section.context`), so no page module needs to know which folder a section is."""
from __future__ import annotations

from typing import Any, Callable

from kit.data.model.civic import LETTERS
from kit.data.dataset import Dataset
from kit.data.kinds.ads import download
from kit.data.rules.notices import board
from kit.pages import listing, stationmap
from kit.pages.civic import towns


def _award_groups(d: Dataset) -> dict[str, Any]:
    budget, groups = listing.INDEX_CARDS, []
    for award_id, people in listing.by_award(d).items():
        shown = people[:min(listing.AWARD_PREVIEW, budget)]
        budget -= len(shown)
        more = listing.award_base(award_id) if len(people) > len(shown) else ""
        groups.append({"award": d.awards[award_id], "people": shown, "total": len(people), "more": more})
    return {"groups": groups}


def _past_years(d: Dataset) -> dict[str, Any]:
    years = listing.past_by_year(d)
    return {"past_limit": listing.PAST_ON_INDEX, "years": [(y, len(es), listing.year_base(y)) for y, es in years.items()]}


def _villages_preview(d: Dataset) -> dict[str, Any]:
    more = len(d.villages) > listing.VILLAGES_ON_INDEX
    return {"villages": d.villages[:listing.VILLAGES_ON_INDEX], "villages_more": listing.villages_base() if more else ""}


def _brands_page(d: Dataset) -> dict[str, Any]:
    first = listing.brand_pages(d)[0]
    return {"brands": first.items, "brands_page": first}


def _towns(d: Dataset) -> dict[str, Any]:
    ts = towns(d.stations)
    return {"towns": ts, "schematic": stationmap.layout([(t.name, t.anchor, t.counts(), t.has_centre) for t in ts])}


PROVIDERS: dict[str, Callable[[Dataset], dict[str, Any]]] = {
    "award_groups": _award_groups,
    "past_years": _past_years,
    "villages_preview": _villages_preview,
    "brands_page": _brands_page,
    "practice_limit": lambda d: {"activities_limit": listing.PRACTICE_ON_INDEX},
    "notice_board": lambda d: {"board": board(d.honorees, d.awards, d.today)},
    "towns": _towns,
    "quiz_letters": lambda d: {"letters": LETTERS},
    "ad_downloads": lambda d: {"downloads": {ad.id: download(d, ad) for ad in d.ads}},
}


def section(d: Dataset, name: str) -> dict[str, Any]:
    return PROVIDERS[name](d) if name else {}
