"""The store as a networkx graph: actors, places, events and statements as nodes.

Edges go from an event to its actors (labelled by role), to its places, and from a
statement to the events it reports or calls for. Node attributes carry what the pages
and the Gephi exports need: label, kind, dates.
"""
from __future__ import annotations

import networkx as nx

from ..store import Store

NODES_QUERY = """
SELECT ?node ?label ?kind ?edtf ?start ?end WHERE {
  VALUES (?class ?kind) {
    (ng:Person "person") (ng:Organization "organization") (ng:Place "place")
    (ng:Statement "statement")
  }
  ?node a ?class ; rdfs:label ?label .
  OPTIONAL { ?node ng:edtf ?edtf }
  OPTIONAL { ?node ng:earliestBegin ?start }
  OPTIONAL { ?node ng:latestBegin ?end }
}
"""
EVENTS_QUERY = """
SELECT ?node ?label ?edtf ?start ?end WHERE {
  ?node a ng:Event ; rdfs:label ?label .
  FILTER NOT EXISTS { ?node a ng:Statement }
  OPTIONAL { ?node ng:edtf ?edtf }
  OPTIONAL { ?node ng:earliestBegin ?start }
  OPTIONAL { ?node ng:latestBegin ?end }
}
"""
EDGES_QUERY = """
SELECT ?from ?to ?role WHERE {
  VALUES ?p { ng:agent ng:patient ng:participant ng:speaker ng:addressee ng:hasPlace ng:reports ng:callsFor }
  ?from ?p ?to .
  BIND (STRAFTER(STR(?p), "#") AS ?role)
}
"""


def _value(term) -> str | None:  # type: ignore[no-untyped-def]
    return None if term is None else term.value


def store_to_networkx(store: Store) -> nx.MultiDiGraph:
    """A directed multigraph of the store; node ids are IRIs."""
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
    for row in store.query(EDGES_QUERY).rows:
        source, target, role = (_value(t) for t in row)
        if source in graph and target in graph:
            graph.add_edge(source, target, key=role, label=role)
    return graph


def _dates(edtf: str | None, start: str | None, end: str | None) -> dict[str, str]:
    out = {}
    if edtf:
        out["edtf"] = edtf
    if start:
        out["start"] = start
    if end:
        out["end"] = end
    return out
