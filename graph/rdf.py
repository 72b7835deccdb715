"""The only place that turns the model into triples.

Every fact is written once, under its standard term where one fits exactly (SEM,
schema.org, PROV-O, SKOS, ORG, NIF, GAF); an ``ng:`` term only where no standard one
does (date derivation, certainty, polarity, quote kind, quantity, agent and patient).
``ontology/newsgraph.ttl`` relates our names to the standard ones by axioms;
``newsgraph export --entailed`` writes their RDFS closure (:mod:`graph.entail`).

Evidence is compact, the NewsReader GAF / NIF way: a mention is one node whose IRI
carries its offsets (RFC 5147), ``<article#char=296,339>``, with ``nif:anchorOf`` (the
exact words) and ``nif:referenceContext`` (the article, whose ``schema:articleBody`` is
the text); a fact points to its mentions with ``gaf:denotedBy``.

IRIs are stable and readable, and the graph has no blank nodes, so two builds of the same
annotation give identical exports::

    id/<article>                         the article
    id/<article>/<kind>/<local id>       person, organization, place, event, statement
    id/<article>#char=<start>,<end>      a mention: those exact words

>>> import datetime as dt
>>> from graph.model import Article, ArticleGraph, Entity, EntityKind, Span
>>> text = "Igor Kochetkov spoke."
>>> ag = ArticleGraph(Article("a1", text, dt.date(2019, 1, 18)),
...                   [Entity("igor-kochetkov", EntityKind.PERSON, "Igor Kochetkov",
...                           evidence=[Span.at(text, 0, 14)])])
>>> g = to_rdf(ag)
>>> from graph.ontology import SCHEMA, RDF, GAF
>>> [str(p) for p in g.subjects(RDF.type, SCHEMA.Person)]
['https://w3id.org/newsgraph/id/a1/person/igor-kochetkov']
>>> [str(m) for m in g.objects(None, GAF.denotedBy)]
['https://w3id.org/newsgraph/id/a1#char=0,14']
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
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
from .ontology import EVENT_TYPES, GAF, GRAPH, ID, NG, NGT, NIF, OA, ORG, OWL, PREFIXES, PROV, RDF, RDFS, SCHEMA, SEM, SKOS

EDTF = URIRef("http://id.loc.gov/datatypes/edtf/EDTF")

_ENTITY_TYPES: dict[EntityKind, URIRef] = {
    EntityKind.PERSON: SCHEMA.Person,
    EntityKind.ORGANIZATION: SCHEMA.Organization,
    EntityKind.PLACE: SCHEMA.Place,
}
_KIND_OF_TYPE: dict[str, EntityKind] = {str(t): k for k, t in _ENTITY_TYPES.items()}
# Role -> the properties written: sem:hasActor always (SEM clients need no inference), and
# the specific property when the role says more. A participant is sem:hasActor alone.
_ROLE_PROPERTIES: dict[Role, tuple[URIRef, ...]] = {
    Role.AGENT: (NG.agent, SEM.hasActor),
    Role.PATIENT: (NG.patient, SEM.hasActor),
    Role.PARTICIPANT: (SEM.hasActor,),
    Role.SPEAKER: (SCHEMA.creator, SEM.hasActor),
    Role.ADDRESSEE: (SCHEMA.recipient, SEM.hasActor),
}
_SPECIFIC_ROLES: dict[str, Role] = {str(props[0]): role for role, props in _ROLE_PROPERTIES.items() if len(props) > 1}
ROLE_PROPERTY_VALUES = " ".join(f"<{p}>" for p in (*_SPECIFIC_ROLES, SEM.hasActor))  # for SPARQL VALUES


def roles_from(rows: Iterable[tuple[str, str, str]]) -> dict[str, list[tuple[Role, str]]]:
    """Each event's (role, actor) pairs from its ``(event, property, actor)`` triples: the
    specific roles, and participant for an actor linked by ``sem:hasActor`` alone.

    >>> roles_from([("e", str(NG.agent), "a"), ("e", str(SEM.hasActor), "a"), ("e", str(SEM.hasActor), "b")])
    {'e': [(<Role.AGENT: 'agent'>, 'a'), (<Role.PARTICIPANT: 'participant'>, 'b')]}
    """
    specific: dict[str, list[tuple[Role, str]]] = {}
    actors: dict[str, list[str]] = {}
    for ev, prop, actor in rows:
        if prop in _SPECIFIC_ROLES:
            specific.setdefault(ev, []).append((_SPECIFIC_ROLES[prop], actor))
        else:
            actors.setdefault(ev, []).append(actor)
    out: dict[str, list[tuple[Role, str]]] = {}
    for ev in dict.fromkeys([*specific, *actors]):
        pairs = specific.get(ev, [])
        named = {a for _r, a in pairs}
        out[ev] = sorted(set(pairs)) + [(Role.PARTICIPANT, a) for a in dict.fromkeys(actors.get(ev, [])) if a not in named]
    return out


def entity_kind(type_iri: str) -> EntityKind | None:
    """The entity kind a class IRI stands for (``schema:Person`` -> person), or None."""
    return _KIND_OF_TYPE.get(type_iri)


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


def mention_iri(article_id: str, span: Span) -> URIRef:
    """``<article>#char=<start>,<end>``: the words at those offsets (RFC 5147)."""
    return _iri(ID + f"{article_id}#char={span.start},{span.end}")


_CHAR_FRAGMENT = re.compile(r"#char=(\d+),(\d+)$")


def mention_offsets(iri: str) -> tuple[str, int, int] | None:
    """``(article IRI, start, end)`` of a mention IRI, or None when it is not one.

    >>> mention_offsets("https://w3id.org/newsgraph/id/a1#char=296,339")
    ('https://w3id.org/newsgraph/id/a1', 296, 339)
    """
    match = _CHAR_FRAGMENT.search(iri)
    if match is None:
        return None
    return iri[: match.start()], int(match.group(1)), int(match.group(2))


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


def _escaped(value: str) -> str:
    """A literal's lexical form escaped for N-Triples. Chained replaces run in C: for the
    record index's 18 MB of JSON at 1 k articles 0.03 s, where ``str.translate`` took 1.35 s.

    >>> print(_escaped('say "hi"\\n\\\\'))
    say \\"hi\\"\\n\\\\
    """
    if "\\" in value:
        value = value.replace("\\", "\\\\")
    if '"' in value:
        value = value.replace('"', '\\"')
    if "\n" in value or "\r" in value:
        value = value.replace("\n", "\\n").replace("\r", "\\r")
    return value


def _nt(term: URIRef | Lit) -> str:
    if isinstance(term, Lit):
        text = '"' + _escaped(term.value) + '"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None:
            return f"{text}^^<{term.datatype}>"
        return text
    return f"<{term}>"


def ntriples(triples: Iterable[Triple]) -> str:
    """N-Triples text of ``triples``. Every IRI newsgraph writes is built from slugs and
    hex ids under its own namespaces, so it needs no escaping; literals are escaped. Each
    distinct term is rendered once (a node is the subject of many triples)."""
    rendered: dict[URIRef | Lit, str] = {}

    def nt(term: URIRef | Lit) -> str:
        text = rendered.get(term)
        if text is None:
            text = rendered[term] = _nt(term)
        return text

    return "".join([f"{nt(s)} {nt(p)} {nt(o)} .\n" for s, p, o in triples])


def _begin_bounds(g: Triples, node: URIRef, earliest: dt.date | None, latest: dt.date | None) -> None:
    """The earliest and latest day an event began on, each when known."""
    for day, prop in ((earliest, SEM.hasEarliestBeginTimeStamp), (latest, SEM.hasLatestBeginTimeStamp)):
        if day is not None:
            g.add((node, prop, Lit(day.isoformat(), datatype=XSD.date)))


class _Writer:
    """Accumulates the triples of one article graph."""

    def __init__(self, ag: ArticleGraph) -> None:
        self.ag = ag
        self.aid = ag.article.id
        self.article = article_iri(self.aid)
        self.g = Triples()
        self.entity_nodes = {e.id: entity_iri(self.aid, e) for e in ag.entities}
        self.event_nodes = {e.id: event_iri(self.aid, e) for e in ag.events}
        self.statement_ids = {e.id for e in ag.events if isinstance(e, Statement)}
        self.mentions: dict[Span, URIRef] = {}  # the mention nodes written so far

    def add(self, s: URIRef, p: URIRef, o: URIRef | Lit) -> None:
        self.g.add((s, p, o))

    def node(self, node: URIRef, rdf_type: URIRef, label: str) -> None:
        """A node read from the article: its one type, its label, its article."""
        self.add(node, RDF.type, rdf_type)
        self.add(node, RDFS.label, Lit(label))
        self.add(node, PROV.wasDerivedFrom, self.article)

    def mention(self, span: Span) -> URIRef:
        """The mention node of ``span``: its exact words, in the article's text (written once)."""
        m = self.mentions.get(span)
        if m is None:
            m = self.mentions[span] = mention_iri(self.aid, span)
            self.add(m, NIF.anchorOf, Lit(span.text))
            self.add(m, NIF.referenceContext, self.article)
        return m

    def evidence(self, node: URIRef, spans: Iterable[Span], prop: URIRef = GAF.denotedBy) -> None:
        for span in spans:
            self.add(node, prop, self.mention(span))

    def write_article(self, art: Article) -> None:
        node = self.article
        self.add(node, RDF.type, SCHEMA.NewsArticle)
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
            self.add(pub, RDF.type, SCHEMA.Organization)
            self.add(pub, RDFS.label, Lit(art.publisher))

    def write_entity(self, ent: Entity) -> None:
        node = self.entity_nodes[ent.id]
        self.node(node, _ENTITY_TYPES[ent.kind], ent.name)
        for alias in ent.aliases:
            self.add(node, SKOS.altLabel, Lit(alias))
        self.evidence(node, ent.evidence)
        if ent.part_of and ent.part_of in self.entity_nodes:
            prop = SCHEMA.containedInPlace if ent.kind is EntityKind.PLACE else SCHEMA.parentOrganization
            self.add(node, prop, self.entity_nodes[ent.part_of])
        for index, title in enumerate(ent.titles):
            self.write_title(node, index, title)

    def write_title(self, person: URIRef, index: int, title) -> None:  # type: ignore[no-untyped-def]
        """An org:Post (ORG's range of org:holds), labelled with the title's words."""
        node = _iri(f"{person}/title/{index}")
        self.add(person, ORG.holds, node)
        self.add(node, RDFS.label, Lit(title.text))
        self.add(node, PROV.wasDerivedFrom, self.article)
        if title.of and title.of in self.entity_nodes:
            self.add(node, ORG.postIn, self.entity_nodes[title.of])
        self.evidence(node, title.evidence)

    def write_time(self, node: URIRef, time: TimeSpan) -> None:
        datatype = _PRECISION_DATATYPE.get(time.precision)
        if datatype is not None and time.value is not None:
            self.add(node, SEM.hasTimeStamp, Lit(time.value, datatype=datatype))
        _begin_bounds(self.g, node, time.earliest, time.latest)
        self.add(node, NG.edtf, Lit(time.edtf, datatype=EDTF))
        self.add(node, NG.datePrecision, Lit(time.precision.value))
        derivation = _iri(f"{node}/date")
        self.add(node, NG.dateDerivation, derivation)
        self.add(derivation, NG.anchorDate, Lit(time.anchor.isoformat(), datatype=XSD.date))
        self.add(derivation, NG.rule, Lit(time.rule))
        if time.phrase:
            self.add(derivation, NG.phrase, self.mention(time.phrase))

    def write_event(self, ev: Event) -> None:
        node = self.event_nodes[ev.id]
        self.node(node, SEM.Event, ev.label)
        if isinstance(ev, Statement):
            self.add(node, RDF.type, SCHEMA.Quotation)
        etype = event_type_iri(ev.type)
        self.add(node, SEM.eventType, etype)
        if ev.type not in EVENT_TYPES:  # the ontology declares its own types; a new one says its name
            self.add(etype, RDFS.label, Lit(ev.type))
        self.evidence(node, ev.evidence)
        for part in ev.participants:
            self.write_role(node, part.entity, part.role)
        for place in ev.places:
            if place in self.entity_nodes:
                self.add(node, SEM.hasPlace, self.entity_nodes[place])
        if ev.time:
            self.write_time(node, ev.time)
        fact = ev.factuality
        self.add(node, NG.certainty, _CERTAINTY[fact.certainty.value])
        self.add(node, NG.polarity, _POLARITY[fact.polarity.value])
        if fact.cue:
            self.add(node, NG.factualityCue, self.mention(fact.cue))
        if ev.quantity:
            if ev.quantity.value is not None:
                self.add(node, NG.quantity, Lit(str(ev.quantity.value), XSD.integer))
            if ev.quantity.qualifier:
                self.add(node, NG.quantityQualifier, Lit(ev.quantity.qualifier))
            self.add(node, NG.quantityText, self.mention(ev.quantity.text))
        if isinstance(ev, Statement):
            self.write_statement(node, ev)

    def write_role(self, node: URIRef, entity_id: str, role: Role) -> None:
        if entity_id in self.entity_nodes:
            for prop in _ROLE_PROPERTIES[role]:
                self.add(node, prop, self.entity_nodes[entity_id])

    def write_statement(self, node: URIRef, st: Statement) -> None:
        if st.speaker:
            self.write_role(node, st.speaker, Role.SPEAKER)
        elif st.speaker_description:  # "a witness said": who spoke, described, never named
            who = _iri(f"{node}/speaker")
            self.node(who, NG.UnnamedSpeaker, f"{st.speaker_description.text} (unnamed)")
            self.add(node, SCHEMA.creator, who)
            self.evidence(who, [st.speaker_description])
        if st.addressee:
            self.write_role(node, st.addressee, Role.ADDRESSEE)
        if st.quote:
            self.add(node, SCHEMA.text, Lit(st.quote.text))
            self.evidence(node, [st.quote])
        self.add(node, NG.quoteKind, Lit(st.quote_kind.value))
        for prop, refs in ((NG.reports, st.reports), (NG.callsFor, st.calls_for)):
            for ref in refs:
                if ref in self.event_nodes:  # a statement the words relay is a link of the chain
                    self.add(node, NG.reportsStatement if prop is NG.reports and ref in self.statement_ids else prop,
                             self.event_nodes[ref])


def event_type_iri(event_type: str) -> URIRef:
    """``ngt:<type>``: an event type. The ontology declares newsgraph's types with their labels
    (their local names); a graph labels only a type the ontology does not declare."""
    return _iri(NGT + slug(event_type))


def event_type_label(iri: str) -> str:
    """The label of a declared event type IRI: its local name (``ngt:arrest`` -> ``arrest``)."""
    return iri.rpartition("#")[2]


def article_triples(ag: ArticleGraph) -> Triples:
    """The triples of one article: every fact once, compact mentions, no blank nodes."""
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
# What a corpus block is rendered from besides its record: this module and the records' classes.
_RENDER_SOURCE = hashlib.sha256(b"".join(Path(__file__).with_name(name).read_bytes()
                                           for name in ("rdf.py", "model.py"))).digest()


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
        w.add((node, PROV.wasDerivedFrom, _iri(art)))
    w.add((node, NG.sourceCount, Lit(str(len(set(articles))), XSD.integer)))


def _corpus_entity(g: Triples, ent: CorpusEntity) -> None:
    node = corpus_node_iri(ent.id)
    g.add((node, RDF.type, _ENTITY_TYPES[ent.kind]))
    g.add((node, RDFS.label, Lit(ent.label)))
    for other in ent.forms:
        if other != ent.label:
            g.add((node, SKOS.altLabel, Lit(other)))
    _corpus_sources(g, node, ent.members, ent.articles)
    for index, merge in enumerate(ent.merges, 1):
        rec = _iri(f"{node}/merge/{index}")
        g.add((node, NG.hasMerge, rec))
        g.add((rec, NG.mergeRule, Lit(merge.rule)))
        g.add((rec, NG.mergedForm, Lit(merge.form)))
        g.add((rec, NG.mergedForm, Lit(merge.matched)))


def _corpus_event(g: Triples, ev: CorpusEvent) -> None:
    node = corpus_node_iri(ev.id)
    g.add((node, RDF.type, SEM.Event))
    if ev.is_statement:
        g.add((node, RDF.type, SCHEMA.Quotation))
    g.add((node, RDFS.label, Lit(ev.label)))
    g.add((node, SEM.eventType, event_type_iri(ev.type)))
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
        if ev.quantity_qualifier:
            g.add((node, NG.quantityQualifier, Lit(ev.quantity_qualifier)))
    for disputed, prop in ((ev.date_disputed, NG.dateDisputed), (ev.quantity_disputed, NG.quantityDisputed)):
        if disputed:
            g.add((node, prop, Lit("true", XSD.boolean)))
    if ev.quote:
        g.add((node, SCHEMA.text, Lit(ev.quote)))
    for ref in ev.reports:
        g.add((node, NG.reports, corpus_node_iri(ref)))


class Block(NamedTuple):
    """One corpus node's part of the corpus graph, as N-Triples: its own triples, its merge
    records and the ``owl:sameAs`` links to it, sealed by an ``ng:contentDigest`` of them."""

    digest: str
    text: str


def corpus_nodes(corpus: Corpus) -> dict[str, str]:
    """Each corpus node IRI and a fingerprint of what its block is rendered from: 32 hex of
    the SHA-256 of the node's record and of this module's source (a change to the rendering
    changes every fingerprint). Equal fingerprints give equal blocks, so a block whose
    fingerprint is unchanged need not be rendered again (:func:`corpus_blocks` ``only``).
    """
    salt, root = _RENDER_SOURCE, f"{ID}{CORPUS_ID}"
    out = {root: _fingerprint(salt, ("articles", corpus.articles))}
    for record in (*corpus.entities, *corpus.events):
        out[f"{root}/{record.id}"] = _fingerprint(salt, record)  # = corpus_node_iri(record.id)
    return out


def _fingerprint(salt: bytes, record: object) -> str:
    return hashlib.sha256(salt + repr(record).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def corpus_blocks(corpus: Corpus, only: set[str] | None = None) -> dict[str, Block]:
    """The corpus graph, by corpus node IRI (with ``only``, just those nodes' blocks). Every
    triple belongs to exactly one block, so a store can replace the blocks whose digest
    changed and leave the rest alone.

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
    if only is None or str(root) in only:
        g = Triples()
        g.add((root, RDF.type, NG.Corpus))
        g.add((root, RDFS.label, Lit("newsgraph corpus")))
        for art in corpus.articles:
            g.add((root, PROV.hadMember, _iri(art)))
        blocks[str(root)] = _sealed(root, g)
    for ent in corpus.entities:
        node = corpus_node_iri(ent.id)
        if only is None or str(node) in only:
            g = Triples()
            _corpus_entity(g, ent)
            blocks[str(node)] = _sealed(node, g)
    for ev in corpus.events:
        node = corpus_node_iri(ev.id)
        if only is None or str(node) in only:
            g = Triples()
            _corpus_event(g, ev)
            blocks[str(node)] = _sealed(node, g)
    return blocks


def _sealed(node: URIRef, triples: Triples) -> Block:
    lines = sorted(ntriples(triples).splitlines(True))
    digest = hashlib.sha256("".join(lines).encode("utf-8")).hexdigest()[:32]
    return Block(digest, "".join(lines) + f'<{node}> <{NG.contentDigest}> "{digest}" .\n')


# ----------------------------------------------------------------------------- Web Annotation view

CONTEXT_CHARS = 32  # prefix/suffix length of a TextQuoteSelector
MENTION_LINKS: tuple[URIRef, ...] = (GAF.denotedBy, NG.factualityCue, NG.quantityText, NG.phrase)


def annotation_iri(mention: str) -> URIRef:
    """``id/<article>/evidence/<start>-<end>``: the Web Annotation of a mention."""
    article, start, end = mention_offsets(mention) or ("", 0, 0)
    return _iri(f"{article}/evidence/{start}-{end}")


def web_annotation_triples(links: Iterable[tuple[str, str]], texts: dict[str, str]) -> Triples:
    """W3C Web Annotations for ``(node, mention IRI)`` links: one annotation per mention
    (body: every node it supports; target: the words in the article, by a
    TextQuoteSelector with 32 characters of context and a TextPositionSelector), read from
    the mention's offsets and the article's text (``texts``: article IRI -> text).

    >>> t = web_annotation_triples([(ID + "a1/person/k", ID + "a1#char=0,4")], {ID + "a1": "Igor spoke."})
    >>> [o.value for s, p, o in t if p in (OA.exact, OA.suffix)]
    ['Igor', ' spoke.']
    """
    g = Triples()
    for node, mention in links:
        found = mention_offsets(mention)
        if found is None or found[0] not in texts:
            continue
        article, start, end = found
        text = texts[article]
        ev = annotation_iri(mention)
        g.add((_iri(node), NG.hasEvidence, ev))
        g.add((ev, OA.hasBody, _iri(node)))
        if (ev, RDF.type, OA.Annotation) in g:
            continue
        target, quote, position = _iri(ev + "/target"), _iri(ev + "/quote"), _iri(ev + "/position")
        for s, p, o in (
            (ev, RDF.type, NG.Evidence), (ev, RDF.type, OA.Annotation), (ev, OA.motivatedBy, OA.identifying),
            (ev, OA.hasTarget, target), (target, RDF.type, OA.SpecificResource),
            (target, OA.hasSource, _iri(article)), (target, OA.hasSelector, quote),
            (target, OA.hasSelector, position), (quote, RDF.type, OA.TextQuoteSelector),
            (quote, OA.exact, Lit(text[start:end])),
            (quote, OA.prefix, Lit(text[max(0, start - CONTEXT_CHARS) : start])),
            (quote, OA.suffix, Lit(text[end : end + CONTEXT_CHARS])),
            (position, RDF.type, OA.TextPositionSelector),
            (position, OA.start, Lit(str(start), XSD.integer)), (position, OA.end, Lit(str(end), XSD.integer)),
        ):
            g.add((s, p, o))
    return g
