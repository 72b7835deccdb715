"""The RDFS closure of a graph under newsgraph's ontology, for ``export --entailed``.

Graphs state every fact once (see ``ontology/README.md``); a client that wants the more
general names asks for them. This is RDFS entailment over the ontology's axioms
(``ontology/newsgraph.ttl``): rdfs5/rdfs7 (sub-properties, transitively), rdfs2/rdfs3
(domains and ranges, of literals never) and rdfs9/rdfs11 (sub-classes, transitively).
The axiomatic triples and the trivial rules (every IRI an ``rdfs:Resource``, every
property an ``rdf:Property``) are left out: they say nothing about the news.

Each entailed triple goes into the named graph of the triple it follows from.

>>> from graph.ontology import NG, SCHEMA
>>> new = entailed([("urn:e", str(NG.reports), "urn:f", "urn:g")])
>>> ("urn:e", str(SCHEMA.mentions), "urn:f", "urn:g") in new, ("urn:f", TYPE, str(NG.Event), "urn:g") in new
(True, True)
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS

from .ontology import ONTOLOGY_FILE

TYPE = str(RDF.type)
Quad = tuple[str, str, object, str | None]  # subject, predicate, object (IRI str or literal), graph


def _transitive(pairs: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    """Every term's strict ancestors under the ``(sub, super)`` pairs.

    >>> sorted(_transitive([("a", "b"), ("b", "c")])["a"])
    ['b', 'c']
    """
    direct: dict[str, set[str]] = defaultdict(set)
    for sub, sup in pairs:
        if sub != sup:
            direct[sub].add(sup)
    out: dict[str, set[str]] = {}
    for term in list(direct):
        seen: set[str] = set()
        stack = list(direct[term])
        while stack:
            t = stack.pop()
            if t not in seen and t != term:
                seen.add(t)
                stack.extend(direct.get(t, ()))
        out[term] = seen
    return out


class Axioms:
    """The ontology's sub-class, sub-property, domain and range axioms."""

    def __init__(self, ontology: Graph) -> None:
        def pairs(p: URIRef) -> list[tuple[str, str]]:
            return [(str(s), str(o)) for s, o in ontology.subject_objects(p) if isinstance(o, URIRef)]

        self.super_properties = _transitive(pairs(RDFS.subPropertyOf))
        self.super_classes = _transitive(pairs(RDFS.subClassOf))
        self.domains: dict[str, set[str]] = defaultdict(set)
        self.ranges: dict[str, set[str]] = defaultdict(set)
        for prop, cls in pairs(RDFS.domain):
            self.domains[prop].add(cls)
        for prop, cls in pairs(RDFS.range):
            self.ranges[prop].add(cls)

    def classes(self, cls: str) -> set[str]:
        return {cls} | self.super_classes.get(cls, set())


@lru_cache(maxsize=1)
def ontology_axioms() -> Axioms:
    return Axioms(Graph().parse(ONTOLOGY_FILE, format="turtle"))


def entailed(quads: Iterable[Quad], axioms: Axioms | None = None) -> list[Quad]:
    """The quads RDFS entails from ``quads`` and the ontology that are not among them.
    An object is an IRI when it is a ``str``; anything else is a literal."""
    ax = axioms or ontology_axioms()
    given = list(quads)
    have = set(given)
    out: dict[Quad, None] = {}

    def add(q: Quad) -> None:
        if q not in have:
            out[q] = None

    for s, p, o, g in given:
        props = {p} | ax.super_properties.get(p, set())
        types: set[str] = set()
        for q in props:
            if q != p:
                add((s, q, o, g))
            types |= ax.domains.get(q, set())
            if isinstance(o, str):
                for cls in ax.ranges.get(q, ()):
                    for c in ax.classes(cls):
                        add((o, TYPE, c, g))
        if p == TYPE and isinstance(o, str):
            types |= ax.classes(o)
        for cls in types:
            for c in ax.classes(cls):
                add((s, TYPE, c, g))
    return list(out)
