"""SHACL validation of a graph against ``ontology/shapes.ttl`` (pySHACL).

>>> from graph.rdf import new_graph
>>> validate_graph(new_graph()).conforms
True
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pyshacl import validate as shacl_validate
from rdflib import Graph

from .ontology import SHAPES_FILE


@dataclass
class ValidationReport:
    conforms: bool
    violations: int
    warnings: int
    text: str


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


def validate_graph(data: Graph) -> ValidationReport:
    """Validate ``data`` (with its materialized types; no inference needed).

    Warnings (a missing URL or headline) are reported but do not break conformance.
    """
    _conforms, results, text = shacl_validate(
        data, shacl_graph=shapes_graph(), inference="none", allow_warnings=True, advanced=True
    )
    from rdflib.namespace import SH, RDF

    violations = sum(1 for r in results.subjects(RDF.type, SH.ValidationResult)
                     if (r, SH.resultSeverity, SH.Violation) in results)
    warnings = sum(1 for r in results.subjects(RDF.type, SH.ValidationResult)
                   if (r, SH.resultSeverity, SH.Warning) in results)
    return ValidationReport(conforms=violations == 0, violations=violations, warnings=warnings, text=str(text))


def validate_store(store) -> ValidationReport:  # type: ignore[no-untyped-def]
    """Validate every article in a store (the union of their graphs).

    The corpus graph (``graph.corpus``) is left out: it is derived from the article
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
    return validate_graph(union)


RDF_SUFFIXES = {".ttl": "turtle", ".trig": "trig", ".nq": "nquads", ".nt": "nt", ".jsonld": "json-ld"}


def validate_paths(paths: list) -> list[tuple[str, ValidationReport]]:  # type: ignore[type-arg]
    """Validate annotation files (through the model) and RDF files."""
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
        reports.append((str(path), validate_graph(graph)))
    return reports
