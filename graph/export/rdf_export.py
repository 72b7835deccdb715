"""RDF exports of everything in a store: Turtle, TriG, N-Quads, JSON-LD.

Turtle holds the union of all article graphs (what most tools read); TriG and N-Quads
keep each article in its named graph; JSON-LD is compacted with newsgraph's context
(``CONTEXT``), so its keys read as ``label``, ``gaf:denotedBy``, ``sem:hasActor``.
Serialization uses Oxigraph's writers (fast on large stores) except JSON-LD (rdflib).

Two views can be added to any format: ``evidence="web-annotation"`` adds a W3C Web
Annotation for every mention (:func:`graph.rdf.web_annotation_triples`), for annotation
tools; ``entailed=True`` adds the RDFS closure under the ontology (:mod:`graph.entail`).
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset

from ..entail import entailed as entailed_quads
from ..ontology import PREFIXES, SCHEMA
from ..rdf import MENTION_LINKS, Lit, web_annotation_triples
from ..io import atomic_write
from ..store import Store

RDF_FORMATS: dict[str, str] = {"turtle": "ttl", "trig": "trig", "nquads": "nq", "jsonld": "jsonld"}
EVIDENCE_VIEWS = ("mentions", "web-annotation")

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


def serialize_store(store: Store, fmt: str, *, entailed: bool = False, evidence: str = "mentions") -> bytes:
    """The whole store in one RDF format (see ``RDF_FORMATS``)."""
    return serialize_nquads(with_views(store.dump_nquads(), entailed=entailed, evidence=evidence), fmt)


def _plain(quad: ox.Quad) -> tuple[str, str, object, str | None]:
    o = quad.object
    g = None if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value
    return quad.subject.value, quad.predicate.value, (o.value if isinstance(o, ox.NamedNode) else o), g


def _ox(s: str, p: str, o: object, g: str | None) -> ox.Quad:
    if isinstance(o, Lit):
        o = ox.Literal(o.value, language=o.language) if o.language else \
            ox.Literal(o.value, datatype=ox.NamedNode(o.datatype) if o.datatype else None)
    obj = ox.NamedNode(o) if isinstance(o, str) else o
    return ox.Quad(ox.NamedNode(s), ox.NamedNode(p), obj, ox.NamedNode(g) if g else ox.DefaultGraph())  # type: ignore[arg-type]


def with_views(nquads: bytes, *, entailed: bool = False, evidence: str = "mentions") -> bytes:
    """``nquads`` with the Web Annotation view of its mentions and/or its RDFS closure added."""
    if evidence not in EVIDENCE_VIEWS:
        raise ValueError(f"unknown evidence view {evidence!r}")
    if not entailed and evidence == "mentions":
        return nquads
    quads = [_plain(q) for q in ox.parse(nquads, format=ox.RdfFormat.N_QUADS)]
    if evidence == "web-annotation":
        body = str(SCHEMA.articleBody)
        texts = {s: o.value for s, p, o, _g in quads if p == body and isinstance(o, ox.Literal)}
        links = {str(p) for p in MENTION_LINKS}
        by_graph: dict[str | None, list[tuple[str, str]]] = {}
        for s, p, o, g in quads:
            if p in links and isinstance(o, str):
                by_graph.setdefault(g, []).append((s, o))
        for g, pairs in by_graph.items():
            quads += [(str(s), str(p), o if isinstance(o, Lit) else str(o), g)
                      for s, p, o in web_annotation_triples(pairs, texts)]
    if entailed:
        quads += entailed_quads(quads)
    return ox.serialize([_ox(*q) for q in quads], format=ox.RdfFormat.N_QUADS) or b""


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


def export_rdf(store: Store, targets: dict[str, str | os.PathLike[str]], *, entailed: bool = False,
               evidence: str = "mentions") -> list[Path]:
    """Write the store in each format to its path (``{"turtle": "x.ttl"}``), atomically,
    reading the store once (views as in :func:`with_views`)."""
    nquads = with_views(store.dump_nquads(), entailed=entailed, evidence=evidence)
    for fmt, path in targets.items():
        atomic_write(path, serialize_nquads(nquads, fmt))
    return [Path(p) for p in targets.values()]
