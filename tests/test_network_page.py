"""The network page's nodes: drawn in the legend's shape and colour, sized by centrality."""
from __future__ import annotations

from graph.export.netgraph import store_to_networkx
from graph.export.network import STYLE, vis_nodes
from graph.store import open_store


def test_every_node_has_the_legend_colour_and_shape_of_its_kind(built):
    with open_store(built["store"]) as store:
        nodes = vis_nodes(store_to_networkx(store))
    assert {n["kind"] for n in nodes} == set(STYLE)
    for node in nodes:
        assert (node["color"], node["shape"]) == (STYLE[node["kind"]]["color"], STYLE[node["kind"]]["shape"])
        assert "group" not in node  # a vis-network group would repaint it in the group's colour
        assert 10 <= node["size"] <= 40
