"""Where the nine preconditions sit on the relationship map, and which lines join them.

Only geometry lives here; overrides/library/map.md draws the SVG. Vision (A to D)
takes the left half of a circle and behaviours (E to I) the right half, so the
two groups read as two sides and every `related` link is a chord between them.
The nodes carry their letters only, and the map is square, so it stays legible
when a phone shrinks it to 288 px; the key beside it (in HTML) names each letter.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

WIDTH, HEIGHT = 400, 390
CENTRE_X, CENTRE_Y, RADIUS = WIDTH / 2, 205, 150
NODE_RADIUS = 28


@dataclass
class Node:
    precondition: object
    x: float
    y: float


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
            angle = math.radians(start + (end - start) * (i / (len(members) - 1) if len(members) > 1 else 0.5))
            nodes[p.id] = Node(p, round(CENTRE_X + RADIUS * math.cos(angle), 1),
                               round(CENTRE_Y + RADIUS * math.sin(angle), 1))
    edges: dict[frozenset, Edge] = {}
    for p in library.preconditions:
        for rel in p.related:
            key = frozenset((p.id, rel.precondition))
            edge = edges.setdefault(key, Edge(nodes[p.id], nodes[rel.precondition]))
            edge.reasons.append((p, rel.reason))
    ordered = sorted(edges.values(), key=lambda e: (e.a.precondition.id, e.b.precondition.id))
    return [nodes[p.id] for p in library.preconditions], ordered
