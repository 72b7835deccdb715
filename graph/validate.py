"""SHACL validation of a graph against ``ontology/shapes.ttl`` (pySHACL), or of an
``export --entailed`` graph against ``ontology/shapes-entailed.ttl``.

The lean shapes also check every mention: its words stand in its article's text at the
offsets its IRI gives (``#char=start,end``).

>>> from graph.rdf import new_graph
>>> validate_graph(new_graph()).conforms
True
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pyshacl import validate as shacl_validate
from rdflib import Graph

from .ontology import ENTAILED_SHAPES_FILE, SHAPES_FILE


@dataclass
class ValidationReport:
    conforms: bool
    violations: int
    warnings: int
    text: str


@lru_cache(maxsize=2)
def shapes_graph(entailed: bool = False) -> Graph:
    return Graph().parse(ENTAILED_SHAPES_FILE if entailed else SHAPES_FILE, format="turtle")


def validate_graph(data: Graph, *, entailed: bool = False) -> ValidationReport:
    """Validate ``data`` as it is (no inference): a lean graph, or with ``entailed`` an
    ``export --entailed`` graph.

    Warnings (a missing URL or headline) are reported but do not break conformance.
    """
    _conforms, results, text = shacl_validate(
        data, shacl_graph=shapes_graph(entailed), inference="none", allow_warnings=True, advanced=True
    )
    from rdflib.namespace import SH, RDF

    if not isinstance(results, Graph):  # pySHACL's ValidationFailure: the shapes themselves are broken
        raise RuntimeError(f"the SHACL shapes could not be applied: {results}")

    violations = sum(1 for r in results.subjects(RDF.type, SH.ValidationResult)
                     if (r, SH.resultSeverity, SH.Violation) in results)
    warnings = sum(1 for r in results.subjects(RDF.type, SH.ValidationResult)
                   if (r, SH.resultSeverity, SH.Warning) in results)
    return ValidationReport(conforms=violations == 0, violations=violations, warnings=warnings, text=str(text))


def validate_store(store, *, entailed: bool = False) -> ValidationReport:  # type: ignore[no-untyped-def]
    """Validate every article in a store (the union of their graphs).

    The corpus graph (``graph/corpus``) is left out: it is derived from the article
    graphs, and its canonical nodes gather evidence from many articles.
    """
    from rdflib import Dataset

    from .rdf import corpus_graph_iri, new_graph

    data = Dataset()
    data.parse(data=store.dump_nquads().decode("utf-8"), format="nquads")
    union = new_graph()
    skip = corpus_graph_iri()
    for s, p, o, g in data.quads((None, None, None, None)):
        if g != skip:
            union.add((s, p, o))
    if entailed:
        _add_closure(union)
    return validate_graph(union, entailed=entailed)


def _add_closure(graph: Graph) -> None:
    """Add the RDFS closure of ``graph`` (as ``export --entailed`` writes it)."""
    from rdflib import URIRef

    from .entail import entailed as closure

    quads = [(str(s), str(p), str(o) if isinstance(o, URIRef) else o, None) for s, p, o in graph]
    for s, p, o, _g in closure(quads):
        graph.add((URIRef(s), URIRef(p), URIRef(o) if isinstance(o, str) else o))


RDF_SUFFIXES = {".ttl": "turtle", ".trig": "trig", ".nq": "nquads", ".nt": "nt", ".jsonld": "json-ld"}


def validate_paths(paths: list, *, entailed: bool = False) -> list[tuple[str, ValidationReport]]:  # type: ignore[type-arg]
    """Validate annotation files (through the model) and RDF files; with ``entailed``,
    RDF files are ``export --entailed`` graphs and annotations are checked with their closure."""
    from pathlib import Path

    from rdflib import Dataset

    from .annotations import load_annotation
    from .errors import InputError
    from .rdf import new_graph, to_rdf

    reports = []
    for raw in paths:
        path = Path(raw)
        if not path.is_file():
            raise InputError(f"{path}: no such file")
        if path.suffix in (".yaml", ".yml", ".json"):
            graph = to_rdf(load_annotation(path))
            if entailed:
                _add_closure(graph)
        elif path.suffix in RDF_SUFFIXES:
            ds = Dataset()
            try:
                ds.parse(path, format=RDF_SUFFIXES[path.suffix])
            except Exception as exc:  # noqa: BLE001 - rdflib parsers raise many kinds
                raise InputError(f"{path}: not valid {RDF_SUFFIXES[path.suffix]}: {' '.join(str(exc).split())[:200]}") from None
            graph = new_graph()
            for s, p, o, _g in ds.quads((None, None, None, None)):
                graph.add((s, p, o))
        else:
            raise InputError(f"{path}: unknown file type; give an annotation (.yaml, .json) or RDF (.ttl, .trig, .nq, .jsonld)")
        reports.append((str(path), validate_graph(graph, entailed=entailed)))
    return reports
