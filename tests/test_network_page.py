"""The network page's nodes: drawn in the legend's shape and colour, sized by centrality."""
from __future__ import annotations

from graph.export.netgraph import store_to_networkx
from graph.export.layout import footprint
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


def test_no_label_runs_across_another_node_or_its_label(built):
    with open_store(built["store"]) as store:
        nodes = vis_nodes(store_to_networkx(store))
    boxes = [(n["x"], n["y"], *footprint(n["label"], n["size"])) for n in nodes]
    clashes = [(a["label"], b["label"]) for i, (a, (ax, ay, aw, ah)) in enumerate(zip(nodes, boxes))
               for b, (bx, by, bw, bh) in zip(nodes[:i], boxes[:i])
               if abs(ax - bx) < (aw + bw) / 2 - 1 and abs(ay - by) < (ah + bh) / 2 - 1]
    assert len(nodes) > 20 and clashes == []
