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


def _canonical_order(node: object) -> object:
    """Sort JSON-LD arrays (their order carries no meaning here: no @list is used), so the
    same graph always gives the same file.

    >>> _canonical_order({"@graph": [{"@id": "b"}, {"@id": "a", "v": [2, 1]}]})
    {'@graph': [{'@id': 'a', 'v': [1, 2]}, {'@id': 'b'}]}
    """
    if isinstance(node, dict):
        return {k: _canonical_order(v) for k, v in node.items()}
    if isinstance(node, list):
        items = [_canonical_order(v) for v in node]
        return sorted(items, key=lambda v: (str(v.get("@id", "")) if isinstance(v, dict) else "",
                                            json.dumps(v, sort_keys=True, ensure_ascii=False)))
    return node


def serialize_store(store: Store, fmt: str) -> bytes:
    """The whole store in one RDF format (see ``RDF_FORMATS``)."""
    return serialize_nquads(store.dump_nquads(), fmt)


def serialize_nquads(nquads: bytes, fmt: str) -> bytes:
    """An N-Quads dump in one RDF format (see ``RDF_FORMATS``)."""
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
        return (json.dumps(_canonical_order(json.loads(data)), ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    raise ValueError(f"unknown RDF format {fmt!r}")


def export_rdf(store: Store, targets: dict[str, str | os.PathLike[str]]) -> list[Path]:
    """Write the store in each format to its path (``{"turtle": "x.ttl"}``), atomically,
    reading the store once."""
    nquads = store.dump_nquads()
    for fmt, path in targets.items():
        atomic_write(path, serialize_nquads(nquads, fmt))
    return [Path(p) for p in targets.values()]
