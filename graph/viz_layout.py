"""A deterministic layout, computed once in Python, for every picture of the graph.

Why not a force simulation in the browser: it never quite stops, gives another
picture each time, and with a few thousand nodes keeps the page busy. Here the
units sit on a ring in document order (the text reads clockwise), and each
entity sits inside the ring at the mean direction of the units that name it:
an entity named in one place sits next to it, one named throughout drifts to the
centre. The same positions serve the page, GEXF/GraphML and the static images.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .viz import VizGraph, VizNode

__all__ = ["radial_layout"]

_UNIT_SPACING = 46.0  # px between neighbouring units on the ring
_MIN_GAP = 40.0  # px kept free around each entity
_GOLDEN = math.pi * (3.0 - math.sqrt(5.0))


def radial_layout(graph: VizGraph) -> None:
    """Set ``x``/``y`` on every node of ``graph`` (in place)."""
    units = graph.units()
    slots = len(units) + 2 * len({u.document for u in units})  # a gap between documents
    radius = max(320.0, slots * _UNIT_SPACING / (2 * math.pi))
    angle_of: dict[str, float] = {}
    slot, previous = 0, None
    for unit in units:
        if previous is not None and unit.document != previous:
            slot += 2
        previous = unit.document
        angle = 2 * math.pi * slot / max(slots, 1) - math.pi / 2
        angle_of[unit.id] = angle
        unit.x, unit.y = round(radius * math.cos(angle), 2), round(radius * math.sin(angle), 2)
        slot += 1

    pull: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for edge in graph.edges:
        if edge.kind == "mentions" and edge.source in angle_of:
            acc = pull[edge.target]
            acc[0] += edge.weight * math.cos(angle_of[edge.source])
            acc[1] += edge.weight * math.sin(angle_of[edge.source])
            acc[2] += edge.weight
    placed = _Grid(_MIN_GAP)
    for unit in units:
        placed.add(unit.x, unit.y)
    entities = sorted(graph.entities(), key=lambda n: (-pull[n.id][2], n.id))
    for index, entity in enumerate(entities):
        sx, sy, total = pull[entity.id]
        if total:
            mx, my = sx / total, sy / total
            strength = min(1.0, math.hypot(mx, my))
            direction = math.atan2(my, mx)
            r = radius * (0.2 + 0.62 * strength)
        else:  # named nowhere: a small spiral at the centre
            direction, r = index * _GOLDEN, radius * 0.08 * math.sqrt(index + 1) / 4
        _place(entity, r * math.cos(direction), r * math.sin(direction), placed)


def _place(node: VizNode, x: float, y: float, placed: _Grid) -> None:
    """Put ``node`` at the free spot nearest (x, y) along a sunflower spiral."""
    for step in range(400):
        r = _MIN_GAP * 0.6 * math.sqrt(step)
        cx, cy = x + r * math.cos(step * _GOLDEN), y + r * math.sin(step * _GOLDEN)
        if placed.free(cx, cy):
            break
    node.x, node.y = round(cx, 2), round(cy, 2)
    placed.add(cx, cy)


class _Grid:
    """A spatial hash: is there a node within ``gap`` of a point? In O(1)."""

    def __init__(self, gap: float) -> None:
        self.gap = gap
        self.cells: dict[tuple[int, int], list[tuple[float, float]]] = defaultdict(list)

    def _cell(self, x: float, y: float) -> tuple[int, int]:
        return (math.floor(x / self.gap), math.floor(y / self.gap))

    def add(self, x: float, y: float) -> None:
        self.cells[self._cell(x, y)].append((x, y))

    def free(self, x: float, y: float) -> bool:
        cx, cy = self._cell(x, y)
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for px, py in self.cells.get((cx + dx, cy + dy), ()):
                    if (px - x) ** 2 + (py - y) ** 2 < self.gap**2:
                        return False
        return True
