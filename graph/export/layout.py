"""Node positions for the network views, computed in Python so the page never simulates.

Each connected component is laid out on its own and the components are then packed in
rows, largest first. A component of up to ``STRESS_LIMIT`` nodes is laid out by stress
majorization (numpy only: networkx's Kamada-Kawai needs scipy): nodes stand as far apart
as they are hops apart in the graph, one hop being ``EDGE_PIXELS``, so a hub's neighbours
ring it evenly instead of piling onto it. A larger one is force-directed up to
``SPRING_LIMIT`` nodes, then placed by kind in rings.

A store of many articles is many small components (IRIs are per article), so this stays
fast at 10,000 nodes where one force-directed layout of everything would take minutes.

>>> import networkx as nx
>>> g = nx.Graph([("a", "b"), ("b", "c"), ("x", "y")])
>>> pos = component_layout(g)
>>> sorted(pos) == ["a", "b", "c", "x", "y"]
True
>>> all(isinstance(v, float) for xy in pos.values() for v in xy)
True

A hub's neighbours stand one hop (``EDGE_PIXELS``) from it and about as far from each other:

>>> pos = component_layout(nx.star_graph(6))
>>> spokes = [math.dist(pos[0], pos[i]) / EDGE_PIXELS for i in range(1, 7)]
>>> all(0.9 < d < 1.4 for d in spokes), min(math.dist(pos[i], pos[j]) for i in range(1, 7) for j in range(i)) > 100
(True, True)

A node and its label, drawn centred below it, cover a box (:func:`footprint`); no two
boxes overlap, so no label runs across another label or another node's shape:

>>> star = nx.star_graph(8)
>>> nx.set_node_attributes(star, {i: "an event reported with a long label" for i in star}, "label")
>>> size = {i: 40.0 if i == 0 else 10.0 for i in star}
>>> pos = component_layout(star, sizes=size)
>>> box = {i: footprint(star.nodes[i]["label"], size[i]) for i in star}
>>> any(abs(pos[i][0] - pos[j][0]) < (box[i][0] + box[j][0]) / 2
...     and abs(pos[i][1] - pos[j][1]) < (box[i][1] + box[j][1]) / 2 for i in star for j in star if i < j)
False
"""
from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping

import networkx as nx
import numpy as np

STRESS_LIMIT = 60  # largest component laid out by stress majorization (n² work per step)
SPRING_LIMIT = 499  # largest component laid out force-directed (networkx needs scipy beyond)
EDGE_PIXELS = 150.0  # one hop in a stress layout
STRESS_ITERATIONS = 200  # at most; it stops once no node moves a thousandth of a hop
PIXELS_PER_NODE = 60.0  # the side of the square a node gets, roughly
GAP = 80.0  # pixels between packed components
LABEL_CHAR_PIXELS = 7.0  # a node label's width per character, roughly (12-14 px sans-serif)
LABEL_LIMIT = 40  # characters of a label that are drawn (see network._short)
LABEL_HEIGHT = 18.0  # pixels of one line of label
DEFAULT_SIZE = 10.0  # a node's size (vis-network: half its shape's height) when none is given

Position = tuple[float, float]


def ordered_subgraph(graph: nx.Graph, nodes: Iterable[Hashable]) -> nx.Graph:
    """The subgraph of ``nodes`` (with their data and the edges among them), its nodes and
    each node's neighbours in name order. A networkx subgraph view lists the nodes of a
    small subgraph in the order of a set, which changes with Python's hash seed, and the
    layouts follow the node order: a page drawn twice from one store came out different.

    >>> g = nx.Graph([("b", "c"), ("a", "b"), ("c", "d")])
    >>> sub = ordered_subgraph(g, {"c", "b", "a"}); list(sub.nodes), sorted(sub.edges)
    (['a', 'b', 'c'], [('a', 'b'), ('b', 'c')])
    """
    order = sorted(nodes, key=str)
    members = set(order)
    sub = nx.Graph()
    sub.add_nodes_from((n, graph.nodes[n]) for n in order)
    sub.add_edges_from((u, v, data) for u in order for v, data in sorted(graph[u].items(), key=lambda kv: str(kv[0]))
                       if v in members)
    return sub


def _spring(component: nx.Graph, seed: int) -> dict[Hashable, Position]:
    n = component.number_of_nodes()
    iterations = 100 if n <= 50 else 50
    pos = nx.spring_layout(component, seed=seed, k=3.0 / math.sqrt(n), iterations=iterations, method="force")
    return {node: (float(x), float(y)) for node, (x, y) in pos.items()}


def _hops(component: nx.Graph) -> tuple[list[Hashable], np.ndarray]:
    """The nodes, and the number of hops between every two of them (breadth-first)."""
    nodes = sorted(component.nodes, key=str)  # not insertion order: the same layout every run
    index = {node: i for i, node in enumerate(nodes)}
    neighbours = [[index[m] for m in component[node]] for node in nodes]
    hops = np.zeros((len(nodes), len(nodes)))
    for source in range(len(nodes)):
        row, frontier, seen, depth = hops[source], [source], {source}, 0
        while frontier:
            depth += 1
            frontier = [m for v in frontier for m in neighbours[v] if not (m in seen or seen.add(m))]
            row[frontier] = depth
    return nodes, hops


def _stress(component: nx.Graph, seed: int) -> dict[Hashable, Position]:
    """Stress majorization with weights 1/d² (the localized update of Gansner, Koren and
    North, "Graph drawing by stress majorization", 2004), one hop being one unit. It
    starts from two pivots' hop counts (the ends of a longest shortest path), so it is
    deterministic; ``seed`` only jitters nodes that start in the same place. Elementwise
    numpy only: no linear algebra library threads."""
    nodes, hops = _hops(component)
    n = len(nodes)
    first = int(hops[0].argmax())
    second = int(hops[first].argmax())
    x = np.stack([hops[first], hops[second]], axis=1) * 0.7
    x += np.random.default_rng(seed).normal(scale=0.1, size=x.shape)
    weights = np.zeros_like(hops)
    np.divide(1.0, hops**2, out=weights, where=hops > 0)
    total = weights.sum(axis=1)[:, None]
    for _ in range(STRESS_ITERATIONS):
        apart = x[:, None, :] - x[None, :, :]
        distance = np.sqrt((apart**2).sum(axis=2))
        np.maximum(distance, 1e-9, out=distance)
        ideal = x[None, :, :] + (hops / distance)[:, :, None] * apart  # where j would put i
        moved = (weights[:, :, None] * ideal).sum(axis=1) / total
        done = np.abs(moved - x).max() < 1e-3  # of a hop
        x = moved
        if done:
            break
    x = _lay_flat(x)
    return {node: (float(x[i, 0]), float(x[i, 1])) for i, node in enumerate(nodes)}


def _lay_flat(x: np.ndarray) -> np.ndarray:
    """Turn a drawing so its longest extent (principal axis) is horizontal, as views are
    wider than tall, and its heavier side is on the right: the same picture every run."""
    x = x - x.mean(axis=0)
    cxx, cyy, cxy = (x[:, 0] ** 2).sum(), (x[:, 1] ** 2).sum(), (x[:, 0] * x[:, 1]).sum()
    angle = 0.5 * math.atan2(2 * cxy, cxx - cyy)
    c, s = math.cos(angle), math.sin(angle)
    x = x @ np.array([[c, -s], [s, c]])
    skew = (x**3).sum(axis=0)
    return x * np.where(skew < 0, -1.0, 1.0)


def footprint(label: str, size: float) -> tuple[float, float]:
    """Width and height of the box a node covers: its shape (``size`` pixels each side of
    its centre) with its label, one line of at most ``LABEL_LIMIT`` characters, below.
    The box reaches ``size`` above the centre and ``size + LABEL_HEIGHT`` below, the same
    offset for every node, so two nodes' boxes overlap exactly when their centres are
    closer than half the sum of the boxes' widths and of their heights.

    >>> footprint("Chechnya", 40.0)
    (80.0, 98.0)
    >>> footprint("A long label for an event that goes on and on", 10.0)
    (280.0, 38.0)
    """
    return max(min(len(label), LABEL_LIMIT) * LABEL_CHAR_PIXELS, 2 * size), 2 * size + LABEL_HEIGHT


def separate(component: nx.Graph, pos: dict[Hashable, Position],
              sizes: Mapping[Hashable, float]) -> dict[Hashable, Position]:
    """Move apart the nodes whose footprints (shape and label) would overlap: each pair
    is pushed along the axis where it overlaps least (usually up and down, labels being
    wide and one line high), half the overlap each, until no footprints overlap."""
    nodes = list(pos)
    xy = np.array([pos[node] for node in nodes], dtype=float)
    boxes = np.array([footprint(str(component.nodes[node].get("label", "")), sizes.get(node, DEFAULT_SIZE))
                      for node in nodes])
    width, height = boxes[:, 0], boxes[:, 1]
    order = np.sign(np.arange(len(nodes))[:, None] - np.arange(len(nodes))[None, :])  # ties: by index
    for _ in range(200):
        apart = xy[:, None, :] - xy[None, :, :]
        over_x = (width[:, None] + width[None, :]) / 2 - np.abs(apart[:, :, 0])
        over_y = (height[:, None] + height[None, :]) / 2 - np.abs(apart[:, :, 1])
        clash = (over_x > 0) & (over_y > 0)
        np.fill_diagonal(clash, False)
        if not clash.any():
            break
        along_x = over_x < over_y
        for axis, over, use in ((0, over_x, along_x), (1, over_y, ~along_x)):
            side = np.where(apart[:, :, axis] != 0, np.sign(apart[:, :, axis]), order)
            xy[:, axis] += np.where(clash & use, side * (over / 2 + 0.5), 0.0).sum(axis=1)
    return {node: (float(xy[i, 0]), float(xy[i, 1])) for i, node in enumerate(nodes)}


def _rings_by_kind(component: nx.Graph) -> dict[Hashable, Position]:
    groups: dict[str, list[Hashable]] = {}
    for node, data in component.nodes(data=True):
        groups.setdefault(str(data.get("kind", "")), []).append(node)
    pos = nx.shell_layout(component, nlist=[groups[k] for k in sorted(groups)])
    return {node: (float(x), float(y)) for node, (x, y) in pos.items()}


def _local(component: nx.Graph, seed: int, spring_limit: int,
           sizes: Mapping[Hashable, float]) -> tuple[dict[Hashable, Position], float]:
    """Positions of one component in pixels around (0, 0), and its radius: as far as a
    node's footprint reaches."""
    n = component.number_of_nodes()
    if n == 1:
        pos = {next(iter(component.nodes)): (0.0, 0.0)}
    elif n <= STRESS_LIMIT:
        pos = separate(component, _centred(_stress(component, seed), EDGE_PIXELS), sizes)
    else:
        unit = _spring(component, seed) if n <= spring_limit else _rings_by_kind(component)
        pos = _centred(unit, None)
    reach = 0.0
    for node, (x, y) in pos.items():
        size = sizes.get(node, DEFAULT_SIZE)
        width = footprint(str(component.nodes[node].get("label", "")), size)[0]
        reach = max(reach, abs(x) + width / 2, abs(y) + size + LABEL_HEIGHT)
    return pos, max(reach, PIXELS_PER_NODE / 2)


def _centred(unit: dict[Hashable, Position], scale: float | None) -> dict[Hashable, Position]:
    """``unit`` moved to centre on (0, 0) and scaled by ``scale``, or else so that its
    longer side spans ``2 * PIXELS_PER_NODE * sqrt(nodes)``."""
    xs = [x for x, _ in unit.values()]
    ys = [y for _, y in unit.values()]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    if scale is None:
        scale = PIXELS_PER_NODE * math.sqrt(len(unit)) / (max(max(xs) - min(xs), max(ys) - min(ys)) / 2 or 1.0)
    return {node: ((x - cx) * scale, (y - cy) * scale) for node, (x, y) in unit.items()}


def component_layout(graph: nx.Graph, *, seed: int = 7, spring_limit: int = SPRING_LIMIT,
                     sizes: Mapping[Hashable, float] | None = None) -> dict[Hashable, Position]:
    """Pixel positions for every node: components laid out apart, then packed in rows.
    ``sizes`` are the nodes' drawn sizes (default ``DEFAULT_SIZE``), which small
    components keep clear of other nodes' labels."""
    simple = nx.Graph(graph)
    if simple.number_of_nodes() == 0:
        return {}
    components = sorted(nx.connected_components(simple), key=lambda c: (-len(c), min(map(str, c))))
    placed = [_local(ordered_subgraph(simple, c), seed, spring_limit, sizes or {}) for c in components]
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
