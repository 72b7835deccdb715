"""The main job: seed articles -> model -> RDF -> store -> exports/.

A seed is a curated annotation (``*.yaml``, ``*.yml``, ``*.json``) with its article text
beside it, or an article file (``.txt``, ``.md``, ``.html``) with no annotation, which is
then extracted automatically; its metadata comes from ``NAME.meta.yaml`` beside it.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from rdflib import Graph

from .annotations import load_annotation
from .errors import InputError, ShapeError
from .model import ArticleGraph
from .rdf import article_triples, graph_iri, to_rdf
from .store import Store
from .validate import validate_graph

ANNOTATION_SUFFIXES = (".yaml", ".yml", ".json")
ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
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


def seed_sources(seeds: Path) -> list[Path]:
    """The annotation files in ``seeds``, plus article files that have no annotation."""
    if not seeds.is_dir():
        raise InputError(f"{seeds}: no such folder of seeds")
    files = sorted(p for p in seeds.iterdir() if p.is_file() and not p.name.upper().startswith("README"))
    annotations = [p for p in files if p.suffix in ANNOTATION_SUFFIXES and not p.name.endswith(".meta.yaml")]
    covered = set()
    for ann in annotations:
        covered.update(p for p in files if p.stem == ann.stem and p.suffix in ARTICLE_SUFFIXES)
    articles = [p for p in files if p.suffix in ARTICLE_SUFFIXES and p not in covered]
    return annotations + articles


def _meta(path: Path) -> dict[str, object]:
    meta_path = path.with_name(path.stem + ".meta.yaml")
    if not meta_path.exists():
        return {}
    try:
        data = yaml.safe_load(meta_path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" line {mark.line + 1}" if mark else ""
        raise InputError(f"{meta_path}:{at}: malformed YAML") from None
    if not isinstance(data, dict):
        raise InputError(f"{meta_path}: must be a mapping of published, url, publisher, title")
    return data


def load_seed(path: Path, *, nlp: object | None = None) -> ArticleGraph:
    """A seed file as a model: curated when it is an annotation, else extracted."""
    if path.suffix in ANNOTATION_SUFFIXES:
        return load_annotation(path)
    import datetime as dt

    from .articles import read_article
    from .extract import extract

    meta = _meta(path)
    published = meta.get("published")
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    article = read_article(path, published=published, url=meta.get("url"), title=meta.get("title"),
                           publisher=meta.get("publisher"))
    return extract(article, nlp=nlp)


def check(graph: Graph, where: str) -> None:
    """Raise ShapeError when an article's graph does not conform to the shapes."""
    report = validate_graph(graph)
    if not report.conforms:
        raise ShapeError(f"{where}: the graph does not conform to the shapes ({report.violations} violations); "
                         f"run `newsgraph validate` for the report")


def load_into(store: Store, ag: ArticleGraph) -> None:
    """Replace the article's named graph in one transaction."""
    store.replace_graph(str(graph_iri(ag.article.id)), article_triples(ag))


SUMMARY_QUERY = """
SELECT
  (COUNT(DISTINCT ?article) AS ?articles)
  (COUNT(DISTINCT ?person) AS ?persons) (COUNT(DISTINCT ?org) AS ?orgs) (COUNT(DISTINCT ?place) AS ?places)
  (COUNT(DISTINCT ?actor) AS ?actors) (COUNT(DISTINCT ?event) AS ?events)
  (COUNT(DISTINCT ?dated) AS ?dated) (COUNT(DISTINCT ?statement) AS ?statements)
WHERE {
  { ?article a ng:Article } UNION { ?person a ng:Person ; ng:fromArticle [] }
  UNION { ?org a ng:Organization ; ng:fromArticle [] }
  UNION { ?place a ng:Place ; ng:fromArticle [] } UNION { ?actor a ng:Actor ; ng:fromArticle [] }
  UNION { ?event a ng:Event ; ng:fromArticle [] FILTER NOT EXISTS { ?event a ng:Statement } }
  UNION { ?dated a ng:Event ; ng:fromArticle [] ; ng:edtf ?date }
  UNION { ?statement a ng:Statement ; ng:fromArticle [] }
}
"""
DATES_QUERY = """
SELECT (MIN(?start) AS ?first) (MAX(?latest) AS ?last) WHERE {
  ?e a ng:Event ; ng:edtf ?date .
  OPTIONAL { ?e ng:earliestBegin ?s }
  OPTIONAL { ?e ng:latestBegin ?l }
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
    ``fresh`` the store is emptied first, so removed seeds disappear.
    """
    loaded = [(path, load_seed(path)) for path in seed_sources(Path(seeds))]
    graphs = [(str(graph_iri(ag.article.id)), to_rdf(ag)) for _path, ag in loaded]
    for (path, _ag), (_iri, graph) in zip(loaded, graphs):
        check(graph, str(path))
    if fresh:
        for iri in store.graph_iris():
            store.remove_graph(iri)
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
