"""The corpus overview: the actors' network a journalist reads first.

A page over many articles (a *corpus*: more than one article) opens on the actors
(persons, organizations, places) instead of every event: two actors are linked when
they take part in the same events, the link's weight is how many, and it carries those
events for the panel to list. An actor's size is its number of events, its colour its
community, and only the :data:`LABELLED` most central actors (by weighted degree) carry
a label until zoomed in. Actors that share no event with another are left out of the
drawing and counted (``isolated``).

The communities follow the stories, not the hubs. Given the articles that name each
actor, the articles are grouped into stories first (:func:`story_communities`: networkx's
Louvain, fixed seed, over articles tied by the actors they both name, each actor weighing
its inverse document frequency, so a country named in every story ties none of them),
and an actor joins the story that names it most. Without articles, the actors' own ties
are grouped by Louvain.

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
>>> actor_overview(g, drawn_actors=2)["minor"]
['c']
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
from .layout import ordered_subgraph, separate

ACTOR_KINDS = ("person", "organization", "place")
LINK_ROLES = ("agent", "patient", "participant", "speaker", "addressee", "hasPlace")
LABELLED = 30  # the most central actors labelled at first
DRAWN_ACTORS = 1000  # the most linked actors drawn at first (see actor_overview)
REGION_LABELS = 5  # ... and of those, first the most central of each community
SEED = 7
COMMUNITY_GAP = 1.15  # space between communities, in their radii
EVENT_TIE = 3  # a shared event ties two actors as much as three shared articles
MENTION_LIMIT = 40
OPENING_VIEW = (950.0, 450.0)  # pixels of the network's box on a 1400 x 900 screen, roughly
LABEL_FONT = 15  # pixels of the labelled actors' names on screen (network.js scaleLabels)
HUB_ARTICLES = 60  # an actor named in more articles ties each only to the next (see story_communities)


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
        sub = ordered_subgraph(actors, nodes)
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


def _most_central(actors: list[str], strength: Mapping[str, float], community: Mapping[str, int],
                  labelled: int) -> set[str]:
    """The ``labelled`` actors to label: the REGION_LABELS strongest of each community
    first (every region gets names), the strongest of these first, then the strongest of
    the rest."""
    ranked = sorted(actors, key=lambda n: (-strength[n], n))
    seen: Counter[int] = Counter()
    rank = {}
    for n in ranked:
        rank[n] = seen[community.get(n, -1)]
        seen[community.get(n, -1)] += 1
    return set(sorted(ranked, key=lambda n: rank[n] >= REGION_LABELS)[:labelled])


def _spread_labels(graph: nx.Graph, pos: Mapping[str, tuple[float, float]],
                   sizes: Mapping[str, float]) -> dict[str, tuple[float, float]]:
    """The labelled actors moved apart until their labels do not overlap at the opening
    zoom, where the page fits the drawing in about OPENING_VIEW pixels and draws these
    labels at LABEL_FONT pixels whatever the zoom (the other nodes stay put)."""
    if len(pos) < 2:
        return dict(pos)
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    scale = min(OPENING_VIEW[0] / max(max(xs) - min(xs), 1.0), OPENING_VIEW[1] / max(max(ys) - min(ys), 1.0))
    grow = LABEL_FONT / 12  # layout.footprint measures 12-pixel labels
    names = nx.Graph()
    names.add_nodes_from((n, {"label": graph.nodes[n].get("label", "")}) for n in pos)
    on_screen = {n: (x * scale / grow, y * scale / grow) for n, (x, y) in pos.items()}
    apart = separate(names, on_screen, {n: size * scale / grow for n, size in sizes.items()})
    return {n: (round(x * grow / scale, 1), round(y * grow / scale, 1)) for n, (x, y) in apart.items()}


def _grid(nodes: list[str], below: float) -> dict[str, tuple[float, float]]:
    """Isolated actors in rows under the drawing (shown only on request)."""
    side = max(1, math.ceil(math.sqrt(len(nodes))))
    return {n: (round((i % side) * 60.0, 1), round(below + 200 + (i // side) * 40.0, 1)) for i, n in enumerate(nodes)}


def actor_overview(graph: nx.MultiDiGraph, *, mentions: Mapping[str, Collection[str]] | None = None,
                   labelled: int = LABELLED, drawn_actors: int = DRAWN_ACTORS, seed: int = SEED) -> dict[str, Any]:
    """The actors' network of ``graph`` (see the module docstring): ``nodes`` (id, x, y,
    events, community, label: whether labelled at first), ``edges`` (from, to, weight,
    events in date order of the graph's ``start``), ``isolated`` (ids) and ``minor``: the
    linked actors beyond the ``drawn_actors`` with the most shared events, hidden at first
    like the isolated ones (tens of thousands of dots are slow to draw and nobody reads them).

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
    community = _actor_communities(core, mentions or {}, seed)
    pos = _layout(core, community, seed) if linked else {}
    below = max((y for _, y in pos.values()), default=0.0)
    pos.update(_grid(isolated, below))
    strength = dict(actors.degree(weight="weight"))
    top = _most_central(linked, strength, community, labelled)
    drawn = set(sorted(linked, key=lambda n: (-strength[n], -counts[n], n))[:drawn_actors])
    minor = sorted((n for n in linked if n not in drawn), key=lambda n: (-counts[n], n))
    pos.update(_spread_labels(graph, {n: pos[n] for n in sorted(top)},  # in name order: the same layout every run
                              {n: 6 + 3 * math.sqrt(counts[n]) for n in top}))

    def when(event: str) -> str:
        return str(graph.nodes[event].get("start") or "9999")

    nodes = [{"id": n, "x": pos[n][0], "y": pos[n][1], "events": counts[n], "community": community.get(n, -1),
              "label": n in top} for n in sorted(actors, key=str)]
    edges = [{"from": a, "to": b, "weight": len(events), "events": sorted(events, key=lambda e: (when(e), e))}
             for (a, b), events in sorted(shared.items())]
    return {"nodes": nodes, "edges": edges, "isolated": isolated, "minor": minor}


def story_communities(mentions: Mapping[str, Collection[str]], *, seed: int = SEED) -> list[set[str]]:
    """The articles grouped into stories, largest first. Two articles are tied by each actor
    they both name, weighing log(N / n) for an actor named in n of the N articles: a rare
    name shared is strong evidence of one story, a name found everywhere none. An actor
    named in more than HUB_ARTICLES articles ties each of them only to the next (in id
    order), so the work stays linear in its articles.

    >>> mentions = {"Acme": {"a1", "a2"}, "Lee": {"a1", "a2"}, "Port": {"a3", "a4"},
    ...             "Union": {"a3", "a4"}, "Country": {"a1", "a2", "a3", "a4"}}
    >>> [sorted(c) for c in story_communities(mentions)]
    [['a1', 'a2'], ['a3', 'a4']]
    """
    named: dict[str, list[str]] = {actor: sorted(set(articles)) for actor, articles in mentions.items() if articles}
    articles = nx.Graph()
    articles.add_nodes_from(a for names in named.values() for a in names)
    total = articles.number_of_nodes()
    for actor in sorted(named):
        names = named[actor]
        weight = math.log(total / len(names))
        if weight <= 0 or len(names) < 2:
            continue
        for a, b in zip(names, names[1:]) if len(names) > HUB_ARTICLES else combinations(names, 2):
            old = articles.get_edge_data(a, b, {"weight": 0.0})["weight"]
            articles.add_edge(a, b, weight=old + weight)
    stories = nx.community.louvain_communities(articles, weight="weight", seed=seed) if total else []
    return sorted(stories, key=lambda c: (-len(c), min(c)))


def _actor_communities(ties: nx.Graph, mentions: Mapping[str, Collection[str]], seed: int) -> dict[str, int]:
    """Each actor of ``ties`` -> its community: the story (:func:`story_communities`) that
    names it most (the larger story on a tie); an actor named in no article takes its
    neighbours' most common community. Without ``mentions``, Louvain over ``ties``."""
    named = {a: m for a, m in mentions.items() if a in ties and m}
    if not named:
        groups = nx.community.louvain_communities(ties, weight="weight", seed=seed) if len(ties) else []
        return {n: i for i, c in enumerate(sorted(groups, key=lambda c: (-len(c), min(c)))) for n in c}
    story = {article: i for i, c in enumerate(story_communities(named, seed=seed)) for article in c}
    community = {a: min(Counter(story[x] for x in m).most_common(), key=lambda kv: (-kv[1], kv[0]))[0]
                 for a, m in named.items()}
    spare = len(set(story.values()))
    for actor in sorted(n for n in ties if n not in community):
        near = Counter(community[n] for n in ties[actor] if n in community)
        if near:
            community[actor] = min(near.most_common(), key=lambda kv: (-kv[1], kv[0]))[0]
        else:
            community[actor], spare = spare, spare + 1
    sizes = Counter(community.values())  # numbered by size, largest first
    number = {c: i for i, c in enumerate(sorted(sizes, key=lambda c: (-sizes[c], c)))}
    return {a: number[c] for a, c in community.items()}


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
    for _article, names in sorted(by_article.items()):  # not set order: the same ties every run
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
