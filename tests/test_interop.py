"""The interoperability contract: a client that knows only schema:, sem:, rdfs:, prov:,
nif: and gaf: finds everything in the seed graph, without inference, with evidence and
date derivations; every fact is stated once."""
from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from graph.model import EntityKind, Statement
from graph.ontology import GAF, NG, NIF, OA, ORG, PROV, RDF, RDFS, SCHEMA, SEM
from graph.rdf import entity_iri, event_iri, mention_offsets
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


def test_every_node_has_one_type_one_label_and_one_source(seed, seed_rdf):
    article = URIRef("https://w3id.org/newsgraph/id/" + SEED_ID)
    standard = {EntityKind.PERSON: SCHEMA.Person, EntityKind.ORGANIZATION: SCHEMA.Organization,
                EntityKind.PLACE: SCHEMA.Place}
    for ent in seed.entities:
        node = entity_iri(seed.article.id, ent)
        assert list(seed_rdf.objects(node, RDF.type)) == [standard[ent.kind]]
        assert len(list(seed_rdf.objects(node, RDFS.label))) == 1
        assert list(seed_rdf.objects(node, PROV.wasDerivedFrom)) == [article]
    for ev in seed.events:
        node = event_iri(seed.article.id, ev)
        types = {SEM.Event, SCHEMA.Quotation} if isinstance(ev, Statement) else {SEM.Event}
        assert set(seed_rdf.objects(node, RDF.type)) == types
        assert len(list(seed_rdf.objects(node, RDFS.label))) == 1
        assert list(seed_rdf.objects(node, PROV.wasDerivedFrom)) == [article]


def test_no_fact_is_restated_under_another_name(seed_rdf):
    restated = (NG.fromArticle, NG.alias, NG.eventType, NG.hasPlace, NG.timeStamp, NG.earliestBegin,
                NG.latestBegin, NG.quote, NG.hasTitle, NG.titleOf, NG.speaker, NG.addressee, NG.participant,
                NG.hasEvidence, SCHEMA.name, SCHEMA.location, SCHEMA.startDate, SCHEMA.mentions,
                SCHEMA.jobTitle, OA.hasBody)
    assert not [p for p in restated if (None, p, None) in seed_rdf]
    assert not [t for t in (NG.Person, NG.Organization, NG.Place, NG.Actor, NG.Event, NG.Statement, NG.Article,
                            SEM.Actor, SCHEMA.Event, NG.Evidence) if (None, RDF.type, t) in seed_rdf]


def test_the_seed_graph_is_small(seed_rdf):
    assert len(seed_rdf) <= 550


def test_names_are_the_fullest_form_with_titles_kept_apart(seed, seed_rdf):
    pompeo = entity_iri(seed.article.id, seed.entity("mike-pompeo"))
    assert seed_rdf.value(pompeo, RDFS.label) == Literal("Mike Pompeo")
    title = seed_rdf.value(pompeo, ORG.holds)
    assert str(seed_rdf.value(title, RDFS.label)) == "Secretary of State"
    assert seed_rdf.value(seed_rdf.value(title, ORG.postIn), RDFS.label) == Literal("U.S.")


def test_a_state_that_acts_is_one_place_node_that_sem_has_actor_names(seed, seed_rdf):
    russia = entity_iri(seed.article.id, seed.entity("russia"))
    assert list(seed_rdf.objects(russia, RDF.type)) == [SCHEMA.Place]
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
        phrase = seed_rdf.value(derivation, NG.phrase)
        assert str(seed_rdf.value(phrase, NIF.anchorOf)) == ev.time.phrase.text
        assert mention_offsets(str(phrase))[1:] == (ev.time.phrase.start, ev.time.phrase.end)
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
    ap_press = entity_iri(seed.article.id, seed.entity("associated-press"))
    assert seed_rdf.value(ap, SCHEMA.recipient) == ap_press and (ap, SEM.hasActor, ap_press) in seed_rdf


def test_hedges_lower_certainty(seed, seed_rdf):
    assert seed_rdf.value(_event(seed, seed_rdf, "database-obtained"), NG.certainty) == NG.Probable
    cue = seed_rdf.value(_event(seed, seed_rdf, "database-obtained"), NG.factualityCue)
    assert str(seed_rdf.value(cue, NIF.anchorOf)) == "It’s believed"
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


def test_every_node_has_mentions_at_exact_offsets(seed, seed_rdf):
    text = seed.article.text
    article = URIRef("https://w3id.org/newsgraph/id/" + SEED_ID)
    nodes = [entity_iri(seed.article.id, e) for e in seed.entities] + [event_iri(seed.article.id, e) for e in seed.events]
    for node in nodes:
        mentions = list(seed_rdf.objects(node, GAF.denotedBy))
        assert mentions, node
        for m in mentions:
            source, start, end = mention_offsets(str(m))
            assert source == str(article) and seed_rdf.value(m, NIF.referenceContext) == article
            assert text[start:end] == str(seed_rdf.value(m, NIF.anchorOf))
            assert len(list(seed_rdf.predicate_objects(m))) == 2


def test_every_curated_span_is_a_mention(seed, seed_rdf):
    spans = {(s.start, s.end, s.text) for e in seed.entities for s in e.evidence}
    spans |= {(s.start, s.end, s.text) for e in seed.entities for t in e.titles for s in t.evidence}
    for ev in seed.events:
        spans |= {(s.start, s.end, s.text) for s in ev.evidence}
        for extra in (ev.time.phrase if ev.time else None, ev.factuality.cue,
                      ev.quantity.text if ev.quantity else None, getattr(ev, "quote", None)):
            if extra is not None:
                spans.add((extra.start, extra.end, extra.text))
    found = {(*mention_offsets(str(m))[1:], str(w)) for m, w in seed_rdf.subject_objects(NIF.anchorOf)}
    assert found == spans


def test_the_web_annotation_view_has_both_selectors_at_exact_offsets(seed, seed_rdf):
    from graph.export.rdf_export import with_views
    from graph.rdf import new_graph

    view = new_graph().parse(data=with_views(seed_rdf.serialize(format="nt", encoding="utf-8"),
                                             evidence="web-annotation").decode(), format="nquads")
    text = seed.article.text
    for node in [entity_iri(seed.article.id, e) for e in seed.entities]:
        evidence = list(view.objects(node, NG.hasEvidence))
        assert len(evidence) == len(list(seed_rdf.objects(node, GAF.denotedBy)))
        for ev in evidence:
            assert (ev, OA.hasBody, node) in view
            target = view.value(ev, OA.hasTarget)
            selectors = list(view.objects(target, OA.hasSelector))
            quote = next(s for s in selectors if (s, RDF.type, OA.TextQuoteSelector) in view)
            position = next(s for s in selectors if (s, RDF.type, OA.TextPositionSelector) in view)
            start, end = int(view.value(position, OA.start)), int(view.value(position, OA.end))
            assert text[start:end] == str(view.value(quote, OA.exact))
            assert text[:start].endswith(str(view.value(quote, OA.prefix)))
    assert validate_graph(view).conforms


def test_the_entailed_view_adds_the_general_terms_and_conforms_to_its_shapes(seed, seed_rdf):
    from graph.export.rdf_export import with_views
    from graph.rdf import new_graph

    view = new_graph().parse(data=with_views(seed_rdf.serialize(format="nt", encoding="utf-8"),
                                             entailed=True).decode(), format="nquads")
    russia = entity_iri(seed.article.id, seed.entity("russia"))
    assert (russia, RDF.type, SEM.Actor) in view
    sd = _event(seed, seed_rdf, "state-department-statement")
    assert {o for o in view.objects(sd, SCHEMA.mentions)} >= set(seed_rdf.objects(sd, NG.reports))
    assert (sd, RDF.type, NG.Statement) in view and (sd, RDF.type, NG.Event) in view
    assert validate_graph(view, entailed=True).conforms
    assert not validate_graph(seed_rdf, entailed=True).conforms  # the lean graph lacks what the closure adds


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
    mention = min(broken.objects(None, GAF.denotedBy))
    broken.set((mention, NIF.anchorOf, Literal("words that are not there")))
    report = validate_graph(broken)
    assert not report.conforms and "not in the article text" in report.text
    moved = new_graph()
    for s, p, o in seed_rdf:  # the same words, claimed one character later
        if p == GAF.denotedBy and o == mention:
            source, start, end = mention_offsets(str(o))
            shifted = URIRef(f"{source}#char={start + 1},{end + 1}")
            moved.add((s, p, shifted))
            moved.add((shifted, NIF.anchorOf, seed_rdf.value(o, NIF.anchorOf)))
            moved.add((shifted, NIF.referenceContext, seed_rdf.value(o, NIF.referenceContext)))
        elif s != mention and o != mention:
            moved.add((s, p, o))
    report = validate_graph(moved)
    assert not report.conforms and "not in the article text" in report.text


def test_the_shapes_catch_a_node_without_label_or_evidence(seed, seed_rdf):
    from graph.rdf import new_graph

    broken = new_graph()
    for triple in seed_rdf:
        broken.add(triple)
    node = entity_iri(seed.article.id, seed.entity("oyub-titiev"))
    broken.remove((node, RDFS.label, None))
    broken.remove((node, GAF.denotedBy, None))
    report = validate_graph(broken)
    assert not report.conforms and report.violations >= 2


def test_the_shapes_catch_a_specific_role_without_sem_has_actor(seed, seed_rdf):
    from graph.rdf import new_graph

    broken = new_graph()
    for triple in seed_rdf:
        broken.add(triple)
    event, actor = next(iter(broken.subject_objects(NG.agent)))
    broken.remove((event, SEM.hasActor, actor))
    report = validate_graph(broken)
    assert not report.conforms and "not also sem:hasActor" in report.text
