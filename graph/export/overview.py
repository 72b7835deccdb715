"""The corpus overview: the actors' network a journalist reads first.

A page over many articles (a *corpus*: more than one article) opens on the actors
(persons, organizations, places) instead of every event: two actors are linked when
they take part in the same events, the link's weight is how many, and it carries those
events for the panel to list. An actor's size is its number of events, its colour its
community (networkx's Louvain, with a fixed seed), and only the :data:`LABELLED` most
central actors (by weighted degree) carry a label until zoomed in. Actors that share
no event with another are left out of the drawing and counted (``isolated``).

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> for n, k in [("e1", "event"), ("e2", "event"), ("a", "person"), ("b", "organization"), ("c", "place"),
...              ("d", "person")]:
...     g.add_node(n, label=n.upper(), kind=k)
>>> for u, v, r in [("e1", "a", "agent"), ("e1", "b", "patient"), ("e2", "a", "agent"), ("e2", "b", "patient"),
...                 ("e2", "c", "hasPlace")]:
...     _ = g.add_edge(u, v, key=r, label=r)
>>> o = actor_overview(g)
>>> [(e["from"], e["to"], e["weight"], e["events"]) for e in o["edges"]]
[('a', 'b', 2, ['e1', 'e2']), ('a', 'c', 1, ['e2']), ('b', 'c', 1, ['e2'])]
>>> o["isolated"], sorted((n["id"], n["events"]) for n in o["nodes"])
(['d'], [('a', 2), ('b', 2), ('c', 1), ('d', 0)])
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping
from itertools import combinations
from typing import Any

import networkx as nx

from ..rdf import corpus_graph_iri
from ..rulesfile import merge_rule_line
from ..store import Store

ACTOR_KINDS = ("person", "organization", "place")
LINK_ROLES = ("agent", "patient", "participant", "speaker", "addressee", "hasPlace")
LABELLED = 30  # the most central actors labelled at first
SEED = 7
COMMUNITY_GAP = 1.25  # space between communities, in their radii


def is_corpus(articles: Mapping[str, Any]) -> bool:
    """A page is a corpus when it holds more than one article: it then opens on the actors."""
    return len(articles) > 1


def _event_actors(graph: nx.MultiDiGraph) -> dict[str, list[str]]:
    """Each event or statement -> its distinct actors and places, in edge order."""
    out: dict[str, list[str]] = {}
    for u, v, role in graph.edges(keys=True):
        if role in LINK_ROLES and graph.nodes[v].get("kind") in ACTOR_KINDS:
            actors = out.setdefault(u, [])
            if v not in actors:
                actors.append(v)
    return out


def _layout(actors: nx.Graph, community: Mapping[str, int], seed: int) -> dict[str, tuple[float, float]]:
    """Communities as regions: their centres laid out by a spring over the graph of
    communities, each community's actors by a spring around its centre."""
    groups: dict[int, list[str]] = defaultdict(list)
    for node, c in community.items():
        groups[c].append(node)
    radius = {c: 60.0 * math.sqrt(len(nodes)) + 40 for c, nodes in groups.items()}
    between = nx.Graph()
    between.add_nodes_from(groups)
    for u, v, w in actors.edges(data="weight"):
        cu, cv = community[u], community[v]
        if cu != cv:
            between.add_edge(cu, cv, weight=between.get_edge_data(cu, cv, {"weight": 0})["weight"] + w)
    centres = nx.spring_layout(between, seed=seed, weight=None) if len(groups) > 1 else {0: (0.0, 0.0)}
    # scale so the nearest two communities do not overlap
    scale = 1.0
    for a, b in combinations(groups, 2):
        d = math.dist(centres[a], centres[b]) or 1e-3
        scale = max(scale, COMMUNITY_GAP * (radius[a] + radius[b]) / d)
    scale = min(scale, 40 * max(radius.values()))
    out: dict[str, tuple[float, float]] = {}
    for c, nodes in groups.items():
        sub = actors.subgraph(nodes)
        local = nx.spring_layout(sub, seed=seed, weight="weight", center=(0, 0)) if len(nodes) > 1 else {nodes[0]: (0, 0)}
        cx, cy = centres[c][0] * scale, centres[c][1] * scale
        for node, (x, y) in local.items():
            out[node] = (round(cx + x * radius[c], 1), round(cy + y * radius[c], 1))
    return out


def _grid(nodes: list[str], below: float) -> dict[str, tuple[float, float]]:
    """Isolated actors in rows under the drawing (shown only on request)."""
    side = max(1, math.ceil(math.sqrt(len(nodes))))
    return {n: (round((i % side) * 60.0, 1), round(below + 200 + (i // side) * 40.0, 1)) for i, n in enumerate(nodes)}


def actor_overview(graph: nx.MultiDiGraph, *, labelled: int = LABELLED, seed: int = SEED) -> dict[str, Any]:
    """The actors' network of ``graph`` (see the module docstring): ``nodes`` (id, x, y,
    events, community, label: whether labelled at first), ``edges`` (from, to, weight,
    events in date order of the graph's ``start``) and ``isolated`` (ids)."""
    event_actors = _event_actors(graph)
    counts: Counter[str] = Counter()
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for event, actors in event_actors.items():
        counts.update(actors)
        for a, b in combinations(sorted(actors), 2):
            shared[(a, b)].append(event)
    actors = nx.Graph()
    actors.add_nodes_from(n for n, k in graph.nodes(data="kind") if k in ACTOR_KINDS)
    for (a, b), events in shared.items():
        actors.add_edge(a, b, weight=len(events))
    linked = [n for n in actors if actors.degree(n)]
    isolated = sorted((n for n in actors if not actors.degree(n)), key=lambda n: (-counts[n], n))
    core = actors.subgraph(linked)
    communities = nx.community.louvain_communities(core, weight="weight", seed=seed) if linked else []
    communities = sorted(communities, key=lambda c: (-len(c), min(c)))
    community = {n: i for i, c in enumerate(communities) for n in c}
    pos = _layout(core, community, seed) if linked else {}
    below = max((y for _, y in pos.values()), default=0.0)
    pos.update(_grid(isolated, below))
    strength = dict(core.degree(weight="weight"))
    top = set(sorted(linked, key=lambda n: (-strength[n], n))[:labelled])

    def when(event: str) -> str:
        return str(graph.nodes[event].get("start") or "9999")

    nodes = [{"id": n, "x": pos[n][0], "y": pos[n][1], "events": counts[n], "community": community.get(n, -1),
              "label": n in top} for n in sorted(actors, key=str)]
    edges = [{"from": a, "to": b, "weight": len(events), "events": sorted(events, key=lambda e: (when(e), e))}
             for (a, b), events in sorted(shared.items())]
    return {"nodes": nodes, "edges": edges, "isolated": isolated}


MERGES_QUERY = """
SELECT ?node ?rec ?rule ?form WHERE {
  GRAPH <%s> { ?node ng:hasMerge ?rec . ?rec ng:mergeRule ?rule ; ng:mergedForm ?form }
}
"""


def merge_records(store: Store, kinds: Mapping[str, str]) -> dict[str, list[dict[str, str]]]:
    """Each merged corpus node -> the merges that made it: the rule, the two names, and
    the line to paste into the rules file to split them (``kinds``: node -> kind)."""
    forms: dict[tuple[str, str], list[str]] = defaultdict(list)
    rules: dict[tuple[str, str], str] = {}
    for node, rec, rule, form in store.query(MERGES_QUERY % corpus_graph_iri()).rows:
        key = (node.value, rec.value)
        rules[key] = rule.value
        if form.value not in forms[key]:
            forms[key].append(form.value)
    out: dict[str, list[dict[str, str]]] = {}
    for (node, rec), names in sorted(forms.items(), key=lambda kv: (kv[0][0], _index(kv[0][1]))):
        a, b = (names + names)[:2]
        kind = kinds.get(node)
        out.setdefault(node, []).append({
            "rule": rules[(node, rec)], "a": a, "b": b,
            "split": merge_rule_line(kind if kind in ACTOR_KINDS else None, a, b, True)})
    return out


def _index(rec: str) -> int:
    tail = rec.rpartition("/")[2]
    return int(tail) if tail.isdigit() else 0


def add_corpus_view(data: dict[str, Any], store: Store, graph: nx.MultiDiGraph) -> None:
    """Add to the explorer's ``data`` what a corpus page needs: ``corpus`` (whether it is
    one), ``overview`` (:func:`actor_overview`, for a corpus) and each merged node's
    ``merges`` in its details."""
    data["corpus"] = is_corpus(data["articles"])
    if not data["corpus"]:
        return
    data["overview"] = actor_overview(graph)
    kinds = {n: d.get("kind", "") for n, d in graph.nodes(data=True)}
    for node, merges in merge_records(store, kinds).items():
        if node in data["details"]:
            data["details"][node]["merges"] = merges
