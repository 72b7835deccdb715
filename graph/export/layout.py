"""Node positions for the network views, computed in Python so the page never simulates.

Each connected component is laid out on its own (force-directed while it is small enough,
by kind in rings beyond that) and the components are then packed in rows, largest first.
A store of many articles is many small components (IRIs are per article), so this stays
fast at 10,000 nodes where one force-directed layout of everything would take minutes.

>>> import networkx as nx
>>> g = nx.Graph([("a", "b"), ("b", "c"), ("x", "y")])
>>> pos = component_layout(g)
>>> sorted(pos) == ["a", "b", "c", "x", "y"]
True
>>> all(isinstance(v, float) for xy in pos.values() for v in xy)
True
"""
from __future__ import annotations

import math
from collections.abc import Hashable

import networkx as nx

SPRING_LIMIT = 499  # largest component laid out force-directed (networkx needs scipy beyond)
PIXELS_PER_NODE = 60.0  # the side of the square a node gets, roughly
GAP = 80.0  # pixels between packed components

Position = tuple[float, float]


def _spring(component: nx.Graph, seed: int) -> dict[Hashable, Position]:
    n = component.number_of_nodes()
    iterations = 100 if n <= 50 else 50
    pos = nx.spring_layout(component, seed=seed, k=3.0 / math.sqrt(n), iterations=iterations, method="force")
    return {node: (float(x), float(y)) for node, (x, y) in pos.items()}


def _rings_by_kind(component: nx.Graph) -> dict[Hashable, Position]:
    groups: dict[str, list[Hashable]] = {}
    for node, data in component.nodes(data=True):
        groups.setdefault(str(data.get("kind", "")), []).append(node)
    pos = nx.shell_layout(component, nlist=[groups[k] for k in sorted(groups)])
    return {node: (float(x), float(y)) for node, (x, y) in pos.items()}


def _local(component: nx.Graph, seed: int, spring_limit: int) -> tuple[dict[Hashable, Position], float]:
    """Positions of one component in pixels around (0, 0), and its radius."""
    n = component.number_of_nodes()
    if n == 1:
        return {next(iter(component.nodes)): (0.0, 0.0)}, PIXELS_PER_NODE / 2
    unit = _spring(component, seed) if n <= spring_limit else _rings_by_kind(component)
    radius = PIXELS_PER_NODE * math.sqrt(n)
    xs = [x for x, _ in unit.values()]
    ys = [y for _, y in unit.values()]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    half = max(max(xs) - min(xs), max(ys) - min(ys)) / 2 or 1.0
    scale = radius / half
    return {node: ((x - cx) * scale, (y - cy) * scale) for node, (x, y) in unit.items()}, radius


def component_layout(graph: nx.Graph, *, seed: int = 7, spring_limit: int = SPRING_LIMIT) -> dict[Hashable, Position]:
    """Pixel positions for every node: components laid out apart, then packed in rows."""
    simple = nx.Graph(graph)
    if simple.number_of_nodes() == 0:
        return {}
    components = sorted(nx.connected_components(simple), key=lambda c: (-len(c), min(map(str, c))))
    placed = [_local(simple.subgraph(c), seed, spring_limit) for c in components]
    total_area = sum((2 * r + GAP) ** 2 for _, r in placed)
    row_width = max(math.sqrt(total_area) * 1.6, 2 * placed[0][1] + GAP)
    out: dict[Hashable, Position] = {}
    x = y = row_height = 0.0
    for local, radius in placed:
        side = 2 * radius + GAP
        if x > 0 and x + side > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, (lx, ly) in local.items():
            out[node] = (round(x + side / 2 + lx, 1), round(y + side / 2 + ly, 1))
        x += side
        row_height = max(row_height, side)
    return out
