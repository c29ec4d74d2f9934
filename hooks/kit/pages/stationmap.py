"""Geometry of the 文明实践阵地 schematic: towns as circles around the town of the practice
centre, drawn as inline SVG at build time (overrides/content/section-stations.html).

It is a diagram, not a map: no positions are real, so nothing needs map approval and no map
tiles are loaded from anywhere. Only numbers are computed here; the template writes the SVG.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

SIZE = 340            # viewBox width and height: about a phone's CSS width, so labels stay readable
HUB_R = 34
NODE_R = 24
LABEL = 14            # label font size at full width
LABEL_WIDTH = 84      # a longer town name gets a smaller font to stay inside its slot


@dataclass(frozen=True)
class Node:
    name: str
    anchor: str
    x: float
    y: float
    r: float
    total: int
    font: float
    hub: bool


@dataclass(frozen=True)
class Schematic:
    size: int
    nodes: tuple[Node, ...]
    edges: tuple[tuple[float, float, float, float], ...]


def _font(name: str) -> float:
    return round(min(LABEL, LABEL_WIDTH / max(len(name), 1)), 1)


def layout(towns: list[tuple[str, str, list[tuple[str, int]], bool]]) -> Schematic:
    """towns: (name, anchor, [(kind, count)], has the centre). The first town with the centre
    sits in the middle; the others go round it clockwise from the top, in the given order."""
    if not towns:
        return Schematic(SIZE, (), ())
    mid = SIZE / 2
    hub_i = next((i for i, t in enumerate(towns) if t[3]), None)
    ring = [t for i, t in enumerate(towns) if i != hub_i]
    radius = SIZE / 2 - NODE_R - 2 * LABEL - 6
    nodes: list[Node] = []
    if hub_i is not None:
        name, anchor, counts, _ = towns[hub_i]
        nodes.append(Node(name, anchor, mid, mid, HUB_R, sum(n for _, n in counts), _font(name), True))
    for i, (name, anchor, counts, _) in enumerate(ring):
        if hub_i is None and len(ring) == 1:
            x, y = mid, mid
        else:
            angle = -math.pi / 2 + 2 * math.pi * i / len(ring)
            x, y = round(mid + radius * math.cos(angle), 1), round(mid + radius * math.sin(angle), 1)
        nodes.append(Node(name, anchor, x, y, NODE_R, sum(n for _, n in counts), _font(name), False))
    edges = tuple((mid, mid, n.x, n.y) for n in nodes if not n.hub) if hub_i is not None else ()
    return Schematic(SIZE, tuple(nodes), edges)
