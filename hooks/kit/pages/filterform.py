"""The list filter's choices, read from the cards a page renders, so the form is complete
in the page as built: nothing moves or fills in after load (no layout shift)."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

_CARD = re.compile(r'<li class="wm-card"([^>]*)>')
_ATTR = re.compile(r'\sdata-(year|category)="([^"]*)"')


@dataclass(frozen=True)
class Choices:
    total: int
    years: list[str]        # newest first
    categories: list[str]   # in text order


def choices(rendered: str) -> Choices:
    """Cards are counted and their data-year / data-category values collected, as site.js
    filters by them."""
    total = 0
    years: set[str] = set()
    categories: set[str] = set()
    for card in _CARD.finditer(str(rendered)):
        total += 1
        for name, value in _ATTR.findall(card.group(1)):
            if value:
                (years if name == "year" else categories).add(html.unescape(value))
    return Choices(total, sorted(years, reverse=True), sorted(categories))
