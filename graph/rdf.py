"""The only place that turns the model into triples.

Every node gets our own terms *and* the standard ones they specialise (SEM, schema.org,
PROV-O, Web Annotation, SKOS, ORG), so a client that knows nothing of the newsgraph
ontology still finds every person, organization, place, event and statement.

IRIs are stable and readable, and the graph has no blank nodes, so two builds of the same
annotation give identical exports::

    id/<article>                         the article
    id/<article>/<kind>/<local id>       person, organization, place, event, statement
    id/<article>/evidence/<start>-<end>  the Web Annotation for those exact words

>>> import datetime as dt
>>> from graph.model import Article, ArticleGraph, Entity, EntityKind, Span
>>> text = "Igor Kochetkov spoke."
>>> ag = ArticleGraph(Article("a1", text, dt.date(2019, 1, 18)),
...                   [Entity("igor-kochetkov", EntityKind.PERSON, "Igor Kochetkov",
...                           evidence=[Span.at(text, 0, 14)])])
>>> g = to_rdf(ag)
>>> from graph.ontology import SCHEMA, RDF
>>> [str(p) for p in g.subjects(RDF.type, SCHEMA.Person)]
['https://w3id.org/newsgraph/id/a1/person/igor-kochetkov']
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from .model import (
    Article,
    ArticleGraph,
    Corpus,
    CorpusEntity,
    CorpusEvent,
    Entity,
    EntityKind,
    Event,
    Precision,
    Role,
    Span,
    Statement,
    TimeSpan,
    slug,
)
from .ontology import GRAPH, ID, NG, NGT, OA, ORG, OWL, PREFIXES, PROV, RDF, RDFS, SCHEMA, SEM, SKOS

EDTF = URIRef("http://id.loc.gov/datatypes/edtf/EDTF")
CONTEXT_CHARS = 32  # prefix/suffix length of a TextQuoteSelector

_ENTITY_TYPES: dict[EntityKind, tuple[URIRef, ...]] = {
    EntityKind.PERSON: (NG.Person, NG.Actor, SCHEMA.Person, SEM.Actor),
    EntityKind.ORGANIZATION: (NG.Organization, NG.Actor, SCHEMA.Organization, SEM.Actor, ORG.Organization),
    EntityKind.PLACE: (NG.Place, SCHEMA.Place, SEM.Place),
}
# Role -> (our property, the standard properties it specialises)
_ROLE_PROPERTIES: dict[Role, tuple[URIRef, ...]] = {
    Role.AGENT: (NG.agent, SEM.hasActor),
    Role.PATIENT: (NG.patient, SEM.hasActor),
    Role.PARTICIPANT: (NG.participant, SEM.hasActor),
    Role.SPEAKER: (NG.speaker, SEM.hasActor, SCHEMA.creator),
    Role.ADDRESSEE: (NG.addressee, SEM.hasActor, SCHEMA.recipient),
}
_PRECISION_DATATYPE = {Precision.DAY: XSD.date, Precision.MONTH: XSD.gYearMonth, Precision.YEAR: XSD.gYear}
_CERTAINTY = {"certain": NG.Certain, "probable": NG.Probable, "possible": NG.Possible, "underspecified": NG.Underspecified}
_POLARITY = {"positive": NG.Positive, "negative": NG.Negative, "underspecified": NG.UnderspecifiedPolarity}


def _iri(value: str) -> URIRef:
    """A URIRef made without rdflib's check, which only logs a warning and costs a fifth
    of the time spent writing triples: newsgraph's IRIs are built from slugs and ids."""
    return str.__new__(URIRef, value)


def graph_iri(article_id: str) -> URIRef:
    """The named graph that holds one article."""
    return _iri(GRAPH + article_id)


def article_iri(article_id: str) -> URIRef:
    return _iri(ID + article_id)


def entity_iri(article_id: str, entity: Entity) -> URIRef:
    return _iri(ID + f"{article_id}/{entity.kind.value}/{entity.id}")


def event_iri(article_id: str, event: Event) -> URIRef:
    kind = "statement" if isinstance(event, Statement) else "event"
    return _iri(ID + f"{article_id}/{kind}/{event.id}")


def evidence_iri(article_id: str, span: Span) -> URIRef:
    return _iri(ID + f"{article_id}/evidence/{span.start}-{span.end}")


def publisher_iri(name: str) -> URIRef:
    return _iri(ID + f"publisher/{slug(name)}")


def new_graph() -> Graph:
    """An empty rdflib graph with newsgraph's prefixes bound."""
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True)
    return g


class Lit(NamedTuple):
    """A literal as newsgraph writes it: lexical form, datatype IRI, language. Twenty
    times cheaper to make than rdflib's ``Literal``, which parses its value."""

    value: str
    datatype: str | None = None
    language: str | None = None


Triple = tuple[URIRef, URIRef, URIRef | Lit]


class Triples:
    r"""An ordered set of triples: cheaper to fill than an rdflib graph, which indexes
    every triple three ways. :func:`as_graph` and :func:`ntriples` turn it into one or
    into N-Triples text.

    >>> t = Triples(); t.add((ID.a, RDFS.label, Lit('say "hi"'))); t.add((ID.a, RDFS.label, Lit('say "hi"')))
    >>> len(t), ntriples(t).split(" ", 2)[2]
    (1, '"say \\"hi\\"" .\n')
    """

    def __init__(self) -> None:
        self._items: dict[Triple, None] = {}

    def add(self, triple: Triple) -> None:
        self._items[triple] = None

    def __contains__(self, triple: object) -> bool:
        return triple in self._items

    def __iter__(self) -> Iterator[Triple]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)


def as_graph(triples: Iterable[Triple]) -> Graph:
    """An rdflib graph holding ``triples``, with newsgraph's prefixes bound."""
    g = new_graph()
    for s, p, o in triples:
        if isinstance(o, Lit):
            g.add((s, p, Literal(o.value, lang=o.language, datatype=URIRef(o.datatype) if o.datatype else None)))
        else:
            g.add((s, p, o))
    return g


_NT_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _nt(term: URIRef | Lit) -> str:
    if isinstance(term, Lit):
        text = '"' + term.value.translate(_NT_ESCAPES) + '"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None:
            return f"{text}^^<{term.datatype}>"
        return text
    return f"<{term}>"


def ntriples(triples: Iterable[Triple]) -> str:
    """N-Triples text of ``triples``. Every IRI newsgraph writes is built from slugs and
    hex ids under its own namespaces, so it needs no escaping; literals are escaped."""
    return "".join(f"{_nt(s)} {_nt(p)} {_nt(o)} .\n" for s, p, o in triples)


def _begin_bounds(g: Triples, node: URIRef, earliest: dt.date | None, latest: dt.date | None) -> None:
    """The earliest and latest day an event began on, each when known, in ng: and SEM."""
    for day, ours, sem in ((earliest, NG.earliestBegin, SEM.hasEarliestBeginTimeStamp),
                           (latest, NG.latestBegin, SEM.hasLatestBeginTimeStamp)):
        if day is not None:
            g.add((node, ours, Lit(day.isoformat(), datatype=XSD.date)))
            g.add((node, sem, Lit(day.isoformat(), datatype=XSD.date)))


class _Writer:
    """Accumulates the triples of one article graph."""

    def __init__(self, ag: ArticleGraph) -> None:
        self.ag = ag
        self.aid = ag.article.id
        self.article = article_iri(self.aid)
        self.g = Triples()
        self.entity_nodes = {e.id: entity_iri(self.aid, e) for e in ag.entities}
        self.event_nodes = {e.id: event_iri(self.aid, e) for e in ag.events}

    def add(self, s: URIRef, p: URIRef, o: URIRef | Lit) -> None:
        self.g.add((s, p, o))

    def types(self, node: URIRef, types: Iterable[URIRef]) -> None:
        for t in types:
            self.add(node, RDF.type, t)

    def provenance(self, node: URIRef) -> None:
        self.add(node, NG.fromArticle, self.article)
        self.add(node, PROV.wasDerivedFrom, self.article)

    def evidence(self, node: URIRef, spans: Iterable[Span]) -> None:
        """Web Annotation: body = node, target = the exact words by quote and by position."""
        text = self.ag.article.text
        for span in spans:
            ev = evidence_iri(self.aid, span)
            target, quote, position = _iri(ev + "/target"), _iri(ev + "/quote"), _iri(ev + "/position")
            self.add(node, NG.hasEvidence, ev)
            self.add(ev, OA.hasBody, node)
            if (ev, RDF.type, NG.Evidence) in self.g:
                continue
            self.types(ev, (NG.Evidence, OA.Annotation))
            self.add(ev, RDFS.label, Lit(span.text))
            self.add(ev, OA.motivatedBy, OA.identifying)
            self.provenance(ev)
            self.add(ev, OA.hasTarget, target)
            self.add(target, RDF.type, OA.SpecificResource)
            self.add(target, OA.hasSource, self.article)
            self.add(target, OA.hasSelector, quote)
            self.add(target, OA.hasSelector, position)
            self.add(quote, RDF.type, OA.TextQuoteSelector)
            self.add(quote, OA.exact, Lit(span.text))
            self.add(quote, OA.prefix, Lit(text[max(0, span.start - CONTEXT_CHARS) : span.start]))
            self.add(quote, OA.suffix, Lit(text[span.end : span.end + CONTEXT_CHARS]))
            self.add(position, RDF.type, OA.TextPositionSelector)
            self.add(position, OA.start, Lit(str(span.start), XSD.integer))
            self.add(position, OA.end, Lit(str(span.end), XSD.integer))

    def write_article(self, art: Article) -> None:
        node = self.article
        self.types(node, (NG.Article, SCHEMA.NewsArticle, PROV.Entity))
        self.add(node, RDFS.label, Lit(art.headline or art.id))
        self.add(node, SCHEMA.datePublished, Lit(art.published.isoformat(), datatype=XSD.date))
        self.add(node, SCHEMA.articleBody, Lit(art.text))
        self.add(node, SCHEMA.inLanguage, Lit(art.language))
        if art.headline:
            self.add(node, SCHEMA.headline, Lit(art.headline))
        if art.url:
            self.add(node, SCHEMA.url, Lit(art.url, datatype=XSD.anyURI))
        if art.publisher:
            pub = publisher_iri(art.publisher)
            self.add(node, SCHEMA.publisher, pub)
            self.types(pub, (SCHEMA.Organization,))
            self.add(pub, RDFS.label, Lit(art.publisher))
            self.add(pub, SCHEMA.name, Lit(art.publisher))
            self.provenance(pub)

    def write_entity(self, ent: Entity) -> None:
        node = self.entity_nodes[ent.id]
        self.types(node, _ENTITY_TYPES[ent.kind])
        self.add(node, RDFS.label, Lit(ent.name))
        self.add(node, SCHEMA.name, Lit(ent.name))
        for alias in ent.aliases:
            self.add(node, NG.alias, Lit(alias))
            self.add(node, SKOS.altLabel, Lit(alias))
        self.provenance(node)
        self.evidence(node, ent.evidence)
        if ent.part_of and ent.part_of in self.entity_nodes:
            parent = self.entity_nodes[ent.part_of]
            self.add(node, NG.partOf, parent)
            if ent.kind is EntityKind.PLACE:
                self.add(node, SCHEMA.containedInPlace, parent)
            else:
                self.add(node, ORG.subOrganizationOf, parent)
                self.add(node, SCHEMA.parentOrganization, parent)
        for index, title in enumerate(ent.titles):
            self.write_title(node, index, title)

    def write_title(self, person: URIRef, index: int, title) -> None:  # type: ignore[no-untyped-def]
        node = _iri(f"{person}/title/{index}")
        self.types(node, (NG.Title, ORG.Post))
        owner = self.ag.entity(title.of).name if title.of else None
        self.add(node, RDFS.label, Lit(f"{title.text} of {owner}" if owner else title.text))
        self.add(person, NG.hasTitle, node)
        self.add(person, ORG.holds, node)
        self.add(person, SCHEMA.jobTitle, Lit(title.text))
        if title.of and title.of in self.entity_nodes:
            self.add(node, NG.titleOf, self.entity_nodes[title.of])
            self.add(node, ORG.postIn, self.entity_nodes[title.of])
        self.provenance(node)
        self.evidence(node, title.evidence)

    def write_time(self, node: URIRef, time: TimeSpan) -> None:
        datatype = _PRECISION_DATATYPE.get(time.precision)
        if datatype is not None and time.value is not None:
            stamp = Lit(time.value, datatype=datatype)
            self.add(node, NG.timeStamp, stamp)
            self.add(node, SEM.hasTimeStamp, stamp)
            self.add(node, SCHEMA.startDate, stamp)
        _begin_bounds(self.g, node, time.earliest, time.latest)
        self.add(node, NG.edtf, Lit(time.edtf, datatype=EDTF))
        self.add(node, NG.datePrecision, Lit(time.precision.value))
        derivation = _iri(f"{node}/date")
        self.add(node, NG.dateDerivation, derivation)
        self.types(derivation, (NG.DateDerivation, PROV.Activity))
        phrase = time.phrase.text if time.phrase else ""
        self.add(derivation, RDFS.label, Lit(f"{phrase} → {time.edtf}"))
        self.add(derivation, NG.phrase, Lit(phrase))
        self.add(derivation, NG.anchorDate, Lit(time.anchor.isoformat(), datatype=XSD.date))
        self.add(derivation, NG.rule, Lit(time.rule))
        self.provenance(derivation)
        if time.phrase:
            self.evidence(derivation, [time.phrase])

    def write_event(self, ev: Event) -> None:
        node = self.event_nodes[ev.id]
        types: tuple[URIRef, ...] = (NG.Event, SEM.Event, SCHEMA.Event)
        if isinstance(ev, Statement):
            types += (NG.Statement, SCHEMA.Quotation)
        self.types(node, types)
        self.add(node, RDFS.label, Lit(ev.label))
        self.add(node, SCHEMA.name, Lit(ev.label))
        etype = _iri(NGT + slug(ev.type))
        self.add(node, NG.eventType, etype)
        self.add(node, SEM.eventType, etype)
        self.types(etype, (NG.EventType, SEM.EventType))
        self.add(etype, RDFS.label, Lit(ev.type))
        self.provenance(node)
        self.evidence(node, ev.evidence)
        for part in ev.participants:
            self.write_role(node, part.entity, part.role)
        for place in ev.places:
            if place in self.entity_nodes:
                for prop in (NG.hasPlace, SEM.hasPlace, SCHEMA.location):
                    self.add(node, prop, self.entity_nodes[place])
        if ev.time:
            self.write_time(node, ev.time)
        fact = ev.factuality
        self.add(node, NG.certainty, _CERTAINTY[fact.certainty.value])
        self.add(node, NG.polarity, _POLARITY[fact.polarity.value])
        if fact.cue:
            self.add(node, NG.factualityCue, Lit(fact.cue.text))
            self.evidence(node, [fact.cue])
        if ev.quantity:
            if ev.quantity.value is not None:
                self.add(node, NG.quantity, Lit(str(ev.quantity.value), XSD.integer))
            if ev.quantity.qualifier:
                self.add(node, NG.quantityQualifier, Lit(ev.quantity.qualifier))
            self.add(node, NG.quantityText, Lit(ev.quantity.text.text))
        if isinstance(ev, Statement):
            self.write_statement(node, ev)

    def write_role(self, node: URIRef, entity_id: str, role: Role) -> None:
        if entity_id not in self.entity_nodes:
            return
        actor = self.entity_nodes[entity_id]
        for prop in _ROLE_PROPERTIES[role]:
            self.add(node, prop, actor)
        if self.ag.entity(entity_id).kind is EntityKind.PLACE:  # a state taking part: SEM's actor
            self.types(actor, (NG.Actor, SEM.Actor))

    def write_statement(self, node: URIRef, st: Statement) -> None:
        if st.speaker:
            self.write_role(node, st.speaker, Role.SPEAKER)
        if st.addressee:
            self.write_role(node, st.addressee, Role.ADDRESSEE)
        if st.quote:
            self.add(node, NG.quote, Lit(st.quote.text))
            self.add(node, SCHEMA.text, Lit(st.quote.text))
            self.evidence(node, [st.quote])
        self.add(node, NG.quoteKind, Lit(st.quote_kind.value))
        for prop, refs in ((NG.reports, st.reports), (NG.callsFor, st.calls_for)):
            for ref in refs:
                if ref in self.event_nodes:
                    self.add(node, prop, self.event_nodes[ref])
                    self.add(node, SCHEMA.mentions, self.event_nodes[ref])


def article_triples(ag: ArticleGraph) -> Triples:
    """The triples of one article, standard terms materialized, no blank nodes."""
    writer = _Writer(ag)
    writer.write_article(ag.article)
    for ent in ag.entities:
        writer.write_entity(ent)
    for ev in ag.events:
        writer.write_event(ev)
    return writer.g


def article_ntriples(ag: ArticleGraph) -> str:
    """N-Triples text of one article (see :func:`article_triples`)."""
    return ntriples(article_triples(ag))


def to_rdf(ag: ArticleGraph) -> Graph:
    """The RDF graph of one article (see :func:`article_triples`)."""
    return as_graph(article_triples(ag))


# ----------------------------------------------------------------------------- corpus

CORPUS_ID = "corpus"


def corpus_graph_iri() -> URIRef:
    """The named graph of the corpus layer: canonical nodes, owl:sameAs links, merge records."""
    return _iri(GRAPH + CORPUS_ID)


def corpus_node_iri(local_id: str) -> URIRef:
    """``id/corpus/<kind>/<slug>``: a canonical entity or corpus event."""
    return _iri(ID + f"{CORPUS_ID}/{local_id}")


def _corpus_sources(w: Triples, node: URIRef, members: list[str], articles: list[str]) -> None:
    w.add((node, RDF.type, NG.Canonical))
    for member in members:
        w.add((_iri(member), OWL.sameAs, node))
    for art in articles:
        w.add((node, NG.source, _iri(art)))
        w.add((node, PROV.wasDerivedFrom, _iri(art)))
    w.add((node, NG.sourceCount, Lit(str(len(set(articles))), XSD.integer)))


def _corpus_entity(g: Triples, ent: CorpusEntity) -> None:
    node = corpus_node_iri(ent.id)
    for t in _ENTITY_TYPES[ent.kind]:
        g.add((node, RDF.type, t))
    if ent.acts:
        g.add((node, RDF.type, NG.Actor))
        g.add((node, RDF.type, SEM.Actor))
    g.add((node, RDFS.label, Lit(ent.label)))
    g.add((node, SCHEMA.name, Lit(ent.label)))
    for other in ent.forms:
        if other != ent.label:
            g.add((node, NG.alias, Lit(other)))
            g.add((node, SKOS.altLabel, Lit(other)))
    _corpus_sources(g, node, ent.members, ent.articles)
    for index, merge in enumerate(ent.merges, 1):
        rec = _iri(f"{node}/merge/{index}")
        g.add((node, NG.hasMerge, rec))
        g.add((rec, RDF.type, NG.Merge))
        g.add((rec, RDF.type, PROV.Activity))
        g.add((rec, NG.mergeRule, Lit(merge.rule)))
        g.add((rec, NG.mergedForm, Lit(merge.form)))
        g.add((rec, NG.mergedForm, Lit(merge.matched)))
        g.add((rec, RDFS.label, Lit(f"{merge.rule}: {merge.form} = {merge.matched}")))


def _corpus_event(g: Triples, ev: CorpusEvent, kinds: dict[str, EntityKind]) -> None:
    node = corpus_node_iri(ev.id)
    types: tuple[URIRef, ...] = (NG.Event, SEM.Event, SCHEMA.Event)
    if ev.is_statement:
        types += (NG.Statement, SCHEMA.Quotation)
    for t in types:
        g.add((node, RDF.type, t))
    g.add((node, RDFS.label, Lit(ev.label)))
    g.add((node, SCHEMA.name, Lit(ev.label)))
    etype = _iri(NGT + slug(ev.type))
    g.add((node, NG.eventType, etype))
    g.add((node, SEM.eventType, etype))
    _corpus_sources(g, node, ev.members, ev.articles)
    for role, entity_id in ev.roles:
        actor = corpus_node_iri(entity_id)
        for prop in _ROLE_PROPERTIES[role]:
            g.add((node, prop, actor))
    if ev.earliest is not None or ev.latest is not None:  # an agreed date, or bound ("by 2011")
        _begin_bounds(g, node, ev.earliest, ev.latest)
        if ev.edtf:
            g.add((node, NG.edtf, Lit(ev.edtf, datatype=EDTF)))
        if ev.precision:
            g.add((node, NG.datePrecision, Lit(ev.precision)))
    if ev.quantity is not None:
        g.add((node, NG.quantity, Lit(str(ev.quantity), XSD.integer)))
    if ev.quote:
        g.add((node, NG.quote, Lit(ev.quote)))
        g.add((node, SCHEMA.text, Lit(ev.quote)))
    for ref in ev.reports:
        g.add((node, NG.reports, corpus_node_iri(ref)))
        g.add((node, SCHEMA.mentions, corpus_node_iri(ref)))


class Block(NamedTuple):
    """One corpus node's part of the corpus graph, as N-Triples: its own triples, its merge
    records and the ``owl:sameAs`` links to it, sealed by an ``ng:contentDigest`` of them."""

    digest: str
    text: str


def corpus_blocks(corpus: Corpus) -> dict[str, Block]:
    """The corpus graph, by corpus node IRI. Every triple belongs to exactly one block, so
    a store can replace the blocks whose digest changed and leave the rest alone.

    >>> from graph.model import Corpus, CorpusEntity, EntityKind
    >>> c = Corpus(["https://w3id.org/newsgraph/id/a1"], [CorpusEntity("person/k", EntityKind.PERSON,
    ...            "Ramzan Kadyrov", ["https://w3id.org/newsgraph/id/a1/person/k"],
    ...            ["https://w3id.org/newsgraph/id/a1"], ["Kadyrov", "Ramzan Kadyrov"])])
    >>> blocks = corpus_blocks(c)
    >>> sorted(blocks)
    ['https://w3id.org/newsgraph/id/corpus', 'https://w3id.org/newsgraph/id/corpus/person/k']
    >>> blocks['https://w3id.org/newsgraph/id/corpus/person/k'].text.splitlines()[-1].split(" ")[1]
    '<https://w3id.org/newsgraph/ns#contentDigest>'
    """
    blocks: dict[str, Block] = {}
    root = _iri(ID + CORPUS_ID)
    g = Triples()
    g.add((root, RDF.type, NG.Corpus))
    g.add((root, RDF.type, PROV.Collection))
    g.add((root, RDFS.label, Lit("newsgraph corpus")))
    for art in corpus.articles:
        g.add((root, PROV.hadMember, _iri(art)))
    blocks[str(root)] = _sealed(root, g)
    kinds = {e.id: e.kind for e in corpus.entities}
    for ent in corpus.entities:
        g = Triples()
        _corpus_entity(g, ent)
        node = corpus_node_iri(ent.id)
        blocks[str(node)] = _sealed(node, g)
    for ev in corpus.events:
        g = Triples()
        _corpus_event(g, ev, kinds)
        node = corpus_node_iri(ev.id)
        blocks[str(node)] = _sealed(node, g)
    return blocks


def _sealed(node: URIRef, triples: Triples) -> Block:
    lines = sorted(ntriples(triples).splitlines(True))
    digest = hashlib.sha256("".join(lines).encode("utf-8")).hexdigest()[:32]
    return Block(digest, "".join(lines) + f'<{node}> <{NG.contentDigest}> "{digest}" .\n')
