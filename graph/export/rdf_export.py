"""RDF exports of everything in a store: Turtle, TriG, N-Quads, JSON-LD.

Turtle holds the union of all article graphs (what most tools read); TriG and N-Quads
keep each article in its named graph; JSON-LD is compacted with newsgraph's context
(``CONTEXT``), so its keys read as ``label``, ``hasEvidence``, ``sem:hasActor``.
Serialization uses Oxigraph's writers (fast on large stores) except JSON-LD (rdflib).
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset

from ..ontology import PREFIXES
from ..io import atomic_write
from ..store import Store

RDF_FORMATS: dict[str, str] = {"turtle": "ttl", "trig": "trig", "nquads": "nq", "jsonld": "jsonld"}

CONTEXT: dict[str, object] = {
    **{prefix: ns for prefix, ns in PREFIXES.items()},
    "label": "http://www.w3.org/2000/01/rdf-schema#label",
}


def serialize_store(store: Store, fmt: str) -> bytes:
    """The whole store in one RDF format (see ``RDF_FORMATS``)."""
    nquads = store.dump_nquads()
    if fmt == "nquads":
        return nquads
    quads = list(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))
    if fmt == "trig":
        return ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=PREFIXES) or b""
    if fmt == "turtle":
        triples = sorted({(q.subject, q.predicate, q.object) for q in quads}, key=str)
        return ox.serialize([ox.Triple(*t) for t in triples], format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) or b""
    if fmt == "jsonld":
        ds = Dataset()
        ds.parse(data=nquads.decode("utf-8"), format="nquads")
        data = ds.serialize(format="json-ld", context=CONTEXT, auto_compact=True)
        return (json.dumps(json.loads(data), ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    raise ValueError(f"unknown RDF format {fmt!r}")


def export_rdf(store: Store, fmt: str, path: str | os.PathLike[str]) -> Path:
    """Write the store in ``fmt`` to ``path`` atomically; returns the path."""
    atomic_write(path, serialize_store(store, fmt))
    return Path(path)
