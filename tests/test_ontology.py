"""The ontology file, its Python namespace and its documentation agree; terms are aligned."""
from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from graph.ontology import ENTAILED_SHAPES_FILE, NG, ONTOLOGY_FILE, SHAPES_FILE

NS = str(NG._NS)
# Properties for which no standard vocabulary has a fitting term; documented in ontology/README.md.
UNALIGNED = {"datePrecision", "phrase", "rule", "quoteKind", "certainty", "polarity", "factualityCue",
             "quantityQualifier", "quantityText", "mergeRule", "mergedForm", "sourceCount", "contentDigest",
             "dateDisputed", "quantityDisputed"}


def _ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE)


def _terms(g: Graph) -> set[str]:
    return {str(s)[len(NS):] for s in g.subjects() if str(s).startswith(NS)}


def test_the_python_namespace_lists_exactly_the_terms_of_the_ontology():
    declared = set(NG.__annotations__)
    assert declared == _terms(_ontology())


def test_every_class_is_aligned_with_a_standard_class():
    g = _ontology()
    for cls in g.subjects(RDF.type, OWL.Class):
        if str(cls).startswith(NS):
            parents = [p for p in g.objects(cls, RDFS.subClassOf) if not str(p).startswith(NS)]
            assert parents, f"{cls} has no standard superclass"


def test_every_property_is_aligned_or_listed_as_our_own():
    g = _ontology()
    props = set(g.subjects(RDF.type, OWL.ObjectProperty)) | set(g.subjects(RDF.type, OWL.DatatypeProperty))
    for prop in props:
        if not str(prop).startswith(NS):
            continue  # a standard term whose axioms we restate (sem:hasActor's range, ...)
        name = str(prop)[len(NS):]
        aligned = list(g.objects(prop, RDFS.subPropertyOf)) + list(g.objects(prop, OWL.inverseOf))
        assert aligned or name in UNALIGNED, f"ng:{name} is not aligned"


def test_every_term_has_a_label_and_is_documented_in_the_readme():
    g = _ontology()
    readme = (ONTOLOGY_FILE.parent / "README.md").read_text(encoding="utf-8")
    for name in _terms(g):
        if name == "":
            continue
        assert g.value(URIRef(NS + name), RDFS.label) is not None, name
        assert f"ng:{name}" in readme, f"ng:{name} is not documented in ontology/README.md"


SH = "http://www.w3.org/ns/shacl#"


def test_the_lean_shapes_target_the_standard_classes_and_every_mention():
    shapes = Graph().parse(SHAPES_FILE)
    targets = {str(o) for o in shapes.objects(None, URIRef(SH + "targetClass"))}
    assert {"https://schema.org/NewsArticle", "https://schema.org/Person", "https://schema.org/Organization",
            "https://schema.org/Place", "http://semanticweb.cs.vu.nl/2009/11/sem/Event",
            "https://schema.org/Quotation"} <= targets
    assert not [t for t in targets if t.startswith(NS)]  # graphs carry no ng: classes
    mentions = {str(o) for o in shapes.objects(None, URIRef(SH + "targetObjectsOf"))}
    assert "http://groundedannotationframework.org/gaf#denotedBy" in mentions


def test_the_entailed_shapes_parse():
    assert len(Graph().parse(ENTAILED_SHAPES_FILE)) > 0
