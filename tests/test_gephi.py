"""The Gephi hand-off: GEXF carries event time intervals (so Gephi's timeline works), GraphML loads."""
from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from graph.build import load_into
from graph.export.gephi import render_gephi
from graph.store import open_store
from tests.conftest import SEED_ID

GEXF = "{http://www.gexf.net/1.2draft}"
ID = "https://w3id.org/newsgraph/id/" + SEED_ID + "/"


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory, seed):
    path = tmp_path_factory.mktemp("gephi") / "store"
    with open_store(path, create=True) as store:
        load_into(store, seed)
    return path


@pytest.fixture(scope="module")
def gexf(seed_store) -> ET.Element:
    with open_store(seed_store) as store:
        return ET.fromstring(render_gephi(store, "gexf"))


def _nodes(root: ET.Element) -> dict[str, ET.Element]:
    return {n.get("id"): n for n in root.iter(f"{GEXF}node")}


def test_gexf_is_dynamic_with_dates(gexf: ET.Element) -> None:
    graph = gexf.find(f"{GEXF}graph")
    assert graph is not None
    assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "date"


def test_dated_nodes_carry_start_and_end(gexf: ET.Element, seed_store) -> None:
    nodes = _nodes(gexf)
    with open_store(seed_store) as store:
        rows = store.query("SELECT ?e ?start ?end WHERE { ?e a sem:Event ; sem:hasEarliestBeginTimeStamp ?start "
                           "OPTIONAL { ?e sem:hasLatestBeginTimeStamp ?end } }").rows
    dated = {row[0].value: (row[1].value, row[2].value if row[2] else None) for row in rows}
    assert len(dated) >= 5
    for iri, (start, end) in dated.items():
        assert nodes[iri].get("start") == start, iri
        assert nodes[iri].get("end") == end, iri  # an open range ("since December") keeps no end
    assert nodes[ID + "event/purge"].get("start") == "2018-12-29"
    assert nodes[ID + "event/purge-made-known"].get("end") == "2019-01-17"  # "Earlier this week": a range
    undated = [iri for iri, n in nodes.items() if iri not in dated]
    assert undated and all(nodes[iri].get("start") is None for iri in undated)


def test_gexf_and_graphml_read_back_with_networkx(seed_store) -> None:
    with open_store(seed_store) as store:
        gexf = nx.read_gexf(io.BytesIO(render_gephi(store, "gexf")))
        graphml = nx.read_graphml(io.BytesIO(render_gephi(store, "graphml")))
    assert gexf.number_of_nodes() == graphml.number_of_nodes() > 20
    assert gexf.nodes[ID + "event/purge"]["kind"] == "event"
    assert graphml.nodes[ID + "event/purge"]["edtf"] == "2018-12-29"
