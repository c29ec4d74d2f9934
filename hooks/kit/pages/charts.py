"""Geometry of the campaign progress charts, drawn as inline SVG at build time.

These functions only compute numbers (positions, widths, colours); the SVG
itself is written by the template macros in overrides/content/_charts.html.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from kit.data.model.models import Category, Project

WIDTH = 320          # viewBox width: close to a phone's CSS width, so text stays readable
LABEL_H = 20         # space for the row label above its bar
BAR_H = 24
ROW_GAP = 14
LEGEND_H = 34

# Status colours: every one keeps white text at a contrast of 4.5:1 or better.
STATUS_COLOURS = {
    "已完成": "#2e7d32",
    "推进中": "#1565c0",
    "待加强": "#a84300",
    "未启动": "#5f6368",
}


@dataclass(frozen=True)
class Segment:
    label: str
    value: int
    x: float
    width: float
    colour: str


@dataclass(frozen=True)
class Row:
    label: str
    y: float
    segments: list[Segment]
    total: int
    note: str = ""


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bar_h: int
    label_h: int
    rows: list[Row]
    legend: list[tuple[str, str]] = field(default_factory=list)
    track: int = WIDTH   # bar length of 100 %; the rest of the row holds the number


def fit(label: str, width: float = WIDTH, font: int = 14) -> str:
    """Shorten a label to one line of the chart; the full text is in the table below it."""
    room = int(width // font) - 1
    return label if len(label) <= room else label[: room - 1] + "…"


def status_counts(category: Category) -> dict[str, int]:
    counts = {s: 0 for s in STATUS_COLOURS}
    for item in category.items:
        counts[item.status] += 1
    return counts


def _row_y(index: int, top: int) -> float:
    return top + index * (LABEL_H + BAR_H + ROW_GAP)


def _height(rows: int, top: int) -> int:
    return top + rows * (LABEL_H + BAR_H + ROW_GAP)


def indicator_chart(categories: Iterable[Category]) -> Chart:
    """One stacked bar per 大项: how many of its 小项 are in each status."""
    cats = list(categories)
    biggest = max((len(c.items) for c in cats), default=1) or 1
    scale = WIDTH / biggest
    rows: list[Row] = []
    for i, cat in enumerate(cats):
        x = 0.0
        segments: list[Segment] = []
        for status, count in status_counts(cat).items():
            if count:
                segments.append(Segment(status, count, round(x, 2), round(count * scale, 2),
                                        STATUS_COLOURS[status]))
                x += count * scale
        rows.append(Row(fit(f"{i + 1}. {cat.name}"), _row_y(i, LEGEND_H), segments, len(cat.items)))
    legend = [(s, c) for s, c in STATUS_COLOURS.items()
              if any(seg.label == s for row in rows for seg in row.segments)]
    return Chart(WIDTH, _height(len(rows), LEGEND_H), BAR_H, LABEL_H, rows, legend)


PROJECT_COLOURS = {"完成投资": "#1565c0", "资金拨付率": "#2e7d32"}
PCT_WIDTH = WIDTH - 64  # the rest of the row shows the number


def project_chart(projects: Iterable[Project]) -> Chart:
    """Two bars per project (0-100 %): investment completed and funds disbursed."""
    rows: list[Row] = []
    index = 0
    for p in projects:
        for label, value, at_least in (("完成投资", p.investment_pct, p.investment_at_least),
                                       ("资金拨付率", p.funds_pct, False)):
            seg = Segment(label, value, 0, round(PCT_WIDTH * value / 100, 2), PROJECT_COLOURS[label])
            rows.append(Row(fit(p.name) if label == "完成投资" else "", _row_y(index, LEGEND_H), [seg], 100,
                            f"{value}%{'以上' if at_least else ''}"))
            index += 1
    return Chart(WIDTH, _height(len(rows), LEGEND_H), BAR_H, LABEL_H, rows, list(PROJECT_COLOURS.items()),
                 PCT_WIDTH)


FILTERS = {"indicator_chart": indicator_chart, "project_chart": project_chart}
