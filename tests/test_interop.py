"""The interoperability contract: a client that knows only schema:, sem:, rdfs:, prov:
and oa: finds everything in the seed graph, with evidence and date derivations."""
from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from graph.model import EntityKind, Statement
from graph.ontology import NG, OA, PROV, RDF, RDFS, SCHEMA, SEM
from graph.rdf import entity_iri, event_iri
from graph.validate import validate_graph
from tests.conftest import SEED_ID

PREFIXES = """
PREFIX schema: <https://schema.org/>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""


def _labels(g, query):
    return {str(row[0]) for row in g.query(PREFIXES + query)}


def test_a_query_with_only_standard_terms_finds_every_curated_node(seed, seed_rdf):
    by_kind = {k: {e.name for e in seed.entities if e.kind is k} for k in EntityKind}
    assert by_kind[EntityKind.PERSON] == {"Igor Kochetkov", "Mike Pompeo", "Oyub Titiev"}
    assert _labels(seed_rdf, "SELECT ?l { ?x a schema:Person ; rdfs:label ?l }") == by_kind[EntityKind.PERSON]
    orgs = _labels(seed_rdf, "SELECT ?l { ?x a schema:Organization ; rdfs:label ?l }")
    assert orgs == by_kind[EntityKind.ORGANIZATION] | {"Hornet Stories"}  # + the publisher
    assert _labels(seed_rdf, "SELECT ?l { ?x a schema:Place ; rdfs:label ?l }") == by_kind[EntityKind.PLACE]
    dated = _labels(seed_rdf, "SELECT ?l { ?x a sem:Event ; rdfs:label ?l . "
                              "{ ?x sem:hasTimeStamp ?t } UNION { ?x sem:hasEarliestBeginTimeStamp ?t } }")
    assert dated == {e.label for e in seed.events if e.time}
    statements = _labels(seed_rdf, "SELECT ?l { ?x a schema:Quotation ; rdfs:label ?l ; schema:text ?t }")
    assert statements == {s.label for s in seed.statements} and len(statements) == 2


def test_every_actor_is_a_sem_actor_and_every_node_has_one_label(seed, seed_rdf):
    for ent in seed.entities:
        node = entity_iri(seed.article.id, ent)
        assert len(list(seed_rdf.objects(node, RDFS.label))) == 1
        if ent.kind is not EntityKind.PLACE:
            assert (node, RDF.type, SEM.Actor) in seed_rdf
    for ev in seed.events:
        node = event_iri(seed.article.id, ev)
        assert (node, RDF.type, SEM.Event) in seed_rdf
        assert len(list(seed_rdf.objects(node, RDFS.label))) == 1


def test_names_are_the_fullest_form_with_titles_kept_apart(seed, seed_rdf):
    pompeo = entity_iri(seed.article.id, seed.entity("mike-pompeo"))
    assert seed_rdf.value(pompeo, RDFS.label) == Literal("Mike Pompeo")
    assert seed_rdf.value(pompeo, SCHEMA.jobTitle) == Literal("Secretary of State")
    title = seed_rdf.value(pompeo, NG.hasTitle)
    assert str(seed_rdf.value(title, RDFS.label)) == "Secretary of State of U.S."


def test_a_state_that_acts_is_one_place_node_also_typed_actor(seed, seed_rdf):
    russia = entity_iri(seed.article.id, seed.entity("russia"))
    for t in (SCHEMA.Place, SEM.Actor, NG.Actor):
        assert (russia, RDF.type, t) in seed_rdf
    investigation = event_iri(seed.article.id, next(e for e in seed.events if e.id == "investigation-called"))
    assert (investigation, SEM.hasActor, russia) in seed_rdf


def _event(seed, seed_rdf, ident):
    return event_iri(seed.article.id, next(e for e in seed.events if e.id == ident))


def test_dates_are_typed_by_precision_with_bounds_and_edtf(seed, seed_rdf):
    purge = _event(seed, seed_rdf, "purge")
    assert seed_rdf.value(purge, SEM.hasTimeStamp) == Literal("2018-12-29", datatype=XSD.date)
    week = _event(seed, seed_rdf, "purge-made-known")
    assert seed_rdf.value(week, SEM.hasTimeStamp) is None
    assert seed_rdf.value(week, SEM.hasEarliestBeginTimeStamp) == Literal("2019-01-14", datatype=XSD.date)
    assert seed_rdf.value(week, SEM.hasLatestBeginTimeStamp) == Literal("2019-01-17", datatype=XSD.date)
    assert str(seed_rdf.value(week, NG.edtf)) == "2019-01-14/2019-01-17"
    since = _event(seed, seed_rdf, "detentions")
    assert str(seed_rdf.value(since, NG.edtf)) == "2018-12/.."
    assert seed_rdf.value(since, SEM.hasLatestBeginTimeStamp) is None
    statement = _event(seed, seed_rdf, "state-department-statement")
    assert seed_rdf.value(statement, SEM.hasTimeStamp) == Literal("2019-01-17", datatype=XSD.date)
    report = _event(seed, seed_rdf, "odihr-report")
    assert seed_rdf.value(report, SEM.hasTimeStamp) == Literal("2018-12-13", datatype=XSD.date)


def test_undated_events_stay_undated(seed, seed_rdf):
    for ident in ("database-obtained", "deaths-in-custody", "kochetkov-to-ap", "russia-blind-eye"):
        node = _event(seed, seed_rdf, ident)
        assert seed_rdf.value(node, NG.edtf) is None and seed_rdf.value(node, SEM.hasTimeStamp) is None


def test_every_date_records_phrase_anchor_and_rule(seed, seed_rdf):
    dated = [e for e in seed.events if e.time]
    assert len(dated) == 6
    for ev in dated:
        derivation = seed_rdf.value(event_iri(seed.article.id, ev), NG.dateDerivation)
        assert str(seed_rdf.value(derivation, NG.phrase)) == ev.time.phrase.text
        assert seed_rdf.value(derivation, NG.anchorDate) == Literal("2019-01-18", datatype=XSD.date)
        assert str(seed_rdf.value(derivation, NG.rule)) == ev.time.rule


def test_statements_carry_verbatim_words_speaker_and_linked_events(seed, seed_rdf):
    sd = _event(seed, seed_rdf, "state-department-statement")
    text = str(seed_rdf.value(sd, SCHEMA.text))
    assert text.startswith("We are deeply disturbed") and text.endswith("be immediately released.")
    assert text in seed.article.text
    assert seed_rdf.value(sd, SCHEMA.creator) == entity_iri(seed.article.id, seed.entity("us-state-department"))
    reports = {str(seed_rdf.value(o, RDFS.label)) for o in seed_rdf.objects(sd, NG.reports)}
    calls = {str(seed_rdf.value(o, RDFS.label)) for o in seed_rdf.objects(sd, NG.callsFor)}
    assert any("40" in r for r in reports) and any("two" in r for r in reports)
    assert any("investigation" in c for c in calls) and any("Release" in c for c in calls)
    ap = _event(seed, seed_rdf, "kochetkov-to-ap")
    assert seed_rdf.value(ap, SCHEMA.creator) == entity_iri(seed.article.id, seed.entity("igor-kochetkov"))
    assert seed_rdf.value(ap, NG.addressee) == entity_iri(seed.article.id, seed.entity("associated-press"))


def test_hedges_lower_certainty(seed, seed_rdf):
    assert seed_rdf.value(_event(seed, seed_rdf, "database-obtained"), NG.certainty) == NG.Probable
    assert str(seed_rdf.value(_event(seed, seed_rdf, "database-obtained"), NG.factualityCue)) == "It’s believed"
    assert seed_rdf.value(_event(seed, seed_rdf, "deaths-in-custody"), NG.certainty) == NG.Probable
    assert seed_rdf.value(_event(seed, seed_rdf, "purge"), NG.certainty) == NG.Certain


def test_the_article_is_a_news_article_and_every_node_derives_from_it(seed, seed_rdf):
    article = URIRef("https://w3id.org/newsgraph/id/" + SEED_ID)
    assert (article, RDF.type, SCHEMA.NewsArticle) in seed_rdf
    assert seed_rdf.value(article, SCHEMA.datePublished) == Literal("2019-01-18", datatype=XSD.date)
    assert str(seed_rdf.value(article, SCHEMA.url)) == "https://wp.hornet.com/stories/state-department-chechnya/"
    assert seed_rdf.value(seed_rdf.value(article, SCHEMA.publisher), RDFS.label) == Literal("Hornet Stories")
    assert seed_rdf.value(article, SCHEMA.headline).startswith("U.S. State Department Officially Responds")
    nodes = [entity_iri(seed.article.id, e) for e in seed.entities] + [event_iri(seed.article.id, e) for e in seed.events]
    assert all((n, PROV.wasDerivedFrom, article) in seed_rdf for n in nodes)


def test_every_node_has_web_annotation_evidence_at_exact_offsets(seed, seed_rdf):
    text = seed.article.text
    nodes = [entity_iri(seed.article.id, e) for e in seed.entities] + [event_iri(seed.article.id, e) for e in seed.events]
    for node in nodes:
        evidence = list(seed_rdf.objects(node, NG.hasEvidence))
        assert evidence, node
        for ev in evidence:
            assert (ev, OA.hasBody, node) in seed_rdf
            target = seed_rdf.value(ev, OA.hasTarget)
            selectors = list(seed_rdf.objects(target, OA.hasSelector))
            quote = next(s for s in selectors if (s, RDF.type, OA.TextQuoteSelector) in seed_rdf)
            position = next(s for s in selectors if (s, RDF.type, OA.TextPositionSelector) in seed_rdf)
            start, end = int(seed_rdf.value(position, OA.start)), int(seed_rdf.value(position, OA.end))
            assert text[start:end] == str(seed_rdf.value(quote, OA.exact))


def test_boilerplate_yields_no_actor_or_event(seed_rdf):
    labels = " | ".join(str(o) for s, o in seed_rdf.subject_objects(RDFS.label)
                        if (s, RDF.type, SEM.Actor) in seed_rdf or (s, RDF.type, SEM.Event) in seed_rdf
                        or (s, RDF.type, SCHEMA.Place) in seed_rdf)
    for name in ("Harry Potter", "Rowling", "Taylor Swift", "Quantcast", "Valery Matytsin", "TASS",
                 "Moscow Times", "Swifties", "Poppers"):
        assert name not in labels


def test_the_seed_graph_conforms_to_the_shapes(seed_rdf):
    report = validate_graph(seed_rdf)
    assert report.conforms, report.text


def test_the_shapes_catch_evidence_that_is_not_at_its_offsets(seed_rdf):
    from graph.rdf import new_graph

    broken = new_graph()
    for triple in seed_rdf:
        broken.add(triple)
    quote = next(s for s in broken.subjects(RDF.type, OA.TextQuoteSelector))
    broken.set((quote, OA.exact, Literal("words that are not there")))
    report = validate_graph(broken)
    assert not report.conforms and "not in the article text" in report.text


def test_the_shapes_catch_a_node_without_label_or_evidence(seed, seed_rdf):
    from graph.rdf import new_graph

    broken = new_graph()
    for triple in seed_rdf:
        broken.add(triple)
    node = entity_iri(seed.article.id, seed.entity("oyub-titiev"))
    broken.remove((node, RDFS.label, None))
    broken.remove((node, NG.hasEvidence, None))
    report = validate_graph(broken)
    assert not report.conforms and report.violations >= 2
