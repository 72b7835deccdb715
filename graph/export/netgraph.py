"""The store as a networkx graph: actors, places, events and statements as nodes.

Edges go from an event to its actors (labelled by role), to its places, and from a
statement to the events it reports or calls for. Node attributes carry what the pages
and the Gephi exports need: label, kind, dates.

Over a corpus (a store with a corpus graph, see ``docs/corpus.md``), each article's node
is drawn as the corpus node it is ``owl:sameAs``: one Kadyrov, one detention reported by
three outlets, with the edges of every article (:func:`contract`).
"""
from __future__ import annotations

from collections.abc import Mapping

import networkx as nx

from ..ontology import NG, SCHEMA, SEM
from ..rdf import corpus_graph_iri
from ..store import Store

NODES_QUERY = """
SELECT ?node ?label ?kind ?edtf ?start ?end WHERE {
  VALUES (?class ?kind) {
    (schema:Person "person") (schema:Organization "organization") (schema:Place "place")
    (schema:Quotation "statement")
  }
  ?node a ?class ; rdfs:label ?label ; prov:wasDerivedFrom [] .
  OPTIONAL { ?node ng:edtf ?edtf }
  OPTIONAL { ?node sem:hasEarliestBeginTimeStamp ?start }
  OPTIONAL { ?node sem:hasLatestBeginTimeStamp ?end }
}
"""
EVENTS_QUERY = """
SELECT ?node ?label ?edtf ?start ?end WHERE {
  ?node a sem:Event ; rdfs:label ?label .
  FILTER NOT EXISTS { ?node a schema:Quotation }
  OPTIONAL { ?node ng:edtf ?edtf }
  OPTIONAL { ?node sem:hasEarliestBeginTimeStamp ?start }
  OPTIONAL { ?node sem:hasLatestBeginTimeStamp ?end }
}
"""
# Edge labels: the role (an actor linked by sem:hasActor alone is a participant), hasPlace,
# reports, callsFor.
EDGE_LABELS: dict[str, str] = {
    str(NG.agent): "agent", str(NG.patient): "patient", str(SCHEMA.creator): "speaker",
    str(SCHEMA.recipient): "addressee", str(SEM.hasActor): "participant", str(SEM.hasPlace): "hasPlace",
    str(NG.reports): "reports", str(NG.reportsStatement): "relays", str(NG.callsFor): "callsFor",
}
EDGES_QUERY = "SELECT ?from ?to ?p WHERE { VALUES ?p { %s } ?from ?p ?to }" % " ".join(f"<{p}>" for p in EDGE_LABELS)


MEMBERS_QUERY = "SELECT ?member ?canonical WHERE { GRAPH <%s> { ?member owl:sameAs ?canonical } }"


def _value(term) -> str | None:  # type: ignore[no-untyped-def]
    return None if term is None else term.value


def canonical_nodes(store: Store) -> dict[str, str]:
    """Each article node that the corpus graph links to a corpus node: member -> corpus node."""
    rows = store.query(MEMBERS_QUERY % corpus_graph_iri()).rows
    return {row[0].value: row[1].value for row in rows if row[0] is not None and row[1] is not None}


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
    graph = nx.MultiDiGraph()
    kinds = {}
    for row in store.query(NODES_QUERY).rows:
        node, label, kind, edtf, start, end = (_value(t) for t in row)
        if node in kinds and kinds[node] != "place":
            continue  # a place acting as a state keeps its first kind
        kinds[node] = kind
        graph.add_node(node, label=label, kind=kind, **_dates(edtf, start, end))
    for row in store.query(EVENTS_QUERY).rows:
        node, label, edtf, start, end = (_value(t) for t in row)
        graph.add_node(node, label=label, kind="event", **_dates(edtf, start, end))
    edges = [(_value(a), _value(b), EDGE_LABELS[_value(p) or ""]) for a, b, p in store.query(EDGES_QUERY).rows]
    specific = {(a, b) for a, b, role in edges if role in ("agent", "patient", "speaker", "addressee")}
    for source, target, role in edges:
        if source in graph and target in graph and not (role == "participant" and (source, target) in specific):
            graph.add_edge(source, target, key=role, label=role)
    canonical = canonical_nodes(store) if corpus else {}
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
