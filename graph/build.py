"""The main job: seed articles -> model -> RDF -> store -> exports/.

A seed is a curated annotation (``*.yaml``, ``*.yml``, ``*.json``) with its article text
beside it, or an article file (``.txt``, ``.md``, ``.html``, ``.jsonl``) with no
annotation, which is then extracted automatically; its metadata comes from
``NAME.meta.yaml`` beside it. Files are read through :mod:`graph.inputs`, as ``ingest``
reads them.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from .errors import InputError, ShapeError
from .model import ArticleGraph
from .rdf import article_triples, graph_iri, to_rdf
from .store import Store
from .validate import validate_graph

EXPORT_NAMES = {"turtle": "newsgraph.ttl", "trig": "newsgraph.trig", "nquads": "newsgraph.nq", "jsonld": "newsgraph.jsonld"}


@dataclass
class Summary:
    """What a build or ingest produced; ``counts`` come from the store."""

    articles: int = 0
    actors: int = 0
    persons: int = 0
    organizations: int = 0
    places: int = 0
    events: int = 0
    dated_events: int = 0
    statements: int = 0
    first_date: str | None = None
    last_date: str | None = None
    written: list[str] = field(default_factory=list)


def load_seeds(seeds: Path, *, nlp: object | None = None) -> list[tuple[str, ArticleGraph]]:
    """Every article in ``seeds`` as (source, graph): read through :mod:`graph.inputs`, the
    door ``ingest`` uses too, curated when it has an annotation, else extracted, and named
    by the one identity rule, so ``build`` and ``ingest`` give a file the same IRI."""
    from .inputs import expand, identity, read, sources

    if not Path(seeds).is_dir():
        raise InputError(f"{seeds}: no such folder of seeds")
    files, problems = expand([seeds])
    srcs, unreadable = sources(files)
    problems += unreadable
    loaded: list[tuple[str, ArticleGraph]] = []
    for item in read(srcs, None):
        if isinstance(item, tuple):
            problems.append(item)
            continue
        if item.graph is not None:
            ag = item.graph
        else:
            from .extract import extract

            ag = extract(item.article, nlp=nlp)  # type: ignore[arg-type]
        ag.article.id = identity(ag.article)
        loaded.append((item.source, ag))
    if problems:
        raise InputError("; ".join(f"{name}: {message}" for name, message in problems))
    return loaded


def check(graph: Graph, where: str) -> None:
    """Raise ShapeError when an article's graph does not conform to the shapes."""
    report = validate_graph(graph)
    if not report.conforms:
        raise ShapeError(f"{where}: the graph does not conform to the shapes ({report.violations} violations); "
                         f"run `newsgraph validate` for the report")


def load_into(store: Store, ag: ArticleGraph) -> None:
    """Replace the article's named graph in one transaction."""
    store.replace_graph(str(graph_iri(ag.article.id)), article_triples(ag))


# Article nodes are prov:wasDerivedFrom their article; corpus nodes (ng:Canonical) are left out.
SUMMARY_QUERY = """
SELECT
  (COUNT(DISTINCT ?article) AS ?articles)
  (COUNT(DISTINCT ?person) AS ?persons) (COUNT(DISTINCT ?org) AS ?orgs) (COUNT(DISTINCT ?place) AS ?places)
  (COUNT(DISTINCT ?actor) AS ?actors) (COUNT(DISTINCT ?event) AS ?events)
  (COUNT(DISTINCT ?dated) AS ?dated) (COUNT(DISTINCT ?statement) AS ?statements)
WHERE {
  { ?article a schema:NewsArticle }
  UNION { ?person a schema:Person ; prov:wasDerivedFrom [] FILTER NOT EXISTS { ?person a ng:Canonical } }
  UNION { ?org a schema:Organization ; prov:wasDerivedFrom [] FILTER NOT EXISTS { ?org a ng:Canonical } }
  UNION { ?place a schema:Place ; prov:wasDerivedFrom [] FILTER NOT EXISTS { ?place a ng:Canonical } }
  UNION { VALUES ?kind { schema:Person schema:Organization }
          ?actor a ?kind ; prov:wasDerivedFrom [] FILTER NOT EXISTS { ?actor a ng:Canonical } }
  UNION { [] sem:hasActor ?actor FILTER NOT EXISTS { ?actor a ng:Canonical } }
  UNION { ?event a sem:Event ; prov:wasDerivedFrom [] FILTER NOT EXISTS { ?event a schema:Quotation }
          FILTER NOT EXISTS { ?event a ng:Canonical } }
  UNION { ?dated a sem:Event ; prov:wasDerivedFrom [] ; ng:edtf [] FILTER NOT EXISTS { ?dated a ng:Canonical } }
  UNION { ?statement a schema:Quotation ; prov:wasDerivedFrom [] FILTER NOT EXISTS { ?statement a ng:Canonical } }
}
"""
DATES_QUERY = """
SELECT (MIN(?start) AS ?first) (MAX(?latest) AS ?last) WHERE {
  ?e a sem:Event ; ng:edtf ?date .
  OPTIONAL { ?e sem:hasEarliestBeginTimeStamp ?s }
  OPTIONAL { ?e sem:hasLatestBeginTimeStamp ?l }
  BIND (COALESCE(?s, ?l) AS ?start)
  BIND (COALESCE(?l, ?s) AS ?latest)
}
"""


def summarize(store: Store) -> Summary:
    """Counts of actors, events and statements in the store, and the date range."""
    row = store.query(SUMMARY_QUERY).rows[0] + store.query(DATES_QUERY).rows[0]
    values = [t.value if t is not None else None for t in row]
    ints = [int(v) if v is not None else 0 for v in values[:8]]
    return Summary(
        articles=ints[0], persons=ints[1], organizations=ints[2], places=ints[3], actors=ints[4],
        events=ints[5], dated_events=ints[6], statements=ints[7], first_date=values[8], last_date=values[9],
    )


def write_exports(store: Store, exports: Path, *, pages: bool = True) -> list[str]:
    """All RDF exports, the network page and the explorer into ``exports``."""
    from .export.explorer import explorer_data, write_explorer
    from .export.netgraph import store_to_networkx
    from .export.network import write_network
    from .export.rdf_export import export_rdf

    export_rdf(store, {fmt: exports / name for fmt, name in EXPORT_NAMES.items()})
    written = list(EXPORT_NAMES.values())
    if pages:
        network = store_to_networkx(store)
        data = explorer_data(store, network)
        write_network(network, exports / "network.html", data=data)
        write_explorer(store, exports / "explorer.html", graph=network, data=data)
        written += ["network.html", "explorer.html"]
    return written


def build(seeds: Path, store: Store, exports: Path | None, *, fresh: bool = False, pages: bool = True) -> Summary:
    """Load every seed into the store (one named graph each), then write the exports.

    Every article's graph is checked against the shapes before it is stored; with
    ``fresh`` the store is emptied first, so removed seeds disappear. In a store that holds
    a corpus, the corpus graph is marked stale (:func:`graph.store.stale.mark_corpus_stale`).
    """
    loaded = load_seeds(Path(seeds))
    graphs = [(str(graph_iri(ag.article.id)), to_rdf(ag)) for _source, ag in loaded]
    for (source, _ag), (_iri, graph) in zip(loaded, graphs):
        check(graph, source)
    if fresh:
        for iri in store.graph_iris():
            store.remove_graph(iri)
    from .corpusblocks import CORPUS_GRAPH
    from .store.stale import mark_corpus_stale

    if CORPUS_GRAPH in store.graph_iris():  # a corpus's articles change: its next ingest or rebuild reads them all
        mark_corpus_stale(store)
    for iri, graph in graphs:
        store.replace_graph(iri, graph)
    summary = summarize(store)
    if exports is not None:
        summary.written = write_exports(store, Path(exports), pages=pages)
    return summary


def relative(path: str | os.PathLike[str]) -> str:
    """A path for messages and exports: relative to the working directory when inside it."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return p.name


from . import callable_module  # noqa: E402

callable_module(__name__)  # graph.build(...) calls build()
