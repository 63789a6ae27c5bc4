"""Where the nine preconditions sit on the relationship map, and which lines join them.

Only geometry lives here; overrides/library/map.md draws the SVG. Vision (A to D)
takes the left half of a circle and behaviours (E to I) the right half, so the
two groups read as two sides and every `related` link is a chord between them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

WIDTH, HEIGHT = 880, 560
CENTRE_X, CENTRE_Y, RADIUS = WIDTH / 2, HEIGHT / 2 + 10, 200
NODE_RADIUS = 26


@dataclass
class Node:
    precondition: object
    x: float
    y: float
    label_x: float  # where the short title goes, outside the circle
    label_y: float
    anchor: str  # SVG text-anchor for the label: start, middle or end


@dataclass
class Edge:
    a: Node
    b: Node
    reasons: list = field(default_factory=list)  # (from precondition, reason text), one per direction given in the data

    @property
    def both_ways(self) -> bool:
        return len({p.id for p, _ in self.reasons}) == 2


def layout(library) -> tuple[list[Node], list[Edge]]:
    groups = {"vision": [], "behaviours": []}
    for p in library.preconditions:
        groups[p.group].append(p)
    nodes = {}
    # Vision down the left side (A at the top), behaviours down the right (E at the top).
    for members, start, end in ((groups["vision"], 240, 120), (groups["behaviours"], -60, 60)):
        for i, p in enumerate(members):
            angle = start + (end - start) * (i / (len(members) - 1) if len(members) > 1 else 0.5)
            nodes[p.id] = _node(p, math.radians(angle))
    edges: dict[frozenset, Edge] = {}
    for p in library.preconditions:
        for rel in p.related:
            key = frozenset((p.id, rel.precondition))
            edge = edges.setdefault(key, Edge(nodes[p.id], nodes[rel.precondition]))
            edge.reasons.append((p, rel.reason))
    ordered = sorted(edges.values(), key=lambda e: (e.a.precondition.id, e.b.precondition.id))
    return [nodes[p.id] for p in library.preconditions], ordered


def _node(p, angle: float) -> Node:
    x = CENTRE_X + RADIUS * math.cos(angle)
    y = CENTRE_Y + RADIUS * math.sin(angle)
    gap = NODE_RADIUS + 10
    label_x = CENTRE_X + (RADIUS + gap) * math.cos(angle)
    label_y = CENTRE_Y + (RADIUS + gap) * math.sin(angle) + 5
    horizontal = math.cos(angle)
    anchor = "start" if horizontal > 0.3 else "end" if horizontal < -0.3 else "middle"
    if anchor == "middle":
        label_y += 12 if math.sin(angle) > 0 else -8
    return Node(p, round(x, 1), round(y, 1), round(label_x, 1), round(label_y, 1), anchor)
