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
from collections.abc import Collection, Mapping
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
COMMUNITY_GAP = 1.15  # space between communities, in their radii
EVENT_TIE = 3  # a shared event ties two actors as much as three shared articles
MENTION_LIMIT = 40


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
    """Communities as regions: each community's actors by a spring in a square of their
    own (its side grows with the root of its size), the squares packed in rows, the
    largest first."""
    groups: dict[int, list[str]] = defaultdict(list)
    for node, c in community.items():
        groups[c].append(node)
    placed = []
    for c in sorted(groups):
        nodes = sorted(groups[c])
        radius = 45.0 * math.sqrt(len(nodes)) + 30
        sub = actors.subgraph(nodes)
        local = nx.spring_layout(sub, seed=seed, weight="weight") if len(nodes) > 1 else {nodes[0]: (0.0, 0.0)}
        placed.append((local, radius))
    row_width = 2.2 * math.sqrt(sum((2 * r) ** 2 for _, r in placed)) if placed else 0.0
    out: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for local, radius in placed:
        side = 2 * radius * COMMUNITY_GAP
        if x > 0 and x + side > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, (lx, ly) in local.items():
            out[node] = (round(x + side / 2 + lx * radius, 1), round(y + side / 2 + ly * radius, 1))
        x += side
        row_height = max(row_height, side)
    return out


def _grid(nodes: list[str], below: float) -> dict[str, tuple[float, float]]:
    """Isolated actors in rows under the drawing (shown only on request)."""
    side = max(1, math.ceil(math.sqrt(len(nodes))))
    return {n: (round((i % side) * 60.0, 1), round(below + 200 + (i // side) * 40.0, 1)) for i, n in enumerate(nodes)}


def actor_overview(graph: nx.MultiDiGraph, *, mentions: Mapping[str, Collection[str]] | None = None,
                   labelled: int = LABELLED, seed: int = SEED) -> dict[str, Any]:
    """The actors' network of ``graph`` (see the module docstring): ``nodes`` (id, x, y,
    events, community, label: whether labelled at first), ``edges`` (from, to, weight,
    events in date order of the graph's ``start``) and ``isolated`` (ids).

    ``mentions`` (actor -> the articles that name it) ties the actors of one article
    together for the communities and the layout only: a story's actors then share a
    region even where its events name one actor each. An actor with neither a shared
    event nor a shared article is isolated."""
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
    ties = nx.Graph(actors)  # shared events weigh EVENT_TIE, shared articles 1 each
    for _, _, data in ties.edges(data=True):
        data["weight"] *= EVENT_TIE
    for a, b in _co_mentions(mentions or {}, set(actors)):
        w = ties.get_edge_data(a, b, {"weight": 0})["weight"]
        ties.add_edge(a, b, weight=w + 1)
    linked = [n for n in ties if ties.degree(n)]
    isolated = sorted((n for n in ties if not ties.degree(n)), key=lambda n: (-counts[n], n))
    core = ties.subgraph(linked)
    communities = nx.community.louvain_communities(core, weight="weight", seed=seed) if linked else []
    communities = sorted(communities, key=lambda c: (-len(c), min(c)))
    community = {n: i for i, c in enumerate(communities) for n in c}
    pos = _layout(core, community, seed) if linked else {}
    below = max((y for _, y in pos.values()), default=0.0)
    pos.update(_grid(isolated, below))
    strength = dict(actors.degree(weight="weight"))
    top = set(sorted(linked, key=lambda n: (-strength[n], n))[:labelled])

    def when(event: str) -> str:
        return str(graph.nodes[event].get("start") or "9999")

    nodes = [{"id": n, "x": pos[n][0], "y": pos[n][1], "events": counts[n], "community": community.get(n, -1),
              "label": n in top} for n in sorted(actors, key=str)]
    edges = [{"from": a, "to": b, "weight": len(events), "events": sorted(events, key=lambda e: (when(e), e))}
             for (a, b), events in sorted(shared.items())]
    return {"nodes": nodes, "edges": edges, "isolated": isolated}


def _co_mentions(mentions: Mapping[str, Collection[str]], actors: set[str]) -> list[tuple[str, str]]:
    """Pairs of actors named in the same article, once per article they share. An article
    naming more than MENTION_LIMIT actors ties each only to its neighbours in name order,
    so a long roundup does not tie everything to everything."""
    by_article: dict[str, list[str]] = defaultdict(list)
    for actor, articles in mentions.items():
        if actor in actors:
            for article in set(articles):
                by_article[article].append(actor)
    out: list[tuple[str, str]] = []
    for names in by_article.values():
        names.sort()
        if len(names) > MENTION_LIMIT:
            out += list(zip(names, names[1:]))
        else:
            out += list(combinations(names, 2))
    return out


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
    mentions = {node: {d.get("article"), *(s[0] for s in d.get("sources") or ())} - {None}
                for node, d in data["details"].items() if d.get("kind") in ACTOR_KINDS}
    data["overview"] = actor_overview(graph, mentions=mentions)
    kinds = {n: d.get("kind", "") for n, d in graph.nodes(data=True)}
    for node, merges in merge_records(store, kinds).items():
        if node in data["details"]:
            data["details"][node]["merges"] = merges
