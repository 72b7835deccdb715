"""Exports parse back to the same graph, in rdflib, pyoxigraph and Debian's rapper."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import to_isomorphic

from graph.export.rdf_export import serialize_store
from graph.store import open_store
from tests.conftest import SEED_ID


def _union(ds: Dataset) -> Graph:
    g = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


@pytest.fixture(scope="module")
def dumps(built):
    with open_store(built["store"]) as store:
        return {fmt: serialize_store(store, fmt) for fmt in ("turtle", "trig", "nquads", "jsonld")}


def test_turtle_parses_back_to_an_isomorphic_graph(seed_rdf, dumps):
    again = Graph().parse(data=dumps["turtle"].decode(), format="turtle")
    assert to_isomorphic(again) == to_isomorphic(seed_rdf)


@pytest.mark.parametrize(("fmt", "parser"), [("trig", "trig"), ("nquads", "nquads"), ("jsonld", "json-ld")])
def test_dataset_formats_keep_the_named_graph_and_every_triple(seed_rdf, dumps, fmt, parser):
    ds = Dataset()
    ds.parse(data=dumps[fmt].decode(), format=parser)
    graphs = {str(g.identifier) for g in ds.graphs() if len(g)}
    assert "https://w3id.org/newsgraph/graph/" + SEED_ID in graphs
    assert to_isomorphic(_union(ds)) == to_isomorphic(seed_rdf)


def test_turtle_parses_in_pyoxigraph(seed_rdf, dumps):
    triples = list(ox.parse(dumps["turtle"], format=ox.RdfFormat.TURTLE))
    assert len(triples) == len(seed_rdf)


def test_turtle_parses_in_raptor(built, seed_rdf):
    rapper = shutil.which("rapper")
    assert rapper, "raptor2-utils must be installed (make test installs it)"
    out = subprocess.run([rapper, "-i", "turtle", "-c", str(built["exports"] / "newsgraph.ttl")],
                         capture_output=True, text=True, check=True)
    assert f"returned {len(seed_rdf)} triples" in out.stderr


def test_jsonld_uses_the_newsgraph_context(dumps):
    import json

    data = json.loads(dumps["jsonld"])
    assert data["@context"]["schema"] == "https://schema.org/"
    assert "label" in json.dumps(data)


@pytest.mark.parametrize("name", ["newsgraph.ttl", "newsgraph.trig", "newsgraph.nq", "newsgraph.jsonld",
                                  "network.html", "explorer.html"])
def test_the_committed_exports_are_what_the_build_makes_from_the_seeds(built, name):
    """exports/ is committed for visitors who install nothing: it must be current."""
    committed = Path(__file__).resolve().parent.parent / "exports" / name
    assert committed.read_bytes() == (built["exports"] / name).read_bytes(), f"run `make run`: exports/{name} is stale"
