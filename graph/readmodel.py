"""One read model: the records newsgraph gets back out of a store, each kind in one or two queries.

The corpus layer (:mod:`graph.corpuslayer`), the network (:mod:`graph.export.netgraph`), the
explorer (:mod:`graph.export.explorer`) and the article list (:mod:`graph.listing`) read
through these functions, so the store's shape (``ontology/README.md``) is spelled out here
once. Each query is portable SPARQL 1.1 (tested against Oxigraph, ``oxigraph serve`` and
Virtuoso): it asks for the properties of many nodes at once as ``?node ?property ?value``
rows (``VALUES ?property { ... }``), mostly without a join, and the rows are folded into one
record per node here, in Python. A query of many ``OPTIONAL`` s costs far more on a large
store, one query per property a scan each, and in Oxigraph a join on the node's type costs
more per row than reading the few rows of other nodes and dropping them.

Records are plain frozen dataclasses with IRIs and lexical values as strings; a property
written more than once where the model writes it once gives its least value, so a record
never depends on the order a store answers in.

>>> import tempfile
>>> from graph.store import open_store
>>> store = open_store(tempfile.mkdtemp() + "/s", create=True)
>>> from rdflib import Graph
>>> ttl = ("@prefix s: <https://schema.org/> . @prefix id: <https://w3id.org/newsgraph/id/> . "
...        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix prov: <http://www.w3.org/ns/prov#> . "
...        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> . "
...        'id:a1 a s:NewsArticle ; s:datePublished "2017-04-03" . '
...        'id:a1-lee a s:Person ; rdfs:label "Ann Lee" ; skos:altLabel "Lee" ; prov:wasDerivedFrom id:a1 .')
>>> store.replace_graph("https://w3id.org/newsgraph/graph/a1", Graph().parse(data=ttl, format="turtle"))
>>> [(e.kind.value, e.label, e.aliases) for e in nodes(store).entities]
[('person', 'Ann Lee', ('Lee',))]
>>> [a.published for a in articles(store)]
['2017-04-03']
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .model import EntityKind, Role
from .ontology import NG, ORG, PROV, RDF, RDFS, SCHEMA, SEM, SKOS
from .rdf import ROLE_PROPERTY_VALUES, corpus_graph_iri, entity_kind, mention_offsets, roles_from
from .store import Store

CORPUS_GRAPH = str(corpus_graph_iri())
_KIND_ORDER = (EntityKind.PERSON, EntityKind.ORGANIZATION, EntityKind.PLACE)  # a node typed twice: the first


# ----------------------------------------------------------------------------- records


@dataclass(frozen=True)
class StoredArticle:
    """One article node (``schema:NewsArticle``) and the named graph it was read from."""

    node: str
    graph: str
    published: str | None = None  # the lexical value of schema:datePublished
    headline: str | None = None
    outlet: str | None = None  # the publisher's label
    url: str | None = None
    body: str | None = None  # schema:articleBody; None when not asked for


@dataclass(frozen=True)
class Title:
    """A post a person holds: its words and what it is of (``org:postIn``'s label)."""

    words: str
    of: str | None = None

    @property
    def text(self) -> str:
        """The title as one phrase.

        >>> Title("Secretary of State", "United States").text
        'Secretary of State of United States'
        """
        return f"{self.words} of {self.of}" if self.of else self.words


@dataclass(frozen=True)
class StoredEntity:
    """A person, organization or place node read from an article (``prov:wasDerivedFrom``), or
    a corpus node. ``aliases`` and ``titles`` are sorted."""

    node: str
    graph: str | None  # the named graph the node was read from
    kind: EntityKind
    label: str
    article: str  # the first prov:wasDerivedFrom in IRI order (a corpus node has several)
    aliases: tuple[str, ...] = ()
    titles: tuple[Title, ...] = ()


@dataclass(frozen=True)
class StoredEvent:
    """An event or statement node (``sem:Event``; a statement is also ``schema:Quotation``).

    Dates are the lexical values written (``earliest``/``latest`` the begin bounds); the
    derivation (``phrase``, ``anchor``, ``rule``), the factuality ``cue`` and the type's own
    label are read only when :func:`events` is asked for ``details``. ``roles`` are the
    actors by their most specific role (:func:`graph.rdf.roles_from`); ``actors`` the nodes
    linked by ``sem:hasActor`` itself.
    """

    node: str
    graph: str | None  # the named graph the node was read from
    type: str | None = None  # the event type IRI
    label: str | None = None
    is_statement: bool = False
    article: str | None = None  # the first prov:wasDerivedFrom in IRI order
    edtf: str | None = None
    precision: str | None = None
    earliest: str | None = None
    latest: str | None = None
    certainty: str | None = None  # the IRI, e.g. ng:Probable
    polarity: str | None = None
    quantity: str | None = None
    qualifier: str | None = None
    text: str | None = None  # a statement's quote
    disputed: str | None = None  # a corpus event's ng:dateDisputed, decided by the corpus layer
    roles: tuple[tuple[Role, str], ...] = ()
    actors: frozenset[str] = frozenset()
    places: tuple[str, ...] = ()
    reports: tuple[str, ...] = ()  # ng:reports
    relays: tuple[str, ...] = ()  # ng:reportsStatement
    calls_for: tuple[str, ...] = ()  # ng:callsFor
    phrase: str | None = None
    anchor: str | None = None
    rule: str | None = None
    cue: str | None = None
    type_label: str | None = None  # the rdfs:label a graph gives an undeclared type


@dataclass(frozen=True)
class Mention:
    """The exact words supporting a node (``gaf:denotedBy``) or hedging an event
    (``ng:factualityCue``), with their article and offsets in its text (from the IRI,
    ``<article#char=start,end>``)."""

    node: str
    mention: str
    exact: str
    article: str
    start: int
    end: int


@dataclass(frozen=True)
class ArticleCounts:
    """What was found in one article graph."""

    entities: int = 0
    events: int = 0
    statements: int = 0


# ----------------------------------------------------------------------------- queries

_NOT_CORPUS = f"FILTER (?g != <{CORPUS_GRAPH}>)"


def _values(properties: Iterable[object]) -> str:
    """IRIs written for a ``VALUES`` block, in a stable order."""
    return " ".join(f"<{p}>" for p in sorted(map(str, properties)))


def _graphs(corpus: bool) -> str:
    """The filter that leaves the corpus graph out, unless ``corpus``."""
    return "" if corpus else _NOT_CORPUS


_ARTICLE_PROPERTIES = (SCHEMA.datePublished, SCHEMA.headline, SCHEMA.url)
ARTICLES_QUERY = """
SELECT ?g ?a ?p ?o WHERE {{
  GRAPH ?g {{
    ?a a schema:NewsArticle .
    {{ VALUES ?p {{ {properties} }} ?a ?p ?o }}
    UNION {{ ?a schema:publisher/rdfs:label ?o BIND ("outlet" AS ?p) }}
  }} {graphs}
}}"""

_SINGLE = {  # property -> field of StoredEvent holding its one value
    str(SEM.eventType): "type", str(RDFS.label): "label", str(NG.edtf): "edtf", str(NG.datePrecision): "precision",
    str(SEM.hasEarliestBeginTimeStamp): "earliest", str(SEM.hasLatestBeginTimeStamp): "latest",
    str(NG.certainty): "certainty", str(NG.polarity): "polarity", str(NG.quantity): "quantity",
    str(NG.quantityQualifier): "qualifier", str(SCHEMA.text): "text", str(NG.dateDisputed): "disputed",
}
_MANY = {str(SEM.hasPlace): "places", str(NG.reports): "reports", str(NG.reportsStatement): "relays",
         str(NG.callsFor): "calls_for"}
_ROLE_IRIS = frozenset(p.strip("<>") for p in ROLE_PROPERTY_VALUES.split())
# Every property of an entity, a title (its post) or an event, read without a join: a join
# on the node's type costs more than reading the few rows of other nodes and dropping them.
# Each property comes back as a short key (its place in _NODE_PROPERTY_IRIS), not as its IRI:
# Oxigraph looks up every long IRI it returns, and the property's was a fifth of the query's time.
NODES_QUERY = "SELECT {select} WHERE {{ GRAPH ?g {{ VALUES (?p ?k) {{ {properties} }} ?s ?p ?o }} {graphs} }}"
_NODE_PROPERTY_IRIS: tuple[str, ...] = tuple(sorted(map(str, (
    RDF.type, PROV.wasDerivedFrom, SKOS.altLabel, ORG.holds, ORG.postIn, *_SINGLE, *_MANY, *_ROLE_IRIS))))
_NODE_PROPERTIES = " ".join(f'(<{p}> "{i}")' for i, p in enumerate(_NODE_PROPERTY_IRIS))
_NODE_KEYS = {str(i): p for i, p in enumerate(_NODE_PROPERTY_IRIS)}  # key -> property IRI
# What entity resolution and event coreference use, read from the article graphs alone:
# fewer rows, and no graph names (a node's article is its prov:wasDerivedFrom).
_CORPUS_PROPERTIES = _values((
    RDF.type, PROV.wasDerivedFrom, SKOS.altLabel, ORG.holds, RDFS.label, SEM.eventType, SEM.hasEarliestBeginTimeStamp,
    SEM.hasLatestBeginTimeStamp, NG.datePrecision, NG.edtf, NG.quantity, SCHEMA.text, NG.reports, NG.reportsStatement,
    *_ROLE_IRIS))
# What lies one node further: the date's derivation, the hedge words, an undeclared type's label.
EVENT_DETAILS_QUERY = """
SELECT ?s ?key ?o WHERE {
  { ?s ng:dateDerivation/ng:rule ?o BIND ("rule" AS ?key) }
  UNION { ?s ng:dateDerivation/ng:anchorDate ?o BIND ("anchor" AS ?key) }
  UNION { ?s ng:dateDerivation/ng:phrase/nif:anchorOf ?o BIND ("phrase" AS ?key) }
  UNION { ?s ng:factualityCue/nif:anchorOf ?o BIND ("cue" AS ?key) }
}"""
# An undeclared type's label: asked of the few types in use (EVENT_TYPES_QUERY) rather than of
# every event, which cost Oxigraph half a second at 1,000 articles to find, usually, none.
EVENT_TYPES_QUERY = "SELECT DISTINCT ?t WHERE { [] sem:eventType ?t }"
TYPE_LABELS_QUERY = """
SELECT ?s ?key ?o WHERE {{
  {types} ?t rdfs:label ?o . ?s sem:eventType ?t ; a sem:Event BIND ("type_label" AS ?key)
}}"""

# Links to mentions and the mentions' words, without a join (a join costs more here than
# the words of the date phrases and quantities that come along); the article and the
# offsets are in the mention's IRI (``<article#char=start,end>``, ontology/README.md).
# The property comes back as a short key, as in NODES_QUERY: "w" for the words (nif:anchorOf).
MENTIONS_QUERY = ('SELECT ?s ?k ?o WHERE { VALUES (?p ?k) { (gaf:denotedBy "m") (ng:factualityCue "m") '
                  '(nif:anchorOf "w") } ?s ?p ?o }')

SAME_AS_QUERY = f"SELECT ?member ?canonical WHERE {{ GRAPH <{CORPUS_GRAPH}> {{ ?member owl:sameAs ?canonical }} }}"

COUNTS_QUERY = """
SELECT ?g ?class (COUNT(DISTINCT ?e) AS ?n) WHERE {
  GRAPH ?g {
    VALUES ?class { schema:Person schema:Organization schema:Place sem:Event schema:Quotation }
    ?e a ?class
    FILTER (?class IN (sem:Event, schema:Quotation) || EXISTS { ?e gaf:denotedBy [] })
  }
} GROUP BY ?g ?class"""


# ----------------------------------------------------------------------------- readers


def articles(store: Store, *, body: bool = False, corpus: bool = True) -> list[StoredArticle]:
    """Every article node, by graph then node (``body``: with its text; ``corpus`` False:
    not the corpus graph's, which holds none anyway). One query."""
    props = _ARTICLE_PROPERTIES + ((SCHEMA.articleBody,) if body else ())
    found: dict[tuple[str, str], dict[str, str]] = {}
    names = {str(SCHEMA.datePublished): "published", str(SCHEMA.headline): "headline", str(SCHEMA.url): "url",
             str(SCHEMA.articleBody): "body", "outlet": "outlet"}
    for g, a, p, o in store.select_values(ARTICLES_QUERY.format(properties=_values(props), graphs=_graphs(corpus))):
        fields, name = found.setdefault((g, a), {}), names[p]  # type: ignore[arg-type,index]
        if name not in fields or o < fields[name]:  # type: ignore[operator]
            fields[name] = o  # type: ignore[assignment]
    return [StoredArticle(a, g, **fields) for (g, a), fields in sorted(found.items())]


@dataclass(frozen=True)
class Nodes:
    """The entities and the events (statements among them) of a store, by graph then node."""

    entities: list[StoredEntity]
    events: list[StoredEvent]


def nodes(store: Store, *, details: bool = False, corpus: bool = True) -> Nodes:
    """Every person, organization and place read from an article, with its names and titles,
    and every event and statement, with its type, label, dates, factuality, quantity,
    quote, roles, places and what it reports: one query (``corpus`` False: not the corpus
    graph's nodes). With ``details`` a second one reads the date's derivation, the hedge
    words and an undeclared type's label.

    A node in no article (the publisher: metadata, not read from the text) is no entity.
    """
    found: defaultdict[tuple[str | None, str], defaultdict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    keys = _NODE_KEYS
    for g, s, k, o in store.select_values(NODES_QUERY.format(select="?g ?s ?k ?o", properties=_NODE_PROPERTIES,
                                                                   graphs=_graphs(corpus))):
        found[g, s][keys[k]].append(o)  # type: ignore[index,arg-type]
    return _fold(found, _event_extras(store) if details else {})


def _event_extras(store: Store) -> dict[str, dict[str, str]]:
    """Each event's date derivation, hedge words and undeclared type's label, by field name
    (the least value of each)."""
    extra: dict[str, dict[str, str]] = defaultdict(dict)
    rows = store.select_values(EVENT_DETAILS_QUERY) + _type_labels(store)
    for s, key, o in sorted(rows, key=lambda r: tuple(v or "" for v in r)):
        extra[s].setdefault(key, o)  # type: ignore[index,arg-type]
    return extra


def _type_labels(store: Store) -> list[list[str | None]]:
    """(event, "type_label", label) for each label of each type of each event (sem:Event)."""
    types = [row[0] for row in store.query(EVENT_TYPES_QUERY).rows if row[0] is not None]
    if not types:
        return []
    if any(t.kind == "bnode" for t in types):  # which VALUES cannot name: every type then
        values = ""
    else:  # a literal is no subject: it has no label
        values = "VALUES ?t { %s }" % " ".join(f"<{t.value}>" for t in types if t.kind == "uri")
    return store.select_values(TYPE_LABELS_QUERY.format(types=values))


def _fold(found: Mapping[tuple[str | None, str], Mapping[str, list[str]]],
          extra: Mapping[str, Mapping[str, str]]) -> Nodes:
    """The records of the nodes whose properties are ``found``, by (graph, node)."""
    out = Nodes([], [])
    ordered = sorted(found.items(), key=lambda item: (item[0][0] or "", item[0][1]))
    event, roles_of = str(SEM.Event), sorted(_ROLE_IRIS)
    roles = roles_from((f"{g} {s}", p, o) for (g, s), props in ordered if event in props.get(str(RDF.type), ())
                       for p in roles_of for o in sorted(props.get(p, ())))  # once for all: it folds many rows
    for (g, s), props in ordered:
        types = props.get(str(RDF.type), ())
        if event in types:
            out.events.append(_event(g, s, props, extra.get(s, {}), tuple(roles.get(f"{g} {s}", ()))))
        elif types:
            entity = _entity(g, s, props, found)
            if entity is not None:
                out.entities.append(entity)
    return out


def _entity(g: str | None, s: str, props: Mapping[str, list[str]],
            found: Mapping[tuple[str | None, str], Mapping[str, list[str]]]) -> StoredEntity | None:
    """The entity a node's properties describe (its posts' looked up in ``found``), or None."""
    kinds = {entity_kind(t) for t in props.get(str(RDF.type), ())}
    kind = next((k for k in _KIND_ORDER if k in kinds), None)
    labels, sources = props.get(str(RDFS.label)), props.get(str(PROV.wasDerivedFrom))
    if kind is None or not labels or not sources:
        return None
    titles = set()
    for post in props.get(str(ORG.holds), ()):
        words = found.get((g, post), {}).get(str(RDFS.label))
        if words:
            ofs = [label for place in found[(g, post)].get(str(ORG.postIn), ())
                   for label in found.get((g, place), {}).get(str(RDFS.label), ())]
            titles.update(Title(min(words), of) for of in (ofs or [None]))
    return StoredEntity(s, g, kind, min(labels), min(sources), tuple(sorted(set(props.get(str(SKOS.altLabel), ())))),
                        tuple(sorted(titles, key=lambda t: (t.words, t.of or ""))))


def _event(g: str | None, s: str, props: Mapping[str, list[str]], extra: Mapping[str, str],
           roles: tuple[tuple[Role, str], ...]) -> StoredEvent:
    """The event a node's properties describe (``extra``: its details by field name)."""
    fields: dict[str, object] = {name: min(props[p]) for p, name in _SINGLE.items() if p in props}
    fields.update({name: tuple(sorted(set(props[p]))) for p, name in _MANY.items() if p in props})
    fields.update(extra)
    sources = props.get(str(PROV.wasDerivedFrom))
    return StoredEvent(s, g, article=min(sources) if sources else None,
                       is_statement=str(SCHEMA.Quotation) in props[str(RDF.type)], roles=roles,
                       actors=frozenset(props.get(str(SEM.hasActor), ())), **fields)  # type: ignore[arg-type]


def mentions(store: Store) -> list[Mention]:
    """Every node's mentions (its words and, for an event, its hedge words), by node, then
    article and offset. One query.

    A mention is read only when it has its words and its IRI holds its article and offsets.
    """
    words: dict[str, str] = {}
    links: set[tuple[str, str]] = set()
    for s, k, o in store.select_values(MENTIONS_QUERY):
        if k == "w":
            words.setdefault(s, o)  # type: ignore[arg-type]
        else:
            links.add((s, o))  # type: ignore[arg-type]
    out = []
    for node, mention in links:
        found = mention_offsets(mention)
        if found is not None and mention in words:
            out.append(Mention(node, mention, words[mention], *found))
    return sorted(out, key=lambda m: (m.node, m.article, m.start, m.mention))


def same_as(store: Store) -> dict[str, str]:
    """Each article node the corpus graph links to a corpus node (``owl:sameAs``): member -> corpus node."""
    return {m: c for m, c in store.select_values(SAME_AS_QUERY) if m is not None and c is not None}


def article_counts(store: Store) -> dict[str, ArticleCounts]:
    """Per named graph: the entities its text names (the publisher, known from the page's
    metadata alone, is not one), its events (statements not counted) and statements. One query."""
    by_class: dict[str, dict[str, int]] = defaultdict(dict)
    for g, cls, n in store.select_values(COUNTS_QUERY):
        by_class[g][cls] = int(n or 0)  # type: ignore[index]
    out = {}
    for g, n in by_class.items():
        statements = n.get(str(SCHEMA.Quotation), 0)
        out[g] = ArticleCounts(
            entities=sum(n.get(str(c), 0) for c in (SCHEMA.Person, SCHEMA.Organization, SCHEMA.Place)),
            events=n.get(str(SEM.Event), 0) - statements, statements=statements)
    return out


# ----------------------------------------------------------------------------- the corpus layer's records

EVENT_DETAILS = {"earliestBegin": "sem:hasEarliestBeginTimeStamp", "latestBegin": "sem:hasLatestBeginTimeStamp",
                 "datePrecision": "ng:datePrecision", "edtf": "ng:edtf", "quantity": "ng:quantity",
                 "quantityQualifier": "ng:quantityQualifier", "quote": "schema:text"}
_PARTS: dict[str, tuple[str, str]] = {
    "article": ("?a ?published", "?a a schema:NewsArticle ; schema:datePublished ?published"),
    "entities": ("?e ?kind ?label", "VALUES ?kind { schema:Person schema:Organization schema:Place } "
                 "?e a ?kind ; rdfs:label ?label ; prov:wasDerivedFrom []"),
    "actors": ("DISTINCT ?e", "[] sem:hasActor ?e"),
    "aliases": ("?e ?alias", "?e skos:altLabel ?alias"),
    "titles": ("?e ?title", "?e org:holds/rdfs:label ?title"),
    "events": ("?ev ?type ?label", "?ev a sem:Event ; sem:eventType ?type ; rdfs:label ?label"),
    "statements": ("?ev", "?ev a schema:Quotation"),
    **{f"detail:{name}": ("?ev ?value", f"?ev {prop} ?value") for name, prop in EVENT_DETAILS.items()},
    "roles": ("?ev ?role ?actor", f"VALUES ?role {{ {ROLE_PROPERTY_VALUES} }} ?ev ?role ?actor"),
    "reports": ("?st ?ev", "?st ng:reports|ng:reportsStatement ?ev"),
}
ArticleRecords = dict[str, list[list[str]]]  # part -> rows, sorted: what one article graph gives the corpus layer


def records_complete(records: ArticleRecords) -> bool:
    """Whether ``records`` hold every part this release reads (an index written by an
    older release may lack one, and is then read again from the article graphs).

    >>> records_complete({part: [] for part in _PARTS}), records_complete({"article": []})
    (True, False)
    """
    return records.keys() >= _PARTS.keys()


def records_of_ntriples(text: str) -> ArticleRecords:
    """The records of one article graph given as N-Triples, computed by :func:`article_records`'s
    own queries on a store in memory: an ingest into a store that reads back what it was
    given (:attr:`Store.reads_back_as_written`) knows an article's records before it writes
    the graph, in the worker that rendered it, and need not read them back at the end (4 to
    12 ms a graph at 10 k articles, one graph after another).

    >>> records = records_of_ntriples('<https://w3id.org/newsgraph/id/a1> '
    ...     '<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/NewsArticle> .\\n'
    ...     '<https://w3id.org/newsgraph/id/a1> <https://schema.org/datePublished> "2017-04-03" .')
    >>> records["article"]
    [['https://w3id.org/newsgraph/id/a1', '2017-04-03']]
    """
    from .store.oxigraph import OxigraphStore

    memory = OxigraphStore(None)
    memory.replace_graph(_IN_MEMORY, text)
    return article_records(memory, [_IN_MEMORY])[_IN_MEMORY]


_IN_MEMORY = "urn:newsgraph:graph"


def article_records(store: Store, graphs: list[str] | None = None) -> dict[str, ArticleRecords]:
    """Each article graph's records (:data:`_PARTS`), read from the article graphs
    themselves: every one (``graphs`` None, one query a part) or only ``graphs`` (one
    query a part and graph). The one place the corpus layer reads articles. A graph that
    holds no article has no ``article`` row: it is kept, and left out of the corpus."""
    out: dict[str, ArticleRecords] = {g: {part: [] for part in _PARTS}
                                      for g in (store.graph_iris() if graphs is None else graphs) if g != CORPUS_GRAPH}
    for part, (select, pattern) in _PARTS.items():
        distinct, select = ("DISTINCT ", select[9:]) if select.startswith("DISTINCT ") else ("", select)
        if graphs is None:
            rows = store.select_values(f"SELECT {distinct}?g {select} WHERE {{ GRAPH ?g {{ {pattern} }} "
                                       f"FILTER (?g != <{CORPUS_GRAPH}>) }}")
        else:
            rows = [[g, *row] for g in graphs
                    for row in store.select_values(f"SELECT {distinct}{select} WHERE {{ GRAPH <{g}> {{ {pattern} }} }}")]
        for g, *row in rows:
            if g in out:
                out[g][part].append(row)  # type: ignore[index,arg-type]
    for records in out.values():
        for rows in records.values():
            rows.sort()
    return out
