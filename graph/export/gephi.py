"""Gephi hand-off: GEXF (with event time intervals, for Gephi's timeline) or GraphML."""
from __future__ import annotations

import io
import os
from pathlib import Path

import networkx as nx

from ..io import atomic_write
from ..store import Store
from .netgraph import store_to_networkx


def gephi_graph(store: Store) -> nx.DiGraph:
    """A simple digraph whose dated nodes carry ``start``/``end`` for GEXF's dynamic mode."""
    multi = store_to_networkx(store)
    graph = nx.DiGraph()
    for node, data in multi.nodes(data=True):
        attrs = {"label": data.get("label", ""), "kind": data.get("kind", "")}
        if data.get("edtf"):
            attrs["edtf"] = data["edtf"]
        if data.get("start"):
            attrs["start"] = data["start"]
            if data.get("end"):  # an open range ("since December") has no end: GEXF leaves it out
                attrs["end"] = data["end"]
        graph.add_node(node, **attrs)
    for source, target, data in multi.edges(data=True):
        graph.add_edge(source, target, label=data.get("label", ""))
    return graph


def render_gephi(store: Store, fmt: str) -> bytes:
    graph = gephi_graph(store)
    buffer = io.BytesIO()
    if fmt == "gexf":
        nx.write_gexf(graph, buffer)
    else:
        plain = nx.DiGraph(graph)
        nx.write_graphml(plain, buffer)
    return buffer.getvalue()


def write_gephi(store: Store, fmt: str, path: str | os.PathLike[str]) -> Path:
    atomic_write(path, render_gephi(store, fmt))
    return Path(path)
