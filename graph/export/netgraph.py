"""The store as a networkx graph: actors, places, events and statements as nodes.

Edges go from an event to its actors (labelled by role), to its places, and from a
statement to the events it reports or calls for. Node attributes carry what the pages
and the Gephi exports need: label, kind, dates.

Over a corpus (a store with a corpus graph, see ``docs/corpus.md``), each article's node
is drawn as the corpus node it is ``owl:sameAs``: one Kadyrov, one detention reported by
three outlets, with the edges of every article (:func:`contract`).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping

import networkx as nx

from ..model import Role
from ..readmodel import StoredEntity, StoredEvent, nodes, same_as
from ..store import Store

# Edge labels besides the roles (an actor linked by sem:hasActor alone is a participant).
EDGE_FIELDS: dict[str, str] = {"places": "hasPlace", "reports": "reports", "relays": "relays", "calls_for": "callsFor"}
ROLE_EDGE: dict[Role, str] = {role: role.value for role in Role}


def canonical_nodes(store: Store) -> dict[str, str]:
    """Each article node that the corpus graph links to a corpus node: member -> corpus node."""
    return same_as(store)


def contract(graph: nx.MultiDiGraph, canonical: Mapping[str, str]) -> nx.MultiDiGraph:
    """``graph`` with every node of ``canonical`` replaced by its corpus node: the corpus
    node keeps its own attributes (or takes its first member's), and every edge of every
    member, once per role. The mapping stays in the graph's ``canonical`` attribute, for
    the pages to show what each member says.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a1/arrest", label="Arrest", kind="event")
    >>> g.add_node("b1/arrest", label="Arrest of Lee", kind="event")
    >>> g.add_node("a1/lee", label="Lee", kind="person")
    >>> g.add_node("b1/lee", label="Ann Lee", kind="person")
    >>> g.add_node("c/lee", label="Ann Lee", kind="person")
    >>> g.add_edge("a1/arrest", "a1/lee", key="patient", label="patient")
    'patient'
    >>> g.add_edge("b1/arrest", "b1/lee", key="patient", label="patient")
    'patient'
    >>> c = contract(g, {"a1/arrest": "c/arrest", "b1/arrest": "c/arrest", "a1/lee": "c/lee", "b1/lee": "c/lee"})
    >>> sorted(c.nodes(data="label")), list(c.edges(keys=True))
    ([('c/arrest', 'Arrest'), ('c/lee', 'Ann Lee')], [('c/arrest', 'c/lee', 'patient')])
    >>> c.graph["canonical"]["b1/lee"]
    'c/lee'
    """
    out = nx.MultiDiGraph(canonical=dict(canonical))
    for node, data in graph.nodes(data=True):
        target = canonical.get(node, node)
        if target not in out:
            out.add_node(target, **(graph.nodes[target] if target in graph else data))
    for u, v, key, data in graph.edges(keys=True, data=True):
        out.add_edge(canonical.get(u, u), canonical.get(v, v), key=key, **data)
    return out


def store_to_networkx(store: Store, *, corpus: bool = True) -> nx.MultiDiGraph:
    """A directed multigraph of the store; node ids are IRIs. With ``corpus`` (and a
    corpus graph in the store) article nodes are contracted into their corpus nodes."""
    found = nodes(store)
    return records_to_networkx(found.entities, found.events, same_as(store) if corpus else {})


def records_to_networkx(people: Iterable[StoredEntity], happenings: Iterable[StoredEvent],
                        canonical: Mapping[str, str]) -> nx.MultiDiGraph:
    """The network of the records (:mod:`graph.readmodel`): an entity, an event with a
    label and a statement read from an article are nodes; roles, places and what a
    statement reports, relays or calls for are edges between nodes. A node in
    ``canonical`` is contracted into its corpus node (:func:`contract`)."""
    graph = nx.MultiDiGraph()
    for ent in people:
        if ent.node not in graph:
            graph.add_node(ent.node, label=ent.label, kind=ent.kind.value)
    happenings = [ev for ev in happenings if ev.label and (ev.article or not ev.is_statement)]
    for ev in happenings:
        graph.add_node(ev.node, label=ev.label, kind="statement" if ev.is_statement else "event",
                       **_dates(ev.edtf, ev.earliest, ev.latest))
    for ev in happenings:
        targets = [(actor, ROLE_EDGE[role]) for role, actor in ev.roles]
        targets += [(node, label) for name, label in EDGE_FIELDS.items() for node in getattr(ev, name)]
        for target, label in targets:
            if target in graph:
                graph.add_edge(ev.node, target, key=label, label=label)
    return contract(graph, canonical) if canonical else graph


def _dates(edtf: str | None, start: str | None, end: str | None) -> dict[str, str]:
    out = {}
    if edtf:
        out["edtf"] = edtf
    if start:
        out["start"] = start
    if end:
        out["end"] = end
    return out
